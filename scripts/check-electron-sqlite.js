#!/usr/bin/env node
// `npm run dist` runs this before anything else: it refuses to package unless
// build/electron-sqlite holds better-sqlite3 built for this Electron (its module ABI, this
// platform and arch). An installer carrying Node's build opens a window that cannot open its database.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describeBuild, electronAbi, moduleAbis, outFile, readStamp, root, wantedBuild } from './electron-sqlite-target.js';

const STEP = 'npm run build:electron-sqlite';
const file = relative(root, outFile).split('\\').join('/');
const wanted = wantedBuild();

const problem = findProblem();
if (problem) {
  console.error(`Refusing to package: ${problem}`);
  process.exit(1);
}
console.log(`check-electron-sqlite: ${describeBuild(wanted)} (module ABI ${electronAbi()}) is built: ${file}`);

function findProblem() {
  if (!existsSync(outFile))
    return `${describeBuild(wanted)} is not built (${file} is missing); run \`${STEP}\` first (it needs the network).`;
  const stamp = readStamp();
  const built = stamp ? describeBuild(stamp) : 'of unknown origin (no build-info.json)';
  if (built !== describeBuild(wanted)) return `${file} is ${built}, not ${describeBuild(wanted)}; run \`${STEP} -- --force\` first.`;
  const abi = electronAbi();
  if (!abi)
    return `Electron ${wanted.electron}'s module ABI is unknown (node_modules/electron/abi_version is missing); run \`npm ci\` first.`;
  const found = moduleAbis(readFileSync(outFile));
  if (found.length !== 1 || found[0] !== abi) {
    const node = found.includes(process.versions.modules) ? ` (Node ${process.version}'s)` : '';
    return `${file} is built for module ABI ${found.join(', ') || 'unknown'}${node}, not Electron ${wanted.electron}'s ABI ${abi}; run \`${STEP} -- --force\` first.`;
  }
  return null;
}
