import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBanner } from '../support/serve-process.js';
import { dataDirReleased } from '../support/data-dir-released.js';
import { tempDir } from '../support/temp-dir.js';

const START = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Why npm start would open the desktop app here instead of `hookbench serve`, or null. */
function electronInstalled(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? `the Electron binary at ${path} is installed` : null;
  } catch {
    return null;
  }
}

/** Settles once nothing holds the write end of `stream` any more: every process that had it has exited. */
function closed(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve) => stream.on('close', () => resolve()));
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** `node scripts/start.js` as `npm start` runs it, on free ports; resolves once the engine's banner is out. */
async function startWrapper(dataDir: string) {
  const wrapper = spawn(
    process.execPath,
    [START, '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'],
    { env: { ...process.env, BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => wrapper.on('exit', (code) => resolve(code)));
  // The engine inherits these pipes: they close only once it has exited too.
  const engineGone = Promise.all([closed(wrapper.stdout), closed(wrapper.stderr)]);
  let out = '';
  wrapper.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const urls = await new Promise<NonNullable<ReturnType<typeof parseBanner>>>((resolve) =>
    wrapper.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = parseBanner(out);
      if (found) resolve(found);
    }),
  );
  const { pid } = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { pid: number };
  cleanups.push(() => {
    try {
      process.kill(pid, 'SIGKILL'); // Only when the engine outlived the test.
    } catch {
      // Gone already, as it should be.
    }
  });
  return { wrapper, urls, exited, engineGone, output: () => out };
}

describe('npm start (scripts/start.js)', () => {
  it('the engine it starts stops, releasing ports and data dir, when the wrapper is killed with SIGKILL', async (ctx) => {
    const electron = electronInstalled();
    if (electron) return ctx.skip(`npm start would open the desktop app: ${electron}`);
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { wrapper, urls, engineGone, output } = await startWrapper(dir.path);

    wrapper.kill('SIGKILL');
    await engineGone;
    expect(output()).toMatch(/the program that started Hookbench is gone: finishing in-flight requests/);
    expect(dataDirReleased(dir.path)).toBe(true);
    expect(await refusesConnections(Number(new URL(urls.httpUrl).port))).toBe(true);
  });

  it('Ctrl+C on the wrapper stops the engine once, cleanly, and both exit 0', async (ctx) => {
    const electron = electronInstalled();
    if (electron) return ctx.skip(`npm start would open the desktop app: ${electron}`);
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { wrapper, exited, engineGone, output } = await startWrapper(dir.path);
    wrapper.kill('SIGINT');
    expect(await exited).toBe(0);
    await engineGone;
    expect(output()).toMatch(/SIGINT: finishing in-flight requests/);
    expect(dataDirReleased(dir.path)).toBe(true);
  });
});
