// The journey as a graph: every state is reachable, nothing dead-ends, and every state the
// journey can rest in survives a reload (persist → restore → journey.resume) without anything
// left hanging. Traversed with @xstate/graph over pure transitions; actors answer through
// sample done/error events, as each of them can.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { initialTransition, transition } from 'xstate';
import type { AnyStateNode } from 'xstate';
import {
  ApiError,
  createJourneyMachine,
  createMemorySource,
  journeyEnvelope,
  restoreJourneySnapshot,
} from '@showroom/core';
import type { Booking, JourneyEvent, Location, SavedBuild, Slot } from '@showroom/core';
import { counterUuid, offline, SHOPPER, START, testCatalog } from './journey-support.js';

const catalog = testCatalog();
const machine = createJourneyMachine({ now: () => START, uuid: counterUuid() });
type Snap = ReturnType<typeof machine.getInitialSnapshot>;
type AnyEvent = JourneyEvent | { type: string; output?: unknown; error?: unknown };

const REGIONS = ['catalog', 'build', 'save', 'advisor', 'appointment', 'lead'] as const;
type Region = (typeof REGIONS)[number];

let events: AnyEvent[] = [];
let location: Location;

before(async () => {
  const source = createMemorySource({ catalog, now: () => START, seed: 3 });
  [location] = (await source.listLocations({ service: 'test-drive' })) as [Location];
  const slots = await source.listSlots({ service: 'test-drive', location: location.id });
  const slot = slots[0] as Slot;
  const video = (await source.listSlots({ service: 'video', language: 'en' }))[0] as Slot;
  const home = (await source.listSlots({ service: 'home-test-drive' }))[0] as Slot;
  const saved = await source.saveBuild({
    catalogId: catalog.id,
    modelYear: 2027,
    configId: 'a6~a6-lr~paint-white~wheel-19',
    build: { modelId: 'a6', trimId: 'a6-lr', options: ['paint-white', 'wheel-19'] },
    price: { currency: 'CNY', total: 281900, base: 279900, options: 0, fees: 2000 },
  });
  const savedBuild = await source.getBuild(saved.code);
  const stale: SavedBuild = {
    ...savedBuild,
    catalogId: 'aurora-cn-2026',
    buildable: false,
    build: { modelId: 'a6', trimId: 'a6-gone', options: ['paint-white', 'wheel-gone'] },
  };
  const booking: Booking = {
    id: 'bk_1',
    service: 'test-drive',
    start: slot.start,
    end: slot.end,
    timeZone: slot.timeZone,
    location,
    manageToken: 'mt_0123456789abcdef',
    calendarUrl: '/bookings/bk_1/calendar.ics',
  };
  const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
  const error = (id: string, err: unknown) => ({ type: `xstate.error.actor.${id}`, error: err });
  const http = (
    status: number,
    code: string,
    extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {},
  ) => new ApiError({ status, code, message: code, ...extra });
  events = [
    done('loadCatalog', catalog),
    error('loadCatalog', offline()),
    { type: 'catalog.retry' },
    { type: 'catalog.refresh' },
    { type: 'build.select', optionId: 'paint-red' },
    { type: 'build.select', optionId: 'pkg-sport' },
    { type: 'build.select', optionId: 'paint-white' },
    { type: 'build.select', optionId: 'trim:a6-perf' },
    { type: 'build.deselect', optionId: 'pkg-sport' },
    { type: 'build.select', optionId: 'no-such-option' },
    { type: 'build.restart' },
    { type: 'build.view', trimId: 'a6-perf' },
    { type: 'build.confirm' },
    { type: 'build.cancel' },
    { type: 'finance.set', termMonths: 48 },
    { type: 'build.load', code: saved.code },
    { type: 'build.load', code: 'not a code' },
    done('loadBuild', savedBuild),
    done('loadBuild', stale),
    error('loadBuild', http(404, 'not_found')),
    { type: 'build.save' },
    done('saveBuild', saved),
    error('saveBuild', offline()),
    error('saveBuild', http(422, 'invalid_body')),
    { type: 'network.online' },
    { type: 'network.offline' },
    { type: 'advisor.check', language: 'en' },
    done('checkAdvisorNow', { available: true, advisorsOnline: 2, waitMinutes: 0 }),
    done('checkAdvisorNow', { available: false, advisorsOnline: 0, waitMinutes: null }),
    error('checkAdvisorNow', offline()),
    { type: 'consult.start' },
    done('startConsultation', { joinUrl: 'https://meet.example/abc', expiresAt: '2026-11-23T03:00:00Z' }),
    error('startConsultation', http(409, 'no_advisor')),
    error('startConsultation', http(500, 'failed')),
    { type: 'consult.end' },
    { type: 'contact.update', ...SHOPPER },
    { type: 'address.update', address: { street: '1 Century Ave', city: 'Shanghai' } },
    { type: 'appointment.start', service: 'test-drive' },
    { type: 'appointment.start', service: 'video', language: 'en' },
    { type: 'appointment.start', service: 'home-test-drive' },
    { type: 'appointment.close' },
    { type: 'appointment.retry' },
    done('loadLocations', [location]),
    error('loadLocations', offline()),
    { type: 'location.search', near: { lat: 31.23, lng: 121.47 } },
    { type: 'location.pick', locationId: location.id },
    done('loadSlots', [slot, video, home]),
    error('loadSlots', offline()),
    { type: 'slot.pick', slotId: slot.id },
    { type: 'slots.more' },
    { type: 'testDrive.match', match: 'trim' },
    { type: 'booking.confirm' },
    done('book', booking),
    error('book', http(409, 'slot_unavailable', { alternatives: slots.slice(1, 3) })),
    error('book', offline()),
    error('book', http(422, 'invalid_body')),
    { type: 'booking.cancel' },
    done('cancelBooking', undefined),
    error('cancelBooking', offline()),
    { type: 'lead.submit' },
    done('submitLead', { status: 'sent' }),
    done('submitLead', { status: 'queued' }),
    error('submitLead', offline()),
    error('submitLead', http(422, 'invalid_body')),
    { type: 'lead.delivered', leadId: '' },
    { type: 'lead.rejected', leadId: '', reason: 'refused' },
    { type: 'panel.open', panel: 'finance' },
    { type: 'journey.resume' },
    { type: 'journey.reset' },
  ];
});

