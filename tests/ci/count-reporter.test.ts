import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const CONFIG = fileURLToPath(new URL('./fixtures/vitest.fixture-config.ts', import.meta.url));

it('counts a file whose setup hook threw as failed, so CI never reads "0 failed" for it', () => {
  const run = spawnSync(process.execPath, [VITEST, 'run', '--config', CONFIG], { encoding: 'utf8', timeout: 60_000 });
  const line = run.stdout.split('\n').filter((l) => /^\d+ passed, \d+ failed/.test(l));
  expect(line).toEqual(['1 passed, 1 failed, 1 skipped']);
  expect(run.status).not.toBe(0);
});
