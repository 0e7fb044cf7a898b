import { formatIssues, formEntries, parseLead, systemClock, toAdf, toFieldIssues } from '@showroom/core';
import type { AdfOptions, AdfVendor, FieldMap, JourneyClock, Lead } from '@showroom/core';
import * as z from 'zod/mini';
import { exclusive } from './lock.js';
import { OutboxRecordSchema, idbStorage, withFallback } from './outbox.js';
import type { OutboxRecord, OutboxStorage } from './outbox.js';
import { backoff, isRetryable, retryAfter } from './retry.js';

/**
 * `application/x-www-form-urlencoded` fields for `lead` (the `form` format): the Salesforce
 * Web-to-Lead defaults, `fieldMap` over them, then the idempotency key.
 */
export const formFields = (lead: Lead, fieldMap?: FieldMap, keyField?: string): URLSearchParams =>
  new URLSearchParams(formEntries(lead, fieldMap, keyField));

/** Sends a lead to a backend of your own. Reject to retry later; throw {@link LeadRejected} to give up on it. */
export type CustomSender = (
  lead: Lead,
  context: { idempotencyKey: string; attempt: number; signal: AbortSignal },
) => Promise<void>;

/** Time as the connector sees it: core's clock (`Date.now`, `setTimeout`) unless a test injects a fast one. */
export type Clock = JourneyClock;

export interface ConnectorOptions {
  /** Where leads are posted. Required unless `format` is a function. */
  endpoint?: string;
  /**
   * `json` (default, `application/json`), `form` (Web-to-Lead fields), `adf` (ADF/XML 1.0,
   * `application/xml`) or a function that delivers the lead itself.
   */
  format?: 'json' | 'form' | 'adf' | CustomSender;
  /** Extra request headers, e.g. an API key. `Content-Type` and `Idempotency-Key` are the connector's. */
  headers?: Record<string, string>;
  /** `form`: fields over the Salesforce Web-to-Lead defaults (see {@link FieldMap}). */
  fieldMap?: FieldMap;
  /** `form`: the Salesforce organisation id, sent as the `oid` field. */
  oid?: string;
  /** `form`: the field that carries the idempotency key. Default `idempotency_key`. */
  idempotencyField?: string;
  /** `adf`: the dealer the leads go to (required for `adf`). */
  vendor?: AdfVendor;
  /** `adf`: the other ADF options (provider, make for leads without a car, catalog for grading). */
  adf?: Omit<AdfOptions, 'vendor'>;
  /**
   * The outbox's name; connectors with the same name share one outbox and one sender across
   * tabs. Default: the endpoint (`custom` for a function).
   */
  name?: string;
  /**
   * Fetch mode. Default `cors`; `no-cors` for `form`, since Web-to-Lead handlers answer without
   * CORS headers (an opaque answer counts as delivered; custom headers are not sent).
   */
  mode?: 'cors' | 'no-cors' | 'same-origin';
  /** One attempt's time limit. Default 15 s. */
  timeoutMs?: number;
  /** The first retry waits up to this long. Default 1 s. */
  baseDelayMs?: number;
  /** Retries wait at most this long. Default 5 min. */
  maxDelayMs?: number;
  /**
   * A lead not delivered after this long moves to the dead letters instead of being retried,
   * since backends keep idempotency keys for a limited time (7 days for the reference server).
   * Default 7 days.
   */
  maxAgeMs?: number;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  clock?: Clock;
  random?: () => number;
  /** Web Locks; `null` uses the lease kept in the outbox. Default `navigator.locks`. */
  locks?: LockManager | null;
  /** Where the outbox lives. Default IndexedDB, with memory as the announced fallback. */
  storage?: OutboxStorage;
}

/** What the connector reports. Lead events carry ids and status only, never lead contents. */
export type ConnectorEvent =
  | { type: 'delivered'; id: string; earlier?: true }
  | { type: 'queued'; id: string; reason: string; retryAt: number; earlier?: true }
  | { type: 'failed'; id: string; status?: number; reason: string; earlier?: true }
  | { type: 'storage-fallback'; reason: string };

