import * as z from 'zod';

/**
 * Field formats shared by the InboundFlow envelope and event schemas. The docs print
 * placeholders for ids ("uuid", "unique-uuid") and URLs ("https://..."), so those are only
 * checked as far as the docs commit to; phone numbers, emails and dates are real formats.
 */

/** E.164: "+", a country code that never starts with 0, 8–15 digits in all, no spaces. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

// Returning undefined lets a missing or mistyped value fall through to the generic messages.
function formatMessage(message: string) {
  return (issue: { code?: string }) => (issue.code === 'invalid_format' ? message : undefined);
}

/** Message for a value outside a fixed list; a missing value still reads "is required". */
export function oneOfMessage(values: readonly string[]) {
  return (issue: { code?: string; input?: unknown }) =>
    issue.code === 'invalid_value' && issue.input !== undefined ? `must be one of: ${values.join(', ')}` : undefined;
}

export const phoneE164 = z
  .string()
  .regex(E164_PATTERN, 'must be an E.164 phone number: "+" then 8-15 digits, no spaces (e.g. +14155550123)');

/** Any non-empty string: the docs show "uuid" for ids, so a UUID format is not enforced. */
export const opaqueId = z.string().min(1, 'must be a non-empty string');

/** Date-time with a zone (Z or ±hh:mm), any fraction of seconds: the docs use both "…00.000Z" and "…00Z". */
export const isoDateTime = z.iso.datetime({
  offset: true,
  error: formatMessage('must be an ISO 8601 date-time with a zone, e.g. 2026-02-24T21:00:00Z'),
});

export const isoDate = z.iso.date({ error: formatMessage('must be a calendar date YYYY-MM-DD, e.g. 2026-02-25') });

export const emailAddress = z.email({ error: formatMessage('must be an email address, e.g. dave@example.com') });

/** http(s) only, so a javascript: or file: link in a payload is never treated as a URL. */
export const webUrl = z.url({
  protocol: /^https?$/,
  error: formatMessage('must be an http(s) URL'),
});

/** The docs show "medium" and "high"; "low" completes the scale they imply. */
export const URGENCY_LEVELS = ['low', 'medium', 'high'] as const;
export const urgency = z.enum(URGENCY_LEVELS, { error: oneOfMessage(URGENCY_LEVELS) });

export const durationSeconds = z.number().int('must be a whole number of seconds').nonnegative('must not be negative');
