import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/serve-process.js';
import { tempDir } from '../support/temp-dir.js';
import { startRelayProcess, waitForOutput } from './support/processes.js';
import { TOKEN_A, TOKEN_B } from './support/relay-fixture.js';
import { send } from './support/senders.js';
import { startTunnelEngine, tunnelStatus } from './support/tunnel-engine.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One line on stderr naming the problem, exit status 2, no stack trace. */
function expectOneLine(result: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const noRelayEnv = { HOOKBENCH_RELAY_TOKENS: '', HOOKBENCH_RELAY_TOKENS_FILE: '' };

describe('hookbench relay on the command line', () => {
  it('refuses to start without tokens', async () => {
    expectOneLine(
      await runCli(['relay', '--port', '0'], noRelayEnv),
      /^hookbench: No relay tokens: pass --token, --tokens-file or HOOKBENCH_RELAY_TOKENS/,
    );
  });

  it('names the flag or variable of a bad setting', async () => {
    expectOneLine(
      await runCli(['relay', '--port', '70000', '--token', TOKEN_A], noRelayEnv),
      /^hookbench: --port must be between 0 and 65535/,
    );
    expectOneLine(
      await runCli(['relay', '--port', '0', '--token', TOKEN_A], { HOOKBENCH_RELAY_HOLD_MS: 'soon' }),
      /^hookbench: HOOKBENCH_RELAY_HOLD_MS must be a number/,
    );
    expectOneLine(await runCli(['relay', '--port', '0', '--token', 'short'], noRelayEnv), /16–512 characters/);
    expectOneLine(
      await runCli(['relay', '--port', '0', '--token', TOKEN_A, '--tls-cert', 'cert.pem'], noRelayEnv),
      /--tls-cert and --tls-key go together/,
    );
    expectOneLine(
      await runCli(['relay', '--port', '0', '--token', TOKEN_A, '--tls-cert', '/nope.pem', '--tls-key', '/nope.pem'], noRelayEnv),
      /--tls-cert \/nope.pem cannot be read \(ENOENT\)/,
    );
    expectOneLine(
      await runCli(['relay', '--port', '0', '--token', TOKEN_A, '--domain', 'not a domain'], noRelayEnv),
      /--domain must be a DNS name/,
    );
    expectOneLine(
      await runCli(['relay', '--port', '0', '--token', TOKEN_A, '--queue-status', '201'], noRelayEnv),
      /^hookbench: --queue-status must be 200 or 202/,
    );
    expectOneLine(
      await runCli(['relay', '--port', '0', '--token', TOKEN_A], { ...noRelayEnv, HOOKBENCH_RELAY_QUEUE_MAX_AGE: 'a week' }),
      /^hookbench: HOOKBENCH_RELAY_QUEUE_MAX_AGE must be a duration such as 7d/,
    );
  });

  it('takes its queue dir from HOOKBENCH_RELAY_QUEUE_DIR and refuses a dir another relay is using', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const relay = await startRelayProcess(['--port', '0'], { HOOKBENCH_RELAY_TOKENS: TOKEN_A, HOOKBENCH_RELAY_QUEUE_DIR: dir.path });
    cleanups.push(async () => {
      relay.child.kill('SIGTERM');
      await relay.exited;
    });
    expect(relay.output()).toContain(`Queue            ${dir.path} (0 waiting)`);
    expectOneLine(
      await runCli(['relay', '--port', '0', '--token', TOKEN_A, '--queue', dir.path], noRelayEnv),
      /^hookbench: --queue .* is in use by another relay \(pid \d+\); give each relay its own queue dir\.$/,
    );
  });

  it('reads a tokens file with reserved names and tokens from the environment', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const file = join(dir.path, 'tokens');
    writeFileSync(file, `# token  reserved names\n${TOKEN_A} acme\n`);
    const relay = await startRelayProcess(['--port', '0', '--tokens-file', file], { HOOKBENCH_RELAY_TOKENS: TOKEN_B });
    cleanups.push(async () => {
      relay.child.kill('SIGTERM');
      await relay.exited;
    });
    expect(relay.output()).toMatch(/\(2 tokens\)/);
    const a = await startTunnelEngine(relay.url, TOKEN_A);
    cleanups.push(() => a.engine.stop());
    expect(a.url).toBe(`${relay.url}/t/acme`);
    const b = await startTunnelEngine(relay.url, TOKEN_B);
    cleanups.push(() => b.engine.stop());
    expect(b.url).toMatch(/\/t\/[a-z2-7]{24}$/);
    expect((await send(`${a.url}/x`, { body: Buffer.from('a') })).status).toBe(200);
    expect(relay.output()).not.toContain(TOKEN_A);
  });
});

describe('hookbench serve --relay', () => {
  it('refuses a relay URL without TLS, and a relay without a token, in one line', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const base = ['serve', '--data-dir', dir.path, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'];
    expectOneLine(
      await runCli([...base, '--relay', 'http://relay.example.com', '--relay-token', TOKEN_A]),
      /^hookbench: --relay must use https:\/\//,
    );
    expectOneLine(
      await runCli([...base, '--relay', 'https://relay.example.com'], { HOOKBENCH_RELAY_TOKEN: '' }),
      /^hookbench: --relay needs a token/,
    );
    const hidden = await runCli([...base, '--relay', 'https://relay.example.com', '--relay-token', 'x'.repeat(600)]);
    expect(hidden.stderr).not.toContain('x'.repeat(600));
  });

  it('rereads the tokens file on SIGHUP: a new token works at once, a removed one loses its tunnel, a broken file changes nothing', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const file = join(dir.path, 'tokens');
    writeFileSync(file, `${TOKEN_A}\n`);
    const relay = await startRelayProcess(['--port', '0', '--tokens-file', file], noRelayEnv);
    cleanups.push(async () => {
      relay.child.kill('SIGTERM');
      await relay.exited;
    });
    const a = await startTunnelEngine(relay.url, TOKEN_A);
    cleanups.push(() => a.engine.stop());

    writeFileSync(file, `${TOKEN_B}\n`);
    let from = relay.output().length;
    relay.child.kill('SIGHUP');
    await waitForOutput(relay.child, relay.output, /SIGHUP: tokens reloaded \(1 token; 1 tunnel of removed tokens closed\)/, from);
    const b = await startTunnelEngine(relay.url, TOKEN_B);
    cleanups.push(() => b.engine.stop());
    expect((await send(`${b.url}/x`, { body: Buffer.from('b') })).status).toBe(200);
    // The revoked app is refused when it reconnects, and says why.
    const refused = await tunnelStatus(
      a.engine,
      (s) => s.status !== 'online' && s.status !== 'starting' && /unauthorized|token/i.test(JSON.stringify(s)),
    );
    expect(JSON.stringify(refused)).toMatch(/unauthorized|token/i);

    writeFileSync(file, 'short\n');
    from = relay.output().length;
    relay.child.kill('SIGHUP');
    await waitForOutput(relay.child, relay.output, /SIGHUP: tokens not reloaded, the old ones stay: .*16–512/, from);
    expect((await send(`${b.url}/x`, { body: Buffer.from('still') })).status).toBe(200);
  });
});
