import { HookbenchError } from '../../../shared/errors.js';
import type { Db } from './database.js';
import type { Migration } from './migrations/migration.js';

/**
 * Brings the database up to the newest version, one migration per transaction, tracked in
 * `PRAGMA user_version`. A failing migration rolls back to the version before it and says why.
 */
export function migrate(db: Db, migrations: readonly Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new HookbenchError(
      'DATABASE_TOO_NEW',
      `This data dir was written by a newer Hookbench (schema version ${from}, this one knows ${latest}). Update Hookbench or use another --data-dir.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    const step = db.transaction(() => {
      if (migration.sql) db.exec(migration.sql);
      migration.up?.(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      step();
    } catch (error) {
      const now = db.pragma('user_version', { simple: true }) as number;
      throw new HookbenchError(
        'MIGRATION_FAILED',
        `Database migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}. Nothing was changed; the database stays at version ${now}.`,
      );
    }
  }
  return { from, to: Math.max(from, latest) };
}
