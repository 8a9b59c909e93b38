import { encodeDigest, looksLikeDigest } from './encoding.js';
import { hmac } from './hmac.js';
import { createHmacScheme } from './hmac-engine.js';
import type { SchemeRead } from './hmac-scheme.js';
import { doubledSignature, malformedSignature, oneHeader } from './header-read.js';
import type { SignedRequest } from './scheme.js';

/**
 * GitHub: X-Hub-Signature-256 = "sha256=<hex HMAC-SHA256 of the body>", keyed with the secret text.
 * GitHub also sends the legacy X-Hub-Signature = "sha1=<hex HMAC-SHA1>"; a delivery that carries only
 * that one is checked with SHA-1 and reported as such, since @octokit/webhooks-methods checks only SHA-256.
 */
export const githubScheme = createHmacScheme({
  name: 'github',
  label: 'GitHub',
  signatureHeader: 'X-Hub-Signature-256',
  format: 'sha256=<hex>',
  secretSource: "the webhook's settings on GitHub (Settings → Webhooks → Secret)",
  encoding: 'hex',
  secretKind: 'text',
  tolerance: null,
  read,
  sign: (input, key) => ({
    ok: true,
    headers: [
      ['X-Hub-Signature', `sha1=${encodeDigest(hmac('sha1', key, input.rawBody), 'hex')}`],
      ['X-Hub-Signature-256', `sha256=${encodeDigest(hmac('sha256', key, input.rawBody), 'hex')}`],
    ],
    signedString: input.rawBody.toString('utf8'),
  }),
});

function read({ headers }: SignedRequest): SchemeRead {
  const modern = oneHeader(headers, 'X-Hub-Signature-256');
  if (!modern.ok && !modern.missing) return doubledSignature('X-Hub-Signature-256', modern.values);
  if (modern.ok) {
    if (modern.value.startsWith('sha1=')) {
      return malformedSignature(
        'X-Hub-Signature-256 holds a legacy SHA-1 signature (sha1=…), which belongs in X-Hub-Signature; it carries sha256=<hex>.',
        modern.value,
      );
    }
    return readPrefixed(modern.value, 'X-Hub-Signature-256', 'sha256=', 'sha256');
  }
  const legacy = oneHeader(headers, 'X-Hub-Signature');
  if (!legacy.ok) return legacy.missing ? { kind: 'unsigned' } : doubledSignature('X-Hub-Signature', legacy.values);
  return readPrefixed(legacy.value, 'X-Hub-Signature', 'sha1=', 'sha1');
}

function readPrefixed(value: string, header: string, prefix: string, algorithm: 'sha1' | 'sha256'): SchemeRead {
  if (!value.startsWith(prefix)) return malformedSignature(`${header} does not start with "${prefix}".`, value);
  const digest = value.slice(prefix.length);
  if (!looksLikeDigest(digest)) return malformedSignature(`${header} has no hex digest after "${prefix}".`, value);
  return {
    kind: 'signed',
    parts: {
      received: value,
      signatures: [digest],
      algorithm,
      timestamp: null,
      signed: (body) => body,
      format: (encoded) => `${prefix}${encoded}`,
      ...(algorithm === 'sha1'
        ? {
            validNote: {
              cause: 'legacy_sha1_only' as const,
              reason:
                'The signature matches, but only the legacy SHA-1 X-Hub-Signature came (no X-Hub-Signature-256); @octokit/webhooks-methods and GitHub’s docs check SHA-256 only.',
            },
          }
        : {}),
    },
  };
}
