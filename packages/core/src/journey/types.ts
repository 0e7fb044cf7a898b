import type {
  Booking,
  BookingRequest,
  BuildChange,
  BuildSaved,
  ConsultationNow,
  ConsultationStarted,
  Geo,
  Location,
  LocationQuery,
  SavedBuild,
  SaveBuildRequest,
  Slot,
  SlotQuery,
} from '../api/schemas.js';
import type { FieldIssue } from '../lead/issues.js';
import type {
  ContactMethod,
  FinanceMethod,
  JourneyStep,
  Lead,
  LeadAddress,
  LeadChannel,
  LeadSource,
  Service,
} from '../lead/schema.js';
import type { Catalog } from '../catalog/schema.js';
import type { Build } from '../configurator/build.js';
import type { FinanceQuote } from '../configurator/finance.js';
import type { PriceBreakdown } from '../configurator/types.js';

/**
 * One change a proposal makes beyond the shopper's pick: the engine's `Change`, or, for a saved
 * build the catalog moved away from, what the server or the engine says differs.
 */
export type JourneyChange = BuildChange;

/** Where a failure happened; each part of the journey keeps its own last error. */
export type JourneyScope = 'catalog' | 'build' | 'save' | 'advisor' | 'appointment' | 'lead';

/**
 * A failure the shopper can see and the host page receives (`showroom-error`): a
 * machine-readable `code` (`offline`, `slot_unavailable`, `not_found`, `invalid_code`,
 * `invalid_body`, `contact_required`, …), a readable `message`, the HTTP `status` when there
 * was one and the field `issues` (path, message, value) when input was refused.
 */
export interface JourneyError {
  scope: JourneyScope;
  code: string;
  message: string;
  status?: number;
  issues?: FieldIssue[];
}

/**
 * How the journey treats personal data at rest. `standard` persists the whole journey so a
 * reload keeps what the shopper typed; `kiosk` persists no personal data at all (contact,
 * consent, comments, address, the lead and the booking's manage token are never written).
 */
export type JourneyPrivacy = 'standard' | 'kiosk';

/** What a journey is started with; kept in the snapshot as `settings`. */
export interface JourneyInput {
  /** Where the journey runs; becomes the lead's `source.channel`. */
  channel: LeadChannel;
  privacy?: JourneyPrivacy;
  /** The model to configure; default the catalog's first model. */
  modelId?: string;
  /** The shopper's locale (BCP 47); default the catalog's first locale. */
  locale?: string;
  /** The rest of the lead's `source` (site, page, referrer, utm, dealerId, kioskId, referral). */
  leadSource?: Omit<LeadSource, 'channel'>;
  /** Version of the consent text the lead form shows; goes into `consent.textVersion`. */
  consentTextVersion?: string;
  /** Whether the network is up at start (default true). */
  online?: boolean;
  /** The page build links open (`?showroom-build=`); also sent with saved builds. */
  pageUrl?: string;
  /** Days of slots to ask for (default 14). */
  slotDays?: number;
  /** Most journey steps kept for the lead (default 100, at most 500); the oldest go first. */
  maxSteps?: number;
  /**
   * Submit the lead as soon as an appointment is booked or a video call starts now (default
   * true). One lead per journey: whichever comes first sends it, the other does not send again.
   */
  submitOnBooking?: boolean;
}

/** {@link JourneyInput} with defaults applied. */
export interface JourneySettings {
  channel: LeadChannel;
  privacy: JourneyPrivacy;
  modelId: string | null;
  locale: string | null;
  leadSource: Omit<LeadSource, 'channel'>;
  consentTextVersion: string;
  pageUrl: string | null;
  slotDays: number;
  maxSteps: number;
  submitOnBooking: boolean;
}

/** The shopper's contact details as typed (validated when a lead is assembled). */
export interface JourneyContact {
  name: string;
  givenName?: string;
  familyName?: string;
  phone?: string;
  email?: string;
  preferredContact?: ContactMethod;
  wechatId?: string;
  locale?: string;
  postcode?: string;
}

/** Consent, each purpose separate and never pre-ticked; `at` is when contact consent was given. */
export interface JourneyConsent {
  contact: boolean;
  shareWithDealer: boolean;
  marketing: boolean;
  at: string | null;
}

/** The shopper's finance choice. */
export interface JourneyFinance {
  method: FinanceMethod;
  termMonths: number;
  downPayment: number;
}

/**
 * A build waiting for the shopper's yes: a pick whose proposal changes more than the pick
 * itself, or a retrieved build that the catalog has moved away from.
 */
export type PendingProposal =
  | {
      kind: 'pick';
      action: 'select' | 'deselect';
      optionId: string;
      build: Build;
      changes: JourneyChange[];
      priceDelta: number;
    }
  | {
      kind: 'retrieved';
      code: string;
      build: Build;
      changes: JourneyChange[];
      /** True when the saved build is no longer buildable as saved (`build` is the nearest valid one). */
      stale: boolean;
      url?: string;
    };

