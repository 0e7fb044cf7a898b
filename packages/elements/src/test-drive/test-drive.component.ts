import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
// From the text entry, not the package root: a barrel import would pull the journey runtime
// into this element's chunk (esbuild splits by module reachability, not by use).
import { resolveText } from '@showroom/core/text';
import type {
  Booking,
  FieldIssue,
  Geo,
  JourneyError,
  LeadAddress,
  Location,
  Service,
  Slot,
  TestDriveMatch,
} from '@showroom/core';
import { I18nController } from '../base/i18n.js';
import { JourneyController, journeyState } from '../base/journey.js';
import type { JourneySnapshot } from '../base/journey.js';
import { ShowroomElement } from '../base/showroom-element.js';
import type { PhoneRegion } from '../lead-form/contact.js';
import { formStyles } from '../lead-form/form.styles.js';
import { toggleState } from '../lead-form/element-state.js';
import type { ShowroomContactSubmitEvent } from '../lead-form/lead-form.events.js';
import { BookingFlow, geolocate, problemsBlock, type Geolocate } from './booking.js';
import { slotGridStyles } from './slot-grid.styles.js';
import { testDriveMessages, type TestDriveMessageKey } from './test-drive.messages.js';
import { testDriveStyles } from './test-drive.styles.js';
import { browserTimeZone } from './week.js';

/** The step of the booking the shopper is on. */
export type TestDriveStep = 'start' | 'location' | 'slot' | 'contact' | 'done';

const SERVICES: readonly Service[] = ['test-drive', 'home-test-drive'];
const MATCHES: readonly TestDriveMatch[] = ['model', 'trim', 'powertrain'];
const isMatch = (value: unknown): value is TestDriveMatch => MATCHES.includes(value as TestDriveMatch);

interface Slice {
  state: string;
  service: Service | null;
  near: Geo | null;
  modelId: string | null;
  trimId: string | null;
  modelName: string;
  trimName: string;
  /** Powertrain type of the configured trim (`bev`, `phev`, …), if the catalog says. */
  powertrain: string | null;
  match: TestDriveMatch;
  models: readonly string[];
  locations: Location[];
  location: Location | null;
  slots: Slot[];
  slot: Slot | null;
  slotTaken: boolean;
  address: LeadAddress | null;
  booking: Booking | null;
  error: JourneyError | null;
  issues: FieldIssue[];
  catalogReady: boolean;
  catalogError: JourneyError | null;
}

function select(snapshot: JourneySnapshot): Slice {
  const c = snapshot.context;
  const locale = c.settings.locale ?? c.catalog?.locales[0] ?? 'en';
  const model = c.catalog?.models.find((m) => m.id === c.modelId);
  const trim = model?.trims.find((t) => t.id === c.build?.trimId);
  const fallbacks = c.catalog?.locales ?? [];
  return {
    state: journeyState(snapshot, 'appointment'),
    service: c.appointment?.service ?? null,
    near: c.appointment?.near ?? null,
    modelId: c.modelId,
    trimId: c.build?.trimId ?? null,
    modelName: model ? resolveText(model.name, locale, fallbacks) : '',
    trimName: trim ? resolveText(trim.name, locale, fallbacks) : '',
    powertrain: trim?.powertrain?.type ?? null,
    match: c.testDriveMatch,
    models: c.catalog?.models.map((m) => m.id) ?? [],
    locations: c.locations,
    location: c.location,
    slots: c.slots,
    slot: c.slot,
    slotTaken: c.slotTaken,
    address: c.address,
    booking: c.booking,
    error: c.errors.appointment ?? null,
    issues: c.issues,
    catalogReady: c.catalog !== null,
    catalogError: c.errors.catalog ?? null,
  };
}

const stepOfState: Record<string, TestDriveStep> = {
  locating: 'location',
  locationsFailed: 'location',
  choosingLocation: 'location',
  loadingSlots: 'slot',
  slotsFailed: 'slot',
  choosingSlot: 'slot',
  loadingMoreSlots: 'slot',
  slotTaken: 'slot',
  details: 'contact',
  preparing: 'contact',
  booking: 'contact',
  booked: 'done',
  cancelling: 'done',
};

const STEPS = ['location', 'slot', 'contact', 'done'] as const;

/** The journey events this element sends (for telling which errors are its to report). */
const SENT = [
  'appointment.start',
  'appointment.retry',
  'testDrive.match',
  'location.search',
  'location.pick',
  'slot.pick',
  'slots.more',
  'booking.confirm',
  'booking.cancel',
] as const;

