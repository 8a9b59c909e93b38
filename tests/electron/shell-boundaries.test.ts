import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ELECTRON_DIR = fileURLToPath(new URL('../../electron', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(c|m)?ts$/.test(name))
    .map((name) => join(dir, name));
}

/** Module specifiers loaded at run time (type-only imports are erased by the compiler). */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (!match[1]) specifiers.push(match[2]);
  }
  for (const match of source.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g))
    specifiers.push(match[1] ?? match[2]);
  return specifiers;
}

describe('shell boundaries', () => {
  it('the engine never loads electron, so the CLI and the desktop app run the same engine', () => {
    for (const file of sources(join(ELECTRON_DIR, 'engine'))) {
      expect(runtimeImports(readFileSync(file, 'utf8')), file).not.toContain('electron');
    }
  });

  it('the sandboxed preload loads only electron and hands the page functions, never ipcRenderer itself', () => {
    const preload = readFileSync(join(ELECTRON_DIR, 'preload.cts'), 'utf8');
    expect(runtimeImports(preload)).toEqual(['electron']);
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('hookbench'/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(preload).not.toMatch(/ipcRenderer\.on\(|ipcRenderer\.send\(/);
  });

  it('the rule modules the unit tests load never load electron at run time', () => {
    for (const name of [
      'app-url',
      'external-url',
      'navigation-guard',
      'window-options',
      'content-security-policy',
      'renderer-file',
      'port-fallback',
      'app-menu',
      'tunnel-status',
      'ipc-channels',
    ]) {
      expect(runtimeImports(readFileSync(join(ELECTRON_DIR, 'shell', `${name}.ts`), 'utf8')), name).not.toContain('electron');
    }
  });
});
