/**
 * Benchmarks of the catalog and configurator engine:
 *
 *   npm run bench -w @showroom/core
 *
 * - `parseCatalog` (schema, lint and the feasibility of every option on every trim) on the demo
 *   catalog and on a generated model of 300 options and 800 rules;
 * - `select`/`deselect` (whichever a shopper's click means) over long random shopper sessions:
 *   random options, now and then a trim switch, each proposal applied when accepted; the
 *   configurator is long-lived, as in a page, and a first session on another copy of the catalog
 *   warms the JIT but none of the engine's caches;
 * - `states` of every build the session passes through.
 *
 * Times are wall clock per call, so they include whatever else the machine is doing; the load
 * average is printed with them.
 */
import { loadavg } from 'node:os';
import { parseCatalog, type CatalogInput } from '../src/catalog/index.js';
import { createConfigurator, type Build } from '../src/configurator/index.js';
import { demoCatalog } from '../src/demo/index.js';
import { largeCatalog, prng } from '../test/support/large-catalog.js';

interface Row {
  what: string;
  samples: number[];
}

const rows: Row[] = [];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function time<T>(samples: number[], fn: () => T): T {
  const start = performance.now();
  const out = fn();
  samples.push(performance.now() - start);
  return out;
}

function benchParse(label: string, make: () => CatalogInput, runs: number): void {
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const input = make();
    const s: number[] = [];
    time(s, () => parseCatalog(input));
    if (i >= 2) samples.push(...s);
  }
  rows.push({ what: `parseCatalog  ${label}`, samples });
}

/** One shopper session: `picks` clicks on random visible options (5% trim switches). */
function session(input: CatalogInput, modelId: string, picks: number, seed: number, record: boolean): void {
  const { catalog } = parseCatalog(input);
  const cfg = createConfigurator(catalog, modelId);
  const model = catalog.models.find((m) => m.id === modelId)!;
  const options = model.groups.flatMap((g) => g.options.filter((o) => !o.hidden).map((o) => o.id));
  const trims = model.trims.map((t) => `trim:${t.id}`);
  const random = prng(seed);
  const selects: number[] = [];
  const states: number[] = [];
  let build: Build = cfg.start();
  for (let i = 0; i < picks; i++) {
    const id =
      random() < 0.05
        ? trims[Math.floor(random() * trims.length)]!
        : options[Math.floor(random() * options.length)]!;
    const current = build;
    const proposal = time(selects, () =>
      current.options.includes(id) ? cfg.deselect(current, id) : cfg.select(current, id),
    );
    if (proposal.ok) {
      build = proposal.build;
      const next = build;
      time(states, () => cfg.states(next));
    }
  }
  if (!record) return;
  const total = model.groups.reduce((n, g) => n + g.options.length, 0);
  const label = `${modelId} (${total} options, ${model.rules.length} rules)`;
  rows.push(
    { what: `select        ${label}`, samples: selects },
    { what: `states        ${label}`, samples: states },
  );
}

const demoModels = (demoCatalog.models as Array<{ id: string }>).map((m) => m.id);
const large = largeCatalog();

benchParse('demo (3 models)', () => structuredClone(demoCatalog), 20);
benchParse('generated (300 options, 800 rules)', () => structuredClone(large), 5);

// Warm the JIT on other copies, then measure on fresh ones.
for (const id of demoModels) session(structuredClone(demoCatalog), id, 300, 1, false);
session(structuredClone(large), 'big', 300, 1, false);

for (const [i, id] of demoModels.entries()) session(structuredClone(demoCatalog), id, 2000, 100 + i, true);
session(structuredClone(large), 'big', 2000, 7, true);

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number) => x.toFixed(3).padStart(9);
console.log(
  `\nNode ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}\n`,
);
console.log(
  `${pad('what', 66)} ${'calls'.padStart(6)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'max ms'.padStart(9)}`,
);
for (const { what, samples } of rows) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${pad(what, 66)} ${String(sorted.length).padStart(6)} ${num(quantile(sorted, 0.5))} ${num(quantile(sorted, 0.95))} ${num(quantile(sorted, 0.99))} ${num(sorted[sorted.length - 1]!)}`,
  );
}
