// Persistence: what the journey writes, when, and what survives a reload — mid-booking,
// mid-submit, offline — and that whatever comes back from storage is only ever restored,
// discarded, or refused with a JourneyRestoreError.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createActor, fromPromise, initialTransition, transition } from 'xstate';
import {
  createJourney,
  createJourneyMachine,
  createMemorySource,
  journeyEnvelope,
  JOURNEY_MACHINE_VERSION,
  JourneyRestoreError,
  memoryStorage,
  restoreJourneySnapshot,
} from '@showroom/core';
import type {
  Catalog,
  CreateJourneyOptions,
  Journey,
  JourneyActorInputs,
  JourneyActorOutputs,
  JourneyEnvelope,
  Lead,
  LeadDelivery,
  MemorySource,
  Slot,
} from '@showroom/core';
import { counterUuid, manualClock, offline, SHOPPER, START, testCatalog, until } from './journey-support.js';

type Snap = ReturnType<Journey['actor']['getSnapshot']>;
const region = (s: Snap, name: string) => (s.value as { active: Record<string, unknown> }).active[name];
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

interface Setup {
  source: MemorySource;
  storage: ReturnType<typeof memoryStorage>;
  clock: ReturnType<typeof manualClock>;
}

function setup(): Setup {
  const clock = manualClock();
  const source = createMemorySource({ catalog: testCatalog(), now: () => clock.now(), seed: 11 });
  return { source, storage: memoryStorage(), clock };
}

function open(env: Setup, options: Partial<CreateJourneyOptions> = {}, ids = 0): Promise<Journey> {
  return createJourney({
    channel: 'brand-site',
    locale: 'en',
    source: env.source,
    storage: env.storage,
    clock: env.clock,
    network: null,
    uuid: counterUuid(ids),
    ...options,
  });
}

const stored = (env: Setup) => env.storage.entries.get('default') as JourneyEnvelope | undefined;

async function ready(j: Journey) {
  return until(j.actor, (s) => s.matches({ active: { build: { ready: 'idle' } } }), 'the build');
}

async function toDetails(j: Journey) {
  await ready(j);
  j.actor.send({ type: 'appointment.start', service: 'test-drive' });
  await until(j.actor, (s) => region(s, 'appointment') === 'choosingLocation', 'locations');
  j.actor.send({ type: 'location.pick', locationId: j.actor.getSnapshot().context.locations[0]!.id });
  const s = await until(j.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'slots');
  j.actor.send({ type: 'slot.pick', slotId: (s.context.slots[0] as Slot).id });
  j.actor.send({ type: 'contact.update', ...SHOPPER });
}

/** An actor that does the real call and then never answers: the page is closed before it does. */
function answerLost<K extends keyof JourneyActorInputs>(
  _name: K,
  call: (input: JourneyActorInputs[K]) => Promise<unknown>,
) {
  const seen: JourneyActorInputs[K][] = [];
  const logic = fromPromise<JourneyActorOutputs[K], JourneyActorInputs[K]>(async ({ input }) => {
    seen.push(input);
    await call(input);
    return new Promise<JourneyActorOutputs[K]>(() => undefined);
  });
  return { logic, seen };
}

