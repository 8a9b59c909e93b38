import type { IntegrationCreate, IntegrationPatch } from '../../../shared/api/integrations.js';
import { reenabled } from '../../../shared/inboundflow/auto-disable.js';
import { withFailureState, type IntegrationRow } from './integration-rows.js';
import { generateSecret, rotateSecret } from './secrets.js';
import { checkIntegrationUrl, urlWarnings, type UrlWarning } from './url-rules.js';

export interface ChangeContext {
  allowHttpLocalhost: boolean;
  now: number;
}

type SecretInput = IntegrationCreate['secret'];

function secretValue(input: NonNullable<SecretInput> | null): string | null {
  return input !== null && typeof input === 'object' ? generateSecret() : input;
}

/** A new integration row from the API's create body; the URL rule is checked here. */
export function newIntegrationRow(id: string, input: IntegrationCreate, ctx: ChangeContext): IntegrationRow {
  checkIntegrationUrl(input.url, ctx.allowHttpLocalhost);
  const enabled = input.enabled ?? true;
  return {
    id,
    kind: input.kind,
    name: input.name,
    url: input.url,
    events_json: JSON.stringify(input.events),
    secret: input.secret === undefined ? null : secretValue(input.secret),
    previous_secret: null,
    previous_secret_expires_at: null,
    enabled: enabled ? 1 : 0,
    consecutive_failures: 0,
    disabled_reason: enabled ? null : 'manual',
    disabled_at: enabled ? null : ctx.now,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
}

/** The row after a PATCH: URL checked, secret rotated with overlap, enable/disable applied. */
export function patchedIntegrationRow(row: IntegrationRow, patch: IntegrationPatch, ctx: ChangeContext): IntegrationRow {
  const next: IntegrationRow = { ...row, updated_at: ctx.now };
  if (patch.url !== undefined) {
    checkIntegrationUrl(patch.url, ctx.allowHttpLocalhost);
    next.url = patch.url;
  }
  if (patch.kind !== undefined) next.kind = patch.kind;
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.events !== undefined) next.events_json = JSON.stringify(patch.events);
  if (patch.secret !== undefined) Object.assign(next, secretColumns(next, secretValue(patch.secret), ctx.now));
  if (patch.previous_secret === null) Object.assign(next, { previous_secret: null, previous_secret_expires_at: null });
  if (patch.enabled === true && row.enabled === 0) return withFailureState(next, reenabled(), ctx.now);
  if (patch.enabled === false && row.enabled === 1) {
    return { ...next, enabled: 0, disabled_reason: 'manual', disabled_at: ctx.now };
  }
  return next;
}

/** The secret columns after replacing the secret, keeping the old one for the overlap. */
export function secretColumns(row: IntegrationRow, secret: string | null, now: number): Partial<IntegrationRow> {
  const rotated = rotateSecret(
    { secret: row.secret, previousSecret: row.previous_secret, previousSecretExpiresAt: row.previous_secret_expires_at },
    secret,
    now,
  );
  return { secret: rotated.secret, previous_secret: rotated.previousSecret, previous_secret_expires_at: rotated.previousSecretExpiresAt };
}

/** Kind-specific URL warnings; a stored URL that no longer parses has none to give. */
export function warningsFor(row: Pick<IntegrationRow, 'kind' | 'url'>): UrlWarning[] {
  try {
    return urlWarnings(row.kind, new URL(row.url));
  } catch {
    return [];
  }
}
