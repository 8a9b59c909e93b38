import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher.js';
import type { Configuration } from 'app-builder-lib';
import type { Stats } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE } from '../../electron/engine/store/sqlite-binding.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const loadConfig = () => getConfig(ROOT, 'electron-builder.yml', null);
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

/** electron-builder normalizes `files` into `[{filter: [...]}]`; the patterns are what count. */
function filePatterns(files: Configuration['files']): string[] {
  const list = files == null ? [] : Array.isArray(files) ? files : [files];
  return list.flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(await loadConfig())).resolves.toBeUndefined();
  });

  it('is really checked: an unknown option is refused by the same validator', async () => {
    const config = { ...(await loadConfig()), electronFusez: { runAsNode: false } } as Configuration;
    await expect(validate(config)).rejects.toThrow(/electronFusez/);
  });

  it('flips the fuses that close Node-style entry points and pin the app to its verified asar', async () => {
    expect((await loadConfig()).electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('ships dist/ and production modules, unpacks native binaries, and never rebuilds them in place', async () => {
    const config = await loadConfig();
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Hookbench');
    expect(config.directories?.output).toBe('release');
    expect(filePatterns(config.files)).toEqual(expect.arrayContaining(['dist/**/*', 'package.json', 'node_modules/**/*']));
    expect(config.asarUnpack).toEqual(['**/*.node']);
    // ngrok's N-API binary ships in a per-platform package; electron-builder's own matcher must unpack it on every platform.
    const unpacked = getFileMatchers(config, 'asarUnpack', ROOT, {
      macroExpander: (s) => s,
      customBuildOptions: {},
      globalOutDir: `${ROOT}release`,
      defaultSrc: ROOT,
    });
    for (const triple of ['linux-x64-gnu', 'linux-arm64-gnu', 'darwin-x64', 'darwin-arm64', 'win32-x64-msvc']) {
      const binary = `${ROOT}node_modules/@ngrok/ngrok-${triple}/ngrok.${triple}.node`;
      expect(unpacked?.[0].createFilter()(binary, { isDirectory: () => false } as Stats), binary).toBe(true);
    }
    expect(config.npmRebuild).toBe(false);
  });

  it('ships the Electron-ABI SQLite binary where the engine looks for it under Electron', async () => {
    expect((await loadConfig()).extraResources).toEqual([
      { from: `build/${ELECTRON_SQLITE_DIR}/${ELECTRON_SQLITE_FILE}`, to: `${ELECTRON_SQLITE_DIR}/${ELECTRON_SQLITE_FILE}` },
    ]);
  });

  it('builds an AppImage and a deb on Linux, a dmg on macOS and an NSIS installer on Windows', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });
});
