import type { CommonCause, FixContext } from './causes.js';
import type { DigestEncoding } from './encoding.js';
import type { HmacAlgorithm } from './hmac.js';
import type { SecretKind } from './secret-key.js';
import type { CheckOptions, SchemeName, SignedRequest, SignInput, SignOutcome } from './scheme.js';

/** What the signature headers of one delivery say, before any secret is tried. */
export type SchemeRead =
  | { kind: 'unsigned' }
  /** The signature cannot be compared at all (doubled, malformed…). */
  | { kind: 'unreadable'; cause: CommonCause; reason: string; received: string | null }
  | { kind: 'signed'; parts: SignedParts };

export interface SignedParts {
  /** The signature header(s) as received. */
  received: string;
  /** Each received signature's digest as written, without its prefix: several for Stripe and Standard Webhooks. */
  signatures: string[];
  algorithm: HmacAlgorithm;
  /** Unix seconds that were signed, for the schemes that sign one. */
  timestamp: number | null;
  /** Missing or bad timestamp, id, URL…: reported once a secret is known, since the signature itself parsed. */
  problem?: { cause: CommonCause; reason: string };
  /** The bytes signed for this request, with `body` in place of the raw body. */
  signed(body: Buffer): Buffer;
  /** Other signed strings the sender's own library also accepts (Twilio: the URL with or without its default port). */
  alsoAccepted?: Array<(body: Buffer) => Buffer>;
  /** How one encoded digest is written in the header, e.g. "v1=<hex>". */
  format(encodedDigest: string): string;
  /** For schemes that sign a hash of the body rather than the body (Twilio's bodySHA256). */
  bodyMatches?(body: Buffer): boolean;
  /** Said alongside a valid verdict (GitHub deliveries signed with SHA-1 only). */
  validNote?: { cause: CommonCause; reason: string };
  /** Signed strings one common mistake away, tried when nothing matches (Twilio's URL variants). */
  alternatives?: Alternative[];
  /** Added to a plain mismatch's reason, when the request itself suggests the likely cause. */
  mismatchHint?: string;
}

export interface Alternative {
  cause: CommonCause;
  reason: string;
  signed(body: Buffer): Buffer;
}

/** What a scheme module declares; hmac-engine.ts turns it into sign, verify and diagnose. */
export interface HmacSchemeSpec extends Omit<FixContext, 'encoding'> {
  name: SchemeName;
  timestampHeader?: string;
  idHeader?: string;
  encoding: DigestEncoding;
  secretKind: SecretKind;
  /** The sender's tolerance; `rejectsFuture` false where its library only refuses old timestamps (Stripe). */
  tolerance: { seconds: number; rejectsFuture: boolean } | null;
  read(request: SignedRequest, options?: CheckOptions): SchemeRead;
  /** Headers for a body, given the key bytes already derived from the secret. */
  sign(input: SignInput & { rawBody: Buffer }, key: Buffer): SignOutcome;
}