/** What, besides its own state, decides where a region can go next. */
function flags(s: Snap) {
  const c = s.context;
  return [c.catalog !== null, c.consent.contact && c.contact.name !== '', c.address !== null, c.online];
}

function regionValue(s: Snap, region: Region): unknown {
  return (s.value as { active: Record<Region, unknown> }).active[region];
}

/** The sample events, addressed to this journey where they name it (the connector's reports). */
function eventsFor(s: Snap): JourneyEvent[] {
  return events.map((e) => ('leadId' in e ? { ...e, leadId: s.context.leadId } : e)) as JourneyEvent[];
}

const traversal = (region: Region) => ({
  input: { channel: 'brand-site' as const, locale: 'en' },
  events: (s: Snap) => eventsFor(s),
  serializeState: (s: Snap) => JSON.stringify([regionValue(s, region), flags(s)]),
});

/** Every reachable snapshot, exploring one region at a time (the regions are independent). */
function reachable(region: Region): Snap[] {
  return getShortestPaths(machine, traversal(region) as never).map((p) => p.state as Snap);
}

function stateNodes(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...stateNodes(child)]);
}

/** The active state nodes of a state value, parents first. */
function activeNodes(node: AnyStateNode, value: unknown): AnyStateNode[] {
  const entries: [string, unknown][] =
    typeof value === 'string' ? [[value, null]] : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, sub]) => {
    const child = node.states[key] as AnyStateNode;
    return [child, ...(sub === null ? [] : activeNodes(child, sub))];
  });
}

const isTransient = (node: AnyStateNode) => node.always?.some((t) => !t.guard) ?? false;

/** Invoked actors whose state is active but whose actor is missing: something left hanging. */
function hanging(s: Snap): string[] {
  return activeNodes(machine.root, s.value)
    .flatMap((node) => node.invoke.map((inv) => inv.id))
    .filter((id) => !(id in s.children));
}

let all: Snap[] = [];