/** A pick the engine refused, with the reasons to show. */
export interface RefusedPick {
  optionId: string;
  action: 'select' | 'deselect';
  reasons: string[];
}

/** The saved build: online with its code and link; offline kept here, `synced: false`, until it is sent. */
export interface JourneySaved {
  code: string | null;
  url: string | null;
  configId: string;
  build: Build;
  synced: boolean;
}

/**
 * Which test-drive cars count for the shopper: any car of the configured `model` (the default,
 * so nobody is told "no showroom" only because their exact trim is not on display), one of the
 * configured `trim`, or one with the same `powertrain` type (`bev`, `phev`, …) as that trim.
 */
export type TestDriveMatch = 'model' | 'trim' | 'powertrain';

/** What the shopper is booking. */
export interface JourneyAppointment {
  service: Service;
  language: string | null;
  near: Geo | null;
}

/**
 * The journey's context: plain data only, so a snapshot can be persisted and restored.
 * Derived values (`configId`, `price`, `financeQuote`) are recomputed whenever the build changes.
 */
export interface JourneyContext {
  settings: JourneySettings;
  online: boolean;
  catalog: Catalog | null;
  modelId: string | null;
  build: Build | null;
  configId: string | null;
  price: PriceBreakdown | null;
  finance: JourneyFinance | null;
  financeQuote: FinanceQuote | null;
  pendingProposal: PendingProposal | null;
  refused: RefusedPick | null;
  /** The build to save or to sync, as it was when the shopper saved it (kept until the server has it). */
  saveRequest: { request: SaveBuildRequest; key: string } | null;
  saved: JourneySaved | null;
  retrieveCode: string | null;
  advisor: ConsultationNow | null;
  /** The language asked for the advisor (video now, or a booked call). */
  advisorLanguage: string | null;
  /** Idempotency key of the call being started; reused if the start is retried. */
  consultKey: string | null;
  consultation: ConsultationStarted | null;
  appointment: JourneyAppointment | null;
  /** Which cars a test-drive location and slot must have (default `model`); kept across bookings. */
  testDriveMatch: TestDriveMatch;
  locations: Location[];
  location: Location | null;
  slots: Slot[];
  /**
   * The time range `slots` cover (ISO instants, `until` exclusive): the first load asks for
   * `settings.slotDays` from now, each `slots.more` as many again from `until`.
   */
  slotRange: { from: string; until: string } | null;
  slot: Slot | null;
  /** True when `slots` are the alternatives a 409 offered for a slot someone else just took. */
  slotTaken: boolean;
  address: LeadAddress | null;
  booking: Booking | null;
  /** Idempotency key of the booking request; reused on every retry of the same request. */
  bookingKey: string | null;
  contact: JourneyContact;
  consent: JourneyConsent;
  comments: string;
  /** The lead's id (and Idempotency-Key); one per journey. */
  leadId: string;
  /** The lead as last assembled (for a booking, a call or submission). */
  lead: Lead | null;
  /** Who holds a queued lead: the journey (resent on `network.online`) or the connector's outbox. */
  leadQueue: 'journey' | 'connector' | null;
  /** Problems with what the shopper typed, by path (from the lead schema or a 422 answer). */
  issues: FieldIssue[];
  steps: JourneyStep[];
  errors: Partial<Record<JourneyScope, JourneyError>>;
}

/**
 * Events the journey accepts. Elements send them; nothing else changes the journey.
 *
 * - `catalog.retry` — load the catalog again after a failure.
 * - `catalog.refresh` — fetch today's catalog; the build follows it (today's price, or the
 *   nearest valid build, told with `build-changed` cause `catalog`). Sent after a restore.
 * - `model.pick { modelId }` — configure another model (default build of its default trim).
 * - `build.select { optionId }` / `build.deselect { optionId }` — a pick; `trim:<id>` switches trim.
 *   Picks that change nothing else apply at once; otherwise the proposal waits in
 *   `pendingProposal`. Refused picks land in `refused` with reasons.
 * - `build.confirm` / `build.cancel` — accept or drop `pendingProposal`.
 * - `build.view { trimId }` — the shopper looked at a trim (recorded for the lead; compared trims).
 * - `build.restart { trimId? }` — back to the default build.
 * - `finance.set { method?, termMonths?, downPayment? }` — the finance plan.
 * - `panel.open { panel }` — a panel was opened (`finance`, `video`, `test-drive`, …): recorded.
 * - `build.save` — save the build (offline: kept, synced on `network.online`).
 * - `build.load { code }` — open a saved build by code.
 * - `advisor.check { language? }` — is an advisor free now; `consult.start` / `consult.end`.
 * - `appointment.start { service, language? }` — book `test-drive`, `home-test-drive`, `video`
 *   or `phone`; `appointment.close` leaves it; `appointment.retry` after a load error.
 * - `testDrive.match { match }` — which test-drive cars count: `model` (default), `trim` or
 *   `powertrain`; while locations or slots are shown, the locations are searched again.
 * - `location.search { near? }`, `location.pick { locationId }`, `slot.pick { slotId }`,
 *   `address.update { address }`, `booking.confirm`, `booking.cancel`.
 * - `slots.more` — while slots are shown, load the next `slotDays` after `slotRange.until` and
 *   add them to `slots` (state `loadingMoreSlots` meanwhile).
 * - `contact.update { contact?, consent?, comments? }` — what the shopper typed (merged).
 * - `lead.submit` — assemble, validate and send the lead.
 * - `lead.delivered { leadId }` / `lead.rejected { leadId, reason?, status? }` — what the
 *   connector's outbox did with a queued lead (`createJourney` forwards them).
 * - `network.online` / `network.offline` — connectivity changed.
 * - `journey.reset` — wipe everything (and the persisted snapshot); `journey.resume` — restart
 *   whatever was in flight when the snapshot was taken (sent by `createJourney` after a restore).
 */
