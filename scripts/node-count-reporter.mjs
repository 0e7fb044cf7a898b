// A node:test reporter that writes { passed, failed, skipped } (tests only, not suites) as JSON.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    if (data.details?.type === 'suite') {
      // A suite that failed outside its tests (a hook, a load error) is one failure.
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed')
        counts.failed += 1;
      continue;
    }
    if (data.skip || data.todo) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else if (data.details?.error?.failureType !== 'subtestsFailed') counts.failed += 1;
  }
  yield JSON.stringify(counts);
}
