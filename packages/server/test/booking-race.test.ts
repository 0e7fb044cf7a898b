import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ApiErrorBody, Booking, Slot } from '@showroom/core';
import { createApp } from '../src/app.js';
import type { ShowroomApp } from '../src/app.js';
import type { Db } from '../src/db/db.js';
import { DB_KINDS, freshDb, makeLead } from './support.js';

const T0 = Date.parse('2027-03-20T02:00:00Z');
const ROUNDS = 100;
const CONCURRENCY = 50;

/** Free slots of several capacities (1 to 3 places), enough for every round. */
async function pickSlots(app: ShowroomApp, count: number): Promise<Slot[]> {
  const queries = [
    'service=test-drive&location=sh-hongqiao&days=28',
    'service=test-drive&location=sh-pudong&days=28',
    'service=test-drive&location=muc-schwabing&days=28',
    'service=home-test-drive&days=28',
    'service=video&days=3',
  ];
  const all: Slot[] = [];
  for (const q of queries) {
    const res = await app.request(`/api/v1/slots?${q}`);
    all.push(...((await res.json()) as { slots: Slot[] }).slots);
  }
  // Interleave capacities so every capacity is raced many times.
  const byCapacity = new Map<number, Slot[]>();
  for (const s of all) byCapacity.set(s.remaining, [...(byCapacity.get(s.remaining) ?? []), s]);
  const lanes = [...byCapacity.values()];
  const out: Slot[] = [];
  for (let i = 0; out.length < count; i++) {
    const lane = lanes[i % lanes.length];
    const s = lane?.[Math.floor(i / lanes.length)];
    if (s) out.push(s);
    if (i > count * lanes.length) break;
  }
  assert.equal(out.length, count);
  return out;
}

for (const kind of DB_KINDS) {
  describe(`booking race on ${kind}`, () => {
    let app: ShowroomApp;
    let db: Db;
    before(async () => {
      db = await freshDb(kind);
      app = createApp({ db, now: () => T0, config: { rateLimit: { limit: 0, windowMs: 1000 } } });
      await app.ready();
    });
    after(() => app.close());

    it(`${CONCURRENCY} concurrent requests for one slot × ${ROUNDS} rounds: exactly its capacity succeed`, async () => {
      const slots = await pickSlots(app, ROUNDS);
      const capacities = new Set(slots.map((s) => s.remaining));
      assert.ok(capacities.size >= 3, `raced capacities ${[...capacities].join(', ')}`);
      let booked = 0;
      let refused = 0;
      for (const slot of slots) {
        const address =
          slot.service === 'home-test-drive' ? { street: '南京东路 100 号', city: '上海' } : undefined;
        const answers = await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            const res = await app.request('/api/v1/bookings', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ slotId: slot.id, lead: makeLead(), address }),
            });
            return { status: res.status, body: (await res.json()) as Booking | ApiErrorBody };
          }),
        );
        const ok = answers.filter((a) => a.status === 201);
        const full = answers.filter((a) => a.status === 409);
        assert.equal(ok.length, slot.remaining, `slot ${slot.id} with ${slot.remaining} places`);
        assert.equal(full.length, CONCURRENCY - slot.remaining);
        for (const a of full) {
          const e = (a.body as ApiErrorBody).error;
          assert.equal(e.code, 'slot_unavailable');
          assert.ok(
            e.alternatives && e.alternatives.length > 0 && e.alternatives.every((s) => s.id !== slot.id),
          );
        }
        assert.equal(new Set(ok.map((a) => (a.body as Booking).id)).size, ok.length);
        booked += ok.length;
        refused += full.length;
      }
      // The database agrees: no slot past capacity, one booking row per success.
      const over = await db.all('SELECT id FROM slots WHERE booked > capacity');
      assert.deepEqual(over, []);
      const rows = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM bookings WHERE status = 'booked'");
      assert.equal(rows?.n, booked);
      assert.equal(booked + refused, ROUNDS * CONCURRENCY);
    });

    it('refuses, in the database itself, any write that would go past capacity', async () => {
      const row = await db.get<{ id: string; capacity: number }>(
        'SELECT id, capacity FROM slots WHERE booked = 0 LIMIT 1',
      );
      assert.ok(row);
      await assert.rejects(
        db.run('UPDATE slots SET booked = capacity + 1 WHERE id = ?', [row.id]),
        /constraint|slot_capacity/i,
      );
      await assert.rejects(
        db.run('UPDATE slots SET booked = -1 WHERE id = ?', [row.id]),
        /constraint|slot_capacity/i,
      );
    });
  });
}

