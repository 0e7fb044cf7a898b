import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Lead } from '@showroom/core';
import type { Db } from '../src/db/db.js';
import { openSqlite } from '../src/db/sqlite.js';
import { openPostgres } from '../src/db/postgres.js';

/**
 * Test support: the databases every route test runs against, and lead fixtures.
 *
 * PostgreSQL: `DATABASE_URL` when set; otherwise a throwaway cluster in a temporary folder
 * (initdb + pg_ctl on a free loopback port, as user `postgres` when running as root), started
 * on first use and stopped when the test process exits. Each test database is a fresh schema.
 */

export type DbKind = 'sqlite' | 'postgres';
export const DB_KINDS: DbKind[] = ['sqlite', 'postgres'];

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) {
    throw new Error(
      'PostgreSQL tests need a server: set DATABASE_URL, or install the PostgreSQL binaries ' +
        '(Debian: apt-get install postgresql; expected in /usr/lib/postgresql/<version>/bin).',
    );
  }
  return join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

let cluster: Promise<string> | undefined;

/** The URL of a PostgreSQL server for tests (started on first call unless DATABASE_URL is set). */
export function postgresUrl(): Promise<string> {
  cluster ??= (async () => {
    if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
    const bin = postgresBin();
    const dir = mkdtempSync(join(tmpdir(), 'showroom-pg-'));
    const root = process.getuid?.() === 0;
    const as = (cmd: string, args: string[]) =>
      (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
    }
    const data = join(dir, 'data');
    const port = await freePort();
    const run = (cmd: string, args: string[]) => {
      const [c, a] = as(join(bin, cmd), args);
      const r = spawnSync(c, a, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout || r.error?.message}`);
    };
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']);
    const [stopCmd, stopArgs] = as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    const stop = () => {
      spawnSync(stopCmd, stopArgs);
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', stop);
    // A watchdog stops the cluster even if this process is killed outright.
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    spawn(
      'sh',
      [
        '-c',
        `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${[stopCmd, ...stopArgs].map(quote).join(' ')} >/dev/null 2>&1; rm -rf ${quote(dir)}`,
      ],
      { detached: true, stdio: 'ignore' },
    ).unref();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
    return `postgres://postgres@127.0.0.1:${port}/postgres`;
  })();
  return cluster;
}

/** A fresh, empty database of `kind`. */
export async function freshDb(kind: DbKind): Promise<Db> {
  if (kind === 'sqlite') return openSqlite(':memory:');
  const url = await postgresUrl();
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = openPostgres({ connectionString: url, max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  return openPostgres({ connectionString: url, options: `-c search_path=${schema}`, max: 20 });
}

/** A valid lead; `over` replaces top-level parts. */
export function makeLead(over: Partial<Lead> = {}): Lead {
  return {
    schema: 'showroom.lead/1',
    id: randomUUID(),
    createdAt: '2027-03-20T10:15:30+08:00',
    source: { channel: 'brand-site', site: 'www.aurora.example', page: 'https://www.aurora.example/a6' },
    customer: {
      name: '王小明',
      givenName: '小明',
      familyName: '王',
      phone: '+8613812345678',
      email: 'xm@example.com',
      preferredContact: 'phone',
    },
    consent: { contact: true, marketing: false, textVersion: '2026-11-01', at: '2027-03-20T10:15:12+08:00' },
    ...over,
  };
}
