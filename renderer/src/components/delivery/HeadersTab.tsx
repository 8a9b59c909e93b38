import type { RawHeaders } from '../../../../shared/api/common.js';
import { headersText } from '../../model/delivery/header-list.js';
import { CopyButton } from '../common/CopyButton.js';
import { HeaderTable } from './HeaderTable.js';

export function HeadersTab({ headers }: { headers: RawHeaders }) {
  return (
    <section aria-label="Request headers">
      <div className="tab-toolbar">
        <span className="muted">{headers.length} headers, in the order they arrived</span>
        <CopyButton text={headersText(headers)} label="Copy all" small testId="copy-headers" />
      </div>
      <HeaderTable headers={headers} testId="request-headers" />
    </section>
  );
}
