import type { Integration } from '../../../shared/api/integrations.js';
import { warningsFor } from './integration-changes.js';
import { eventsOf, type IntegrationRow } from './integration-rows.js';
import { liveSecrets } from './secrets.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An integrations row as the control API shows it. */
export function toApiIntegration(row: IntegrationRow, skippedCount: number, now = Date.now()): Integration {
  const secrets = liveSecrets(
    { secret: row.secret, previousSecret: row.previous_secret, previousSecretExpiresAt: row.previous_secret_expires_at },
    now,
  );
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    url: row.url,
    events: eventsOf(row) as Integration['events'],
    secret: secrets.secret,
    previous_secret: secrets.previousSecret,
    previous_secret_expires_at: iso(secrets.previousSecretExpiresAt),
    enabled: row.enabled === 1,
    consecutive_failures: row.consecutive_failures,
    disabled_reason: row.disabled_reason,
    disabled_at: iso(row.disabled_at),
    skipped_count: skippedCount,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    warnings: warningsFor(row),
  };
}
