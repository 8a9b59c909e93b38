import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestEngine } from '../../support/test-engine.js';
import { createIntegration, post, startDispatchEngine } from './support/engine-harness.js';
import { startSink, type Sink } from './support/sinks.js';

let t: TestEngine;
let sink: Sink;
const held: ServerResponse[] = [];
afterEach(async () => {
  await sink?.close();
  await t?.stop();
});

/** The disk fills up now: SQLite may not grow the store by one more page (its own size limit, on the engine's connection). */
function diskFull(full: boolean): void {
  const db = t.engine.store.db;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${full ? pages : pages + 10_000}`);
}

const integration = async (id: string) => t.apiJson(`/api/integrations/${id}`);

describe('dispatch on a full store', () => {
  it('never counts an attempt it could not record, sends nothing it cannot record, and counts again once there is room', async () => {
    t = await startDispatchEngine();
    // Holds every request until the test answers it, so the disk can fill while an attempt is out.
    sink = await startSink((_req, res) => held.push(res));
    const target = await createIntegration(t, { url: `${sink.url}/hook` });

    // An attempt goes out (recorded as started); the disk fills before its outcome is written.
    expect((await t.api('/api/events', post({ event: 'call.completed', integration_ids: [target.id] }))).status).toBe(202);
    await sink.received(1);
    diskFull(true);
    // A failure whose record (64 KiB of answer kept) needs pages the store no longer has.
    held.shift()!.writeHead(500).end(randomBytes(60_000).toString('base64'));
    await t.engine.dispatch.dispatcher.idle();
    expect(await integration(target.id)).toMatchObject({ enabled: true, consecutive_failures: 0 });
    expect((await t.apiJson('/api/health')).storage).toMatchObject({ state: 'full', message: expect.stringMatching(/Storage is full/) });

    // While full, an event whose delivery does not fit (a 100 KiB transcript) is refused before anything is sent.
    const { items } = await t.apiJson('/api/events/templates');
    const data = {
      ...items.find((item: { event: string }) => item.event === 'call.completed').data,
      transcript: randomBytes(75_000).toString('base64'),
    };
    const refused = await t.api('/api/events', post({ event: 'call.completed', data, integration_ids: [target.id], wait: true }));
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: 'not_stored', message: expect.stringMatching(/Storage is full/) });
    expect(sink.requests).toHaveLength(1);

    // Room again: the next failure is recorded and counted.
    diskFull(false);
    const again = t.api('/api/events', post({ event: 'call.completed', integration_ids: [target.id], wait: true }));
    await sink.received(2);
    held.shift()!.writeHead(500).end('down');
    expect((await again).status).toBe(202);
    expect(await integration(target.id)).toMatchObject({ enabled: true, consecutive_failures: 1 });
    expect((await t.apiJson('/api/health')).storage.state).toBe('ok');
  });
});
