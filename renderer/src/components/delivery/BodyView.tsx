import { useMemo, useState } from 'react';
import type { Body } from '../../../../shared/api/common.js';
import { bodyBytes, bodyText, isEmptyBody } from '../../model/delivery/body-bytes.js';
import {
  defaultBodyMode,
  isLargeJson,
  parseBodyJson,
  parseJsonTreeForced,
  type BodyViewMode,
} from '../../model/delivery/body-view-mode.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import { hexDumpText } from '../../model/delivery/hex-dump.js';
import { BodyDownloadButton } from './BodyDownloadButton.js';
import { CopyButton } from '../common/CopyButton.js';
import { HexView } from './HexView.js';
import { JsonTree } from './JsonTree.js';
import { PrettyJsonLines } from './PrettyJsonLines.js';
import { RawText } from './RawText.js';
import './BodyView.css';

const MODE_LABELS: Record<BodyViewMode, string> = { tree: 'JSON', raw: 'Raw', hex: 'Hex' };

/** A body three ways: JSON tree (syntax coloured, collapsible), raw text, hex. Everything renders as text nodes. */
export function BodyView({ body, testId, inline = false, fileName }: { body: Body; testId: string; inline?: boolean; fileName?: string }) {
  const autoJson = useMemo(() => parseBodyJson(body), [body]);
  const large = useMemo(() => isLargeJson(body), [body]);
  const [mode, setMode] = useState<BodyViewMode>(() => defaultBodyMode(body, autoJson));
  const text = useMemo(() => (mode === 'raw' ? bodyText(body) : ''), [body, mode]);
  const bytes = useMemo(() => (mode === 'hex' ? bodyBytes(body) : null), [body, mode]);
  const json = useMemo(() => (mode === 'tree' && !large ? (autoJson ?? parseJsonTreeForced(body)) : null), [autoJson, body, mode, large]);
  const shownMode = mode === 'tree' && large ? 'pretty' : mode;

  if (isEmptyBody(body)) {
    return (
      <p className="muted" data-testid={testId} data-mode="empty">
        No body.
      </p>
    );
  }

  const modes: BodyViewMode[] = body.encoding === 'utf8' ? ['tree', 'raw', 'hex'] : ['hex', 'raw'];
  return (
    <div className={`body-view ${inline ? 'body-view--inline' : ''}`}>
      <div className="tab-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Body view">
          {modes.map((candidate) => (
            <button
              key={candidate}
              type="button"
              role="radio"
              aria-checked={mode === candidate}
              className={`segmented__option ${mode === candidate ? 'segmented__option--active' : ''}`}
              onClick={() => setMode(candidate)}
            >
              {MODE_LABELS[candidate]}
            </button>
          ))}
        </div>
        <span className="muted">
          {formatByteSize(body.size)} · {body.encoding === 'utf8' ? 'UTF-8 text' : 'binary'}
        </span>
        {fileName && <BodyDownloadButton body={body} fileName={fileName} testId={`${testId}-download`} />}
        {body.encoding === 'utf8' ? (
          <CopyButton text={body.data} label="Copy body" small testId={`${testId}-copy`} />
        ) : (
          <>
            <CopyButton text={body.data} label="Copy base64" small testId={`${testId}-copy`} />
            <CopyButton text={() => hexDumpText(bodyBytes(body))} label="Copy hex" small />
          </>
        )}
      </div>
      <div className={`body-view__content body-view__content--${shownMode}`} data-testid={testId} data-mode={shownMode}>
        {shownMode === 'pretty' && <PrettyJsonLines text={body.data} />}
        {mode === 'tree' && json && (json.ok ? <JsonTree root={json.root} /> : <JsonError message={json.message} offset={json.offset} />)}
        {mode === 'raw' && <RawText text={text} />}
        {mode === 'hex' && bytes && <HexView bytes={bytes} />}
      </div>
    </div>
  );
}

function JsonError({ message, offset }: { message: string; offset: number }) {
  return (
    <p className="body-view__notice">
      Not valid JSON: {message} at character {offset.toLocaleString()}. The Raw view shows it exactly as sent.
    </p>
  );
}