/** The model: places booked per slot, and the bookings we hold (with their tokens). */
interface Model {
  booked: number[];
  held: { slot: number; id: string; token: string }[];
}
interface Real {
  app: ShowroomApp;
  slots: Slot[];
  query: string[];
}

async function remainingOf(real: Real, i: number): Promise<number> {
  const slot = real.slots[i] as Slot;
  const res = await real.app.request(`/api/v1/slots?${real.query[i]}`);
  return ((await res.json()) as { slots: Slot[] }).slots.find((s) => s.id === slot.id)?.remaining ?? 0;
}

async function book(real: Real, i: number): Promise<Response> {
  const slot = real.slots[i] as Slot;
  return real.app.request('/api/v1/bookings', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ slotId: slot.id, lead: makeLead() }),
  });
}

/** Books slot `slot` with `burst` requests at once: exactly the free places succeed. */
class BookBurst implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly slot: number,
    readonly burst: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const capacity = (r.slots[this.slot] as Slot).remaining;
    const answers = await Promise.all(Array.from({ length: this.burst }, () => book(r, this.slot)));
    const ok = answers.filter((a) => a.status === 201);
    assert.ok(answers.every((a) => a.status === 201 || a.status === 409));
    const free = capacity - (m.booked[this.slot] ?? 0);
    assert.equal(ok.length, Math.min(this.burst, free));
    for (const a of ok) {
      const b = (await a.json()) as Booking;
      m.held.push({ slot: this.slot, id: b.id, token: b.manageToken });
    }
    m.booked[this.slot] = (m.booked[this.slot] ?? 0) + ok.length;
    assert.ok((m.booked[this.slot] ?? 0) <= capacity);
    assert.equal(await remainingOf(r, this.slot), capacity - (m.booked[this.slot] ?? 0));
  }
  toString = () => `book(${this.slot}) ×${this.burst}`;
}

/** Cancels the `pick`-th booking held: its place comes back. */
class Cancel implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.held.length > 0;
  async run(m: Model, r: Real) {
    const [held] = m.held.splice(this.pick % m.held.length, 1);
    assert.ok(held);
    const res = await r.app.request(`/api/v1/bookings/${held.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${held.token}` },
    });
    assert.equal(res.status, 204);
    m.booked[held.slot] = (m.booked[held.slot] ?? 0) - 1;
    const capacity = (r.slots[held.slot] as Slot).remaining;
    assert.equal(await remainingOf(r, held.slot), capacity - (m.booked[held.slot] ?? 0));
  }
  toString = () => `cancel(#${this.pick})`;
}

for (const kind of DB_KINDS) {
  describe(`book and cancel against a model on ${kind}`, () => {
    let real: Real;
    before(async () => {
      const app = createApp({
        db: await freshDb(kind),
        now: () => T0,
        config: { rateLimit: { limit: 0, windowMs: 1000 } },
      });
      await app.ready();
      const query = [
        'service=test-drive&location=muc-schwabing&trim=a6-perf&from=2027-03-22&days=1',
        'service=test-drive&location=sh-pudong&trim=a6-lr&from=2027-03-22&days=1',
        'service=test-drive&location=sh-hongqiao&trim=a6-lr&from=2027-03-22&days=1',
      ];
      const slots: Slot[] = [];
      for (const q of query) {
        const res = await app.request(`/api/v1/slots?${q}`);
        const first = ((await res.json()) as { slots: Slot[] }).slots[0];
        assert.ok(first);
        slots.push(first);
      }
      assert.deepEqual(
        slots.map((s) => s.remaining),
        [1, 2, 3],
      );
      real = { app, slots, query };
    });
    after(() => real.app.close());

    it('never books past capacity, and every cancel frees exactly one place', async () => {
      const commands = [
        fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 5 })).map(([s, n]) => new BookBurst(s, n)),
        fc.nat(20).map((p) => new Cancel(p)),
      ];
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
          const model: Model = { booked: [0, 0, 0], held: [] };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          // Leave the slots as they were for the next run.
          for (const held of model.held) {
            await real.app.request(`/api/v1/bookings/${held.id}`, {
              method: 'DELETE',
              headers: { Authorization: `Bearer ${held.token}` },
            });
          }
          for (let i = 0; i < real.slots.length; i++) {
            assert.equal(await remainingOf(real, i), real.slots[i]?.remaining);
          }
        }),
        { numRuns: kind === 'sqlite' ? 60 : 25 },
      );
    });
  });
}
