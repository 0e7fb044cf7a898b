/**
 * Server settings. Every one has a default that suits the demo; `configFromEnv` reads the
 * environment a deployment sets.
 *
 * | variable | setting | default |
 * | --- | --- | --- |
 * | `SHOWROOM_ADVISOR_TOKEN` | bearer token for the dealer inbox (`GET /leads`, `/inbox`, ADF) | `demo-advisor-token` |
 * | `SHOWROOM_CORS_ORIGINS` | comma-separated origins allowed to call the API from a browser | none (same origin only) |
 * | `SHOWROOM_RATE_LIMIT` | POST requests per client address, `count/seconds`; `0` turns it off | `600/60` |
 * | `SHOWROOM_TRUST_PROXY` | `1`: the client address is the first `X-Forwarded-For` entry | off |
 * | `SHOWROOM_PUBLIC_URL` | origin used in links the API hands out (build links, calendar, calls) | the request's origin |
 * | `SHOWROOM_CALL_URL` | video room URL, `{id}` replaced by the call or booking id | `<public url>/call/{id}` |
 */
export interface ServerConfig {
  advisorToken: string;
  corsOrigins: string[];
  rateLimit: { limit: number; windowMs: number };
  trustProxy: boolean;
  publicUrl: string | undefined;
  callUrl: string | undefined;
  /** Request bodies above this size get 413. */
  maxBodyBytes: number;
}

/** The demo's inbox token. Set `SHOWROOM_ADVISOR_TOKEN` for anything but a demo. */
export const DEMO_ADVISOR_TOKEN = 'demo-advisor-token';

export const defaultConfig: ServerConfig = {
  advisorToken: DEMO_ADVISOR_TOKEN,
  corsOrigins: [],
  rateLimit: { limit: 600, windowMs: 60_000 },
  trustProxy: false,
  publicUrl: undefined,
  callUrl: undefined,
  maxBodyBytes: 64 * 1024,
};

/** Reads the `SHOWROOM_*` variables (see the table above). Throws on a malformed value. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): Partial<ServerConfig> {
  const out: Partial<ServerConfig> = {};
  if (env.SHOWROOM_ADVISOR_TOKEN) out.advisorToken = env.SHOWROOM_ADVISOR_TOKEN;
  if (env.SHOWROOM_CORS_ORIGINS !== undefined) {
    out.corsOrigins = env.SHOWROOM_CORS_ORIGINS.split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter(Boolean);
  }
  if (env.SHOWROOM_RATE_LIMIT !== undefined) {
    const raw = env.SHOWROOM_RATE_LIMIT.trim();
    const m = /^(\d+)(?:\/(\d+))?$/.exec(raw);
    if (!m) throw new Error(`SHOWROOM_RATE_LIMIT must be "count/seconds" such as 600/60, got "${raw}"`);
    out.rateLimit = { limit: Number(m[1]), windowMs: Number(m[2] ?? 60) * 1000 };
  }
  if (env.SHOWROOM_TRUST_PROXY !== undefined)
    out.trustProxy = /^(1|true|yes)$/i.test(env.SHOWROOM_TRUST_PROXY);
  if (env.SHOWROOM_PUBLIC_URL) out.publicUrl = env.SHOWROOM_PUBLIC_URL.replace(/\/+$/, '');
  if (env.SHOWROOM_CALL_URL) out.callUrl = env.SHOWROOM_CALL_URL;
  return out;
}
