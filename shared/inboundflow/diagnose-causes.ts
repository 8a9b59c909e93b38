/**
 * Why a signature check came out as it did, each with the one thing to do about it.
 * Codes are stable (stored with deliveries, printed by `hookbench verify`); sentences may change.
 */
export const DIAGNOSE_FIXES = {
  signature_missing:
    'Set a signing secret on the InboundFlow integration (Settings → Integrations) so deliveries carry X-InboundFlow-Signature.',
  signature_malformed: 'Send exactly one X-InboundFlow-Signature header, of the form sha256=<64 lower-case hex digits>.',
  no_secret: 'Enter the signing secret from the InboundFlow integration here (inbox settings, or --secret) to check signatures.',
  timestamp_missing: 'Send X-InboundFlow-Timestamp with the unix time in seconds that was signed.',
  timestamp_malformed: 'Send one X-InboundFlow-Timestamp header holding unix time in whole seconds, e.g. 1709064000.',
  timestamp_too_old:
    'Re-send the event or replay it re-signed; if it was just sent, sync the sender clock (NTP) — or raise the tolerance for old captures.',
  timestamp_too_new: "Sync the sender's clock (NTP): its timestamp is ahead of this machine by more than the tolerance.",
  secret_whitespace: 'Remove the spaces or line break around the signing secret here; they were copied along with it.',
  secret_sha256_prefix: 'Remove "sha256=" from the start of the signing secret here; that prefix belongs to the signature header.',
  signed_payload_timestamp: 'Sign "<X-InboundFlow-Timestamp header, unix seconds>.<body>", not the ISO `timestamp` field of the payload.',
  signed_reserialized_body:
    'Send exactly the bytes that were signed: the sender (or a proxy in between) reformatted the JSON after signing.',
  signature_mismatch:
    'Copy the signing secret again from the InboundFlow integration, and make sure nothing between sender and here rewrites the body.',
  reserialized_body_differs: 'Verify the raw request bytes (e.g. express.raw({ type: "application/json" })), not JSON.stringify(req.body).',
  previous_secret: 'Finish the secret rotation: this delivery was signed with the previous secret, so the sender has not switched yet.',
} as const;

export type DiagnoseCause = keyof typeof DIAGNOSE_FIXES;

export const DIAGNOSE_CAUSES = Object.keys(DIAGNOSE_FIXES) as DiagnoseCause[];
