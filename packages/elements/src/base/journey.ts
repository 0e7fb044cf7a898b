import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pendingSnapshot } from './pending.js';
import { loadRuntime } from './runtime.js';
import type { JourneyContext, JourneyEmitted, JourneyEvent } from '@showroom/core';

/** A journey snapshot as the elements read it: the machine's state value and its context. */
export interface JourneySnapshot {
  readonly value: unknown;
  readonly status: string;
  readonly context: JourneyContext;
}

interface Unsubscribable {
  unsubscribe(): void;
}

/**
 * What an element needs of a journey: the running actor `createJourney()` returns (any XState
 * actor of the journey machine fits), or a test double of the same shape.
 */
export interface JourneyHandle {
  getSnapshot(): JourneySnapshot;
  subscribe(observer: (snapshot: JourneySnapshot) => void): Unsubscribable;
  send(event: JourneyEvent): void;
  on<T extends JourneyEmitted['type'] | '*'>(
    type: T,
    handler: (event: JourneyEmitted & (T extends '*' ? unknown : { type: T })) => void,
  ): Unsubscribable;
}

/**
 * The context key `<showroom-journey>` provides its journey under. `Symbol.for`, so elements
 * from a second copy of the SDK on the page still find a shell from the first.
 */
export const journeyContext = createContext<JourneyHandle>(Symbol.for('showroom.journey'));

let defaultJourney: JourneyHandle | undefined;
let defaultFactory: (() => JourneyHandle | Promise<JourneyHandle>) | undefined;
const defaultListeners = new Set<() => void>();

/**
 * Sets the page's default journey: the one every element joins when no `<showroom-journey>`
 * is above it. Pass a running journey (`createJourney(…).actor`), or a function that makes one,
 * possibly asynchronously, on first use (so a page that never shows an element never starts
 * it). Elements already on the page move to it. The embed script calls this with a journey
 * over the real API; `undefined` goes back to the built-in demo.
 *
 * @example
 * setDefaultJourney(async () => (await createJourney({ source: createApiClient({ baseUrl: '/api/v1' }), channel: 'brand-site' })).actor);
 */
export function setDefaultJourney(
  journey: JourneyHandle | (() => JourneyHandle | Promise<JourneyHandle>) | undefined,
): void {
  if (typeof journey === 'function') {
    defaultFactory = journey;
    defaultJourney = undefined;
  } else {
    defaultFactory = undefined;
    defaultJourney = journey;
  }
  for (const listener of defaultListeners) listener();
}

/**
 * The page's default journey, created on first use: the one set with `setDefaultJourney`, or
 * else a journey over an in-memory source of the demo catalog (loaded lazily, so it costs
 * nothing when a journey is configured), so an element dropped on a page with no
 * configuration shows something real instead of failing.
 */
export function getDefaultJourney(): JourneyHandle {
  if (!defaultJourney) {
    if (defaultFactory) {
      const made = defaultFactory();
      defaultJourney = isPromise(made) ? deferJourney(made) : made;
    } else {
      // Choose in a microtask: the element that asks may have been defined by a module that
      // runs before the one configuring the page (bundlers do not keep that order across
      // chunks), and the whole module graph has run by then. Only then fall back to the demo.
      const pending: JourneyHandle = deferJourney(
        Promise.resolve().then(() => {
          // Configured meanwhile: follow the page's journey rather than making a second one.
          if (defaultJourney !== pending) return getDefaultJourney();
          const made = (defaultFactory ?? demoJourney)();
          return isPromise(made) ? made : Promise.resolve(made);
        }),
      );
      defaultJourney = pending;
    }
  }
  return defaultJourney;
}

function isPromise(value: unknown): value is Promise<JourneyHandle> {
  return typeof (value as Promise<unknown> | undefined)?.then === 'function';
}

async function demoJourney(): Promise<JourneyHandle> {
  return (await loadRuntime()).createDemoJourney();
}

/**
 * A journey that can be used at once although the real one is still being made (restoring a
 * stored journey is asynchronous): until `pending` resolves it reports a fresh journey with no
 * catalog yet (elements show their loading state) and queues events; then it forwards
 * everything. If `pending` rejects, the journey reports a catalog error with the reason.
 */
