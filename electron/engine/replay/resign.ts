import type { RawHeaders } from '../../../shared/api/common.js';
import { headerValues } from '../../../shared/inboundflow/headers.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';

export interface ResignInput {
  headers: RawHeaders;
  body: Buffer;
  secret: string;
  /** Unix seconds for the new signature. */
  timestamp: number;
  /** Where the replay goes: Twilio and custom {url} sign it. */
  url: URL;
}

/** Replaces a header's value where it stands (first occurrence, its case kept) and drops its repeats; appends it if absent. */
export function setHeader(headers: RawHeaders, name: string, value: string): RawHeaders {
  const lower = name.toLowerCase();
  const out: RawHeaders = [];
  let seen = false;
  for (const pair of headers) {
    if (pair[0].toLowerCase() !== lower) out.push(pair);
    else if (!seen) {
      out.push([pair[0], value]);
      seen = true;
    }
  }
  if (!seen) out.push([name, value]);
  return out;
}

/**
 * The headers (and URL) of a replay signed again with `scheme`, as its sender would sign the body
 * that is sent: a new timestamp, the same message id, and for Twilio the URL the replay goes to
 * (a JSON body's bodySHA256 computed anew). Throws a sentence when the scheme cannot sign.
 */
export function resign(scheme: SignatureScheme, input: ResignInput): { headers: RawHeaders; url: URL } {
  const url = new URL(input.url.href);
  // Twilio adds bodySHA256 to a JSON request's URL; the stored path carries the old body's.
  if (scheme.name === 'twilio') url.searchParams.delete('bodySHA256');
  const id = scheme.idHeader ? headerValues(input.headers, scheme.idHeader)[0] : undefined;
  const signed = scheme.sign({
    secret: input.secret,
    rawBody: input.body,
    timestamp: input.timestamp,
    id: id ?? `msg_replay_${input.timestamp}`,
    url: url.href,
    contentType: headerValues(input.headers, 'content-type')[0],
    headers: input.headers,
  });
  if (!signed.ok) throw new Error(`Re-signing as ${scheme.label} failed: ${signed.reason}`);
  let headers = input.headers;
  for (const [name, value] of signed.headers) headers = setHeader(headers, name, value);
  return { headers, url: signed.url ? new URL(signed.url) : url };
}
