#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/electron-sqlite/better_sqlite3.node.
// node_modules/better-sqlite3 keeps the build `npm ci` made for Node (tests and the CLI load
// it); the installer ships this second build through extraResources, and
// electron/engine/store/sqlite-binding.ts loads it whenever process.versions.electron is set.
//
//   node scripts/build-electron-sqlite.js [--arch x64|arm64] [--force]
//
// Needs the network: prebuild-install downloads the matching prebuilt binary from
// better-sqlite3's GitHub releases; if there is none, node-gyp compiles it against
// Electron's headers (downloaded from electronjs.org; needs a C++ toolchain).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: { arch: { type: 'string', default: process.arch }, force: { type: 'boolean', default: false } },
});

const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = join(root, 'build', 'electron-sqlite');
const outFile = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'build-info.json');
const workDir = join(root, 'build', 'electron-sqlite-work');
const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: flags.arch };
const label = `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${flags.arch})`;

if (!flags.force && existsSync(outFile) && readStamp() === JSON.stringify(wanted)) {
  console.log(`${label} is already built: ${relative(root, outFile)}`);
  process.exit(0);
}

// Build in a copy so node_modules/better-sqlite3/build (Node's ABI) is never overwritten.
rmSync(workDir, { recursive: true, force: true });
const ownBuild = join(sqliteDir, 'build');
cpSync(sqliteDir, workDir, { recursive: true, filter: (src) => src !== ownBuild && !src.startsWith(ownBuild + sep) });

const target = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${flags.arch}`];
const built =
  run('prebuild-install', [require.resolve('prebuild-install/bin.js'), ...target, `--platform=${process.platform}`, '--verbose']) ||
  run('node-gyp', [
    require.resolve('node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    ...target,
    '--dist-url=https://electronjs.org/headers',
  ]);
const result = join(workDir, 'build', 'Release', 'better_sqlite3.node');
if (!built || !existsSync(result)) {
  rmSync(workDir, { recursive: true, force: true });
  console.error(
    `build-electron-sqlite: could not get ${label}. prebuild-install needs the network (GitHub releases); ` +
      'node-gyp needs the network (Electron headers), Python and a C++ compiler.',
  );
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
copyFileSync(result, outFile);
writeFileSync(stampFile, JSON.stringify(wanted) + '\n');
rmSync(workDir, { recursive: true, force: true });
console.log(`Built ${label}: ${relative(root, outFile)}`);

function run(name, args) {
  console.log(`build-electron-sqlite: trying ${name}…`);
  const child = spawnSync(process.execPath, args, { cwd: workDir, stdio: 'inherit' });
  return child.status === 0;
}

function readStamp() {
  try {
    return JSON.stringify(JSON.parse(readFileSync(stampFile, 'utf8')));
  } catch {
    return null;
  }
}
