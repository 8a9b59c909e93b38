import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import { jsonResponse, type CapturedRequest } from '../../electron/engine/inbound/captured-request.js';
import type { Ingest } from '../../electron/engine/receiver/ingest.js';
import { tempDir } from '../support/temp-dir.js';
import { startAppClient } from './support/app-client.js';
import { queuedDeliveries, sendQueued, storedBody } from './support/queued-load.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { rawTunnel } from './support/raw-tunnel.js';
import { json, send } from './support/senders.js';
import { startTunnelEngine, tunnelStatus } from './support/tunnel-engine.js';
import { waitUntil } from './support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  cleanups.push(dir.remove);
  return dir.path;
}

async function queueingRelay(queueDir: string, options: Parameters<typeof startTestRelay>[0] = {}): Promise<Relay> {
  const relay = await startTestRelay({ queueDir, holdMs: 100, ...options });
  cleanups.push(() => relay.close());
  return relay;
}

/** An app that connects once (so the relay knows its tunnel), then quits: it is away, not switched off. */
async function appThatLeft(relay: Relay, dataDir: string) {
  const first = await startTunnelEngine(relay, TOKEN_A, { dataDir });
  const id = first.status.tunnel_id!;
  await first.engine.stop();
  await waitUntil(() => !relay.isConnected(id), 'the relay to see the app leave');
  return { id, url: first.url };
}

async function appBack(relay: Relay, dataDir: string) {
  const back = await startTunnelEngine(relay, TOKEN_A, { dataDir });
  cleanups.push(() => back.engine.stop());
  return back;
}

const segmentsOf = (queueDir: string, id: string) =>
  readdirSync(join(queueDir, 'tunnels', id)).filter((name) => name.endsWith('.seg') || name === 'done.log');

