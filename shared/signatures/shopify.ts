import { encodeDigest, looksLikeDigest } from './encoding.js';
import { hmac } from './hmac.js';
import { createHmacScheme } from './hmac-engine.js';
import type { SchemeRead } from './hmac-scheme.js';
import { doubledSignature, malformedSignature, oneHeader } from './header-read.js';
import type { SignedRequest } from './scheme.js';

/** Shopify: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body, keyed with the app's client secret text. */
export const shopifyScheme = createHmacScheme({
  name: 'shopify',
  label: 'Shopify',
  signatureHeader: 'X-Shopify-Hmac-Sha256',
  format: '<base64 HMAC-SHA256 of the body>',
  secretSource: "the app's client secret (Partner Dashboard → Apps → API credentials), or the store's Notifications settings",
  encoding: 'base64',
  secretKind: 'text',
  tolerance: null,
  read,
  sign: (input, key) => ({
    ok: true,
    headers: [['X-Shopify-Hmac-Sha256', encodeDigest(hmac('sha256', key, input.rawBody), 'base64')]],
    signedString: input.rawBody.toString('utf8'),
  }),
});

function read({ headers }: SignedRequest): SchemeRead {
  const header = oneHeader(headers, 'X-Shopify-Hmac-Sha256');
  if (!header.ok) return header.missing ? { kind: 'unsigned' } : doubledSignature('X-Shopify-Hmac-Sha256', header.values);
  if (!looksLikeDigest(header.value)) return malformedSignature('X-Shopify-Hmac-Sha256 is not a base64 digest.', header.value);
  return {
    kind: 'signed',
    parts: {
      received: header.value,
      signatures: [header.value],
      algorithm: 'sha256',
      timestamp: null,
      signed: (body) => body,
      format: (encoded) => encoded,
    },
  };
}
