import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonResponse, type PlanAct, type ResponsePlan } from '../../electron/engine/inbound/captured-request.js';
import type { Ingest } from '../../electron/engine/receiver/ingest.js';
import { startAppClient } from './support/app-client.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { startTunnelEngine } from './support/tunnel-engine.js';
import { waitUntil } from './support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Outcome =
  | { kind: 'answer'; status: number; body: Buffer; headMs: number; doneMs: number }
  | { kind: 'error'; code: string | undefined; ms: number; sawHead: boolean };

/** One POST as a sender makes it, reporting how it ended rather than throwing. */
function attempt(url: string, timeoutMs = 5_000): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let sawHead = false;
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      sawHead = true;
      const headMs = Date.now() - started;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(chunks), headMs, doneMs: Date.now() - started }),
      );
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code, ms: Date.now() - started, sawHead }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('sender timeout'), { code: 'SENDER_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code, ms: Date.now() - started, sawHead }));
    req.end('{"event":"call.completed"}');
  });
}

/** An app that answers every request with the given failure simulation. */
function actingApp(act: PlanAct, body = Buffer.from('{"ok":true}')): Ingest {
  return () => {
    const plan: ResponsePlan = jsonResponse(200, {});
    return Promise.resolve({
      ...plan,
      headers: [
        ['Content-Type', 'application/json'],
        ['Content-Length', String(body.byteLength)],
      ],
      body,
      act,
    });
  };
}

async function tunnelTo(ingest: Ingest) {
  const relay = await startTestRelay({ heartbeatMs: 200 });
  cleanups.push(() => relay.close());
  const { client, url } = await startAppClient(relay.url, TOKEN_A, ingest);
  cleanups.push(() => client.stop(0));
  return { relay, url };
}

describe('failure simulation through the tunnel', () => {
  it('a simulated reset reaches the sender as ECONNRESET, not as a 502 from the relay', async () => {
    const { relay, url } = await tunnelTo(actingApp({ type: 'reset' }));
    const outcome = await attempt(`${url}/i/lab`);
    expect(outcome).toMatchObject({ kind: 'error', code: 'ECONNRESET', sawHead: false });
    await waitUntil(() => relay.stats().streams === 0, 'the stream to end');
  });

  it("a hang with a limit closes the sender's connection unanswered after that time", async () => {
    const { relay, url } = await tunnelTo(actingApp({ type: 'hang', ms: 600 }));
    const outcome = await attempt(`${url}/i/lab`);
    expect(outcome).toMatchObject({ kind: 'error', sawHead: false });
    if (outcome.kind !== 'error') throw new Error('unreachable');
    expect(outcome.code).toMatch(/ECONNRESET|socket hang up/i);
    expect(outcome.ms).toBeGreaterThanOrEqual(550);
    await waitUntil(() => relay.stats().streams === 0, 'the stream to end');
  });

  it('a hang without a limit lasts until the sender gives up, and the app lets go of it then', async () => {
    const { relay, url } = await tunnelTo(actingApp({ type: 'hang' }));
    const outcome = await attempt(`${url}/i/lab`, 800);
    expect(outcome).toMatchObject({ kind: 'error', code: 'SENDER_TIMEOUT', sawHead: false });
    await waitUntil(() => relay.stats().streams === 0, 'the relay to drop the stream');
  });

  it('a trickled answer arrives whole, at about the set pace', async () => {
    const body = Buffer.from('x'.repeat(300));
    const { url } = await tunnelTo(actingApp({ type: 'trickle', bytesPerSecond: 500 }, body));
    const outcome = await attempt(`${url}/i/lab`);
    expect(outcome.kind).toBe('answer');
    if (outcome.kind !== 'answer') throw new Error('unreachable');
    expect(outcome.status).toBe(200);
    expect(outcome.body.equals(body)).toBe(true);
    // 300 bytes at 500 B/s: the head at once, the last slice about 0.5 s later.
    expect(outcome.headMs).toBeLessThan(400);
    expect(outcome.doneMs - outcome.headMs).toBeGreaterThanOrEqual(350);
  });

  it('the tunnel keeps serving ordinary requests after each simulated failure', async () => {
    let act: PlanAct | undefined = { type: 'reset' };
    const { url } = await tunnelTo(() => {
      const plan = jsonResponse(200, { ok: true });
      const current = act;
      act = current?.type === 'reset' ? { type: 'hang', ms: 100 } : undefined;
      return Promise.resolve(current ? { ...plan, act: current } : plan);
    });
    expect((await attempt(`${url}/i/a`)).kind).toBe('error');
    expect((await attempt(`${url}/i/a`)).kind).toBe('error');
    expect(await attempt(`${url}/i/a`)).toMatchObject({ kind: 'answer', status: 200 });
  });
});

describe("an inbox's failure simulation through the real engine and relay", () => {
  it('reset and a timed hang reach the sender as on a direct request, and the deliveries are stored', async () => {
    const relay = await startTestRelay({ heartbeatMs: 500 });
    cleanups.push(() => relay.close());
    const { engine, url } = await startTunnelEngine(relay, TOKEN_A);
    cleanups.push(() => engine.stop());
    await engine.apiJson('/api/inboxes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Lab', slug: 'lab', failure: { mode: 'sequence', sequence: ['reset', 'timeout'] } }),
    });

    expect(await attempt(`${url}/i/lab`)).toMatchObject({ kind: 'error', code: 'ECONNRESET', sawHead: false });
    // 'timeout' in a sequence is a hang the sender has to give up on.
    expect(await attempt(`${url}/i/lab`, 500)).toMatchObject({ kind: 'error', code: 'SENDER_TIMEOUT', sawHead: false });
    await waitUntil(() => relay.stats().streams === 0, 'the relay to drop the hung stream');

    const list = await engine.apiJson<{ items: Array<{ via: string; response_status: number | null }> }>('/api/deliveries?inbox=lab');
    expect(list.items).toHaveLength(2);
    expect(list.items.every((item) => item.via === 'tunnel' && item.response_status === 0)).toBe(true);
  });
});
