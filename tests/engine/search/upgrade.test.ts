import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/store/migrate.js';
import { MIGRATIONS } from '../../../electron/engine/store/migrations/index.js';
import { DATABASE_FILE, openStore } from '../../../electron/engine/store/store.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<{ path: string; remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function insertV3(db: Database.Database, seq: number, inbox: string, path: string, body: Buffer) {
  db.prepare(
    `INSERT INTO deliveries (seq, id, direction, inbox_id, method, path, headers_json, body_size, received_at)
    VALUES (?, ?, 'in', ?, 'POST', ?, '[["X-Tag","heirloom"]]', ?, ?)`,
  ).run(seq, `dlv_${seq}`, inbox, path, body.length, Date.now());
  db.prepare('INSERT INTO delivery_bodies (seq, body) VALUES (?, ?)').run(seq, body);
}

describe('upgrading a store from before search', () => {
  it('indexes and counts the deliveries already stored, skipping binary bodies', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const old = new Database(join(dir.path, DATABASE_FILE));
    old.pragma('journal_mode = WAL');
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    old.prepare("INSERT INTO inboxes (id, name, slug, created_at, updated_at) VALUES ('inb_a', 'A', 'a', 1, 1)").run();
    insertV3(old, 1, 'inb_a', '/orders/armadillo', Buffer.from('{"note":"tapir"}'));
    insertV3(old, 2, 'inb_a', '/bin', Buffer.from([0xff, 0x00, 0x74, 0x61, 0x70, 0x69, 0x72]));
    old.close();

    const store = openStore(dir.path);
    try {
      const search = async (q: string) => (await store.deliveries.list({ match: `"${q}"`, terms: [q], limit: 10 })).items.map((d) => d.id);
      expect(await search('armadillo')).toEqual(['dlv_1']);
      expect(await search('tapir')).toEqual(['dlv_1']);
      expect(await search('heirloom')).toEqual(['dlv_2', 'dlv_1']);
      expect(store.deliveries.count()).toBe(2);
      expect(store.deliveries.count('inb_a')).toBe(2);
      // An old store keeps auto_vacuum NONE: turning it on would need a full VACUUM.
      expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('gives a new store incremental auto_vacuum', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = openStore(dir.path);
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    await store.close();
  });
});
