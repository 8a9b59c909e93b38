import { type SchemeSetting, type SignatureSettings, secretHint } from '../../../shared/api/signatures.js';
import { type CustomSchemeConfig, parseCustomSchemeConfig } from '../../../shared/signatures/custom-config.js';
import { isSchemeName } from '../../../shared/signatures/registry.js';

/** The inbox columns a signature check reads (store/inboxes). */
export interface InboxSignatureColumns {
  secret: string | null;
  previous_secret: string | null;
  /** null means auto. */
  signature_scheme?: string | null;
  /** CustomSchemeConfig as JSON, checked by its schema before it was written. */
  signature_custom_json?: string | null;
}

export function schemeSettingOf(row: InboxSignatureColumns): SchemeSetting {
  const stored = row.signature_scheme;
  return stored && isSchemeName(stored) ? stored : 'auto';
}

export function customConfigOf(row: InboxSignatureColumns): CustomSchemeConfig | null {
  if (!row.signature_custom_json) return null;
  const parsed = parseCustomSchemeConfig(JSON.parse(row.signature_custom_json));
  return parsed.ok ? parsed.config : null;
}

/** Newest first: the current secret, then the previous one while a rotation is open. */
export function secretsOf(row: InboxSignatureColumns): string[] {
  return [row.secret, row.previous_secret].filter((secret): secret is string => Boolean(secret));
}

/** The setting as the API shows it: secrets as hints, never in full. */
export function signatureSettingsOf(row: InboxSignatureColumns): SignatureSettings {
  const secrets: SignatureSettings['secrets'] = [];
  if (row.secret) secrets.push({ role: 'current', hint: secretHint(row.secret), length: row.secret.length });
  if (row.previous_secret) secrets.push({ role: 'previous', hint: secretHint(row.previous_secret), length: row.previous_secret.length });
  return { scheme: schemeSettingOf(row), custom: customConfigOf(row), secrets };
}
