import type { z } from 'zod/mini';
import { buildCodeFromBytes, normalizeBuildCode } from '../build/code.js';
import { buildLink } from '../build/link.js';
import { recheckBuild } from '../build/recheck.js';
import type { Catalog } from '../catalog/index.js';
import { after, randomBytes } from '../build/runtime.js';
import { toFieldIssues } from '../lead/issues.js';
import { LeadSchema } from '../lead/schema.js';
import type { Lead, Service } from '../lead/schema.js';
import { ApiError } from './errors.js';
import { toIcs } from './ics.js';
import { BookingRequestSchema, ConsultationRequestSchema, SaveBuildRequestSchema } from './schemas.js';
import type {
  Advisor,
  Booking,
  BuildSaved,
  ConsultationStarted,
  Geo,
  Location,
  SavedBuild,
  SaveBuildRequest,
  Slot,
  SlotQuery,
} from './schemas.js';
import { bookingIdempotencyKey } from './source.js';
import type { CallOptions, ShowroomSource } from './source.js';
import {
  addDays,
  localDate,
  minutesOf,
  timeOf,
  toZonedIso,
  wallClock,
  weekday,
  zonedToUtc,
} from '../time/zone.js';

/** Opening hours by weekday (0 = Sunday), `['10:00', '20:00']` in the location's zone; `null` when closed. */
export type OpeningHours = readonly (readonly [string, string] | null)[];

/** A showroom of the in-memory source: a `Location` plus its hours and the cars it has for test drives. */
export interface MemoryLocation extends Location {
  hours?: OpeningHours;
  /** Test-drive cars; default: every model, the trims shared out between locations. */
  fleet?: readonly { modelId: string; trimId: string }[];
}

/** An advisor for video and phone appointments and calls now. */
export interface MemoryAdvisor extends Advisor {
  /** Working hours in `timeZone`; default 09:00–21:00 every day. */
  hours?: OpeningHours;
  timeZone: string;
}

export interface MemorySourceOptions {
  /** The catalog it serves and checks saved builds against (from `parseCatalog`). */
  catalog: Catalog;
  /** The clock; default `Date.now`. */
  now?: () => Date | number;
  /** Seed for ids, tokens and build codes, for repeatable stories and tests; default: random. */
  seed?: number;
  /** Default: showrooms in Shanghai, Beijing, Taipei and Berlin. */
  locations?: readonly MemoryLocation[];
  /** Default: three advisors (Shanghai, Taipei, Berlin) with their languages. */
  advisors?: readonly MemoryAdvisor[];
  /** The page build links open; default `https://showroom.example/`. */
  pageUrl?: string;
  /** Where video calls are joined; default `https://meet.showroom.example/`. */
  joinBaseUrl?: string;
  /** Simulated latency of every call in ms (default 0); abortable. */
  latencyMs?: number;
}

/** The in-memory source: a {@link ShowroomSource} plus a look at what it holds. */
export interface MemorySource extends ShowroomSource {
  /** Leads received, in order. */
  leads(): Lead[];
  /** Bookings held (cancelled ones are gone). */
  bookings(): Booking[];
}

const WEEK_10_20: OpeningHours = [
  ['10:00', '18:00'],
  ...Array.from({ length: 5 }, () => ['10:00', '20:00'] as const),
  ['10:00', '18:00'],
];
const ADVISOR_HOURS: OpeningHours = Array.from({ length: 7 }, () => ['09:00', '21:00'] as const);

