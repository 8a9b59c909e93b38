import { accessSync, constants, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HookbenchError } from '../../shared/errors.js';

const LOCK_FILE = 'engine.lock';

/**
 * Creates the data dir if needed and makes sure it is a writable folder. Returns the first folder
 * it created (the data dir or a parent), so a start that fails can take back what it made.
 */
export function ensureDataDir(dir: string): string | undefined {
  try {
    if (statSync(dir, { throwIfNoEntry: false })?.isFile()) {
      throw new HookbenchError('data_dir_invalid', `--data-dir ${dir} is a file, not a folder; pass a folder.`);
    }
    const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
    return created;
  } catch (error) {
    if (error instanceof HookbenchError) throw error;
    throw new HookbenchError('data_dir_invalid', `--data-dir ${dir} cannot be used: ${(error as Error).message}.`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Fails when another live engine holds the data dir; reads only, so it can run before anything is written. */
export function ensureDataDirFree(dir: string): void {
  const holder = Number.parseInt(readFileSafe(join(dir, LOCK_FILE)) ?? '', 10);
  if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
    throw new HookbenchError(
      'data_dir_in_use',
      `Another Hookbench (pid ${holder}) is already using ${dir}; stop it or pass another --data-dir.`,
    );
  }
}

/**
 * One engine per data dir: two would race on the CA files and the database. A lock left by a
 * killed engine (its pid is gone) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  ensureDataDirFree(dir);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (Number.parseInt(readFileSafe(file) ?? '', 10) === process.pid) rmSync(file, { force: true });
  };
}

function readFileSafe(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
