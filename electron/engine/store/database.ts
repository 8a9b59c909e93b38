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
    db.pragma('journal_mode = WAL');
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
