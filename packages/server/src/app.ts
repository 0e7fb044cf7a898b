import { Hono } from 'hono';
import { demoCatalog } from '@showroom/core/demo';
import { defaultConfig } from './config.js';
import type { ServerConfig } from './config.js';
import { createContext } from './context.js';
import type { ServerContext } from './context.js';
import type { Db } from './db/db.js';
import { openSqlite } from './db/sqlite.js';
import { ApiError, errorResponse, escapeHtml } from './http.js';
import { corsFor, limitBody, rateLimit, securityHeaders } from './guard.js';
import { openApiDocument } from './openapi.js';
import { demoSeed } from './seed/demo.js';
import type { Seed } from './seed/schema.js';
import { availabilityRoutes } from './routes/availability.js';
import { bookingRoutes } from './routes/bookings.js';
import { buildRoutes } from './routes/builds.js';
import { leadRoutes } from './routes/leads.js';

export interface AppOptions {
  /** The catalog the server serves at `GET /api/v1/catalog` (default: the demo catalog). */
  catalog?: unknown;
  /** Storage (default: a throwaway in-memory SQLite database). */
  db?: Db;
  /** Locations and advisors to seed (default: the demo seed). */
  seed?: Seed;
  /** The clock, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Settings; see `configFromEnv`. */
  config?: Partial<ServerConfig>;
}

/** The app, plus what a host needs to run it: readiness and shutdown. */
export type ShowroomApp = Hono & {
  /** Migrates, seeds and plans slots; requests wait for it anyway, a host may await it first. */
  ready(): Promise<void>;
  /** Closes the database. */
  close(): Promise<void>;
  /** The context the routes share (for tools and tests). */
  context: ServerContext;
};

/** FNV-1a, enough for an ETag of a document the server holds in memory. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/**
 * The reference server's HTTP application (spec/api.md), without a listening socket: tests
 * call `app.request`, `startServer` puts it on a port.
 */
export function createApp(options: AppOptions = {}): ShowroomApp {
  const catalog = options.catalog ?? demoCatalog;
  const config: ServerConfig = { ...defaultConfig, ...options.config };
  const now = options.now ?? Date.now;
  const db = options.db ?? openSqlite(':memory:');
  const ctx = createContext({ db, now, config, catalog, seed: options.seed ?? demoSeed });
  const body = JSON.stringify(catalog);
  const etag = `"${hash(body)}"`;

  const app = new Hono();
  const api = new Hono();
  const pages = new Hono();

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
    return errorResponse(
      c,
      new ApiError(500, 'internal', 'Something went wrong on our side; please try again.'),
    );
  });

  app.use(
    '/api/*',
    securityHeaders,
    corsFor(config.corsOrigins),
    limitBody(config.maxBodyBytes),
    rateLimit(config, now),
  );
  app.use('/inbox', securityHeaders);

  api.get('/catalog', (c) => {
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag });
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag });
  });
  api.get('/health', (c) => c.json({ ok: true }));
  api.get('/openapi.json', (c) => c.json(openApiDocument()));
  // Everything else reads the database: wait until it is migrated and seeded.
  api.use('*', async (_c, next) => {
    await ctx.ready();
    await next();
  });
  pages.use('*', async (_c, next) => {
    await ctx.ready();
    await next();
  });
  availabilityRoutes(api, ctx);
  bookingRoutes(api, ctx);
  buildRoutes(api, ctx);
  leadRoutes(api, pages, ctx);
  api.notFound((c) =>
    errorResponse(
      c,
      new ApiError(404, 'not_found', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`),
    ),
  );

  // Where joinUrl points when no video provider is configured (SHOWROOM_CALL_URL).
  app.get('/call/:id', (c) =>
    c.html(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Video call</title><body style="font:16px system-ui;margin:2rem"><h1>Video call</h1><p>Room <code>${escapeHtml(c.req.param('id'))}</code>. Your advisor joins here; this demo server has no video provider configured.</p></body></html>`,
    ),
  );

  app.route('/api/v1', api);
  app.route('/', pages);
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? errorResponse(c, new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`))
      : c.text('Not found', 404),
  );
  return Object.assign(app, { ready: () => ctx.ready(), close: () => db.close(), context: ctx });
}
