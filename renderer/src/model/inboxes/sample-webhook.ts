import { shellQuote } from '../common/shell-quote.js';

/** A small InboundFlow call.completed, so the first thing a new user sends shows the domain view too. */
export const SAMPLE_EVENT = {
  event: 'call.completed',
  data: { caller_name: 'Dave', summary: 'Wants a brake inspection for a 2019 Civic.', urgency: 'medium' },
};

/** A one-line curl that posts the sample event to a receiver URL. */
export function sampleWebhookCurl(url: string): string {
  return [
    'curl',
    shellQuote(url),
    '-H',
    shellQuote('Content-Type: application/json'),
    '-H',
    shellQuote('X-InboundFlow-Event: call.completed'),
    '--data-binary',
    shellQuote(JSON.stringify(SAMPLE_EVENT)),
  ].join(' ');
}
