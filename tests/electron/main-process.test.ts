import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/shell/app-url.js';
import { tempDir } from '../support/temp-dir.js';
import type { JournalEntry } from './stand-in/messages.js';
import {
  crawlRenderer,
  launchToWindow,
  MainProcess,
  NODE_SQLITE_BINARY,
  quit,
  removeCompiledStandIn,
  resourcesWithSqlite,
  type LaunchOptions,
} from './support/main-process.js';

// The compiled main process (npm test builds it first), run in Node against the stand-in electron module.
const MAIN = fileURLToPath(new URL('../../dist/electron/main.js', import.meta.url));

afterAll(removeCompiledStandIn);

const firstArg = (entry: JournalEntry) => entry.args[0];
const isArg = (value: unknown) => (entry: JournalEntry) => entry.args[0] === value;

describe('the main process against a stand-in Electron', () => {
  const dataDir = tempDir('hookbench-main-');
  const resources = resourcesWithSqlite(NODE_SQLITE_BINARY);
  let main: MainProcess;

  beforeAll(async () => {
    main = await launchToWindow({ main: MAIN, dataDir: dataDir.path, resourcesPath: resources.path });
  });

  afterAll(() => {
    main?.kill();
    dataDir.remove();
    resources.remove();
  });

  it('takes the single-instance lock before any other Electron call', () => {
    expect(main.journal[0].api).toBe('app.requestSingleInstanceLock');
  });

  it('registers hookbench:// as a standard, secure scheme and turns on the sandbox before ready', () => {
    const ready = main.indexOf('app.ready');
    const privileged = main.indexOf('protocol.registerSchemesAsPrivileged');
    expect(privileged).toBeGreaterThan(0);
    expect(privileged).toBeLessThan(ready);
    expect(firstArg(main.journal[privileged])).toEqual([
      { scheme: 'hookbench', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(main.indexOf('app.enableSandbox')).toBeLessThan(ready);
  });

  it('starts the engine only after ready: nothing written to the data dir, nothing listening before it', () => {
    const ready = main.indexOf('app.ready');
    expect(firstArg(main.journal[ready])).toEqual({ watchedDirEntries: [] });
    expect(main.indexOf('net.listen')).toBeGreaterThan(ready);
    expect(existsSync(join(dataDir.path, 'runtime.json'))).toBe(true);
  });

  it('serves the renderer on hookbench:// after ready, before the window loads it', () => {
    const served = main.indexOf('session.protocol.handle', isArg('hookbench'));
    expect(served).toBeGreaterThan(main.indexOf('app.ready'));
    expect(served).toBeLessThan(main.indexOf('window.loadURL'));
    expect(main.entries('window.loadURL').map(firstArg)).toEqual([APP_ENTRY_URL]);
    expect(main.entries('window.did-finish-load')[0].args).toEqual([APP_ENTRY_URL, 200, 'text/html; charset=utf-8']);
  });

  it('opens one window, sandboxed, context-isolated, without Node, with a preload that exists', () => {
    const windows = main.entries('BrowserWindow.new');
    expect(windows).toHaveLength(1);
    const options = firstArg(windows[0]) as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // Sandboxed preloads must be CommonJS; the packaged test looks the same path up in app.asar.
    const preload = options.webPreferences.preload as string;
    expect(preload).toMatch(/\.cjs$/);
    expect(existsSync(preload)).toBe(true);
    expect(options.show).toBe(false);
    expect(main.indexOf('window.show')).toBeGreaterThan(main.indexOf('window.did-finish-load'));
  });

  it('runs the preload sandboxed: the page gets the API address and token through the bridge', () => {
    expect(main.entries('preload.missing')).toEqual([]);
    const exposed = main.entries('preload.exposeInMainWorld');
    expect(exposed).toHaveLength(1);
    expect(exposed[0].args[0]).toBe('hookbench');
    expect(exposed[0].args[1]).toEqual({
      apiBase: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      token: expect.stringMatching(/.{16,}/),
      copyText: '[Function]',
      openExternal: '[Function]',
    });
  });

  it('installs the window.open, navigation, redirect and webview guards before the page loads', () => {
    const load = main.indexOf('window.loadURL');
    expect(main.indexOf('webContents.setWindowOpenHandler')).toBeLessThan(load);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const installed = main.indexOf('webContents.on', isArg(event));
      expect(installed, event).toBeGreaterThanOrEqual(0);
      expect(installed, event).toBeLessThan(load);
    }
    expect(main.indexOf('ipcMain.on', isArg('hookbench:connection'))).toBeLessThan(load);
    expect(main.indexOf('session.setPermissionRequestHandler')).toBeLessThan(load);
  });

  it('the guards keep the window in the app and hand web links to the OS browser', async () => {
    expect(await main.command('window-open', { url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    await main.waitFor('shell.openExternal', isArg('https://example.com/docs'));
    expect(await main.command('navigate', { url: 'https://evil.example/', redirect: false })).toEqual({ prevented: true });
    expect(await main.command('navigate', { url: 'file:///etc/passwd', redirect: false })).toEqual({ prevented: true });
    expect(await main.command('navigate', { url: `${APP_ENTRY_URL}#/deliveries`, redirect: false })).toEqual({ prevented: false });
    expect(await main.command('navigate', { url: 'https://evil.example/', redirect: true })).toEqual({ prevented: true });
    expect(await main.command('attach-webview', {})).toEqual({ prevented: true });
    expect(main.entries('shell.openExternal').map(firstArg)).toEqual(['https://example.com/docs', 'https://evil.example/']);
  });

  it('refuses every permission the page asks for', async () => {
    expect(await main.command('permission', { permission: 'media' })).toEqual({ requestGranted: false, checkGranted: false });
  });

  it('serves every file the renderer needs, each with the window CSP', async () => {
    const statuses = await crawlRenderer(main, APP_ENTRY_URL);
    expect(statuses.size).toBeGreaterThan(2);
    expect([...statuses].filter(([, status]) => status !== 200)).toEqual([]);
    const index = await main.command('fetch', { url: APP_ENTRY_URL });
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('a second launch restores and focuses the existing window instead of opening another', async () => {
    await main.command('minimize', {});
    const before = main.journal.length;
    await main.command('second-instance', { argv: ['hookbench'] });
    const after = main.journal.slice(before).map((entry) => entry.api);
    expect(after).toEqual(['window.restore', 'window.show', 'window.focus']);
    expect(main.entries('BrowserWindow.new')).toHaveLength(1);
  });

  it('quitting stops the engine and closes the database before the process ends', async () => {
    const exit = await quit(main);
    expect(exit.code).toBe(0);
    expect(main.entries('app.before-quit').map(firstArg)).toEqual([{ prevented: true }, { prevented: false }]);
    // Each is removed only by the engine's stop(): the runtime file, the lock's holder file, and SQLite's WAL on close.
    // (engine.lock stays: it is the database whose OS lock the engine held, and the OS dropped it.)
    const left = readdirSync(dataDir.path);
    expect(left).not.toContain('runtime.json');
    expect(left).not.toContain('engine.pid');
    expect(left.filter((name) => name.endsWith('-wal'))).toEqual([]);
    expect(main.entries('violation')).toEqual([]);
    expect(main.entries('process.unhandledRejection')).toEqual([]);
  });
});

describe('the main process when it cannot run', () => {
  const dataDir = tempDir('hookbench-main-');
  afterAll(() => dataDir.remove());

  function start(options: Partial<LaunchOptions> & { resourcesPath: string }): MainProcess {
    return new MainProcess({ main: MAIN, dataDir: dataDir.path, ...options });
  }

  it('quits at once when another instance holds the lock, touching nothing', async () => {
    const resources = resourcesWithSqlite(NODE_SQLITE_BINARY);
    const main = start({ resourcesPath: resources.path, lockHeld: true });
    try {
      expect((await main.exited).code).toBe(0);
      expect(main.journal.map((entry) => entry.api)).toEqual([
        'app.requestSingleInstanceLock',
        'app.quit',
        'app.before-quit',
        'process.exit',
      ]);
      expect(readdirSync(dataDir.path)).toEqual([]);
    } finally {
      main.kill();
      resources.remove();
    }
  });

  // From a checkout the app also looks in build/electron-sqlite/; an Electron build there fails to load under Node just the same.
  it.each([
    ['is missing', null, /electron-sqlite/],
    ['is not a loadable binary', 'garbage', /better_sqlite3\.node/],
  ])('shows the cause in a dialog and exits when better-sqlite3 %s', async (_case, content, cause) => {
    const garbage = tempDir('hookbench-garbage-');
    const binary = content === null ? null : join(garbage.path, 'better_sqlite3.node');
    if (binary) writeFileSync(binary, 'not a shared library\n');
    const resources = resourcesWithSqlite(binary);
    const main = start({ resourcesPath: resources.path });
    try {
      await main.waitFor('app.whenReady');
      await main.command('ready', {});
      expect((await main.exited).code).toBe(1);
      const [title, text, when] = (await main.waitFor('dialog.showErrorBox')).args as [string, string, { appReady: boolean }];
      expect(title).toBe('Hookbench cannot open its database');
      expect(text).toMatch(/better-sqlite3/);
      expect(text).toMatch(cause);
      expect(when.appReady).toBe(true);
      expect(main.entries('BrowserWindow.new')).toEqual([]);
      expect(main.entries('net.listen')).toEqual([]);
    } finally {
      main.kill();
      resources.remove();
      garbage.remove();
    }
  });
});
