#!/usr/bin/env node
// The CLI is written in TypeScript and compiled to dist/ by `npm run build` (run by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('hookbench: not built yet — run `npm run build` in the Hookbench folder first.');
  process.exit(2);
}
const { runCli } = await import(entry.href);
await runCli(process.argv);
