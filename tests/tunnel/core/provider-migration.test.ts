import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/store/migrate.js';
import { MIGRATIONS } from '../../../electron/engine/store/migrations/index.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('tunnel provider migration', () => {
  it('marks tunnel deliveries stored before providers existed as the relay’s, and leaves direct ones alone', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new Database(join(dir.path, 'old.sqlite'));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 7),
    );
    db.prepare("INSERT INTO inboxes (id, name, slug, created_at, updated_at) VALUES ('i1', 'Default', 'default', 1, 1)").run();
    const insert = db.prepare(
      "INSERT INTO deliveries (id, direction, inbox_id, method, path, headers_json, body_size, remote_address, via, received_at) VALUES (?, 'in', 'i1', 'POST', '/', '[]', 0, ?, ?, 1)",
    );
    insert.run('d-tunnel', '198.51.100.4', 'tunnel');
    insert.run('d-direct', '127.0.0.1', 'direct');

    expect(migrate(db, MIGRATIONS)).toEqual({ from: 6, to: MIGRATIONS.at(-1)!.version });
    expect(db.prepare('SELECT id, tunnel_provider, remote_address_source FROM deliveries ORDER BY id').all()).toEqual([
      { id: 'd-direct', tunnel_provider: null, remote_address_source: null },
      { id: 'd-tunnel', tunnel_provider: 'relay', remote_address_source: 'peer address via relay' },
    ]);
    // The provider filter reads a partial index that holds tunnel deliveries only.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM deliveries WHERE tunnel_provider = ? ORDER BY seq DESC').all('relay');
    expect(JSON.stringify(plan)).toContain('deliveries_by_tunnel_provider');
    db.close();
  });
});
