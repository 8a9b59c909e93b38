import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HookbenchError } from '../../../shared/errors.js';
import { appRoot } from '../app-root.js';
import { currentSqliteBindingContext, sqliteBindingPath } from './sqlite-binding.js';

export type Db = Database.Database;

/** Opens (or creates) the SQLite file with the pragmas every part of the engine relies on. */
export function openDatabase(file: string): Db {
  // Under Electron the Electron-ABI build is loaded from its own folder; Node keeps its own build.
  const nativeBinding = sqliteBindingPath(currentSqliteBindingContext(appRoot));
  try {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { nativeBinding });
    // Only a store without tables can take incremental auto_vacuum; older stores keep NONE and
    // reuse freed pages instead of shrinking (a full VACUUM of a big store would stall the start).
    const empty = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0;
    if (empty) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // After a checkpoint the WAL file is cut back to this size rather than keeping its high-water mark.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    // FULL: a commit is fsynced before the receiver acknowledges it; group commit keeps this cheap.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new HookbenchError(
      'DATABASE_OPEN_FAILED',
      `Cannot open the database ${file}: ${(error as Error).message}. Check that the data dir is writable and not used by another copy of Hookbench.`,
    );
  }
}
