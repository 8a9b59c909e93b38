import { useContext } from 'react';
import { EngineHealthContext } from '../../model/common/engine-health-context.js';
import { sampleWebhookCurl } from '../../model/inboxes/sample-webhook.js';
import { useInboxes } from '../../model/common/use-stores.js';
import { GetPublicUrlCard } from '../tunnel/GetPublicUrlCard.js';
import { CommandSnippet } from '../common/CommandSnippet.js';
import { ReceiverUrls } from '../inboxes/ReceiverUrls.js';
import './EmptyInbox.css';

/** The first screen: where to send webhooks, a command that does it, and what will show up. */
export function EmptyInbox() {
  const health = useContext(EngineHealthContext);
  const { inboxes } = useInboxes();
  const inbox = inboxes.find((candidate) => candidate.slug === 'default') ?? inboxes[0];
  const urls = inbox?.urls ?? (health ? { http: health.receiver.http, https: health.receiver.https, tunnel: null } : null);

  return (
    <div className="empty-inbox" data-testid="empty-inbox">
      <h2>
        <span className="empty-inbox__pulse" aria-hidden="true">
          <span />
        </span>
        Waiting for the first webhook
      </h2>
      <p className="muted">
        Point InboundFlow, Stripe, GitHub or plain curl at{' '}
        {inbox ? (
          <>
            the <strong>{inbox.name}</strong> inbox
          </>
        ) : (
          'Hookbench'
        )}
        . Any method, any path.
      </p>
      {urls && (
        <>
          <ReceiverUrls urls={urls} />
          {!urls.tunnel && <GetPublicUrlCard />}
          <h3>Try it now</h3>
          <CommandSnippet command={sampleWebhookCurl(urls.http)} testId="empty-inbox-curl" />
        </>
      )}
      <h3>What you will see</h3>
      <ul className="empty-inbox__list">
        <li>Each request as a row the moment it arrives, with the status Hookbench answered.</li>
        <li>InboundFlow events decoded: caller, summary, intent, urgency, appointment.</li>
        <li>Headers in arrival order, and the body byte for byte as JSON, text or hex.</li>
        <li>A ready curl command that sends the same request again.</li>
      </ul>
    </div>
  );
}
