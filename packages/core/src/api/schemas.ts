import * as z from 'zod/mini';
import {
  DateTimeSchema,
  HttpUrlSchema,
  LeadAddressSchema,
  LeadSchema,
  PriceSummarySchema,
  ServiceSchema,
  TimeZoneSchema,
} from '../lead/schema.js';

/**
 * Bodies of the REST contract `/api/v1` (spec/api.md). The typed client validates every
 * answer with these; the reference server validates every request with them.
 */

const id = z.string().check(z.minLength(1), z.maxLength(256));
const name = z.string().check(z.minLength(1), z.maxLength(200));
const count = z.number().check(z.int(), z.gte(0));

/** Latitude and longitude in degrees (WGS 84). */
export const GeoSchema = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lng: z.number().check(z.gte(-180), z.lte(180)),
});

/** A showroom or service point. */
export const LocationSchema = z.object({
  id,
  name,
  address: z.string().check(z.maxLength(300)),
  city: name,
  postcode: z.optional(z.string().check(z.maxLength(16))),
  geo: GeoSchema,
  /** IANA zone; slot times at this location are shown in it. */
  timeZone: TimeZoneSchema,
  phone: z.optional(z.string().check(z.maxLength(40))),
  services: z.array(ServiceSchema),
  /** Great-circle distance from `near`, when the query gave one. */
  distanceKm: z.optional(z.number().check(z.gte(0))),
});

export const AdvisorSchema = z.object({
  id,
  name,
  /** BCP 47 tags, e.g. `zh-CN`, `en`. */
  languages: z.array(z.string().check(z.minLength(1), z.maxLength(35))),
});

/** A free appointment slot. `remaining` places are left of its capacity. */
export const SlotSchema = z.object({
  id,
  service: ServiceSchema,
  start: DateTimeSchema,
  end: DateTimeSchema,
  timeZone: TimeZoneSchema,
  remaining: count,
  locationId: z.optional(id),
  /** The car available for a test drive in this slot. */
  vehicle: z.optional(z.object({ modelId: id, trimId: id })),
  advisor: z.optional(AdvisorSchema),
});

/** A booked appointment. Keep `manageToken`: it is the bearer token that cancels the booking. */
export const BookingSchema = z.object({
  id,
  service: ServiceSchema,
  start: DateTimeSchema,
  end: DateTimeSchema,
  timeZone: TimeZoneSchema,
  location: z.optional(LocationSchema),
  joinUrl: z.optional(HttpUrlSchema),
  manageToken: z.string().check(z.minLength(16), z.maxLength(256)),
  /** The appointment as iCalendar; absolute, or relative to the API base URL. */
  calendarUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
});

/** A build as the configurator holds it (spec/catalog.md). */
export const BuildSpecSchema = z.object({
  modelId: id,
  trimId: id,
  options: z.array(id).check(z.maxLength(200)),
});

/** What changed in a saved build because the catalog moved on since it was saved. */
export const BuildChangeSchema = z.object({
  /** The option added or removed, or `trim:<id>` when the trim itself went. */
  optionId: id,
  action: z.enum(['added', 'removed']),
  because: z.optional(z.object({ ruleId: z.optional(id), groupId: z.optional(id), trim: z.optional(id) })),
  priceDelta: z.optional(z.number()),
  /** Shopper-readable explanation, when there is one. */
  message: z.optional(z.string().check(z.maxLength(500))),
});

/** A saved build, read back by its code. */
export const SavedBuildSchema = z.object({
  code: id,
  catalogId: id,
  modelYear: z.number().check(z.int()),
  configId: z.string().check(z.minLength(1), z.maxLength(4096)),
  build: BuildSpecSchema,
  /** The price when it was saved. */
  price: PriceSummarySchema,
  savedAt: DateTimeSchema,
  /** Whether the build is still valid in today's catalog. */
  buildable: z.boolean(),
  /** When the catalog moved on: what the nearest valid build changes. */
  changes: z.optional(z.array(BuildChangeSchema)),
  /** When not buildable as saved: the nearest valid build, if any. */
  nearest: z.optional(BuildSpecSchema),
  /** Today's price, when it differs from `price`. */
  currentPrice: z.optional(PriceSummarySchema),
});

/** `POST /builds` answer. */
export const BuildSavedSchema = z.object({ code: id, url: HttpUrlSchema });

/** `GET /consultations/now`: can an advisor take a video call now. `waitMinutes` is null when no one is online. */
export const ConsultationNowSchema = z.object({
  available: z.boolean(),
  advisorsOnline: count,
  waitMinutes: z.nullable(count),
});

/** `POST /consultations/now` answer: where to join, until when. */
export const ConsultationStartedSchema = z.object({ joinUrl: HttpUrlSchema, expiresAt: DateTimeSchema });

/** `POST /leads` answer. */
export const LeadAcceptedSchema = z.object({ id: z.uuid() });

/** One problem with a request, by dotted path. */
export const ApiIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  value: z.optional(z.unknown()),
});

/** Every error answer: `{ error: { code, message, issues?, alternatives? } }`. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    /** Machine-readable: `slot_unavailable`, `no_advisor`, `not_found`, `invalid_body`, `idempotency_mismatch`, … */
    code: z.string().check(z.minLength(1), z.maxLength(64)),
    message: z.string().check(z.maxLength(2000)),
    issues: z.optional(z.array(ApiIssueSchema)),
    /** With 409 `slot_unavailable`: the nearest free slots. */
    alternatives: z.optional(z.array(SlotSchema)),
  }),
});

