import {
  SCHEME_SETTINGS,
  type SchemeSetting,
  type SignatureSettings,
  type SignatureSettingsPatch,
} from '../../../../shared/api/signatures.js';
import { type CustomSchemeConfig, parseCustomSchemeConfig } from '../../../../shared/signatures/custom-config.js';
import { schemeLabel } from '../signatures/signature-diagnosis.js';

/** The signature form as typed: every field text, so a half-typed value is kept. */
export interface SignatureDraft {
  scheme: SchemeSetting;
  header: string;
  prefix: string;
  algorithm: CustomSchemeConfig['algorithm'];
  encoding: CustomSchemeConfig['encoding'];
  template: string;
  timestampHeader: string;
  idHeader: string;
  secretEncoding: CustomSchemeConfig['secretEncoding'];
  /** A new current secret; empty keeps the secrets as they are. */
  newSecret: string;
}

export const SCHEME_CHOICES: ReadonlyArray<{ value: SchemeSetting; label: string }> = SCHEME_SETTINGS.map((value) => ({
  value,
  label: value === 'auto' ? 'Auto (recognise from the headers)' : schemeLabel(value),
}));

export function signatureDraft(settings: SignatureSettings): SignatureDraft {
  const custom = settings.custom;
  return {
    scheme: settings.scheme,
    header: custom?.header ?? 'X-Signature',
    prefix: custom?.prefix ?? '',
    algorithm: custom?.algorithm ?? 'sha256',
    encoding: custom?.encoding ?? 'hex',
    template: custom?.template ?? '{body}',
    timestampHeader: custom?.timestampHeader ?? '',
    idHeader: custom?.idHeader ?? '',
    secretEncoding: custom?.secretEncoding ?? 'text',
    newSecret: '',
  };
}

/** The patch the form sends, or the sentence that says which field to fix (the same schema the engine checks). */
export function signaturePatch(draft: SignatureDraft): { ok: true; patch: SignatureSettingsPatch } | { ok: false; message: string } {
  const patch: SignatureSettingsPatch = { scheme: draft.scheme };
  if (draft.scheme === 'custom') {
    const parsed = parseCustomSchemeConfig({
      header: draft.header.trim(),
      prefix: draft.prefix,
      algorithm: draft.algorithm,
      encoding: draft.encoding,
      template: draft.template,
      secretEncoding: draft.secretEncoding,
      ...(draft.timestampHeader.trim() ? { timestampHeader: draft.timestampHeader.trim() } : {}),
      ...(draft.idHeader.trim() ? { idHeader: draft.idHeader.trim() } : {}),
    });
    if (!parsed.ok) return { ok: false, message: parsed.reason };
    patch.custom = parsed.config;
  }
  if (draft.newSecret !== '') {
    if (draft.newSecret.trim() !== draft.newSecret) {
      return { ok: false, message: 'The secret starts or ends with whitespace; paste it again without the spaces or line break.' };
    }
    patch.secret = draft.newSecret;
  }
  return { ok: true, patch };
}

/** One line for the inbox card: which scheme checks its deliveries, and with how many secrets. */
export function describeSignatureSettings(settings: SignatureSettings): string {
  const scheme =
    settings.scheme === 'auto'
      ? 'Auto: each delivery is checked with the scheme its signature header belongs to'
      : `Every delivery is checked as ${schemeLabel(settings.scheme)}${settings.scheme === 'custom' && settings.custom ? ` (${settings.custom.header})` : ''}`;
  const secrets =
    settings.secrets.length === 0
      ? 'no secret set, so signed deliveries show "no secret"'
      : settings.secrets.length === 1
        ? 'one secret'
        : 'two secrets (rotation open: the previous one still verifies)';
  return `${scheme}; ${secrets}.`;
}
