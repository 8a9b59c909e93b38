import { useWorkbench } from '../../model/common/workbench-context.js';
import './GetPublicUrlCard.css';

/** The empty inbox's way to the tunnel: senders on the internet need a public URL, and Cloudflare needs no account. */
export function GetPublicUrlCard() {
  const { tunnelPanel } = useWorkbench();
  return (
    <section className="public-url-card" data-testid="get-public-url">
      <svg className="public-url-card__icon" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
        <g fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="10" cy="10" r="8" />
          <path d="M2 10h16M10 2c2.4 2.2 3.6 4.9 3.6 8s-1.2 5.8-3.6 8c-2.4-2.2-3.6-4.9-3.6-8S7.6 4.2 10 2Z" />
        </g>
      </svg>
      <div className="public-url-card__body">
        <h3 className="public-url-card__title">Get a public URL: Cloudflare, no account needed</h3>
        <p>
          InboundFlow, Stripe and GitHub send from the internet, so they need an HTTPS URL that reaches this machine. A Cloudflare quick
          tunnel gives you one in a click; ngrok, localtunnel and your own relay are in the same panel.
        </p>
      </div>
      <button
        type="button"
        className="button button--primary"
        onClick={() => tunnelPanel.open('cloudflare')}
        data-testid="get-public-url-open"
      >
        Get a public URL
      </button>
    </section>
  );
}
