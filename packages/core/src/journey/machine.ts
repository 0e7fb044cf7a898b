import { and, assign, emit, enqueueActions, fromPromise, raise, setup } from 'xstate';
import type { ActorLogic, DoneActorEvent, ErrorActorEvent } from 'xstate';
import type { BuildChange, Slot, SlotQuery } from '../api/schemas.js';
import type { Catalog } from '../catalog/schema.js';
import { configId as canonicalConfigId } from '../configurator/build.js';
import type { Build } from '../configurator/build.js';
import type { Configurator } from '../configurator/configurator.js';
import { financeQuote } from '../configurator/finance.js';
import type { FinanceTerms } from '../configurator/finance.js';
import type { PriceBreakdown } from '../configurator/types.js';
import { gradeLead, JOURNEY_STEP_EVENTS } from '../lead/grade.js';
import { normalizeBuildCode } from '../build/code.js';
import { buildLink } from '../build/link.js';
import { randomUuid } from '../build/runtime.js';
import type { JourneyStep, LeadAddress } from '../lead/schema.js';
import { memoEngine, nearestBuild, reasonText } from './engine.js';
import { defaultBuild, isValidBuild, priceOf } from './light.js';
import type { JourneyEngine } from './engine.js';
import { alternativesOf, codeOf, isOfflineError, isRetryableError, toJourneyError } from './errors.js';
import { assembleLead, priceSummary } from './lead.js';
import { initialContext, journeySettings } from './context.js';
import type { LeadGrader } from './lead.js';
import type {
  JourneyActorInputs,
  JourneyActorOutputs,
  JourneyContext,
  JourneyEmitted,
  JourneyError,
  JourneyEvent,
  JourneyInput,
  JourneyScope,
  PendingProposal,
} from './types.js';

/**
 * Version of the machine's states and context. Persisted snapshots carry it; a snapshot from
 * another version is discarded on restore. Bump it whenever states or context change shape.
 */
export const JOURNEY_MACHINE_VERSION = 'journey/1';

/** What the machine needs besides its actors: the engine, and the clock and ids it stamps with. */
export interface JourneyMachineDeps {
  /** Makes the configurator for a catalog model (default core's `createConfigurator`). */
  engine?: JourneyEngine;
  /** The canonical config id (core's `configId`). */
  configId?: (build: Build) => string;
  /** Grades leads (default core's `gradeLead`). */
  grade?: LeadGrader;
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
  /** A fresh UUID for lead ids and idempotency keys (default `crypto.randomUUID`). */
  uuid?: () => string;
  /**
   * The actors that run the side effects (`journeyActors(source)`), given here rather than with
   * `machine.provide`, which builds the whole machine a second time. Missing ones fail with
   * `not_provided`.
   */
  actors?: Partial<Actors>;
}

/** What caused a `build-changed` notification. */
export type BuildChangeCause = Extract<JourneyEmitted, { type: 'build-changed' }>['cause'];

type Actors = { [K in keyof JourneyActorInputs]: ActorLogic<any, any, JourneyActorInputs[K]> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An actor that says it was not provided; `createJourney` and tests provide the real ones. */
function missing<K extends keyof JourneyActorInputs>(name: K) {
  return fromPromise<JourneyActorOutputs[K], JourneyActorInputs[K]>(() =>
    Promise.reject(
      Object.assign(new Error(`The journey actor "${name}" is not provided`), { code: 'not_provided' }),
    ),
  );
}

/**
 * Journey step events, as the lead's `journey.steps` carries them: the ones core's grading
 * reads (`JOURNEY_STEP_EVENTS`) and a few more for the dealer. Panels opened are `<panel>.open`
 * (`finance.open`, `video.open`, `test-drive.open`).
 */
export const JOURNEY_STEPS = {
  trim: JOURNEY_STEP_EVENTS.trim,
  select: JOURNEY_STEP_EVENTS.select,
  deselect: JOURNEY_STEP_EVENTS.deselect,
  compare: JOURNEY_STEP_EVENTS.compare,
  finance: 'finance.set',
  save: JOURNEY_STEP_EVENTS.buildSave,
  open: JOURNEY_STEP_EVENTS.buildOpen,
  consult: JOURNEY_STEP_EVENTS.consultationStart,
  location: 'location.pick',
  slot: 'slot.pick',
  booking: JOURNEY_STEP_EVENTS.bookingConfirm,
  cancel: 'booking.cancel',
  submit: 'lead.submit',
} as const;

function withoutError(errors: JourneyContext['errors'], scope: JourneyScope): JourneyContext['errors'] {
  const { [scope]: _dropped, ...rest } = errors;
  return rest;
}

/** The fields of `contact.update` the journey keeps (anything else in the event is ignored). */
const CONTACT_FIELDS = [
  'name',
  'givenName',
  'familyName',
  'phone',
  'email',
  'wechatId',
  'locale',
  'postcode',
] as const;
const CONTACT_METHODS = ['phone', 'sms', 'email', 'wechat'] as const;
const SERVICES = ['test-drive', 'home-test-drive', 'video', 'phone'] as const;

/** `value` when it is a plain object, else `{}`: event payloads come from page code and are not trusted. */
function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** True for an id the journey can keep: a non-empty string of at most 256 characters. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256;
}

/** A latitude/longitude pair, or `null` when `value` is not one. */
function geo(value: unknown): { lat: number; lng: number } | null {
  const { lat, lng } = record(value);
  return typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
    ? { lat, lng }
    : null;
}

function fail(scope: JourneyScope, code: string, message: string): JourneyError {
  return { scope, code, message };
}

function errorOf(event: unknown): unknown {
  return (event as ErrorActorEvent).error;
}

function outputOf<K extends keyof JourneyActorOutputs>(event: unknown, _actor: K): JourneyActorOutputs[K] {
  return (event as DoneActorEvent<JourneyActorOutputs[K]>).output;
}

const TEST_DRIVE_MATCHES = ['model', 'trim', 'powertrain'] as const;
const DAY_MS = 86_400_000;
/** Most slots the journey holds (what a snapshot may keep); `slots.more` stops there. */
const MAX_SLOTS = 2000;

/**
 * The car a test-drive location or slot must have, as `testDriveMatch` asks: the configured
 * model, and its trim or that trim's powertrain type when asked (model only when the trim has
 * no powertrain in the catalog).
 */
export function testDriveCar(ctx: JourneyContext): Pick<SlotQuery, 'model' | 'trim' | 'powertrain'> {
  const model = ctx.build?.modelId ?? ctx.modelId;
  if (!model) return {};
  const trimId = ctx.build?.trimId;
  if (!trimId || ctx.testDriveMatch === 'model') return { model };
  if (ctx.testDriveMatch === 'trim') return { model, trim: trimId };
  const type = ctx.catalog?.models.find((m) => m.id === model)?.trims.find((t) => t.id === trimId)
    ?.powertrain?.type;
  return type ? { model, powertrain: type } : { model };
}

/** The slots query for the appointment being booked (test drives: of the configured car). */
export function slotQuery(ctx: JourneyContext, nowMs: number): SlotQuery {
  const appointment = ctx.appointment;
  const service = appointment?.service ?? 'test-drive';
  const query: SlotQuery = { service, from: new Date(nowMs).toISOString(), days: ctx.settings.slotDays };
  if (ctx.location) query.location = ctx.location.id;
  if (service === 'test-drive' || service === 'home-test-drive') Object.assign(query, testDriveCar(ctx));
  const language = ctx.advisorLanguage ?? appointment?.language ?? ctx.settings.locale;
  if (language && (service === 'video' || service === 'phone')) query.language = language;
  return query;
}

