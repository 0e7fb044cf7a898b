import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { AppOptions } from './app.js';
import { openDatabase } from './db/db.js';

export interface StartOptions extends Omit<AppOptions, 'db'> {
  port?: number;
  host?: string;
  /** Folder of the built demo pages; served at `/`. */
  demoDir?: string;
  /** Folder of the built embed bundle; served at `/embed/`. */
  embedDir?: string;
  /** Folder for the SQLite file (`showroom.db`), when no `databaseUrl` is given. */
  dataDir?: string;
  /** A `postgres://` URL: store everything in PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** Storage to use as it is (overrides `dataDir` and `databaseUrl`). */
  db?: AppOptions['db'];
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the reference server: the API, the embed bundle and the demo pages on one port.
 * The database is migrated and seeded before the port opens.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  let db = options.db;
  if (!db) {
    if (options.databaseUrl) db = await openDatabase({ url: options.databaseUrl });
    else {
      const dataDir = options.dataDir ?? resolve('.data');
      mkdirSync(dataDir, { recursive: true });
      db = await openDatabase({ file: resolve(dataDir, 'showroom.db') });
    }
  }
  const app = createApp({ ...options, db });
  await app.ready();
  const cwd = process.cwd();
  if (options.embedDir && existsSync(options.embedDir)) {
    const root = relative(cwd, options.embedDir);
    app.use('/embed/*', serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/embed/, '') }));
  }
  if (options.demoDir && existsSync(options.demoDir)) {
    app.use('/*', serveStatic({ root: relative(cwd, options.demoDir) }));
  }
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((done) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => done(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close: async () => {
      await new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done())));
      await app.close();
    },
  };
}
