import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db, Param, Queryable, Row } from './db.js';

/** How often the background checkpoint copies the write-ahead log into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1000;

// Runs in a worker thread with its own connection: checkpoints (and their fsyncs) never
// stall the event loop that answers requests.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.interval);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/**
 * SQLite through better-sqlite3: WAL with `synchronous=NORMAL` (a power cut may lose the last
 * commits, never the file), a busy timeout, foreign keys on. better-sqlite3 is synchronous, so
 * one connection serves the whole process; an async transaction holds a lock that every other
 * statement waits for, so nothing from another request slips into it. For a file, a worker
 * thread checkpoints the log in the background instead of the connection doing it inline.
 */
export function openSqlite(file: string): Db {
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  let checkpointer: Worker | undefined;
  if (file !== ':memory:' && file !== '') {
    conn.pragma('wal_autocheckpoint = 0');
    checkpointer = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: {
        file,
        interval: CHECKPOINT_INTERVAL_MS,
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    checkpointer.unref();
    // Without the worker the log still gets checkpointed, inline, as SQLite does by default.
    checkpointer.on('error', () => conn.pragma('wal_autocheckpoint = 1000'));
  }

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
      if (checkpointer) {
        const done = new Promise((r) => checkpointer?.once('exit', r));
        checkpointer.postMessage('stop');
        await done;
        conn.pragma('wal_checkpoint(TRUNCATE)');
      }
      conn.close();
    },
  };
}
