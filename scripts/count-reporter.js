// Prints the closing line CI reads: "N passed, N failed[, N skipped]", counting every test
// that ran (unit, integration and end-to-end all run under this one Vitest invocation).
// Skipped tests are listed with their reason so a skip is never silent.
export default class CountReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    const skipped = [];
    for (const mod of testModules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else if (state === 'skipped') skipped.push(`${test.fullName} — ${test.result().note ?? 'skipped'}`);
      }
      // A file that failed to load, or whose setup hook threw (its tests then show as skipped), is a failure too.
      if (mod.state() === 'failed' && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    failed += unhandledErrors.length;
    for (const line of skipped) console.log(`skipped: ${line}`);
    const tail = skipped.length > 0 ? `, ${skipped.length} skipped` : '';
    console.log(`\n${passed} passed, ${failed} failed${tail}`);
  }
}
