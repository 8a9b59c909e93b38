import { encodeDigest, looksLikeDigest } from './encoding.js';
import { hmac } from './hmac.js';
import { createHmacScheme } from './hmac-engine.js';
import type { SchemeRead } from './hmac-scheme.js';
import { doubledSignature, malformedSignature, oneHeader, prefixed, readTimestamp } from './header-read.js';
import type { SignedRequest } from './scheme.js';

/**
 * Slack: X-Slack-Signature = "v0=<hex HMAC-SHA256>" over "v0:<X-Slack-Request-Timestamp>:<body>",
 * keyed with the app's signing secret text; Slack's docs refuse timestamps more than five minutes away.
 */
export const slackScheme = createHmacScheme({
  name: 'slack',
  label: 'Slack',
  signatureHeader: 'X-Slack-Signature',
  timestampHeader: 'X-Slack-Request-Timestamp',
  format: 'v0=<hex>',
  secretSource: "the app's Basic Information page on api.slack.com (Signing Secret)",
  encoding: 'hex',
  secretKind: 'text',
  tolerance: { seconds: 300, rejectsFuture: true },
  read,
  sign: (input, key) => {
    const signed = prefixed(`v0:${input.timestamp}:`, input.rawBody);
    return {
      ok: true,
      headers: [
        ['X-Slack-Request-Timestamp', String(input.timestamp)],
        ['X-Slack-Signature', `v0=${encodeDigest(hmac('sha256', key, signed), 'hex')}`],
      ],
      signedString: signed.toString('utf8'),
    };
  },
});

function read({ headers }: SignedRequest): SchemeRead {
  const header = oneHeader(headers, 'X-Slack-Signature');
  if (!header.ok) return header.missing ? { kind: 'unsigned' } : doubledSignature('X-Slack-Signature', header.values);
  if (!header.value.startsWith('v0=')) return malformedSignature('X-Slack-Signature does not start with "v0=".', header.value);
  const digest = header.value.slice(3);
  if (!looksLikeDigest(digest)) return malformedSignature('X-Slack-Signature has no hex digest after "v0=".', header.value);
  const timestamp = readTimestamp(headers, 'X-Slack-Request-Timestamp');
  const text = 'text' in timestamp ? timestamp.text : '';
  return {
    kind: 'signed',
    parts: {
      received: header.value,
      signatures: [digest],
      algorithm: 'sha256',
      timestamp: 'timestamp' in timestamp ? timestamp.timestamp : null,
      problem: 'problem' in timestamp ? timestamp.problem : undefined,
      signed: (body) => prefixed(`v0:${text}:`, body),
      format: (encoded) => `v0=${encoded}`,
    },
  };
}
