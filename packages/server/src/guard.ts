import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, errorResponse } from './http.js';
import type { ServerConfig } from './config.js';

/**
 * What stands between the internet and the handlers: CORS for configured origins only, a body
 * size cap, per-address rate limits on POST, and headers that keep responses from being
 * sniffed or framed.
 */

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Authorization, If-None-Match';
const EXPOSED_HEADERS = 'ETag, Retry-After, Location, Idempotent-Replayed';

/**
 * CORS that answers only `origins` (exact `scheme://host[:port]`; `*` allows any origin).
 * A preflight from another origin gets 403 and no CORS headers, so the browser blocks the call.
 */
export function corsFor(origins: readonly string[]): MiddlewareHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && (any || allowed.has(origin));
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (!ok)
        return errorResponse(c, new ApiError(403, 'origin_not_allowed', 'This origin may not call the API.'));
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (ok) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
  };
}

/**
 * Refuses bodies announced (by Content-Length) as over `maxBytes` with 413 before anything
 * reads them; bodies sent without a length are counted as they are read (`readJson`).
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBytes) {
      return errorResponse(
        c,
        new ApiError(
          413,
          'payload_too_large',
          `Request bodies are limited to ${Math.round(maxBytes / 1024)} KiB.`,
        ),
      );
    }
    return next();
  };
}

/** The client's address: the socket's peer, or the first `X-Forwarded-For` hop behind a trusted proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * Fixed-window rate limit per client address on POST requests: at most `limit` in each
 * `windowMs`; beyond that 429 with `Retry-After` (seconds until the window ends).
 */
export function rateLimit(
  config: Pick<ServerConfig, 'rateLimit' | 'trustProxy'>,
  now: () => number,
): MiddlewareHandler {
  const { limit, windowMs } = config.rateLimit;
  const windows = new Map<string, { resetAt: number; count: number }>();
  return async (c, next) => {
    if (c.req.method !== 'POST' || limit <= 0) return next();
    const t = now();
    const address = clientAddress(c, config.trustProxy);
    let w = windows.get(address);
    if (!w || w.resetAt <= t) {
      if (windows.size > 50_000) for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
      w = { resetAt: t + windowMs, count: 0 };
      windows.set(address, w);
    }
    if (++w.count > limit) {
      const seconds = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      return errorResponse(
        c,
        new ApiError(
          429,
          'rate_limited',
          `Too many requests; retry in ${seconds} s.`,
          {},
          { 'Retry-After': String(seconds) },
        ),
      );
    }
    return next();
  };
}

/** Headers every response carries. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (!c.res.headers.has('X-Frame-Options')) c.res.headers.set('X-Frame-Options', 'DENY');
};
