import Database from 'better-sqlite3';
import type { Db, Param, Queryable, Row } from './db.js';

/**
 * SQLite through better-sqlite3: WAL, a busy timeout, foreign keys on. better-sqlite3 is
 * synchronous, so one connection serves the whole process; an async transaction holds a
 * lock that every other statement waits for, so nothing from another request slips into it.
 */
export function openSqlite(file: string): Db {
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = conn.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const direct: Queryable = {
    all: async <T = Row>(sql: string, params: readonly Param[] = []) => prepare(sql).all(...params) as T[],
    get: async <T = Row>(sql: string, params: readonly Param[] = []) =>
      prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly Param[] = []) => prepare(sql).run(...params).changes,
  };

  // A FIFO lock: while a transaction is open, other statements queue behind it.
  let tail: Promise<void> = Promise.resolve();
  let holders = 0;
  const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
    const before = tail;
    let release!: () => void;
    tail = new Promise((done) => (release = done));
    holders++;
    try {
      await before;
      return await fn();
    } finally {
      holders--;
      release();
    }
  };
  const outside = <R>(fn: () => Promise<R>): Promise<R> => (holders === 0 ? fn() : locked(fn));

  return {
    dialect: 'sqlite',
    all: <T = Row>(sql: string, params?: readonly Param[]) => outside(() => direct.all<T>(sql, params)),
    get: <T = Row>(sql: string, params?: readonly Param[]) => outside(() => direct.get<T>(sql, params)),
    run: (sql: string, params?: readonly Param[]) => outside(() => direct.run(sql, params)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      locked(async () => {
        conn.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          conn.exec('COMMIT');
          return result;
        } catch (err) {
          if (conn.inTransaction) conn.exec('ROLLBACK');
          throw err;
        }
      }),
    exec: (sql: string) => outside(async () => void conn.exec(sql)),
    close: async () => {
      await tail;
      conn.close();
    },
  };
}
