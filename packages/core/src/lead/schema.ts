import * as z from 'zod/mini';
import { isBuildCode } from '../build/code.js';

/**
 * The lead, `showroom.lead/1` (spec/lead.md). This schema is the authority: the page and the
 * schema agree, and the reference server validates with this very schema.
 *
 * Beyond the field types the schema enforces:
 * - `customer`: a phone (E.164) or an email; `preferredContact` names a way the lead carries
 *   (`phone`/`sms` need `phone`, `email` needs `email`, `wechat` needs `wechatId`);
 * - `consent.contact` is `true`, and `consent.shareWithDealer` is `true` whenever
 *   `source.dealerId` names the dealer the lead goes to;
 * - `interest.configId` starts with `modelId~trimId`; `interest.price.total` is
 *   `base + options + fees`; a `finance`/`lease` plan has `termMonths` and `monthly`;
 *   `interest.buildCode` is a canonical build code with a matching check symbol;
 * - `appointment.end` is after `start`; a `test-drive` names its `location`; a
 *   `home-test-drive` carries the `address`; `timeZone` is an IANA zone.
 * Parts documented as "only" for some cases (`kioskId`, `address`, `joinUrl`) are accepted
 * elsewhere but not used.
 */

/** Non-blank text of at most `max` characters. */
function text(max: number) {
  return z.string().check(
    z.minLength(1),
    z.maxLength(max),
    z.refine((s) => s.trim().length > 0, 'must not be blank'),
  );
}

const knownZones = new Map<string, boolean>();
/** True when the runtime's Intl knows the IANA time zone `zone`. */
export function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = zone.length > 0;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

/** ISO 8601 date-time with `Z` or an offset, e.g. `2026-11-22T10:15:30+08:00`. */
export const DateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with offset',
});
/** An IANA time zone name, e.g. `Asia/Shanghai`. */
export const TimeZoneSchema = z
  .string()
  .check(z.maxLength(64), z.refine(isTimeZone, 'not a known IANA time zone'));
/** A non-negative amount of money in the catalog currency's shown unit. */
export const MoneySchema = z.number().check(z.gte(0));
/** ISO 4217 currency code. */
export const CurrencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY'));
/**
 * An absolute http(s) URL. Not `z.httpUrl()`: that refuses host names without a dot, so
 * `localhost`, `127.0.0.1` and intranet hosts (a store's kiosk server) would refuse every lead.
 */
export const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const HttpUrl = HttpUrlSchema;

/** Where a lead came from. */
export const LeadChannelSchema = z.enum(['brand-site', 'dealer-site', 'kiosk']);
/** The appointment kinds a shopper can book; also the `service` of API slots and locations. */
export const ServiceSchema = z.enum(['test-drive', 'home-test-drive', 'video', 'phone']);
/** Lead grade: how soon a dealer should call. */
export const LeadGradeSchema = z.enum(['hot', 'warm', 'cold']);
/** How the shopper prefers to be contacted. */
export const ContactMethodSchema = z.enum(['phone', 'sms', 'email', 'wechat']);

export const LeadSourceSchema = z.object({
  channel: LeadChannelSchema,
  site: z.optional(text(253)),
  page: z.optional(HttpUrl),
  referrer: z.optional(text(2048)),
  utm: z.optional(z.record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(256)))),
  /** The dealer (vendor) the lead is for, when known. */
  dealerId: z.optional(text(128)),
  /** The kiosk that took the lead (kiosk channel). */
  kioskId: z.optional(text(128)),
  /** An owner's referral code from the page URL. */
  referral: z.optional(text(64)),
});

