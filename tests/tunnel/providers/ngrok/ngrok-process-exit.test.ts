import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, startIngress } from './ngrok-harness.js';
import { STAND_IN_AUTHTOKEN, startNgrokServer } from './support/ngrok-server.js';

const CHILD = fileURLToPath(new URL('./support/stop-then-idle.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../../dist/electron/engine/tunnel/providers/ngrok/ngrok-provider.js', import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs the built provider in its own Node process until `waitFor`, stops it, and waits for the process to end by itself. */
function runUntilStopped(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build with npx tsc -p tsconfig.build.json`);
  const child = spawn(process.execPath, [CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(() => {
    child.kill('SIGKILL');
    return Promise.resolve();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('ngrok provider leaves nothing running after stop', () => {
  it('lets Node exit by itself after stopping an online tunnel', async () => {
    const ngrok = await startNgrokServer();
    cleanups.push(() => ngrok.stop());
    const ingress = await startIngress();
    cleanups.push(() => ingress.close());

    const { code, output } = await runUntilStopped({
      AUTHTOKEN: STAND_IN_AUTHTOKEN,
      SERVER_ADDR: ngrok.serverAddr,
      SERVER_CA: ngrok.caPem,
      TARGET_URL: ingress.url,
      WAIT_FOR: 'online',
    });

    expect(output).toContain('report {"state":"online"');
    expect(output).toContain('stopped');
    expect(code).toBe(0);
  });

  it('lets Node exit by itself after stopping while it retries a closed server address', async () => {
    const ingress = await startIngress();
    cleanups.push(() => ingress.close());

    const { code, output } = await runUntilStopped({
      AUTHTOKEN: 'unused',
      SERVER_ADDR: `127.0.0.1:${await closedPort()}`,
      TARGET_URL: ingress.url,
      WAIT_FOR: 'reconnecting',
    });

    expect(output).toContain('"code":"ngrok_connection_refused"');
    expect(output).toContain('stopped');
    expect(code).toBe(0);
  });
});