/** The demo showrooms: Shanghai, Beijing, Taipei and Berlin, each in its own zone. */
export const DEMO_LOCATIONS: readonly MemoryLocation[] = [
  {
    id: 'sh-pudong',
    name: 'Aurora Space Pudong',
    address: '世纪大道 100 号',
    city: '上海',
    postcode: '200120',
    geo: { lat: 31.2335, lng: 121.5055 },
    timeZone: 'Asia/Shanghai',
    phone: '+862158880000',
    services: ['test-drive', 'home-test-drive'],
  },
  {
    id: 'bj-sanlitun',
    name: 'Aurora Space Sanlitun',
    address: '三里屯路 19 号',
    city: '北京',
    postcode: '100027',
    geo: { lat: 39.9334, lng: 116.4551 },
    timeZone: 'Asia/Shanghai',
    phone: '+861065880000',
    services: ['test-drive'],
  },
  {
    id: 'tp-xinyi',
    name: 'Aurora Space Xinyi',
    address: '信義路五段 7 號',
    city: '台北',
    postcode: '110',
    geo: { lat: 25.033, lng: 121.5654 },
    timeZone: 'Asia/Taipei',
    phone: '+886227208888',
    services: ['test-drive', 'home-test-drive'],
  },
  {
    id: 'be-mitte',
    name: 'Aurora Studio Berlin Mitte',
    address: 'Friedrichstraße 100',
    city: 'Berlin',
    postcode: '10117',
    geo: { lat: 52.52, lng: 13.388 },
    timeZone: 'Europe/Berlin',
    phone: '+49301234567',
    services: ['test-drive'],
  },
];

/** The demo advisors. */
export const DEMO_ADVISORS: readonly MemoryAdvisor[] = [
  { id: 'adv-li', name: '李娜', languages: ['zh-CN', 'en'], timeZone: 'Asia/Shanghai' },
  { id: 'adv-chen', name: '陳怡君', languages: ['zh-TW', 'zh-CN'], timeZone: 'Asia/Taipei' },
  { id: 'adv-weber', name: 'Jonas Weber', languages: ['de', 'en'], timeZone: 'Europe/Berlin' },
];

/** Length of each kind of appointment, and how often one starts, in minutes. */
const SLOT_SHAPE: Record<Service, { minutes: number; every: number }> = {
  'test-drive': { minutes: 45, every: 60 },
  'home-test-drive': { minutes: 90, every: 180 },
  video: { minutes: 30, every: 30 },
  phone: { minutes: 20, every: 30 },
};

const MINUTE = 60_000;
const DAY = 86_400_000;

/** One bookable place in time, before bookings are counted. */
interface SlotDef {
  slot: Slot;
  startMs: number;
  endMs: number;
  /** What a booking occupies: a car at a location, or an advisor. */
  resource: string;
  capacity: number;
  location?: MemoryLocation;
}

interface HeldBooking {
  booking: Booking;
  resource: string;
  startMs: number;
  endMs: number;
  key: string;
  fingerprint: string;
  lead: Lead;
}

/** Seeded generator (mulberry32), or the platform's random bytes. */
function randomSource(seed: number | undefined): (n: number) => Uint8Array {
  if (seed === undefined) return randomBytes;
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => Uint8Array.from({ length: n }, () => next() & 0xff);
}

/** A deep copy of JSON data, so callers never hold the source's own objects. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The `Location` part of a memory location (without hours and fleet). */
function publicLocation({ hours: _hours, fleet: _fleet, ...location }: MemoryLocation): Location {
  return location;
}

/** Canonical JSON: keys sorted, so equal bodies compare equal whatever their key order. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

function distanceKm(a: Geo, b: Geo): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(s)) * 10) / 10;
}

function languageMatches(languages: readonly string[], wanted: string | undefined): boolean {
  if (!wanted) return true;
  const base = wanted.split('-')[0];
  return languages.some((l) => l === wanted || l.split('-')[0] === base);
}

function invalid(issues: z.core.$ZodIssue[], input: unknown): ApiError {
  return new ApiError({
    status: 422,
    code: 'invalid_body',
    message: 'The request is not valid',
    issues: toFieldIssues(issues, input),
  });
}

function parseBody<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(result.error.issues, input);
  return result.data;
}

/**
 * An in-memory {@link ShowroomSource} for stories, tests and sites without a backend. It
 * behaves like the reference server: slots from each location's opening hours in its own time
 * zone, a capacity per car or advisor, 409 `slot_unavailable` with the nearest free
 * alternatives, cancelling frees the place, saved builds read back tolerantly and re-checked
 * against the catalog, advisors online for calls now, leads idempotent on their key.
 *
 * Slots: test drives (45 min, hourly) where a car of the model (and trim, or a trim of the
 * powertrain type, when asked) is; locations likewise only where such a car is;
 * home test drives (90 min, every 3 h, one driver per location); video (30 min) and phone
 * (20 min) calls every half hour with each advisor speaking the asked language. Every advisor
 * does one thing at a time: a video booking blocks the same advisor's phone slot.
 */
