import { useTunnel } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';

/** Fetches Hookbench's pinned cloudflared (SHA-256 checked by the engine) into the data dir, and says how that went. */
export function CloudflaredDownloadButton() {
  const { tunnel } = useWorkbench();
  const { download } = useTunnel();
  return (
    <div className="tunnel-download" data-testid="tunnel-download" data-state={download.state}>
      <button
        type="button"
        className="button button--small"
        disabled={download.state === 'busy'}
        onClick={() => void tunnel.downloadCloudflared()}
        data-testid="tunnel-download-cloudflared"
      >
        {download.state === 'busy'
          ? 'Downloading cloudflared…'
          : download.state === 'failed'
            ? 'Try the download again'
            : 'Download cloudflared'}
      </button>
      {download.state === 'done' && (
        <span className="tunnel-download__done" role="status">
          cloudflared {download.result.version} saved to <code>{download.result.path}</code>, checksum verified
        </span>
      )}
      {download.state === 'failed' && (
        <span className="error-text" role="alert" data-testid="tunnel-download-error">
          {download.error}
        </span>
      )}
    </div>
  );
}
