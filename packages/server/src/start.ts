import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';

export interface StartOptions {
  port?: number;
  host?: string;
  /** Folder of the built demo pages; served at `/`. */
  demoDir?: string;
  /** Folder of the built embed bundle; served at `/embed/`. */
  embedDir?: string;
  /** Folder for the SQLite file. */
  dataDir?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the reference server: the API, the embed bundle and the demo pages on one port. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? resolve('.data');
  mkdirSync(dataDir, { recursive: true });
  const app = createApp();
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
    close: () => new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done()))),
  };
}