export function createMemorySource(options: MemorySourceOptions): MemorySource {
  const catalog = options.catalog;
  const clock = options.now ?? Date.now;
  const now = () => {
    const t = clock();
    return typeof t === 'number' ? t : t.getTime();
  };
  const random = randomSource(options.seed);
  const randomId = (prefix: string, n = 10) =>
    `${prefix}${Array.from(random(n), (b) => '0123456789abcdefghijklmnopqrstuvwxyz'[b % 36]).join('')}`;
  const pageUrl = options.pageUrl ?? 'https://showroom.example/';
  const joinBase = (options.joinBaseUrl ?? 'https://meet.showroom.example/').replace(/\/?$/, '/');
  const advisors = options.advisors ?? DEMO_ADVISORS;
  const locations: MemoryLocation[] = (options.locations ?? DEMO_LOCATIONS).map((loc, i) => ({
    ...loc,
    fleet:
      loc.fleet ??
      catalog.models.flatMap((m) =>
        (i === 0 ? m.trims : [m.trims[i % m.trims.length]])
          .filter((t) => t !== undefined)
          .map((t) => ({ modelId: m.id, trimId: t.id })),
      ),
  }));
  const catalogEtag = `"${hash(fingerprint(catalog))}"`;

  const held: HeldBooking[] = [];
  const calls: {
    advisorId: string;
    startMs: number;
    endMs: number;
    key: string;
    answer: ConsultationStarted;
  }[] = [];
  const builds = new Map<string, { saved: SaveBuildRequest; code: string; savedAt: string; url: string }>();
  const buildKeys = new Map<string, { fingerprint: string; answer: BuildSaved }>();
  const leads: Lead[] = [];
  const leadKeys = new Map<string, { fingerprint: string; id: string }>();

  async function settle(opts: CallOptions | undefined): Promise<void> {
    const signal = opts?.signal;
    const aborted = () =>
      new ApiError({ status: 0, code: 'aborted', message: 'The request was aborted', cause: signal?.reason });
    if (signal?.aborted) throw aborted();
    const ms = options.latencyMs ?? 0;
    if (ms <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        cancel();
        reject(aborted());
      };
      const cancel = after(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  // ── slots ──

  /** Every slot an owner (a location or an advisor) offers on the local days of [fromMs, toMs). */
  function slotDefs(service: Service, fromMs: number, toMs: number): SlotDef[] {
    const shape = SLOT_SHAPE[service];
    const out: SlotDef[] = [];
    const owners =
      service === 'video' || service === 'phone'
        ? advisors.map((a) => ({
            zone: a.timeZone,
            hours: a.hours ?? ADVISOR_HOURS,
            advisor: a,
            location: undefined,
          }))
        : locations
            .filter((l) => l.services.includes(service))
            .map((l) => ({
              zone: l.timeZone,
              hours: l.hours ?? WEEK_10_20,
              advisor: undefined,
              location: l,
            }));
    for (const owner of owners) {
      const first = localDate(fromMs, owner.zone);
      const days = Math.ceil((toMs - fromMs) / DAY) + 1;
      for (let d = 0; d <= days; d++) {
        const date = addDays(first, d);
        const hours = owner.hours[weekday(date)];
        if (!hours) continue;
        const open = minutesOf(hours[0]);
        const close = minutesOf(hours[1]);
        for (let m = open; m + shape.minutes <= close; m += shape.every) {
          // A time skipped by a spring-forward change has no slot.
          const startMs = zonedToUtc(date, timeOf(m), owner.zone);
          if (startMs === null || startMs < fromMs || startMs >= toMs) continue;
          const endMs = startMs + shape.minutes * MINUTE;
          const base = {
            service,
            start: toZonedIso(startMs, owner.zone),
            end: toZonedIso(endMs, owner.zone),
            timeZone: owner.zone,
          };
          const stamp = startMs.toString(36);
          if (owner.advisor) {
            const { id, name, languages } = owner.advisor;
            out.push({
              slot: {
                id: `sl:${service}:${id}:-:${stamp}`,
                ...base,
                remaining: 1,
                advisor: { id, name, languages: [...languages] },
              },
              startMs,
              endMs,
              resource: `advisor:${id}`,
              capacity: 1,
            });
          } else if (owner.location) {
            const loc = owner.location;
            const cars = service === 'home-test-drive' ? [undefined] : (loc.fleet ?? []);
            for (const car of cars) {
              const vehicle = car ? `${car.modelId}/${car.trimId}` : '-';
              out.push({
                slot: {
                  id: `sl:${service}:${loc.id}:${vehicle}:${stamp}`,
                  ...base,
                  remaining: 1,
                  locationId: loc.id,
                  ...(car ? { vehicle: { modelId: car.modelId, trimId: car.trimId } } : {}),
                },
                startMs,
                endMs,
                // A home test drive takes the location's driver; a test drive takes its car.
                resource: `location:${loc.id}:${vehicle}`,
                capacity: 1,
                location: loc,
              });
            }
          }
        }
      }
    }
    return out.sort((a, b) => a.startMs - b.startMs || (a.slot.id < b.slot.id ? -1 : 1));
  }

  function busy(resource: string, startMs: number, endMs: number): number {
    let n = held.filter((b) => b.resource === resource && b.startMs < endMs && startMs < b.endMs).length;
    if (resource.startsWith('advisor:')) {
      const id = resource.slice('advisor:'.length);
      n += calls.filter((c) => c.advisorId === id && c.startMs < endMs && startMs < c.endMs).length;
    }
    return n;
  }

  function withRemaining(def: SlotDef): Slot {
    return { ...def.slot, remaining: Math.max(0, def.capacity - busy(def.resource, def.startMs, def.endMs)) };
  }

  /** Powertrain type of each trim of the catalog. */
  const powertrainOf = new Map(
    catalog.models.flatMap((m) => m.trims.map((t) => [t.id, t.powertrain?.type] as const)),
  );

  /**
   * Whether `car` is one the query asks for: of its model, and of its trim or, without one, of
   * its powertrain type.
   */
  function carMatches(
    car: { modelId: string; trimId: string },
    query: { model?: string | undefined; trim?: string | undefined; powertrain?: string | undefined },
  ): boolean {
    if (query.model && car.modelId !== query.model) return false;
    if (query.trim) return car.trimId === query.trim;
    return !query.powertrain || powertrainOf.get(car.trimId) === query.powertrain;
  }

  const asksForCar = (query: Parameters<typeof carMatches>[1]) =>
    !!(query.model || query.trim || query.powertrain);

  function matches(def: SlotDef, query: Partial<SlotQuery>): boolean {
    if (query.location && def.slot.locationId !== query.location) return false;
    if (def.slot.vehicle && !carMatches(def.slot.vehicle, query)) return false;
    if (def.slot.service === 'home-test-drive' && asksForCar(query)) {
      // A home test drive brings one of the location's cars: it needs one that fits.
      if (!def.location?.fleet?.some((c) => carMatches(c, query))) return false;
    }
    if (def.slot.advisor && !languageMatches(def.slot.advisor.languages, query.language)) return false;
    return true;
  }

  function freeSlots(query: SlotQuery): Slot[] {
    const t = now();
    const days = Math.min(60, Math.max(1, query.days ?? 7));
    const date = query.from && /^\d{4}-\d{2}-\d{2}$/.test(query.from) ? query.from : undefined;
    let fromMs = t;
    let toMs = t + days * DAY;
    let lastDate: string | undefined;
    if (date) {
      // A date is a local date in each owner's zone (UTC-12 to UTC+14): take the widest window
      // and keep the slots whose local date falls inside.
      const midnight = Date.parse(`${date}T00:00:00Z`);
      fromMs = midnight - 14 * 3_600_000;
      toMs = midnight + days * DAY + 12 * 3_600_000;
      lastDate = addDays(date, days);
    } else if (query.from && !Number.isNaN(Date.parse(query.from))) {
      fromMs = Date.parse(query.from);
      toMs = fromMs + days * DAY;
    }
    return slotDefs(query.service, Math.max(fromMs, t), toMs)
      .filter((def) => def.startMs > t && matches(def, query))
      .filter(
        (def) =>
          !date ||
          !lastDate ||
          (def.slot.start.slice(0, 10) >= date && def.slot.start.slice(0, 10) < lastDate),
      )
      .map(withRemaining)
      .filter((s) => s.remaining > 0);
  }

  /** The slot behind an id, if it is one this source offers. */
  function resolveSlot(id: string): SlotDef | undefined {
    const parts = id.split(':');
    if (parts.length !== 5 || parts[0] !== 'sl') return undefined;
    const service = parts[1] as Service;
    if (!(service in SLOT_SHAPE)) return undefined;
    const startMs = parseInt(parts[4] ?? '', 36);
    if (!Number.isFinite(startMs)) return undefined;
    return slotDefs(service, startMs - DAY, startMs + DAY).find((def) => def.slot.id === id);
  }

  function alternatives(def: SlotDef, language: string | undefined): Slot[] {
    const query: SlotQuery = {
      service: def.slot.service,
      ...(def.slot.locationId ? { location: def.slot.locationId } : {}),
      ...(def.slot.vehicle ? { model: def.slot.vehicle.modelId } : {}),
      ...(language ? { language } : {}),
    };
    const from = Math.max(now(), def.startMs - 7 * DAY);
    return slotDefs(def.slot.service, from, def.startMs + 7 * DAY)
      .filter((d) => d.startMs > now() && d.slot.id !== def.slot.id && matches(d, query))
      .map((d) => ({ d, slot: withRemaining(d) }))
      .filter(({ slot }) => slot.remaining > 0)
      .sort(
        (a, b) =>
          Math.abs(a.d.startMs - def.startMs) - Math.abs(b.d.startMs - def.startMs) ||
          a.d.startMs - b.d.startMs,
      )
      .slice(0, 3)
      .map(({ slot }) => slot);
  }

  // ── builds ──

  function recheck(
    saved: SaveBuildRequest,
  ): Pick<SavedBuild, 'buildable' | 'changes' | 'nearest' | 'currentPrice'> {
    const { buildable, changes, nearest, price } = recheckBuild(catalog, saved);
    if (buildable)
      return price && fingerprint(price) !== fingerprint(saved.price)
        ? { buildable, currentPrice: price }
        : { buildable };
    return { buildable, changes, ...(nearest ? { nearest } : {}), ...(price ? { currentPrice: price } : {}) };
  }

  function savedBuild(code: string): SavedBuild {
    const entry = builds.get(code);
    if (!entry)
      throw new ApiError({ status: 404, code: 'not_found', message: `No saved build with code ${code}` });
    const { saved } = entry;
    return {
      code,
      catalogId: saved.catalogId,
      modelYear: saved.modelYear,
      configId: saved.configId,
      build: saved.build,
      price: saved.price,
      savedAt: entry.savedAt,
      ...recheck(saved),
    };
  }

  // ── consultations ──

  function advisorsNow(language: string | undefined): {
    online: MemoryAdvisor[];
    free: MemoryAdvisor[];
    waitMinutes: number | null;
  } {
    const t = now();
    const online = advisors.filter((a) => {
      if (!languageMatches(a.languages, language)) return false;
      const w = wallClock(t, a.timeZone);
      const hours = (a.hours ?? ADVISOR_HOURS)[weekday(w.date)];
      const m = minutesOf(w.time);
      return !!hours && m >= minutesOf(hours[0]) && m < minutesOf(hours[1]);
    });
    const free = online.filter((a) => busy(`advisor:${a.id}`, t, t + 1) === 0);
    if (free.length > 0 || online.length === 0) return { online, free, waitMinutes: free.length ? 0 : null };
    const ends = online.flatMap((a) => [
      ...held
        .filter((b) => b.resource === `advisor:${a.id}` && b.startMs <= t && t < b.endMs)
        .map((b) => b.endMs),
      ...calls.filter((c) => c.advisorId === a.id && c.startMs <= t && t < c.endMs).map((c) => c.endMs),
    ]);
    return { online, free, waitMinutes: Math.max(1, Math.ceil((Math.min(...ends) - t) / MINUTE)) };
  }

  // ── the source ──

  return {
    async getCatalog(opts = {}) {
      await settle(opts);
      if (opts.etag === catalogEtag) return { status: 'not-modified', etag: catalogEtag };
      return { status: 'ok', catalog: clone(catalog), etag: catalogEtag };
    },

    async listLocations(query = {}, opts) {
      await settle(opts);
      const found = locations
        .filter((l) => !query.service || l.services.includes(query.service))
        .filter((l) => !asksForCar(query) || (l.fleet ?? []).some((c) => carMatches(c, query)))
        .map(publicLocation)
        .map((location) =>
          query.near ? { ...location, distanceKm: distanceKm(query.near, location.geo) } : location,
        );
      return query.near ? found.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0)) : found;
    },

    async listSlots(query, opts) {
      await settle(opts);
      return freeSlots(query);
    },

    async createBooking(input, opts = {}) {
      await settle(opts);
      const request = parseBody(BookingRequestSchema, input);
      const key = opts.idempotencyKey ?? bookingIdempotencyKey(request);
      const print = fingerprint(request);
      const repeat = held.find((b) => b.key === key);
      if (repeat) {
        if (repeat.fingerprint !== print) {
          throw new ApiError({
            status: 422,
            code: 'idempotency_mismatch',
            message: 'This Idempotency-Key was used with another request',
          });
        }
        return clone(repeat.booking);
      }
      const def = resolveSlot(request.slotId);
      if (!def) throw new ApiError({ status: 404, code: 'not_found', message: `No slot ${request.slotId}` });
      if (def.slot.service === 'home-test-drive' && !request.address) {
        throw new ApiError({
          status: 422,
          code: 'invalid_body',
          message: 'A home test drive needs the address',
          issues: [{ path: 'address', message: 'required for a home test drive' }],
        });
      }
      if (def.startMs <= now() || busy(def.resource, def.startMs, def.endMs) >= def.capacity) {
        throw new ApiError({
          status: 409,
          code: 'slot_unavailable',
          message: 'This slot is no longer available',
          alternatives: alternatives(def, request.language),
        });
      }
      const id = randomId('bk_');
      const joinUrl = def.slot.service === 'video' ? `${joinBase}${id}` : undefined;
      const summary = {
        'test-drive': 'Test drive',
        'home-test-drive': 'Home test drive',
        video: 'Video call',
        phone: 'Phone call',
      }[def.slot.service];
      const place =
        def.slot.service === 'home-test-drive' && request.address
          ? `${request.address.street}, ${request.address.city}`
          : def.location
            ? `${def.location.name}, ${def.location.address}, ${def.location.city}`
            : undefined;
      const ics = toIcs({
        uid: `${id}@showroom`,
        start: def.startMs,
        end: def.endMs,
        stamp: now(),
        summary: def.slot.vehicle
          ? `${summary}: ${def.slot.vehicle.modelId} ${def.slot.vehicle.trimId}`
          : summary,
        ...(place ? { location: place } : {}),
        ...(joinUrl ? { url: joinUrl } : {}),
      });
      const booking: Booking = {
        id,
        service: def.slot.service,
        start: def.slot.start,
        end: def.slot.end,
        timeZone: def.slot.timeZone,
        ...(def.location ? { location: publicLocation(def.location) } : {}),
        ...(joinUrl ? { joinUrl } : {}),
        manageToken: randomId('mt_', 32),
        calendarUrl: `data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}`,
      };
      held.push({
        booking,
        resource: def.resource,
        startMs: def.startMs,
        endMs: def.endMs,
        key,
        fingerprint: print,
        lead: request.lead,
      });
      return clone(booking);
    },

    async cancelBooking(bookingId, manageToken, opts) {
      await settle(opts);
      const i = held.findIndex((b) => b.booking.id === bookingId && b.booking.manageToken === manageToken);
      // A wrong token reads like an unknown booking: it does not reveal which bookings exist.
      if (i < 0) throw new ApiError({ status: 404, code: 'not_found', message: `No booking ${bookingId}` });
      held.splice(i, 1);
    },

    async getConsultationNow(query = {}, opts) {
      await settle(opts);
      const { online, free, waitMinutes } = advisorsNow(query.language);
      return { available: free.length > 0, advisorsOnline: online.length, waitMinutes };
    },

    async startConsultation(input, opts = {}) {
      await settle(opts);
      const request = parseBody(ConsultationRequestSchema, input);
      const key = opts.idempotencyKey ?? `${request.lead.id}:now`;
      const repeat = calls.find((c) => c.key === key);
      if (repeat) return { ...repeat.answer };
      const advisor = advisorsNow(request.language).free[0];
      if (!advisor)
        throw new ApiError({ status: 409, code: 'no_advisor', message: 'No advisor is free right now' });
      const t = now();
      const answer = {
        joinUrl: `${joinBase}${randomId('now_')}`,
        expiresAt: new Date(t + 10 * MINUTE).toISOString(),
      };
      calls.push({ advisorId: advisor.id, startMs: t, endMs: t + 30 * MINUTE, key, answer });
      return { ...answer };
    },

    async saveBuild(input, opts = {}) {
      await settle(opts);
      const request = parseBody(SaveBuildRequestSchema, input);
      const print = fingerprint(request);
      const repeat = opts.idempotencyKey ? buildKeys.get(opts.idempotencyKey) : undefined;
      if (repeat) {
        if (repeat.fingerprint !== print) {
          throw new ApiError({
            status: 422,
            code: 'idempotency_mismatch',
            message: 'This Idempotency-Key was used with another request',
          });
        }
        return { ...repeat.answer };
      }
      let code = buildCodeFromBytes(random(9));
      while (builds.has(code)) code = buildCodeFromBytes(random(9));
      const url = buildLink(request.pageUrl ?? pageUrl, request.configId);
      builds.set(code, { saved: request, code, savedAt: new Date(now()).toISOString(), url });
      const answer = { code, url };
      if (opts.idempotencyKey) buildKeys.set(opts.idempotencyKey, { fingerprint: print, answer });
      return { ...answer };
    },

    async getBuild(input, opts) {
      await settle(opts);
      const code = normalizeBuildCode(input);
      if (!code)
        throw new ApiError({ status: 400, code: 'invalid_code', message: `Not a build code: ${input}` });
      return clone(savedBuild(code));
    },

    async sendLead(input, opts = {}) {
      await settle(opts);
      const lead = parseBody(LeadSchema, input);
      const key = opts.idempotencyKey ?? lead.id;
      const print = fingerprint(lead);
      const repeat = leadKeys.get(key);
      if (repeat) {
        if (repeat.fingerprint !== print) {
          throw new ApiError({
            status: 422,
            code: 'idempotency_mismatch',
            message: 'This Idempotency-Key was used with another lead',
          });
        }
        return { id: repeat.id };
      }
      leads.push(clone(lead));
      leadKeys.set(key, { fingerprint: print, id: lead.id });
      return { id: lead.id };
    },

    leads: () => clone(leads),
    bookings: () => held.map((b) => clone(b.booking)),
  };
}
