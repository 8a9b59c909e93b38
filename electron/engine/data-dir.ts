import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { HookbenchError } from '../../shared/errors.js';

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
