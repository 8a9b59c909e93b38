import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, staleReason, writeStamp } from '../../scripts/build-stamp.js';
import { tempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REAL_SCRIPTS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
const COMPILE = 'tsc -p tsconfig.build.json && vite build';

/** Stands in for tsc + vite: logs each run and writes the outputs, or only one of them and fails when `fail-build` exists. */
const FAKE_BUILD = `
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
appendFileSync('build.log', 'built\\n');
const outputs = ${JSON.stringify(BUILD_OUTPUTS)};
const failing = existsSync('fail-build');
for (const output of failing ? outputs.slice(0, 1) : outputs) {
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, 'built');
}
process.exit(failing ? 1 : 0);
`;

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/**
 * A throwaway project with Hookbench's build and start scripts (package.json's own, the compile
 * step swapped for a fast stand-in) and a few sources in each folder the real build reads.
 */
function project(): string {
  const dir = tempDir('hookbench-build-');
  dirs.push(dir);
  const root = dir.path;
  expect(REAL_SCRIPTS.build).toContain(COMPILE);
  const scripts = { build: REAL_SCRIPTS.build.replace(COMPILE, 'node fake-build.js'), start: REAL_SCRIPTS.start };
  write(root, 'package.json', JSON.stringify({ name: 'fixture', private: true, type: 'module', scripts }));
  mkdirSync(join(root, 'scripts'));
  for (const script of ['build-stamp.js', 'build-if-stale.js']) {
    if (existsSync(join(ROOT, 'scripts', script))) copyFileSync(join(ROOT, 'scripts', script), join(root, 'scripts', script));
  }
  write(root, 'scripts/start.js', "console.log('engine started');\n");
  write(root, 'fake-build.js', FAKE_BUILD);
  write(root, 'electron/engine/engine.ts', 'export const engine = 1;\n');
  write(root, 'shared/errors.ts', 'export const errors = 1;\n');
  write(root, 'renderer/index.html', '<!doctype html>\n');
  write(root, 'renderer/src/main.tsx', 'export {};\n');
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'vite.config.ts', 'package-lock.json']) write(root, file, '{}\n');
  return root;
}

function npmRun(root: string, script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const npm = spawn('npm', ['run', script], { cwd: root, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.on('exit', (code) => resolve({ code, output }));
  });
}

const npmStart = (root: string) => npmRun(root, 'start');

const builds = (root: string) =>
  existsSync(join(root, 'build.log')) ? readFileSync(join(root, 'build.log'), 'utf8').split('\n').length - 1 : 0;

describe('npm start and the build', () => {
  it('builds on the first start, then starts without building while nothing changed', async () => {
    const root = project();
    const first = await npmStart(root);
    expect(first.code).toBe(0);
    expect(first.output).toContain('engine started');
    expect(builds(root)).toBe(1);

    const second = await npmStart(root);
    expect(second.code).toBe(0);
    expect(second.output).toContain('the build is up to date with the sources; skipping it');
    expect(second.output).toContain('engine started');
    expect(builds(root)).toBe(1);
  });

  it('builds again after a source file changes', async () => {
    const root = project();
    await npmStart(root);
    write(root, 'electron/engine/engine.ts', 'export const engine = 2;\n');
    const again = await npmStart(root);
    expect(again.output).toContain('building, as the sources changed since the last build');
    expect(builds(root)).toBe(2);
  });

  it('does not count a failed build as up to date: that start stops, and the next one builds again', async () => {
    const root = project();
    write(root, 'fail-build', '');
    const failed = await npmStart(root);
    expect(failed.code).not.toBe(0);
    expect(failed.output).not.toContain('engine started');
    rmSync(join(root, 'fail-build'));
    const next = await npmStart(root);
    expect(next.output).toContain('building, as dist/electron/main.js is missing');
    expect(next.output).toContain('engine started');
    expect(builds(root)).toBe(2);
  });

  it('does not count a rebuild cut short as up to date, even from unchanged sources', async () => {
    const root = project();
    await npmStart(root);
    write(root, 'fail-build', '');
    expect((await npmRun(root, 'build')).code).not.toBe(0);
    rmSync(join(root, 'fail-build'));
    const next = await npmStart(root);
    expect(next.output).toContain('building, as no finished build is recorded');
    expect(next.output).toContain('engine started');
    expect(builds(root)).toBe(3);
  });
});

describe('what counts as a change (scripts/build-stamp.js)', () => {
  /** A project whose recorded build matches its sources. */
  function built(): string {
    const root = project();
    for (const output of BUILD_OUTPUTS) write(root, output, 'built');
    writeStamp(root);
    expect(staleReason(root)).toBeNull();
    return root;
  }

  it.each([
    [
      'a changed file, even with its old mtime put back',
      (root: string) => {
        const file = join(root, 'shared/errors.ts');
        const { atime, mtime } = statSync(file);
        writeFileSync(file, 'export const errors = 2;\n');
        utimesSync(file, atime, mtime);
      },
      'the sources changed since the last build',
    ],
    [
      'a new file in a source folder',
      (root: string) => write(root, 'renderer/src/extra.ts', 'export {};\n'),
      'the sources changed since the last build',
    ],
    ['a removed source file', (root: string) => rmSync(join(root, 'renderer/src/main.tsx')), 'the sources changed since the last build'],
    [
      'a changed lock file (other dependencies)',
      (root: string) => write(root, 'package-lock.json', '{"v":2}\n'),
      'the sources changed since the last build',
    ],
    [
      'a file in dist/ rewritten outside the build (a bare tsc run)',
      (root: string) => write(root, 'dist/electron/cli/main.js', 'other'),
      'dist/ changed since the last build',
    ],
    ['a missing output', (root: string) => rmSync(join(root, 'dist/renderer'), { recursive: true }), 'dist/renderer/index.html is missing'],
  ])('%s makes the build stale', (_name, change, reason) => {
    const root = built();
    change(root);
    expect(staleReason(root)).toBe(reason);
  });

  it('a touched source file with the same content does not', () => {
    const root = built();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'electron/engine/engine.ts'), later, later);
    expect(staleReason(root)).toBeNull();
  });
});
