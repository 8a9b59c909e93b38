import { useEffect, useState } from 'react';
import { deliveryExportFile } from '../../model/deliveries/delivery-exports.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { copyText } from '../../services/common/clipboard.js';
import { ExportFileLink } from '../common/ExportFileLink.js';
import { ExportMenuShell } from '../common/ExportMenuShell.js';

type CopyState = 'idle' | 'copying' | 'copied' | 'failed';

/** One delivery out of Hookbench: the engine's cURL script (exact bytes, binary too), a HAR file, the JSON record. */
export function DeliveryExportMenu({ deliveryId }: { deliveryId: string }) {
  const { exports } = useWorkbench();
  const [copy, setCopy] = useState<CopyState>('idle');

  useEffect(() => {
    if (copy !== 'copied' && copy !== 'failed') return;
    const timer = setTimeout(() => setCopy('idle'), 1500);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyCurl = () => {
    setCopy('copying');
    exports
      .curlScript(deliveryId)
      .then(copyText)
      .then(
        () => setCopy('copied'),
        () => setCopy('failed'),
      );
  };

  return (
    <ExportMenuShell testId="export-menu" label="Export this delivery">
      <button
        type="button"
        role="menuitem"
        className="export-menu__item"
        onClick={copyCurl}
        data-testid="export-curl"
        data-copy-state={copy}
      >
        <span>
          {copy === 'copied'
            ? 'Copied the cURL script'
            : copy === 'failed'
              ? 'Copy failed'
              : copy === 'copying'
                ? 'Copying…'
                : 'Copy as cURL script'}
        </span>
        <small>Re-sends the exact bytes; run it with sh</small>
      </button>
      <ExportFileLink file={deliveryExportFile(deliveryId, 'har')} className="export-menu__item" testId="export-har">
        <span>Download HAR</span>
        <small>Request and response, HAR 1.2</small>
      </ExportFileLink>
      <ExportFileLink file={deliveryExportFile(deliveryId, 'json')} className="export-menu__item" testId="export-json">
        <span>Download JSON</span>
        <small>The full record, as the API returns it</small>
      </ExportFileLink>
    </ExportMenuShell>
  );
}
