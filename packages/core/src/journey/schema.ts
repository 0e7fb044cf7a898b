import * as z from 'zod/mini';
import {
  BookingSchema,
  BuildChangeSchema,
  BuildSpecSchema,
  ConsultationNowSchema,
  ConsultationStartedSchema,
  GeoSchema,
  LocationSchema,
  SaveBuildRequestSchema,
  SlotSchema,
} from '../api/schemas.js';
import {
  ContactMethodSchema,
  FinanceMethodSchema,
  JourneyStepSchema,
  LeadAddressSchema,
  LeadChannelSchema,
  LeadSchema,
  LeadSourceSchema,
  ServiceSchema,
} from '../lead/schema.js';

/** A UUID, as the journey makes lead ids. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A date and time the platform reads (the journey writes ISO 8601). */
const instant = z.string().check(
  z.maxLength(64),
  z.refine((value) => !Number.isNaN(Date.parse(value)), 'expected a date and time'),
);

/**
 * The journey's context as it may come back from storage: every field checked, so a restored
 * journey is one the machine could have made: the price and finance quote by the fields the
 * journey reads (keeping the rest), everything else exactly the shape the machine writes. The
 * catalog is never stored (it is fetched again on restore), so `catalog` is always null here.
 * Built on the first restore only: pages that start fresh never need it.
 */
function contextSchema() {
  const text = z.string().check(z.maxLength(4096));
  const id = z.string().check(z.minLength(1), z.maxLength(256));
  const int = z.number().check(z.int());
  const money = z.number().check(z.gte(0));

  const ErrorSchema = z.object({
    scope: z.enum(['catalog', 'build', 'save', 'advisor', 'appointment', 'lead']),
    code: z.string().check(z.maxLength(64)),
    message: z.string().check(z.maxLength(2000)),
    status: z.optional(int),
    issues: z.optional(
      z
        .array(z.object({ path: text, message: text, value: z.optional(z.unknown()) }))
        .check(z.maxLength(100)),
    ),
  });

  const PriceSchema = z.looseObject({
    currency: z.string(),
    trimId: id,
    base: z.number(),
    options: z.array(z.looseObject({ optionId: id, groupId: id, price: z.number() })),
    fees: z.array(z.looseObject({ id, price: z.number() })),
    optionsTotal: z.number(),
    feesTotal: z.number(),
    total: z.number(),
  });

  const FinanceQuoteSchema = z.looseObject({
    currency: z.string(),
    price: z.number(),
    aprPercent: z.number(),
    termMonths: int,
    downPayment: z.number(),
    monthlyPayment: z.number(),
    termsMonths: z.array(int),
  });

  const ChangeSchema = z.looseObject({
    optionId: id,
    action: z.enum(['added', 'removed']),
    because: z.optional(z.looseObject({})),
    priceDelta: z.optional(z.number()),
    message: z.optional(z.string()),
  });

  const PendingSchema = z.union([
    z.object({
      kind: z.literal('pick'),
      action: z.enum(['select', 'deselect']),
      optionId: id,
      build: BuildSpecSchema,
      changes: z.array(ChangeSchema),
      priceDelta: z.number(),
    }),
    z.object({
      kind: z.literal('retrieved'),
      code: id,
      build: BuildSpecSchema,
      changes: z.array(z.union([ChangeSchema, BuildChangeSchema])),
      stale: z.boolean(),
      url: z.optional(z.string()),
    }),
  ]);

  const optionalText = z.optional(z.string().check(z.maxLength(500)));

  return z.object({
    settings: z.object({
      channel: LeadChannelSchema,
      privacy: z.enum(['standard', 'kiosk']),
      modelId: z.nullable(id),
      locale: z.nullable(z.string().check(z.maxLength(35))),
      leadSource: z.omit(LeadSourceSchema, { channel: true }),
      consentTextVersion: z.string().check(z.minLength(1), z.maxLength(64)),
      pageUrl: z.nullable(text),
      slotDays: int.check(z.gte(1), z.lte(60)),
      maxSteps: int.check(z.gte(1), z.lte(500)),
      submitOnBooking: z.boolean(),
    }),
    online: z.boolean(),
    catalog: z.null(),
    modelId: z.nullable(id),
    build: z.nullable(BuildSpecSchema),
    configId: z.nullable(text),
    price: z.nullable(PriceSchema),
    finance: z.nullable(
      z.object({
        method: FinanceMethodSchema,
        termMonths: int.check(z.gte(1), z.lte(120)),
        downPayment: money,
      }),
    ),
    financeQuote: z.nullable(FinanceQuoteSchema),
    pendingProposal: z.nullable(PendingSchema),
    refused: z.nullable(
      z.object({ optionId: id, action: z.enum(['select', 'deselect']), reasons: z.array(z.string()) }),
    ),
    saveRequest: z.nullable(z.object({ request: SaveBuildRequestSchema, key: id })),
    saved: z.nullable(
      z.object({
        code: z.nullable(id),
        url: z.nullable(text),
        configId: text,
        build: BuildSpecSchema,
        synced: z.boolean(),
      }),
    ),
    retrieveCode: z.nullable(id),
    advisor: z.nullable(ConsultationNowSchema),
    advisorLanguage: z.nullable(z.string().check(z.maxLength(35))),
    consultKey: z.nullable(id),
    consultation: z.nullable(ConsultationStartedSchema),
    appointment: z.nullable(
      z.object({
        service: ServiceSchema,
        language: z.nullable(z.string().check(z.maxLength(35))),
        near: z.nullable(GeoSchema),
      }),
    ),
    // Snapshots written before the shopper could choose read as the default.
    testDriveMatch: z.enum(['model', 'trim', 'powertrain']),
    locations: z.array(LocationSchema).check(z.maxLength(500)),
    location: z.nullable(LocationSchema),
    slots: z.array(SlotSchema).check(z.maxLength(2000)),
    slotRange: z.nullable(z.object({ from: instant, until: instant })),
    slot: z.nullable(SlotSchema),
    slotTaken: z.boolean(),
    address: z.nullable(LeadAddressSchema),
    // Kiosk snapshots keep the booking without its manage token.
    booking: z.nullable(z.extend(BookingSchema, { manageToken: z.string().check(z.maxLength(256)) })),
    bookingKey: z.nullable(id),
    contact: z.object({
      name: z.string().check(z.maxLength(500)),
      givenName: optionalText,
      familyName: optionalText,
      phone: optionalText,
      email: optionalText,
      preferredContact: z.optional(ContactMethodSchema),
      wechatId: optionalText,
      locale: optionalText,
      postcode: optionalText,
    }),
    consent: z.object({
      contact: z.boolean(),
      shareWithDealer: z.boolean(),
      marketing: z.boolean(),
      at: z.nullable(z.string().check(z.maxLength(64))),
    }),
    comments: z.string().check(z.maxLength(2000)),
    leadId: z.string().check(z.regex(UUID)),
    lead: z.nullable(LeadSchema),
    leadQueue: z.nullable(z.enum(['journey', 'connector'])),
    issues: z
      .array(z.object({ path: text, message: text, value: z.optional(z.unknown()) }))
      .check(z.maxLength(100)),
    steps: z.array(JourneyStepSchema).check(z.maxLength(500)),
    errors: z.object({
      catalog: z.optional(ErrorSchema),
      build: z.optional(ErrorSchema),
      save: z.optional(ErrorSchema),
      advisor: z.optional(ErrorSchema),
      appointment: z.optional(ErrorSchema),
      lead: z.optional(ErrorSchema),
    }),
  });
}

