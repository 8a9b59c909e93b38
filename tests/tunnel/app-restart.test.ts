import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import { tempDir } from '../support/temp-dir.js';
import { ok, startLoad, verifyNothingLost } from './support/load.js';
import { nextOnline, startServeWithTunnel, type TunnelServe } from './support/processes.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { waitUntil } from './support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ relay: Relay; dir: string; first: TunnelServe }> {
  const relay = await startTestRelay({ heartbeatMs: 300 });
  cleanups.push(() => relay.close());
  const dir = tempDir();
  cleanups.push(dir.remove);
  const first = await startServeWithTunnel(dir.path, relay.url, TOKEN_A);
  cleanups.push(() => stopServe(first));
  return { relay, dir: dir.path, first };
}

async function stopServe(serve: TunnelServe): Promise<void> {
  if (serve.child.exitCode !== null || serve.child.signalCode !== null) return;
  serve.child.kill('SIGCONT');
  serve.child.kill('SIGTERM');
  await serve.exited;
}

const tunnelIdOf = (url: string) => url.split('/t/')[1];

describe('the app behind a tunnel goes away and comes back', () => {
  it('killed with SIGKILL mid-load and restarted: same URL; held requests delivered; every 2xx stored, every other request an error', async () => {
    const { relay, dir, first } = await setup();
    const load = startLoad(first.tunnelUrl);
    await load.successes(150);
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await first.exited;
    await waitUntil(() => !relay.isConnected(tunnelIdOf(first.tunnelUrl)), 'the relay to notice the app is gone');
    await waitUntil(() => relay.stats().held > 0, 'requests held for the app');

    const second = await startServeWithTunnel(dir, relay.url, TOKEN_A);
    cleanups.push(() => stopServe(second));
    const backAt = Date.now();
    expect(second.tunnelUrl).toBe(first.tunnelUrl);
    await load.successes(150);
    const outcomes = await load.stop();

    const result = await verifyNothingLost(outcomes, second.urls.apiUrl, second.apiToken);
    expect(result.acknowledged).toBeGreaterThanOrEqual(300);
    // Sent while no app was there, answered 2xx: held by the relay and delivered to the new process.
    const heldThenDelivered = outcomes.filter((o) => o.startedAt >= killedAt && o.startedAt < backAt && ok(o));
    expect(heldThenDelivered.length).toBeGreaterThan(0);
  }, 60_000);

  it('stopped with SIGTERM mid-load and restarted: not one request fails', async () => {
    const { dir, first } = await setup();
    const load = startLoad(first.tunnelUrl);
    await load.successes(150);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const second = await startServeWithTunnel(dir, first.tunnelUrl.split('/t/')[0], TOKEN_A);
    cleanups.push(() => stopServe(second));
    expect(second.tunnelUrl).toBe(first.tunnelUrl);
    await load.successes(150);
    const outcomes = await load.stop();
    const result = await verifyNothingLost(outcomes, second.urls.apiUrl, second.apiToken);
    expect(result.failed).toBe(0);
  }, 60_000);

  it('frozen for 5 s (SIGSTOP, SIGCONT): dropped by the heartbeat, back on the same URL; every 2xx stored', async () => {
    const { relay, first } = await setup();
    const load = startLoad(first.tunnelUrl);
    await load.successes(150);
    first.child.kill('SIGSTOP');
    const frozenAt = Date.now();
    await waitUntil(() => !relay.isConnected(tunnelIdOf(first.tunnelUrl)), 'the relay to drop the frozen app');
    await waitUntil(() => relay.stats().held > 0, 'requests held for the app');
    // The scenario itself: the process stays frozen for five seconds.
    await new Promise((r) => setTimeout(r, Math.max(0, frozenAt + 5_000 - Date.now())));
    const outputSoFar = first.output().length;
    first.child.kill('SIGCONT');
    const thawedAt = Date.now();
    expect(await nextOnline(first, outputSoFar)).toBe(first.tunnelUrl);
    await load.successes(150);
    const outcomes = await load.stop();

    await verifyNothingLost(outcomes, first.urls.apiUrl, first.apiToken);
    // Sent during the freeze, answered 2xx after it: held by the relay (the frozen connection was cut) and delivered.
    const heldThenDelivered = outcomes.filter((o) => o.startedAt >= frozenAt && o.startedAt < thawedAt && o.endedAt >= thawedAt && ok(o));
    expect(heldThenDelivered.length).toBeGreaterThan(0);
  }, 60_000);
});
