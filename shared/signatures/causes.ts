import type { DiagnoseCause } from '../inboundflow/diagnose-causes.js';
import type { DigestEncoding } from './encoding.js';

/** What a fix sentence may name about its scheme. */
export interface FixContext {
  label: string;
  signatureHeader: string;
  /** How one signature is written, e.g. "t=<unix seconds>,v1=<hex>". */
  format: string;
  encoding: DigestEncoding;
  /** Where the user finds the secret, e.g. "the Stripe dashboard (Developers → Webhooks)". */
  secretSource: string;
}

/**
 * Why a signature check came out as it did, each with the one thing to do about it. Codes are
 * stable (they will be stored with deliveries and are printed by `hookbench verify`); sentences
 * may change. InboundFlow's own causes (shared/inboundflow/diagnose-causes.ts) join these.
 */
const COMMON_FIXES = {
  signature_missing: (c: FixContext) =>
    `Have the sender sign its deliveries (a signing secret set at ${c.label}) so they carry ${c.signatureHeader}.`,
  signature_malformed: (c: FixContext) => `Send ${c.signatureHeader} as ${c.format}.`,
  other_scheme_header: () =>
    "Check this delivery with the scheme its headers belong to (the inbox's signature setting, auto, or --scheme).",
  no_secret: (c: FixContext) => `Enter the signing secret from ${c.secretSource} here (inbox settings, or --secret) to check signatures.`,
  secret_invalid: (c: FixContext) => `Copy the whole secret again from ${c.secretSource}: it is whsec_ followed by base64.`,
  id_missing: () => 'Send the message id that was signed, once, in its header (webhook-id for Standard Webhooks).',
  timestamp_missing: (c: FixContext) => `Send the unix seconds that were signed, as ${c.label} does.`,
  timestamp_malformed: () => 'Send the timestamp as unix time in whole seconds, e.g. 1709064000.',
  timestamp_too_old: () =>
    'Re-send the event or replay it re-signed; if it was just sent, sync the sender clock (NTP) — or raise the tolerance for old captures.',
  timestamp_too_new: () => "Sync the sender's clock (NTP): its timestamp is ahead of this machine by more than the tolerance.",
  url_missing: () => "Give the public URL the sender requested (the tunnel's URL with path and query): the URL is part of what is signed.",
  signature_mismatch: (c: FixContext) =>
    `Copy the signing secret again from ${c.secretSource}, and make sure nothing between sender and here rewrites the body.`,
  wrong_encoding: (c: FixContext) => `Write the HMAC digest in ${c.encoding === 'hex' ? 'lower-case hex' : 'base64'}, as ${c.label} does.`,
  secret_whitespace: () => 'Remove the spaces or line break around the signing secret; they were copied along with it.',
  secret_not_base64_decoded: () =>
    'Sign with the base64-decoded bytes of the secret (the part after whsec_), not with the secret text itself.',
  secret_base64_decoded: (c: FixContext) =>
    `Sign with the secret text exactly as ${c.label} shows it (whsec_ included); do not base64-decode it as Standard Webhooks does.`,
  signed_reserialized_body: () =>
    'Send exactly the bytes that were signed: the sender (or a proxy in between) reformatted the JSON after signing.',
  body_changed: () => 'Send exactly the bytes that were signed: the body no longer has the hash the sender signed.',
  twilio_local_url: () =>
    "Configure and verify the public URL (your tunnel's), not the local one: Twilio signs the URL it was told to call.",
  twilio_url_port: () =>
    "Verify against the public URL without the local server's port: Twilio signs the URL as configured in the console.",
  twilio_url_trailing_slash: () =>
    'Verify against the URL exactly as configured in the Twilio console, with or without its trailing slash.',
  twilio_url_query: () => 'Verify against the full URL Twilio requested, query string included, exactly as configured.',
  twilio_url_scheme: () => 'Verify against the https:// URL Twilio requested: a proxy or tunnel in front turned it into http://.',
  template_value_missing: () => 'Send every header the signed-string template names, or change the template.',
  legacy_sha1_only: () =>
    'Verify X-Hub-Signature-256 (HMAC-SHA256): X-Hub-Signature is the legacy SHA-1 signature GitHub keeps for old hooks.',
  reserialized_body_differs: () =>
    'Verify the raw request bytes (e.g. express.raw({ type: "application/json" })), not JSON.stringify(req.body).',
  previous_secret: () => 'Finish the secret rotation: this delivery was signed with a previous secret, so the sender has not switched yet.',
} as const;

export type CommonCause = keyof typeof COMMON_FIXES;
export type SignatureCause = CommonCause | DiagnoseCause;

export const COMMON_CAUSES = Object.keys(COMMON_FIXES) as CommonCause[];

export function commonFix(cause: CommonCause, context: FixContext): string {
  return COMMON_FIXES[cause](context);
}
