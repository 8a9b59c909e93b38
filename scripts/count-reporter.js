// Prints the closing line CI reads: "N passed, N failed[, N skipped]", counting every test
// that ran (unit, integration and end-to-end all run under this one Vitest invocation).
// Skipped tests are listed with their reason so a skip is never silent.
export default class CountReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    const skipped = [];
    for (const mod of testModules) {
      // A file that failed to load has no tests but must still count as a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed += 1;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else if (state === 'skipped') skipped.push(`${test.fullName} — ${test.result().note ?? 'skipped'}`);
      }
    }
    failed += unhandledErrors.length;
    for (const line of skipped) console.log(`skipped: ${line}`);
    const tail = skipped.length > 0 ? `, ${skipped.length} skipped` : '';
    console.log(`\n${passed} passed, ${failed} failed${tail}`);
  }
}
