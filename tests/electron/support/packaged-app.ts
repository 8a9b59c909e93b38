import { extractAll, listPackage, statFile } from '@electron/asar';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELECTRON_SQLITE_DIR } from '../../../electron/engine/store/sqlite-binding.js';
import { tempDir } from '../../support/temp-dir.js';
import { NODE_SQLITE_BINARY } from './main-process.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Where @electron/fuses finds the fuse wire in an Electron binary: this marker, then version 1, length, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Found in the packaged executable when it came from the stand-in, not from a download. */
export const STAND_IN_MARK = 'stand-in for Electron';
/** Electron's own fuse defaults ('1' on, '0' off), so a fuse the config forgets keeps its real default. */
const ELECTRON_DEFAULT_FUSES = '10110001';

/**
 * A stand-in for Electron's unpacked Linux distribution: the executable electron-builder renames
 * to the app's name and flips the fuses in. With it as `electronDist` nothing is downloaded.
 */
function writeStandInElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.from([1, ELECTRON_DEFAULT_FUSES.length, ...Buffer.from(ELECTRON_DEFAULT_FUSES)]);
  const executable = join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([Buffer.from(`#!/bin/sh\necho "${STAND_IN_MARK}"\n#`), Buffer.from(FUSE_SENTINEL), wire]));
  chmodSync(executable, 0o755);
}

export interface PackagedApp {
  /** What electron-builder's `dir` target produced (`release/linux-unpacked`). */
  appOutDir: string;
  resourcesDir: string;
  asarFile: string;
  /** The executable, renamed from the stand-in's `electron`. */
  executable: string;
  /** Every path inside app.asar, '/'-separated without a leading slash. */
  asarEntries: string[];
  /** app.asar extracted with its unpacked files, to run the packaged main process from. */
  extractedApp: string;
  seconds: number;
  remove(): void;
}

/**
 * electron-builder run for the `dir` target with the project's electron-builder.yml, changed only
 * where this machine needs it: Electron is the stand-in, the output goes to a temp folder, and
 * extraResources come from a stand-in build folder whose Electron-ABI SQLite binary is Node's.
 */
export async function packageApp(): Promise<PackagedApp> {
  const work = tempDir('hookbench-package-');
  const electronDist = join(work.path, 'electron-dist');
  writeStandInElectronDist(electronDist);
  const config = await getConfig(ROOT, 'electron-builder.yml', null);
  const extraResources = [config.extraResources ?? []].flat().map((entry) => {
    if (typeof entry === 'string' || !entry.from) throw new Error(`extraResources entry the test cannot read: ${JSON.stringify(entry)}`);
    if (!entry.from.startsWith(`build/${ELECTRON_SQLITE_DIR}/`)) return { ...entry, from: join(ROOT, entry.from) };
    const standIn = join(work.path, entry.from);
    mkdirSync(dirname(standIn), { recursive: true });
    copyFileSync(NODE_SQLITE_BINARY, standIn);
    return { ...entry, from: standIn };
  });
  const effective: Configuration = {
    ...config,
    electronDist,
    directories: { ...config.directories, output: join(work.path, 'release') },
    extraResources,
  };
  // A config file, not an object: an object is merged into electron-builder.yml (arrays concatenated).
  const configFile = join(work.path, 'electron-builder.json');
  writeFileSync(configFile, JSON.stringify(effective, null, 2));

  const started = performance.now();
  await build({ projectDir: ROOT, config: configFile, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never' });
  const seconds = (performance.now() - started) / 1000;

  const appOutDir = join(work.path, 'release', 'linux-unpacked');
  const resourcesDir = join(appOutDir, 'resources');
  const asarFile = join(resourcesDir, 'app.asar');
  const extractedApp = join(work.path, 'extracted');
  extractAll(asarFile, extractedApp);
  return {
    appOutDir,
    resourcesDir,
    asarFile,
    executable: join(appOutDir, 'hookbench'),
    asarEntries: listPackage(asarFile, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, '')),
    extractedApp,
    seconds,
    remove: work.remove,
  };
}

/** True when the asar header marks the file as kept outside, in app.asar.unpacked. */
export function isUnpacked(asarFile: string, entry: string): boolean {
  return (statFile(asarFile, entry) as { unpacked?: boolean }).unpacked === true;
}

/** Total bytes of the files under a path; 0 when there is nothing there. */
export function sizeOf(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}
