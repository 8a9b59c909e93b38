import type { Inbox } from '../../../../shared/api/inboxes.js';
import { CopyButton } from '../common/CopyButton.js';
import './ReceiverUrls.css';

/** An inbox's receiver URLs (HTTP, HTTPS, and the tunnel when connected), each with a copy button. */
export function ReceiverUrls({ urls }: { urls: Inbox['urls'] }) {
  const rows: [string, string][] = [
    ['HTTP', urls.http],
    ['HTTPS', urls.https],
  ];
  if (urls.tunnel) rows.push(['Tunnel', urls.tunnel]);
  return (
    <dl className="receiver-urls">
      {rows.map(([label, url]) => (
        <div className="receiver-urls__row" key={label}>
          <dt>{label}</dt>
          <dd>
            <code className="receiver-urls__url" data-testid={`receiver-url-${label.toLowerCase()}`}>
              {url}
            </code>
            <CopyButton text={url} small title={`Copy the ${label} URL`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
