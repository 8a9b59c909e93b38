import type { HeaderPairs } from '../inboundflow/headers.js';
import type { FirstDifference } from '../inboundflow/reserialization.js';
import type { SignatureCause } from './causes.js';

/** Every scheme Hookbench signs, verifies and explains; `custom` is described by the user. */
export const SCHEME_NAMES = ['inboundflow', 'standard-webhooks', 'stripe', 'github', 'shopify', 'slack', 'twilio', 'custom'] as const;
export type SchemeName = (typeof SCHEME_NAMES)[number];

export type SignatureVerdict = 'valid' | 'invalid' | 'unsigned' | 'no_secret';

/** A delivery as received: what every scheme's verify and diagnose read. */
export interface SignedRequest {
  rawBody: Buffer;
  /** `[name, value]` pairs as they arrived; names match in any case. */
  headers: HeaderPairs;
  /** The URL the sender requested: the tunnel's public URL, not the local one. Twilio and `{url}` sign it. */
  url?: string;
  /** The URL as the local server saw it, so a Twilio diagnosis can tell public from local. */
  localUrl?: string;
}

/** Time is an input: nothing in a scheme reads the clock. */
export interface CheckOptions {
  now: Date;
  /** Seconds the timestamp may be away from `now`; each scheme has its sender's default. */
  toleranceSeconds?: number;
}

export interface SignInput {
  secret: string;
  rawBody: Buffer | string;
  /** Unix seconds to sign, for the schemes that sign a timestamp. */
  timestamp: number;
  /** Message id, for Standard Webhooks (`webhook-id`) and custom templates with `{id}`. */
  id?: string;
  /** The URL the request will be sent to (Twilio, `{url}`). */
  url?: string;
  /** Content-Type the body is sent with (Twilio signs form parameters, or a JSON body's hash). */
  contentType?: string;
  /** Other headers the request will carry, for custom templates with `{header:Name}`. */
  headers?: HeaderPairs;
}

export type SignOutcome =
  | {
      ok: true;
      /** Headers to add to the request, in the order a sender writes them. */
      headers: [string, string][];
      /** Where to send the request when signing changed it (Twilio adds bodySHA256 to a JSON request's URL). */
      url?: string;
      /** The exact string that was signed, for showing. */
      signedString: string;
    }
  | { ok: false; reason: string };

export type VerifyOutcome = { ok: true } | { ok: false; reason: string };

export interface SchemeDiagnosis {
  scheme: SchemeName;
  verdict: SignatureVerdict;
  /** What explains the verdict; null only for a clean valid signature. */
  cause: SignatureCause | null;
  reason: string;
  /** One line that says what to do; null when there is nothing to do. */
  fix: string | null;
  /** What was signed, on one line (controls escaped, long bodies cut), and its whole length in bytes. */
  signedString: { preview: string; length: number } | null;
  /** The signature the matched secret (else the current one) gives, written as the scheme writes one. */
  expected: string | null;
  /** The signature header as received (duplicates joined with ", "). */
  received: string | null;
  /** The received signature compared with `expected`, in the same form (one of several, when several came). */
  receivedSignature: string | null;
  /** Where `expected` and `receivedSignature` part. */
  signatureDifference: FirstDifference | null;
  /** Where the raw body parts from JSON.stringify(JSON.parse(body)), when it does. */
  bodyDifference: FirstDifference | null;
  /** Which secret matched: 0 the current one, 1+ older ones. */
  matchedSecretIndex: number | null;
  /** How old the signed timestamp is, in seconds (negative: in the future), when the scheme signs one. */
  timestampAgeSeconds: number | null;
}

/** What every scheme offers. None of these throws: bad input comes back as a reason. */
export interface SignatureScheme {
  name: SchemeName;
  /** The sender's name as people say it. */
  label: string;
  /** The header that carries the signature. */
  signatureHeader: string;
  /** The header carrying the signed timestamp, for schemes that send it on its own (not Stripe's t=). */
  timestampHeader?: string;
  /** The header carrying the signed message id (Standard Webhooks, custom templates with {id}). */
  idHeader?: string;
  sign(input: SignInput): SignOutcome;
  /** Signature and tolerance, as the sender's own library checks them. */
  verify(request: SignedRequest, secret: string, options: CheckOptions): VerifyOutcome;
  /** `secrets`: the current one first, then older ones while a rotation is under way. */
  diagnose(request: SignedRequest, secrets: readonly string[], options: CheckOptions): SchemeDiagnosis;
}
