import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryList, DeliverySummary } from '../../../shared/api/deliveries.js';
import type { Inbox } from '../../../shared/api/inboxes.js';
import type { LiveMessage } from '../../../shared/api/live.js';
import { migrate } from '../../../electron/engine/store/migrate.js';
import { MIGRATIONS } from '../../../electron/engine/store/migrations/index.js';
import { tempDir } from '../../support/temp-dir.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
  await t.apiJson('/api/inboxes', {
    method: 'POST',
    body: JSON.stringify({ name: 'Other' }),
    headers: { 'Content-Type': 'application/json' },
  });
});
afterAll(() => t.stop());

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** Sends one InboundFlow-looking delivery and answers the live summary the engine announced for it. */
async function receive(deliveryId: string, path = '/'): Promise<DeliverySummary> {
  const announced = new Promise<DeliverySummary>((resolve) => {
    const stop = t.engine.events.subscribe((message: LiveMessage) => {
      if (message.type === 'delivery.created' && message.delivery.delivery_id === deliveryId && message.delivery.path === path) {
        stop();
        resolve(message.delivery);
      }
    });
  });
  const res = await fetch(new URL(path, t.info.httpUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-InboundFlow-Event': 'lead.created', 'X-InboundFlow-Delivery-Id': deliveryId },
    body: JSON.stringify({ event: 'lead.created', delivery_id: deliveryId, data: {} }),
  });
  expect(res.status).toBe(200);
  return announced;
}

const ids = (list: DeliveryList) => list.items.map((d) => d.id);

describe('duplicate deliveries', () => {
  it('marks a delivery_id the inbox saw before, live and in lists; another inbox keeps its own', async () => {
    const first = await receive('d-1');
    const other = await receive('d-2');
    const again = await receive('d-1');
    const elsewhere = await receive('d-1', '/i/other/');
    const third = await receive('d-1');

    expect([first, other, again, elsewhere, third].map((d) => d.duplicate_of)).toEqual([null, null, first.id, null, first.id]);
    const listed = await t.apiJson<DeliveryList>('/api/deliveries?inbox=default');
    expect(listed.items.find((d) => d.id === third.id)?.duplicate_of).toBe(first.id);

    expect(ids(await t.apiJson<DeliveryList>('/api/deliveries?inbox=default&duplicate=true'))).toEqual([third.id, again.id]);
    expect(ids(await t.apiJson<DeliveryList>('/api/deliveries?q=duplicate%3Ayes'))).toEqual([third.id, again.id]);
    expect(ids(await t.apiJson<DeliveryList>('/api/deliveries?inbox=default&q=duplicate%3Ano'))).toEqual([other.id, first.id]);
    expect((await t.apiJson<Inbox>('/api/inboxes/default')).duplicate_count).toBe(2);
    expect((await t.apiJson<Inbox>('/api/inboxes/other')).duplicate_count).toBe(0);
  });

  it('finds the first delivery and lists duplicates through indexes, never a scan of the inbox', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new Database(join(dir.path, 'plan.sqlite'));
    migrate(db, MIGRATIONS);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM deliveries WHERE inbox_id = 'i' AND delivery_id = 'd' AND direction = 'in' ORDER BY seq LIMIT 1")).toMatch(
      /USING (COVERING )?INDEX deliveries_by_delivery_id/,
    );
    expect(plan("SELECT count(*) FROM deliveries WHERE inbox_id = 'i' AND duplicate_of IS NOT NULL")).toMatch(
      /USING (COVERING )?INDEX deliveries_duplicates/,
    );
    expect(plan("SELECT id FROM deliveries d WHERE d.inbox_id = 'i' AND d.duplicate_of IS NOT NULL ORDER BY d.seq DESC LIMIT 51")).toMatch(
      /USING INDEX deliveries_duplicates/,
    );
    db.close();
  });

  it('marks the duplicates already stored when the database is upgraded', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new Database(join(dir.path, 'upgrade.sqlite'));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 11),
    );
    db.prepare("INSERT INTO inboxes (id, name, slug, created_at, updated_at) VALUES ('i', 'I', 'i', 1, 1)").run();
    const insert =
      db.prepare(`INSERT INTO deliveries (id, direction, inbox_id, method, path, headers_json, body_size, received_at, delivery_id)
      VALUES (?, 'in', 'i', 'POST', '/', '[]', 0, 1, ?)`);
    for (const [id, deliveryId] of [
      ['a', 'd-1'],
      ['b', 'd-2'],
      ['c', 'd-1'],
      ['d', null],
      ['e', 'd-1'],
    ])
      insert.run(id, deliveryId);
    migrate(db, MIGRATIONS);
    expect(db.prepare('SELECT id, duplicate_of FROM deliveries ORDER BY seq').all()).toEqual([
      { id: 'a', duplicate_of: null },
      { id: 'b', duplicate_of: null },
      { id: 'c', duplicate_of: 'a' },
      { id: 'd', duplicate_of: null },
      { id: 'e', duplicate_of: 'a' },
    ]);
    db.close();
  });
});
