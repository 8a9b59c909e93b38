import { extractFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE, sqliteBindingPath } from '../../electron/engine/store/sqlite-binding.js';
import { APP_ENTRY_URL } from '../../electron/shell/app-url.js';
import { tempDir } from '../support/temp-dir.js';
import {
  crawlRenderer,
  ELECTRON_VERSION,
  launchToWindow,
  NODE_SQLITE_BINARY,
  quit,
  removeCompiledStandIn,
} from './support/main-process.js';
import { isUnpacked, packageApp, ROOT, sizeOf, STAND_IN_MARK, type PackagedApp } from './support/packaged-app.js';

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Files under a folder, '/'-separated and relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

// One electron-builder run (npm test builds dist/ first) shared by every assertion below.
describe('the packaged desktop app (electron-builder dir target, stand-in Electron)', () => {
  let app: PackagedApp;
  let electronSqlite: string;

  beforeAll(async () => {
    app = await packageApp();
    electronSqlite = join(app.resourcesDir, ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE);
    const asar = sizeOf(app.asarFile);
    const unpacked = sizeOf(`${app.asarFile}.unpacked`);
    const sqlite = sizeOf(join(app.resourcesDir, ELECTRON_SQLITE_DIR));
    console.log(
      `packaged in ${app.seconds.toFixed(1)} s: app.asar ${MB(asar)}, app.asar.unpacked ${MB(unpacked)}, ` +
        `${ELECTRON_SQLITE_DIR}/ ${MB(sqlite)}; ${MB(asar + unpacked + sqlite)} of app besides Electron itself`,
    );
  }, 180_000);

  afterAll(() => {
    app?.remove();
    removeCompiledStandIn();
  });

  it('is built around the stand-in Electron, not a downloaded one', () => {
    expect(readFileSync(app.executable).includes(STAND_IN_MARK)).toBe(true);
  });

  it('holds the compiled main process its package.json names', () => {
    const manifest = JSON.parse(extractFile(app.asarFile, 'package.json').toString()) as { main: string; name: string };
    expect(manifest.name).toBe('hookbench');
    expect(manifest.main).toBe('dist/electron/main.js');
    expect(app.asarEntries).toContain(manifest.main);
  });

  it('holds the whole built renderer: index.html and every asset of dist/renderer', () => {
    const built = filesUnder(join(ROOT, 'dist', 'renderer')).filter((file) => !file.endsWith('.map'));
    expect(built).toContain('index.html');
    expect(built.some((file) => file.startsWith('assets/'))).toBe(true);
    const missing = built.filter((file) => !app.asarEntries.includes(`dist/renderer/${file}`));
    expect(missing).toEqual([]);
  });

  it('ships the Electron-ABI better-sqlite3 outside the asar, exactly where the engine looks for it', () => {
    expect(readFileSync(electronSqlite).equals(readFileSync(NODE_SQLITE_BINARY))).toBe(true);
    const context = {
      electronVersion: ELECTRON_VERSION,
      resourcesPath: app.resourcesDir,
      appRoot: () => app.extractedApp,
      exists: existsSync,
    };
    expect(sqliteBindingPath(context)).toBe(electronSqlite);
    // better-sqlite3's JavaScript is packed; its Node-ABI build is not shipped at all, packed or unpacked.
    expect(app.asarEntries).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(app.asarEntries.filter((entry) => entry.endsWith(ELECTRON_SQLITE_FILE))).toEqual([]);
  });

  it('keeps every native module out of the asar, in app.asar.unpacked', () => {
    const nativeModules = app.asarEntries.filter((entry) => entry.endsWith('.node'));
    // @ngrok/ngrok's platform binary at least.
    expect(nativeModules).not.toEqual([]);
    for (const entry of nativeModules) {
      expect(isUnpacked(app.asarFile, entry), entry).toBe(true);
      expect(existsSync(join(`${app.asarFile}.unpacked`, entry)), entry).toBe(true);
    }
  });

  it('packs nothing from tests, bench, the sources, source maps or dev dependencies', () => {
    const topLevel = new Set(app.asarEntries.map((entry) => entry.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
    const inDist = new Set(app.asarEntries.filter((entry) => entry.startsWith('dist/')).map((entry) => entry.split('/')[1]));
    expect([...inDist].sort()).toEqual(['electron', 'renderer', 'shared']);
    expect(app.asarEntries.filter((entry) => entry.startsWith('dist/') && /\.(map|[cm]?tsx?)$/.test(entry))).toEqual([]);
    const { devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const packedDevDependencies = Object.keys(devDependencies).filter((name) => app.asarEntries.includes(`node_modules/${name}`));
    expect(packedDevDependencies).toEqual([]);
  });

  it("flips the executable's fuses as electron-builder.yml says", async () => {
    const wanted = (await getConfig(ROOT, 'electron-builder.yml', null)).electronFuses ?? {};
    const wire = await getCurrentFuseWire(app.executable);
    const configured = Object.entries(wanted).filter(([, value]) => typeof value === 'boolean');
    expect(configured.length).toBeGreaterThan(5);
    for (const [name, value] of configured) {
      const fuse = FuseV1Options[(name[0].toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];
      expect(String.fromCharCode(wire[fuse] as number), name).toBe(value ? '1' : '0');
    }
  });

  it('runs: the packaged main process opens its window with the packaged preload and serves the whole renderer', async () => {
    const dataDir = tempDir('hookbench-packaged-');
    const main = await launchToWindow({
      main: join(app.extractedApp, 'dist', 'electron', 'main.js'),
      dataDir: dataDir.path,
      resourcesPath: app.resourcesDir,
    });
    try {
      // The path the main process computes from its own location, looked up in the asar.
      const options = main.entries('BrowserWindow.new')[0].args[0] as { webPreferences: { preload: string } };
      expect(app.asarEntries).toContain(relative(app.extractedApp, options.webPreferences.preload).split('\\').join('/'));
      expect(main.entries('preload.missing')).toEqual([]);
      expect(main.entries('preload.exposeInMainWorld').map((entry) => entry.args[0])).toEqual(['hookbench']);
      const statuses = await crawlRenderer(main, APP_ENTRY_URL);
      expect([...statuses].filter(([, status]) => status !== 200)).toEqual([]);
      expect((await quit(main)).code).toBe(0);
    } finally {
      main.kill();
      dataDir.remove();
    }
  });
});
