#!/usr/bin/env node
// npm run mutate [-- group …]: StrykerJS over the modules whose one-line mistakes break a promise,
// one group at a time, each against the tests that pin it (the whole suite would take hours on two cores).
// Not part of npm test or CI. Scores per file are printed by Stryker; a summary per group comes last.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';

export const GROUPS = {
  'write-path': {
    mutate: [
      'electron/engine/receiver/ingest.ts',
      'electron/engine/store/group-commit.ts',
      'electron/engine/store/wal-sync.ts',
      'electron/engine/store/storage-condition.ts',
      'electron/engine/store/write-queue.ts',
    ],
    tests: [
      'tests/engine/store/group-commit.test.ts',
      'tests/engine/store/wal-sync.test.ts',
      'tests/engine/store/storage-condition.test.ts',
      'tests/engine/store/write-queue.test.ts',
      'tests/engine/receiver/storage-refusals.test.ts',
      'tests/engine/dispatch/disk-full-dispatch.test.ts',
    ],
  },
  'auto-disable': {
    mutate: ['shared/inboundflow/auto-disable.ts'],
    tests: ['tests/shared/inboundflow/auto-disable.test.ts'],
  },
  signature: {
    mutate: ['shared/inboundflow/signature.ts'],
    tests: ['tests/shared/inboundflow/signature.test.ts', 'tests/shared/inboundflow/signature.property.test.ts'],
  },
  'token-guard': {
    mutate: ['electron/engine/api/token.ts', 'electron/engine/api/guard.ts', 'electron/relay/relay-tokens.ts'],
    tests: [
      'tests/engine/api/token-file.test.ts',
      'tests/engine/api/guard-rules.test.ts',
      'tests/engine/api/guard-edges.test.ts',
      'tests/engine/api/guard-matrix.test.ts',
      'tests/tunnel/relay-rules.test.ts',
      'tests/tunnel/relay-token-edges.test.ts',
    ],
  },
  'relay-answers': {
    mutate: ['electron/relay/relay-responses.ts', 'electron/relay/forwarded-request.ts'],
    tests: [
      'tests/tunnel/response-fidelity.test.ts',
      'tests/tunnel/relay-access.test.ts',
      'tests/tunnel/custom-methods.test.ts',
      'tests/tunnel/slow-app.test.ts',
    ],
  },
  'data-dir-lock': {
    mutate: ['electron/engine/data-dir-lock.ts'],
    tests: ['tests/engine/data-dir-lock.test.ts'],
  },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in GROUPS));
if (unknown.length > 0) {
  console.error(`mutate: no group ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(GROUPS);
mkdirSync('reports/mutation', { recursive: true });
const summary = [];
for (const name of names) {
  const { mutate, tests } = GROUPS[name];
  console.log(`\n=== ${name}: ${mutate.join(', ')}`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', '--mutate', mutate.join(','), '--testFiles', tests.join(',')], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    summary.push(`${name}: stryker exited with ${run.status}`);
    continue;
  }
  renameSync('reports/mutation/mutation.json', `reports/mutation/${name}.json`);
  const report = JSON.parse(readFileSync(`reports/mutation/${name}.json`, 'utf8'));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const count = (status) => mutants.filter((m) => m.status === status).length;
    const detected = count('Killed') + count('Timeout');
    const valid = detected + count('Survived') + count('NoCoverage');
    summary.push(
      `${name}  ${file}: ${valid ? ((100 * detected) / valid).toFixed(1) : '–'}% (${detected}/${valid} killed; ${count('Survived')} survived, ${count('NoCoverage')} uncovered)`,
    );
  }
}
console.log(`\nMutation scores (reports/mutation/<group>.json has every mutant):\n${summary.join('\n')}`);
