import type { Hono } from 'hono';
import {
  SaveBuildRequestSchema,
  buildLink,
  configId,
  newBuildCode,
  normalizeBuildCode,
  parseCatalog,
  recheckBuild,
} from '@showroom/core';
import type { BuildSaved, Catalog, SavedBuild, SaveBuildRequest } from '@showroom/core';
import type { ServerContext } from '../context.js';
import { ApiError, canonicalJson, readJson, sha256, validate } from '../http.js';
import { idempotent, readKey } from '../idempotency.js';
import { toZonedIso } from '@showroom/core/time';
import { baseUrl } from './bookings.js';

const parsed = new WeakMap<object, Catalog | Error>();

/** The served catalog, parsed by core (once); saved builds are re-checked against it. */
function currentCatalog(doc: unknown): Catalog {
  const key = typeof doc === 'object' && doc !== null ? doc : {};
  let entry = parsed.get(key);
  if (!entry) {
    try {
      entry = parseCatalog(doc).catalog;
    } catch (err) {
      entry = err instanceof Error ? err : new Error(String(err));
    }
    parsed.set(key, entry);
  }
  if (entry instanceof Error) {
    throw new ApiError(
      503,
      'catalog_unavailable',
      'The catalog cannot be read, so saved builds cannot be checked.',
    );
  }
  return entry;
}

/** How a saved build stands in today's catalog: the same rules the in-memory source follows. */
function recheck(
  catalog: Catalog,
  saved: SaveBuildRequest,
): Pick<SavedBuild, 'buildable' | 'changes' | 'nearest' | 'currentPrice'> {
  const { buildable, changes, nearest, price } = recheckBuild(catalog, saved);
  if (buildable)
    return price && canonicalJson(price) !== canonicalJson(saved.price)
      ? { buildable, currentPrice: price }
      : { buildable };
  return { buildable, changes, ...(nearest ? { nearest } : {}), ...(price ? { currentPrice: price } : {}) };
}

/** `POST /builds` and `GET /builds/{code}`. */
export function buildRoutes(api: Hono, ctx: ServerContext): void {
  api.post('/builds', async (c) => {
    const key = readKey(c.req.header('idempotency-key'));
    const json = await readJson(c, ctx.config.maxBodyBytes);
    const req = validate(SaveBuildRequestSchema, json);
    if (configId(req.build) !== req.configId) {
      throw new ApiError(422, 'invalid_body', 'configId does not match the build.', {
        issues: [
          {
            path: 'configId',
            message: `must be ${configId(req.build)} for this build`,
            value: req.configId,
          },
        ],
      });
    }
    const answer = await idempotent(
      ctx.db,
      'builds',
      key,
      sha256(canonicalJson(json)),
      ctx.now(),
      async (q) => {
        const url = buildLink(req.pageUrl ?? `${baseUrl(c, ctx)}/`, req.configId);
        for (;;) {
          const code = newBuildCode();
          const inserted = await q.run(
            `INSERT INTO builds (code, catalog_id, model_year, config_id, saved_at, doc) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (code) DO NOTHING`,
            [code, req.catalogId, req.modelYear, req.configId, ctx.now(), JSON.stringify(req)],
          );
          // 45 random bits: a collision is rare, and a retry settles it.
          if (inserted) return { status: 201, body: { code, url } satisfies BuildSaved };
        }
      },
      { atomic: true },
    );
    return c.json(
      answer.body,
      answer.status as 201,
      answer.replayed ? { 'Idempotent-Replayed': 'true' } : {},
    );
  });

  api.get('/builds/:code', async (c) => {
    const code = normalizeBuildCode(c.req.param('code'));
    const row = code
      ? await ctx.db.get<{ code: string; saved_at: number; doc: string }>(
          'SELECT code, saved_at, doc FROM builds WHERE code = ?',
          [code],
        )
      : undefined;
    if (!code || !row)
      throw new ApiError(404, 'not_found', `There is no saved build with the code ${c.req.param('code')}.`);
    const saved = JSON.parse(row.doc) as SaveBuildRequest;
    const body: SavedBuild = {
      code: row.code,
      catalogId: saved.catalogId,
      modelYear: saved.modelYear,
      configId: saved.configId,
      build: saved.build,
      price: saved.price,
      savedAt: toZonedIso(row.saved_at, 'UTC').replace('+00:00', 'Z'),
      ...recheck(currentCatalog(ctx.catalog), saved),
    };
    return c.json(body);
  });
}
