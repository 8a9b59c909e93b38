import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRateSeries, ResponseTimeDistribution } from '../../../shared/api/insight.js';
import { msBinOf } from '../../../electron/engine/store/insight/rollup-keys.js';
import { createIntegration, fire, post, startDispatchEngine } from '../dispatch/support/engine-harness.js';
import { startSink, type Sink } from '../dispatch/support/sinks.js';
import { startHandler, type Handler } from '../forward/support/handler-server.js';
import type { TestEngine } from '../../support/test-engine.js';
import { expectRollupInStep } from './support/rollup-check.js';

const HANDLER_WAIT_MS = 120;

function sum(series: DeliveryRateSeries, key: keyof DeliveryRateSeries['buckets'][number]['counts']): number {
  return series.buckets.reduce((n, bucket) => n + bucket.counts[key], 0);
}

/** The bins with any count, as [min_ms, count]. */
function filled(times: ResponseTimeDistribution): Array<[number, number]> {
  return times.bins.filter((bin) => bin.count > 0).map((bin) => [bin.min_ms, bin.count]);
}

describe('insight API', () => {
  let t: TestEngine;
  let handler: Handler;
  let sink: Sink;
  const held: ServerResponse[] = [];
  const hold = { on: false };

  const createInbox = (slug: string, extra: Record<string, unknown> = {}) =>
    t.apiJson('/api/inboxes', post({ name: slug, slug, ...extra }));
  const send = async (slug: string) => {
    const res = await fetch(`${t.info.httpUrl}/i/${slug}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"n":1}',
    });
    await res.arrayBuffer();
    return res.status;
  };
  const rate = (query: string) => t.apiJson<DeliveryRateSeries>(`/api/insight/rate?${query}`);
  const times = (query: string) => t.apiJson<ResponseTimeDistribution>(`/api/insight/response-times?${query}`);

  beforeAll(async () => {
    t = await startDispatchEngine({ dispatchTimeoutMs: 5_000 });
    // The handler answers after a known wait, timed by its own timer.
    handler = await startHandler(
      () => new Promise((resolve) => setTimeout(() => resolve({ status: 202, body: 'later' }), HANDLER_WAIT_MS)),
    );
    sink = await startSink((_req, res) => {
      if (hold.on) return void held.push(res);
      setTimeout(() => res.writeHead(200).end('{"ok":true}'), HANDLER_WAIT_MS);
    });
  });
  afterAll(async () => {
    await handler.close();
    await sink.close();
    await t.stop();
  });

  it('counts received deliveries in the last 60 minutes by status class, for one inbox by its slug', async () => {
    await createInbox('plain');
    await createInbox('teapot', { response: { status: 418 } });
    for (let i = 0; i < 3; i++) expect(await send('plain')).toBe(200);
    for (let i = 0; i < 2; i++) expect(await send('teapot')).toBe(418);

    const teapot = await rate('inbox=teapot');
    expect(teapot.bucket).toBe('minute');
    expect(teapot.buckets).toHaveLength(60);
    expect(Date.parse(teapot.buckets[1].start) - Date.parse(teapot.buckets[0].start)).toBe(60_000);
    expect(teapot).toMatchObject({ total: 2 });
    expect(sum(teapot, '4xx')).toBe(2);
    const plain = await rate('inbox=plain');
    expect([plain.total, sum(plain, '2xx')]).toEqual([3, 3]);
    expect((await rate('direction=in')).total).toBeGreaterThanOrEqual(5);
    expect((await rate('bucket=hour&inbox=plain')).buckets).toHaveLength(48);
    expect((await rate('bucket=hour&inbox=plain')).total).toBe(3);
  });

  it('refuses an unknown inbox or integration with 404 and a bad window with 400 invalid_window', async () => {
    const unknownInbox = await t.api('/api/insight/rate?inbox=no-such-inbox');
    expect(unknownInbox.status).toBe(404);
    expect(await unknownInbox.json()).toMatchObject({ error: 'not_found' });
    expect((await t.api('/api/insight/response-times?integration=int_nope')).status).toBe(404);

    const backwards = await t.api('/api/insight/rate?since=2026-03-01T12:00:00Z&until=2026-03-01T11:00:00Z');
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ error: 'invalid_window', message: expect.stringContaining('is after until') });
    const tooLong = await t.api('/api/insight/response-times?since=2026-03-01T00:00:00Z&until=2026-03-02T00:00:00Z');
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ error: 'invalid_window', message: expect.stringContaining('bucket=hour') });
    expect((await t.api('/api/insight/rate?bucket=hour&since=2026-03-01T00:00:00Z&until=2026-03-02T00:00:00Z')).status).toBe(200);
    expect((await t.api('/api/insight/rate?bucket=week')).status).toBe(400);
  });

  it('bins the time the forward_to handler and a replay took, and leaves answers Hookbench made untimed', async () => {
    const inbox = await createInbox('forwarded', { forward_to: handler.url });
    await createInbox('scripted', { response: { status: 200, delay_ms: 30 } });
    expect(await send('forwarded')).toBe(202);
    expect(await send('forwarded')).toBe(202);
    expect(await send('scripted')).toBe(200);

    const forwarded = (await t.apiJson(`/api/deliveries?inbox=forwarded`)).items as { id: string }[];
    const durations = await Promise.all(
      forwarded.map(async (d) => (await t.apiJson(`/api/deliveries/${d.id}`)).answer.duration_ms as number),
    );
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(HANDLER_WAIT_MS);

    const result = await times(`inbox=${inbox.id}`);
    expect(result).toMatchObject({ timed: 2, untimed: 0 });
    const expected = new Map<number, number>();
    for (const ms of durations) expected.set(msBinOf(ms), (expected.get(msBinOf(ms)) ?? 0) + 1);
    expect(result.bins.map((bin) => bin.count)).toEqual(result.bins.map((_, i) => expected.get(i) ?? 0));
    expect(result.bins.filter((bin) => bin.max_ms !== null && bin.max_ms <= HANDLER_WAIT_MS).every((bin) => bin.count === 0)).toBe(true);
    expect(result.p50_ms).toBeGreaterThanOrEqual(250);
    expect(result.p99_ms).toBeGreaterThanOrEqual(result.p50_ms!);

    expect(await times('inbox=scripted')).toMatchObject({ timed: 0, untimed: 1, p50_ms: null, p90_ms: null, p99_ms: null });

    const replay = await t.apiJson(`/api/deliveries/${forwarded[0].id}/replay`, post({ target: handler.url }));
    const replayed = await times('inbox=forwarded&direction=out');
    expect(replayed).toMatchObject({ timed: 1, untimed: 0 });
    expect(filled(replayed)).toEqual([[result.bins[msBinOf(replay.duration_ms)].min_ms, 1]]);
    await expectRollupInStep(t.engine.store);
  });

  it('moves a dispatched delivery from none to 2xx, and into a time bin, when its attempt finishes', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/held` });
    hold.on = true;
    const fired = t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [integration.id] }));
    await sink.received(1);
    const sending = await rate(`integration=${integration.id}`);
    expect([sending.total, sum(sending, 'none'), sum(sending, '2xx')]).toEqual([1, 1, 0]);
    expect(await times(`integration=${integration.id}`)).toMatchObject({ timed: 0, untimed: 1 });

    hold.on = false;
    held.splice(0).forEach((res) => setTimeout(() => res.writeHead(200).end('{"ok":true}'), HANDLER_WAIT_MS));
    await fired;
    await t.engine.dispatch.dispatcher.idle();
    const done = await rate(`integration=${integration.id}&direction=out`);
    expect([done.total, sum(done, 'none'), sum(done, '2xx')]).toEqual([1, 0, 1]);
    const record = await t.apiJson(`/api/deliveries/${(await fire(t, [integration.id])).deliveries[0].id}`);
    const timed = await times(`integration=${integration.id}`);
    expect(timed).toMatchObject({ timed: 2, untimed: 0 });
    expect(timed.bins[msBinOf(record.attempts[0].duration_ms)].count).toBeGreaterThanOrEqual(1);
    expect(timed.bins.filter((bin) => bin.max_ms !== null && bin.max_ms <= HANDLER_WAIT_MS).every((bin) => bin.count === 0)).toBe(true);
    expect((await rate(`integration=${integration.id}&direction=in`)).total).toBe(0);
    await expectRollupInStep(t.engine.store);
  });

  it('refuses inbox and integration together', async () => {
    const res = await t.api('/api/insight/rate?inbox=plain&integration=int_x');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_query' });
  });
});
