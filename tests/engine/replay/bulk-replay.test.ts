import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { portOf } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { startHandler } from '../forward/support/handler-server.js';

interface Progress {
  type: 'replay.progress';
  job: string;
  state: string;
  done: number;
  total: number;
  failed: number;
}

describe('bulk replay', () => {
  let t: TestEngine;
  let live: WebSocket;
  const progress: Progress[] = [];
  const finishWaiters = new Map<string, (last: Progress) => void>();
  const json = (body: unknown) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  /** Resolves with the job's last progress message, the one sent when it stops. */
  const finished = (job: string) =>
    new Promise<Progress>((resolve) => {
      const last = progress.findLast((p) => p.job === job);
      if (last && last.state !== 'running') resolve(last);
      else finishWaiters.set(job, resolve);
    });

  /** Sends `count` deliveries to the inbox, a few at a time; their paths carry their number. */
  async function fill(slug: string, count: number): Promise<void> {
    for (let start = 0; start < count; start += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, count - start) }, (_, i) =>
          fetch(`${t.info.httpUrl}/i/${slug}/n/${start + i}`, { method: 'POST', body: `{"n":${start + i}}` }).then((res) =>
            res.arrayBuffer(),
          ),
        ),
      );
    }
  }

  /** Paths of the inbox's incoming deliveries in arrival order. */
  async function arrivalOrder(slug: string): Promise<string[]> {
    const paths: string[] = [];
    for (let before: string | null = null; ;) {
      const page: { items: { path: string }[]; next: string | null } = await t.apiJson(
        `/api/deliveries?inbox=${slug}&direction=in&limit=500${before ? `&before=${before}` : ''}`,
      );
      paths.push(...page.items.map((item) => item.path));
      if (!page.next) return paths.reverse();
      before = page.next;
    }
  }

  beforeAll(async () => {
    t = await startTestEngine();
    const port = portOf(t.info.apiUrl);
    live = new WebSocket(`ws://127.0.0.1:${port}/api/live`, ['hookbench.v1', `token.${t.info.token}`], {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    live.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if (message.type !== 'replay.progress') return;
      progress.push(message);
      if (message.state !== 'running') finishWaiters.get(message.job)?.(message);
    });
    await new Promise((resolve) => live.on('open', resolve));
  });
  afterAll(async () => {
    live.close();
    await t.stop();
  });

  it('replays 1,000 deliveries in arrival order, with progress on the live feed up to 100%', async () => {
    const handler = await startHandler();
    try {
      await t.apiJson('/api/inboxes', json({ name: 'bulk', slug: 'bulk' }));
      await fill('bulk', 1000);
      const order = await arrivalOrder('bulk');
      expect(order).toHaveLength(1000);

      const res = await t.api(
        '/api/replays',
        json({ filter: { inbox: 'bulk', direction: 'in' }, target: `${handler.url}/target`, mode: 'exact' }),
      );
      expect(res.status).toBe(202);
      const started = await res.json();
      expect(started).toMatchObject({ state: 'running', total: 1000, mode: 'exact' });

      const last = await finished(started.job);
      expect(last).toMatchObject({ state: 'done', done: 1000, total: 1000, failed: 0 });
      expect(handler.requests.map((r) => r.url)).toEqual(order.map((path) => path.replace('/i/bulk', '/target')));
      expect(handler.requests.every((r) => r.body.toString() === `{"n":${r.url.split('/').pop()}}`)).toBe(true);

      const mine = progress.filter((p) => p.job === started.job);
      expect(mine[0]).toMatchObject({ done: 0, total: 1000 });
      for (let i = 1; i < mine.length; i++) expect(mine[i].done).toBeGreaterThanOrEqual(mine[i - 1].done);
      expect(await t.apiJson(`/api/replays/${started.job}`)).toMatchObject({
        state: 'done',
        done: 1000,
        failed: 0,
        finished_at: expect.any(String),
      });
      // The replays themselves are outgoing deliveries of the inbox, and were not replayed again.
      expect((await t.apiJson('/api/deliveries?inbox=bulk&direction=out&limit=1')).items[0]).toMatchObject({ via: 'replay' });
    } finally {
      await handler.close();
    }
  }, 120_000);

  it('replays the ids given in arrival order, whatever order they come in', async () => {
    const handler = await startHandler();
    try {
      const ids: string[] = [];
      for (const n of [1, 2, 3])
        ids.push((await (await fetch(`${t.info.httpUrl}/order/${n}`, { method: 'POST', body: String(n) })).json()).id);
      const { job } = await t.apiJson('/api/replays', json({ ids: [ids[2], ids[0], ids[1]], target: handler.url }));
      expect(await finished(job)).toMatchObject({ state: 'done', done: 3, total: 3 });
      expect(handler.requests.map((r) => r.url)).toEqual(['/order/1', '/order/2', '/order/3']);
    } finally {
      await handler.close();
    }
  });

  it('cancel stops it: nothing after the replay in flight is sent', async () => {
    let release: () => void = () => {};
    const handler = await startHandler((_seen, res) => {
      if (handlerCount() !== 5) return { status: 200 };
      // The fifth request is held until the job is cancelled.
      return new Promise<void>((resolve) => (release = resolve)).then(() => (res.destroyed ? ('hang' as const) : { status: 200 }));
    });
    const handlerCount = () => handler.requests.length;
    try {
      await t.apiJson('/api/inboxes', json({ name: 'cancel', slug: 'cancel' }));
      await fill('cancel', 50);
      const { job } = await t.apiJson('/api/replays', json({ filter: { inbox: 'cancel' }, target: handler.url }));
      await handler.received(5);
      const cancelled = await t.apiJson(`/api/replays/${job}/cancel`, { method: 'POST' });
      expect(cancelled.state).toBe('cancelled');
      const last = await finished(job);
      release();
      expect(last).toMatchObject({ state: 'cancelled', total: 50, done: 5 });
      expect(last.failed).toBe(1);
      // One more round trip through the engine: still nothing beyond the fifth.
      expect(await t.apiJson(`/api/replays/${job}`)).toMatchObject({ state: 'cancelled', done: 5 });
      expect(handler.requests).toHaveLength(5);
    } finally {
      await handler.close();
    }
  });

  it('refuses a job without ids or filter, or with an unknown id, before sending anything', async () => {
    const neither = await t.api('/api/replays', json({ target: 'http://127.0.0.1:1/' }));
    expect(neither.status).toBe(400);
    expect((await neither.json()).message).toMatch(/give either ids or filter/);
    const unknown = await t.api('/api/replays', json({ ids: ['dlv_nope'], target: 'http://127.0.0.1:1/' }));
    expect(unknown.status).toBe(404);
    expect((await t.api('/api/replays/rpj_nope')).status).toBe(404);
  });
});
