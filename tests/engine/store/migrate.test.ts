import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/store/migrate.js';
import { MIGRATIONS } from '../../../electron/engine/store/migrations/index.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function freshDb() {
  const dir = tempDir();
  dirs.push(dir);
  return new Database(join(dir.path, 'test.sqlite'));
}

describe('migrations', () => {
  it('brings a new database to the newest version with every table', () => {
    const db = freshDb();
    expect(migrate(db, MIGRATIONS)).toEqual({ from: 0, to: MIGRATIONS.at(-1)!.version });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['inboxes', 'deliveries', 'delivery_bodies', 'integrations', 'delivery_attempts']));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('is a no-op on a database that is already current', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS);
    const version = MIGRATIONS.at(-1)!.version;
    expect(migrate(db, MIGRATIONS)).toEqual({ from: version, to: version });
  });

  it('rolls a failing migration back completely, keeps the data and says which one failed', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO inboxes (id, name, slug, created_at, updated_at) VALUES ('i1', 'Keep me', 'keep', 1, 1)").run();
    const broken = [
      ...MIGRATIONS,
      { version: 99, name: 'broken step', sql: 'CREATE TABLE half_done (x); DROP TABLE inboxes; SELECT * FROM no_such_table;' },
    ];
    const current = MIGRATIONS.at(-1)!.version;
    expect(() => migrate(db, broken)).toThrow(
      new RegExp(`migration 99 \\(broken step\\) failed: .*no such table.*stays at version ${current}\\.`),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(current);
    expect(db.prepare('SELECT name FROM inboxes').all()).toEqual([{ name: 'Keep me' }]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });

  it('refuses a database written by a newer Hookbench instead of guessing', () => {
    const db = freshDb();
    db.pragma('user_version = 999');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer Hookbench/);
  });

  it('opens the store in WAL mode with full sync and foreign keys on', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = openStore(dir.path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.close();
  });
});
