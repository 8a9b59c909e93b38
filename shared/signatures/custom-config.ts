import * as z from 'zod';
import { parseTemplate, usesPlaceholder } from './custom-template.js';
import { HMAC_ALGORITHMS } from './algorithms.js';

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name (letters, digits and - only, no colon)');

/** A home-made HMAC scheme as the user describes it: the contract for settings and the CLI alike. */
export const customSchemeConfigSchema = z
  .object({
    /** The header carrying the signature, e.g. X-Signature. */
    header: headerName,
    /** Text before the digest in that header, e.g. "sha256=" (may be empty). */
    prefix: z.string().default(''),
    algorithm: z.enum(HMAC_ALGORITHMS).default('sha256'),
    encoding: z.enum(['hex', 'base64']).default('hex'),
    /** The signed string; placeholders {body}, {timestamp}, {id}, {url}, {header:Name}. */
    template: z.string().min(1).default('{body}'),
    /** Where {timestamp} comes from; when set, the tolerance applies. */
    timestampHeader: headerName.optional(),
    /** Where {id} comes from. */
    idHeader: headerName.optional(),
    /** 'base64' when the secret is whsec_/base64 and its decoded bytes are the key. */
    secretEncoding: z.enum(['text', 'base64']).default('text'),
    toleranceSeconds: z.number().int().min(0).default(300),
  })
  .superRefine((config, context) => {
    const parsed = parseTemplate(config.template);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', path: ['template'], message: parsed.reason });
      return;
    }
    if (usesPlaceholder(parsed.parts, 'timestamp') && !config.timestampHeader) {
      context.addIssue({
        code: 'custom',
        path: ['timestampHeader'],
        message: 'the template uses {timestamp}: name the header that carries it',
      });
    }
    if (usesPlaceholder(parsed.parts, 'id') && !config.idHeader) {
      context.addIssue({ code: 'custom', path: ['idHeader'], message: 'the template uses {id}: name the header that carries it' });
    }
  });

export type CustomSchemeConfig = z.output<typeof customSchemeConfigSchema>;
export type CustomSchemeConfigInput = z.input<typeof customSchemeConfigSchema>;

/** The config, or one sentence naming the first field that is wrong. */
export function parseCustomSchemeConfig(input: unknown): { ok: true; config: CustomSchemeConfig } | { ok: false; reason: string } {
  const parsed = customSchemeConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `Custom scheme: ${issue.path.join('.') || 'config'} ${issue.message}` };
}