export function deferJourney(pending: Promise<JourneyHandle>): JourneyHandle {
  let real: JourneyHandle | undefined;
  let snapshot = pendingSnapshot();
  const queued: JourneyEvent[] = [];
  const observers = new Set<{ next: (s: JourneySnapshot) => void; inner?: Unsubscribable }>();
  const listeners = new Set<{
    type: JourneyEmitted['type'] | '*';
    handler: (e: JourneyEmitted) => void;
    inner?: Unsubscribable;
  }>();
  pending.then(
    (journey) => {
      real = journey;
      for (const listener of listeners) listener.inner = journey.on(listener.type, listener.handler);
      for (const observer of observers) observer.inner = journey.subscribe(observer.next);
      for (const event of queued.splice(0)) journey.send(event);
      const current = journey.getSnapshot();
      for (const observer of observers) observer.next(current);
    },
    (err: unknown) => {
      snapshot = pendingSnapshot({ message: err instanceof Error ? err.message : String(err) });
      for (const observer of observers) observer.next(snapshot);
    },
  );
  return {
    getSnapshot: () => real?.getSnapshot() ?? snapshot,
    subscribe(next) {
      const observer: { next: (s: JourneySnapshot) => void; inner?: Unsubscribable } = { next };
      if (real) observer.inner = real.subscribe(next);
      observers.add(observer);
      return {
        unsubscribe: () => {
          observers.delete(observer);
          observer.inner?.unsubscribe();
        },
      };
    },
    send(event) {
      if (real) real.send(event);
      else queued.push(event);
    },
    on(type, handler) {
      const listener: {
        type: JourneyEmitted['type'] | '*';
        handler: (e: JourneyEmitted) => void;
        inner?: Unsubscribable;
      } = {
        type,
        handler: handler as (e: JourneyEmitted) => void,
      };
      if (real) listener.inner = real.on(type, handler);
      listeners.add(listener);
      return {
        unsubscribe: () => {
          listeners.delete(listener);
          listener.inner?.unsubscribe();
        },
      };
    },
  };
}

/** Compares two slices field by field (`Object.is`), or as values when they are not objects. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

type Host = ReactiveControllerHost & HTMLElement;

/** Per journey: which element sent each event type last, and when, so only that element re-dispatches what follows. */
const lastSenders = new WeakMap<JourneyHandle, Map<string, { host: Host; seq: number }>>();
let sequence = 0;

/**
 * Reactive controller that binds an element to its journey. It finds the journey through
 * context (a `<showroom-journey>` above the element) or joins the page's default journey,
 * subscribes to it, and keeps `value` = `select(snapshot)`; the host re-renders only when the
 * slice changes (shallow comparison by default). `send` forwards events to the journey.
 *
 * ```ts
 * #journey = new JourneyController(this, (s) => ({ build: s.context.build, price: s.context.price }));
 * render() { const { build } = this.#journey.value; … this.#journey.send({ type: 'build.save' }); }
 * ```
 */
export class JourneyController<T> implements ReactiveController {
  /** The selected slice of the current snapshot. */
  value!: T;
  /** The journey this element is bound to (while connected). */
  journey: JourneyHandle | undefined;

  readonly #host: Host;
  readonly #select: (snapshot: JourneySnapshot) => T;
  readonly #equals: (a: T, b: T) => boolean;
  readonly #consumer: ContextConsumer<typeof journeyContext, Host>;
  readonly #emitted: Array<[JourneyEmitted['type'], (event: JourneyEmitted) => void]> = [];
  #subscriptions: Unsubscribable[] = [];
  #connected = false;
  readonly #onDefaultChange = (): void => {
    if (!this.#consumer.value) this.#attach(getDefaultJourney());
  };

