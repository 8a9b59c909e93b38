import type { z } from 'zod';
import type { IntegrationKind } from '../../../../shared/api/integrations.js';
import type { Db } from '../database.js';
import type { WriteQueue } from '../write-queue.js';

/** An integrations row as SQLite holds it (table from migration 001). */
export interface IntegrationRow {
  id: string;
  kind: z.infer<typeof IntegrationKind>;
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

/**
 * The integrations the dispatcher sends to. Every attempt reads its integration twice; rows are
 * few and change only through here, so they are kept in memory (and forgotten when a batch that
 * wrote one rolls back).
 */
export function createIntegrationRepository(db: Db, writes: WriteQueue) {
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
  const skipped = db.prepare("SELECT count(*) FROM deliveries WHERE integration_id = ? AND dispatch_state = 'skipped'").pluck();

  const cache = new Map<string, IntegrationRow | undefined>();
  const forget = () => cache.clear();
  writes.onRolledBack(forget);

  const rows = {
    all: () => all.all() as IntegrationRow[],
    byId(id: string): IntegrationRow | undefined {
      if (!cache.has(id)) cache.set(id, byId.get(id) as IntegrationRow | undefined);
      return cache.get(id);
    },
    skippedCount: (id: string) => skipped.get(id) as number,

    /** Inside a write: the row as it is now (the failure count of a finished attempt is written with it). */
    update(row: IntegrationRow): void {
      writes.assertWriting('an integration update');
      update.run(row);
      cache.set(row.id, row);
    },

    /** Durable, like every change the API makes. */
    create: (row: IntegrationRow): Promise<void> =>
      writes.write('durable', () => {
        insert.run(row);
        cache.set(row.id, row);
      }),
    save: (row: IntegrationRow): Promise<void> => writes.write('durable', () => rows.update(row)),
    /** Its deliveries stay, with integration_id NULL (migration 001's ON DELETE SET NULL). */
    delete: (id: string): Promise<boolean> =>
      writes.write('durable', () => {
        cache.delete(id);
        return remove.run(id).changes > 0;
      }),
  };
  return rows;
}

export type IntegrationRepository = ReturnType<typeof createIntegrationRepository>;
