import pg from 'pg';
import type { Db, Param, Queryable, Row } from './db.js';

/** Connection settings for {@link openPostgres}: pg's pool options. */
export type PostgresOptions = pg.PoolConfig;

const INT8 = 20;
const NUMERIC = 1700;

// BIGINT (epoch milliseconds, counts) and NUMERIC come back as numbers, as from SQLite.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const numbered = new Map<string, string>();
/** `?` placeholders to `$1, $2, …` (the project's SQL has no `?` inside literals). */
function number(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    numbered.set(sql, out);
  }
  return out;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  const query = (sql: string, params: readonly Param[]) => client.query(number(sql), params as Param[]);
  return {
    all: async <T = Row>(sql: string, params: readonly Param[] = []) =>
      (await query(sql, params)).rows as T[],
    get: async <T = Row>(sql: string, params: readonly Param[] = []) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params: readonly Param[] = []) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** PostgreSQL through a pg pool. */
export function openPostgres(options: PostgresOptions): Db {
  const pool = new pg.Pool({ max: 10, ...options, types });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', (err) => console.error('PostgreSQL pool error:', err.message));
  return {
    dialect: 'postgres',
    ...queryable(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql: string) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}
