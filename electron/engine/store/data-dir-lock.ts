import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HookbenchError } from '../../../shared/errors.js';
import { appRoot } from '../app-root.js';
import { currentSqliteBindingContext, sqliteBindingPath } from './sqlite-binding.js';

export const LOCK_FILE = 'engine.lock';
export const HOLDER_FILE = 'engine.pid';
const SQLITE_HEADER = 'SQLite format 3\0';
// A collected Database closes itself and would drop its lock: each held one stays referenced here until unlocked.
const heldLocks = new Set<Database.Database>();

/**
 * One engine per data dir: two would race on the CA files and the database. The lock is SQLite's
 * exclusive lock on an empty database (fcntl on Unix, LockFileEx on Windows), which the OS holds
 * for the process and drops when it dies, however it dies: a reused pid, a dead process or two
 * engines starting at once cannot fool it. engine.pid only names the holder in the message.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const holderFile = join(dir, HOLDER_FILE);
  emptyLegacyPidFile(file);
  let db: Database.Database | null = null;
  try {
    // Contending for the lock at the same moment, one side gives way at once and the other waits for it (briefly).
    db = new Database(file, { timeout: 1_000, nativeBinding: sqliteBindingPath(currentSqliteBindingContext(appRoot)) });
    // Kept in memory: the lock database is never written, so no journal file appears beside it.
    db.pragma('journal_mode = MEMORY');
    // Never committed: the transaction holds SQLite's exclusive lock for as long as the process lives.
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db?.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      const holder = readHolder(holderFile);
      throw new HookbenchError(
        'data_dir_in_use',
        `Another Hookbench${holder === null ? '' : ` (pid ${holder})`} is already using ${dir}; stop it or pass another --data-dir.`,
      );
    }
    throw new HookbenchError('data_dir_invalid', `Cannot lock ${file}: ${(error as Error).message}. Check that the data dir is writable.`);
  }
  const held = db;
  heldLocks.add(held);
  writeFileSync(holderFile, `${process.pid}\n`);
  return () => {
    if (readHolder(holderFile) === process.pid) rmSync(holderFile, { force: true });
    heldLocks.delete(held);
    held.close();
  };
}

/**
 * Fails as lockDataDir would when another engine holds the data dir, before the engine writes anything:
 * a folder with no lock file yet is left untouched; otherwise the lock is taken and let go at once.
 */
export function ensureDataDirFree(dir: string): void {
  if (!existsSync(join(dir, LOCK_FILE))) return;
  lockDataDir(dir)();
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Older versions kept a pid in engine.lock; emptied in place (never replaced, so nobody's lock is on a file that vanished). */
function emptyLegacyPidFile(file: string): void {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size === 0) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) truncateSync(file, 0);
}
