import type { Context, Hono } from 'hono';
import { LeadGradeSchema, LeadRequestSchema, gradeLead, toAdf } from '@showroom/core';
import type { AdfVendor, GradeCatalog, Lead, LeadAccepted, LeadGrade } from '@showroom/core';
import { z } from 'zod';
import type { Param } from '../db/db.js';
import type { ServerContext } from '../context.js';
import { ApiError, bearer, canonicalJson, readJson, sha256, validate } from '../http.js';
import { idempotent, readKey } from '../idempotency.js';
import { catalogView } from '../catalog.js';
import { renderInbox } from '../inbox.js';

/** The most leads one `GET /leads` answer carries. */
export const MAX_LEADS = 500;

const LeadListQuerySchema = z.object({
  since: z.optional(z.iso.datetime({ offset: true })),
  grade: z.optional(LeadGradeSchema),
});

/**
 * The advisor's credentials: `Authorization: Bearer <token>`, or HTTP Basic with the token as
 * the password (so a browser can open the inbox page and its ADF links).
 */
function advisorToken(c: Context): string | undefined {
  const token = bearer(c);
  if (token) return token;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

/** Refuses the request unless it carries the advisor token. */
export function requireAdvisor(c: Context, ctx: ServerContext, page = false): void {
  const token = advisorToken(c);
  const expected = ctx.config.advisorToken;
  if (token !== undefined && sha256(token) === sha256(expected)) return;
  throw new ApiError(
    401,
    'unauthorized',
    'An advisor token is required.',
    {},
    {
      'WWW-Authenticate': page ? 'Basic realm="Showroom inbox", charset="UTF-8"' : 'Bearer realm="Showroom"',
    },
  );
}

/** Grades the lead by core's documented rules, so the inbox never trusts a grade a browser sent. */
function graded(lead: Lead, catalog: unknown): Lead {
  const g = gradeLead(lead, { catalog: catalogView(catalog) as GradeCatalog });
  return { ...lead, journey: { ...g, steps: lead.journey?.steps ?? [] } };
}

/** Stored leads, newest first. */
export async function listLeads(
  ctx: ServerContext,
  filter: { since?: string | undefined; grade?: LeadGrade | undefined },
): Promise<{ lead: Lead; receivedAt: number }[]> {
  const where: string[] = [];
  const params: Param[] = [];
  if (filter.since) {
    where.push('received_at >= ?');
    params.push(Date.parse(filter.since));
  }
  if (filter.grade) {
    where.push('grade = ?');
    params.push(filter.grade);
  }
  const rows = await ctx.db.all<{ doc: string; received_at: number }>(
    `SELECT doc, received_at FROM leads ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY received_at DESC, id LIMIT ${MAX_LEADS}`,
    params,
  );
  return rows.map((r) => ({ lead: JSON.parse(r.doc) as Lead, receivedAt: r.received_at }));
}

/** The dealer an ADF document names: the lead's location (or dealer id) from the directory. */
function vendorFor(ctx: ServerContext, lead: Lead): AdfVendor {
  const dir = ctx.directory();
  const id = lead.source.dealerId ?? lead.appointment?.location?.id;
  const place = (id ? dir.byId.get(id) : undefined) ?? dir.locations[0];
  const brand = catalogView(ctx.catalog);
  return {
    ...(place ? { id: place.id } : {}),
    name: place?.name ?? brand.id ?? 'Showroom',
    contact: { name: place ? `${place.name} sales` : 'Sales', phone: place?.phone ?? '+10000000000' },
  };
}

/** `POST /leads`, `GET /leads`, `GET /leads/{id}.adf` and the inbox page. */
export function leadRoutes(api: Hono, pages: Hono, ctx: ServerContext): void {
  api.post('/leads', async (c) => {
    const json = await readJson(c, ctx.config.maxBodyBytes);
    const lead = validate(LeadRequestSchema, json);
    // The lead id doubles as the key when the header is missing (a form post, a plain client).
    const key = readKey(c.req.header('idempotency-key')) ?? lead.id;
    const hash = sha256(canonicalJson(json));
    const answer = await idempotent(
      ctx.db,
      'leads',
      key,
      hash,
      ctx.now(),
      async (q) => {
        const stored = graded(lead, ctx.catalog);
        const inserted = await q.run(
          `INSERT INTO leads (id, received_at, body_hash, grade, score, dealer_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO NOTHING`,
          [
            lead.id,
            ctx.now(),
            hash,
            stored.journey?.grade ?? 'cold',
            stored.journey?.score ?? 0,
            lead.source.dealerId ?? null,
            JSON.stringify(stored),
          ],
        );
        if (!inserted) {
          // The same lead under another key (or after its key expired): the lead id decides.
          const existing = await q.get<{ body_hash: string }>('SELECT body_hash FROM leads WHERE id = ?', [
            lead.id,
          ]);
          if (existing?.body_hash !== hash) {
            throw new ApiError(
              422,
              'idempotency_mismatch',
              `Lead ${lead.id} was already received with another body.`,
            );
          }
          return { status: 200, body: { id: lead.id } satisfies LeadAccepted };
        }
        return { status: 201, body: { id: lead.id } satisfies LeadAccepted };
      },
      { replayStatus: 200, atomic: true },
    );
    return c.json(answer.body, answer.status as 200 | 201, {
      Location: `/api/v1/leads/${lead.id}.adf`,
      ...(answer.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  });

  api.get('/leads', async (c) => {
    requireAdvisor(c, ctx);
    const q = validate(LeadListQuerySchema, c.req.query(), 'query');
    const leads = await listLeads(ctx, q);
    return c.json(
      leads.map((l) => l.lead),
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  api.get('/leads/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.adf'))
      throw new ApiError(404, 'not_found', 'Leads are served as ADF: /leads/{id}.adf');
    requireAdvisor(c, ctx, true);
    const row = await ctx.db.get<{ doc: string }>('SELECT doc FROM leads WHERE id = ?', [file.slice(0, -4)]);
    if (!row) throw new ApiError(404, 'not_found', 'There is no such lead.');
    const lead = JSON.parse(row.doc) as Lead;
    const xml = toAdf(lead, { vendor: vendorFor(ctx, lead), make: brandName(ctx) });
    return c.body(xml, 200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });

  pages.get('/inbox', async (c) => {
    requireAdvisor(c, ctx, true);
    const grade = LeadGradeSchema.safeParse(c.req.query('grade'));
    const leads = await listLeads(ctx, { grade: grade.success ? grade.data : undefined });
    return c.html(renderInbox(leads, ctx.directory()), 200, {
      'Cache-Control': 'no-store',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'",
    });
  });
}

function brandName(ctx: ServerContext): string {
  const brand = (ctx.catalog as { brand?: { name?: unknown } } | undefined)?.brand?.name;
  if (typeof brand === 'string') return brand;
  if (brand && typeof brand === 'object')
    return String((brand as Record<string, string>).en ?? Object.values(brand)[0] ?? '');
  return '';
}
