/**
 * `npm run bench:server`: the reference server on loopback under autocannon.
 *
 * 1. Lead ingest on SQLite: POST /leads with a new lead each request; throughput and p95.
 * 2. Bookings under contention: many connections booking from a small pool of test-drive
 *    slots, so most requests race for a place already taken; p95 of all answers, and of the
 *    201s and 409s apart.
 *
 * The server runs in its own process (what `npm start` runs, from source), with the rate
 * limit off and a throwaway data folder; `DATABASE_URL` benches PostgreSQL instead. Bounded
 * by request count and by time. Goal on 2 cores: ≥ 2,000 leads/s with p95 < 20 ms.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Request } from 'autocannon';

const LEADS = Number(process.env.BENCH_LEADS ?? 20_000);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 6_000);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 30);

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'showroom-bench-'));
const profile = process.env.BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];
const server = spawn(
  process.execPath,
  [...profile, '--conditions=source', '--import', 'tsx', 'packages/server/src/bin.ts'],
  {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      SHOWROOM_DATA_DIR: dataDir,
      SHOWROOM_RATE_LIMIT: '0',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((done, fail) => {
  let out = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const m = /running at (http:\/\/[^\s/]+)/.exec(out);
    if (m?.[1]) done(m[1]);
  });
  server.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
});

/** CPU seconds the server process has used so far (Linux /proc), or NaN elsewhere. */
function serverCpu(): number {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Run {
  requests: number;
  seconds: number;
  /** CPU seconds the server spent on the run. */
  cpu: number;
  latencies: Map<number, number[]>;
  errors: number;
}

/** One autocannon run that records every response's status and latency. */
function run(options: {
  path: string;
  connections: number;
  amount: number;
  body: () => string;
}): Promise<Run> {
  const latencies = new Map<number, number[]>();
  const started = performance.now();
  const cpuBefore = serverCpu();
  return new Promise((done, fail) => {
    const instance = autocannon(
      {
        url: `${url}${options.path}`,
        connections: options.connections,
        amount: options.amount,
        timeout: 10,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req: Request) => ({ ...req, body: options.body() }) }],
      },
      (err, result) => {
        clearTimeout(guard);
        if (err) return fail(err);
        const seconds = (performance.now() - started) / 1000;
        const requests = [...latencies.values()].reduce((n, l) => n + l.length, 0);
        done({
          requests,
          seconds,
          cpu: serverCpu() - cpuBefore,
          latencies,
          errors: result.errors + result.timeouts,
        });
      },
    );
    const guard = setTimeout(() => instance.stop(), MAX_SECONDS * 1000);
    instance.on('response', (_client, status, _bytes, ms) => {
      let list = latencies.get(status);
      if (!list) latencies.set(status, (list = []));
      list.push(ms);
    });
  });
}

function summary(label: string, r: Run, statuses?: number[]) {
  const pick = statuses ?? [...r.latencies.keys()];
  const all = pick.flatMap((s) => r.latencies.get(s) ?? []).sort((a, b) => a - b);
  return {
    label,
    requests: all.length,
    'req/s': Math.round(all.length / r.seconds),
    'p50 ms': percentile(all, 50),
    'p95 ms': percentile(all, 95),
    'p99 ms': percentile(all, 99),
    'max ms': all.at(-1),
    'server CPU µs/req': statuses ? undefined : Math.round((r.cpu / all.length) * 1e6),
  };
}

const lead = () =>
  JSON.stringify({
    schema: 'showroom.lead/1',
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    source: { channel: 'brand-site', site: 'www.aurora.example', page: 'https://www.aurora.example/a6' },
    customer: { name: '王小明', phone: '+8613812345678', email: 'xm@example.com', preferredContact: 'phone' },
    consent: { contact: true, marketing: false, textVersion: '2026-11-01', at: new Date().toISOString() },
    journey: {
      grade: 'cold',
      score: 10,
      tags: [],
      focus: [],
      steps: [
        { at: new Date().toISOString(), event: 'configurator.trim', detail: 'a6-lr' },
        { at: new Date().toISOString(), event: 'finance.open' },
      ],
    },
    comments: 'Prefers weekend mornings',
  });

try {
  const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  console.info(`Showroom server bench on ${db}, server at ${url}`);
  // Warm up the JIT and the statement caches.
  await run({ path: '/api/v1/leads', connections: 8, amount: 1_000, body: lead });

  const leads = await run({ path: '/api/v1/leads', connections: 10, amount: LEADS, body: lead });
  const ingest = summary('POST /leads', leads);

  const slotsRes = await fetch(`${url}/api/v1/slots?service=test-drive&days=28`);
  const slots = ((await slotsRes.json()) as { slots: { id: string; remaining: number }[] }).slots.slice(
    0,
    300,
  );
  const places = slots.reduce((n, s) => n + s.remaining, 0);
  let next = 0;
  const booking = () =>
    JSON.stringify({ slotId: slots[next++ % slots.length]?.id, lead: JSON.parse(lead()) as unknown });
  const bookings = await run({ path: '/api/v1/bookings', connections: 32, amount: BOOKINGS, body: booking });

  const rows = [
    ingest,
    summary('POST /bookings (all)', bookings),
    summary('  201 booked', bookings, [201]),
    summary('  409 taken', bookings, [409]),
  ];
  console.table(rows);
  const booked = bookings.latencies.get(201)?.length ?? 0;
  const statuses = [...leads.latencies.keys(), ...bookings.latencies.keys()];
  const unexpected = statuses.filter((s) => ![200, 201, 409].includes(s));
  console.info(
    `Bookings: ${booked} booked of ${places} places in ${slots.length} slots, ` +
      `${bookings.latencies.get(409)?.length ?? 0} refused with alternatives; ${booked > places ? 'OVERBOOKED' : 'never past capacity'}.`,
  );
  const perCore = Math.round(leads.requests / leads.cpu);
  console.info(
    `Machine load while running: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (load average, ${cpus().length} cores). Server CPU per lead: ` +
      `${ingest['server CPU µs/req']} µs, i.e. ${perCore} leads/s per fully available core.`,
  );
  const goal = ingest['req/s'] >= 2000 && ingest['p95 ms'] < 20;
  console.info(
    `Lead ingest: ${ingest['req/s']} leads/s, p95 ${ingest['p95 ms']} ms (goal ≥ 2000/s, p95 < 20 ms: ${goal ? 'met' : 'not met'}).`,
  );
  if (unexpected.length || leads.errors || bookings.errors || booked > places) {
    console.error(
      `Unexpected answers: statuses ${unexpected.join(', ')}, errors ${leads.errors + bookings.errors}`,
    );
    process.exitCode = 1;
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
