import type { Db, Queryable } from './db/db.js';
import { ApiError } from './http.js';

/**
 * `Idempotency-Key` for POST /leads and POST /bookings. The first request with a key records
 * it as pending (an INSERT the database lets only one request win), runs, and stores its
 * answer; a retry with the same key and body gets that answer back for {@link IDEMPOTENCY_TTL_MS};
 * the same key with another body is refused (422 `idempotency_mismatch`), and a retry while the
 * first request is still running is told to wait (409 `idempotency_in_flight`). Only successful
 * answers are kept: after a failure the key is released, so a retry runs again.
 */

/** Keys are kept for seven days. */
export const IDEMPOTENCY_TTL_MS = 7 * 86_400_000;
/** A pending key older than this belongs to a request that died; the next retry takes it over. */
export const IDEMPOTENCY_STALE_MS = 60_000;

/** A stored answer. */
export interface Answer {
  status: number;
  body: unknown;
}

type Claim = { kind: 'new' } | { kind: 'replay'; answer: Answer };

interface Record {
  body_hash: string;
  state: string;
  status: number | null;
  response: string | null;
  created_at: number;
}

/** Records `key` as pending for this request, or says what the key already holds. */
export async function claimKey(
  db: Queryable,
  scope: string,
  key: string,
  hash: string,
  now: number,
): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db.run(
      `INSERT INTO idempotency (scope, key, body_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)
       ON CONFLICT (scope, key) DO NOTHING`,
      [scope, key, hash, now],
    );
    if (inserted) return { kind: 'new' };
    const row = await db.get<Record>(
      'SELECT body_hash, state, status, response, created_at FROM idempotency WHERE scope = ? AND key = ?',
      [scope, key],
    );
    if (!row) continue;
    const expired = row.created_at <= now - IDEMPOTENCY_TTL_MS;
    const abandoned = row.state === 'pending' && row.created_at <= now - IDEMPOTENCY_STALE_MS;
    if (expired || abandoned) {
      // Only one request can delete the row it read; the others find it gone or new.
      await db.run('DELETE FROM idempotency WHERE scope = ? AND key = ? AND created_at = ? AND state = ?', [
        scope,
        key,
        row.created_at,
        row.state,
      ]);
      continue;
    }
    if (row.body_hash !== hash) {
      throw new ApiError(
        422,
        'idempotency_mismatch',
        'This Idempotency-Key was used with a different request body; use a new key for a new request.',
      );
    }
    if (row.state === 'pending') {
      throw new ApiError(
        409,
        'idempotency_in_flight',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
        {},
        { 'Retry-After': '1' },
      );
    }
    return {
      kind: 'replay',
      answer: { status: row.status ?? 200, body: JSON.parse(row.response ?? 'null') },
    };
  }
  throw new ApiError(
    409,
    'idempotency_in_flight',
    'The Idempotency-Key is busy; retry shortly.',
    {},
    { 'Retry-After': '1' },
  );
}

/** Stores the answer of the request that holds `key`. */
export async function settleKey(db: Queryable, scope: string, key: string, answer: Answer): Promise<void> {
  await db.run(
    `UPDATE idempotency SET state = 'done', status = ?, response = ? WHERE scope = ? AND key = ?`,
    [answer.status, JSON.stringify(answer.body), scope, key],
  );
}

/** Forgets a pending key after its request failed. */
export async function releaseKey(db: Queryable, scope: string, key: string): Promise<void> {
  await db.run(`DELETE FROM idempotency WHERE scope = ? AND key = ? AND state = 'pending'`, [scope, key]);
}

/** Deletes keys past their time. */
export async function purgeKeys(db: Db, now: number): Promise<number> {
  return db.run('DELETE FROM idempotency WHERE created_at <= ?', [now - IDEMPOTENCY_TTL_MS]);
}

/**
 * Runs `handler` at most once per `key` (within `scope`) and body hash; see the module notes.
 * Without a key it just runs. `replayStatus` overrides the status of a replayed answer.
 *
 * `atomic`: on SQLite, claim, handler and answer commit as one transaction (the handler must
 * write through the `Queryable` it is given and open no transaction of its own). Nothing is
 * lost by it: SQLite's single connection lets no other request see the pending key anyway,
 * and one commit instead of three is what lead ingest needs.
 */
export async function idempotent(
  db: Db,
  scope: string,
  key: string | undefined,
  hash: string,
  now: number,
  handler: (q: Queryable) => Promise<Answer>,
  options: { replayStatus?: number; atomic?: boolean } = {},
): Promise<Answer & { replayed: boolean }> {
  if (key === undefined) return { ...(await handler(db)), replayed: false };
  const replay = (answer: Answer) => ({
    ...answer,
    status: options.replayStatus ?? answer.status,
    replayed: true,
  });
  if (options.atomic && db.dialect === 'sqlite') {
    return db.transaction(async (tx) => {
      const claim = await claimKey(tx, scope, key, hash, now);
      if (claim.kind === 'replay') return replay(claim.answer);
      const answer = await handler(tx);
      await settleKey(tx, scope, key, answer);
      return { ...answer, replayed: false };
    });
  }
  const claim = await claimKey(db, scope, key, hash, now);
  if (claim.kind === 'replay') return replay(claim.answer);
  let answer: Answer;
  try {
    answer = await handler(db);
  } catch (err) {
    await releaseKey(db, scope, key).catch(() => undefined);
    throw err;
  }
  await settleKey(db, scope, key, answer);
  return { ...answer, replayed: false };
}

/** Reads an `Idempotency-Key` header: 1 to 255 visible ASCII characters. */
export function readKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = header.trim();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError(
      422,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1 to 255 visible ASCII characters.',
      {
        issues: [{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }],
      },
    );
  }
  return key;
}
