#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/electron-sqlite/better_sqlite3.node
// (`npm run build:electron-sqlite`; `npm run dist` refuses to package without it).
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
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeBuild,
  electronAbi,
  electronVersion,
  moduleAbis,
  outDir,
  outFile,
  readStamp,
  root,
  sqliteDir,
  stampFile,
  wantedBuild,
} from './electron-sqlite-target.js';

const require = createRequire(import.meta.url);
const { values: flags } = parseArgs({
  options: { arch: { type: 'string', default: process.arch }, force: { type: 'boolean', default: false } },
});

const workDir = join(root, 'build', 'electron-sqlite-work');
const wanted = wantedBuild(flags.arch);
const label = describeBuild(wanted);

if (!flags.force && existsSync(outFile) && JSON.stringify(readStamp()) === JSON.stringify(wanted)) {
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
  fail(
    `could not get ${label}. prebuild-install needs the network (GitHub releases); ` +
      'node-gyp needs the network (Electron headers), Python and a C++ compiler.',
  );
}
// Never stamp a binary as Electron's without checking: a stray nodedir gives Node's ABI silently.
const found = moduleAbis(readFileSync(result));
if (found.length !== 1 || found[0] !== electronAbi()) {
  fail(
    `got a binary for module ABI ${found.join(', ') || 'unknown'}, not Electron ${electronVersion}'s ABI ${electronAbi()}; nothing was written.`,
  );
}
mkdirSync(outDir, { recursive: true });
copyFileSync(result, outFile);
writeFileSync(stampFile, JSON.stringify(wanted) + '\n');
rmSync(workDir, { recursive: true, force: true });
console.log(`Built ${label}: ${relative(root, outFile)}`);

function run(name, args) {
  console.log(`build-electron-sqlite: trying ${name}…`);
  const child = spawnSync(process.execPath, args, { cwd: workDir, stdio: 'inherit', env: electronBuildEnv() });
  return child.status === 0;
}

/**
 * The environment without npm's `nodedir` (Debian's npm sets nodedir=/usr): with it node-gyp
 * compiles against the local Node's headers whatever --target says, and the result has Node's ABI.
 */
function electronBuildEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name.toLowerCase() !== 'npm_config_nodedir'));
}

function fail(message) {
  rmSync(workDir, { recursive: true, force: true });
  console.error(`build-electron-sqlite: ${message}`);
  process.exit(1);
}
