import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInsightQueries } from '../../../electron/engine/store/insight/insight.js';
import { createTimelineQueries } from '../../../electron/engine/store/integrations/integration-timeline.js';
import { resolveWindow } from '../../../electron/engine/store/insight/insight-window.js';
import { migrate } from '../../../electron/engine/store/migrate.js';
import { MIGRATIONS } from '../../../electron/engine/store/migrations/index.js';
import { DATABASE_FILE, openStore } from '../../../electron/engine/store/store.js';
import { tempDir } from '../../support/temp-dir.js';
import { expectRollupInStep } from './support/rollup-check.js';

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const T0 = Date.parse('2026-03-01T10:00:00Z');

/** A store as Hookbench wrote it at schema version 4: answers in answer_json, dispatch times in attempts only. */
function storeAtVersion4(path: string) {
  const db = new Database(join(path, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 4),
  );
  db.prepare("INSERT INTO inboxes (id, name, slug, created_at, updated_at) VALUES ('inb_a', 'A', 'a', 1, 1)").run();
  db.prepare(
    `INSERT INTO integrations (id, kind, name, url, enabled, consecutive_failures, disabled_reason, disabled_at, created_at, updated_at)
    VALUES ('int_down', 'custom', 'Down', 'https://example.com/hook', 0, 10, 'timeout', ?, 1, ?)`,
  ).run(T0 + 50_000, T0 + 50_000);
  const delivery = db.prepare(`INSERT INTO deliveries (seq, id, direction, inbox_id, integration_id, method, path, headers_json, body_size,
      via, received_at, response_status, answer_json, dispatch_state)
    VALUES (?, ?, ?, ?, ?, 'POST', '/', '[]', 0, ?, ?, ?, ?, ?)`);
  const attempt = db.prepare(`INSERT INTO delivery_attempts (id, delivery_seq, attempt, started_at, duration_ms, request_headers_json,
      response_status, error_class, outcome) VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?)`);
  const forward = (outcome: string, ms: number) =>
    JSON.stringify({ source: 'forward', outcome, target: 'http://127.0.0.1:1/', duration_ms: ms });
  delivery.run(1, 'dlv_forwarded', 'in', 'inb_a', null, 'direct', T0, 201, forward('sent', 180), null);
  delivery.run(2, 'dlv_builtin', 'in', 'inb_a', null, 'direct', T0 + 1_000, 200, null, null);
  delivery.run(3, 'dlv_forward_down', 'in', 'inb_a', null, 'direct', T0 + 2_000, 502, forward('failed', 3), null);
  delivery.run(
    4,
    'dlv_replay',
    'out',
    'inb_a',
    null,
    'replay',
    T0 + 3_000,
    200,
    JSON.stringify({ source: 'replay', outcome: 'sent', duration_ms: 12 }),
    null,
  );
  delivery.run(5, 'dlv_retried', 'out', null, 'int_down', 'dispatch', T0 + 4_000, 200, null, 'delivered');
  attempt.run('att_1', 5, 1, T0 + 4_000, 30, 500, 'http_500', 'failed');
  attempt.run('att_2', 5, 2, T0 + 10_000, 700, 200, null, 'succeeded');
  delivery.run(6, 'dlv_timed_out', 'out', null, 'int_down', 'dispatch', T0 + 20_000, null, null, 'failed');
  attempt.run('att_3', 6, 1, T0 + 20_000, 10_000, null, 'timeout', 'failed');
  delivery.run(7, 'dlv_refused', 'out', null, 'int_down', 'dispatch', T0 + 40_000, null, null, 'failed');
  attempt.run('att_4', 7, 1, T0 + 40_000, 1, null, 'refused', 'failed');
  delivery.run(8, 'dlv_skipped', 'out', null, 'int_down', 'dispatch', T0 + 55_000, null, null, 'skipped');
  db.prepare("UPDATE deliveries SET skipped_reason = 'disabled' WHERE id = 'dlv_skipped'").run();
  db.close();
}

describe('upgrading a store from before insight', () => {
  it("backfills response times, the rollup, each attempt's integration and the disables already known", async () => {
    const dir = tempDir();
    dirs.push(dir);
    storeAtVersion4(dir.path);

    const store = openStore(dir.path);
    try {
      const responseMs = Object.fromEntries(
        (store.db.prepare('SELECT id, response_ms FROM deliveries').all() as { id: string; response_ms: number | null }[]).map((r) => [
          r.id,
          r.response_ms,
        ]),
      );
      expect(responseMs).toEqual({
        dlv_forwarded: 180,
        dlv_builtin: null,
        dlv_forward_down: null,
        dlv_replay: 12,
        dlv_retried: 700,
        dlv_timed_out: 10_000,
        dlv_refused: null,
        dlv_skipped: null,
      });
      await expectRollupInStep(store);

      const window = resolveWindow({ bucket: 'minute', since: '2026-03-01T10:00:00Z', until: '2026-03-01T10:00:59Z' }, Date.now());
      const insight = createInsightQueries(store.db);
      const rate = insight.rate(window, {});
      expect(rate.buckets[0].counts).toEqual({ '1xx': 0, '2xx': 4, '3xx': 0, '4xx': 0, '5xx': 1, none: 3 });
      const times = insight.responseTimes(window, {});
      expect(times).toMatchObject({ timed: 4, untimed: 4, p50_ms: 250, p99_ms: 10_000 });
      expect(times.bins.filter((b) => b.count > 0).map((b) => b.min_ms)).toEqual([10, 100, 500, 10_000]);
      expect(insight.rate(window, { sourceKey: 'int_down' }).total).toBe(4);

      expect(store.db.prepare('SELECT integration_id, at, kind, reason FROM integration_changes').all()).toEqual([
        { integration_id: 'int_down', at: T0 + 50_000, kind: 'disabled', reason: 'timeout' },
      ]);

      const timeline = createTimelineQueries(store.db).timeline({ id: 'int_down', enabled: false }, 10, 10);
      expect(timeline.attempts.map((a) => [a.delivery, a.attempt, a.outcome, a.streak])).toEqual([
        ['dlv_retried', 1, 'failed', 1],
        ['dlv_retried', 2, 'succeeded', 0],
        ['dlv_timed_out', 1, 'failed', 1],
        ['dlv_refused', 1, 'failed', 2],
      ]);
      expect(timeline.changes).toEqual([{ at: new Date(T0 + 50_000).toISOString(), kind: 'disabled', reason: 'timeout' }]);
      expect(timeline.skipped.map((s) => s.delivery)).toEqual(['dlv_skipped']);

      // From now on derived data keeps it in step.
      store.db.prepare("UPDATE deliveries SET response_status = 503 WHERE id = 'dlv_builtin'").run();
      await store.deliveries.delete('dlv_forwarded');
      expect(insight.rate(window, {}).buckets[0].counts).toMatchObject({ '2xx': 2, '5xx': 2 });
      await expectRollupInStep(store);
    } finally {
      await store.close();
    }
  });
});
