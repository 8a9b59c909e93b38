import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HOLDER_FILE, lockDataDir } from '../../electron/engine/data-dir-lock.js';

/**
 * Whether an engine that stopped let go of its data dir: its holder file is gone and the
 * OS lock can be taken again. (engine.lock itself stays: it is the locked database.)
 */
export function dataDirReleased(dir: string): boolean {
  if (existsSync(join(dir, HOLDER_FILE))) return false;
  try {
    lockDataDir(dir)();
    return true;
  } catch {
    return false;
  }
}
