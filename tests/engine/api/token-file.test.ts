import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateToken, sessionValue, TOKEN_FILE } from '../../../electron/engine/api/token.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<{ path: string; remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

describe('the API token file', () => {
  it('takes the token from the environment when given, and writes no file', () => {
    const path = dir();
    expect(loadOrCreateToken(path, 'from-the-environment-123')).toEqual({ token: 'from-the-environment-123', file: null });
    expect(existsSync(join(path, TOKEN_FILE))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('makes 32 random bytes as hex on first start, mode 0600, and reads the same token after', () => {
    const path = dir();
    const first = loadOrCreateToken(path, undefined);
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(first.file).toBe(join(path, 'api-token'));
    expect(readFileSync(first.file!, 'utf8')).toBe(`${first.token}\n`);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(path, undefined)).toEqual(first);
    expect(loadOrCreateToken(path, '')).toEqual(first);
    expect(loadOrCreateToken(dir(), undefined).token).not.toBe(first.token);
  });

  it.skipIf(process.platform === 'win32')('narrows a loosened token file back to 0600', () => {
    const path = dir();
    const { file } = loadOrCreateToken(path, undefined);
    chmodSync(file!, 0o644);
    loadOrCreateToken(path, undefined);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged token file, saying how to fix it', () => {
    for (const content of ['', 'short\n', 'has spaces in it, sixteen+\n', `${'a'.repeat(257)}\n`]) {
      const path = dir();
      writeFileSync(join(path, TOKEN_FILE), content);
      expect(() => loadOrCreateToken(path, undefined), JSON.stringify(content)).toThrow(
        /is damaged; delete it and Hookbench makes a new one/,
      );
    }
    const path = dir();
    writeFileSync(join(path, TOKEN_FILE), `  ${'a'.repeat(16)}  \n`);
    expect(loadOrCreateToken(path, undefined).token).toBe('a'.repeat(16));
  });

  it('derives the session value from the token: stable, different per token, and not the token', () => {
    const token = 'b'.repeat(64);
    expect(sessionValue(token)).toBe(sessionValue(token));
    expect(sessionValue(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionValue(token)).not.toBe(sessionValue('c'.repeat(64)));
    expect(sessionValue(token)).not.toContain(token);
  });
});
