import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { ELECTRON_VERSION, NODE_SQLITE_BINARY } from './support/main-process.js';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_ABI = readFileSync(join(ROOT, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
const SQLITE_VERSION: string = require('better-sqlite3/package.json').version;

/**
 * A checkout of its own for the guard: its two scripts and the real node_modules, so the build
 * folder it inspects is a temp one and the repository's build/ is never touched.
 */
function checkout(): { path: string; remove: () => void; buildDir: string } {
  const dir = tempDir('hookbench-guard-');
  mkdirSync(join(dir.path, 'scripts'));
  for (const script of ['check-electron-sqlite.js', 'electron-sqlite-target.js'])
    copyFileSync(join(ROOT, 'scripts', script), join(dir.path, 'scripts', script));
  symlinkSync(join(ROOT, 'node_modules'), join(dir.path, 'node_modules'), 'junction');
  return { ...dir, buildDir: join(dir.path, 'build', 'electron-sqlite') };
}

function built(buildDir: string, binary: Buffer, stamp: Record<string, string>): void {
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(join(buildDir, 'better_sqlite3.node'), binary);
  writeFileSync(join(buildDir, 'build-info.json'), JSON.stringify(stamp));
}

function guard(root: string): { code: number | null; stdout: string; stderrLines: string[] } {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'check-electron-sqlite.js')], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderrLines: run.stderr.split('\n').filter((line) => line !== '') };
}

const thisMachine = { electron: ELECTRON_VERSION, betterSqlite3: SQLITE_VERSION, platform: process.platform, arch: process.arch };
/** What an Electron-ABI build exports, in a file that stands in for one (it cannot be built here). */
const electronAbiBinary = Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(64), Buffer.from(`node_register_module_v${ELECTRON_ABI}\0`)]);

describe('the Electron-ABI better-sqlite3 guard `npm run dist` runs first', () => {
  let tree: ReturnType<typeof checkout>;
  afterEach(() => tree?.remove());

  it('runs before the build and electron-builder, and the build step it names exists', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.dist.startsWith('node scripts/check-electron-sqlite.js && ')).toBe(true);
    expect(scripts.dist).toMatch(/electron-builder/);
    expect(scripts['build:electron-sqlite']).toBe('node scripts/build-electron-sqlite.js');
  });

  it('refuses in one line naming the build step when the Electron build was never made', () => {
    tree = checkout();
    const result = guard(tree.path);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toMatch(/^Refusing to package: .*is not built.*run `npm run build:electron-sqlite` first/);
  });

  it("refuses Node's own build, even stamped as an Electron one", () => {
    tree = checkout();
    built(tree.buildDir, readFileSync(NODE_SQLITE_BINARY), thisMachine);
    const result = guard(tree.path);
    expect(result.code).toBe(1);
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toContain(
      `module ABI ${process.versions.modules} (Node ${process.version}'s), not Electron ${ELECTRON_VERSION}'s ABI ${ELECTRON_ABI}`,
    );
    expect(result.stderrLines[0]).toContain('npm run build:electron-sqlite');
  });

  it('refuses a build made for another Electron version', () => {
    tree = checkout();
    built(tree.buildDir, electronAbiBinary, { ...thisMachine, electron: '40.0.0' });
    const result = guard(tree.path);
    expect(result.code).toBe(1);
    expect(result.stderrLines).toEqual([
      expect.stringMatching(/for Electron 40\.0\.0 .*not better-sqlite3 .* for Electron 41.*-- --force/),
    ]);
  });

  it('lets packaging go on when the build fits this Electron, platform and arch', () => {
    tree = checkout();
    built(tree.buildDir, electronAbiBinary, thisMachine);
    const result = guard(tree.path);
    expect(result.stderrLines).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`module ABI ${ELECTRON_ABI}`);
  });
});
