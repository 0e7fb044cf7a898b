// Shared by the journey tests: the small test catalog, a manual clock, deterministic ids, and a
// journey over the in-memory source with everything injectable.
import { createActor, fromPromise } from 'xstate';
import type { Actor, AnyActorLogic } from 'xstate';
import { ApiError, createJourneyMachine, createMemorySource, journeyActors } from '@showroom/core';
import type {
  Catalog,
  JourneyActorLogic,
  JourneyClock,
  JourneyInput,
  JourneyMachine,
  MemorySource,
} from '@showroom/core';

import { catalogJson, testCatalog } from './fixtures/catalog.js';

export { catalogJson, testCatalog };

/** Test doubles for some of the journey's actors (typed loosely: each test checks what it needs). */
export type TestActors = Partial<Record<keyof JourneyActorLogic, AnyActorLogic>>;

/** 2026-11-23 (a Monday) 02:00 UTC = 10:00 in Shanghai. */
export const START = Date.parse('2026-11-23T02:00:00Z');

/** A clock the test moves by hand; timers fire on `tick`. */
export function manualClock(start = START): JourneyClock & { tick(ms: number): void; pending(): number } {
  let now = start;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout(run, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
    tick(ms) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && timers.delete(id)) t.run();
      }
    },
    pending: () => timers.size,
  };
}

/** UUIDs v4 from a counter, so runs are repeatable. */
export function counterUuid(prefix = 0) {
  let n = 0;
  return () => {
    n += 1;
    const hex = (prefix * 1_000_000 + n).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
  };
}

export interface Harness {
  actor: Actor<JourneyMachine>;
  machine: JourneyMachine;
  source: MemorySource;
  clock: ReturnType<typeof manualClock>;
  emitted: { type: string; [key: string]: unknown }[];
}

/** Waits until `actor`'s snapshot satisfies `check` (actors here settle in microtasks). */
export async function until(
  actor: Actor<JourneyMachine>,
  check: (s: ReturnType<Actor<JourneyMachine>['getSnapshot']>) => boolean,
  what = 'condition',
) {
  for (let i = 0; i < 200; i++) {
    if (check(actor.getSnapshot())) return actor.getSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`Timed out waiting for ${what}; state ${JSON.stringify(actor.getSnapshot().value)}`);
}

/** A network failure as the typed client reports it. */
export function offline(): ApiError {
  return new ApiError({ status: 0, code: 'network', message: 'Failed to fetch' });
}

/** The machine over the in-memory source with a manual clock; `actors` replaces single actors. */
export function journeyMachineFor(
  source: MemorySource,
  clock: JourneyClock,
  actors: TestActors = {},
  uuid = counterUuid(),
) {
  return createJourneyMachine({ now: () => clock.now(), uuid }).provide({
    actors: { ...journeyActors(source), ...(actors as Partial<JourneyActorLogic>) },
  });
}

/** A started journey over the in-memory source (its own, or `source` shared with another journey). */
export function startJourney(
  options: {
    input?: Partial<JourneyInput>;
    actors?: TestActors | ((source: MemorySource) => TestActors);
    catalog?: Catalog;
    source?: MemorySource;
    uuid?: () => string;
  } = {},
): Harness {
  const clock = manualClock();
  const catalog = options.catalog ?? testCatalog();
  const source = options.source ?? createMemorySource({ catalog, now: () => clock.now(), seed: 7 });
  const actors = typeof options.actors === 'function' ? options.actors(source) : options.actors;
  const machine = journeyMachineFor(source, clock, actors, options.uuid);
  const actor = createActor(machine, { input: { channel: 'brand-site', locale: 'en', ...options.input } });
  const emitted: Harness['emitted'] = [];
  actor.on('*', (e) => emitted.push(e as Harness['emitted'][number]));
  actor.start();
  return { actor, machine, source, clock, emitted };
}

/** A promise actor that fails the way `make()` says, counting its calls. */
export function failing<T, I>(make: () => unknown) {
  const calls: I[] = [];
  const logic = fromPromise<T, I>(async ({ input }) => {
    calls.push(input);
    throw make();
  });
  return { logic, calls };
}

/** The contact a shopper types, with consent. */
export const SHOPPER = {
  contact: { name: 'Wang Xiaoming', phone: '+8613812345678', email: 'xm@example.com' },
  consent: { contact: true, shareWithDealer: true },
};
