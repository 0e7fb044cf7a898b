import type { OutboxStorage } from './outbox.js';

/** The outbox key of the lease that stands in for a Web Lock. */
const LEASE = '#lease';

interface Lease {
  owner: string;
  until: number;
}

/** What is under the lease key, read leniently: anything that is not a lease reads as a free one. */
const read = (v: unknown) => (v ?? {}) as Partial<Lease>;

/**
 * Runs `fn` while this instance is the only sender of outbox `name` among all tabs. With the
 * Web Locks API this waits for the lock. Without it (insecure contexts, old browsers) a lease
 * record in the outbox itself serves, taken and renewed with atomic updates; `fn` calls `keep()`
 * before each attempt, which renews the lease and says whether it is still ours. When another
 * tab holds the lease, returns when it runs out, for the caller to try again.
 */
export async function exclusive(
  name: string,
  locks: LockManager | null,
  storage: OutboxStorage,
  owner: string,
  now: () => number,
  leaseMs: number,
  fn: (keep: () => Promise<boolean>) => Promise<void>,
): Promise<number | undefined> {
  if (locks) {
    await locks.request(`showroom-outbox:${name}`, () => fn(async () => true));
    return undefined;
  }
  const take = async () => {
    const t = now();
    // Ours, free or run out (its holder went away): take it; otherwise say when it runs out.
    const lease = read(
      await storage.update(LEASE, (cur) => {
        const l = read(cur);
        return l.owner === owner || !(Number(l.until) > t) ? { owner, until: t + leaseMs } : cur;
      }),
    );
    return lease.owner === owner ? undefined : lease.until;
  };
  const busyUntil = await take();
  if (busyUntil !== undefined) return busyUntil;
  try {
    await fn(async () => (await take()) === undefined);
  } finally {
    await storage.update(LEASE, (cur) => (read(cur).owner === owner ? undefined : cur));
  }
  return undefined;
}
