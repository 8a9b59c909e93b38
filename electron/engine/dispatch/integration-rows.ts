import type { Db } from '../store/database.js';
import type { FailureState } from '../../../shared/inboundflow/auto-disable.js';
import type { IntegrationKind } from './url-rules.js';

/** An integrations row as SQLite holds it (table from migration 001). */
export interface IntegrationRow {
  id: string;
  kind: IntegrationKind;
  name: string;
  url: string;
  events_json: string;
  secret: string | null;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
  enabled: number;
  consecutive_failures: number;
  disabled_reason: string | null;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
}

export function failureStateOf(row: IntegrationRow): FailureState {
  return {
    enabled: row.enabled === 1,
    consecutiveFailures: row.consecutive_failures,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
  };
}

export function withFailureState(row: IntegrationRow, state: FailureState, now: number): IntegrationRow {
  return {
    ...row,
    enabled: state.enabled ? 1 : 0,
    consecutive_failures: state.consecutiveFailures,
    disabled_reason: state.disabledReason,
    disabled_at: state.disabledAt,
    updated_at: now,
  };
}

export function eventsOf(row: IntegrationRow): string[] {
  return JSON.parse(row.events_json) as string[];
}

export function createIntegrationRows(db: Db) {
  const all = db.prepare('SELECT * FROM integrations ORDER BY created_at, id');
  const byId = db.prepare('SELECT * FROM integrations WHERE id = ?');
  const insert = db.prepare(`INSERT INTO integrations (id, kind, name, url, events_json, secret, previous_secret,
      previous_secret_expires_at, enabled, consecutive_failures, disabled_reason, disabled_at, created_at, updated_at)
    VALUES (@id, @kind, @name, @url, @events_json, @secret, @previous_secret, @previous_secret_expires_at, @enabled,
      @consecutive_failures, @disabled_reason, @disabled_at, @created_at, @updated_at)`);
  const update = db.prepare(`UPDATE integrations SET kind = @kind, name = @name, url = @url, events_json = @events_json,
      secret = @secret, previous_secret = @previous_secret, previous_secret_expires_at = @previous_secret_expires_at,
      enabled = @enabled, consecutive_failures = @consecutive_failures, disabled_reason = @disabled_reason,
      disabled_at = @disabled_at, updated_at = @updated_at WHERE id = @id`);
  const remove = db.prepare('DELETE FROM integrations WHERE id = ?');
  const skipped = db.prepare("SELECT count(*) AS n FROM deliveries WHERE integration_id = ? AND dispatch_state = 'skipped'");

  // Every attempt reads its integration twice; rows are few and change only through here, so keep them in memory.
  const cache = new Map<string, IntegrationRow | undefined>();

  return {
    all: () => all.all() as IntegrationRow[],
    byId(id: string): IntegrationRow | undefined {
      if (!cache.has(id)) cache.set(id, byId.get(id) as IntegrationRow | undefined);
      return cache.get(id);
    },
    insert(row: IntegrationRow): void {
      insert.run(row);
      cache.set(row.id, row);
    },
    update(row: IntegrationRow): void {
      update.run(row);
      cache.set(row.id, row);
    },
    delete(id: string): boolean {
      cache.delete(id);
      return remove.run(id).changes > 0;
    },
    /** After a rolled-back transaction the cache may hold rows that were never written. */
    forget: () => cache.clear(),
    skippedCount: (id: string) => (skipped.get(id) as { n: number }).n,
  };
}

export type IntegrationRows = ReturnType<typeof createIntegrationRows>;
