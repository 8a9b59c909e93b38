import type { CustomSchemeConfig } from '../custom-config.js';
import type { SchemeName } from '../scheme.js';
import { customSnippets } from './custom.js';
import { githubSnippets } from './github.js';
import { inboundflowSnippets } from './inboundflow.js';
import { shopifySnippets } from './shopify.js';
import { slackSnippets } from './slack.js';
import type { SchemeSnippets } from './snippet.js';
import { standardWebhooksSnippets } from './standard-webhooks.js';
import { stripeSnippets } from './stripe.js';
import { twilioSnippets } from './twilio.js';

export type { SchemeSnippets, SnippetLanguage, VerifySnippet } from './snippet.js';
export { PUBLIC_URL_ENV } from './snippet.js';

const BUILT_IN: Record<Exclude<SchemeName, 'custom'>, SchemeSnippets> = {
  inboundflow: inboundflowSnippets,
  'standard-webhooks': standardWebhooksSnippets,
  stripe: stripeSnippets,
  github: githubSnippets,
  shopify: shopifySnippets,
  slack: slackSnippets,
  twilio: twilioSnippets,
};

/** Verification code for one scheme; a custom scheme's is written from its config. */
export function verifySnippets(scheme: Exclude<SchemeName, 'custom'>): SchemeSnippets;
export function verifySnippets(scheme: 'custom', config: CustomSchemeConfig): SchemeSnippets;
export function verifySnippets(scheme: SchemeName, config?: CustomSchemeConfig): SchemeSnippets {
  if (scheme === 'custom') return customSnippets(config as CustomSchemeConfig);
  return BUILT_IN[scheme];
}