describe('journey persistence', () => {
  it('writes a versioned envelope at most debounceMs after a change, and nothing while pristine', async () => {
    const env = setup();
    const j = await open(env, { debounceMs: 300 });
    await ready(j);
    env.clock.tick(1000);
    await settle();
    assert.equal(stored(env), undefined, 'a journey nobody touched is not kept');
    j.actor.send({ type: 'build.select', optionId: 'paint-red' });
    env.clock.tick(299);
    await settle();
    assert.equal(stored(env), undefined);
    env.clock.tick(1);
    await settle();
    const envelope = stored(env);
    assert.equal(envelope?.v, 2);
    assert.equal(envelope?.machineVersion, JOURNEY_MACHINE_VERSION);
    assert.equal(envelope?.savedAt, new Date(START + 1300).toISOString());
    assert.equal(envelope?.snapshot.context.configId, 'a6~a6-lr~paint-red~wheel-19');
    assert.ok(!('children' in (envelope?.snapshot ?? {})), 'invoked actors are not persisted');
    j.stop();
  });

  it('keeps only the catalog id; a reload fetches the catalog again and the build follows it', async () => {
    const env = setup();
    let catalog = testCatalog();
    const loads: number[] = [];
    const loadCatalog = fromPromise<Catalog, JourneyActorInputs['loadCatalog']>(
      async () => (loads.push(1), catalog),
    );
    const first = await open(env, { actors: { loadCatalog } });
    await ready(first);
    first.actor.send({ type: 'build.select', optionId: 'paint-red' });
    await first.persistence?.flush();
    first.stop();
    const envelope = stored(env) as JourneyEnvelope;
    assert.deepEqual(envelope.catalog, { id: 'aurora-cn-2027' });
    assert.equal(envelope.snapshot.context.catalog, null);
    const size = JSON.stringify(envelope).length;
    assert.ok(!JSON.stringify(envelope).includes('Aurora Motors'), 'no catalog content');
    assert.ok(size < 4096, `a small envelope (${size} characters)`);

    // Today's catalog has a new price: the restored build is priced by it.
    catalog = testCatalog((json) => void (json.models[0]!.trims[0]!.price = 289900));
    const second = await open(env, { actors: { loadCatalog } }, 1);
    assert.equal(second.restored, true);
    const s = await until(second.actor, (s) => region(s, 'catalog') === 'ready', 'the catalog');
    assert.equal(loads.length, 2);
    assert.equal(s.context.catalog, catalog);
    assert.equal(s.context.configId, 'a6~a6-lr~paint-red~wheel-19');
    assert.equal(s.context.price?.total, 289900 + 12000 + 2000);
    second.stop();
  });

  it('restored offline, loads the catalog once the network is back', async () => {
    const env = setup();
    const first = await open(env);
    await ready(first);
    first.actor.send({ type: 'contact.update', ...SHOPPER });
    await first.persistence?.flush();
    first.stop();
    let up = false;
    const listeners = new Set<(online: boolean) => void>();
    const network = {
      online: () => up,
      subscribe: (l: (online: boolean) => void) => (listeners.add(l), () => listeners.delete(l)),
    };
    const loadCatalog = fromPromise<Catalog, JourneyActorInputs['loadCatalog']>(async () => {
      if (!up) throw offline();
      return testCatalog();
    });
    const second = await open(env, { network, actors: { loadCatalog } }, 1);
    let s = await until(second.actor, (s) => region(s, 'catalog') === 'failed', 'no catalog offline');
    assert.equal(s.context.contact.name, SHOPPER.contact.name, 'what the shopper typed is kept');
    up = true;
    for (const l of listeners) l(true);
    s = await until(second.actor, (s) => region(s, 'catalog') === 'ready', 'the catalog');
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19');
    second.stop();
  });

  it('writes at once when a request with an idempotency key starts', async () => {
    const env = setup();
    const book = answerLost('book', (input) =>
      env.source.createBooking(input.request, { idempotencyKey: input.idempotencyKey }),
    );
    const j = await open(env, { actors: { book: book.logic } });
    await toDetails(j);
    j.actor.send({ type: 'booking.confirm' });
    await settle();
    const envelope = stored(env);
    assert.equal(region(envelope?.snapshot as Snap, 'appointment'), 'booking');
    assert.equal(envelope?.snapshot.context.bookingKey, book.seen[0]?.idempotencyKey);
    j.stop();
  });

  it('resumes a booking after a reload with the same key and body: one booking, one lead', async () => {
    const env = setup();
    const book = answerLost('book', (input) =>
      env.source.createBooking(input.request, { idempotencyKey: input.idempotencyKey }),
    );
    const first = await open(env, { actors: { book: book.logic } });
    await toDetails(first);
    first.actor.send({ type: 'booking.confirm' });
    await until(
      first.actor,
      () => book.seen.length === 1 && env.source.bookings().length === 1,
      'the request',
    );
    await first.persistence?.flush();
    first.stop();

    const second = await open(env, {}, 1);
    assert.equal(second.restored, true);
    const s = await until(second.actor, (s) => region(s, 'lead') === 'sent', 'the lead');
    assert.equal(region(s, 'appointment'), 'booked');
    assert.equal(env.source.bookings().length, 1, 'the server answered the first booking again');
    assert.equal(s.context.booking?.id, env.source.bookings()[0]?.id);
    assert.equal(s.context.contact.name, SHOPPER.contact.name);
    const leads = env.source.leads();
    assert.equal(leads.length, 1);
    assert.equal(leads[0]?.appointment?.bookingId, s.context.booking?.id);
    second.stop();
  });

  it('resumes a lead submission after a reload: sent once', async () => {
    const env = setup();
    const submit = answerLost('submitLead', (input) => env.source.sendLead(input.lead));
    const first = await open(env, { actors: { submitLead: submit.logic } });
    await ready(first);
    first.actor.send({ type: 'contact.update', ...SHOPPER });
    first.actor.send({ type: 'lead.submit' });
    await until(first.actor, () => env.source.leads().length === 1, 'the request');
    await first.persistence?.flush();
    first.stop();
    assert.equal(region(stored(env)?.snapshot as Snap, 'lead'), 'submitting');

    const second = await open(env, {}, 1);
    const s = await until(second.actor, (s) => region(s, 'lead') === 'sent', 'sent');
    assert.equal(env.source.leads().length, 1);
    assert.equal(env.source.leads()[0]?.id, s.context.leadId);
    assert.equal(submit.seen[0]?.lead.id, s.context.leadId);
    second.stop();
  });

  it('keeps a lead queued offline across a reload and sends it when the network is back', async () => {
    const env = setup();
    let up = false;
    const listeners = new Set<(online: boolean) => void>();
    const network = {
      online: () => up,
      subscribe: (l: (online: boolean) => void) => (listeners.add(l), () => listeners.delete(l)),
    };
    const flaky = fromPromise<LeadDelivery, { lead: Lead }>(async ({ input }) => {
      if (!up) throw offline();
      await env.source.sendLead(input.lead);
      return { status: 'sent' };
    });
    const first = await open(env, { network, actors: { submitLead: flaky } });
    await ready(first);
    first.actor.send({ type: 'contact.update', ...SHOPPER });
    first.actor.send({ type: 'lead.submit' });
    await until(first.actor, (s) => region(s, 'lead') === 'queued', 'queued');
    await first.persistence?.flush();
    first.stop();

    const second = await open(env, { network, actors: { submitLead: flaky } }, 1);
    let s = await until(second.actor, (s) => region(s, 'lead') === 'queued', 'still queued');
    assert.equal(s.context.online, false);
    assert.equal(env.source.leads().length, 0);
    up = true;
    for (const l of listeners) l(true);
    s = await until(second.actor, (s) => region(s, 'lead') === 'sent', 'sent');
    assert.equal(env.source.leads().length, 1);
    second.stop();
  });

  it('writes no personal data in kiosk mode, and a reload mid-booking asks for the details again', async () => {
    const env = setup();
    const book = answerLost('book', async () => undefined);
    const first = await open(env, { channel: 'kiosk', actors: { book: book.logic } });
    await toDetails(first);
    first.actor.send({ type: 'contact.update', comments: 'Call after 6pm' });
    first.actor.send({ type: 'address.update', address: { street: '88 Century Avenue', city: 'Shanghai' } });
    first.actor.send({ type: 'booking.confirm' });
    await until(first.actor, () => book.seen.length === 1, 'the request');
    await first.persistence?.flush();
    first.stop();
    const text = JSON.stringify(stored(env));
    for (const personal of ['Wang', '+8613812345678', 'xm@example.com', 'Century', 'Call after']) {
      assert.ok(!text.includes(personal), `"${personal}" must not be stored`);
    }
    assert.equal(stored(env)?.snapshot.context.lead, null);
    assert.equal(stored(env)?.snapshot.context.settings.privacy, 'kiosk');

    const second = await open(env, { channel: 'kiosk' }, 1);
    const s = second.actor.getSnapshot();
    assert.equal(second.restored, true);
    assert.equal(region(s, 'appointment'), 'details');
    assert.equal(s.context.contact.name, '');
    assert.equal(s.context.bookingKey, null, 'a new request, with a new key');
    assert.ok(s.context.slot !== null, 'the chosen slot is kept');
    second.stop();
  });

  it('wipes the stored journey on journey.reset', async () => {
    const env = setup();
    const j = await open(env);
    await ready(j);
    j.actor.send({ type: 'contact.update', ...SHOPPER });
    await j.persistence?.flush();
    assert.ok(stored(env), 'stored');
    j.actor.send({ type: 'journey.reset' });
    await settle();
    assert.equal(stored(env), undefined);
    env.clock.tick(1000);
    await settle();
    assert.equal(stored(env), undefined, 'the fresh journey is not written until the shopper does something');
    j.stop();
    const again = await open(env, {}, 1);
    assert.equal(again.restored, false);
    again.stop();
  });

  it('discards what it cannot trust, deletes it and starts fresh', async () => {
    const env = setup();
    const j = await open(env);
    await ready(j);
    j.actor.send({ type: 'contact.update', ...SHOPPER });
    await j.persistence?.flush();
    j.stop();
    const good = stored(env) as JourneyEnvelope;
    const cases: [string, unknown, Partial<CreateJourneyOptions>][] = [
      ['format', 'garbage', {}],
      ['version', { ...good, v: 1 }, {}],
      // An envelope of the first format, with the whole catalog in it.
      [
        'version',
        {
          ...good,
          v: 1,
          snapshot: { ...good.snapshot, context: { ...good.snapshot.context, catalog: testCatalog() } },
        },
        {},
      ],
      ['format', { ...good, catalog: 'aurora-cn-2027' }, {}],
      ['state', { ...good, catalog: null }, {}],
      ['version', { ...good, machineVersion: 'journey/0' }, {}],
      ['expired', { ...good, savedAt: new Date(START - 31 * 86_400_000).toISOString() }, {}],
      ['state', { ...good, snapshot: { ...good.snapshot, value: { active: { lead: 'nowhere' } } } }, {}],
      ['state', { ...good, snapshot: { ...good.snapshot, value: { active: { lead: 'preparing' } } } }, {}],
      [
        'format',
        { ...good, snapshot: { ...good.snapshot, context: { ...good.snapshot.context, leadId: 7 } } },
        {},
      ],
      ['version', good, { channel: 'dealer-site' }],
    ];
    for (const [reason, value, options] of cases) {
      await env.storage.set('default', value);
      const fresh = await open(env, options, 2);
      assert.equal(fresh.restored, false);
      assert.ok(fresh.discarded instanceof JourneyRestoreError, `${reason}: typed error`);
      assert.equal(fresh.discarded?.reason, reason);
      assert.equal(stored(env), undefined, `${reason}: deleted`);
      assert.equal(fresh.actor.getSnapshot().context.contact.name, '');
      fresh.stop();
    }
  });

  it('restores only what it validated: anything else is refused with JourneyRestoreError', async () => {
    const env = setup();
    const machine = createJourneyMachine({ now: () => START });
    const j = await open(env);
    await toDetails(j);
    await j.persistence?.flush();
    j.stop();
    const good = structuredClone(stored(env)) as unknown;

    // Replaces the value at a random path of a valid envelope with anything.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === 'object' && path.length < 8) {
        for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
      }
    };
    walk(good, []);
    const mutated = fc.tuple(fc.constantFrom(...paths), fc.anything()).map(([path, replacement]) => {
      if (path.length === 0) return replacement;
      const copy = structuredClone(good) as Record<string | number, unknown>;
      let at = copy;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
      at[path.at(-1) as string | number] = replacement;
      return copy;
    });
    const hostile = fc.constant(
      new Proxy(
        {},
        {
          get() {
            throw new Error('hostile getter');
          },
        },
      ),
    );
    let restored = 0;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutated, mutated, hostile), (raw) => {
        let snapshot;
        try {
          snapshot = restoreJourneySnapshot(machine, raw, { now: START });
        } catch (err) {
          assert.ok(err instanceof JourneyRestoreError, `threw ${String(err)}`);
          assert.ok(['format', 'version', 'expired', 'state'].includes(err.reason), err.reason);
          return;
        }
        restored++;
        const actor = createActor(machine, { snapshot, input: { channel: 'brand-site' } });
        actor.start();
        actor.send({ type: 'journey.resume' });
        actor.stop();
      }),
      { numRuns: 400, seed: 20261123 },
    );
    assert.ok(restored > 0, 'some harmless mutations restore');
  });

  it('stays restorable whatever the page sends: malformed events never poison the stored journey', () => {
    const machine = createJourneyMachine({ now: () => START, uuid: counterUuid(9) });
    const catalog = testCatalog();
    const types = [
      'model.pick',
      'build.select',
      'build.deselect',
      'build.confirm',
      'build.cancel',
      'build.view',
      'build.restart',
      'finance.set',
      'panel.open',
      'build.save',
      'build.load',
      'advisor.check',
      'consult.start',
      'consult.end',
      'appointment.start',
      'appointment.close',
      'appointment.retry',
      'location.search',
      'location.pick',
      'slot.pick',
      'address.update',
      'booking.confirm',
      'booking.cancel',
      'contact.update',
      'lead.submit',
      'lead.delivered',
      'lead.rejected',
      'network.online',
      'network.offline',
      'catalog.retry',
      'catalog.refresh',
      'journey.resume',
    ];
    const plausible = fc.constantFrom<unknown>(
      'paint-red',
      'pkg-sport',
      'trim:a6-perf',
      'a6',
      '',
      36,
      36.5,
      -1,
      1e12,
      'finance',
      'lease',
      'video',
      'test-drive',
      'home-test-drive',
      'finance-panel',
      { lat: 31.2, lng: 121.5 },
      { lat: 200 },
      SHOPPER.contact,
      { name: 7, phone: null, preferredContact: 'pigeon' },
      { contact: true, marketing: 'yes' },
      { street: 'x'.repeat(300), city: 'Shanghai', postcode: 200120 },
      'K7F3-QX9M-2P',
      'x'.repeat(5000),
    );
    const keys = [
      'modelId',
      'optionId',
      'trimId',
      'method',
      'termMonths',
      'downPayment',
      'panel',
      'code',
      'language',
      'service',
      'near',
      'locationId',
      'slotId',
      'address',
      'contact',
      'consent',
      'comments',
      'leadId',
      'reason',
      'status',
    ];
    const event = fc
      .tuple(
        fc.constantFrom(...types),
        fc.dictionary(fc.constantFrom(...keys), fc.oneof(plausible, fc.anything())),
      )
      .map(([type, payload]) => ({ ...payload, type }));
    let [start] = initialTransition(machine, { channel: 'brand-site', locale: 'en' });
    [start] = transition(machine, start, { type: 'xstate.done.actor.loadCatalog', output: catalog } as never);
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 25 }),
        fc.constantFrom('standard', 'kiosk'),
        (events, privacy) => {
          let s = start;
          for (const e of events) [s] = transition(machine, s, e as never);
          const context = { ...s.context, settings: { ...s.context.settings, privacy } };
          const persisted = machine.getPersistedSnapshot({ ...s, context } as typeof s);
          const envelope = structuredClone(journeyEnvelope(persisted, START));
          const restored = restoreJourneySnapshot(machine, envelope, { now: START });
          // The same state, but for the catalog, which is fetched again.
          const { catalog, ...rest } = (s.value as { active: Record<string, unknown> }).active;
          const again = catalog === 'ready' || catalog === 'refreshing' ? 'loading' : catalog;
          assert.deepEqual(restored.value, { active: { ...rest, catalog: again } });
        },
      ),
      { numRuns: 300, seed: 6 },
    );
  });
});
