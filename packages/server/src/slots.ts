import type { Advisor, Service, Slot } from '@showroom/core';
import type { Param, Queryable } from './db/db.js';
import type { SeedAdvisor, SeedLocation, WeeklyHours } from './seed/schema.js';
import {
  addDays,
  localDate,
  minutesOf,
  offsetMinutes,
  timeOf,
  toZonedIso,
  weekday,
  zonedToUtc,
} from '@showroom/core/time';

/**
 * Appointment slots. Each bookable place-in-time is one row of `slots` with a `capacity`
 * and a `booked` count; the database refuses `booked > capacity`. Rows are cut from opening
 * hours (test drives, home test drives) and advisors' working hours (video and phone) for a
 * rolling window of days, in each place's own time zone, so 10:00 in Munich stays 10:00
 * across the change to and from summer time.
 *
 * Row kinds and slot ids:
 * - `test-drive`: `td.<location>.<trim>.<utc start>`, one row per trim on site, capacity = cars;
 * - `home-test-drive`: `htd.<location>.<utc start>`, capacity = cars that go out at once;
 * - `advisor`: `adv.<advisor>.<utc start>`, capacity 1, serves video and phone alike: the slot
 *   ids the API shows carry the service in front (`video.adv.…`, `phone.adv.…`), so one
 *   advisor is never booked twice for the same half hour.
 */

/** Length and spacing of slots, in minutes. */
export const SLOT_PLAN = {
  'test-drive': { every: 60, minutes: 45 },
  'home-test-drive': { every: 120, minutes: 120 },
  advisor: { every: 30, minutes: 30 },
} as const;

/** How far ahead slots exist, in days. */
export const HORIZON_DAYS = 28;

/** How long before its start a slot can still be booked, in minutes. */
export const BOOKING_NOTICE: Record<Service, number> = {
  'test-drive': 60,
  'home-test-drive': 24 * 60,
  video: 10,
  phone: 10,
};

/** A row of the `slots` table. */
export interface SlotRow {
  id: string;
  kind: 'test-drive' | 'home-test-drive' | 'advisor';
  location_id: string | null;
  advisor_id: string | null;
  model_id: string | null;
  trim_id: string | null;
  start_ms: number;
  end_ms: number;
  local_date: string;
  time_zone: string;
  capacity: number;
  booked: number;
}

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The open ranges of a weekly schedule on a calendar date, in minutes since local midnight. */
function rangesOn(hours: WeeklyHours, date: string): [number, number][] {
  const day = DAY_KEYS[weekday(date)] ?? 'sun';
  return (hours[day] ?? []).map((r) => [minutesOf(r.slice(0, 5)), minutesOf(r.slice(6))]);
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';

/**
 * Minutes since local midnight on `date` to UTC instants. On a day without an offset change
 * (a 24-hour day with the same offset at both ends) that is one addition; on the day of a
 * change every time is converted on its own, and a time the change skips has none.
 */
function dayClock(date: string, timeZone: string): (minutes: number) => number | null {
  const start = zonedToUtc(date, '00:00', timeZone);
  const next = zonedToUtc(addDays(date, 1), '00:00', timeZone);
  if (
    start !== null &&
    next !== null &&
    next - start === 86_400_000 &&
    offsetMinutes(start, timeZone) === offsetMinutes(next - 1, timeZone)
  ) {
    return (m) => start + m * 60_000;
  }
  return (m) => zonedToUtc(date, timeOf(m), timeZone);
}

/** Slots `every` minutes apart, `minutes` long, inside each open range of `hours` on `date`. */
function* cut(
  hours: WeeklyHours,
  date: string,
  timeZone: string,
  plan: { every: number; minutes: number },
): Generator<{ start: number; end: number }> {
  const ranges = rangesOn(hours, date);
  if (ranges.length === 0) return;
  const at = dayClock(date, timeZone);
  for (const [open, close] of ranges) {
    for (let m = open; m + plan.minutes <= close; m += plan.every) {
      // Slots start on the wall clock and last real minutes; a start time that a
      // daylight-saving change skips has no slot.
      const start = at(m);
      if (start !== null) yield { start, end: start + plan.minutes * 60_000 };
    }
  }
}

/** What slots are cut from: the seeded locations (with their fleet) and advisors. */
export interface SlotSources {
  locations: SeedLocation[];
  advisors: SeedAdvisor[];
}

/**
 * Every slot row for the `days` days starting with the local date of `now` in each place's
 * zone. Pure: the same sources and instant always give the same rows and ids.
 */
export function planSlots(
  sources: SlotSources,
  now: number,
  days: number = HORIZON_DAYS,
): Omit<SlotRow, 'booked'>[] {
  const rows: Omit<SlotRow, 'booked'>[] = [];
  for (const loc of sources.locations) {
    const today = localDate(now, loc.timeZone);
    for (let d = 0; d < days; d++) {
      const date = addDays(today, d);
      if (loc.closed.includes(date)) continue;
      if (loc.services.includes('test-drive')) {
        for (const { start, end } of cut(loc.hours, date, loc.timeZone, SLOT_PLAN['test-drive'])) {
          for (const car of loc.fleet) {
            rows.push({
              id: `td.${loc.id}.${car.trimId}.${stamp(start)}`,
              kind: 'test-drive',
              location_id: loc.id,
              advisor_id: null,
              model_id: car.modelId,
              trim_id: car.trimId,
              start_ms: start,
              end_ms: end,
              local_date: date,
              time_zone: loc.timeZone,
              capacity: car.cars,
            });
          }
        }
      }
      if (loc.homeTestDrive && loc.services.includes('home-test-drive') && loc.fleet.length > 0) {
        for (const { start, end } of cut(
          loc.homeTestDrive.hours,
          date,
          loc.timeZone,
          SLOT_PLAN['home-test-drive'],
        )) {
          rows.push({
            id: `htd.${loc.id}.${stamp(start)}`,
            kind: 'home-test-drive',
            location_id: loc.id,
            advisor_id: null,
            model_id: null,
            trim_id: null,
            start_ms: start,
            end_ms: end,
            local_date: date,
            time_zone: loc.timeZone,
            capacity: loc.homeTestDrive.cars,
          });
        }
      }
    }
  }
  for (const adv of sources.advisors) {
    const today = localDate(now, adv.timeZone);
    for (let d = 0; d < days; d++) {
      const date = addDays(today, d);
      for (const { start, end } of cut(adv.hours, date, adv.timeZone, SLOT_PLAN.advisor)) {
        rows.push({
          id: `adv.${adv.id}.${stamp(start)}`,
          kind: 'advisor',
          location_id: null,
          advisor_id: adv.id,
          model_id: null,
          trim_id: null,
          start_ms: start,
          end_ms: end,
          local_date: date,
          time_zone: adv.timeZone,
          capacity: 1,
        });
      }
    }
  }
  return rows;
}

const COLUMNS = [
  'id',
  'kind',
  'location_id',
  'advisor_id',
  'model_id',
  'trim_id',
  'start_ms',
  'end_ms',
  'local_date',
  'time_zone',
  'capacity',
] as const;
const BATCH = 400;

/** Inserts slot rows that do not exist yet (existing rows, and their bookings, are kept). */
export async function insertSlots(db: Queryable, rows: readonly Omit<SlotRow, 'booked'>[]): Promise<number> {
  let inserted = 0;
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const params: Param[] = batch.flatMap((r) => COLUMNS.map((c) => r[c]));
    inserted += await db.run(
      `INSERT INTO slots (${COLUMNS.join(', ')}) VALUES ${batch.map(() => one).join(', ')} ON CONFLICT (id) DO NOTHING`,
      params,
    );
  }
  return inserted;
}

