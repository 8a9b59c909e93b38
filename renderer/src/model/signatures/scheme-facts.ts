import type { SchemeName } from '../../../../shared/api/signatures.js';
import type { CustomSchemeConfig } from '../../../../shared/signatures/custom-config.js';

/** How a scheme signs, in the words the Signature tab walks through. */
export interface SchemeFacts {
  /** The header carrying the signature. */
  header: string;
  /** What is signed, e.g. "<webhook-id>.<webhook-timestamp>.<raw body bytes>". */
  signedString: string;
  /** The MAC and how it is written, e.g. "HMAC-SHA256, base64". */
  digest: string;
}

const FACTS: Record<Exclude<SchemeName, 'custom'>, SchemeFacts> = {
  inboundflow: {
    header: 'X-InboundFlow-Signature',
    signedString: '<X-InboundFlow-Timestamp>.<raw body bytes>',
    digest: 'HMAC-SHA256, hex',
  },
  'standard-webhooks': {
    header: 'webhook-signature',
    signedString: '<webhook-id>.<webhook-timestamp>.<raw body bytes>',
    digest: 'HMAC-SHA256 with the base64-decoded whsec_ secret, base64',
  },
  stripe: { header: 'Stripe-Signature', signedString: '<t>.<raw body bytes>', digest: 'HMAC-SHA256, hex (v1=)' },
  github: { header: 'X-Hub-Signature-256', signedString: '<raw body bytes>', digest: 'HMAC-SHA256, hex (sha256=)' },
  shopify: { header: 'X-Shopify-Hmac-Sha256', signedString: '<raw body bytes>', digest: 'HMAC-SHA256, base64' },
  slack: { header: 'X-Slack-Signature', signedString: 'v0:<X-Slack-Request-Timestamp>:<raw body bytes>', digest: 'HMAC-SHA256, hex (v0=)' },
  twilio: {
    header: 'X-Twilio-Signature',
    signedString: '<public URL><form parameters sorted by name> (JSON: the URL with bodySHA256)',
    digest: 'HMAC-SHA1 with the auth token, base64',
  },
};

const algorithmName = (algorithm: CustomSchemeConfig['algorithm']) => `HMAC-${algorithm.toUpperCase().replace('SHA', 'SHA-')}`;

/** The facts of a scheme; a custom one's come from its description (null when it is not at hand). */
export function schemeFacts(scheme: SchemeName, custom: CustomSchemeConfig | null = null): SchemeFacts | null {
  if (scheme !== 'custom') return FACTS[scheme];
  if (!custom) return null;
  return {
    header: custom.header,
    signedString: custom.template,
    digest: `${algorithmName(custom.algorithm)}, ${custom.encoding}${custom.prefix ? ` (${custom.prefix})` : ''}`,
  };
}
