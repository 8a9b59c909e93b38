#!/usr/bin/env node
// `npm start`'s first step: run `npm run build` only when dist/ is not what a build of the
// current sources made (see build-stamp.js); a full build takes many seconds, the check well under one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleReason } from './build-stamp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const reason = staleReason(root);
if (reason === null) {
  console.log('npm start: the build is up to date with the sources; skipping it (npm run build forces one).');
} else {
  console.log(`npm start: building, as ${reason}.`);
  // npm_execpath is the npm that runs this script; fall back to the one on PATH.
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.error) console.error(`npm start: could not run npm run build: ${build.error.message}`);
  process.exit(build.status ?? 1);
}
