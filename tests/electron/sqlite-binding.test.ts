import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteBindingPath, type SqliteBindingContext } from '../../electron/engine/store/sqlite-binding.js';

function context(overrides: Partial<SqliteBindingContext>, existing: string[] = []): SqliteBindingContext {
  return {
    electronVersion: undefined,
    resourcesPath: undefined,
    appRoot: () => '/src/hookbench',
    exists: (file) => existing.includes(file),
    ...overrides,
  };
}

describe('which better-sqlite3 binary the engine loads', () => {
  it("under Node (tests, the CLI) uses better-sqlite3's own build", () => {
    expect(sqliteBindingPath(context({}, ['/src/hookbench/build/electron-sqlite/better_sqlite3.node']))).toBeUndefined();
  });

  it("in the packaged app uses the Electron-ABI build from the installer's resources", () => {
    const packaged = join('/opt/Hookbench/resources', 'electron-sqlite', 'better_sqlite3.node');
    expect(sqliteBindingPath(context({ electronVersion: '41.10.0', resourcesPath: '/opt/Hookbench/resources' }, [packaged]))).toBe(
      packaged,
    );
  });

  it('in `electron .` from a checkout uses build/electron-sqlite', () => {
    const local = join('/src/hookbench', 'build', 'electron-sqlite', 'better_sqlite3.node');
    expect(
      sqliteBindingPath(
        context({ electronVersion: '41.10.0', resourcesPath: '/src/hookbench/node_modules/electron/dist/resources' }, [local]),
      ),
    ).toBe(local);
  });

  it('under Electron without the Electron build, says how to make it instead of loading the Node one', () => {
    expect(() => sqliteBindingPath(context({ electronVersion: '41.10.0', resourcesPath: '/r' }))).toThrow(/build-electron-sqlite\.js/);
  });
});
