import type { Db } from './db.js';

/**
 * The schema, as numbered migrations that run unchanged on SQLite and PostgreSQL. Append new
 * migrations; never edit one that has shipped. Instants are epoch milliseconds (BIGINT),
 * documents JSON text, flags small integers.
 */
export const migrations: readonly { id: string; statements: readonly string[] }[] = [
  {
    id: '0001-initial',
    statements: [
      `CREATE TABLE locations (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        time_zone TEXT NOT NULL,
        lat DOUBLE PRECISION NOT NULL,
        lng DOUBLE PRECISION NOT NULL,
        doc TEXT NOT NULL
      )`,
      // Which cars stand where: capacity of the location's test-drive slots for that trim.
      `CREATE TABLE fleet (
        location_id TEXT NOT NULL REFERENCES locations (id),
        model_id TEXT NOT NULL,
        trim_id TEXT NOT NULL,
        cars INTEGER NOT NULL CHECK (cars > 0),
        PRIMARY KEY (location_id, trim_id)
      )`,
      `CREATE TABLE advisors (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        time_zone TEXT NOT NULL,
        doc TEXT NOT NULL
      )`,
      // One row per bookable place-in-time. The CHECK is the last word on capacity: no code
      // path can book past it, whatever the concurrency.
      `CREATE TABLE slots (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        location_id TEXT REFERENCES locations (id),
        advisor_id TEXT REFERENCES advisors (id),
        model_id TEXT,
        trim_id TEXT,
        start_ms BIGINT NOT NULL,
        end_ms BIGINT NOT NULL,
        local_date TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        capacity INTEGER NOT NULL CHECK (capacity > 0),
        booked INTEGER NOT NULL DEFAULT 0,
        CONSTRAINT slot_capacity CHECK (booked >= 0 AND booked <= capacity)
      )`,
      `CREATE INDEX slots_kind_start ON slots (kind, start_ms)`,
      `CREATE INDEX slots_kind_date ON slots (kind, local_date, start_ms)`,
      `CREATE INDEX slots_place ON slots (location_id, trim_id, start_ms)`,
      `CREATE TABLE bookings (
        id TEXT PRIMARY KEY,
        slot_id TEXT NOT NULL REFERENCES slots (id),
        service TEXT NOT NULL,
        status TEXT NOT NULL,
        lead_id TEXT,
        manage_token_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        cancelled_at BIGINT,
        doc TEXT NOT NULL
      )`,
      `CREATE INDEX bookings_slot ON bookings (slot_id)`,
      `CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        advisor_id TEXT NOT NULL REFERENCES advisors (id),
        slot_id TEXT NOT NULL REFERENCES slots (id),
        lead_id TEXT,
        language TEXT,
        started_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE TABLE builds (
        code TEXT PRIMARY KEY,
        catalog_id TEXT NOT NULL,
        model_year INTEGER NOT NULL,
        config_id TEXT NOT NULL,
        saved_at BIGINT NOT NULL,
        doc TEXT NOT NULL
      )`,
      `CREATE TABLE leads (
        id TEXT PRIMARY KEY,
        received_at BIGINT NOT NULL,
        body_hash TEXT NOT NULL,
        grade TEXT NOT NULL,
        score INTEGER NOT NULL,
        dealer_id TEXT,
        doc TEXT NOT NULL
      )`,
      `CREATE INDEX leads_received ON leads (received_at)`,
      // Idempotency-Key records: 'pending' while the first request runs, then its answer.
      `CREATE TABLE idempotency (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        state TEXT NOT NULL,
        status INTEGER,
        response TEXT,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (scope, key)
      )`,
      `CREATE INDEX idempotency_created ON idempotency (created_at)`,
    ],
  },
];

/** An arbitrary constant: the PostgreSQL advisory lock that serialises migrating processes. */
const MIGRATION_LOCK = 74_602_210;

/** Brings the schema up to date; safe to run from several processes at once. */
export async function migrate(db: Db, now: number = Date.now()): Promise<string[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const done = new Set((await tx.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      for (const statement of m.statements) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [m.id, now]);
      applied.push(m.id);
    }
    return applied;
  });
}
