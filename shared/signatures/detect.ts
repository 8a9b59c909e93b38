import { type HeaderPairs, headerValues } from '../inboundflow/headers.js';
import type { SchemeName } from './scheme.js';

/** The headers that give each sender away, most specific first; `custom` has none. */
const SIGNATURE_HEADERS: ReadonlyArray<{ scheme: Exclude<SchemeName, 'custom'>; header: string }> = [
  { scheme: 'inboundflow', header: 'X-InboundFlow-Signature' },
  { scheme: 'standard-webhooks', header: 'webhook-signature' },
  { scheme: 'standard-webhooks', header: 'svix-signature' },
  { scheme: 'stripe', header: 'Stripe-Signature' },
  { scheme: 'github', header: 'X-Hub-Signature-256' },
  { scheme: 'github', header: 'X-Hub-Signature' },
  { scheme: 'shopify', header: 'X-Shopify-Hmac-Sha256' },
  { scheme: 'slack', header: 'X-Slack-Signature' },
  { scheme: 'twilio', header: 'X-Twilio-Signature' },
];

export interface DetectedScheme {
  scheme: Exclude<SchemeName, 'custom'>;
  /** The header that gave it away, spelled as the sender documents it. */
  header: string;
}

/** What `auto` picks: the scheme whose signature header the delivery carries, or null. */
export function detectScheme(headers: HeaderPairs): DetectedScheme | null {
  return detectSchemes(headers)[0] ?? null;
}

/** Every scheme whose signature header is present, in the order `auto` prefers them. */
export function detectSchemes(headers: HeaderPairs): DetectedScheme[] {
  const found = SIGNATURE_HEADERS.filter(({ header }) => headerValues(headers, header).length > 0);
  return found.filter((entry, index) => found.findIndex((other) => other.scheme === entry.scheme) === index);
}

/** Signature values whose shape belongs to one sender, for "this is another scheme's signature". */
const VALUE_SHAPES: ReadonlyArray<{ pattern: RegExp; label: string; schemes: SchemeName[] }> = [
  { pattern: /^t=\d+,(?:.*,)?v1=/, label: 'a Stripe-Signature value (t=…,v1=…)', schemes: ['stripe'] },
  { pattern: /^v1,[A-Za-z0-9+/]+=*(?: |$)/, label: 'a Standard Webhooks signature (v1,<base64>)', schemes: ['standard-webhooks'] },
  { pattern: /^v0=[0-9a-f]{64}$/, label: 'a Slack signature (v0=<hex>)', schemes: ['slack'] },
  { pattern: /^sha256=[0-9a-f]{64}$/, label: 'a GitHub or InboundFlow signature (sha256=<hex>)', schemes: ['github', 'inboundflow'] },
  { pattern: /^sha1=[0-9a-f]{40}$/, label: "GitHub's legacy SHA-1 signature (sha1=<hex>, from X-Hub-Signature)", schemes: ['github'] },
];

/** Names the scheme a signature value looks like, when it is not `own`'s shape. */
export function foreignSignatureShape(value: string, own: SchemeName): string | null {
  const shape = VALUE_SHAPES.find(({ pattern }) => pattern.test(value));
  return shape && !shape.schemes.includes(own) ? shape.label : null;
}
