import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HookbenchError } from '../../../shared/errors.js';

export const TOKEN_FILE = 'api-token';

/** The API token: from the environment if given, else the one kept in the data dir (made on first start, mode 0600). */
export function loadOrCreateToken(dataDir: string, fromEnv: string | undefined): { token: string; file: string | null } {
  if (fromEnv) return { token: fromEnv, file: null };
  const file = join(dataDir, TOKEN_FILE);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (!/^[A-Za-z0-9._~-]{16,256}$/.test(token)) {
      throw new HookbenchError('token_invalid', `The API token file ${file} is damaged; delete it and Hookbench makes a new one.`);
    }
    chmodSync(file, 0o600);
    return { token, file };
  }
  const token = randomBytes(32).toString('hex');
  writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
  return { token, file };
}

/** Constant-time comparison that does not leak the length either (both sides are hashed first). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The browser session cookie's value: derived from the token, so it needs no server-side state. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('hookbench-session-v1').digest('hex');
}
