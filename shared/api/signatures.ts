import { z } from 'zod';
import { DIAGNOSE_CAUSES } from '../inboundflow/diagnose-causes.js';
import { COMMON_CAUSES, type SignatureCause as CauseName } from '../signatures/causes.js';
import { customSchemeConfigSchema } from '../signatures/custom-config.js';
import { SCHEME_NAMES } from '../signatures/scheme.js';

export const SignatureVerdict = z.enum(['valid', 'invalid', 'unsigned', 'no_secret']);
export type SignatureVerdict = z.infer<typeof SignatureVerdict>;

export const SchemeName = z.enum(SCHEME_NAMES).meta({ description: 'A signature scheme Hookbench verifies and explains.' });
export type SchemeName = z.infer<typeof SchemeName>;

/** Every cause a scheme or InboundFlow's own diagnosis can give, one list for the engine, the CLI and the UI. */
export const SIGNATURE_CAUSES = [...new Set<CauseName>([...COMMON_CAUSES, ...DIAGNOSE_CAUSES])] as [CauseName, ...CauseName[]];
export const SignatureCause = z.enum(SIGNATURE_CAUSES);
export type SignatureCause = CauseName;

const offset = z.number().int().nonnegative().meta({ description: 'Byte offset of the first difference.' });

/** Where the expected and received signatures first part, with an escaped excerpt of each around that point. */
export const SignatureDifference = z.object({ offset, expected: z.string(), received: z.string() });
export type SignatureDifference = z.infer<typeof SignatureDifference>;

/** Where the raw body parts from JSON.stringify(JSON.parse(body)), with an excerpt of each. */
export const BodyDifference = z.object({ offset, raw: z.string(), reserialized: z.string() });
export type BodyDifference = z.infer<typeof BodyDifference>;

/**
 * One delivery's signature, checked by one scheme: the verdict and everything the Signature tab
 * walks through. Stored with the delivery at ingest; codes are stable, sentences may change.
 */
export const SchemeVerdict = z
  .object({
    scheme: SchemeName,
    verdict: SignatureVerdict,
    matched_secret: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .meta({ description: 'Which secret verified it: 0 the current one, 1+ older ones of a rotation; null when none did.' }),
    signed_string: z
      .object({ preview: z.string(), length: z.number().int().nonnegative() })
      .nullable()
      .meta({ description: 'What was signed, on one line (controls escaped, long bodies cut), and its whole length in bytes.' }),
    expected: z.string().nullable().meta({ description: 'The signature the matched (else the current) secret gives.' }),
    received: z.string().nullable().meta({ description: 'The signature header as it arrived.' }),
    received_signature: z.string().nullable().meta({ description: 'The one received signature compared with `expected`.' }),
    first_difference: SignatureDifference.nullable().meta({ description: 'Where received_signature parts from expected.' }),
    body_difference: BodyDifference.nullable().meta({ description: 'Where the raw body parts from JSON.stringify(JSON.parse(body)).' }),
    timestamp_age_seconds: z.number().nullable(),
    cause: SignatureCause.nullable().meta({ description: 'What explains the verdict; null only for a clean valid signature.' }),
    reason: z.string(),
    fix: z.string().nullable().meta({ description: 'One line that says what to do; null when there is nothing to do.' }),
    url: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'The URL checked (Twilio, {url}): the public one the sender used, e.g. the tunnel URL.' }),
    local_url: z.string().nullable().optional().meta({ description: 'The URL as this machine saw it.' }),
  })
  .meta({ description: "One delivery's signature as a scheme checked it: verdict, cause, fix and each step." });
export type SchemeVerdict = z.infer<typeof SchemeVerdict>;

/** What an inbox checks signatures with: `auto` recognises the scheme from each delivery's headers. */
export const SCHEME_SETTINGS = ['auto', ...SCHEME_NAMES] as const;
export const SchemeSetting = z.enum(SCHEME_SETTINGS).meta({
  description: 'auto (default): the scheme whose signature header a delivery carries; or one scheme for every delivery.',
});
export type SchemeSetting = z.infer<typeof SchemeSetting>;

/** One of an inbox's secrets as the API shows it: never in full. */
export const SecretHint = z.object({
  role: z.enum(['current', 'previous']),
  hint: z.string().meta({ description: 'The last four characters after dots (whsec_ kept), e.g. whsec_••••3f9a.' }),
  length: z.number().int().nonnegative(),
});
export type SecretHint = z.infer<typeof SecretHint>;

/** An inbox's signature setting, as read back: the secrets as hints only. */
export const SignatureSettings = z.object({
  scheme: SchemeSetting,
  custom: customSchemeConfigSchema.nullable().meta({ description: 'The custom HMAC description; set when scheme is custom.' }),
  secrets: z.array(SecretHint).meta({ description: 'Newest first: the current secret, then the previous one while a rotation is open.' }),
});
export type SignatureSettings = z.infer<typeof SignatureSettings>;

const SecretText = z.string().min(1, 'secret must not be empty').max(512);

export const SignatureSettingsPatch = z
  .strictObject({
    scheme: SchemeSetting.optional(),
    custom: customSchemeConfigSchema.nullable().optional().meta({ description: 'Required (here or already set) when scheme is custom.' }),
    secret: SecretText.optional().meta({ description: 'A new current secret; the one it replaces keeps verifying as the previous one.' }),
    previous_secret: z.null().optional().meta({ description: 'Send null to end a rotation: only the current secret verifies.' }),
  })
  .meta({ description: 'A key left out keeps its value.' });
export type SignatureSettingsPatch = z.input<typeof SignatureSettingsPatch>;

/** A secret shown without giving it away: whsec_ kept, then dots and the last four characters. */
export function secretHint(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  const tail = secret.length - prefix.length > 8 ? secret.slice(-4) : '';
  return `${prefix}${'•'.repeat(8)}${tail}`;
}
