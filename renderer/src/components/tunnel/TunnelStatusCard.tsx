import type { TunnelSettingsView, TunnelStatus } from '../../../../shared/api/tunnel-routes.js';
import { formatRelativeTime } from '../../model/common/relative-time.js';
import { providerInfo } from '../../model/tunnel/tunnel-providers.js';
import {
  failedForCloudflared,
  probeView,
  shownPublicUrl,
  tunnelStateWord,
  tunnelStatusNote,
  tunnelTone,
  urlStabilityText,
} from '../../model/tunnel/tunnel-status-view.js';
import { CopyButton } from '../common/CopyButton.js';
import { CloudflaredDownloadButton } from './CloudflaredDownloadButton.js';
import { TunnelIcon } from './TunnelIcon.js';

interface TunnelStatusCardProps {
  status: TunnelStatus;
  settings: TunnelSettingsView | null;
  now: number;
  probing: boolean;
  onProbe: () => void;
}

/** What runs now: state and since when, the public URL and whether it lasts, the last probe, and what went wrong with its fix. */
export function TunnelStatusCard({ status, settings, now, probing, onProbe }: TunnelStatusCardProps) {
  const tone = tunnelTone(status);
  const url = shownPublicUrl(status);
  const probe = probeView(status, now);
  const note = tunnelStatusNote(status, now);
  const canProbe = url !== null && (status.status === 'online' || status.status === 'degraded');

  return (
    <div className={`tunnel-status tunnel-status--${tone}`} data-testid="tunnel-status-card" data-status={status.status} data-tone={tone}>
      <div className="tunnel-status__head">
        <span className={`tunnel-status__state tunnel-tone--${tone}`}>
          <TunnelIcon tone={tone} />
          {tunnelStateWord(status)}
        </span>
        <span className="tunnel-status__provider" data-testid="tunnel-status-provider">
          {status.provider ? providerInfo(status.provider).title : 'Tunnel'}
        </span>
        <time className="tunnel-status__since" dateTime={status.since} title={status.since}>
          since {formatRelativeTime(status.since, now).replace(/ ago$/, '')}
        </time>
      </div>

      {url && (
        <dl className="tunnel-status__facts">
          <div>
            <dt>URL</dt>
            <dd className="tunnel-status__url">
              <code data-testid="tunnel-public-url" title={url}>
                {url}
              </code>
              <CopyButton text={url} small title="Copy the public URL" testId="tunnel-public-url-copy" />
            </dd>
          </div>
          {status.host_url && (
            <div>
              <dt>Host URL</dt>
              <dd className="tunnel-status__url">
                <code data-testid="tunnel-host-url">{status.host_url}</code>
                <CopyButton text={status.host_url} small title="Copy the host-based public URL" />
              </dd>
            </div>
          )}
          <div>
            <dt>Lasts</dt>
            <dd data-testid="tunnel-url-stability" data-stable={status.url_stable}>
              {urlStabilityText(status)}
            </dd>
          </div>
          <div>
            <dt>Probe</dt>
            <dd className="tunnel-status__probe">
              {probe ? (
                <span data-testid="tunnel-probe" data-ok={probe.ok} className={`tunnel-tone--${probe.tone}`}>
                  <strong data-testid="tunnel-probe-result">{probe.ok ? `${probe.result} round trip` : 'failed'}</strong>
                  <span className="tunnel-status__when" data-testid="tunnel-probe-when">
                    {' '}
                    · <time dateTime={status.probe!.at}>{probe.when}</time>
                  </span>
                </span>
              ) : (
                <span className="muted" data-testid="tunnel-probe" data-ok="none">
                  not yet
                </span>
              )}
              {canProbe && (
                <button type="button" className="button button--small" disabled={probing} onClick={onProbe} data-testid="tunnel-probe-now">
                  {probing ? 'Probing…' : 'Probe now'}
                </button>
              )}
            </dd>
          </div>
        </dl>
      )}

      {note && (
        <div
          className={`tunnel-note tunnel-note--${note.tone}`}
          role={note.tone === 'danger' || note.tone === 'warning' ? 'alert' : 'status'}
        >
          <p data-testid={status.error ? 'tunnel-error' : 'tunnel-note'} data-code={status.error?.code ?? ''}>
            {note.text}
          </p>
          {note.fix && (
            <p className="tunnel-note__fix" data-testid="tunnel-error-fix">
              <strong>Fix:</strong> {note.fix}
            </p>
          )}
          {failedForCloudflared(status) && settings?.cloudflare.download_available && <CloudflaredDownloadButton />}
        </div>
      )}
    </div>
  );
}