describe('the journey as a graph', () => {
  it('reaches every state that can hold, through real event sequences', () => {
    all = REGIONS.flatMap(reachable);
    const seen = new Set(all.flatMap((s) => activeNodes(machine.root, s.value).map((n) => n.id)));
    const expected = stateNodes(machine.root).filter((n) => !isTransient(n));
    const missing = expected.map((n) => n.id).filter((id) => !seen.has(id));
    assert.deepEqual(missing, []);
    assert.ok(expected.length >= 40, `${expected.length} states`);
    // The states that only pass through decide at once: each has a way out whatever the guards say.
    for (const node of stateNodes(machine.root).filter(isTransient)) {
      assert.ok(node.always?.at(-1)?.guard === undefined, node.id);
    }
  });

  it('traps nobody: from every state each region can get back to its start or on to its end', () => {
    for (const region of REGIONS) {
      const options = traversal(region);
      const adjacency = getAdjacencyMap(machine as never, options as never) as unknown as Record<
        string,
        { state: Snap; transitions: Record<string, { state: Snap }> }
      >;
      const home = (key: string) => {
        const s = (adjacency[key] as { state: Snap }).state;
        const value = regionValue(s, region);
        const atRest = value === 'idle' || value === 'ready' || JSON.stringify(value) === '{"ready":"idle"}';
        const final = activeNodes(machine.root, { active: { [region]: value } }).some(
          (n) => n.type === 'final',
        );
        return atRest || final;
      };
      for (const start of Object.keys(adjacency)) {
        const seen = new Set([start]);
        const queue = [start];
        let found = false;
        while (queue.length && !found) {
          const key = queue.shift() as string;
          if (home(key)) found = true;
          for (const { state } of Object.values(adjacency[key]?.transitions ?? {})) {
            const next = options.serializeState(state);
            if (seen.has(next) || !adjacency[next]) continue;
            seen.add(next);
            queue.push(next);
          }
        }
        assert.ok(found, `${region} is trapped in ${start}`);
      }
    }
  });

  it('leaves no invoked actor missing in any state it reaches', () => {
    for (const s of all) assert.deepEqual(hanging(s), [], JSON.stringify(s.value));
  });

  it('resumes every state after a reload, in standard and kiosk privacy, with nothing hanging', () => {
    let restored = 0;
    for (const s of all) {
      for (const privacy of ['standard', 'kiosk'] as const) {
        const ctx = { ...s.context, settings: { ...s.context.settings, privacy } };
        const persisted = machine.getPersistedSnapshot({ ...s, context: ctx } as Snap);
        const envelope = JSON.parse(JSON.stringify(journeyEnvelope(persisted, START)));
        const snapshot = restoreJourneySnapshot(machine, envelope, { now: START });
        // The same state, but for the catalog: it is never stored, so it loads again.
        const { catalog, ...rest } = (s.value as { active: Record<string, unknown> }).active;
        const again = catalog === 'ready' || catalog === 'refreshing' ? 'loading' : catalog;
        assert.deepEqual(snapshot.value, { active: { ...rest, catalog: again } });
        const resolved = machine.resolveState(snapshot as never);
        const [resumed] = transition(machine, resolved, { type: 'journey.resume' });
        assert.deepEqual(
          hanging(resumed),
          [],
          `${privacy} ${JSON.stringify(s.value)} → ${JSON.stringify(resumed.value)}`,
        );
        restored++;
      }
    }
    assert.ok(restored > 100, `${restored} restores`);
  });

  it('starts over from anywhere with journey.reset, keeping only the catalog', () => {
    const [initial] = initialTransition(machine, { channel: 'brand-site', locale: 'en' });
    for (const s of all) {
      const [next] = transition(machine, s, { type: 'journey.reset' });
      const c = next.context;
      assert.equal(c.steps.length, 0);
      assert.equal(c.contact.name, '');
      assert.equal(c.booking, null);
      assert.equal(c.lead, null);
      assert.equal(c.catalog, s.context.catalog);
      if (s.context.catalog) {
        assert.deepEqual(regionValue(next, 'catalog'), 'ready');
        assert.deepEqual(regionValue(next, 'build'), { ready: 'idle' });
      } else {
        assert.deepEqual(next.value, initial.value);
      }
      for (const region of ['save', 'advisor', 'appointment', 'lead'] as const) {
        assert.deepEqual(regionValue(next, region), 'idle');
      }
    }
  });
});
