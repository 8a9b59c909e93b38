// Mutation testing with StrykerJS (npm run mutate; never in CI: too slow on two cores).
// scripts/mutate.js passes --mutate and --testFiles per module group; this holds what every group shares.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vite.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 10,
  reporters: ['clear-text', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  // Not needed by the in-process tests a group runs; keeps the sandbox copy small.
  ignorePatterns: ['dist', 'bench', 'release', 'build', 'reports', 'test-results'],
  thresholds: { high: 90, low: 80, break: null },
  cleanTempDir: 'always',
};