export const LeadCustomerSchema = z
  .object({
    name: text(200),
    givenName: z.optional(text(100)),
    familyName: z.optional(text(100)),
    phone: z.optional(z.e164({ error: 'must be an E.164 phone number such as +8613812345678' })),
    /** As `<input type="email">` accepts it (the HTML5 rule), at most 254 characters. */
    email: z.optional(
      z.email({ pattern: z.regexes.html5Email, error: 'must be an email address' }).check(z.maxLength(254)),
    ),
    preferredContact: z.optional(ContactMethodSchema),
    wechatId: z.optional(text(64)),
    locale: z.optional(text(35)),
    postcode: z.optional(text(16)),
  })
  .check(
    z.superRefine((c, ctx) => {
      if (c.phone === undefined && c.email === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: c,
          path: ['phone'],
          message: 'a phone number or an email address is required',
        });
      }
      const needs = { phone: 'phone', sms: 'phone', email: 'email', wechat: 'wechatId' } as const;
      if (c.preferredContact !== undefined && c[needs[c.preferredContact]] === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: c.preferredContact,
          path: ['preferredContact'],
          message: `preferred contact "${c.preferredContact}" needs customer.${needs[c.preferredContact]}`,
        });
      }
    }),
  );

export const LeadConsentSchema = z.object({
  /** Contact about this request: required, never pre-ticked. */
  contact: z.literal(true, { error: 'consent to be contacted is required' }),
  /** Sharing the lead with the dealer: required when the lead names a dealer. */
  shareWithDealer: z.optional(z.boolean()),
  marketing: z.optional(z.boolean()),
  /** Version of the consent text the shopper saw. */
  textVersion: text(64),
  /** When the shopper gave consent. */
  at: DateTimeSchema,
});

/** A price summary: `total = base + options + fees`. Used by leads and saved builds. */
export const PriceSummarySchema = z
  .object({
    currency: CurrencySchema,
    total: MoneySchema,
    base: MoneySchema,
    options: MoneySchema,
    fees: MoneySchema,
  })
  .check(
    z.refine((p) => Math.abs(p.base + p.options + p.fees - p.total) < 0.005, {
      path: ['total'],
      message: 'must equal base + options + fees',
    }),
  );

export const LeadOptionSchema = z.object({
  id: text(128),
  /** Manufacturer option code; goes into ADF as `manufacturercode`. */
  code: z.optional(text(64)),
  name: text(200),
  /** The catalog group id, e.g. `paint`, `wheels`, `interior`. */
  group: text(128),
  /** What this option adds to the price (0 when standard or included). */
  price: MoneySchema,
});

export const FinanceMethodSchema = z.enum(['cash', 'finance', 'lease']);

export const LeadFinanceSchema = z
  .object({
    method: FinanceMethodSchema,
    termMonths: z.optional(z.number().check(z.int(), z.gte(1), z.lte(120))),
    downPayment: z.optional(MoneySchema),
    monthly: z.optional(MoneySchema),
    aprPercent: z.optional(z.number().check(z.gte(0), z.lte(100))),
  })
  .check(
    z.superRefine((f, ctx) => {
      if (f.method === 'cash') return;
      for (const key of ['termMonths', 'monthly'] as const) {
        if (f[key] === undefined)
          ctx.issues.push({ code: 'custom', input: f, path: [key], message: `required for ${f.method}` });
      }
    }),
  );

export const LeadInterestSchema = z
  .object({
    catalogId: text(128),
    modelId: text(128),
    modelYear: z.number().check(z.int(), z.gte(1900), z.lte(2200)),
    make: text(100),
    modelName: text(200),
    trimId: text(128),
    trimName: text(200),
    /** Canonical config id, `modelId~trimId~options…` (spec/catalog.md). */
    configId: text(4096),
    options: z.array(LeadOptionSchema).check(z.maxLength(200)),
    price: PriceSummarySchema,
    finance: z.optional(LeadFinanceSchema),
    buildCode: z.optional(
      z
        .string()
        .check(
          z.refine(isBuildCode, 'must be a build code such as K7F3-QX9M-2P with a matching check symbol'),
        ),
    ),
    buildUrl: z.optional(HttpUrl),
  })
  .check(
    z.refine(
      (i) => i.configId === `${i.modelId}~${i.trimId}` || i.configId.startsWith(`${i.modelId}~${i.trimId}~`),
      {
        path: ['configId'],
        message: 'must start with modelId~trimId',
      },
    ),
  );

export const LeadAddressSchema = z.object({
  street: text(200),
  city: text(100),
  postcode: z.optional(text(16)),
});

