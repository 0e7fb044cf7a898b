import { randomBytes, randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { BookingRequestSchema, ConsultationRequestSchema } from '@showroom/core';
import type {
  Booking,
  BookingRequest,
  ConsultationRequest,
  ConsultationNow,
  ConsultationStarted,
  Lead,
  Service,
  Slot,
} from '@showroom/core';
import { toLocation } from '../context.js';
import type { ServerContext } from '../context.js';
import { ApiError, bearer, canonicalJson, readJson, sha256, validate } from '../http.js';
import { idempotent, readKey } from '../idempotency.js';
import { BOOKING_NOTICE, parseSlotId, speaks } from '../slots.js';
import type { SlotRow } from '../slots.js';
import { toZonedIso } from '@showroom/core/time';
import { toIcs } from '../ics.js';
import { catalogView } from '../catalog.js';
import { findSlots } from './availability.js';

/** How long the join link of a call started now stays valid. */
export const CALL_LINK_MINUTES = 15;

/** What a booking row keeps besides its columns. */
interface BookingDoc {
  booking: Omit<Booking, 'manageToken'>;
  lead: Pick<Lead, 'id' | 'customer'> & {
    interest?: Pick<NonNullable<Lead['interest']>, 'modelId' | 'trimId' | 'modelName' | 'trimName'>;
  };
  address?: BookingRequest['address'];
  language?: string;
}

interface BookingRow {
  id: string;
  slot_id: string;
  status: string;
  manage_token_hash: string;
  doc: string;
}

/** The origin links are made from: the configured public URL, or the request's own. */
export function baseUrl(c: Context, ctx: ServerContext): string {
  return ctx.config.publicUrl ?? new URL(c.req.url).origin;
}

function callUrl(c: Context, ctx: ServerContext, id: string): string {
  const template = ctx.config.callUrl ?? `${baseUrl(c, ctx)}/call/{id}`;
  return template.replace('{id}', encodeURIComponent(id));
}

/** How many alternatives a 409 offers. */
export const ALTERNATIVES = 5;

/** Free slots nearest in time to one that was taken: the same place and car first, then anywhere. */
async function alternatives(ctx: ServerContext, row: SlotRow, service: Service): Promise<Slot[]> {
  const window = { service, from: new Date(row.start_ms - 3 * 86_400_000).toISOString(), days: 7 };
  const near = { limit: ALTERNATIVES, nearest: row.start_ms };
  const same = await findSlots(
    ctx,
    {
      ...window,
      location: row.location_id ?? undefined,
      model: row.model_id ?? undefined,
      trim: row.trim_id ?? undefined,
    },
    near,
  );
  if (same.length > 0) return same;
  return findSlots(ctx, { ...window, model: row.model_id ?? undefined }, near);
}

/** Books a slot: one conditional UPDATE decides, so the database never goes past capacity. */
async function book(c: Context, ctx: ServerContext, req: BookingRequest): Promise<Booking> {
  const ref = parseSlotId(req.slotId);
  const row = ref && (await ctx.db.get<SlotRow>('SELECT * FROM slots WHERE id = ?', [ref.rowId]));
  if (!ref || !row) throw new ApiError(404, 'slot_not_found', `There is no slot ${req.slotId}.`);
  if (ref.service === 'home-test-drive' && !req.address) {
    throw new ApiError(422, 'invalid_body', 'A home test drive needs the address to bring the car to.', {
      issues: [{ path: 'address', message: 'required for a home test drive' }],
    });
  }
  const now = ctx.now();
  const id = `bk_${randomUUID().replace(/-/g, '')}`;
  const manageToken = randomBytes(24).toString('base64url');
  const dir = ctx.directory();
  const place = row.location_id ? dir.byId.get(row.location_id) : undefined;
  const booking: Omit<Booking, 'manageToken'> = {
    id,
    service: ref.service,
    start: toZonedIso(row.start_ms, row.time_zone),
    end: toZonedIso(row.end_ms, row.time_zone),
    timeZone: row.time_zone,
    ...(place ? { location: toLocation(place) } : {}),
    ...(ref.service === 'video' ? { joinUrl: callUrl(c, ctx, id) } : {}),
    calendarUrl: `${baseUrl(c, ctx)}/api/v1/bookings/${id}/calendar.ics`,
  };
  const { lead } = req;
  const doc: BookingDoc = {
    booking,
    lead: {
      id: lead.id,
      customer: lead.customer,
      ...(lead.interest
        ? {
            interest: {
              modelId: lead.interest.modelId,
              trimId: lead.interest.trimId,
              modelName: lead.interest.modelName,
              trimName: lead.interest.trimName,
            },
          }
        : {}),
    },
    ...(req.address ? { address: req.address } : {}),
    ...(req.language ? { language: req.language } : {}),
  };
  const booked = await ctx.db.transaction(async (tx) => {
    const taken = await tx.run(
      'UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity AND start_ms >= ?',
      [row.id, now + BOOKING_NOTICE[ref.service] * 60_000],
    );
    if (taken === 0) return false;
    await tx.run(
      `INSERT INTO bookings (id, slot_id, service, status, lead_id, manage_token_hash, created_at, doc)
       VALUES (?, ?, ?, 'booked', ?, ?, ?, ?)`,
      [id, row.id, ref.service, lead.id, sha256(manageToken), now, JSON.stringify(doc)],
    );
    return true;
  });
  if (!booked) {
    throw new ApiError(
      409,
      'slot_unavailable',
      'That slot has just been taken; here are the nearest free ones.',
      {
        alternatives: await alternatives(ctx, row, ref.service),
      },
    );
  }
  return { ...booking, manageToken };
}

async function readBooking(ctx: ServerContext, id: string): Promise<BookingRow> {
  const row = await ctx.db.get<BookingRow>(
    'SELECT id, slot_id, status, manage_token_hash, doc FROM bookings WHERE id = ?',
    [id],
  );
  if (!row) throw new ApiError(404, 'not_found', 'There is no such booking.');
  return row;
}

const SERVICE_TITLES: Record<Service, string> = {
  'test-drive': 'Test drive',
  'home-test-drive': 'Home test drive',
  video: 'Video consultation',
  phone: 'Phone consultation',
};

/** `POST /bookings`, `DELETE /bookings/{id}`, the calendar file, and video calls now. */
export function bookingRoutes(api: Hono, ctx: ServerContext): void {
  api.post('/bookings', async (c) => {
    const key = readKey(c.req.header('idempotency-key'));
    const json = await readJson(c, ctx.config.maxBodyBytes);
    const req = validate(BookingRequestSchema, json);
    const answer = await idempotent(
      ctx.db,
      'bookings',
      key,
      sha256(canonicalJson(json)),
      ctx.now(),
      async () => ({
        status: 201,
        body: await book(c, ctx, req),
      }),
    );
    return c.json(
      answer.body,
      answer.status as 201,
      answer.replayed ? { 'Idempotent-Replayed': 'true' } : {},
    );
  });

  api.delete('/bookings/:id', async (c) => {
    const token = bearer(c);
    if (!token) {
      throw new ApiError(
        401,
        'unauthorized',
        'Send the booking’s manageToken as a bearer token.',
        {},
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const row = await readBooking(ctx, c.req.param('id'));
    // A wrong token looks like an unknown booking, so tokens cannot be probed.
    if (sha256(token) !== row.manage_token_hash)
      throw new ApiError(404, 'not_found', 'There is no such booking.');
    await ctx.db.transaction(async (tx) => {
      const cancelled = await tx.run(
        `UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'booked'`,
        [ctx.now(), row.id],
      );
      if (cancelled)
        await tx.run('UPDATE slots SET booked = booked - 1 WHERE id = ? AND booked > 0', [row.slot_id]);
    });
    return c.body(null, 204);
  });

  api.get('/bookings/:id/calendar.ics', async (c) => {
    const row = await readBooking(ctx, c.req.param('id'));
    const doc = JSON.parse(row.doc) as BookingDoc;
    const b = doc.booking;
    const interest = doc.lead.interest;
    const car = interest ? `${interest.modelName} ${interest.trimName}` : undefined;
    const slot = await ctx.db.get<SlotRow>('SELECT * FROM slots WHERE id = ?', [row.slot_id]);
    const vehicle =
      slot?.model_id && b.service === 'test-drive'
        ? catalogView(ctx.catalog).carName(slot.model_id, slot.trim_id ?? undefined, doc.lead.customer.locale)
        : car;
    const address = doc.address
      ? [doc.address.street, doc.address.postcode, doc.address.city].filter(Boolean).join(', ')
      : undefined;
    const where = b.location ? [b.location.name, b.location.address, b.location.city].join(', ') : undefined;
    const lines = [
      `${SERVICE_TITLES[b.service]}${vehicle ? `: ${vehicle}` : ''}`,
      b.location?.phone ? `Phone: ${b.location.phone}` : undefined,
      address ? `We bring the car to: ${address}` : undefined,
      b.joinUrl ? `Join the call: ${b.joinUrl}` : undefined,
    ];
    const ics = toIcs({
      uid: `${b.id}@showroom`,
      start: Date.parse(b.start),
      end: Date.parse(b.end),
      timeZone: b.timeZone,
      summary: `${SERVICE_TITLES[b.service]}${vehicle ? `: ${vehicle}` : ''}`,
      description: lines.filter(Boolean).join('\n'),
      location: b.service === 'home-test-drive' ? address : where,
      url: b.joinUrl,
      stamp: ctx.now(),
      cancelled: row.status === 'cancelled',
      sequence: row.status === 'cancelled' ? 1 : 0,
    });
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${b.id}.ics"`,
    });
  });

  /** Advisor rows covering `now`, free ones first: who is working, and who can take a call. */
  const onShift = async (language: string | undefined) => {
    await ctx.ensureSlots();
    const now = ctx.now();
    const dir = ctx.directory();
    const rows = await ctx.db.all<SlotRow>(
      `SELECT * FROM slots WHERE kind = 'advisor' AND start_ms <= ? AND end_ms > ? ORDER BY booked, id`,
      [now, now],
    );
    return rows.filter((r) => {
      const adv = r.advisor_id ? dir.advisorCards.get(r.advisor_id) : undefined;
      return adv && (!language || speaks(adv.languages, language));
    });
  };

  api.get('/consultations/now', async (c) => {
    const language = c.req.query('language') || undefined;
    const rows = await onShift(language);
    const free = rows.filter((r) => r.booked < r.capacity);
    let waitMinutes: number | null = null;
    if (free.length > 0) waitMinutes = 0;
    else if (rows.length > 0) {
      // The soonest free half hour of an advisor who is working now.
      const advisors = rows.map((r) => r.advisor_id as string);
      const next = await ctx.db.get<{ start_ms: number }>(
        `SELECT start_ms FROM slots WHERE kind = 'advisor' AND booked < capacity AND start_ms > ?
         AND advisor_id IN (${advisors.map(() => '?').join(', ')}) ORDER BY start_ms LIMIT 1`,
        [ctx.now(), ...advisors],
      );
      if (next) waitMinutes = Math.ceil((next.start_ms - ctx.now()) / 60_000);
    }
    const body: ConsultationNow = { available: free.length > 0, advisorsOnline: rows.length, waitMinutes };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });

  /** Takes the first free advisor on shift for a call now; null when nobody is free. */
  const startCall = async (c: Context, req: ConsultationRequest): Promise<ConsultationStarted | null> => {
    const language = req.language ?? req.lead.customer.locale;
    for (const row of await onShift(language)) {
      if (row.booked >= row.capacity) continue;
      const id = `call_${randomUUID().replace(/-/g, '')}`;
      const now = ctx.now();
      const started = await ctx.db.transaction(async (tx) => {
        const taken = await tx.run(
          'UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity',
          [row.id],
        );
        if (!taken) return false;
        await tx.run(
          'INSERT INTO calls (id, advisor_id, slot_id, lead_id, language, started_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [id, row.advisor_id, row.id, req.lead.id, language ?? null, now, now + CALL_LINK_MINUTES * 60_000],
        );
        return true;
      });
      if (started) {
        return {
          joinUrl: callUrl(c, ctx, id),
          expiresAt: toZonedIso(now + CALL_LINK_MINUTES * 60_000, row.time_zone),
        };
      }
    }
    return null;
  };

  api.post('/consultations/now', async (c) => {
    const header = readKey(c.req.header('idempotency-key'));
    const json = await readJson(c, ctx.config.maxBodyBytes);
    const req = validate(ConsultationRequestSchema, json);
    // As in the in-memory source: without a key, one call per lead (a retry gets the same room).
    const key = header ?? `${req.lead.id}:now`;
    const hash = sha256(header ? canonicalJson(json) : key);
    const answer = await idempotent(ctx.db, 'calls', key, hash, ctx.now(), async () => {
      const started = await startCall(c, req);
      if (!started)
        throw new ApiError(409, 'no_advisor', 'No advisor is free right now; book a video slot instead.');
      return { status: 201, body: started };
    });
    return c.json(
      answer.body,
      answer.status as 201,
      answer.replayed ? { 'Idempotent-Replayed': 'true' } : {},
    );
  });
}