/** A lead the backend refused (or that expired), kept until retried or discarded. */
export interface DeadLetter {
  id: string;
  status?: number;
  reason: string;
  attempts: number;
  /** Epoch ms. */
  failedAt: number;
}

/** Where a lead stands once `send` resolves. */
export interface SendReceipt {
  id: string;
  status: 'queued' | 'delivered' | 'failed';
}

export interface Connector {
  /**
   * Validates the lead and writes it to the outbox; resolves once it is stored there and
   * delivery has begun. Sending a lead the outbox already knows (same id) does not post it
   * again: the receipt and an event say where it stands. Throws `LeadError` for an invalid lead.
   */
  send(lead: unknown): Promise<SendReceipt>;
  /** Attempts every waiting lead now, except those the server asked to wait (Retry-After). */
  flush(): Promise<void>;
  /** Leads waiting to be delivered, from every tab. */
  pendingCount(): Promise<number>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Moves a dead letter back into the outbox and sends it. */
  retry(id: string): Promise<void>;
  /** Deletes a dead letter for good. */
  discard(id: string): Promise<void>;
  /** Listens to events; a storage fallback that already happened is reported at once. */
  subscribe(listener: (event: ConnectorEvent) => void): () => void;
  /** Where the outbox lives now. */
  readonly storage: 'indexeddb' | 'memory';
  /** Stops timers and listeners; leads stay in the outbox for the next page. */
  close(): void;
}

