// `npm run bench:connector`: 10,000 leads through the connector into a fault-injecting receiver
// (5xx, 429 with Retry-After, hangs past the timeout, connections dropped after the receiver
// stored the lead) while the network goes on and off, in Chromium with its real IndexedDB and
// Web Locks. Prints lost, duplicated and raw deliveries, and the time the outbox takes to drain
// after reconnecting (median of several runs). Time runs 1,000 times faster than real time, so
// backoff and timeouts take milliseconds.
//
//   npm run bench:connector [-- --leads 10000 --runs 3]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { ScenarioResult } from '../test/support/scenario.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const leads = arg('leads', 10_000);
const runs = arg('runs', 3);

const bundle = await build({
  entryPoints: [new URL('./page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source'],
  write: false,
  logLevel: 'warning',
});
const script = bundle.outputFiles[0]!.text;
const server = createServer((req, res) => {
  if (req.url === '/bench.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  } else {
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><script type="module" src="/bench.js"></script>');
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless=new',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const results: ScenarioResult[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => typeof window.runScenario === 'function');
    const result = await page.evaluate(
      ({ leads, run }) => window.runScenario({ leads, name: `bench-${run}`, seed: run }),
      { leads, run },
    );
    await page.close();
    results.push(result);
    console.log(
      `run ${run}: sent ${result.sent}, stored ${result.stored}, lost ${result.lost}, duplicated ${result.duplicated}, ` +
        `deliveries ${result.deliveries} (${result.perLead.toFixed(3)} per lead), ` +
        `sent in ${result.sendMs} ms (${result.requestsWhileSending} requests, ${result.deliveredWhileSending} delivered meanwhile), ` +
        `${result.pendingAtReconnect} waiting at reconnect drained in ${result.drainMs} ms` +
        (result.receiverErrors.length
          ? `, receiver errors: ${result.receiverErrors.slice(0, 3).join('; ')}`
          : ''),
    );
  }
} finally {
  await browser.close();
  server.close();
}

const sum = (f: (r: ScenarioResult) => number) => results.reduce((n, r) => n + f(r), 0);
const drains = results.map((r) => r.drainMs).sort((a, b) => a - b);
const median =
  drains.length % 2
    ? drains[(drains.length - 1) / 2]!
    : (drains[drains.length / 2 - 1]! + drains[drains.length / 2]!) / 2;
console.log(`
@showroom/connector bench: ${leads.toLocaleString('en')} leads x ${runs} runs, in Chromium (real IndexedDB, Web Locks),
fault-injecting receiver behind an injected fetch, clock 1,000x
  lost:                          ${sum((r) => r.lost)}
  duplicated:                    ${sum((r) => r.duplicated)}
  raw deliveries per lead:       ${(sum((r) => r.deliveries) / sum((r) => r.sent)).toFixed(3)} (answers lost after storing force a retry the receiver deduplicates)
  dead letters:                  ${sum((r) => r.deadLetters)}
  drain after reconnect, median: ${median} ms (runs: ${drains.join(', ')} ms; ~${Math.round(sum((r) => r.pendingAtReconnect) / runs)} leads waiting)`);
process.exit(sum((r) => r.lost + r.duplicated + r.receiverErrors.length) === 0 ? 0 : 1);
