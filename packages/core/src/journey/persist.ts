import { createStore, del, get, set } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { Actor, AnyStateNode, StateValue, StateValueMap } from 'xstate';
import { toFieldIssues } from '../lead/issues.js';
import type { FieldIssue } from '../lead/issues.js';
import { JOURNEY_MACHINE_VERSION } from './machine.js';
import type { JourneyMachine } from './machine.js';
import { JourneyEnvelopeSchema, PersistedJourneySnapshotSchema } from './schema.js';
import type { JourneyContext } from './types.js';

/**
 * Persistence of the journey: snapshots, not views. The journey is written (debounced) into one
 * namespaced IndexedDB store, `showroom` / `journey`, in a versioned envelope
 * `{ v, savedAt, machineVersion, catalog, snapshot }`. What comes back is treated as untrusted:
 * checked with zod, its state value resolved against the machine, and discarded on any mismatch.
 * Invoked actors are never persisted; after a restore `journey.resume` restarts what was in
 * flight with the same input, so idempotency keys are reused. The catalog is not written either
 * (only its id, in `catalog`): it is large and every write would copy it, and today's catalog is
 * wanted anyway, so a restored journey fetches it again and its build follows it.
 */

/** Format version of the stored envelope; an envelope of another version is discarded. */
export const JOURNEY_ENVELOPE_VERSION = 2;

/** Where snapshots go: async get/set/del by key. `idbStorage()` in browsers, `memoryStorage()` in Node. */
export interface JourneyStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** Timers and time, injectable for tests. */
export interface JourneyClock {
  now(): number;
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface TimerGlobals {
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  structuredClone?: <T>(value: T) => T;
}
const platform = globalThis as unknown as TimerGlobals;

/** The platform clock (`Date.now`, `setTimeout`). */
export const systemClock: JourneyClock = {
  now: () => Date.now(),
  setTimeout: (handler, ms) => platform.setTimeout(handler, ms),
  clearTimeout: (handle) => platform.clearTimeout(handle),
};

/** Storage in the page's IndexedDB, in the database `showroom`, object store `journey`. Opened on first use. */
export function idbStorage(dbName = 'showroom', storeName = 'journey'): JourneyStorage {
  let store: UseStore | undefined;
  const use = () => (store ??= createStore(dbName, storeName));
  return {
    get: (key) => get(key, use()),
    set: (key, value) => set(key, value, use()),
    del: (key) => del(key, use()),
  };
}

function clone<T>(value: T): T {
  return platform.structuredClone
    ? platform.structuredClone(value)
    : (JSON.parse(JSON.stringify(value)) as T);
}

/** Storage in memory (Node, tests, private modes): values are cloned in and out, as IndexedDB does. */
export function memoryStorage(): JourneyStorage & { readonly entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: async (key) => (entries.has(key) ? clone(entries.get(key)) : undefined),
    set: async (key, value) => void entries.set(key, clone(value)),
    del: async (key) => void entries.delete(key),
  };
}

/** Why a stored journey was not restored. */
export type JourneyRestoreReason = 'format' | 'version' | 'expired' | 'state';

