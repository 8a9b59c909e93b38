import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DATA_CHUNK } from '../../shared/tunnel-protocol.js';
import { startAppClient } from './support/app-client.js';
import { gatedApp, sha256 } from './support/gated-app.js';
import { rawTunnel } from './support/raw-tunnel.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { json, send } from './support/senders.js';
import { waitUntil } from './support/wait.js';

const WINDOW = 64 * 1024;
const STREAMS = 12;
const BODY = 1024 * 1024;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('flow control', () => {
  it("a slow app keeps the relay's buffered bytes to about a window per stream, and everything arrives once it catches up", async () => {
    const relay = await startTestRelay({ heartbeatMs: 100 });
    cleanups.push(() => relay.close());
    const app = gatedApp();
    const { client, url } = await startAppClient(relay.url, TOKEN_A, app.ingest, { window: WINDOW, maxLargeBodies: 2 });
    cleanups.push(() => client.stop(0));

    const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS });
    const bodies = Array.from({ length: STREAMS }, () => randomBytes(BODY));
    const answers = Promise.all(bodies.map((body) => send(`${url}/upload`, { body, agent })));
    // Two uploads may fill the app's memory and wait in it; the other ten get one window and stop.
    await app.reached(2);
    await waitUntil(() => relay.stats().streamsAwaitingCredit === STREAMS - 2, 'ten streams out of credit');
    const stalled = relay.stats();
    const beats = stalled.heartbeats;
    await waitUntil(() => relay.stats().heartbeats >= beats + 5, 'five heartbeats while stalled');
    const later = relay.stats();

    const bound = STREAMS * (WINDOW + MAX_DATA_CHUNK);
    expect(stalled.streams).toBe(STREAMS);
    expect(later.bufferedBytes).toBeLessThanOrEqual(stalled.bufferedBytes);
    expect(later.peakBufferedBytes).toBeLessThan(bound);
    expect(bound).toBeLessThan((STREAMS * BODY) / 5);
    expect(app.arrived.length).toBe(2);

    app.open();
    const results = await answers;
    agent.destroy();
    results.forEach((result, i) => {
      expect(result.status).toBe(200);
      expect(json(result)).toMatchObject({ sha256: sha256(bodies[i]), size: BODY });
    });
    expect(relay.stats()).toMatchObject({ streams: 0, bufferedBytes: 0 });
  }, 60_000);

  it("an app that stops reading its connection altogether cannot make the relay read its senders' bodies", async () => {
    const relay = await startTestRelay({ heartbeatMs: 60_000 });
    cleanups.push(() => relay.close());
    const attempt = await rawTunnel(relay.url, TOKEN_A, { type: 'hello', version: 1, window: WINDOW });
    if (attempt.kind !== 'frame' || attempt.frame.type !== 'welcome') throw new Error('no welcome');
    const { ws, frame } = attempt;
    cleanups.push(() => ws.terminate());
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS });
    const answers = Promise.allSettled(
      Array.from({ length: STREAMS }, () => send(`${frame.url}/upload`, { body: randomBytes(BODY), agent })),
    );
    await waitUntil(() => relay.stats().streamsAwaitingCredit === STREAMS, 'every stream out of credit');
    const stats = relay.stats();
    expect(stats.peakBufferedBytes).toBeLessThan(STREAMS * (WINDOW + MAX_DATA_CHUNK));

    ws.terminate();
    const settled = await answers;
    agent.destroy();
    // The app never answered: every sender got the relay's error, none a 2xx.
    for (const result of settled) {
      if (result.status === 'fulfilled') expect(result.value.status).toBe(502);
    }
    await waitUntil(() => relay.stats().streams === 0, 'streams released');
    expect(relay.stats().bufferedBytes).toBe(0);
  }, 60_000);
});
