/**
 * Benchmarks of the journey machine (XState) over the demo catalog:
 *
 *   node --conditions=source --import tsx packages/core/bench/journey.ts [picks=200]
 *
 * - a page's start: making the machine (`createJourneyMachine` with the actors), creating and
 *   starting the actor, and the events of a dealer page while it loads (the catalog answer, an
 *   advisor check and its answer, a test-drive booking started and the showrooms' answer), with
 *   the snapshot notifications each causes;
 * - configurator picks: `picks` random picks per demo model (5% trim switches), each one
 *   `actor.send` timed from the event to the notification its subscribers get (a proposal that
 *   needs review is confirmed, timed apart); beside it the engine's own `select`, so the
 *   journey's share of a pick is the difference.
 *
 * Times are wall clock, so they include whatever else the machine is doing; the load average
 * is printed with them.
 */
import { loadavg } from 'node:os';
import { createActor } from 'xstate';
import type { Actor } from 'xstate';
import { parseCatalog } from '../src/catalog/index.js';
import type { Catalog } from '../src/catalog/index.js';
import { createMemorySource } from '../src/api/memory.js';
import { configuratorOf, createJourneyMachine } from '../src/journey/machine.js';
import type { JourneyMachine } from '../src/journey/machine.js';
import { journeyActors } from '../src/journey/actors.js';
import { demoCatalog } from '../src/demo/index.js';
import { prng } from '../test/support/large-catalog.js';

const PICKS = Number(process.argv[2] ?? 200);
const rows: { what: string; samples: number[] }[] = [];
const ms = () => performance.now();
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

type JourneyActor = Actor<JourneyMachine>;

async function until(actor: JourneyActor, check: (s: ReturnType<JourneyActor['getSnapshot']>) => boolean) {
  for (let i = 0; i < 1000 && !check(actor.getSnapshot()); i++) await settle();
}

/** Times `fn`, counting the snapshot notifications it causes (`seen` counts them all). */
function timed(label: string, seen: { n: number }, fn: () => void, into?: number[]): number {
  const before = seen.n;
  const start = ms();
  fn();
  const t = ms() - start;
  if (into) into.push(t);
  else rows.push({ what: `${label} (${seen.n - before} notification(s))`, samples: [t] });
  return t;
}

/** A dealer page's start; `record` false only warms the JIT. */
async function pageStart(catalog: Catalog, record: boolean): Promise<void> {
  const source = createMemorySource({ catalog, seed: 1 });
  const seen = { n: 0 };
  const add = (what: string, t: number) => record && rows.push({ what, samples: [t] });
  let start = ms();
  const machine = createJourneyMachine({ actors: journeyActors(source) });
  add('start: machine with actors', ms() - start);
  start = ms();
  const actor = createActor(machine, { input: { channel: 'dealer-site', locale: 'zh-CN' } });
  actor.subscribe(() => seen.n++);
  actor.start();
  add(`start: createActor + start (${seen.n} notification(s))`, ms() - start);
  // The catalog answer: time the relay of the done event by intercepting it.
  // The answers: time the relay of each actor's done event to the journey.
  type Relay = (from: unknown, to: unknown, event: { type: string }) => void;
  const system = actor.system as unknown as { _relay: Relay };
  const relay = system._relay.bind(system);
  system._relay = (from, to, event) => {
    const t0 = ms();
    const before = seen.n;
    relay(from, to, event);
    if (record && to === actor && event.type.startsWith('xstate.')) {
      rows.push({ what: `answer ${event.type} (${seen.n - before} notification(s))`, samples: [ms() - t0] });
    }
  };
  await until(actor, (s) => s.context.build !== null);
  const q = record ? undefined : [];
  timed('send advisor.check', seen, () => actor.send({ type: 'advisor.check', language: 'zh-CN' }), q);
  timed(
    'send appointment.start',
    seen,
    () => actor.send({ type: 'appointment.start', service: 'test-drive' }),
    q,
  );
  await until(actor, (s) => s.context.locations.length > 0 && s.context.advisor !== null);
  actor.stop();
}

/** `picks` random picks on `modelId` through the journey; `record` false only warms the JIT. */
async function picks(catalog: Catalog, modelId: string, count: number, seed: number, record: boolean) {
  const source = createMemorySource({ catalog, seed: 1 });
  const actor = createActor(createJourneyMachine({ actors: journeyActors(source) }), {
    input: { channel: 'brand-site', modelId, locale: 'zh-CN' },
  });
  const seen = { n: 0 };
  actor.subscribe(() => seen.n++);
  actor.start();
  await until(actor, (s) => s.context.build !== null);
  const model = catalog.models.find((m) => m.id === modelId)!;
  const options = model.groups.flatMap((g) => g.options.filter((o) => !o.hidden).map((o) => o.id));
  const trims = model.trims.map((t) => `trim:${t.id}`);
  const random = prng(seed);
  const sends: number[] = [];
  const confirms: number[] = [];
  const engine: number[] = [];
  const cfg = configuratorOf(actor.getSnapshot().context)!;
  for (let i = 0; i < count; i++) {
    const id =
      random() < 0.05
        ? trims[Math.floor(random() * trims.length)]!
        : options[Math.floor(random() * options.length)]!;
    const build = actor.getSnapshot().context.build!;
    const deselect = build.options.includes(id);
    let t0 = ms();
    if (deselect) cfg.deselect(build, id);
    else cfg.select(build, id);
    engine.push(ms() - t0);
    timed(
      '',
      seen,
      () => actor.send({ type: deselect ? 'build.deselect' : 'build.select', optionId: id }),
      sends,
    );
    if (actor.getSnapshot().context.pendingProposal) {
      t0 = ms();
      actor.send({ type: 'build.confirm' });
      confirms.push(ms() - t0);
    }
  }
  actor.stop();
  if (!record) return;
  const label = `${modelId} (${options.length} options)`;
  rows.push(
    { what: `pick: actor.send           ${label}`, samples: sends },
    { what: `pick: engine select alone  ${label}`, samples: engine },
    { what: `pick: build.confirm        ${label}`, samples: confirms },
  );
}

const catalogOf = () => parseCatalog(structuredClone(demoCatalog)).catalog;
const first = ms();
await pageStart(catalogOf(), true);
rows.unshift({ what: 'first page start, cold (all of it)', samples: [ms() - first] });
for (let i = 0; i < 5; i++) await pageStart(catalogOf(), false);
const coldRows = rows.length;
await pageStart(catalogOf(), true);
for (const row of rows.slice(coldRows)) row.what = `warm ${row.what}`;

const models = demoCatalog.models.map((m) => (m as { id: string }).id);
for (const id of models) await picks(catalogOf(), id, 100, 1, false);
for (const [i, id] of models.entries()) await picks(catalogOf(), id, PICKS, 100 + i, true);

const num = (x: number) => x.toFixed(3).padStart(9);
console.log(
  `\nNode ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}\n`,
);
console.log(
  `${'what'.padEnd(62)} ${'n'.padStart(5)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'max ms'.padStart(9)}`,
);
for (const { what, samples } of rows) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${what.padEnd(62)} ${String(sorted.length).padStart(5)} ${num(quantile(sorted, 0.5))} ${num(quantile(sorted, 0.95))} ${num(sorted[sorted.length - 1]!)}`,
  );
}
