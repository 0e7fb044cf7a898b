import { createStore, promisifyRequest } from 'idb-keyval';
import * as z from 'zod/mini';

/**
 * One lead's place in the outbox. Only the connector reads `lead`; everything the UI can see
 * is the id and the status.
 */
export interface OutboxRecord {
  v: 1;
  id: string;
  /**
   * `pending`: to be sent. `dead`: refused by the backend (or too old to retry safely), kept
   * until retried or discarded. `sent`: delivered; a tombstone without the lead, so that the same
   * lead sent again is not posted twice.
   */
  state: 'pending' | 'dead' | 'sent';
  /** The lead as accepted by `send`; absent from tombstones. */
  lead?: unknown;
  /** When the lead entered the outbox (epoch ms). */
  queuedAt: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Earliest next attempt (epoch ms). */
  nextAt: number;
  /** `nextAt` is the server's Retry-After: page load, `online` and `visible` wait for it too. */
  hold?: boolean;
  /** Last HTTP status, when there was one. */
  status?: number;
  /** Why the last attempt failed. */
  reason?: string;
  /** When the lead was delivered or dead-lettered (epoch ms). */
  at?: number;
}

/**
 * Records are read back from storage that another version may have written: the fields the
 * connector acts on are checked before use, the lead itself when it is sent.
 */
export const OutboxRecordSchema = z.looseObject({
  v: z.literal(1),
  id: z.string(),
  state: z.enum(['pending', 'dead', 'sent']),
  queuedAt: z.number(),
  attempts: z.number(),
  nextAt: z.number(),
});

/**
 * Where one connector keeps its outbox. Values are plain data (structured-clonable); keys are
 * scoped to the connector by the implementation.
 */
export interface OutboxStorage {
  /** Every value of this outbox. */
  list(): Promise<unknown[]>;
  get(key: string): Promise<unknown>;
  /**
   * Replaces the value under `key` with `fn(old)` as one atomic step, across tabs as well;
   * `undefined` deletes it. Resolves with the new value once it is stored.
   */
  update<T>(key: string, fn: (old: unknown) => T | undefined): Promise<T | undefined>;
}

/** The IndexedDB database every connector on the origin shares; records are keyed `[name, id]`. */
export const OUTBOX_DB = 'showroom-outbox';

/** The outbox named `name` in IndexedDB (one namespaced idb-keyval store, `showroom-outbox/leads`). */
export function idbStorage(name: string): OutboxStorage {
  const use = createStore(OUTBOX_DB, 'leads');
  const key = (k: string) => [name, k];
  return {
    list: () => use('readonly', (s) => promisifyRequest(s.getAll(IDBKeyRange.bound([name], [name, []])))),
    get: (k) => use('readonly', (s) => promisifyRequest(s.get(key(k)))),
    // The read and the write in one transaction: atomic across tabs. Should `fn` throw, the
    // transaction aborts and the update rejects.
    update: (k, fn) =>
      use('readwrite', (s) => {
        let value: ReturnType<typeof fn>;
        const req = s.get(key(k));
        req.onsuccess = () => {
          value = fn(req.result);
          if (value === undefined) s.delete(key(k));
          else s.put(value, key(k));
        };
        return promisifyRequest(s.transaction).then(() => value);
      }),
  };
}

/** An outbox that lives as long as the page: the fallback when IndexedDB cannot be used. */
export function memoryStorage(): OutboxStorage {
  const map = new Map<string, unknown>();
  return {
    list: async () => [...map.values()],
    get: async (k) => map.get(k),
    update: async (k, fn) => {
      const value = fn(map.get(k));
      if (value === undefined) map.delete(k);
      else map.set(k, value);
      return value;
    },
  };
}

/**
 * `primary` (IndexedDB) until it fails once (private mode, quota, a blocked or missing
 * IndexedDB), then memory for the rest of the page's life. `onFallback` hears why, once, and
 * returns the records to carry over into memory. Leads already in IndexedDB stay there and are
 * sent by the next page that can open it.
 */
export function withFallback(
  primary: () => OutboxStorage,
  onFallback: (reason: string) => OutboxRecord[],
): OutboxStorage & { readonly kind: 'indexeddb' | 'memory' } {
  const memory = memoryStorage();
  let current: OutboxStorage | undefined;
  const fail = (error: unknown) => {
    if (current === memory) return;
    current = memory;
    // `QuotaExceededError: …`: errors and DOMExceptions read as name and message.
    for (const r of onFallback(String(error))) void memory.update(r.id, (old) => old ?? r);
  };
  try {
    current = primary();
  } catch (error) {
    fail(error);
  }
  const run =
    <A extends unknown[], R>(op: (s: OutboxStorage, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (current !== memory) {
        try {
          return await op(current!, ...args);
        } catch (error) {
          fail(error);
        }
      }
      return op(memory, ...args);
    };
  return {
    get kind() {
      return current === memory ? 'memory' : 'indexeddb';
    },
    list: run((s) => s.list()),
    get: run((s, k: string) => s.get(k)),
    update: run((s, k: string, fn: (old: unknown) => unknown) => s.update(k, fn)) as OutboxStorage['update'],
  };
}