export type JourneyEvent =
  | { type: 'catalog.retry' }
  | { type: 'catalog.refresh' }
  | { type: 'model.pick'; modelId: string }
  | { type: 'build.select'; optionId: string }
  | { type: 'build.deselect'; optionId: string }
  | { type: 'build.confirm' }
  | { type: 'build.cancel' }
  | { type: 'build.view'; trimId: string }
  | { type: 'build.restart'; trimId?: string }
  | { type: 'finance.set'; method?: FinanceMethod; termMonths?: number; downPayment?: number }
  | { type: 'panel.open'; panel: string }
  | { type: 'build.save' }
  | { type: 'build.load'; code: string }
  | { type: 'advisor.check'; language?: string }
  | { type: 'consult.start' }
  | { type: 'consult.end' }
  | { type: 'appointment.start'; service: Service; language?: string }
  | { type: 'appointment.close' }
  | { type: 'appointment.retry' }
  | { type: 'testDrive.match'; match: TestDriveMatch }
  | { type: 'location.search'; near?: Geo }
  | { type: 'location.pick'; locationId: string }
  | { type: 'slot.pick'; slotId: string }
  | { type: 'slots.more' }
  | { type: 'address.update'; address: Partial<LeadAddress> }
  | { type: 'booking.confirm' }
  | { type: 'booking.cancel' }
  | {
      type: 'contact.update';
      contact?: Partial<JourneyContact>;
      consent?: Partial<Omit<JourneyConsent, 'at'>>;
      comments?: string;
    }
  | { type: 'lead.submit' }
  | { type: 'lead.delivered'; leadId: string }
  | { type: 'lead.rejected'; leadId: string; reason?: string; status?: number }
  | { type: 'network.online' }
  | { type: 'network.offline' }
  | { type: 'journey.reset' }
  | { type: 'journey.resume' };

/** The events the journey emits; the elements re-dispatch them as `showroom-*` DOM events. */
export type JourneyEmitted =
  | {
      type: 'build-changed';
      build: Build;
      configId: string;
      price: PriceBreakdown | null;
      changes: JourneyChange[];
      cause: 'select' | 'deselect' | 'trim' | 'retrieved' | 'restart' | 'model' | 'catalog';
    }
  | { type: 'build-saved'; code: string | null; url: string | null; configId: string; synced: boolean }
  | { type: 'booking-confirmed'; booking: Booking }
  | { type: 'lead-sent'; leadId: string }
  | { type: 'lead-queued'; leadId: string }
  | { type: 'lead-failed'; leadId: string; error: JourneyError }
  | { type: 'error'; error: JourneyError }
  | { type: 'journey-reset' };

/** What the submitLead actor reports: delivered, or held in an outbox to be delivered later. */
export type LeadDelivery = { status: 'sent' } | { status: 'queued' };

/** Inputs of the journey's actors (what a custom implementation receives). */
export interface JourneyActorInputs {
  loadCatalog: { modelId: string | null };
  saveBuild: { request: SaveBuildRequest; idempotencyKey: string };
  loadBuild: { code: string };
  checkAdvisorNow: { language: string | null };
  startConsultation: { lead: Lead; language: string | null; idempotencyKey: string };
  loadLocations: LocationQuery;
  loadSlots: SlotQuery;
  book: { request: BookingRequest; idempotencyKey: string };
  cancelBooking: { bookingId: string; manageToken: string };
  submitLead: { lead: Lead };
}

/** Outputs of the journey's actors. */
export interface JourneyActorOutputs {
  loadCatalog: Catalog;
  saveBuild: BuildSaved;
  loadBuild: SavedBuild;
  checkAdvisorNow: ConsultationNow;
  startConsultation: ConsultationStarted;
  loadLocations: Location[];
  loadSlots: Slot[];
  book: Booking;
  cancelBooking: void;
  submitLead: LeadDelivery;
}
