// A @web/test-runner reporter that writes { passed, failed, skipped } to a file, so that
// scripts/test.mjs can add the browser tests to the closing line.
import { writeFileSync } from 'node:fs';

function walk(suite, counts) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped += 1;
    else if (t.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const s of suite.suites ?? []) walk(s, counts);
}

export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, counts);
        // A file that fails to load or errors outside a test counts as one failure.
        if (!session.passed && counts.failed === 0 && (session.errors?.length ?? 0) > 0) counts.failed += 1;
        else if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
