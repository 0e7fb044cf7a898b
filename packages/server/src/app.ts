import { Hono } from 'hono';
import { demoCatalog } from '@showroom/core/demo';

export interface AppOptions {
  /** The catalog the server serves at `GET /api/v1/catalog`. */
  catalog?: unknown;
}

/** The reference server's HTTP application, without a listening socket (tests call `app.request`). */
export function createApp(options: AppOptions = {}): Hono {
  const catalog = options.catalog ?? demoCatalog;
  const body = JSON.stringify(catalog);
  const etag = `"${hash(body)}"`;
  const app = new Hono();
  const api = new Hono();

  api.get('/catalog', (c) => {
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag });
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag });
  });
  api.get('/health', (c) => c.json({ ok: true }));

  app.route('/api/v1', api);
  return app;
}

/** FNV-1a, enough for an ETag of a document the server holds in memory. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