/** The id the API shows for a slot row (advisor rows carry the service in front). */
export function publicSlotId(row: Pick<SlotRow, 'id' | 'kind'>, service: Service): string {
  return row.kind === 'advisor' ? `${service}.${row.id}` : row.id;
}

/** The row id and service behind a slot id the API showed, or null when it cannot be one. */
export function parseSlotId(id: string): { rowId: string; service: Service } | null {
  if (id.startsWith('td.')) return { rowId: id, service: 'test-drive' };
  if (id.startsWith('htd.')) return { rowId: id, service: 'home-test-drive' };
  for (const service of ['video', 'phone'] as const) {
    if (id.startsWith(`${service}.adv.`)) return { rowId: id.slice(service.length + 1), service };
  }
  return null;
}

/** A slot row as the API shows it. */
export function toSlot(row: SlotRow, service: Service, advisors: ReadonlyMap<string, Advisor>): Slot {
  const slot: Slot = {
    id: publicSlotId(row, service),
    service,
    start: toZonedIso(row.start_ms, row.time_zone),
    end: toZonedIso(row.end_ms, row.time_zone),
    timeZone: row.time_zone,
    remaining: row.capacity - row.booked,
  };
  if (row.location_id) slot.locationId = row.location_id;
  if (row.model_id && row.trim_id) slot.vehicle = { modelId: row.model_id, trimId: row.trim_id };
  const advisor = row.advisor_id ? advisors.get(row.advisor_id) : undefined;
  if (advisor) slot.advisor = advisor;
  return slot;
}

/** The kind of slot row that serves a service. */
export function kindOf(service: Service): SlotRow['kind'] {
  return service === 'video' || service === 'phone' ? 'advisor' : service;
}

/**
 * True when an advisor speaking `languages` can hold a conversation in `wanted`: the same tag,
 * or one is a more specific form of the other (`zh` and `zh-CN`; `en-GB` and `en`).
 */
export function speaks(languages: readonly string[], wanted: string): boolean {
  const w = wanted.toLowerCase();
  return languages.some((l) => {
    const t = l.toLowerCase();
    return t === w || t.startsWith(`${w}-`) || w.startsWith(`${t}-`);
  });
}
