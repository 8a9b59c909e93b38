import { readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServe } from '../support/serve-process.js';
import { tempDir } from '../support/temp-dir.js';

const dirs: Array<{ path: string; remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dir() {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

/** One line on stderr, nothing like a stack trace. */
function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('hookbench serve as a process', () => {
  it('starts, takes a webhook, and stops cleanly on SIGTERM with the database closed', async () => {
    const dataDir = dir();
    const serve = await startServe(dataDir);
    const res = await fetch(`${serve.urls.httpUrl}/hello`, { method: 'POST', body: '{"hello":"world"}' });
    const { id } = await res.json();
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    const again = await startServe(dataDir);
    const token = new URL(again.urls.uiUrl).hash.replace('#token=', '');
    const record = await (await fetch(`${again.urls.apiUrl}/deliveries/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(record.body.data).toBe('{"hello":"world"}');
    again.child.kill('SIGINT');
    expect((await again.exited).code).toBe(0);
  });

  it('refuses a bad port with one line naming the flag', async () => {
    const result = await runCli(['serve', '--data-dir', dir(), '--http-port', '99999', '--no-open']);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^hookbench: --http-port must be between 0 and 65535/);
  });

  it('refuses a bad port from the environment with one line naming the variable', async () => {
    const result = await runCli(['serve', '--data-dir', dir(), '--no-open'], { HOOKBENCH_API_PORT: 'x' });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^hookbench: HOOKBENCH_API_PORT /);
  });

  it('refuses a data dir that is a file', async () => {
    const file = join(dir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const result = await runCli(['serve', '--data-dir', file, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open']);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^hookbench: --data-dir .* is a file, not a folder/);
  });

  it('says which port is in use instead of printing a stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runCli([
        'serve',
        '--data-dir',
        dir(),
        '--api-port',
        '0',
        '--http-port',
        String(port),
        '--https-port',
        '0',
        '--no-open',
      ]);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, new RegExp(`^hookbench: Port ${port} \\(HTTP receiver\\) is already in use`));
    } finally {
      blocker.close();
    }
  });

  it.each([
    ['--http-port', 'HTTP receiver'],
    ['--api-port', 'control API'],
  ])('a start refused because the port for %s is in use leaves no new data dir behind', async (flag, label) => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const parent = dir();
    const dataDir = join(parent, 'new', 'data');
    const ports: Record<string, string> = { '--api-port': '0', '--http-port': '0', '--https-port': '0', [flag]: String(port) };
    try {
      const result = await runCli(['serve', '--data-dir', dataDir, ...Object.entries(ports).flat(), '--no-open']);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, new RegExp(`^hookbench: Port ${port} \\(${label}\\) is already in use`));
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a second engine on the same data dir', async () => {
    const dataDir = dir();
    const first = await startServe(dataDir);
    try {
      const result = await runCli([
        'serve',
        '--data-dir',
        dataDir,
        '--api-port',
        '0',
        '--http-port',
        '0',
        '--https-port',
        '0',
        '--no-open',
      ]);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, /already using/);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('rejects an unknown flag with a one-line reason', async () => {
    const result = await runCli(['serve', '--colour', 'red']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hookbench: unknown option '--colour'/);
  });
});
