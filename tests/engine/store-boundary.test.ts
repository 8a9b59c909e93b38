import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STORE = 'electron/engine/store/';

/** Every TypeScript source under electron/, as [path from the repo root, text]. */
function electronSources(): [string, string][] {
  return readdirSync(join(ROOT, 'electron'), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => `electron/${name.split('\\').join('/')}`)
    .map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]);
}

/** Files outside the store whose text matches, with the first matching line. */
function outsideStore(pattern: RegExp): string[] {
  return electronSources()
    .filter(([file]) => !file.startsWith(STORE))
    .flatMap(([file, text]) => {
      const line = text.split('\n').findIndex((l) => pattern.test(l));
      return line === -1 ? [] : [`${file}:${line + 1}`];
    });
}

describe('the store owns the database', () => {
  it('reads the sources it checks', () => {
    const files = electronSources().map(([file]) => file);
    expect(files).toContain('electron/engine/store/store.ts');
    expect(files).toContain('electron/engine/dispatch/dispatcher.ts');
  });

  it('prepares no SQL statement outside electron/engine/store/', () => {
    expect(outsideStore(/\.prepare\(/)).toEqual([]);
  });

  it('hands the database handle to no feature: nothing outside the store imports it or reaches for store.db', () => {
    expect(outsideStore(/from '[./]*(?:store\/)?database\.js'|\bstore\.db\b|\.store\.db\b/)).toEqual([]);
  });

  it('has one write path and one WAL flusher', () => {
    const where = (pattern: RegExp) => electronSources().flatMap(([file, text]) => (pattern.test(text) ? [file] : []));
    expect(where(/new GroupCommitter\b/)).toEqual(['electron/engine/store/write-queue.ts']);
    expect(where(/new WriteQueue\(/)).toEqual(['electron/engine/store/store.ts']);
    expect(where(/new WalSync\(/)).toEqual(['electron/engine/store/store.ts']);
    // The relay (electron/relay/) is another program: its request queue flushes its own files.
    expect(where(/\bfdatasync\b/).filter((file) => file.startsWith('electron/engine/'))).toEqual(['electron/engine/store/wal-sync.ts']);
  });
});
