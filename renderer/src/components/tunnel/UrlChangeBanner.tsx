import { formatExactTime } from '../../model/common/relative-time.js';
import { urlChangeToShow } from '../../model/tunnel/tunnel-status-view.js';
import { useTunnel } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { CopyButton } from '../common/CopyButton.js';
import { TunnelIcon } from './TunnelIcon.js';
import './UrlChangeBanner.css';

/** The public URL changed under the sender: old and new side by side, the new one to copy, until dismissed. */
export function UrlChangeBanner() {
  const { tunnel } = useWorkbench();
  const { status, urlChange, dismissedUrlChangeAt } = useTunnel();
  const change = urlChangeToShow(status, urlChange, dismissedUrlChangeAt);
  if (!change) return null;
  return (
    <section className="url-change-banner" role="alert" data-testid="url-change-banner" data-at={change.at}>
      <TunnelIcon tone="warning" size={16} />
      <div className="url-change-banner__body">
        <h4>Your public URL changed: update the webhook at the sender</h4>
        <dl className="url-change-banner__urls">
          <dt>Old</dt>
          <dd>
            <code className="url-change-banner__old" data-testid="url-change-old">
              {change.from}
            </code>
          </dd>
          <dt>New</dt>
          <dd>
            <code data-testid="url-change-new">{change.to}</code>
            <CopyButton text={change.to} small label="Copy new URL" title="Copy the new public URL" testId="url-change-copy" />
          </dd>
        </dl>
        <time className="url-change-banner__when" dateTime={change.at}>
          Changed {formatExactTime(change.at, { milliseconds: false })}
        </time>
      </div>
      <button
        type="button"
        className="button button--small button--ghost"
        onClick={() => tunnel.dismissUrlChange(change.at)}
        data-testid="url-change-dismiss"
      >
        Dismiss
      </button>
    </section>
  );
}