  constructor(
    host: Host,
    select: (snapshot: JourneySnapshot) => T,
    options: { equals?: (a: T, b: T) => boolean } = {},
  ) {
    this.#host = host;
    this.#select = select;
    this.#equals = options.equals ?? shallowEqual;
    // Added before this controller, so a provider above has answered by `hostConnected`.
    this.#consumer = new ContextConsumer(host, {
      context: journeyContext,
      subscribe: true,
      callback: (journey) => {
        if (this.#connected) this.#attach(journey);
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    defaultListeners.add(this.#onDefaultChange);
    this.#attach(this.#consumer.value ?? getDefaultJourney());
  }

  hostDisconnected(): void {
    this.#connected = false;
    defaultListeners.delete(this.#onDefaultChange);
    this.#detach();
    this.journey = undefined;
  }

  /** Sends an event to the journey and remembers that this element sent it. */
  send(event: JourneyEvent): void {
    const journey = this.journey;
    if (!journey) return;
    let senders = lastSenders.get(journey);
    if (!senders) lastSenders.set(journey, (senders = new Map()));
    senders.set(event.type, { host: this.#host, seq: ++sequence });
    journey.send(event);
  }

  /**
   * Sends an event after the next paint: for what nothing on screen waits for (a record for the
   * lead, say), so the interaction that causes it paints without it. Dropped if the element has
   * left its journey meanwhile.
   */
  sendAfterPaint(event: JourneyEvent): void {
    const journey = this.journey;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (journey && journey === this.journey) this.send(event);
      }),
    );
  }

  /**
   * True when, of the event types given, the one sent last to this journey came from this
   * element. Elements use it to re-dispatch a journey notification as a DOM event only where
   * the shopper acted.
   */
  sentLast(types: readonly JourneyEvent['type'][]): boolean {
    const senders = this.journey && lastSenders.get(this.journey);
    let last: { host: Host; seq: number } | undefined;
    for (const type of types) {
      const sent = senders?.get(type);
      if (sent && (!last || sent.seq > last.seq)) last = sent;
    }
    return last?.host === this.#host;
  }

  /** Calls `handler` for every `type` notification the journey emits, across journey switches. */
  on<K extends JourneyEmitted['type']>(
    type: K,
    handler: (event: JourneyEmitted & { type: K }) => void,
  ): void {
    const entry: [JourneyEmitted['type'], (event: JourneyEmitted) => void] = [
      type,
      handler as (event: JourneyEmitted) => void,
    ];
    this.#emitted.push(entry);
    if (this.journey) this.#subscriptions.push(this.journey.on(type, entry[1]));
  }

  #attach(journey: JourneyHandle): void {
    if (journey === this.journey && this.#subscriptions.length) return;
    this.#detach();
    this.journey = journey;
    this.value = this.#select(journey.getSnapshot());
    this.#subscriptions.push(
      journey.subscribe((snapshot) => {
        const next = this.#select(snapshot);
        if (this.#equals(next, this.value)) return;
        this.value = next;
        this.#host.requestUpdate();
      }),
    );
    for (const [type, handler] of this.#emitted) this.#subscriptions.push(journey.on(type, handler));
    this.#host.requestUpdate();
  }

  #detach(): void {
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions = [];
  }
}

/**
 * Makes `element` provide `journey` to every Showroom element inside it, without the
 * `<showroom-journey>` shell: e.g. two independent journeys on one page, or a story or test
 * that renders an element against a journey in a given state. Call it before the elements
 * inside are connected. Returns the provider; `provider.setValue(other)` moves them all.
 */
export function provideJourney(
  element: HTMLElement,
  journey: JourneyHandle,
): ContextProvider<typeof journeyContext, HTMLElement & Partial<ReactiveControllerHost>> {
  return new ContextProvider(element as HTMLElement & Partial<ReactiveControllerHost>, {
    context: journeyContext,
    initialValue: journey,
  });
}

/**
 * The state of one region of the journey's `active` parallel state, as a dotted path of its
 * active child states: `journeyState(s, 'save')` → `'saving'`, `journeyState(s, 'build')` →
 * `'ready.reviewing'`; `''` when the journey is not in that region.
 */
export function journeyState(snapshot: JourneySnapshot, region: string): string {
  const active = (snapshot.value as { active?: Record<string, unknown> } | null)?.active;
  let node: unknown = typeof active === 'object' && active !== null ? active[region] : undefined;
  const path: string[] = [];
  while (node !== undefined) {
    if (typeof node === 'string') {
      path.push(node);
      break;
    }
    if (typeof node !== 'object' || node === null) break;
    const [key, child] = Object.entries(node)[0] ?? [];
    if (key === undefined) break;
    path.push(key);
    node = child;
  }
  return path.join('.');
}
