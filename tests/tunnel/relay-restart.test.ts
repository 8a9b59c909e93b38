import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoad, verifyNothingLost } from './support/load.js';
import { startRelayProcess, waitForOutput, type RelayProcess } from './support/processes.js';
import { gatedApp } from './support/gated-app.js';
import { startAppClient } from './support/app-client.js';
import { TOKEN_A } from './support/relay-fixture.js';
import { json, send } from './support/senders.js';
import { startTunnelEngine, tunnelStatus } from './support/tunnel-engine.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function relayOn(port: number): Promise<RelayProcess> {
  const relay = await startRelayProcess(['--port', String(port), '--heartbeat-ms', '500', '--drain-ms', '5000'], {
    HOOKBENCH_RELAY_TOKENS: TOKEN_A,
  });
  cleanups.push(async () => {
    if (relay.child.exitCode === null && relay.child.signalCode === null) {
      relay.child.kill('SIGKILL');
      await relay.exited;
    }
  });
  return relay;
}

describe('the relay goes away and comes back', () => {
  it('killed with SIGKILL and restarted: the app reconnects by itself within 2 s to the same URL; every 2xx stored, every other request an error', async () => {
    const port = await freePort();
    const first = await relayOn(port);
    const { engine, url } = await startTunnelEngine(first.url, TOKEN_A);
    cleanups.push(() => engine.stop());
    const load = startLoad(url);
    await load.successes(150);

    first.child.kill('SIGKILL');
    await first.exited;
    await tunnelStatus(engine, (s) => s.status === 'reconnecting');
    const second = await relayOn(port);
    // The relay kept nothing: the id comes back because it is bound to the token, not to relay memory.
    const back = await tunnelStatus(engine, (s) => s.status === 'online', 2_000);
    expect(back.url).toBe(url);
    await load.successes(150);
    const outcomes = await load.stop();

    const result = await verifyNothingLost(outcomes, engine.info.apiUrl, engine.info.token);
    expect(result.acknowledged).toBeGreaterThanOrEqual(300);
    expect(second.output()).toMatch(/online/);
  }, 60_000);

  it("stopped with SIGTERM: requests already with the app finish and get the app's answer, then the app reconnects to the restarted relay", async () => {
    const port = await freePort();
    const first = await relayOn(port);
    const app = gatedApp();
    const { client, url, status, statuses } = await startAppClient(first.url, TOKEN_A, app.ingest);
    cleanups.push(() => client.stop(0));

    const inFlight = send(`${url}/slow`, { body: Buffer.from('in flight during shutdown') });
    await app.reached(1);
    const outputBefore = first.output().length;
    first.child.kill('SIGTERM');
    await waitForOutput(first.child, first.output, /draining/, outputBefore);
    app.open();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(json(answer)).toMatchObject({ ok: true, size: 25 });
    expect((await first.exited).code).toBe(0);
    await status((s) => s.status === 'reconnecting' && s.error?.code === 'relay_restarting');

    const beforeRestart = statuses.length;
    await relayOn(port);
    expect((await status((s) => s.status === 'online', beforeRestart)).url).toBe(url);
    const after = await send(`${url}/after`, { body: Buffer.from('x') });
    expect(after.status).toBe(200);
  }, 60_000);
});
