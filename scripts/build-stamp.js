#!/usr/bin/env node
// The build stamp: what `npm run build` last built from, so `npm start` can skip a build that
// would change nothing. `node scripts/build-stamp.js clear` runs before the build and `write`
// after it succeeds, so a build that failed or was cut short never counts as up to date.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the build reads: tsc (tsconfig.build.json) and vite (vite.config.ts, root renderer/); the lock file stands for node_modules. */
export const BUILD_INPUTS = [
  'electron',
  'shared',
  'bench',
  'renderer',
  'tsconfig.json',
  'tsconfig.build.json',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
];

/** What `npm start` runs; when one is missing the build is not done, whatever the stamp says. */
export const BUILD_OUTPUTS = ['dist/electron/cli/main.js', 'dist/electron/main.js', 'dist/renderer/index.html'];

const STAMP = 'dist/.build-stamp.json';

/** Every file under `path` (a file or a folder), as sorted paths relative to root with forward slashes. */
function filesUnder(root, path) {
  const full = join(root, path);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Content, not mtimes: a checkout or a restore that keeps old mtimes still counts as a change, a touch does not. */
export function inputsDigest(root) {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((input) => filesUnder(root, input))) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** Path, size and mtime of every file in dist/: anything that wrote there since the stamp (a bare tsc, a half build) shows. */
export function outputsDigest(root) {
  const hash = createHash('sha256');
  for (const file of filesUnder(root, 'dist')) {
    if (file === STAMP) continue;
    const { size, mtimeMs } = statSync(join(root, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex');
}

export function writeStamp(root) {
  writeFileSync(join(root, STAMP), `${JSON.stringify({ inputs: inputsDigest(root), outputs: outputsDigest(root) }, null, 2)}\n`);
}

export function clearStamp(root) {
  rmSync(join(root, STAMP), { force: true });
}

/** Why the build must run, or null when dist/ is what a build of the current sources made. */
export function staleReason(root) {
  const missing = BUILD_OUTPUTS.find((output) => !statSync(join(root, output), { throwIfNoEntry: false }));
  if (missing) return `${missing} is missing`;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return 'no finished build is recorded';
  }
  if (stamp.inputs !== inputsDigest(root)) return 'the sources changed since the last build';
  if (stamp.outputs !== outputsDigest(root)) return 'dist/ changed since the last build';
  return null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const command = process.argv[2];
  if (command === 'clear') clearStamp(root);
  else if (command === 'write') writeStamp(root);
  else {
    console.error('usage: node scripts/build-stamp.js clear|write');
    process.exit(2);
  }
}
