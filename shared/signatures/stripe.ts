import { encodeDigest, looksLikeDigest } from './encoding.js';
import { hmac } from './hmac.js';
import { createHmacScheme } from './hmac-engine.js';
import type { SchemeRead } from './hmac-scheme.js';
import { doubledSignature, malformedSignature, oneHeader, prefixed } from './header-read.js';
import type { SignedRequest } from './scheme.js';
import { describeBadTimestamp, parseUnixSeconds } from './timestamp.js';

/**
 * Stripe: Stripe-Signature = "t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=…]" over "<t>.<body>",
 * keyed with the whsec_… secret text as is. Several v1 come while a secret is rolled. Like
 * stripe-node, only timestamps older than the tolerance are refused.
 */
export const stripeScheme = createHmacScheme({
  name: 'stripe',
  label: 'Stripe',
  signatureHeader: 'Stripe-Signature',
  format: 't=<unix seconds>,v1=<hex>',
  secretSource: 'the Stripe dashboard (Developers → Webhooks → Signing secret) or `stripe listen`',
  encoding: 'hex',
  secretKind: 'text',
  tolerance: { seconds: 300, rejectsFuture: false },
  read,
  sign: (input, key) => {
    const signed = prefixed(`${input.timestamp}.`, input.rawBody);
    return {
      ok: true,
      headers: [['Stripe-Signature', `t=${input.timestamp},v1=${encodeDigest(hmac('sha256', key, signed), 'hex')}`]],
      signedString: signed.toString('utf8'),
    };
  },
});

function read({ headers }: SignedRequest): SchemeRead {
  const header = oneHeader(headers, 'Stripe-Signature');
  if (!header.ok) return header.missing ? { kind: 'unsigned' } : doubledSignature('Stripe-Signature', header.values);
  // Read as stripe-node does: comma-separated key=value items; t once, v1 any number of times.
  const items = header.value.split(',').map((item) => {
    const at = item.indexOf('=');
    return at === -1 ? { key: item, value: '' } : { key: item.slice(0, at), value: item.slice(at + 1) };
  });
  const v1 = items.filter(({ key }) => key === 'v1').map(({ value }) => value);
  const t = items.filter(({ key }) => key === 't').map(({ value }) => value);
  if (v1.length === 0) {
    const onlyV0 = items.some(({ key }) => key === 'v0');
    return malformedSignature(
      onlyV0
        ? 'Stripe-Signature has only a v0 signature (legacy test mode); v1 is what is checked.'
        : 'Stripe-Signature holds no v1=<hex> signature.',
      header.value,
    );
  }
  if (!v1.some(looksLikeDigest)) return malformedSignature('No v1 signature in Stripe-Signature is hex.', header.value);
  const timestamp = t.length === 1 ? parseUnixSeconds(t[0]) : null;
  const problem =
    t.length === 0
      ? {
          cause: 'timestamp_missing' as const,
          reason: 'Stripe-Signature has no t=<unix seconds>, and the timestamp is part of what is signed.',
        }
      : timestamp === null
        ? { cause: 'timestamp_malformed' as const, reason: describeBadTimestamp('The t= of Stripe-Signature', t) }
        : undefined;
  return {
    kind: 'signed',
    parts: {
      received: header.value,
      signatures: v1,
      algorithm: 'sha256',
      timestamp,
      problem,
      signed: (body) => prefixed(`${t[0] ?? ''}.`, body),
      format: (digest) => `v1=${digest}`,
    },
  };
}
