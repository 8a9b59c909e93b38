import { encodeDigest, looksLikeDigest } from './encoding.js';
import { type HmacAlgorithm, hmac } from './hmac.js';
import { createHmacScheme } from './hmac-engine.js';
import type { Alternative, SchemeRead } from './hmac-scheme.js';
import { doubledSignature, headerValues, malformedSignature, oneHeader } from './header-read.js';
import type { SignedRequest } from './scheme.js';
import { formParams, isFormContentType, sha256Hex, signedParams } from './twilio-params.js';
import {
  bodyHashParam,
  flipScheme,
  isLoopbackUrl,
  portForms,
  portOf,
  splitUrl,
  toggleTrailingSlash,
  withoutQuery,
  withPort,
  withQueryOf,
} from './twilio-url.js';

/**
 * Twilio: X-Twilio-Signature = base64 HMAC-SHA1 (auth token as key) over the full URL Twilio
 * requested followed by the form parameters sorted by name. A JSON body is not signed itself:
 * Twilio adds bodySHA256=<hex SHA-256 of the body> to the URL and signs the URL alone. The URL is
 * the public one (the tunnel's): a handler that rebuilds it from its local request fails.
 * X-Twilio-Webhooks-Signature-Settings: algorithm=HMAC_SHA256 switches to SHA-256, as twilio-node reads it.
 */
export const twilioScheme = createHmacScheme({
  name: 'twilio',
  label: 'Twilio',
  signatureHeader: 'X-Twilio-Signature',
  format: '<base64 HMAC-SHA1 of the URL and sorted form parameters>',
  secretSource: 'the Twilio Console (Account → API keys & tokens → Auth Token)',
  encoding: 'base64',
  secretKind: 'text',
  tolerance: null,
  read,
  sign: (input, key) => {
    if (!input.url || !splitUrl(input.url)) {
      return { ok: false, reason: 'Twilio signs the URL: give the full public URL the request will be sent to.' };
    }
    const json = input.contentType !== undefined && /json/i.test(input.contentType);
    const url = json ? `${input.url}${splitUrl(input.url)?.query ? '&' : '?'}bodySHA256=${sha256Hex(input.rawBody)}` : input.url;
    const signed = json ? url : url + signedParams(formParams(input.rawBody));
    return {
      ok: true,
      headers: [['X-Twilio-Signature', encodeDigest(hmac('sha1', key, Buffer.from(signed, 'utf8')), 'base64')]],
      ...(json ? { url } : {}),
      signedString: signed,
    };
  },
});

/** The algorithm named in X-Twilio-Webhooks-Signature-Settings (absent: the Auth Token's HMAC-SHA1). */
function algorithmOf(settings: string[]): HmacAlgorithm | null {
  const named = settings
    .join(',')
    .split(',')
    .map((part) => part.split('='))
    .find(([key]) => key.trim() === 'algorithm')?.[1]
    ?.trim()
    .toUpperCase();
  if (!named || named === 'HMAC_SHA1') return 'sha1';
  return named === 'HMAC_SHA256' ? 'sha256' : null;
}

function read({ headers, url, localUrl }: SignedRequest): SchemeRead {
  const header = oneHeader(headers, 'X-Twilio-Signature');
  if (!header.ok) return header.missing ? { kind: 'unsigned' } : doubledSignature('X-Twilio-Signature', header.values);
  if (!looksLikeDigest(header.value)) return malformedSignature('X-Twilio-Signature is not a base64 digest.', header.value);
  const algorithm = algorithmOf(headerValues(headers, 'X-Twilio-Webhooks-Signature-Settings'));
  if (algorithm === null) {
    return malformedSignature('X-Twilio-Webhooks-Signature-Settings names an algorithm other than HMAC_SHA1 or HMAC_SHA256.', header.value);
  }
  const base = { received: header.value, signatures: [header.value], algorithm, timestamp: null, format: (encoded: string) => encoded };
  if (!url || !splitUrl(url)) {
    const reason = url
      ? `The URL ${JSON.stringify(url)} is not absolute; Twilio signs the full URL it requested.`
      : 'No URL was given, and Twilio signs the full URL it requested (the public one, path and query included).';
    return { kind: 'signed', parts: { ...base, problem: { cause: 'url_missing', reason }, signed: () => Buffer.alloc(0) } };
  }

  const bodyHash = bodyHashParam(url);
  const contentType = headerValues(headers, 'Content-Type')[0];
  // A JSON body travels as its hash in the URL; a form body's parameters follow the URL.
  const paramsOf = (body: Buffer) => (bodyHash === null && isFormContentType(contentType) ? signedParams(formParams(body)) : '');
  const signedFor = (signedUrl: string) => (body: Buffer) => Buffer.from(signedUrl + paramsOf(body), 'utf8');
  return {
    kind: 'signed',
    parts: {
      ...base,
      signed: signedFor(url),
      alsoAccepted: portForms(url).map(signedFor),
      ...(bodyHash !== null ? { bodyMatches: (body: Buffer) => sha256Hex(body) === bodyHash } : {}),
      alternatives: urlMistakes(url, localUrl).map(({ cause, variant, reason }) => ({ cause, reason, signed: signedFor(variant) })),
      ...(isLoopbackUrl(url)
        ? { mismatchHint: `The URL checked (${url}) is a local one; Twilio signs the public URL it requested (the tunnel's).` }
        : {}),
    },
  };
}

/** URLs one common mistake away from the public one, each with what it says when it is the one that matches. */
function urlMistakes(url: string, localUrl: string | undefined): Array<{ cause: Alternative['cause']; variant: string; reason: string }> {
  const mistakes: Array<{ cause: Alternative['cause']; variant: string | null; reason: (variant: string) => string }> = [
    {
      cause: 'twilio_local_url',
      variant: localUrl && localUrl !== url ? localUrl : null,
      reason: (variant) => `The signature matches the local URL ${variant}, not the public URL ${url} the delivery came through.`,
    },
    {
      cause: 'twilio_url_scheme',
      variant: flipScheme(url),
      reason: (variant) => `The signature matches ${variant}, not ${url}: http and https differ.`,
    },
    {
      cause: 'twilio_url_port',
      variant: localUrl && portOf(localUrl) && portOf(localUrl) !== portOf(url) ? withPort(url, portOf(localUrl)) : null,
      reason: (variant) => `The signature matches ${variant}, with the local port, not ${url}.`,
    },
    {
      cause: 'twilio_url_trailing_slash',
      variant: toggleTrailingSlash(url),
      reason: (variant) => `The signature matches ${variant}, not ${url}: the trailing slash differs.`,
    },
    {
      cause: 'twilio_url_query',
      variant: withoutQuery(url),
      reason: (variant) => `The signature matches ${variant}, without the query string of ${url}.`,
    },
    {
      cause: 'twilio_url_query',
      variant: localUrl ? withQueryOf(url, localUrl) : null,
      reason: (variant) => `The signature matches ${variant}, with a query string that ${url} lacks.`,
    },
  ];
  return mistakes.flatMap(({ cause, variant, reason }) => (variant === null ? [] : [{ cause, variant, reason: reason(variant) }]));
}
