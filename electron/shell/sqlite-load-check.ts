import Database from 'better-sqlite3';
import { appRoot } from '../engine/app-root.js';
import { currentSqliteBindingContext, sqliteBindingPath } from '../engine/store/sqlite-binding.js';

export interface StartupFailure {
  title: string;
  content: string;
}

/**
 * Checked before the engine starts: a missing or wrong-ABI better-sqlite3 build is then shown
 * as what it is, instead of as a database error or a window that never fills.
 */
export function sqliteLoadFailure(): StartupFailure | null {
  try {
    // The same binary the store will load; opening an in-memory database loads it.
    new Database(':memory:', { nativeBinding: sqliteBindingPath(currentSqliteBindingContext(appRoot)) }).close();
    return null;
  } catch (error) {
    return sqliteFailureMessage((error as Error).message, process.versions.electron);
  }
}

export function sqliteFailureMessage(cause: string, electronVersion: string | undefined): StartupFailure {
  const runtime = electronVersion ? `Electron ${electronVersion}` : `Node ${process.versions.node}`;
  return {
    title: 'Hookbench cannot open its database',
    content:
      `Hookbench keeps its data in SQLite, and the native SQLite module (better-sqlite3) did not load:\n\n${cause}\n\n` +
      `This copy of Hookbench carries no working better-sqlite3 build for ${runtime}. Install a release build, ` +
      'or package it again after `npm run build:electron-sqlite`.',
  };
}