/**
 * Books a test drive of the car the shopper configured: a showroom near them that has the model
 * (nearest first, by their location on request or a city or postcode), or a drive from their home
 * where the showroom offers it; then a free time in a week grid in the showroom's time zone (with
 * the shopper's own beside it when the clocks differ); then contact details and consent; then a
 * confirmation with a calendar file and a way to cancel. When the time is taken meanwhile, the
 * nearest free times are offered and nothing typed is lost.
 *
 * The model and trim come from the journey's build; `model` names the model when the page has
 * no configurator (picking it switches the journey's build to that model's default).
 *
 * Which cars count is the shopper's choice beside the showroom list ("any A6", "this trim",
 * "this powertrain"), preset by the `match` attribute. By default any car of the model counts:
 * the point is to drive the model, and a shopper should not be told there is no showroom only
 * because their exact trim is not on display.
 *
 * @summary Test-drive booking: location (or home), a free slot, contact and consent, confirmation.
 *
 * @slot title - Replaces the heading.
 *
 * @fires showroom-booking-confirmed - The shopper booked a test drive. Detail: `{ bookingId, service, start, end, timeZone, locationId }`.
 * @fires showroom-lead-sent - The lead with the build and the appointment reached the backend.
 * @fires showroom-lead-queued - The lead waits in an outbox and is retried.
 * @fires showroom-lead-failed - The lead was refused.
 * @fires showroom-error - Locations or slots could not be loaded, or the booking failed. Detail: `{ code, message, issues }`.
 *
 * @csspart title - The heading.
 * @csspart steps - The list of steps.
 * @csspart match - The choice of which cars count: any of the model, this trim, this powertrain.
 * @csspart search - The city/postcode search and "use my location".
 * @csspart location - Each location in the list.
 * @csspart slot-grid - The week grid with its navigation.
 * @csspart grid - The grid table.
 * @csspart slot - Each free slot button.
 * @csspart shortcut - The "next free" and "earliest weekend" buttons.
 * @csspart week-button - The previous-week and next-week buttons.
 * @csspart grid-empty - The note shown when a week (or the whole range) has no free time.
 * @csspart summary - The chosen car, place and time.
 * @csspart address - The home address form.
 * @csspart lead-form - The embedded `<showroom-lead-form>`.
 * @csspart confirmation - The confirmation.
 * @csspart calendar - The add-to-calendar link.
 * @csspart cancel - The cancel button.
 * @csspart error - Error messages.
 *
 * @cssprop --showroom-test-drive-max-width - Widest the element grows.
 * @cssprop --showroom-slot-grid-gap - Space between grid cells.
 * @cssprop --showroom-slot-grid-slot-background - Background of a free slot.
 *
 * @cssstate loading - Locations or slots are loading.
 * @cssstate booking - The booking is on its way.
 * @cssstate booked - The test drive is booked.
 * @cssstate error - Something failed.
 */
export class ShowroomTestDrive extends ShowroomElement {
  static override styles = [...ShowroomElement.styles, formStyles, slotGridStyles, testDriveStyles];

  static override properties = {
    ...ShowroomElement.properties,
    model: { reflect: true },
    match: {},
    timeZone: { attribute: 'time-zone' },
    region: {},
    minFillTime: { type: Number, attribute: 'min-fill-time' },
    _query: { state: true },
    _searchNote: { state: true },
    _geo: { state: true },
    _addressDraft: { state: true },
  };

  /** The model to book when the page has no configurator (a model id of the catalog). */
  declare model: string | undefined;
  /**
   * Which test-drive cars count when showrooms and times are looked up: `model` (the default:
   * any car of the configured model, so a shopper is not told "no showroom" only because their
   * exact trim is not on display), `trim` (the configured trim) or `powertrain` (a trim with the
   * configured trim's powertrain type, such as electric). Applied when set or changed and after
   * the journey is reset; the shopper can change it beside the showroom list. Other values are
   * ignored.
   */
  declare match: TestDriveMatch | undefined;
  /** The shopper's time zone (default: the browser's). Slot times are shown in the location's zone and, when it differs, in this one. */
  declare timeZone: string | undefined;
  /** Passed to the lead form: where phone numbers without `+` are read (`CN`, `TW`, `HK`). */
  declare region: PhoneRegion | undefined;
  /** Passed to the lead form: milliseconds before its submit counts. */
  declare minFillTime: number | undefined;

