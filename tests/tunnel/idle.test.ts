import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import type { TestEngine } from '../support/test-engine.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { send } from './support/senders.js';
import { startTunnelEngine } from './support/tunnel-engine.js';
import { waitUntil } from './support/wait.js';

describe('an idle tunnel', () => {
  let relay: Relay;
  let engine: TestEngine;
  let url: string;

  beforeAll(async () => {
    // Every HTTP timeout on both sides shortened to well under the idle time below.
    relay = await startTestRelay({ heartbeatMs: 100, headersTimeoutMs: 150, requestTimeoutMs: 300, keepAliveTimeoutMs: 100 });
    ({ engine, url } = await startTunnelEngine(relay, TOKEN_A, { headersTimeoutMs: 150, requestTimeoutMs: 300 }));
  });
  afterAll(async () => {
    await engine?.stop();
    await relay?.close();
  });

  it('stays the same healthy connection past every HTTP timeout, then serves a burst of load', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    expect((await send(`${url}/before-idle`, { body: Buffer.from('x'), agent })).status).toBe(200);
    const before = engine.engine.tunnel.status();
    const beats = relay.stats().heartbeats;
    // Ten heartbeats: a second of silence, several times every header, request and keep-alive timeout.
    await waitUntil(() => relay.stats().heartbeats >= beats + 10, 'ten heartbeats on the idle tunnel');
    const after = engine.engine.tunnel.status();
    expect(after).toMatchObject({ status: 'online', since: before.since, url: before.url });

    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => send(`${url}/after-idle/${i}`, { body: Buffer.from(`request ${i}`), agent })),
    );
    agent.destroy();
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect((await engine.apiJson('/api/health')).deliveries).toBe(301);
  }, 30_000);
});
