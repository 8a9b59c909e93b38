import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HookbenchError } from '../../../shared/errors.js';

/** Where `scripts/build-electron-sqlite.js` puts the Electron-ABI build, and where the installer ships it. */
export const ELECTRON_SQLITE_DIR = 'electron-sqlite';
export const ELECTRON_SQLITE_FILE = 'better_sqlite3.node';

export interface SqliteBindingContext {
  /** `process.versions.electron`; undefined under plain Node (tests, the CLI). */
  electronVersion: string | undefined;
  /** Electron's `process.resourcesPath`: the packaged app's resources folder. */
  resourcesPath: string | undefined;
  /** The folder holding Hookbench's package.json (for `electron .` from a checkout). */
  appRoot(): string;
  exists(file: string): boolean;
}

/**
 * The better-sqlite3 binary to load. Under Node: undefined, so better-sqlite3 loads the build
 * `npm ci` made for Node. Under Electron: the separate Electron-ABI build — from the installer's
 * resources when packaged, from `build/electron-sqlite/` in a checkout.
 */
export function sqliteBindingPath(context: SqliteBindingContext): string | undefined {
  if (!context.electronVersion) return undefined;
  const candidates = [
    context.resourcesPath ? join(context.resourcesPath, ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE) : null,
    join(context.appRoot(), 'build', ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE),
  ].filter((file): file is string => file !== null);
  const found = candidates.find((file) => context.exists(file));
  if (found) return found;
  throw new HookbenchError(
    'sqlite_binding_missing',
    `better-sqlite3 built for Electron ${context.electronVersion} is missing (looked in ${candidates.join(' and ')}); run \`node scripts/build-electron-sqlite.js\` in the Hookbench folder.`,
  );
}

export function currentSqliteBindingContext(appRoot: () => string): SqliteBindingContext {
  return {
    electronVersion: process.versions.electron,
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
    appRoot,
    exists: existsSync,
  };
}
