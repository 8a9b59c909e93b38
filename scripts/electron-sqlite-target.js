// The Electron-ABI better-sqlite3 build that `npm run dist` ships: where it lives, and what it
// must have been built for. Shared by build-electron-sqlite.js (makes it) and
// check-electron-sqlite.js (refuses to package without it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outDir = join(root, 'build', 'electron-sqlite');
export const outFile = join(outDir, 'better_sqlite3.node');
export const stampFile = join(outDir, 'build-info.json');

export const electronVersion = require('electron/package.json').version;
export const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
export const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;

/** Electron's NODE_MODULE_VERSION, which its electron npm package records; null if it does not. */
export function electronAbi() {
  try {
    return readFileSync(join(dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim();
  } catch {
    return null;
  }
}

/** What build-info.json says when the build fits this Electron, this better-sqlite3 and this machine. */
export function wantedBuild(arch = process.arch) {
  return { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch };
}

export function describeBuild(build) {
  return `better-sqlite3 ${build.betterSqlite3} for Electron ${build.electron} (${build.platform}-${build.arch})`;
}

/** The parsed build-info.json, or null when there is none or it does not parse. */
export function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

/** The NODE_MODULE_VERSIONs a native module was built for: it exports `node_register_module_v<N>`. */
export function moduleAbis(binary) {
  return [...new Set([...binary.toString('latin1').matchAll(/node_register_module_v(\d+)/g)].map((match) => match[1]))];
}
