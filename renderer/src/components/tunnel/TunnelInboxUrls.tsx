import { useInboxes } from '../../model/common/use-stores.js';
import { CopyButton } from '../common/CopyButton.js';

/** Every inbox's public URL, the one to paste at the sender, each with a copy button. */
export function TunnelInboxUrls() {
  const { inboxes } = useInboxes();
  const withUrl = inboxes.filter((inbox) => inbox.urls.tunnel);
  if (withUrl.length === 0) return null;
  return (
    <section className="tunnel-inbox-urls" aria-label="Public URL of each inbox">
      <h3 className="tunnel-panel__section-title">Inboxes</h3>
      <ul>
        {withUrl.map((inbox) => (
          <li key={inbox.id} data-testid="tunnel-inbox-url" data-inbox-slug={inbox.slug}>
            <span className="tunnel-inbox-urls__name" title={inbox.name}>
              {inbox.name}
            </span>
            <code title={inbox.urls.tunnel!}>{inbox.urls.tunnel}</code>
            <CopyButton text={inbox.urls.tunnel!} small title={`Copy the public URL of ${inbox.name}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