  declare _query: string;
  declare _searchNote: string;
  declare _geo: 'idle' | 'locating' | 'denied';
  declare _addressDraft: { street: string; city: string; postcode: string } | null;

  /** How "use my location" finds the shopper; replace it in kiosks or tests. */
  geolocate: Geolocate = geolocate;

  readonly #i18n = new I18nController(this, testDriveMessages);
  readonly #journey = new JourneyController(this, select);
  readonly #flow = new BookingFlow(this, this.#journey, {
    services: SERVICES,
    sent: SENT,
    shopperZone: () => this.#shopperZone,
  });
  readonly #grid = this.#flow.grid;
  readonly #internals = this.attachInternals();
  #autoStarted = false;
  #hadFocus = false;
  #lastStep: TestDriveStep | undefined;

  constructor() {
    super();
    this._query = '';
    this._searchNote = '';
    this._geo = 'idle';
    this._addressDraft = null;
    // A reset journey (a kiosk starting over) begins with the page's preset again.
    this.#journey.on('journey-reset', () => this.#applyMatch());
  }

  get #shopperZone(): string {
    return this.timeZone || browserTimeZone();
  }

  /** The step the shopper is on. */
  get step(): TestDriveStep {
    const { service, state } = this.#journey.value;
    return this.#flow.mine(service) ? (stepOfState[state] ?? 'start') : 'start';
  }

  /** Starts (or restarts) the booking for the model asked for. */
  #start(service: Service = 'test-drive'): void {
    const { modelId, models } = this.#journey.value;
    if (this.model && this.model !== modelId && models.includes(this.model)) {
      this.#journey.send({ type: 'model.pick', modelId: this.model });
    }
    this.#journey.send({ type: 'appointment.start', service });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('match')) queueMicrotask(() => this.#applyMatch());
    this.#hadFocus = this.matches(':focus-within');
    // Once seen with the catalog ready and nothing booked yet, the booking starts by itself.
    const { state, catalogReady } = this.#journey.value;
    // A booking under way (or restored): never start one by itself after it ends.
    if (state !== 'idle' && state !== '') this.#autoStarted = true;
    // Locations load when the element is first seen, not before (it may sit in a page footer).
    if (this.#flow.seen && !this.#autoStarted && catalogReady && state === 'idle') {
      this.#autoStarted = true;
      queueMicrotask(() => this.#start());
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const step = this.step;
    if (this.#lastStep !== undefined && step !== this.#lastStep && this.#hadFocus) {
      this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
    }
    this.#lastStep = step;
    const { state, error } = this.#journey.value;
    const states = this.#internals.states;
    toggleState(
      states,
      'loading',
      state === 'locating' || state === 'loadingSlots' || state === 'loadingMoreSlots',
    );
    toggleState(states, 'booking', state === 'preparing' || state === 'booking');
    toggleState(states, 'booked', state === 'booked');
    toggleState(
      states,
      'error',
      (error !== null && error.code !== 'slot_unavailable') || this.#journey.value.catalogError !== null,
    );
  }

  // ── actions ──

  /** Sends the `match` attribute's choice to the journey, when it is a valid one. */
  #applyMatch(): void {
    if (isMatch(this.match) && this.match !== this.#journey.value.match) {
      this.#journey.send({ type: 'testDrive.match', match: this.match });
    }
  }

  #onMatch(match: TestDriveMatch): void {
    if (match !== this.#journey.value.match) this.#journey.send({ type: 'testDrive.match', match });
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const query = this._query.trim().toLowerCase();
    if (!query) return;
    const { locations } = this.#journey.value;
    const match = locations.find((l) =>
      [l.city, l.name, l.address, l.postcode ?? ''].some((field) => field.toLowerCase().includes(query)),
    );
    if (!match) {
      this._searchNote = this.#i18n.t('noMatch', { query: this._query.trim() });
      return;
    }
    this._searchNote = '';
    this.#journey.send({ type: 'location.search', near: match.geo });
  }

  async #onNearMe(): Promise<void> {
    this._geo = 'locating';
    try {
      const near = await this.geolocate();
      this._geo = 'idle';
      this.#journey.send({ type: 'location.search', near });
    } catch {
      this._geo = 'denied';
    }
  }

  #onMode(service: Service): void {
    if (service === this.#journey.value.service) return;
    this.#journey.send({ type: 'appointment.start', service });
  }

  #onAddress(field: 'street' | 'city' | 'postcode', event: Event): void {
    const draft = { ...this.#address, [field]: (event.target as HTMLInputElement).value };
    this._addressDraft = draft;
    this.#journey.send({ type: 'address.update', address: draft });
  }

  get #address(): { street: string; city: string; postcode: string } {
    const stored = this.#journey.value.address;
    return (
      this._addressDraft ?? {
        street: stored?.street ?? '',
        city: stored?.city ?? '',
        postcode: stored?.postcode ?? '',
      }
    );
  }

  #changeTime(): void {
    const location = this.#journey.value.location;
    if (location) this.#journey.send({ type: 'location.pick', locationId: location.id });
  }

  #changeLocation(): void {
    const near = this.#journey.value.near;
    this.#journey.send({ type: 'location.search', ...(near ? { near } : {}) });
  }

  // ── rendering ──

  #t(key: TestDriveMessageKey, params?: Record<string, string | number>): string {
    return this.#i18n.t(key, params);
  }

  protected override render(): TemplateResult {
    const { modelName, trimName, catalogReady, modelId } = this.#journey.value;
    const step = this.step;
    const title = modelName
      ? this.#t('titleFor', { model: `${modelName} ${trimName}`.trim() })
      : this.#t('title');
    let body: TemplateResult;
    const { catalogError } = this.#journey.value;
    if (!catalogReady && catalogError) {
      body = html`<div class="alert" part="error" role="alert">
        <p>${this.#t('error', { message: catalogError.message })}</p>
        <button type="button" @click=${() => this.#journey.send({ type: 'catalog.retry' })}>
          ${this.#t('retry')}
        </button>
      </div>`;
    } else if (!catalogReady) body = this.#loading();
    else if (!modelId) body = html`<p class="alert" part="error" role="alert">${this.#t('noModel')}</p>`;
    else if (step === 'start') body = this.#startView();
    else if (step === 'location') body = this.#locationView();
    else if (step === 'slot') body = this.#slotView();
    else if (step === 'contact') body = this.#contactView();
    else body = this.#doneView();
    return html`<section class="test-drive" aria-labelledby="title">
      <h2 id="title" part="title"><slot name="title">${title}</slot></h2>
      ${step === 'start' ? nothing : this.#steps(step)} ${body}
    </section>`;
  }

  #steps(current: TestDriveStep): TemplateResult {
    const index = STEPS.indexOf(current as (typeof STEPS)[number]);
    return html`<ol class="steps" part="steps" aria-label=${this.#t('steps')}>
      ${STEPS.map(
        (s, i) =>
          html`<li
            class=${i < index ? 'past' : i === index ? 'current' : ''}
            aria-current=${i === index ? 'step' : nothing}
          >
            <span class="visually-hidden">${this.#t('stepOf', { n: i + 1, total: STEPS.length })}: </span
            >${this.#t(`step.${s}`)}
          </li>`,
      )}
    </ol>`;
  }

  #loading(): TemplateResult {
    return html`<p class="loading" role="status">${this.#t('loading')}</p>`;
  }

  #errorBlock(retry: boolean): TemplateResult | typeof nothing {
    const { error } = this.#journey.value;
    if (!error) return nothing;
    return html`<div class="alert" part="error" role="alert">
      <p>${this.#t('error', { message: error.message })}</p>
      ${
        retry
          ? html`<button type="button" @click=${() => this.#journey.send({ type: 'appointment.retry' })}>
              ${this.#t('retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #startView(): TemplateResult {
    const cancelled = this.#flow.cancelled;
    return html`<div class="start">
      ${cancelled ? html`<p class="alert success" role="status">${this.#t('cancelled')}</p>` : nothing}
      <button type="button" class="primary" @click=${() => this.#start()}>
        ${this.#t(cancelled ? 'bookAgain' : 'start')}
      </button>
    </div>`;
  }

  #locationView(): TemplateResult {
    const { state, locations, service } = this.#journey.value;
    // The choice is always there, so the list arriving moves nothing above it; "at my home" is
    // only closed once the answer shows no showroom with this car offers it.
    const noHome =
      service !== 'home-test-drive' &&
      state !== 'locating' &&
      !locations.some((l) => l.services.includes('home-test-drive'));
    return html`<h3 id="step-heading" tabindex="-1">${this.#t('where')}</h3>
      <fieldset class="mode">
        <legend>${this.#t('mode')}</legend>
        <div class="choices">
          ${(['test-drive', 'home-test-drive'] as const).map((s) => {
            const closed = s === 'home-test-drive' && noHome;
            return html`<label class="choice">
              <input
                type="radio"
                name="mode"
                .checked=${live(service === s)}
                ?disabled=${closed}
                @change=${() => this.#onMode(s)}
              />
              ${this.#t(s === 'test-drive' ? 'atShowroom' : 'atHome')}${
                closed ? html` <span class="hint">${this.#t('noHome')}</span>` : nothing
              }
            </label>`;
          })}
        </div>
      </fieldset>
      ${this.#matchChoice()}
      <form class="search actions" part="search" role="search" @submit=${this.#onSearch}>
        <div class="field grow">
          <label for="query">${this.#t('search')}</label>
          <input
            id="query"
            type="search"
            autocomplete="off"
            .value=${live(this._query)}
            @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit">${this.#t('searchButton')}</button>
        <button
          type="button"
          @click=${this.#onNearMe}
          aria-disabled=${this._geo === 'locating' ? 'true' : 'false'}
        >
          ${this.#t('nearMe')}
        </button>
      </form>
      <div aria-live="polite" class="notes">
        ${this._geo === 'locating' ? html`<p class="hint">${this.#t('locating')}</p>` : nothing}
        ${this._geo === 'denied' ? html`<p class="hint">${this.#t('geoDenied')}</p>` : nothing}
        ${this._searchNote ? html`<p class="hint">${this._searchNote}</p>` : nothing}
      </div>
      ${
        state === 'locating'
          ? this.#loading()
          : state === 'locationsFailed'
            ? this.#errorBlock(true)
            : locations.length === 0
              ? html`<p class="alert info" role="status">${this.#t('noLocations')}</p>`
              : html`<ul class="locations" aria-label=${this.#t('locations')}>
                  ${locations.map((l) => this.#locationItem(l))}
                </ul>`
      }`;
  }

  /** "Any A6 / this trim / this powertrain": which cars count, as one group of radio buttons. */
  #matchChoice(): TemplateResult | typeof nothing {
    const { match, modelName, trimName, trimId, powertrain } = this.#journey.value;
    if (!trimId) return nothing;
    const choices: [TestDriveMatch, string][] = [
      ['model', this.#t('match.model', { model: modelName })],
      ['trim', this.#t('match.trim', { trim: trimName || trimId })],
    ];
    const type = powertrain && `powertrain.${powertrain}`;
    if (type && type in testDriveMessages.en) {
      choices.push([
        'powertrain',
        this.#t('match.powertrain', { powertrain: this.#t(type as TestDriveMessageKey) }),
      ]);
    }
    // A trim without a powertrain in the catalog is matched by model (as the journey does).
    const checked = choices.some(([value]) => value === match) ? match : 'model';
    return html`<fieldset class="mode match" part="match">
      <legend>${this.#t('match')}</legend>
      <div class="choices">
        ${choices.map(
          ([value, label]) =>
            html`<label class="choice">
              <input
                type="radio"
                name="match"
                value=${value}
                .checked=${live(checked === value)}
                @change=${() => this.#onMatch(value)}
              />
              ${label}
            </label>`,
        )}
      </div>
    </fieldset>`;
  }

  #locationItem(location: Location): TemplateResult {
    return html`<li part="location">
      <div class="location-text">
        <h4>${location.name}</h4>
        <p>${location.address}, ${location.city}${location.postcode ? ` ${location.postcode}` : ''}</p>
        <p class="hint">
          ${
            location.distanceKm !== undefined
              ? this.#t('distance', { km: this.#i18n.number(location.distanceKm) })
              : nothing
          }
          ${location.services.includes('home-test-drive') ? html`<span class="badge">${this.#t('hasHome')}</span>` : nothing}
        </p>
      </div>
      <button
        type="button"
        class="primary"
        @click=${() => this.#journey.send({ type: 'location.pick', locationId: location.id })}
      >
        ${this.#t('choose')}<span class="visually-hidden"> ${location.name}</span>
      </button>
    </li>`;
  }

  #placeLine(): TemplateResult | typeof nothing {
    const { location, service } = this.#journey.value;
    if (!location) return nothing;
    return html`<p class="place">
      <strong>${location.name}</strong
      >${service === 'home-test-drive' ? html` · ${this.#t('atHome')}` : nothing}
      <button type="button" class="link" @click=${this.#changeLocation}>
        ${this.#t('change')}<span class="visually-hidden"> ${this.#t('step.location')}</span>
      </button>
    </p>`;
  }

  #slotView(): TemplateResult {
    const { state, slots, slotTaken } = this.#journey.value;
    return html`<h3 id="step-heading" tabindex="-1">${this.#t(slotTaken ? 'pickAlternative' : 'when')}</h3>
      ${this.#placeLine()}
      ${slotTaken ? html`<p class="alert" part="error" role="alert">${this.#t('taken')}</p>` : nothing}
      ${
        state === 'loadingSlots'
          ? this.#loading()
          : state === 'slotsFailed'
            ? this.#errorBlock(true)
            : html`${state === 'choosingSlot' ? this.#errorBlock(false) : nothing}${this.#grid.render(slots)}`
      }`;
  }

  #contactView(): TemplateResult {
    const { slot, service, state, error, modelName, trimName, location, issues } = this.#journey.value;
    const busy = state === 'preparing' || state === 'booking';
    const home = service === 'home-test-drive';
    const address = this.#address;
    const addressIssue = issues.find((i) => i.path === 'address' || i.path.endsWith('.address'));
    return html`<h3 id="step-heading" tabindex="-1">${this.#t('step.contact')}</h3>
      <div class="summary" part="summary">
        <h4>${this.#t('summary')}</h4>
        ${modelName ? html`<p>${modelName} ${trimName}</p>` : nothing}
        ${location ? html`<p>${location.name}${home ? html` · ${this.#t('atHome')}` : nothing}</p>` : nothing}
        ${slot ? html`<p>${this.#grid.renderWhen(slot.start, slot.end, slot.timeZone)}</p>` : nothing}
        <button type="button" class="link" @click=${this.#changeTime}>
          ${this.#t('change')}<span class="visually-hidden"> ${this.#t('step.slot')}</span>
        </button>
      </div>
      ${
        home
          ? html`<fieldset
              class="address"
              part="address"
              aria-describedby=${addressIssue ? 'address-error' : nothing}
            >
              <legend>${this.#t('address')}</legend>
              ${(
                [
                  ['street', 'street-address'],
                  ['city', 'address-level2'],
                  ['postcode', 'postal-code'],
                ] as const
              ).map(
                ([field, autocomplete]) =>
                  html`<div class="field">
                    <label for="address-${field}">${this.#t(field)}</label>
                    <input
                      id="address-${field}"
                      type="text"
                      autocomplete=${autocomplete}
                      .value=${live(address[field])}
                      ?required=${field !== 'postcode'}
                      aria-invalid=${addressIssue && field !== 'postcode' && !address[field].trim() ? 'true' : 'false'}
                      @input=${(e: Event) => this.#onAddress(field, e)}
                    />
                  </div>`,
              )}
              ${
                addressIssue
                  ? html`<p class="error" part="error" id="address-error">
                      ${this.#t('error.required', { field: this.#t('address') })}
                    </p>`
                  : nothing
              }
            </fieldset>`
          : nothing
      }
      ${problemsBlock(error, {
        failed: (message) => this.#t('error', { message }),
        notSent: this.#t('notSent'),
      })}
      <showroom-lead-form
        part="lead-form"
        no-title
        .region=${this.region ?? 'CN'}
        .minFillTime=${this.minFillTime ?? 3000}
        .busy=${busy}
        submit-label=${busy ? this.#t('booking') : this.#t('book')}
        @showroom-contact-submit=${(e: ShowroomContactSubmitEvent) => this.#flow.confirm(e)}
      ></showroom-lead-form>`;
  }

  #doneView(): TemplateResult {
    const { booking, address, service, error } = this.#journey.value;
    if (!booking) return this.#loading();
    const place =
      service === 'home-test-drive' && address
        ? this.#t('confirmedHome', { address: [address.street, address.city].join(', ') })
        : this.#t('confirmedAt', { place: booking.location?.name ?? '' });
    return html`<div class="confirmation" part="confirmation">
      <h3 id="step-heading" tabindex="-1">${this.#t('confirmed')}</h3>
      <p>${this.#grid.renderWhen(booking.start, booking.end, booking.timeZone)}</p>
      <p>${place}</p>
      ${error ? html`<p class="alert" part="error" role="alert">${this.#t('error', { message: error.message })}</p>` : nothing}
      ${this.#flow.confirmationActions(booking, 'test-drive.ics', {
        addToCalendar: this.#t('addToCalendar'),
        cancel: this.#t('cancel'),
        cancelling: this.#t('cancelling'),
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'showroom-test-drive': ShowroomTestDrive;
  }
}
