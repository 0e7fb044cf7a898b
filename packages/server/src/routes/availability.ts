import type { Hono } from 'hono';
import { LocationQuerySchema, SlotQuerySchema } from '@showroom/core';
import type { Geo, Location, Service, Slot } from '@showroom/core';
import { z } from 'zod';
import type { Param } from '../db/db.js';
import { toLocation } from '../context.js';
import type { ServerContext } from '../context.js';
import { validate } from '../http.js';
import { BOOKING_NOTICE, kindOf, speaks, toSlot } from '../slots.js';
import type { SlotRow } from '../slots.js';
import { addDays } from '@showroom/core/time';
import { catalogView } from '../catalog.js';

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: Geo, b: Geo): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The most slots one answer carries. */
export const MAX_SLOTS = 2000;
const DAY = 86_400_000;

/**
 * Query parameters the server reads beyond the contract's: `near=lat,lng` limits home test
 * drives to locations that drive that far.
 */
const SlotExtrasSchema = z.object({ near: LocationQuerySchema.shape.near });

/** Which cars a query asks for: of `model`, and of `trim` or, without one, of a `powertrain` type. */
export interface CarFilter {
  model?: string | undefined;
  trim?: string | undefined;
  powertrain?: string | undefined;
}

/** Whether a query names a car at all (else every location and slot fits). */
function asksForCar(filter: CarFilter): boolean {
  return Boolean(filter.model || filter.trim || filter.powertrain);
}

/** The trims a query accepts: `[trim]`, the trims of the powertrain type, or `undefined` for any. */
function trimsAsked(ctx: ServerContext, filter: CarFilter): readonly string[] | undefined {
  if (filter.trim) return [filter.trim];
  if (filter.powertrain) return catalogView(ctx.catalog).trimsWithPowertrain(filter.powertrain);
  return undefined;
}

/** Whether a location has a car on site that the query asks for. */
function hasCar(
  fleet: readonly { modelId: string; trimId: string }[],
  filter: CarFilter,
  trims: readonly string[] | undefined,
): boolean {
  return fleet.some(
    (f) => (!filter.model || f.modelId === filter.model) && (!trims || trims.includes(f.trimId)),
  );
}

/** Query filters for free slots. */
export interface SlotFilter {
  service: Service;
  from?: string | undefined;
  days?: number | undefined;
  location?: string | undefined;
  model?: string | undefined;
  trim?: string | undefined;
  language?: string | undefined;
  near?: Geo | undefined;
  powertrain?: string | undefined;
}

/**
 * Free slots matching `filter`: soonest first, or with `nearest` the ones closest in time to
 * that instant.
 */
export async function findSlots(
  ctx: ServerContext,
  filter: SlotFilter,
  { limit = MAX_SLOTS, nearest }: { limit?: number; nearest?: number } = {},
): Promise<Slot[]> {
  await ctx.ensureSlots();
  const dir = ctx.directory();
  const now = ctx.now();
  const days = filter.days ?? 7;
  const where: string[] = ['kind = ?', 'booked < capacity', 'start_ms >= ?'];
  const params: Param[] = [kindOf(filter.service), now + BOOKING_NOTICE[filter.service] * 60_000];
  if (filter.from && /^\d{4}-\d{2}-\d{2}$/.test(filter.from)) {
    // A date is a calendar day in each slot's own zone.
    where.push('local_date >= ?', 'local_date < ?');
    params.push(filter.from, addDays(filter.from, days));
  } else {
    const from = filter.from ? Date.parse(filter.from) : now;
    where.push('start_ms >= ?', 'start_ms < ?');
    params.push(from, from + days * DAY);
  }
  const inList = (column: string, values: readonly string[]) => {
    where.push(values.length ? `${column} IN (${values.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...values);
  };
  if (filter.service === 'video' || filter.service === 'phone') {
    if (filter.language) {
      inList(
        'advisor_id',
        dir.advisors.filter((a) => speaks(a.languages, filter.language ?? '')).map((a) => a.id),
      );
    }
  } else {
    const trims = trimsAsked(ctx, filter);
    let places = dir.locations.filter((l) => l.services.includes(filter.service));
    if (filter.location) places = places.filter((l) => l.id === filter.location);
    // A home test drive brings one of the location's cars: it needs one that fits too.
    if (asksForCar(filter)) places = places.filter((l) => hasCar(l.fleet, filter, trims));
    const near = filter.near;
    if (filter.service === 'home-test-drive' && near) {
      places = places.filter((l) => l.homeTestDrive && distanceKm(near, l.geo) <= l.homeTestDrive.radiusKm);
    }
    inList(
      'location_id',
      places.map((l) => l.id),
    );
    if (filter.service === 'test-drive') {
      if (filter.model) {
        where.push('model_id = ?');
        params.push(filter.model);
      }
      if (trims) inList('trim_id', trims);
    }
  }
  const order = nearest === undefined ? 'start_ms, id' : 'ABS(start_ms - ?), start_ms, id';
  if (nearest !== undefined) params.push(nearest);
  const rows = await ctx.db.all<SlotRow>(
    `SELECT * FROM slots WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${Math.floor(limit)}`,
    params,
  );
  return rows.map((r) => toSlot(r, filter.service, dir.advisorCards));
}

/** `GET /locations` and `GET /slots`. */
export function availabilityRoutes(api: Hono, ctx: ServerContext): void {
  api.get('/locations', async (c) => {
    const q = validate(LocationQuerySchema, c.req.query(), 'query');
    let places = ctx.directory().locations;
    if (q.service) places = places.filter((l) => l.services.includes(q.service as Service));
    if (asksForCar(q)) {
      const trims = trimsAsked(ctx, q);
      places = places.filter((l) => hasCar(l.fleet, q, trims));
    }
    const out: Location[] = places.map(toLocation);
    const near = q.near;
    if (near) {
      for (const l of out) l.distanceKm = Math.round(distanceKm(near, l.geo) * 10) / 10;
      out.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0));
    }
    return c.json(out);
  });

  api.get('/slots', async (c) => {
    const query = c.req.query();
    const q = validate(SlotQuerySchema, query, 'query');
    const extras = validate(SlotExtrasSchema, query, 'query');
    return c.json({ slots: await findSlots(ctx, { ...q, ...extras }) });
  });
}
