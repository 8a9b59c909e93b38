import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { closedPort, startHandler, type Handler } from '../engine/forward/support/handler-server.js';
import { BIN, runCli } from '../support/serve-process.js';
import { tempDir } from '../support/temp-dir.js';

const { verifyWebhook } = createRequire(import.meta.url)('../shared/inboundflow/docs-verify-webhook.cjs') as {
  verifyWebhook: (body: unknown, timestamp: string, signature: string, secret: string) => boolean;
};

/** `hookbench listen` as a user runs it; `waitFor` resolves when its output matches. */
function startListen(args: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'listen', '--api-port', '0', '--http-port', '0', '--https-port', '0', ...args],
    {
      env: { ...process.env, BROWSER: 'none', HOOKBENCH_API_URL: '', HOOKBENCH_API_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = out.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout!.on('data', (chunk) => ((out += chunk), check()));
  child.stderr!.on('data', (chunk) => ((out += chunk), check()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    waitFor: (pattern: RegExp) => new Promise<RegExpMatchArray>((resolve) => (waiters.push({ pattern, resolve }), check())),
  };
}

describe('hookbench listen, replay and export', () => {
  const dir = tempDir();
  let handler: Handler;
  let listen: ReturnType<typeof startListen>;
  let httpUrl: string;
  let apiUrl: string;
  let firstId: string;
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { HOOKBENCH_API_URL: '', HOOKBENCH_API_TOKEN: '', ...env });

  beforeAll(async () => {
    handler = await startHandler((seen) => ({ status: 201, body: `handled ${seen.url}` }));
    listen = startListen(['--data-dir', dir.path, '--inbox', 'stripe', '--forward-to', `${handler.url}/webhooks`]);
    const ready = await Promise.race([
      listen.waitFor(/Receiver\s+(http:\/\/\S+?)\/\s[\s\S]*API\s+(http:\/\/\S+\/api)[\s\S]*Ready/),
      listen.exited.then(() => null),
    ]);
    if (!ready) throw new Error(`listen exited:\n${listen.output()}`);
    [, httpUrl, apiUrl] = ready;
  }, 60_000);
  afterAll(async () => {
    listen.child.kill('SIGKILL');
    await handler.close();
    dir.remove();
  });

  it('listen forwards to the handler and prints one line per delivery with the handler status and time', async () => {
    expect(listen.output()).toMatch(new RegExp(`Forwarding ${httpUrl}/i/stripe/\\s+→\\s+${handler.url}/webhooks\\s+\\(timeout 9000 ms\\)`));
    const body = '{"event":"call.completed","delivery_id":"d-1"}';
    const res = await fetch(`${httpUrl}/i/stripe/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-InboundFlow-Event': 'call.completed',
        'X-InboundFlow-Signature': sign('s', 1, body),
        'X-InboundFlow-Timestamp': '1',
      },
      body,
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('handled /webhooks');
    const [line] = await listen.waitFor(
      /^\d\d:\d\d:\d\d {2}POST \/i\/stripe\/ {2}call\.completed {2}\[signature no_secret\] {2}→ 201 {2}\d+ ms$/m,
    );
    expect(line).toBeTruthy();
    firstId = (
      await (
        await fetch(`${apiUrl}/deliveries?inbox=stripe`, {
          headers: { Authorization: `Bearer ${readFileSync(join(dir.path, 'api-token'), 'utf8').trim()}` },
        })
      ).json()
    ).items[0].id;
  });

  it('replay sends a delivery again through the running engine found by its data dir', async () => {
    const replayed = await cli(['replay', firstId, '--data-dir', dir.path, '--to', `${handler.url}/again`]);
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(
      new RegExp(`^${firstId} → ${handler.url}/again {2}201 {2}\\d+ ms {2}\\(exact; stored as dlv_\\w+\\)\\n$`),
    );
    expect(handler.requests.at(-1)!.url).toBe('/again');

    const resigned = await cli(['replay', firstId, '--data-dir', dir.path, '--resign', '--secret', 'cli-secret', '--json']);
    expect(resigned.code).toBe(0);
    expect(JSON.parse(resigned.stdout)).toMatchObject({ mode: 'resign', status: 201, url: `${handler.url}/webhooks` });
    const seen = handler.requests.at(-1)!;
    const get = (name: string) => seen.headers.find(([key]) => key.toLowerCase() === name)![1];
    expect(
      verifyWebhook(JSON.parse(seen.body.toString()), get('x-inboundflow-timestamp'), get('x-inboundflow-signature'), 'cli-secret'),
    ).toBe(true);

    const noSecret = await cli(['replay', firstId, '--data-dir', dir.path, '--resign']);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/^hookbench: The engine refused: Re-signing needs a secret[^\n]*\n$/);
  });

  it('export streams HAR and NDJSON to stdout or a file, with filters, through --api or the data dir', async () => {
    const file = join(dir.path, 'out.ndjson');
    const toFile = await cli([
      'export',
      '--format',
      'ndjson',
      '--inbox',
      'stripe',
      '--direction',
      'in',
      '--data-dir',
      dir.path,
      '--out',
      file,
    ]);
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toBe(`exported to ${file}\n`);
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((r) => r.id)).toEqual([firstId]);

    const token = readFileSync(join(dir.path, 'api-token'), 'utf8').trim();
    const har = await cli(['export', '--format', 'har', '--api', apiUrl], { HOOKBENCH_API_TOKEN: token });
    expect(har.code).toBe(0);
    expect(JSON.parse(har.stdout).log.entries.map((e: { _hookbench: { id: string } }) => e._hookbench.id)[0]).toBe(firstId);

    const curl = await cli(['export', firstId, '--format', 'curl'], { HOOKBENCH_DATA_DIR: dir.path });
    expect(curl.stdout).toMatch(/^printf '%s' '\{"event":"call\.completed","delivery_id":"d-1"\}' \| curl /);

    expect((await cli(['export', '--format', 'curl', '--data-dir', dir.path])).stderr).toMatch(
      /^hookbench: --format curl exports one delivery: give its id, as in hookbench export dlv_… --format curl/,
    );
    expect((await cli(['export', '--status', '9xx', '--data-dir', dir.path])).stderr).toMatch(/^hookbench: The engine refused: status: /);
  });

  it('listen stops cleanly, puts the inbox back as it was, and then replay and export say no engine runs', async () => {
    listen.child.kill('SIGTERM');
    expect(await listen.exited).toBe(0);
    expect(existsSync(join(dir.path, 'runtime.json'))).toBe(false);

    const replayed = await cli(['replay', firstId, '--data-dir', dir.path]);
    expect(replayed.code).toBe(1);
    expect(replayed.stderr).toBe(
      `hookbench: No Hookbench engine runs for ${dir.path} (no runtime.json); start one with \`hookbench serve\` or \`hookbench listen\`, or pass --api URL.\n`,
    );
    const down = await closedPort();
    const exported = await cli(['export', '--api', `http://127.0.0.1:${down}/api`], { HOOKBENCH_API_TOKEN: 'x'.repeat(32) });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toBe(
      `hookbench: No Hookbench engine answers at http://127.0.0.1:${down}/api (ECONNREFUSED); start one with \`hookbench serve\` or \`hookbench listen\`, or pass --api URL.\n`,
    );

    const engine = createEngine({ dataDir: dir.path, apiPort: 0, httpPort: 0, httpsPort: 0 });
    await engine.start();
    try {
      expect(engine.store.inboxes.bySlug('stripe')).toMatchObject({ forward_to: null });
    } finally {
      await engine.stop();
    }
  });

  it('listen refuses bad input with one line and exit 2', async () => {
    const bad = await cli(['listen', '--forward-to', 'ftp://x', '--data-dir', dir.path]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hookbench: --forward-to forward_to must be an http:\/\/ or https:\/\/ URL/);
    const slug = await cli(['listen', '--forward-to', 'http://localhost:3000', '--inbox', 'Not A Slug', '--data-dir', dir.path]);
    expect(slug.code).toBe(2);
  });
});