describe('the relay queue (--queue) while the app is away', () => {
  it('answers 202 with the request on disk; the app back gets all of them in arrival order, byte for byte, with queued_at; the queue is empty after', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    const relay = await queueingRelay(queueDir);
    const { id, url } = await appThatLeft(relay, dataDir);

    const sentAt = Date.now();
    const sent = await sendQueued(url, 40);
    expect(relay.stats()).toMatchObject({ queued: 40, held: 0 });
    expect(segmentsOf(queueDir, id).length).toBeGreaterThan(0);

    const back = await appBack(relay, dataDir);
    await waitUntil(() => relay.stats().queued === 0, 'the queue to drain');
    const stored = await queuedDeliveries(back.engine.apiJson);
    expect(stored.map((d) => d.path)).toEqual(sent.map((s) => s.path));
    for (const [i, delivery] of stored.entries()) {
      expect(delivery.via).toBe('tunnel');
      expect(delivery.tunnel_provider).toBe('relay');
      expect(Date.parse(delivery.queued_at!)).toBeGreaterThanOrEqual(sentAt - 1);
      expect(Date.parse(delivery.drained_at!)).toBeGreaterThanOrEqual(Date.parse(delivery.queued_at!));
      expect(delivery.received_at).toBe(delivery.queued_at);
      expect((await storedBody(back.engine.apiJson, delivery.id)).equals(sent[i].body)).toBe(true);
    }
    const record = await back.engine.apiJson(`/api/deliveries/${stored[0].id}`);
    expect(record.relay_request_id).toBe(sent[0].id);
    expect(record.headers.filter(([name]: [string, string]) => name.toLowerCase() === 'x-order')).toEqual([
      ['X-Order', '0'],
      ['x-ORDER', 'again'],
    ]);
    // The sender was answered by the relay: that answer is the recorded response.
    expect(record.response.status).toBe(202);
    expect(JSON.parse(record.response.body.data)).toEqual({ queued: true, id: sent[0].id });
    expect(record.answer).toMatchObject({ source: 'relay_queue' });

    await waitUntil(() => segmentsOf(queueDir, id).length === 0, 'the drained queue files to be deleted');
    const status = await tunnelStatus(back.engine, (s) => s.relay_queue?.drained === 40);
    expect(status.relay_queue).toMatchObject({ waiting: 0, drained: 40, duplicates: 0, dropped_expired: 0 });
    expect(await back.engine.apiJson('/api/deliveries?q=queued:yes&limit=1')).toMatchObject({ items: [{ id: stored[39].id }] });
    expect((await back.engine.apiJson('/api/deliveries?queued=false')).items).toEqual([]);
  }, 60_000);

  it('sends requests that arrive during a drain after the queue, with the app’s own answer', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    // Live requests wait up to --hold-ms for the drain ahead of them (past it they are queued too).
    const relay = await queueingRelay(queueDir, { holdMs: 1_000 });
    const arrived: CapturedRequest[] = [];
    const ingest: Ingest = (request) => {
      arrived.push(request);
      return Promise.resolve({
        ...jsonResponse(200, { ok: true, from: 'the app' }),
        ...(request.relayQueue ? { queued: 'stored' as const } : {}),
      });
    };
    const first = await startAppClient(relay.url, TOKEN_A, ingest);
    const id = first.url.split('/t/')[1];
    await first.client.stop(1_000);
    await waitUntil(() => !relay.isConnected(id), 'the relay to see the app leave');
    const sent = await sendQueued(first.url, 300);

    const back = await startAppClient(relay.url, TOKEN_A, ingest, { identity: { tunnelId: id, resume: null, url: null, hostUrl: null } });
    cleanups.push(() => back.client.stop(0));
    expect(relay.stats().queued).toBeGreaterThan(0);
    const live = await send(`${first.url}/live-during-drain`, { body: Buffer.from('live') });
    expect(live.status).toBe(200);
    expect(json(live)).toEqual({ ok: true, from: 'the app' });
    expect(arrived.map((r) => r.target)).toEqual([...sent.map((s) => s.path), '/live-during-drain']);
    expect(arrived.slice(0, -1).map((r) => r.relayQueue?.id)).toEqual(sent.map((s) => s.id));
    await waitUntil(() => relay.stats().queued === 0, 'the acknowledged entries to leave the queue');
  }, 60_000);

  it('gives an older app (no queued feature) its queue as plain requests; its answer counts as the acknowledgement', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    const relay = await queueingRelay(queueDir);
    const hello = { type: 'hello', version: 1, window: 65536 };
    const first = await rawTunnel(relay.url, TOKEN_A, hello);
    if (first.kind !== 'frame' || first.frame.type !== 'welcome') throw new Error('no welcome');
    const { tunnel_id: id, url, resume } = first.frame;
    first.ws.close();
    await waitUntil(() => !relay.isConnected(id), 'the relay to see the app leave');
    const sent = await sendQueued(url, 3);

    const again = await rawTunnel(relay.url, TOKEN_A, { ...hello, tunnel_id: id, resume });
    if (again.kind !== 'frame') throw new Error('no welcome');
    const frames: Array<{ type: string; stream: number; target?: string; queued?: unknown }> = [];
    again.ws.on('message', (data: Buffer, binary: boolean) => {
      if (binary) return;
      const frame = JSON.parse(data.toString()) as (typeof frames)[number];
      frames.push(frame);
      if (frame.type === 'request')
        again.ws.send(JSON.stringify({ type: 'response', stream: frame.stream, status: 200, headers: [], end: true }));
    });
    cleanups.push(() => again.ws.close());
    await waitUntil(() => relay.stats().queued === 0, 'the answered entries to leave the queue');
    expect(frames.map((f) => f.type)).toEqual(['request', 'request', 'request']);
    expect(frames.map((f) => f.target)).toEqual(sent.map((s) => s.path));
    expect(frames.every((f) => f.queued === undefined)).toBe(true);
  }, 60_000);

  it('answers 507 queue_full when the queue is full, keeps and delivers everything it held, and tells the app', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    const relay = await queueingRelay(queueDir, { queueMaxBytes: 4096 });
    const { url } = await appThatLeft(relay, dataDir);
    const accepted: string[] = [];
    let full: Awaited<ReturnType<typeof send>> | null = null;
    for (let n = 0; n < 100 && !full; n++) {
      const res = await send(`${url}/fill/${n}`, { body: Buffer.alloc(500, n) });
      if (res.status === 202) accepted.push(json(res).id);
      else full = res;
    }
    expect(full?.status).toBe(507);
    expect(json(full!)).toMatchObject({ error: 'queue_full' });
    expect(accepted.length).toBeGreaterThan(2);
    expect(relay.stats().queued).toBe(accepted.length);

    const back = await appBack(relay, dataDir);
    await waitUntil(() => relay.stats().queued === 0, 'the queue to drain');
    const stored = await queuedDeliveries(back.engine.apiJson);
    const ids = await Promise.all(stored.map(async (d) => (await back.engine.apiJson(`/api/deliveries/${d.id}`)).relay_request_id));
    expect(ids).toEqual(accepted);
    const status = await tunnelStatus(back.engine, (s) => (s.relay_queue?.drained ?? 0) === accepted.length);
    expect(status.relay_queue?.refused_full).toBe(1);
  }, 60_000);

  it('drops entries older than --queue-max-age with a log line, and the app is told how many', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    const lines: string[] = [];
    const relay = await queueingRelay(queueDir, { queueMaxAge: 300, log: (line) => lines.push(line) });
    const { url } = await appThatLeft(relay, dataDir);
    await sendQueued(url, 3);
    await waitUntil(() => relay.stats().queued === 0, 'the entries to expire');
    const dropped = lines.map((line) => /dropped (\d+) queued requests? older than 300 ms/.exec(line)).filter((m) => m !== null);
    expect(dropped.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(3);

    const back = await appBack(relay, dataDir);
    const status = await tunnelStatus(back.engine, (s) => s.relay_queue !== null && s.relay_queue !== undefined);
    expect(status.relay_queue).toMatchObject({ dropped_expired: 3, drained: 0, waiting: 0 });
    expect(await queuedDeliveries(back.engine.apiJson)).toEqual([]);
  }, 60_000);

  it('refuses a tunnel switched off in the app with 503 tunnel_offline at once and queues nothing, until it connects again', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    const relay = await queueingRelay(queueDir, { holdMs: 30_000 });
    const app = await startTunnelEngine(relay, TOKEN_A);
    cleanups.push(() => app.engine.stop());
    await app.engine.apiJson('/api/tunnel/disconnect', { method: 'POST' });
    await waitUntil(() => !relay.isConnected(app.status.tunnel_id!), 'the relay to see the tunnel go');
    const refused = await send(`${app.url}/while-off`, { body: Buffer.from('x') });
    expect(refused.status).toBe(503);
    expect(json(refused)).toMatchObject({ error: 'tunnel_offline' });
    expect(json(refused).message).toMatch(/switched off/);
    expect(relay.stats()).toMatchObject({ queued: 0, held: 0 });

    await app.engine.apiJson('/api/tunnel/connect', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await tunnelStatus(app.engine, (s) => s.status === 'online');
    expect((await send(`${app.url}/back-on`, { body: Buffer.from('y') })).status).toBe(200);
  }, 60_000);
});