/** Zod schema of a persisted {@link JourneyContext} (built on first use). */
export const JourneyContextSchema = z.lazy(contextSchema);

/** A state value: a state name, or an object of region → state value. */
type StateValue = string | { [key: string]: StateValue };
const isStateValue = (value: unknown, depth = 0): value is StateValue =>
  typeof value === 'string'
    ? value.length <= 64
    : depth < 8 &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.entries(value).every(([key, sub]) => key.length <= 64 && isStateValue(sub, depth + 1));
const StateValueSchema = z.custom<StateValue>(isStateValue, 'expected a state of the journey');

/** The persisted snapshot the journey writes (`children` are never kept: `journey.resume` restarts them). */
export const PersistedJourneySnapshotSchema = z.object({
  status: z.literal('active'),
  value: StateValueSchema,
  context: JourneyContextSchema,
});

/**
 * The envelope in storage: format version, when it was written, the machine version, the
 * identity of the catalog the journey had (fetched again on restore) and the snapshot.
 */
export const JourneyEnvelopeSchema = z.object({
  v: z.literal(2),
  savedAt: instant,
  machineVersion: z.string().check(z.maxLength(64)),
  catalog: z.nullable(z.object({ id: z.string().check(z.minLength(1), z.maxLength(256)) })),
  snapshot: z.unknown(),
});
