import { afterEach, describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../../shared/api/tunnel-routes.js';
import { startServe, type ServeProcess } from '../../../support/serve-process.js';
import { tempDir } from '../../../support/temp-dir.js';
import { waitForOutput } from '../../support/processes.js';
import { closedPort } from './ngrok-harness.js';

/** `hookbench serve --tunnel ngrok` as a user runs it (the built CLI), where no ngrok can be reached. */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const API_TOKEN = 'ngrok-cli-test-token';

async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  // No authtoken may leak in from the machine running the tests.
  const started = await startServe(dir.path, ['--tunnel', 'ngrok', ...args], {
    HOOKBENCH_API_TOKEN: API_TOKEN,
    HOOKBENCH_TUNNEL_RETRY_MAX_MS: '500',
    NGROK_AUTHTOKEN: '',
    HOOKBENCH_NGROK_AUTHTOKEN: '',
    ...env,
  });
  cleanups.push(async () => {
    if (started.child.exitCode === null) started.child.kill('SIGTERM');
    await started.exited;
  });
  return started;
}

async function tunnelStatus(engine: ServeProcess): Promise<TunnelStatus> {
  const response = await fetch(`${engine.urls.apiUrl}/tunnel`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
  expect(response.ok).toBe(true);
  return (await response.json()) as TunnelStatus;
}

describe('hookbench serve --tunnel ngrok', () => {
  it('without an authtoken ends in failed with the fix, in the status line and the API', async () => {
    const engine = await serve([]);

    const line = await waitForOutput(engine.child, engine.output, /tunnel failed \((\w+): (.*)\)\n/);
    const status = await tunnelStatus(engine);

    expect(line[1]).toBe('ngrok_authtoken_missing');
    expect(line[2]).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(status).toMatchObject({ provider: 'ngrok', status: 'failed', url: null, error: { code: 'ngrok_authtoken_missing' } });
    expect(status.error?.fix).toContain('NGROK_AUTHTOKEN');
  });

  it('with a bad --ngrok-authtoken against a closed server address keeps reconnecting with the mapped reason, never online', async () => {
    const port = await closedPort();
    const engine = await serve(['--ngrok-authtoken', 'bad-token-never-shown'], { HOOKBENCH_NGROK_SERVER_ADDR: `127.0.0.1:${port}` });

    const line = await waitForOutput(engine.child, engine.output, /tunnel reconnecting in [\d.]+s \((\w+): (.*)\)\n/);
    const status = await tunnelStatus(engine);

    expect(line[1]).toBe('ngrok_connection_refused');
    expect(line[2]).toBe(`The ngrok service at 127.0.0.1:${port} refused the connection.`);
    expect(status).toMatchObject({ provider: 'ngrok', status: 'reconnecting', error: { code: 'ngrok_connection_refused' } });
    expect(engine.output()).not.toMatch(/tunnel online/);
    expect(engine.output()).not.toContain('bad-token-never-shown');
  });
});