export const LeadAppointmentSchema = z
  .object({
    service: ServiceSchema,
    bookingId: text(128),
    slotId: z.optional(text(128)),
    start: DateTimeSchema,
    end: DateTimeSchema,
    timeZone: TimeZoneSchema,
    location: z.optional(z.object({ id: text(128), name: text(200) })),
    /** Where to bring the car (home test drive). */
    address: z.optional(LeadAddressSchema),
    /** The call link (video). */
    joinUrl: z.optional(HttpUrl),
  })
  .check(
    z.superRefine((a, ctx) => {
      if (Date.parse(a.end) <= Date.parse(a.start)) {
        ctx.issues.push({ code: 'custom', input: a.end, path: ['end'], message: 'must be after start' });
      }
      if (a.service === 'test-drive' && a.location === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: a,
          path: ['location'],
          message: 'a test drive needs its location',
        });
      }
      if (a.service === 'home-test-drive' && a.address === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: a,
          path: ['address'],
          message: 'a home test drive needs the address',
        });
      }
    }),
  );

/** One thing the shopper did, from the journey machine: `configurator.trim`, `finance.open`, … */
export const JourneyStepSchema = z.object({
  at: DateTimeSchema,
  event: text(64),
  detail: z.optional(z.string().check(z.maxLength(500))),
});

export const LeadJourneySchema = z.object({
  grade: LeadGradeSchema,
  score: z.number().check(z.int(), z.gte(0), z.lte(100)),
  tags: z.array(text(40)).check(z.maxLength(50)),
  focus: z.array(text(200)).check(z.maxLength(20)),
  steps: z.array(JourneyStepSchema).check(z.maxLength(500)),
});

/** The lead schema id. */
export const LEAD_SCHEMA = 'showroom.lead/1';

export const LeadSchema = z
  .object({
    schema: z.literal(LEAD_SCHEMA, { error: `must be "${LEAD_SCHEMA}"` }),
    /** UUID made in the browser; also the Idempotency-Key. */
    id: z.uuid({ error: 'must be a UUID' }),
    createdAt: DateTimeSchema,
    source: LeadSourceSchema,
    customer: LeadCustomerSchema,
    consent: LeadConsentSchema,
    /** Absent when no car was configured. */
    interest: z.optional(LeadInterestSchema),
    /** Absent when nothing was booked. */
    appointment: z.optional(LeadAppointmentSchema),
    /** What the dealer should know before calling; see `gradeLead`. */
    journey: z.optional(LeadJourneySchema),
    comments: z.optional(z.string().check(z.maxLength(2000))),
  })
  .check(
    z.superRefine((lead, ctx) => {
      if (lead.source.dealerId !== undefined && lead.consent.shareWithDealer !== true) {
        ctx.issues.push({
          code: 'custom',
          input: lead.consent.shareWithDealer,
          path: ['consent', 'shareWithDealer'],
          message: 'consent to share with the dealer is required when source.dealerId is set',
        });
      }
    }),
  );

export type LeadChannel = z.output<typeof LeadChannelSchema>;
export type Service = z.output<typeof ServiceSchema>;
export type LeadGrade = z.output<typeof LeadGradeSchema>;
export type ContactMethod = z.output<typeof ContactMethodSchema>;
export type LeadSource = z.output<typeof LeadSourceSchema>;
export type LeadCustomer = z.output<typeof LeadCustomerSchema>;
export type LeadConsent = z.output<typeof LeadConsentSchema>;
export type PriceSummary = z.output<typeof PriceSummarySchema>;
export type LeadOption = z.output<typeof LeadOptionSchema>;
export type FinanceMethod = z.output<typeof FinanceMethodSchema>;
export type LeadFinance = z.output<typeof LeadFinanceSchema>;
export type LeadInterest = z.output<typeof LeadInterestSchema>;
export type LeadAddress = z.output<typeof LeadAddressSchema>;
export type LeadAppointment = z.output<typeof LeadAppointmentSchema>;
export type JourneyStep = z.output<typeof JourneyStepSchema>;
export type LeadJourney = z.output<typeof LeadJourneySchema>;
/** A valid `showroom.lead/1` lead. */
export type Lead = z.output<typeof LeadSchema>;
