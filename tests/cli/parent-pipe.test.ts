import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, parseBanner, runCli, type ServeUrls } from '../support/serve-process.js';
import { dataDirReleased } from '../support/data-dir-released.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** `hookbench serve` as a parent that passes it a pipe on fd 3 starts it. */
function serveWithPipe(dataDir: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'],
    { env: { ...process.env, BROWSER: 'none', HOOKBENCH_PARENT_FD: '3' }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  const started = new Promise<ServeUrls>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const urls = parseBanner(out);
      if (urls) resolve(urls);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then(({ code }) => reject(new Error(`serve exited with ${code} before starting:\n${out}`)));
  });
  return { child, pipe: child.stdio[3] as Readable, started, exited, output: () => out };
}

describe('hookbench serve with HOOKBENCH_PARENT_FD', () => {
  it('stops cleanly, its data dir released, when the parent closes its end of the pipe', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const serve = serveWithPipe(dir.path);
    const urls = await serve.started;
    expect((await fetch(`${urls.httpUrl}/before`, { method: 'POST', body: 'x' })).status).toBe(200);
    serve.pipe.destroy();
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.output()).toMatch(/the program that started Hookbench is gone: finishing in-flight requests/);
    expect(dataDirReleased(dir.path)).toBe(true);
    expect(existsSync(join(dir.path, 'runtime.json'))).toBe(false);
  });

  it('refuses a value that is not a descriptor number, in one line naming the variable', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const result = await runCli(
      ['serve', '--data-dir', dir.path, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'],
      {
        HOOKBENCH_PARENT_FD: 'three',
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('hookbench: HOOKBENCH_PARENT_FD must be the number of a pipe the parent passed (such as 3), got "three"\n');
  });

  it('refuses a descriptor that is not open, in one line naming the variable', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const result = await runCli(
      ['serve', '--data-dir', dir.path, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'],
      {
        HOOKBENCH_PARENT_FD: '9',
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hookbench: HOOKBENCH_PARENT_FD=9 is not a pipe from the parent/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