/**
 * Makes the journey machine with its dependencies. Most code wants {@link journeyMachine} (core's
 * engine) or `createJourney`; this is for a custom engine, clock or id source.
 */
export function createJourneyMachine(deps: JourneyMachineDeps = {}) {
  const engine = memoEngine(deps.engine);
  const configIdOf = deps.configId ?? canonicalConfigId;
  const grade = deps.grade ?? (gradeLead as LeadGrader);
  const now = deps.now ?? (() => Date.now());
  const uuid = deps.uuid ?? randomUuid;
  const iso = () => new Date(now()).toISOString();

  // Core's engine and the catalog read directly (light.ts) agree, so with core's engine the
  // journey compiles a model's rules only when the shopper changes the build, or when the
  // catalog alone cannot answer. A custom engine is always asked.
  const light = deps.engine === undefined;
  /** Whether `build` is valid in `catalog`. */
  const isValid = (catalog: Catalog, build: Build): boolean =>
    (light ? isValidBuild(catalog, build) : null) ??
    engine(catalog, build.modelId).validate(build).length === 0;
  /** The default build of a trim (the model's first when omitted). */
  const startOf = (catalog: Catalog, modelId: string, trimId?: string): Build =>
    (light ? defaultBuild(catalog, modelId, trimId) : null) ?? engine(catalog, modelId).start(trimId);
  /** The finance quote of a price under the model's offer (null without one). */
  const quoteOf = (
    catalog: Catalog,
    modelId: string,
    price: PriceBreakdown,
    terms?: Partial<FinanceTerms>,
  ) => {
    const offer = catalog.models.find((m) => m.id === modelId)?.finance;
    return offer ? financeQuote(price.total, price.currency, offer, terms) : null;
  };

  /**
   * The build with its derived values: config id, price and, once the shopper chose a plan,
   * the finance quote (its terms brought within the offer for the new price).
   */
  function derive(ctx: JourneyContext, build: Build): Partial<JourneyContext> {
    const { catalog, modelId } = ctx;
    if (!catalog || !modelId) return {};
    const price = (light ? priceOf(catalog, build) : null) ?? engine(catalog, modelId).price(build);
    let finance = ctx.finance;
    let financeQuote = null;
    if (finance && finance.method !== 'cash') {
      financeQuote = quoteOf(catalog, modelId, price, {
        termMonths: finance.termMonths,
        downPayment: finance.downPayment,
      });
      if (financeQuote) {
        finance = { ...finance, termMonths: financeQuote.termMonths, downPayment: financeQuote.downPayment };
      }
    }
    return { build, configId: configIdOf(build), price, finance, financeQuote };
  }

  function step(ctx: JourneyContext, event: string, detail?: string): JourneyStep[] {
    const entry: JourneyStep = { at: iso(), event };
    if (detail !== undefined) entry.detail = detail.slice(0, 500);
    const steps = [...ctx.steps, entry];
    return steps.length > ctx.settings.maxSteps ? steps.slice(steps.length - ctx.settings.maxSteps) : steps;
  }

  /** Proposes a pick: a pending proposal, or a refusal with reasons. Never throws. */
  function propose(
    ctx: JourneyContext,
    action: 'select' | 'deselect',
    optionId: string,
  ): Partial<JourneyContext> {
    if (!ctx.catalog || !ctx.modelId || !ctx.build) return {};
    let reasons: string[];
    try {
      // The first change compiles the model: a catalog whose rules have errors refuses it here.
      const cfg = engine(ctx.catalog, ctx.modelId);
      const proposal =
        action === 'select' ? cfg.select(ctx.build, optionId) : cfg.deselect(ctx.build, optionId);
      if (proposal.ok) {
        const pendingProposal: PendingProposal = {
          kind: 'pick',
          action,
          optionId,
          build: proposal.build,
          changes: [...proposal.changes],
          priceDelta: proposal.priceDelta,
        };
        return { pendingProposal, refused: null };
      }
      const locales = ctx.catalog?.locales ?? [];
      reasons = proposal.reasons.map((r) =>
        reasonText(r, ctx.settings.locale ?? locales[0] ?? 'en', locales),
      );
    } catch (err) {
      reasons = [err instanceof Error ? err.message : String(err)];
    }
    return { pendingProposal: null, refused: { optionId, action, reasons } };
  }

  /** What applying the pending proposal changes in the context, and why (for the notification). */
  function applied(
    ctx: JourneyContext,
    pending: PendingProposal,
  ): [Partial<JourneyContext>, BuildChangeCause] {
    const next = { ...ctx, modelId: pending.build.modelId };
    const derived = derive(next, pending.build);
    if (pending.kind === 'retrieved') {
      let url: string | null = pending.url ?? null;
      if (!url && ctx.settings.pageUrl) {
        try {
          url = buildLink(ctx.settings.pageUrl, pending.code);
        } catch {
          url = null;
        }
      }
      const saved =
        pending.stale || !derived.configId
          ? ctx.saved
          : { code: pending.code, url, configId: derived.configId, build: pending.build, synced: true };
      return [
        {
          ...derived,
          modelId: pending.build.modelId,
          pendingProposal: null,
          refused: null,
          saved,
          steps: step(ctx, JOURNEY_STEPS.open, pending.code),
        },
        'retrieved',
      ];
    }
    const isTrim = pending.optionId.startsWith('trim:');
    const steps = isTrim
      ? step(ctx, JOURNEY_STEPS.trim, pending.build.trimId)
      : step(
          ctx,
          pending.action === 'select' ? JOURNEY_STEPS.select : JOURNEY_STEPS.deselect,
          pending.optionId,
        );
    return [{ ...derived, pendingProposal: null, refused: null, steps }, isTrim ? 'trim' : pending.action];
  }

  /**
   * Applying the pending proposal: the context patch and the `build-changed` notification, or
   * the build error when the proposal cannot be applied (no notification then).
   */
  function applying(
    ctx: JourneyContext,
    pending: PendingProposal,
  ): { patch: Partial<JourneyContext>; notice: Extract<JourneyEmitted, { type: 'build-changed' }> | null } {
    try {
      const [patch, cause] = applied(ctx, pending);
      const notice = {
        type: 'build-changed' as const,
        build: pending.build,
        configId: patch.configId ?? '',
        price: patch.price ?? null,
        changes: pending.changes,
        cause,
      };
      return { patch, notice };
    } catch (err) {
      return {
        patch: { pendingProposal: null, errors: { ...ctx.errors, build: toJourneyError('build', err) } },
        notice: null,
      };
    }
  }

  /** A request that failed: its scope keeps the error and the page hears of it (`error`). */
  const failure = (scope: JourneyScope) =>
    [
      { type: 'failed', params: scope },
      { type: 'emitError', params: scope },
    ] as const;

  /** After a restore, a state that waits on a request sends it again (same input, same key). */
  const again = <T extends string>(target: T) => ({ 'journey.resume': { target, reenter: true } }) as const;

  /** A pick where the build is shown: proposed and, without changes to review, applied at once. */
  const pickInPlace = {
    'build.select': { guard: 'canPick', actions: { type: 'pick', params: 'select' } },
    'build.deselect': { guard: 'canPick', actions: { type: 'pick', params: 'deselect' } },
  } as const;

  /** While a booking is made, held or cancelled, the appointment cannot be left or started over. */
  const holdAppointment = {
    'appointment.start': {},
    'appointment.close': {},
    'location.search': {},
    'location.pick': {},
  } as const;

  /** While places or times are shown, another choice of matching cars searches the places again. */
  const searchOnMatch = {
    'testDrive.match': { guard: 'matchChanged', target: 'locating', reenter: true, actions: 'setMatch' },
  } as const;

  const actors = {
    loadCatalog: missing('loadCatalog'),
    saveBuild: missing('saveBuild'),
    loadBuild: missing('loadBuild'),
    checkAdvisorNow: missing('checkAdvisorNow'),
    startConsultation: missing('startConsultation'),
    loadLocations: missing('loadLocations'),
    loadSlots: missing('loadSlots'),
    book: missing('book'),
    cancelBooking: missing('cancelBooking'),
    submitLead: missing('submitLead'),
  } satisfies Actors;
  // Typed as the placeholders: the real ones have the same inputs and outputs.
  Object.assign(actors, deps.actors);

  return setup({
    types: {
      context: {} as JourneyContext,
      events: {} as JourneyEvent,
      input: {} as JourneyInput & { leadId?: string },
      emitted: {} as JourneyEmitted,
    },
    actors,
    guards: {
      hasCatalog: ({ context }) => context.catalog !== null,
      catalogHasModel: ({ context, event }) => {
        const catalog = outputOf(event, 'loadCatalog');
        const wanted = context.settings.modelId;
        return (
          Array.isArray(catalog?.models) && catalog.models.some((m) => wanted === null || m.id === wanted)
        );
      },
      knownModel: ({ context, event }) =>
        event.type === 'model.pick' && (context.catalog?.models.some((m) => m.id === event.modelId) ?? false),
      hasBuild: ({ context }) =>
        context.build !== null && context.configId !== null && context.price !== null,
      canPick: ({ context, event }) =>
        (event.type === 'build.select' || event.type === 'build.deselect') &&
        isId(event.optionId) &&
        context.build !== null &&
        context.price !== null,
      validService: ({ event }) => event.type === 'appointment.start' && SERVICES.includes(event.service),
      pendingNeedsReview: ({ context }) => (context.pendingProposal?.changes.length ?? 0) > 0,
      nothingPending: ({ context }) => context.pendingProposal === null,
      validCode: ({ event }) => event.type === 'build.load' && normalizeBuildCode(event.code) !== null,
      savedIsCurrent: ({ context }) =>
        context.saved?.synced === true && context.saved.configId === context.configId,
      isOnline: ({ context }) => context.online,
      isOffline: ({ context }) => !context.online,
      offlineError: ({ event }) => isOfflineError(errorOf(event)),
      retryableError: ({ event }) => isRetryableError(errorOf(event)),
      errorIs: ({ event }, code: string) => codeOf(errorOf(event)) === code,
      advisorAvailable: ({ event }) => {
        const out = outputOf(event, 'checkAdvisorNow');
        return out.available && out.advisorsOnline > 0;
      },
      leadIncomplete: ({ context }) => context.lead === null,
      hasLead: ({ context }) => context.lead !== null,
      callGone: ({ context }) => context.consultation === null,
      needsLocation: ({ event }) =>
        event.type === 'appointment.start' &&
        (event.service === 'test-drive' || event.service === 'home-test-drive'),
      needsLocationNow: ({ context }) =>
        context.appointment?.service === 'test-drive' || context.appointment?.service === 'home-test-drive',
      matchChanged: ({ context, event }) =>
        event.type === 'testDrive.match' &&
        event.match !== context.testDriveMatch &&
        (TEST_DRIVE_MATCHES as readonly unknown[]).includes(event.match) &&
        (context.appointment?.service === 'test-drive' || context.appointment?.service === 'home-test-drive'),
      canLoadMore: ({ context }) => context.slotRange !== null && context.slots.length < MAX_SLOTS,
      knownLocation: ({ context, event }) =>
        event.type === 'location.pick' && context.locations.some((l) => l.id === event.locationId),
      knownSlot: ({ context, event }) =>
        event.type === 'slot.pick' && context.slots.some((s) => s.id === event.slotId),
      bookingIncomplete: ({ context }) =>
        context.lead === null ||
        context.slot === null ||
        (context.appointment?.service === 'home-test-drive' && context.address === null),
      canBook: ({ context }) => context.lead !== null && context.slot !== null && context.bookingKey !== null,
      hasConsultKey: ({ context }) => context.lead !== null && context.consultKey !== null,
      hasManageToken: ({ context }) => Boolean(context.booking?.manageToken),
      queuedHere: ({ context }) => context.leadQueue === 'journey' && context.lead !== null,
      deliveredToOutbox: ({ event }) => outputOf(event, 'submitLead')?.status === 'queued',
      submitOnBooking: ({ context }) => context.settings.submitOnBooking,
      isThisLead: ({ context, event }) =>
        (event.type === 'lead.delivered' || event.type === 'lead.rejected') &&
        event.leadId === context.leadId,
    },
    actions: {
      resetJourney: assign(({ context }) =>
        initialContext(context.settings, uuid(), context.online, context.catalog),
      ),
      setOnline: assign({ online: ({ event }) => event.type === 'network.online' }),
      mergeContact: assign(({ context, event }) => {
        if (event.type !== 'contact.update') return {};
        const contact: Record<string, unknown> = { ...context.contact };
        const typed = record(event.contact);
        for (const key of CONTACT_FIELDS) {
          if (!(key in typed)) continue;
          const value = typed[key];
          if (typeof value === 'string') contact[key] = value.slice(0, 500);
          else if (value === undefined || value === null) delete contact[key];
        }
        if ('preferredContact' in typed) {
          const method = typed['preferredContact'];
          if (CONTACT_METHODS.includes(method as never)) contact['preferredContact'] = method;
          else if (method === undefined || method === null) delete contact['preferredContact'];
        }
        if (typeof contact['name'] !== 'string') contact['name'] = '';
        const consent = { ...context.consent };
        const ticked = record(event.consent);
        for (const key of ['contact', 'shareWithDealer', 'marketing'] as const) {
          if (typeof ticked[key] === 'boolean') consent[key] = ticked[key];
        }
        if (consent.contact && !context.consent.contact) consent.at = iso();
        if (!consent.contact) consent.at = null;
        const comments =
          typeof event.comments === 'string' ? event.comments.slice(0, 2000) : context.comments;
        return { contact: contact as unknown as JourneyContext['contact'], consent, comments, issues: [] };
      }),
      mergeAddress: assign(({ context, event }) => {
        if (event.type !== 'address.update') return {};
        const merged: Record<string, string> = { ...(context.address ?? {}) };
        const typed = record(event.address);
        for (const [key, max] of [
          ['street', 200],
          ['city', 100],
          ['postcode', 16],
        ] as const) {
          if (!(key in typed)) continue;
          const value = typed[key];
          if (typeof value === 'string' && value.trim() !== '') merged[key] = value.trim().slice(0, max);
          else delete merged[key];
        }
        const address = merged['street'] && merged['city'] ? (merged as unknown as LeadAddress) : null;
        return { address };
      }),
      recordPanel: assign(({ context, event }) => {
        if (event.type !== 'panel.open' || !/^[a-z][a-z0-9-]{0,30}$/.test(String(event.panel))) return {};
        return { steps: step(context, `${event.panel}.open`) };
      }),
      /** Keeps what an actor threw as the scope's error (and, for the appointment, its field issues). */
      failed: assign(({ context, event }, scope: JourneyScope) => {
        const error = toJourneyError(scope, errorOf(event));
        const issues = scope === 'appointment' ? { issues: error.issues ?? context.issues } : {};
        return { errors: { ...context.errors, [scope]: error }, ...issues };
      }),
      emitError: emit(({ context }, scope: JourneyScope) => ({
        type: 'error' as const,
        error: context.errors[scope] ?? fail(scope, 'failed', 'Something went wrong'),
      })),
      // ── catalog ──
      setCatalog: assign(({ context, event }) => {
        const catalog = outputOf(event, 'loadCatalog');
        // A build made in another catalog starts over (saved builds say what changed instead).
        const same = context.catalog?.id === catalog.id;
        return {
          catalog,
          errors: withoutError(context.errors, 'catalog'),
          ...(same ? {} : { pendingProposal: null }),
        };
      }),
      unknownModel: assign({
        errors: ({ context }) => ({
          ...context.errors,
          catalog: fail('catalog', 'unknown_model', `The catalog has no model "${context.settings.modelId}"`),
        }),
      }),
      // ── build ──
      ensureBuild: assign(({ context }) => {
        const catalog = context.catalog;
        if (!catalog) return {};
        const wanted = context.modelId ?? context.settings.modelId;
        const model = catalog.models.find((m) => m.id === wanted) ?? catalog.models[0];
        if (!model) return {};
        const ctx = { ...context, modelId: model.id };
        try {
          const kept = context.build?.modelId === model.id ? context.build : null;
          const build = kept && isValid(catalog, kept) ? kept : startOf(catalog, model.id);
          return { modelId: model.id, ...derive(ctx, build), errors: withoutError(context.errors, 'build') };
        } catch (err) {
          return { modelId: model.id, errors: { ...context.errors, build: toJourneyError('build', err) } };
        }
      }),
      pickModel: assign(({ context, event }) => {
        if (event.type !== 'model.pick' || !context.catalog) return {};
        try {
          const build = startOf(context.catalog, event.modelId);
          const ctx = { ...context, modelId: event.modelId };
          return { modelId: event.modelId, pendingProposal: null, refused: null, ...derive(ctx, build) };
        } catch (err) {
          return { errors: { ...context.errors, build: toJourneyError('build', err) } };
        }
      }),
      restartBuild: assign(({ context, event }) => {
        const { catalog, modelId } = context;
        if (!catalog || !modelId || event.type !== 'build.restart') return {};
        try {
          const build = startOf(catalog, modelId, event.trimId);
          return { pendingProposal: null, refused: null, ...derive(context, build) };
        } catch (err) {
          return { errors: { ...context.errors, build: toJourneyError('build', err) } };
        }
      }),
      emitBuildChanged: emit(({ context }, cause: BuildChangeCause) => ({
        type: 'build-changed' as const,
        build: context.build as Build,
        configId: context.configId ?? '',
        price: context.price,
        changes: [] as BuildChange[],
        cause,
      })),
      proposeSelect: assign(({ context, event }) =>
        event.type === 'build.select' ? propose(context, 'select', event.optionId) : {},
      ),
      proposeDeselect: assign(({ context, event }) =>
        event.type === 'build.deselect' ? propose(context, 'deselect', event.optionId) : {},
      ),
      applyPending: enqueueActions(({ context, enqueue }) => {
        const pending = context.pendingProposal;
        if (!pending) return;
        const { patch, notice } = applying(context, pending);
        enqueue.assign(patch);
        if (notice) enqueue.emit(notice);
      }),
      // A pick in one step: proposed, and applied at once unless the shopper must review it.
      pick: enqueueActions(({ context, event, enqueue }, action: 'select' | 'deselect') => {
        if (event.type !== 'build.select' && event.type !== 'build.deselect') return;
        const proposed = propose(context, action, event.optionId);
        const pending = proposed.pendingProposal;
        if (!pending || pending.changes.length > 0) {
          enqueue.assign(proposed);
          return;
        }
        const { patch, notice } = applying({ ...context, ...proposed }, pending);
        enqueue.assign({ ...proposed, ...patch });
        if (notice) enqueue.emit(notice);
      }),
      dropPending: assign({ pendingProposal: null }),
      followCatalog: enqueueActions(({ context, enqueue }) => {
        // The build moves to the new catalog: same build at today's price, or the nearest valid one.
        const { catalog, build } = context;
        if (!catalog || !build) return;
        const modelId = catalog.models.some((m) => m.id === build.modelId)
          ? build.modelId
          : catalog.models[0]?.id;
        if (!modelId) return;
        const ctx = { ...context, modelId, pendingProposal: null };
        let next: Build = build;
        let changes: BuildChange[] = [];
        try {
          if (modelId !== build.modelId) next = startOf(catalog, modelId);
          else if (!isValid(catalog, build)) {
            const cfg = engine(catalog, modelId);
            const near = nearestBuild(cfg, build);
            next = near?.build ?? cfg.start();
            changes = near?.changes ?? [];
          }
          const patch = { modelId, pendingProposal: null, ...derive(ctx, next) };
          enqueue.assign(patch);
          if (patch.configId !== context.configId || patch.price?.total !== context.price?.total) {
            enqueue.emit({
              type: 'build-changed',
              build: next,
              configId: patch.configId ?? '',
              price: patch.price ?? null,
              changes,
              cause: 'catalog',
            });
          }
        } catch (err) {
          enqueue.assign({ errors: { ...context.errors, build: toJourneyError('build', err) } });
        }
      }),
      recordView: assign(({ context, event }) =>
        event.type === 'build.view'
          ? { steps: step(context, JOURNEY_STEPS.compare, String(event.trimId)) }
          : {},
      ),
      setFinance: assign(({ context, event }) => {
        const { catalog, modelId, build, price } = context;
        if (event.type !== 'finance.set' || !catalog || !modelId || !build || !price) return {};
        const current =
          context.finance ??
          (() => {
            // The first choice starts from the offer's defaults.
            const offer = quoteOf(catalog, modelId, price);
            return {
              method: 'finance' as const,
              termMonths: offer?.termMonths ?? 36,
              downPayment: offer?.downPayment ?? 0,
            };
          })();
        const method =
          event.method === 'cash' || event.method === 'finance' || event.method === 'lease'
            ? event.method
            : current.method;
        // Whole months (1–120) and a whole, non-negative down payment; the offer narrows them further.
        const pick = (value: unknown, fallback: number, min: number, max: number) =>
          typeof value === 'number' && Number.isFinite(value)
            ? Math.min(max, Math.max(min, Math.round(value)))
            : fallback;
        const finance = {
          method,
          termMonths: pick(event.termMonths, current.termMonths, 1, 120),
          downPayment: pick(event.downPayment, current.downPayment, 0, Number.MAX_SAFE_INTEGER),
        };
        const derived = derive({ ...context, finance }, build);
        const detail =
          method === 'cash' ? 'cash' : `${method}:${derived.finance?.termMonths ?? finance.termMonths}`;
        return { ...derived, steps: step(context, JOURNEY_STEPS.finance, detail) };
      }),
      setRetrieveCode: assign(({ context, event }) =>
        event.type === 'build.load'
          ? { retrieveCode: normalizeBuildCode(event.code), errors: withoutError(context.errors, 'build') }
          : {},
      ),
      rejectCode: assign({
        errors: ({ context }) => ({
          ...context.errors,
          build: fail('build', 'invalid_code', 'That is not a build code; check it and try again'),
        }),
      }),
      proposeRetrieved: assign(({ context, event }): Partial<JourneyContext> => {
        const saved = outputOf(event, 'loadBuild');
        const catalog = context.catalog;
        if (!catalog || !catalog.models.some((m) => m.id === saved.build.modelId)) {
          return {
            errors: {
              ...context.errors,
              build: fail('build', 'not_buildable', 'That build is for a car this showroom no longer offers'),
            },
          };
        }
        try {
          const cfg = engine(catalog, saved.build.modelId);
          if (saved.buildable && saved.catalogId === catalog.id && cfg.validate(saved.build).length === 0) {
            return {
              pendingProposal: {
                kind: 'retrieved',
                code: saved.code,
                build: saved.build,
                changes: [],
                stale: false,
              },
              refused: null,
            };
          }
          const serverNearest =
            saved.nearest && cfg.validate(saved.nearest).length === 0 ? saved.nearest : null;
          const local = serverNearest ? null : nearestBuild(cfg, saved.build);
          if (!serverNearest && !local) {
            return {
              errors: {
                ...context.errors,
                build: fail(
                  'build',
                  'not_buildable',
                  'That build cannot be made any more, nor anything near it',
                ),
              },
            };
          }
          const build = serverNearest ?? (local as NonNullable<typeof local>).build;
          const changes: BuildChange[] = serverNearest
            ? [...(saved.changes ?? [])]
            : [...(local?.changes ?? [])];
          // A stale build always waits for the shopper's yes, even when nothing visible changed.
          if (changes.length === 0)
            changes.push({ optionId: `trim:${build.trimId}`, action: 'added', because: {} });
          return {
            pendingProposal: { kind: 'retrieved', code: saved.code, build, changes, stale: true },
            refused: null,
          };
        } catch (err) {
          return { errors: { ...context.errors, build: toJourneyError('build', err) } };
        }
      }),
      // ── save ──
      prepareSave: assign(({ context }) => {
        const { build, configId, price, catalog } = context;
        const model = catalog?.models.find((m) => m.id === build?.modelId);
        if (!build || !configId || !price || !catalog || !model) return {};
        const pageUrl = context.settings.pageUrl;
        return {
          saveRequest: {
            request: {
              catalogId: catalog.id,
              modelYear: model.modelYear,
              configId,
              build: { modelId: build.modelId, trimId: build.trimId, options: [...build.options] },
              price: priceSummary(price),
              ...(pageUrl && /^https?:\/\//.test(pageUrl) ? { pageUrl } : {}),
            },
            key: uuid(),
          },
          errors: withoutError(context.errors, 'save'),
        };
      }),
      keepUnsynced: assign(({ context }) => {
        const request = context.saveRequest?.request;
        if (!request) return {};
        let url: string | null = null;
        if (context.settings.pageUrl) {
          try {
            url = buildLink(context.settings.pageUrl, request.configId);
          } catch {
            url = null;
          }
        }
        return {
          saved: { code: null, url, configId: request.configId, build: request.build, synced: false },
        };
      }),
      applySaved: assign(({ context, event }) => {
        const out = outputOf(event, 'saveBuild');
        const request = context.saveRequest?.request;
        if (!request) return {};
        return {
          saved: {
            code: out.code,
            url: out.url,
            configId: request.configId,
            build: request.build,
            synced: true,
          },
          saveRequest: null,
          steps: step(context, JOURNEY_STEPS.save, out.code),
        };
      }),
      emitSaved: emit(({ context }) => ({
        type: 'build-saved' as const,
        code: context.saved?.code ?? null,
        url: context.saved?.url ?? null,
        configId: context.saved?.configId ?? '',
        synced: context.saved?.synced ?? false,
      })),
      // ── advisor ──
      setAdvisorLanguage: assign(({ context, event }) => ({
        advisorLanguage:
          event.type === 'advisor.check' && typeof event.language === 'string' && event.language !== ''
            ? event.language.slice(0, 35)
            : (context.advisorLanguage ?? context.settings.locale),
        steps: step(context, 'video.open'),
      })),
      setAdvisor: assign(({ context, event }) => ({
        advisor: outputOf(event, 'checkAdvisorNow'),
        errors: withoutError(context.errors, 'advisor'),
      })),
      setConsultation: assign(({ context, event }) => ({
        consultation: outputOf(event, 'startConsultation'),
        consultKey: null,
        steps: step(context, JOURNEY_STEPS.consult),
        errors: withoutError(context.errors, 'advisor'),
      })),
      endConsultation: assign({ consultation: null }),
      dropConsultKey: assign({ consultKey: null }),
      // ── the lead, shared by the call, the booking and submission ──
      prepareLead: assign(({ context }) => {
        const result = assembleLead(context, iso(), grade);
        return { lead: result.lead, issues: result.issues };
      }),
      contactRequired: assign(({ context }, scope: JourneyScope) => {
        const issues = [...context.issues];
        if (
          scope === 'appointment' &&
          context.appointment?.service === 'home-test-drive' &&
          !context.address
        ) {
          issues.push({
            path: 'appointment.address',
            message: 'a home test drive needs the street and city',
          });
        }
        const error = { ...fail(scope, 'contact_required', 'Some details are missing or not valid'), issues };
        return { issues, lead: null, errors: { ...context.errors, [scope]: error } };
      }),
      // ── appointment ──
      startAppointment: assign(({ context, event }) => {
        if (event.type !== 'appointment.start') return {};
        const language =
          typeof event.language === 'string' && event.language !== ''
            ? event.language.slice(0, 35)
            : (context.advisorLanguage ?? context.settings.locale);
        return {
          appointment: { service: event.service, language, near: context.appointment?.near ?? null },
          advisorLanguage:
            event.service === 'video' || event.service === 'phone' ? language : context.advisorLanguage,
          locations: [],
          location: null,
          slots: [],
          slot: null,
          slotTaken: false,
          bookingKey: null,
          steps: step(context, `${event.service}.open`),
          errors: withoutError(context.errors, 'appointment'),
        };
      }),
      closeAppointment: assign(({ context }) => ({
        appointment: null,
        locations: [],
        location: null,
        slots: [],
        slot: null,
        slotTaken: false,
        bookingKey: null,
        errors: withoutError(context.errors, 'appointment'),
      })),
      setNear: assign(({ context, event }) =>
        event.type === 'location.search' && context.appointment
          ? { appointment: { ...context.appointment, near: geo(event.near) } }
          : {},
      ),
      setMatch: assign(({ event }) =>
        event.type === 'testDrive.match' && (TEST_DRIVE_MATCHES as readonly unknown[]).includes(event.match)
          ? { testDriveMatch: event.match }
          : {},
      ),
      setLocations: assign(({ context, event }) => ({
        locations: outputOf(event, 'loadLocations'),
        errors: withoutError(context.errors, 'appointment'),
      })),
      pickLocation: assign(({ context, event }) => {
        if (event.type !== 'location.pick') return {};
        const location = context.locations.find((l) => l.id === event.locationId) ?? null;
        return {
          location,
          slot: null,
          slots: [],
          slotTaken: false,
          bookingKey: null,
          steps: step(context, JOURNEY_STEPS.location, event.locationId),
        };
      }),
      setSlots: assign(({ context, event }) => ({
        slots: outputOf(event, 'loadSlots'),
        slotTaken: false,
        errors: withoutError(context.errors, 'appointment'),
      })),
      startSlotRange: assign(({ context }) => {
        const t = now();
        const at = (ms: number) => new Date(ms).toISOString();
        return { slotRange: { from: at(t), until: at(t + context.settings.slotDays * DAY_MS) } };
      }),
      appendSlots: assign(({ context, event }) => {
        const range = context.slotRange;
        if (!range) return {};
        const known = new Set(context.slots.map((s) => s.id));
        const more = outputOf(event, 'loadSlots').filter((s) => !known.has(s.id));
        return {
          slots: [...context.slots, ...more].slice(0, MAX_SLOTS),
          slotRange: {
            from: range.from,
            until: new Date(Date.parse(range.until) + context.settings.slotDays * DAY_MS).toISOString(),
          },
          errors: withoutError(context.errors, 'appointment'),
        };
      }),
      pickSlot: assign(({ context, event }) => {
        if (event.type !== 'slot.pick') return {};
        const slot = context.slots.find((s) => s.id === event.slotId) ?? null;
        // Another slot is another request: it gets its own idempotency key when confirmed.
        const bookingKey = slot?.id === context.slot?.id ? context.bookingKey : null;
        return { slot, bookingKey, steps: step(context, JOURNEY_STEPS.slot, event.slotId) };
      }),
      ensureBookingKey: assign(({ context }) => ({
        bookingKey: context.bookingKey ?? uuid(),
        errors: withoutError(context.errors, 'appointment'),
      })),
      dropBookingKey: assign({ bookingKey: null }),
      ensureConsultKey: assign(({ context }) => ({ consultKey: context.consultKey ?? uuid() })),
      setBooking: assign(({ context, event }) => ({
        booking: outputOf(event, 'book'),
        bookingKey: null,
        slotTaken: false,
        steps: step(context, JOURNEY_STEPS.booking, context.appointment?.service),
        errors: withoutError(context.errors, 'appointment'),
      })),
      emitBooked: emit(({ context }) => ({
        type: 'booking-confirmed' as const,
        booking: context.booking as NonNullable<JourneyContext['booking']>,
      })),
      slotWasTaken: assign(({ context, event }) => {
        const err = errorOf(event);
        const alternatives: Slot[] = alternativesOf(err);
        return {
          slots: alternatives,
          slot: null,
          slotTaken: true,
          bookingKey: null,
          errors: { ...context.errors, appointment: toJourneyError('appointment', err) },
        };
      }),
      cancelled: assign(({ context }) => ({
        booking: null,
        steps: step(context, JOURNEY_STEPS.cancel),
      })),
      submitLeadNow: raise({ type: 'lead.submit' }),
      // ── lead ──
      leadSent: assign(({ context }) => ({ leadQueue: null, errors: withoutError(context.errors, 'lead') })),
      queueHere: assign({ leadQueue: 'journey' as const }),
      queueInOutbox: assign({ leadQueue: 'connector' as const }),
      emitLeadSent: emit(({ context }) => ({ type: 'lead-sent' as const, leadId: context.leadId })),
      emitLeadQueued: emit(({ context }) => ({ type: 'lead-queued' as const, leadId: context.leadId })),
      leadRejected: assign(({ context, event }) => {
        if (event.type !== 'lead.rejected') return {};
        const error: JourneyError = {
          ...fail(
            'lead',
            'lead_refused',
            typeof event.reason === 'string' ? event.reason.slice(0, 500) : 'The lead was refused',
          ),
          ...(Number.isInteger(event.status) ? { status: event.status } : {}),
        };
        return { leadQueue: null, errors: { ...context.errors, lead: error } };
      }),
      emitLeadFailed: emit(({ context }) => ({
        type: 'lead-failed' as const,
        leadId: context.leadId,
        error: context.errors.lead ?? fail('lead', 'failed', 'The request could not be sent'),
      })),
      recordSubmit: assign(({ context }) => ({ steps: step(context, JOURNEY_STEPS.submit) })),
      emitReset: emit({ type: 'journey-reset' as const }),
    },
  }).createMachine({
    id: 'journey',
    context: ({ input }) =>
      initialContext(journeySettings(input), input.leadId ?? uuid(), input.online ?? true),
    on: {
      'journey.reset': { target: '.active', reenter: true, actions: ['resetJourney', 'emitReset'] },
      'network.online': { actions: 'setOnline' },
      'network.offline': { actions: 'setOnline' },
      'contact.update': { actions: 'mergeContact' },
      'address.update': { actions: 'mergeAddress' },
      'panel.open': { actions: 'recordPanel' },
    },
    initial: 'active',
    states: {
      active: {
        type: 'parallel',
        states: {
          catalog: {
            initial: 'init',
            states: {
              init: { always: [{ guard: 'hasCatalog', target: 'ready' }, { target: 'loading' }] },
              loading: {
                invoke: {
                  id: 'loadCatalog',
                  src: 'loadCatalog',
                  input: ({ context }) => ({ modelId: context.settings.modelId }),
                  onDone: [
                    // A restored journey's build follows the catalog fetched again for it.
                    { guard: 'catalogHasModel', target: 'ready', actions: ['setCatalog', 'followCatalog'] },
                    { target: 'failed', actions: ['unknownModel', { type: 'emitError', params: 'catalog' }] },
                  ],
                  onError: {
                    target: 'failed',
                    actions: failure('catalog'),
                  },
                },
                on: again('loading'),
              },
              failed: {
                on: {
                  'catalog.retry': 'loading',
                  // A journey restored offline gets its catalog as soon as the network is back.
                  'network.online': { target: 'loading', actions: 'setOnline' },
                },
              },
              ready: { on: { 'catalog.refresh': 'refreshing' } },
              // Fetching today's catalog while the journey goes on with the one it has.
              refreshing: {
                invoke: {
                  id: 'loadCatalog',
                  src: 'loadCatalog',
                  input: ({ context }) => ({ modelId: context.settings.modelId }),
                  onDone: [
                    { guard: 'catalogHasModel', target: 'ready', actions: ['setCatalog', 'followCatalog'] },
                    { target: 'ready' },
                  ],
                  // Offline or refused: the catalog the journey has stays.
                  onError: { target: 'ready' },
                },
                on: again('refreshing'),
              },
            },
          },
          build: {
            initial: 'waiting',
            states: {
              waiting: { always: { guard: 'hasCatalog', target: 'ready', actions: 'ensureBuild' } },
              ready: {
                initial: 'idle',
                on: {
                  'build.select': { guard: 'canPick', target: '.deciding', actions: 'proposeSelect' },
                  'build.deselect': { guard: 'canPick', target: '.deciding', actions: 'proposeDeselect' },
                  'build.view': { actions: 'recordView' },
                  'build.restart': {
                    guard: 'hasBuild',
                    target: '.idle',
                    actions: ['restartBuild', { type: 'emitBuildChanged', params: 'restart' }],
                  },
                  'model.pick': {
                    guard: 'knownModel',
                    target: '.idle',
                    actions: ['pickModel', { type: 'emitBuildChanged', params: 'model' }],
                  },
                  'finance.set': { actions: 'setFinance' },
                  'build.load': [
                    { guard: 'validCode', target: '.loading', actions: 'setRetrieveCode' },
                    { actions: ['rejectCode', { type: 'emitError', params: 'build' }] },
                  ],
                },
                states: {
                  // Picks here take one step (no pass through `deciding`): a pick is most of what
                  // a configurator does, and each step of this machine visits all six regions.
                  idle: {
                    always: { guard: 'pendingNeedsReview', target: 'reviewing' },
                    on: pickInPlace,
                  },
                  deciding: {
                    always: [
                      { guard: 'pendingNeedsReview', target: 'reviewing' },
                      { target: 'idle', actions: 'applyPending' },
                    ],
                  },
                  reviewing: {
                    // A proposal dropped elsewhere (a new catalog) or replaced by a pick applied
                    // at once leaves nothing to review.
                    always: { guard: 'nothingPending', target: 'idle' },
                    on: {
                      ...pickInPlace,
                      'build.confirm': { target: 'idle', actions: 'applyPending' },
                      'build.cancel': { target: 'idle', actions: 'dropPending' },
                    },
                  },
                  loading: {
                    invoke: {
                      id: 'loadBuild',
                      src: 'loadBuild',
                      input: ({ context }) => ({ code: context.retrieveCode ?? '' }),
                      onDone: { target: 'deciding', actions: 'proposeRetrieved' },
                      onError: {
                        target: 'idle',
                        actions: failure('build'),
                      },
                    },
                    on: again('loading'),
                  },
                },
              },
            },
          },
          save: {
            initial: 'idle',
            on: {
              'build.save': [
                {
                  guard: and(['hasBuild', 'isOffline']),
                  target: '.unsynced',
                  actions: ['prepareSave', 'keepUnsynced', 'emitSaved'],
                },
                { guard: 'hasBuild', target: '.saving', actions: 'prepareSave' },
              ],
            },
            states: {
              idle: {},
              saving: {
                tags: 'effect:save',
                invoke: {
                  id: 'saveBuild',
                  src: 'saveBuild',
                  input: ({ context }) => ({
                    request: context.saveRequest?.request as NonNullable<
                      JourneyContext['saveRequest']
                    >['request'],
                    idempotencyKey: context.saveRequest?.key ?? '',
                  }),
                  onDone: { target: 'saved', actions: ['applySaved', 'emitSaved'] },
                  onError: [
                    { guard: 'retryableError', target: 'unsynced', actions: ['keepUnsynced', 'emitSaved'] },
                    {
                      target: 'failed',
                      actions: failure('save'),
                    },
                  ],
                },
                on: {
                  ...again('saving'),
                  // Saving again while a save is under way changes nothing.
                  'build.save': {},
                },
              },
              saved: { on: { 'build.save': { guard: 'savedIsCurrent' } } },
              unsynced: {
                on: {
                  'network.online': { target: 'saving', actions: 'setOnline' },
                  'journey.resume': { guard: 'isOnline', target: 'saving' },
                },
              },
              failed: {},
            },
          },
          advisor: {
            initial: 'idle',
            states: {
              idle: { on: { 'advisor.check': { target: 'checking', actions: 'setAdvisorLanguage' } } },
              checking: {
                invoke: {
                  id: 'checkAdvisorNow',
                  src: 'checkAdvisorNow',
                  input: ({ context }) => ({ language: context.advisorLanguage }),
                  onDone: [
                    { guard: 'advisorAvailable', target: 'available', actions: 'setAdvisor' },
                    { target: 'unavailable', actions: 'setAdvisor' },
                  ],
                  onError: {
                    target: 'failed',
                    actions: failure('advisor'),
                  },
                },
                on: again('checking'),
              },
              available: {
                on: {
                  'advisor.check': { target: 'checking', actions: 'setAdvisorLanguage' },
                  'consult.start': { target: 'preparing', actions: 'prepareLead' },
                },
              },
              preparing: {
                always: [
                  {
                    guard: 'leadIncomplete',
                    target: 'available',
                    actions: { type: 'contactRequired', params: 'advisor' },
                  },
                  { target: 'starting', actions: 'ensureConsultKey' },
                ],
              },
              starting: {
                tags: 'effect:consult',
                invoke: {
                  id: 'startConsultation',
                  src: 'startConsultation',
                  input: ({ context }) => ({
                    lead: context.lead as NonNullable<JourneyContext['lead']>,
                    language: context.advisorLanguage,
                    idempotencyKey: context.consultKey ?? context.leadId,
                  }),
                  // The dealer hears of the call as of a booking: the lead, with the build and the call.
                  onDone: [
                    {
                      guard: 'submitOnBooking',
                      target: 'inCall',
                      actions: ['setConsultation', 'submitLeadNow'],
                    },
                    { target: 'inCall', actions: 'setConsultation' },
                  ],
                  onError: [
                    {
                      guard: { type: 'errorIs', params: 'no_advisor' },
                      target: 'unavailable',
                      actions: [{ type: 'failed', params: 'advisor' }, 'dropConsultKey'],
                    },
                    {
                      target: 'failed',
                      actions: [...failure('advisor'), 'dropConsultKey'],
                    },
                  ],
                },
                on: {
                  'journey.resume': [
                    { guard: 'hasLead', target: 'starting', reenter: true },
                    { target: 'available' },
                  ],
                },
              },
              inCall: {
                on: {
                  'consult.end': { target: 'idle', actions: 'endConsultation' },
                  'journey.resume': { guard: 'callGone', target: 'idle' },
                },
              },
              unavailable: { on: { 'advisor.check': { target: 'checking', actions: 'setAdvisorLanguage' } } },
              failed: { on: { 'advisor.check': { target: 'checking', actions: 'setAdvisorLanguage' } } },
            },
          },
          appointment: {
            initial: 'idle',
            on: {
              // Leaving or starting over is possible until the booking is under way.
              'appointment.start': [
                { guard: 'needsLocation', target: '.locating', actions: 'startAppointment' },
                { guard: 'validService', target: '.loadingSlots', actions: 'startAppointment' },
              ],
              'appointment.close': { target: '.idle', actions: 'closeAppointment' },
              'location.search': { guard: 'needsLocationNow', target: '.locating', actions: 'setNear' },
              'location.pick': { guard: 'knownLocation', target: '.loadingSlots', actions: 'pickLocation' },
              // Kept for the next search; the states that show places or times search again.
              'testDrive.match': { actions: 'setMatch' },
            },
            states: {
              idle: {},
              locating: {
                invoke: {
                  id: 'loadLocations',
                  src: 'loadLocations',
                  input: ({ context }) => ({
                    service: context.appointment?.service ?? 'test-drive',
                    ...testDriveCar(context),
                    ...(context.appointment?.near ? { near: context.appointment.near } : {}),
                  }),
                  onDone: { target: 'choosingLocation', actions: 'setLocations' },
                  onError: {
                    target: 'locationsFailed',
                    actions: failure('appointment'),
                  },
                },
                on: { ...again('locating'), ...searchOnMatch },
              },
              locationsFailed: { on: { 'appointment.retry': 'locating', ...searchOnMatch } },
              choosingLocation: { on: searchOnMatch },
              loadingSlots: {
                entry: 'startSlotRange',
                invoke: {
                  id: 'loadSlots',
                  src: 'loadSlots',
                  input: ({ context }) => slotQuery(context, Date.parse(context.slotRange?.from ?? iso())),
                  onDone: { target: 'choosingSlot', actions: 'setSlots' },
                  onError: {
                    target: 'slotsFailed',
                    actions: failure('appointment'),
                  },
                },
                on: { ...again('loadingSlots'), ...searchOnMatch },
              },
              slotsFailed: { on: { 'appointment.retry': 'loadingSlots', ...searchOnMatch } },
              choosingSlot: {
                on: {
                  'slot.pick': { guard: 'knownSlot', target: 'details', actions: 'pickSlot' },
                  'slots.more': { guard: 'canLoadMore', target: 'loadingMoreSlots' },
                  ...searchOnMatch,
                },
              },
              // The slots shown stay on screen (and can be picked) while the next range loads.
              loadingMoreSlots: {
                invoke: {
                  id: 'loadSlots',
                  src: 'loadSlots',
                  input: ({ context }) => slotQuery(context, Date.parse(context.slotRange?.until ?? iso())),
                  onDone: { target: 'choosingSlot', actions: 'appendSlots' },
                  onError: {
                    target: 'choosingSlot',
                    actions: failure('appointment'),
                  },
                },
                on: {
                  'slot.pick': { guard: 'knownSlot', target: 'details', actions: 'pickSlot' },
                  ...again('loadingMoreSlots'),
                  ...searchOnMatch,
                },
              },
              details: {
                on: {
                  'slot.pick': { guard: 'knownSlot', target: 'details', actions: 'pickSlot' },
                  // After a request that may have been lost, the same request goes again, same key.
                  'booking.confirm': [
                    { guard: 'canBook', target: 'booking' },
                    { target: 'preparing', actions: 'prepareLead' },
                  ],
                },
              },
              preparing: {
                always: [
                  {
                    guard: 'bookingIncomplete',
                    target: 'details',
                    actions: { type: 'contactRequired', params: 'appointment' },
                  },
                  { target: 'booking', actions: 'ensureBookingKey' },
                ],
              },
              booking: {
                tags: 'effect:book',
                invoke: {
                  id: 'book',
                  src: 'book',
                  input: ({ context }) => ({
                    request: {
                      slotId: context.slot?.id ?? '',
                      lead: context.lead as NonNullable<JourneyContext['lead']>,
                      ...(context.appointment?.service === 'home-test-drive' && context.address
                        ? { address: context.address }
                        : {}),
                      ...(context.appointment?.language ? { language: context.appointment.language } : {}),
                    },
                    idempotencyKey: context.bookingKey ?? '',
                  }),
                  onDone: [
                    {
                      guard: 'submitOnBooking',
                      target: 'booked',
                      actions: ['setBooking', 'emitBooked', 'submitLeadNow'],
                    },
                    { target: 'booked', actions: ['setBooking', 'emitBooked'] },
                  ],
                  onError: [
                    {
                      guard: { type: 'errorIs', params: 'slot_unavailable' },
                      target: 'slotTaken',
                      actions: ['slotWasTaken', { type: 'emitError', params: 'appointment' }],
                    },
                    {
                      guard: 'retryableError',
                      target: 'details',
                      actions: failure('appointment'),
                    },
                    {
                      target: 'details',
                      actions: [...failure('appointment'), 'dropBookingKey'],
                    },
                  ],
                },
                on: {
                  // The booking must not be dropped half-way: nothing but a resume leaves here.
                  ...holdAppointment,
                  'journey.resume': [
                    { guard: 'canBook', target: 'booking', reenter: true },
                    // The request cannot be rebuilt (a kiosk keeps no contact): a new one, new key.
                    { target: 'details', actions: 'dropBookingKey' },
                  ],
                },
              },
              slotTaken: {
                on: {
                  'slot.pick': { guard: 'knownSlot', target: 'details', actions: 'pickSlot' },
                  ...searchOnMatch,
                },
              },
              booked: {
                on: {
                  'booking.cancel': { guard: 'hasManageToken', target: 'cancelling' },
                  ...holdAppointment,
                },
              },
              cancelling: {
                tags: 'effect:cancel',
                invoke: {
                  id: 'cancelBooking',
                  src: 'cancelBooking',
                  input: ({ context }) => ({
                    bookingId: context.booking?.id ?? '',
                    manageToken: context.booking?.manageToken ?? '',
                  }),
                  onDone: { target: 'idle', actions: ['cancelled', 'closeAppointment'] },
                  onError: {
                    target: 'booked',
                    actions: failure('appointment'),
                  },
                },
                on: {
                  ...holdAppointment,
                  'journey.resume': [
                    { guard: 'hasManageToken', target: 'cancelling', reenter: true },
                    { target: 'booked' },
                  ],
                },
              },
            },
          },
          lead: {
            initial: 'idle',
            states: {
              idle: { on: { 'lead.submit': { target: 'preparing', actions: 'prepareLead' } } },
              preparing: {
                always: [
                  {
                    guard: 'leadIncomplete',
                    target: 'idle',
                    actions: { type: 'contactRequired', params: 'lead' },
                  },
                  { target: 'submitting', actions: 'recordSubmit' },
                ],
              },
              submitting: {
                tags: 'effect:lead',
                invoke: {
                  id: 'submitLead',
                  src: 'submitLead',
                  input: ({ context }) => ({ lead: context.lead as NonNullable<JourneyContext['lead']> }),
                  onDone: [
                    {
                      guard: 'deliveredToOutbox',
                      target: 'queued',
                      actions: ['queueInOutbox', 'emitLeadQueued'],
                    },
                    { target: 'sent', actions: ['leadSent', 'emitLeadSent'] },
                  ],
                  onError: [
                    { guard: 'retryableError', target: 'queued', actions: ['queueHere', 'emitLeadQueued'] },
                    { target: 'failed', actions: [{ type: 'failed', params: 'lead' }, 'emitLeadFailed'] },
                  ],
                },
                on: {
                  'journey.resume': [
                    { guard: 'hasLead', target: 'submitting', reenter: true },
                    { target: 'idle' },
                  ],
                },
              },
              queued: {
                on: {
                  'network.online': { guard: 'queuedHere', target: 'submitting', actions: 'setOnline' },
                  'journey.resume': [
                    { guard: 'leadIncomplete', target: 'idle' },
                    { guard: and(['isOnline', 'queuedHere']), target: 'submitting' },
                  ],
                  'lead.submit': { guard: 'queuedHere', target: 'submitting' },
                  'lead.delivered': {
                    guard: 'isThisLead',
                    target: 'sent',
                    actions: ['leadSent', 'emitLeadSent'],
                  },
                  'lead.rejected': {
                    guard: 'isThisLead',
                    target: 'failed',
                    actions: ['leadRejected', 'emitLeadFailed'],
                  },
                },
              },
              failed: { on: { 'lead.submit': { target: 'preparing', actions: 'prepareLead' } } },
              sent: { type: 'final' },
            },
          },
        },
      },
    },
  });
}

/** The machine's type, for typing actors and snapshots. */
export type JourneyMachine = ReturnType<typeof createJourneyMachine>;

/**
 * The journey machine with core's configurator; provide its actors (or use `createJourney`).
 * Built on first use: a page that runs `createJourney` never needs it, and building the
 * machine's states is most of what making a journey costs before its first answer.
 */
export const journeyMachine: JourneyMachine = lazily(() => createJourneyMachine());

/** An object that stands for `make()`'s result and makes it on first use. */
function lazily<T extends object>(make: () => T): T {
  let made: T | undefined;
  const real = () => (made ??= make());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    set: (_, key, value) => Reflect.set(real(), key, value),
  });
}

const sharedEngine = memoEngine();

/**
 * The configurator of the journey's current model, for views that show option states
 * (`configuratorOf(snapshot.context)?.states(build)`); `null` before the catalog is in. Compiles
 * the model's rules on first use.
 *
 * @throws CatalogError when the model's rules have errors (the journey loads catalogs without
 *   checking rules, see `parseCatalog`'s `rules: 'later'`).
 */
export function configuratorOf(context: Pick<JourneyContext, 'catalog' | 'modelId'>): Configurator | null {
  return context.catalog && context.modelId ? sharedEngine(context.catalog, context.modelId) : null;
}
