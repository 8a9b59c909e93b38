import { encodeDigest, looksLikeDigest } from './encoding.js';
import { hmac } from './hmac.js';
import { createHmacScheme } from './hmac-engine.js';
import type { SchemeRead } from './hmac-scheme.js';
import { doubledSignature, headerValues, malformedSignature, oneHeader, prefixed, readTimestamp } from './header-read.js';
import type { SignedRequest } from './scheme.js';

/**
 * Standard Webhooks (standardwebhooks.com; Svix and the services built on it):
 * webhook-signature = space-separated "v1,<base64 HMAC-SHA256>" over "<webhook-id>.<webhook-timestamp>.<body>",
 * keyed with the base64 bytes after whsec_. Several signatures come during a secret rotation. Svix's
 * older svix-id / svix-timestamp / svix-signature headers carry the same scheme.
 */
export const standardWebhooksScheme = createHmacScheme({
  name: 'standard-webhooks',
  label: 'Standard Webhooks',
  signatureHeader: 'webhook-signature',
  timestampHeader: 'webhook-timestamp',
  idHeader: 'webhook-id',
  format: 'space-separated v1,<base64> signatures',
  secretSource: "the sender's webhook settings (a whsec_… secret)",
  encoding: 'base64',
  secretKind: 'base64',
  tolerance: { seconds: 300, rejectsFuture: true },
  read,
  sign: (input, key) => {
    if (!input.id) return { ok: false, reason: 'Standard Webhooks signs a message id: give one (it is sent as webhook-id).' };
    const signed = prefixed(`${input.id}.${input.timestamp}.`, input.rawBody);
    return {
      ok: true,
      headers: [
        ['webhook-id', input.id],
        ['webhook-timestamp', String(input.timestamp)],
        ['webhook-signature', `v1,${encodeDigest(hmac('sha256', key, signed), 'base64')}`],
      ],
      signedString: signed.toString('utf8'),
    };
  },
});

function read({ headers }: SignedRequest): SchemeRead {
  const family =
    headerValues(headers, 'webhook-signature').length > 0 ? 'webhook' : headerValues(headers, 'svix-signature').length > 0 ? 'svix' : null;
  if (family === null) return { kind: 'unsigned' };
  const header = oneHeader(headers, `${family}-signature`);
  if (!header.ok) return doubledSignature(`${family}-signature`, header.values);
  const entries = header.value.split(' ').filter((entry) => entry.length > 0);
  const v1 = entries.filter((entry) => entry.startsWith('v1,')).map((entry) => entry.slice(3));
  if (v1.length === 0) {
    const asymmetric = entries.some((entry) => entry.startsWith('v1a,'));
    return malformedSignature(
      asymmetric
        ? 'The delivery carries only v1a (asymmetric, ed25519) signatures; Hookbench checks v1 (HMAC) signatures.'
        : `${family}-signature holds no "v1,<base64>" signature.`,
      header.value,
    );
  }
  if (!v1.some(looksLikeDigest)) return malformedSignature(`No v1 signature in ${family}-signature is base64.`, header.value);

  const id = oneHeader(headers, `${family}-id`);
  const timestamp = readTimestamp(headers, `${family}-timestamp`);
  const problem = !id.ok
    ? {
        cause: 'id_missing' as const,
        reason: `The delivery has ${id.missing ? 'no' : 'more than one'} ${family}-id header, and the id is part of what is signed.`,
      }
    : 'problem' in timestamp
      ? timestamp.problem
      : undefined;
  const idText = id.ok ? id.value : '';
  const timestampText = 'text' in timestamp ? timestamp.text : '';
  return {
    kind: 'signed',
    parts: {
      received: header.value,
      signatures: v1,
      algorithm: 'sha256',
      timestamp: 'timestamp' in timestamp ? timestamp.timestamp : null,
      problem,
      signed: (body) => prefixed(`${idText}.${timestampText}.`, body),
      format: (digest) => `v1,${digest}`,
    },
  };
}