// ── request bodies ──

/** `POST /bookings`: book `slotId` for the shopper in `lead`. A home test drive needs `address`. */
export const BookingRequestSchema = z.object({
  slotId: id,
  lead: LeadSchema,
  address: z.optional(LeadAddressSchema),
  language: z.optional(z.string().check(z.maxLength(35))),
});

/** `POST /consultations/now`: start a video call now for the shopper in `lead` (the advisor sees the build). */
export const ConsultationRequestSchema = z.object({
  lead: LeadSchema,
  language: z.optional(z.string().check(z.maxLength(35))),
});

/** `POST /builds`. `pageUrl` is the page the build link should open (defaults to the server's). */
export const SaveBuildRequestSchema = z.object({
  catalogId: id,
  modelYear: z.number().check(z.int()),
  configId: z.string().check(z.minLength(1), z.maxLength(4096)),
  build: BuildSpecSchema,
  price: PriceSummarySchema,
  pageUrl: z.optional(HttpUrlSchema),
});

/** `POST /leads` takes the lead itself. */
export const LeadRequestSchema = LeadSchema;

// ── queries (as they arrive in a URL: strings, numbers coerced) ──

const NearSchema = z.pipe(
  z.string().check(z.regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'must be "lat,lng"')),
  z.transform((s) => {
    const [lat, lng] = s.split(',').map(Number);
    return { lat: lat ?? 0, lng: lng ?? 0 };
  }),
);

/** A powertrain type of the catalog (`bev`, `phev`, `erev`, `hev`, `ice`), as a query asks for it. */
const PowertrainQuerySchema = z
  .string()
  .check(z.regex(/^[a-z]{2,16}$/, 'must be a powertrain type such as "bev"'));

/**
 * `GET /locations?service=&model=&trim=&powertrain=&near=lat,lng`. With `model`, only locations
 * with a car of that model on site; `trim` or `powertrain` (a type, `bev`, `phev`, …) narrow it to
 * that trim or to the model's trims with that powertrain. `trim` wins when both are given.
 */
export const LocationQuerySchema = z.object({
  service: z.optional(ServiceSchema),
  model: z.optional(id),
  trim: z.optional(id),
  powertrain: z.optional(PowertrainQuerySchema),
  near: z.optional(z.pipe(NearSchema, GeoSchema)),
});

/**
 * `GET /slots?service=&from=&days=&location=&model=&trim=&powertrain=&language=`. `from` is a date
 * or date-time. Test-drive slots only with a car of `model` (and `trim`, or a trim of that
 * `powertrain` type, when asked; `trim` wins when both are given).
 */
export const SlotQuerySchema = z.object({
  service: ServiceSchema,
  from: z.optional(z.union([z.iso.date(), DateTimeSchema])),
  days: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(60))),
  location: z.optional(id),
  model: z.optional(id),
  trim: z.optional(id),
  powertrain: z.optional(PowertrainQuerySchema),
  language: z.optional(z.string().check(z.maxLength(35))),
});

export type Geo = z.output<typeof GeoSchema>;
export type Location = z.output<typeof LocationSchema>;
export type Advisor = z.output<typeof AdvisorSchema>;
export type Slot = z.output<typeof SlotSchema>;
export type Booking = z.output<typeof BookingSchema>;
export type BuildSpec = z.output<typeof BuildSpecSchema>;
export type BuildChange = z.output<typeof BuildChangeSchema>;
export type SavedBuild = z.output<typeof SavedBuildSchema>;
export type BuildSaved = z.output<typeof BuildSavedSchema>;
export type ConsultationNow = z.output<typeof ConsultationNowSchema>;
export type ConsultationStarted = z.output<typeof ConsultationStartedSchema>;
export type LeadAccepted = z.output<typeof LeadAcceptedSchema>;
export type ApiIssue = z.output<typeof ApiIssueSchema>;
export type ApiErrorBody = z.output<typeof ApiErrorBodySchema>;
export type BookingRequest = z.output<typeof BookingRequestSchema>;
export type ConsultationRequest = z.output<typeof ConsultationRequestSchema>;
export type SaveBuildRequest = z.output<typeof SaveBuildRequestSchema>;

/** Query of `GET /locations`, as the client takes it. */
export interface LocationQuery {
  service?: z.output<typeof ServiceSchema>;
  /** Only locations with a car of this model. */
  model?: string;
  /** Only locations with a car of this trim (of `model`). */
  trim?: string;
  /** Only locations with a car of `model` whose trim has this powertrain type (`bev`, `phev`, …). */
  powertrain?: string;
  /** Sort by distance from here and fill `distanceKm`. */
  near?: Geo;
}

/** Query of `GET /slots`, as the client takes it. */
export interface SlotQuery {
  service: z.output<typeof ServiceSchema>;
  /** First day (`YYYY-MM-DD`, in each location's zone) or instant; default now. */
  from?: string;
  /** Number of days from `from`; default 7. */
  days?: number;
  location?: string;
  /** Test drives: only with a car of this model. */
  model?: string;
  /** Test drives: only with a car of this trim; wins over `powertrain`. */
  trim?: string;
  /** Test drives: only with a car whose trim has this powertrain type (`bev`, `phev`, …). */
  powertrain?: string;
  language?: string;
}