/** A stored journey that cannot be restored: `reason` says why, `issues` name the paths and values. */
export class JourneyRestoreError extends Error {
  override readonly name = 'JourneyRestoreError';
  constructor(
    readonly reason: JourneyRestoreReason,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** The personal data a kiosk never writes down. */
export function withoutPersonalData(ctx: JourneyContext): JourneyContext {
  const errors: JourneyContext['errors'] = {};
  for (const [scope, error] of Object.entries(ctx.errors) as [
    keyof JourneyContext['errors'],
    NonNullable<JourneyContext['errors'][keyof JourneyContext['errors']]>,
  ][]) {
    errors[scope] = error.issues
      ? { ...error, issues: error.issues.map(({ path, message }) => ({ path, message })) }
      : error;
  }
  return {
    ...ctx,
    contact: { name: '' },
    consent: { contact: false, shareWithDealer: false, marketing: false, at: null },
    comments: '',
    address: null,
    lead: null,
    issues: [],
    consultation: null,
    appointment: ctx.appointment && { ...ctx.appointment, near: null },
    booking: ctx.booking && { ...ctx.booking, manageToken: '' },
    errors,
  };
}

/** The envelope the journey writes; the context in it has no catalog (`catalog` names it). */
export interface JourneyEnvelope {
  v: typeof JOURNEY_ENVELOPE_VERSION;
  savedAt: string;
  machineVersion: string;
  catalog: { id: string } | null;
  snapshot: { status: 'active'; value: unknown; context: JourneyContext & { catalog: null } };
}

type JourneyActor = Actor<JourneyMachine>;

/**
 * The envelope for a persisted snapshot (`actor.getPersistedSnapshot()`); child actors are left
 * out (`journey.resume` restarts them), the catalog is named by its id only, and personal data
 * is left out in kiosk mode.
 */
export function journeyEnvelope(persisted: unknown, savedAt: number): JourneyEnvelope {
  const { value, context } = persisted as { value: unknown; context: JourneyContext };
  const kept = context.settings.privacy === 'kiosk' ? withoutPersonalData(context) : context;
  return {
    v: JOURNEY_ENVELOPE_VERSION,
    savedAt: new Date(savedAt).toISOString(),
    machineVersion: JOURNEY_MACHINE_VERSION,
    catalog: context.catalog && { id: context.catalog.id },
    snapshot: { status: 'active', value, context: { ...kept, catalog: null } },
  };
}

/**
 * The stored state value with the catalog region back in `loading` where it had a catalog: the
 * catalog is fetched again (on `journey.resume`) and the build follows it when it arrives.
 */
function awaitingCatalog(value: StateValue, stored: { id: string } | null): StateValue {
  if (typeof value !== 'object' || typeof value['active'] !== 'object') return value;
  const active: StateValueMap = value['active'];
  if (active['catalog'] !== 'ready' && active['catalog'] !== 'refreshing') return value;
  if (!stored)
    throw new JourneyRestoreError('state', 'The stored journey had a catalog but does not name it');
  return { ...value, active: { ...active, catalog: 'loading' } };
}

/** The first state in `value` that can never be at rest (it always moves on at once), if any. */
function transientState(node: AnyStateNode, value: unknown): string | null {
  const entries: [string, unknown][] =
    typeof value === 'string' ? [[value, null]] : Object.entries(value as Record<string, unknown>);
  for (const [key, sub] of entries) {
    const child = node.states[key];
    if (!child) return key;
    if (child.always?.some((t) => !t.guard)) return child.id;
    const deeper = sub === null ? null : transientState(child, sub);
    if (deeper) return deeper;
  }
  return null;
}

/** Options of {@link restoreJourneySnapshot}. */
export interface RestoreOptions {
  /** Reject envelopes older than this (default 30 days). */
  maxAgeMs?: number;
  /** Now, in ms since the epoch (default `Date.now()`). */
  now?: number;
}

/** 30 days: a journey older than that starts over. */
export const JOURNEY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Reads a stored envelope back into a snapshot `createActor(machine, { snapshot })` accepts.
 * Throws {@link JourneyRestoreError} — and nothing else, whatever `raw` is — when the envelope
 * is not one this machine version wrote, is too old, or holds a state the machine cannot be in.
 */
export function restoreJourneySnapshot(machine: JourneyMachine, raw: unknown, options: RestoreOptions = {}) {
  try {
    const v = (raw as { v?: unknown } | null | undefined)?.v;
    if (typeof v === 'number' && v !== JOURNEY_ENVELOPE_VERSION) {
      throw new JourneyRestoreError(
        'version',
        `Stored in envelope format ${v}, this is ${JOURNEY_ENVELOPE_VERSION}`,
      );
    }
    const envelope = JourneyEnvelopeSchema.safeParse(raw);
    if (!envelope.success) {
      throw new JourneyRestoreError(
        'format',
        'Not a stored journey',
        toFieldIssues(envelope.error.issues, raw),
      );
    }
    const { machineVersion, savedAt, snapshot, catalog } = envelope.data;
    if (machineVersion !== JOURNEY_MACHINE_VERSION) {
      throw new JourneyRestoreError(
        'version',
        `Stored by journey machine ${machineVersion}, this is ${JOURNEY_MACHINE_VERSION}`,
      );
    }
    const age = (options.now ?? Date.now()) - Date.parse(savedAt);
    if (!(age <= (options.maxAgeMs ?? JOURNEY_MAX_AGE_MS))) {
      throw new JourneyRestoreError(
        'expired',
        `Stored ${Math.round(age / 60000)} minutes ago, too long to resume`,
      );
    }
    const parsed = PersistedJourneySnapshotSchema.safeParse(snapshot);
    if (!parsed.success) {
      throw new JourneyRestoreError(
        'format',
        'The stored journey is not valid',
        toFieldIssues(parsed.error.issues, snapshot),
      );
    }
    const context = parsed.data.context as JourneyContext;
    let resolved;
    try {
      resolved = machine.resolveState({ value: awaitingCatalog(parsed.data.value, catalog), context });
    } catch (err) {
      if (err instanceof JourneyRestoreError) throw err;
      throw new JourneyRestoreError(
        'state',
        `Not a state of the journey: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const transient = transientState(machine.root, resolved.value);
    if (transient !== null || resolved.status !== 'active') {
      throw new JourneyRestoreError(
        'state',
        `Not a state the journey can rest in: ${transient ?? resolved.status}`,
      );
    }
    return {
      status: 'active' as const,
      value: resolved.value,
      context,
      children: {},
      historyValue: {},
      output: undefined,
      error: undefined,
    };
  } catch (err) {
    if (err instanceof JourneyRestoreError) throw err;
    throw new JourneyRestoreError(
      'format',
      `Unreadable stored journey (${err instanceof Error ? err.message : 'unknown error'})`,
    );
  }
}

/** A restored snapshot, or why there is none. */
export type LoadedJourney =
  | { snapshot: ReturnType<typeof restoreJourneySnapshot>; discarded: null }
  | { snapshot: null; discarded: JourneyRestoreError | null };

/** Reads the stored journey under `key`; a stored journey that cannot be restored is deleted. Never throws. */
export async function loadJourney(
  machine: JourneyMachine,
  storage: JourneyStorage,
  key: string,
  options: RestoreOptions = {},
): Promise<LoadedJourney> {
  let raw: unknown;
  try {
    raw = await storage.get(key);
  } catch {
    return { snapshot: null, discarded: null };
  }
  if (raw === undefined) return { snapshot: null, discarded: null };
  try {
    return { snapshot: restoreJourneySnapshot(machine, raw, options), discarded: null };
  } catch (err) {
    await storage.del(key).catch(() => undefined);
    return { snapshot: null, discarded: err as JourneyRestoreError };
  }
}

/** True when nothing the shopper did is in the journey yet (no need to keep it). */
export function isPristine(ctx: JourneyContext): boolean {
  const { contact } = ctx;
  return (
    ctx.steps.length === 0 &&
    !ctx.consent.contact &&
    ctx.comments === '' &&
    ctx.address === null &&
    Object.entries(contact).every(([, v]) => typeof v !== 'string' || v === '')
  );
}

/** Controls of a running persistence. */
export interface JourneyPersistence {
  /** Writes what is pending now; resolves when storage has it. */
  flush(): Promise<void>;
  /** Deletes the stored journey. */
  clear(): Promise<void>;
  /** Stops watching the actor (pending writes are dropped). */
  stop(): void;
}

/** Options of {@link persistJourney}. */
export interface PersistOptions {
  storage: JourneyStorage;
  /** Storage key (default `default`): one key per journey on the page. */
  key?: string;
  /** A change is written at most this long after it happened (default 300 ms); side effects are written at once. */
  debounceMs?: number;
  clock?: JourneyClock;
  /** Called when storage refuses a write (quota, private mode); the journey goes on. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps the actor's journey in `storage`: a debounced write after each change, at once when a
 * side effect with an idempotency key starts (so a reload resumes it with the same key), nothing
 * while the journey is pristine, and a delete on `journey.reset`.
 */
export function persistJourney(actor: JourneyActor, options: PersistOptions): JourneyPersistence {
  const { storage } = options;
  const key = options.key ?? 'default';
  const clock = options.clock ?? systemClock;
  const debounceMs = options.debounceMs ?? 300;
  const report = options.onError ?? (() => undefined);
  let timer: unknown = null;
  let dirty = false;
  let effects = '';
  let chain: Promise<void> = Promise.resolve();

  const enqueue = (job: () => Promise<void>) => {
    chain = chain.then(job).catch(report);
    return chain;
  };
  const cancel = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const write = () => {
    cancel();
    if (!dirty) return chain;
    dirty = false;
    const snapshot = actor.getSnapshot();
    if (snapshot.status !== 'active') return chain;
    if (isPristine(snapshot.context)) return enqueue(() => storage.del(key));
    const envelope = journeyEnvelope(actor.getPersistedSnapshot(), clock.now());
    return enqueue(() => storage.set(key, envelope));
  };

  const subscription = actor.subscribe((snapshot) => {
    dirty = true;
    const now = [...snapshot.tags]
      .filter((t) => t.startsWith('effect:'))
      .sort()
      .join(',');
    const started = now !== '' && now !== effects;
    effects = now;
    if (started) void write();
    else if (timer === null) timer = clock.setTimeout(() => void write(), debounceMs);
  });
  const resets = actor.on('journey-reset', () => {
    cancel();
    dirty = false;
    void enqueue(() => storage.del(key));
  });

  return {
    flush: () => write(),
    clear: () => {
      cancel();
      dirty = false;
      return enqueue(() => storage.del(key));
    },
    stop: () => {
      cancel();
      subscription.unsubscribe();
      resets.unsubscribe();
    },
  };
}