describe('a relay with a queue that stops', () => {
  it('queues what it holds (202) instead of refusing it, and has it after the restart', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    const first = await startTestRelay({ queueDir, holdMs: 30_000 });
    const { id, url } = await appThatLeft(first, dataDir);
    const held = send(`${url}/held-at-shutdown`, { body: Buffer.from('held') });
    await waitUntil(() => first.stats().held === 1, 'the request to be held');
    await first.close();
    expect((await held).status).toBe(202);
    // The same address: the app asks a relay it knows for its id back.
    const second = await queueingRelay(queueDir, { port: first.port });
    expect(second.stats().queued).toBe(1);
    const back = await appBack(second, dataDir);
    await waitUntil(() => second.stats().queued === 0, 'the drain');
    expect((await queuedDeliveries(back.engine.apiJson)).map((d) => d.path)).toEqual(['/held-at-shutdown']);
    expect(back.status.tunnel_id).toBe(id);
  }, 60_000);
});

describe('unknown tunnels and known ones across a relay restart', () => {
  async function timed(url: string) {
    const started = performance.now();
    const res = await send(url, { body: Buffer.from('x') });
    return { res, ms: performance.now() - started };
  }

  for (const queued of [false, true]) {
    it(`${queued ? 'with' : 'without'} --queue: an unknown id gets 404 at once; a known id whose app left is held; both hold after a restart`, async () => {
      const queueDir = queued ? scratch('hookbench-relay-queue-') : null;
      const dataDir = scratch('hookbench-app-');
      const options = { queueDir, holdMs: 400 };
      const first = await startTestRelay(options);
      const { id, url } = await appThatLeft(first, dataDir);
      const unknownUrl = `${first.url}/t/abcdefghijklmnopqrstuvwx/hook`;

      const check = async (relay: Relay, knownUrl: string, unknown: string) => {
        const misses = [];
        for (let i = 0; i < 5; i++) misses.push(await timed(unknown));
        for (const { res } of misses) {
          expect(res.status).toBe(404);
          expect(json(res)).toMatchObject({ error: 'unknown_tunnel' });
          expect(json(res).message).toMatch(/Check the URL/);
        }
        // The median of five, so one scheduling hiccup on a busy machine does not decide it.
        expect(misses.map((m) => m.ms).sort((a, b) => a - b)[2]).toBeLessThan(100);
        const before = relay.stats().queued;
        const held = send(`${knownUrl}/hook`, { body: Buffer.from('for the app') });
        if (queued) {
          // Held until the app has been away --hold-ms, then kept on disk.
          expect((await held).status).toBe(202);
          expect(relay.stats().queued).toBe(before + 1);
        } else {
          await waitUntil(() => relay.stats().held === 1, 'the request for the known id to be held');
          expect(json(await held)).toMatchObject({ error: 'tunnel_offline' });
        }
      };

      await check(first, url, unknownUrl);
      await first.close();
      const second = await startTestRelay(options);
      cleanups.push(() => second.close());
      await check(second, `${second.url}/t/${id}`, `${second.url}/t/abcdefghijklmnopqrstuvwx/hook`);
    }, 60_000);
  }
});
