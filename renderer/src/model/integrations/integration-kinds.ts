import type { IntegrationKind } from '../../../../shared/api/integrations.js';
import type { z } from 'zod';

export type Kind = z.infer<typeof IntegrationKind>;

export interface KindInfo {
  kind: Kind;
  title: string;
  /** InboundFlow's own line for the service (Settings → Integrations). */
  tagline: string;
  urlPlaceholder: string;
  /** Where the user finds the URL to paste. */
  urlHelp: string;
}

/** The four cards of InboundFlow's Integrations page, in its order. */
export const INTEGRATION_KINDS: readonly KindInfo[] = [
  {
    kind: 'zapier',
    title: 'Zapier',
    tagline: 'Connect to 5,000+ apps',
    urlPlaceholder: 'https://hooks.zapier.com/hooks/catch/123456/abcdef/',
    urlHelp: 'In your Zap, add the “Webhooks by Zapier → Catch Hook” trigger and copy its URL.',
  },
  {
    kind: 'make',
    title: 'Make',
    tagline: 'Advanced workflow automation',
    urlPlaceholder: 'https://hook.eu1.make.com/abcdefghijklmnop',
    urlHelp: 'In your scenario, add a “Webhooks → Custom webhook” module and copy its address.',
  },
  {
    kind: 'n8n',
    title: 'n8n',
    tagline: 'Self-hosted automation',
    urlPlaceholder: 'https://n8n.example.com/webhook/inboundflow',
    urlHelp: 'Copy the Production URL of your workflow’s Webhook node (/webhook/…, not /webhook-test/…).',
  },
  {
    kind: 'custom',
    title: 'Custom Webhook',
    tagline: 'Any URL that accepts HTTP POST',
    urlPlaceholder: 'https://api.example.com/webhooks/inboundflow',
    urlHelp: 'Any HTTPS endpoint that accepts a JSON POST and answers 2xx within 10 seconds.',
  },
];

export function kindInfo(kind: Kind): KindInfo {
  return INTEGRATION_KINDS.find((info) => info.kind === kind)!;
}
