import { createActor } from 'xstate';
import type { Actor } from 'xstate';
import type { ShowroomSource } from '../api/source.js';
import { randomUuid } from '../build/runtime.js';
import { journeyActors } from './actors.js';
import type { JourneyActorLogic, LeadConnector } from './actors.js';
import type { JourneyEngine } from './engine.js';
import { journeySettings } from './context.js';
import { createJourneyMachine } from './machine.js';
import type { JourneyMachine } from './machine.js';
import { idbStorage, JourneyRestoreError, loadJourney, persistJourney, systemClock } from './persist.js';
import type { JourneyClock, JourneyPersistence, JourneyStorage } from './persist.js';
import type { JourneyInput } from './types.js';

/** Tells the journey when the network comes and goes (the browser's `online`/`offline` events fit). */
export interface NetworkWatch {
  online(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

interface BrowserGlobals {
  navigator?: { onLine?: boolean };
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
  indexedDB?: unknown;
}
const platform = globalThis as unknown as BrowserGlobals;

/** The browser's connectivity (`navigator.onLine`, `online`/`offline` events); `null` outside a browser. */
export function browserNetwork(): NetworkWatch | null {
  const { addEventListener: on, removeEventListener: off } = platform;
  if (typeof on !== 'function' || typeof off !== 'function') return null;
  return {
    online: () => platform.navigator?.onLine !== false,
    subscribe(listener) {
      const up = () => listener(true);
      const down = () => listener(false);
      on.call(globalThis, 'online', up);
      on.call(globalThis, 'offline', down);
      return () => {
        off.call(globalThis, 'online', up);
        off.call(globalThis, 'offline', down);
      };
    },
  };
}

/** Options of {@link createJourney}: the journey's {@link JourneyInput} and what it runs against. */
export interface CreateJourneyOptions extends JourneyInput {
  /** The backend: the typed client (`createApiClient`), the in-memory source, or a brand's own. */
  source: ShowroomSource;
  /** Delivers leads through an outbox (`@showroom/connector`); default: the source's `sendLead`. */
  connector?: LeadConnector;
  /** Time and timers (default the platform's). */
  clock?: JourneyClock;
  /** Where the journey is kept across reloads; default IndexedDB in browsers, none elsewhere; `null` for none. */
  storage?: JourneyStorage | null;
  /** The storage key of this journey (default `default`); pages with two journeys give each its own. */
  storageKey?: string;
  /** Longest a change waits before it is written (default 300 ms). */
  debounceMs?: number;
  /** A stored journey older than this starts over (default 30 days). */
  maxAgeMs?: number;
  /** Connectivity; default the browser's, `null` to manage it with `network.*` events yourself. */
  network?: NetworkWatch | null;
  /** The configurator engine (default core's `createConfigurator`). */
  engine?: JourneyEngine;
  /** A fresh UUID (default `crypto.randomUUID`). */
  uuid?: () => string;
  /** Replaces single actors, e.g. a brand's own `submitLead`. */
  actors?: Partial<JourneyActorLogic>;
}

/** A running journey. */
export interface Journey {
  /** The started journey actor: send it events, subscribe to snapshots, listen to emitted events. */
  actor: Actor<JourneyMachine>;
  /** The machine the actor runs (with the actors provided). */
  machine: JourneyMachine;
  /** True when the journey continued from storage. */
  restored: boolean;
  /** A stored journey that could not be restored (and was deleted), if there was one. */
  discarded: JourneyRestoreError | null;
  /** The persistence, when there is storage. */
  persistence: JourneyPersistence | null;
  /** Stops the actor and every listener (the stored journey stays). */
  stop(): void;
}

/**
 * Starts a shopper's journey: the journey machine with its actors provided from `source` (and
 * `connector`), continued from storage when a valid stored journey exists, kept in storage as it
 * changes, and told about connectivity. After a restore the journey gets `journey.resume`, which
 * restarts whatever was in flight with the same idempotency keys.
 *
 * @example
 * const { actor } = await createJourney({ source: createApiClient({ baseUrl: '/api/v1' }), channel: 'brand-site' });
 * actor.on('lead-sent', (e) => analytics.track('lead', e.leadId));
 * actor.send({ type: 'build.select', optionId: 'paint-red' });
 */
export async function createJourney(options: CreateJourneyOptions): Promise<Journey> {
  const clock = options.clock ?? systemClock;
  const network = options.network === undefined ? browserNetwork() : options.network;
  const storage =
    options.storage === undefined ? (platform.indexedDB ? idbStorage() : null) : options.storage;
  const key = options.storageKey ?? 'default';
  const machine = createJourneyMachine({
    ...(options.engine ? { engine: options.engine } : {}),
    now: () => clock.now(),
    uuid: options.uuid ?? randomUuid,
    actors: { ...journeyActors(options.source, options.connector), ...options.actors },
  });

  const input: JourneyInput & { online: boolean } = {
    channel: options.channel,
    online: network ? network.online() : (options.online ?? true),
  };
  for (const name of [
    'privacy',
    'modelId',
    'locale',
    'leadSource',
    'consentTextVersion',
    'pageUrl',
    'slotDays',
    'maxSteps',
    'submitOnBooking',
  ] as const) {
    if (options[name] !== undefined) (input as unknown as Record<string, unknown>)[name] = options[name];
  }

  let snapshot = null;
  let discarded: JourneyRestoreError | null = null;
  if (storage) {
    const loaded = await loadJourney(machine, storage, key, {
      now: clock.now(),
      ...(options.maxAgeMs !== undefined ? { maxAgeMs: options.maxAgeMs } : {}),
    });
    discarded = loaded.discarded;
    snapshot = loaded.snapshot;
    const settings = journeySettings(input);
    const stored = snapshot?.context.settings;
    if (snapshot && stored && (stored.channel !== settings.channel || stored.modelId !== settings.modelId)) {
      // Another page set-up (channel or model): that journey is not this one.
      discarded = new JourneyRestoreError('version', 'The stored journey was for another channel or model');
      snapshot = null;
      await storage.del(key).catch(() => undefined);
    }
    if (snapshot) snapshot.context.settings = settings;
  }

  const actor = snapshot ? createActor(machine, { snapshot, input }) : createActor(machine, { input });
  const persistence = storage
    ? persistJourney(actor, {
        storage,
        key,
        clock,
        ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
      })
    : null;
  const cleanups: (() => void)[] = [];
  actor.start();
  if (snapshot) {
    if (snapshot.context.online !== input.online)
      actor.send({ type: input.online ? 'network.online' : 'network.offline' });
    // Restarts what was in flight, the catalog's load included (it is never stored): the build
    // then follows today's catalog, at today's price or the nearest valid build.
    actor.send({ type: 'journey.resume' });
  }
  if (network) {
    cleanups.push(
      network.subscribe((online) => actor.send({ type: online ? 'network.online' : 'network.offline' })),
    );
  }
  const connector = options.connector;
  if (connector?.subscribe) {
    cleanups.push(
      connector.subscribe((event) => {
        const leadId = event.id;
        if (!leadId || leadId !== actor.getSnapshot().context.leadId) return;
        if (event.type === 'delivered') actor.send({ type: 'lead.delivered', leadId });
        if (event.type === 'failed') {
          actor.send({
            type: 'lead.rejected',
            leadId,
            ...(event.reason ? { reason: event.reason } : {}),
            ...(event.status !== undefined ? { status: event.status } : {}),
          });
        }
      }),
    );
  }
  return {
    actor,
    machine,
    restored: snapshot !== null,
    discarded,
    persistence,
    stop() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      persistence?.stop();
      actor.stop();
    },
  };
}
