import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Owner read/write only: private keys and anything else no other local user should read. */
export const OWNER_ONLY = 0o600;
export const WORLD_READABLE = 0o644;

/**
 * Writes through a temporary file in the same folder and renames it over the target, so a
 * crash leaves either the old file or the new one, never half of one.
 */
export async function writeFileAtomic(filePath: string, contents: string, mode: number): Promise<void> {
  const tempPath = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(tempPath, 'wx', mode);
    try {
      await handle.chmod(mode); // the umask may have narrowed or, on odd setups, widened it
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncFolder(path.dirname(filePath));
}

/** The file's text, or null when it does not exist; any other failure is thrown. */
export async function readFileIfPresent(filePath: string): Promise<string | null> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

// Makes the rename itself durable; Windows cannot open a folder for fsync, and does not need to.
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