/** Throw it from a {@link CustomSender} when the backend refused the lead for good. */
export class LeadRejected extends Error {
  override readonly name = 'LeadRejected';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');
const text = z.string().check(z.minLength(1));
const ms = z.number().check(z.positive());
const OptionsSchema = z
  .partial(
    z.looseObject({
      endpoint: text,
      format: z.union([z.enum(['json', 'form', 'adf']), fn]),
      headers: z.record(z.string(), z.string()),
      fieldMap: z.record(z.string(), z.union([z.string(), z.literal(false), fn])),
      oid: text,
      idempotencyField: text,
      vendor: z.looseObject({
        name: text,
        contact: z.looseObject({ name: text, email: z.optional(text), phone: z.optional(text) }),
      }),
      name: text,
      mode: z.enum(['cors', 'no-cors', 'same-origin']),
      timeoutMs: ms,
      baseDelayMs: ms,
      maxDelayMs: ms,
      maxAgeMs: ms,
    }),
  )
  .check(
    z.refine((o) => typeof o.format === 'function' || !!o.endpoint, {
      path: ['endpoint'],
      message: 'required unless format is a function',
    }),
    z.refine((o) => o.format !== 'adf' || !!(o.vendor?.contact.email || o.vendor?.contact.phone), {
      path: ['vendor'],
      message: 'adf needs a vendor with a contact email or phone',
    }),
  );

/** A lead event relayed from another tab. */
const RelayedSchema = z.looseObject({ type: z.enum(['delivered', 'queued', 'failed']), id: z.string() });

/** Attempts in flight at once while one tab drains a backlog. */
const CONCURRENCY = 4;

type LeadEvent = Exclude<ConnectorEvent, { type: 'storage-fallback' }>;
type Outcome = { ok?: true; dead?: true; status?: number; reason?: string; wait?: number };

const parseRecord = (v: unknown) => OutboxRecordSchema.safeParse(v).data as OutboxRecord | undefined;
const isState = (v: unknown, state: OutboxRecord['state']) => parseRecord(v)?.state === state;
const accepted = (res: Response) => res.ok || res.type === 'opaque';

/**
 * A connector that delivers leads to a backend: every lead goes to a persistent outbox first,
 * then one sender across all tabs posts it, retrying with backoff until the backend accepts or
 * refuses it, with the lead id as `Idempotency-Key` on every attempt.
 */
export function createConnector(options: ConnectorOptions): Connector {
  const checked = OptionsSchema.safeParse(options);
  if (!checked.success)
    throw new TypeError(
      `Invalid connector options: ${formatIssues(toFieldIssues(checked.error.issues, options))}`,
    );
  const {
    endpoint = '',
    format = 'json',
    name = typeof format === 'function' ? 'custom' : endpoint,
    mode = format === 'form' ? 'no-cors' : 'cors',
    oid,
    fieldMap,
    idempotencyField,
    timeoutMs = 15_000,
    baseDelayMs = 1000,
    maxDelayMs = 300_000,
    maxAgeMs = 7 * 864e5,
    fetch: fetchFn = (input, init) => fetch(input, init),
    clock = systemClock,
    random = Math.random,
    locks = globalThis.navigator?.locks ?? null,
  } = options;
  const custom = typeof format === 'function' ? format : undefined;
  /** This instance's mark on the outbox lease. */
  const me = String(Math.random());
  const startedAt = clock.now();
  const listeners = new Set<(event: ConnectorEvent) => void>();
  /** Leads sent through this instance: it reports on them wherever they are delivered. */
  const own = new Set<string>();
  /** What this instance reported, as type + id: each lead is queued, delivered or failed once. */
  const told = new Set<string>();
  /** Pending records this page knows: for the keepalive on pagehide and a move to memory. */
  const mirror = new Map<string, OutboxRecord>();
  let fallback: ConnectorEvent | undefined;
  const storage = withFallback(
    () => options.storage ?? idbStorage(name),
    (reason) => {
      console.warn('Showroom outbox in memory:', reason);
      emit((fallback = { type: 'storage-fallback', reason }));
      return [...mirror.values()];
    },
  );
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(`showroom-outbox:${name}`) : undefined;
  let closed = false;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  let nudged = false;

  function emit(event: ConnectorEvent) {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Tells the other tabs (and instances) sharing this outbox. */
  const tell = (message: unknown) => !closed && channel?.postMessage(message);

  function once(event: LeadEvent) {
    if (!told.has(event.type + event.id)) emit(event);
    told.add(event.type + event.id);
  }

  /** Reports on a lead here when it is ours or left by an earlier page, and to its sender's tab. */
  function report(event: LeadEvent, queuedAt: number) {
    if (own.has(event.id)) once(event);
    else if (queuedAt < startedAt) once({ ...event, earlier: true });
    tell(event);
  }

  if (channel)
    channel.onmessage = ({ data }: MessageEvent) => {
      if (data === 'free') return void flush();
      // Another tab may run another version: take only what this one understands.
      const event = RelayedSchema.safeParse(data).data as LeadEvent | undefined;
      if (!event) return;
      if (event.type !== 'queued') mirror.delete(event.id);
      if (own.has(event.id)) once(event);
    };

  /** The request for `lead` in the configured format; the connector's headers win over `options.headers`. */
  function encode(lead: Lead): RequestInit & { body: string } {
    const form = format === 'form';
    const adf = format === 'adf';
    const headers = new Headers(options.headers);
    headers.set(
      'content-type',
      form ? 'application/x-www-form-urlencoded' : `application/${adf ? 'xml' : 'json'}`,
    );
    if (!form) headers.set('idempotency-key', lead.id);
    return {
      method: 'POST',
      mode,
      headers,
      body: form
        ? String(formFields(lead, oid ? { oid, ...fieldMap } : fieldMap, idempotencyField))
        : adf
          ? toAdf(lead, { ...options.adf, vendor: options.vendor! })
          : JSON.stringify(lead),
    };
  }

  /** One attempt, within the time limit. */
  async function deliver(r: OutboxRecord): Promise<Outcome> {
    let lead: Lead;
    let init: RequestInit | undefined;
    try {
      lead = parseLead(r.lead);
      if (!custom) init = encode(lead);
    } catch (error) {
      // A lead this version cannot read or encode will not get better by retrying.
      return { dead: true, reason: (error as Error).message };
    }
    const abort = new AbortController();
    const { signal } = abort;
    const timeout = clock.setTimeout(() => abort.abort(), timeoutMs);
    const attempt = async (): Promise<Outcome> => {
      if (custom) {
        await custom(lead, { idempotencyKey: lead.id, attempt: r.attempts + 1, signal });
        return { ok: true };
      }
      const res = await fetchFn(endpoint, { ...init, signal });
      if (accepted(res)) return { ok: true };
      const status = res.status;
      const reason = `HTTP ${status} ${(await res.text().catch(() => '')).slice(0, 300)}`.trim();
      return isRetryable(status)
        ? { status, reason, wait: retryAfter(res.headers.get('retry-after'), clock.now()) }
        : { dead: true, status, reason };
    };
    try {
      return await Promise.race([
        attempt(),
        new Promise<never>((_, reject) => signal.addEventListener('abort', reject)),
      ]);
    } catch (error) {
      if (signal.aborted) return { reason: `timeout after ${timeoutMs} ms` };
      if (error instanceof LeadRejected) return { dead: true, status: error.status, reason: error.message };
      return { reason: String((error as Error)?.message ?? error) };
    } finally {
      clock.clearTimeout(timeout);
    }
  }

  /** Records the outcome of an attempt, unless the record changed meanwhile (delivered, discarded). */
  async function settle(r: OutboxRecord, o: Outcome) {
    const now = clock.now();
    const { id, queuedAt } = r;
    if (o.ok) {
      const tomb: OutboxRecord = { ...r, state: 'sent', lead: undefined, at: now };
      mirror.delete(id);
      if ((await storage.update(id, (cur) => (isState(cur, 'sent') ? cur : tomb))) === tomb)
        report({ type: 'delivered', id }, queuedAt);
      return;
    }
    const attempts = r.attempts + 1;
    const { status, reason = 'unknown error', wait } = o;
    const next: OutboxRecord = o.dead
      ? { ...r, state: 'dead', attempts, status, reason, at: now }
      : {
          ...r,
          attempts,
          status,
          reason,
          hold: wait !== undefined,
          nextAt: now + (wait ?? backoff(attempts, random, baseDelayMs, maxDelayMs)),
        };
    if ((await storage.update(id, (cur) => (isState(cur, 'pending') ? next : cur))) !== next) return;
    if (o.dead) {
      mirror.delete(id);
      report({ type: 'failed', id, status, reason }, queuedAt);
    } else {
      mirror.set(id, next);
      report({ type: 'queued', id, reason, retryAt: next.nextAt }, queuedAt);
    }
  }

  async function records(state?: OutboxRecord['state']): Promise<OutboxRecord[]> {
    return (await storage.list())
      .map(parseRecord)
      .filter((r): r is OutboxRecord => !!r && (!state || r.state === state));
  }

  /** Sends every due lead, oldest first, until none is due; runs only while this tab is the sender. */
  async function drain(nudge: boolean, keep: () => Promise<boolean>) {
    for (let first = true; !closed; first = false) {
      const now = clock.now();
      const due: OutboxRecord[] = [];
      let next = Infinity;
      for (const r of await records()) {
        if (r.state === 'sent' && now - r.at! > maxAgeMs)
          await storage.update(r.id, (cur) => (isState(cur, 'sent') ? undefined : cur));
        if (r.state !== 'pending') continue;
        if (now - r.queuedAt > maxAgeMs) {
          await settle(r, { dead: true, reason: `expired: not delivered after ${maxAgeMs} ms` });
          continue;
        }
        mirror.set(r.id, r);
        const at = nudge && first && !r.hold ? now : r.nextAt;
        if (at <= now) due.push(r);
        else next = Math.min(next, at);
      }
      if (!due.length) return schedule(next);
      due.sort((a, b) => a.queuedAt - b.queuedAt);
      let held = true;
      const worker = async () => {
        for (let r; (r = due.shift()) && !closed && (held &&= await keep());)
          // Gone from the mirror: delivered since the listing (a keepalive here or in another tab).
          // A lease can run out under a busy tab, so without Web Locks read the outbox again.
          if (mirror.has(r.id) && (locks || isState(await storage.get(r.id), 'pending')))
            await settle(r, await deliver(r));
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (!held) return schedule(now + timeoutMs);
    }
  }

  function schedule(at: number) {
    clock.clearTimeout(timer);
    timer = undefined;
    if (at < Infinity && !closed)
      timer = clock.setTimeout(() => void flush(), Math.min(2 ** 31 - 1, Math.max(0, at - clock.now())));
  }

  /** Drains the outbox as the only sender; calls while a drain runs make it go round once more. */
  function flush(nudge = false): Promise<void> {
    again = true;
    nudged ||= nudge;
    return (running ??= (async () => {
      try {
        while (again && !closed) {
          again = false;
          const n = nudged;
          nudged = false;
          const busyUntil = await exclusive(name, locks, storage, me, clock.now, timeoutMs + 5000, (keep) =>
            drain(n, keep),
          );
          if (busyUntil !== undefined) schedule(busyUntil);
          else if (!locks) tell('free');
        }
      } catch (error) {
        console.error(error);
        schedule(clock.now() + baseDelayMs);
      } finally {
        running = undefined;
      }
    })());
  }

  /** Last chance as the page goes away: keepalive posts of what is still waiting, 64 KiB in all. */
  function onPageHide() {
    let budget = 65_536;
    const now = clock.now();
    for (const r of custom ? [] : mirror.values()) {
      if (r.hold && r.nextAt > now) continue;
      let init;
      try {
        init = encode(parseLead(r.lead));
      } catch {
        continue;
      }
      const size = new Blob([init.body]).size;
      if (size > budget) continue;
      budget -= size;
      fetchFn(endpoint, { ...init, keepalive: true }).then(
        (res) => void (accepted(res) && settle(r, { ok: true })),
        () => {},
      );
    }
  }
  const lifecycle = [
    [globalThis, 'online', () => void flush(true)],
    [globalThis, 'pagehide', onPageHide],
    [
      globalThis.document,
      'visibilitychange',
      () => document.visibilityState === 'visible' && void flush(true),
    ],
  ] as const;
  for (const [target, type, listener] of lifecycle) target?.addEventListener?.(type, listener);
  void flush(true);

  return {
    async send(input) {
      if (closed) throw new Error('Showroom connector: closed');
      const lead = parseLead(input);
      const { id } = lead;
      const now = clock.now();
      const rec: OutboxRecord = { v: 1, id, state: 'pending', lead, queuedAt: now, attempts: 0, nextAt: now };
      own.add(id);
      // In the mirror before the write: should the write fail over to memory, the lead goes along.
      if (!mirror.has(id)) mirror.set(id, rec);
      const stored = (await storage.update(id, (cur) => parseRecord(cur) ?? rec))!;
      if (stored.state === 'pending') {
        void flush();
        return { id, status: 'queued' };
      }
      mirror.delete(id);
      const event: LeadEvent =
        stored.state === 'sent'
          ? { type: 'delivered', id }
          : { type: 'failed', id, status: stored.status, reason: stored.reason ?? '' };
      emit(event);
      return { id, status: event.type };
    },
    flush: () => flush(true),
    pendingCount: async () => (await records('pending')).length,
    deadLetters: async () =>
      (await records('dead')).map(({ id, status, reason = '', attempts, at = 0 }) => ({
        id,
        status,
        reason,
        attempts,
        failedAt: at,
      })),
    async retry(id) {
      own.add(id);
      told.delete(`queued${id}`);
      told.delete(`failed${id}`);
      const now = clock.now();
      await storage.update(id, (cur) =>
        isState(cur, 'dead')
          ? { ...parseRecord(cur)!, state: 'pending', attempts: 0, nextAt: now, queuedAt: now, hold: false }
          : cur,
      );
      void flush();
    },
    async discard(id) {
      await storage.update(id, (cur) => (isState(cur, 'dead') ? undefined : cur));
    },
    subscribe(listener) {
      listeners.add(listener);
      if (fallback) listener(fallback);
      return () => void listeners.delete(listener);
    },
    get storage() {
      return storage.kind;
    },
    close() {
      closed = true;
      clock.clearTimeout(timer);
      for (const [target, type, listener] of lifecycle) target?.removeEventListener?.(type, listener);
      channel?.close();
    },
  };
}
