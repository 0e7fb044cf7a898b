import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
// From the text entry, not the package root: a barrel import would pull the journey runtime
// into this element's chunk (esbuild splits by module reachability, not by use).
import { resolveText } from '@showroom/core/text';
import type {
  Booking,
  ConsultationNow,
  ConsultationStarted,
  JourneyError,
  Service,
  Slot,
} from '@showroom/core';
import { I18nController } from '../base/i18n.js';
import { JourneyController, journeyState } from '../base/journey.js';
import type { JourneySnapshot } from '../base/journey.js';
import { ShowroomElement } from '../base/showroom-element.js';
import type { PhoneRegion } from '../lead-form/contact.js';
import { formStyles } from '../lead-form/form.styles.js';
import { toggleState } from '../lead-form/element-state.js';
import type { ShowroomContactSubmitEvent } from '../lead-form/lead-form.events.js';
import { BookingFlow, LeadProblemReporter, problemsBlock } from '../test-drive/booking.js';
import { formatTime } from '../test-drive/format.js';
import { slotGridStyles } from '../test-drive/slot-grid.styles.js';
import { browserTimeZone } from '../test-drive/week.js';
import { videoConsultMessages, type VideoConsultMessageKey } from './video-consult.messages.js';
import { videoConsultStyles } from './video-consult.styles.js';

/** What the element shows. */
export type VideoConsultView = 'now' | 'slot' | 'contact' | 'done';

const SERVICES: readonly Service[] = ['video', 'phone'];

/** One `Intl.DisplayNames` per display locale for the page's life: making one is slow. */
const displayNames = new Map<string, Intl.DisplayNames>();

/** The name of language `tag` in `locale` (the tag itself when the platform has none for it). */
function languageName(tag: string, locale: string): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag; // not a well-formed tag
  }
}

interface Slice {
  advisorState: string;
  advisor: ConsultationNow | null;
  consultation: ConsultationStarted | null;
  advisorError: JourneyError | null;
  state: string;
  service: Service | null;
  slots: Slot[];
  slot: Slot | null;
  slotTaken: boolean;
  booking: Booking | null;
  error: JourneyError | null;
  modelName: string;
  /** The catalog is loaded, or failed: either way there is nothing more to wait for. */
  catalogSettled: boolean;
  appointmentOpen: boolean;
}

function select(snapshot: JourneySnapshot): Slice {
  const c = snapshot.context;
  const locale = c.settings.locale ?? c.catalog?.locales[0] ?? 'en';
  const model = c.catalog?.models.find((m) => m.id === c.modelId);
  const trim = model?.trims.find((t) => t.id === c.build?.trimId);
  const fallbacks = c.catalog?.locales ?? [];
  return {
    advisorState: journeyState(snapshot, 'advisor'),
    advisor: c.advisor,
    consultation: c.consultation,
    advisorError: c.errors.advisor ?? null,
    state: journeyState(snapshot, 'appointment'),
    service: c.appointment?.service ?? null,
    slots: c.slots,
    slot: c.slot,
    slotTaken: c.slotTaken,
    booking: c.booking,
    error: c.errors.appointment ?? null,
    modelName: model
      ? `${resolveText(model.name, locale, fallbacks)} ${trim ? resolveText(trim.name, locale, fallbacks) : ''}`.trim()
      : '',
    catalogSettled: c.catalog !== null || c.errors.catalog !== undefined,
    appointmentOpen: c.appointment !== null,
  };
}

const viewOfState: Record<string, VideoConsultView> = {
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

const SENT = [
  'advisor.check',
  'consult.start',
  'appointment.start',
  'appointment.retry',
  'slot.pick',
  'slots.more',
  'booking.confirm',
  'booking.cancel',
] as const;

/**
 * Talk to an advisor: a video call now when one is free (with the expected wait), otherwise a
 * video or phone call booked at a free time, in the shopper's preferred language. The build the
 * shopper configured goes with the request, so the advisor sees the car. The confirmation of a
 * booked video call shows the join link and a calendar file.
 *
 * Call times are shown in the shopper's own zone (a call happens wherever they are).
 *
 * @summary Video consultation: talk now, or book a video or phone call, with the build attached.
 *
 * @slot title - Replaces the heading.
 *
 * @fires showroom-booking-confirmed - The shopper booked a video or phone call. Detail: `{ bookingId, service, start, end, timeZone }`.
 * @fires showroom-lead-sent - The lead with the build and the appointment reached the backend.
 * @fires showroom-lead-queued - The lead waits in an outbox and is retried.
 * @fires showroom-lead-failed - The lead was refused.
 * @fires showroom-error - Availability, slots, the call or the booking failed. Detail: `{ code, message, issues }`.
 *
 * @csspart title - The heading.
 * @csspart status - Who is free now and the expected wait.
 * @csspart talk-now - The "talk now" button.
 * @csspart join - The link that joins the call.
 * @csspart book-later - The booking choices (video or phone).
 * @csspart slot-grid - The week grid with its navigation.
 * @csspart grid - The grid table.
 * @csspart slot - Each free slot button.
 * @csspart shortcut - The "next free" and "earliest weekend" buttons.
 * @csspart week-button - The previous-week and next-week buttons.
 * @csspart grid-empty - The note shown when a week (or the whole range) has no free time.
 * @csspart summary - The chosen call and time.
 * @csspart lead-form - The embedded `<showroom-lead-form>`.
 * @csspart confirmation - The confirmation.
 * @csspart calendar - The add-to-calendar link.
 * @csspart cancel - The cancel button.
 * @csspart error - Error messages.
 *
 * @cssprop --showroom-video-consult-max-width - Widest the element grows.
 * @cssprop --showroom-slot-grid-gap - Space between grid cells.
 * @cssprop --showroom-slot-grid-slot-background - Background of a free slot.
 *
 * @cssstate available - An advisor is free now.
 * @cssstate in-call - A call is running.
 * @cssstate loading - Availability or slots are loading.
 * @cssstate booked - A call is booked.
 * @cssstate error - Something failed.
 */
export class ShowroomVideoConsult extends ShowroomElement {
  static override styles = [...ShowroomElement.styles, formStyles, slotGridStyles, videoConsultStyles];

  static override properties = {
    ...ShowroomElement.properties,
    languages: {},
    timeZone: { attribute: 'time-zone' },
    region: {},
    minFillTime: { type: Number, attribute: 'min-fill-time' },
    _language: { state: true },
    _kind: { state: true },
    _talkNow: { state: true },
  };

  /** The languages the shopper can ask for, comma-separated BCP 47 tags (default `zh-CN,zh-TW,en`). */
  declare languages: string;
  /** The shopper's time zone (default: the browser's); call times are shown in it. */
  declare timeZone: string | undefined;
  /** Passed to the lead form: where phone numbers without `+` are read (`CN`, `TW`, `HK`). */
  declare region: PhoneRegion | undefined;
  /** Passed to the lead form: milliseconds before its submit counts. */
  declare minFillTime: number | undefined;

  declare _language: string;
  declare _kind: 'video' | 'phone';
  declare _talkNow: boolean;

  readonly #i18n = new I18nController(this, videoConsultMessages);
  readonly #journey = new JourneyController(this, select);
  readonly #flow = new BookingFlow(this, this.#journey, {
    services: SERVICES,
    sent: SENT,
    alsoReports: (error) => error.scope === 'advisor',
    shopperZone: () => this.#shopperZone,
    inShopperZone: true,
  });
  readonly #grid = this.#flow.grid;
  readonly #internals = this.attachInternals();
  readonly #advisorProblems = new LeadProblemReporter();
  #checked = false;
  #hadFocus = false;
  #lastView: string | undefined;

  constructor() {
    super();
    this.languages = 'zh-CN,zh-TW,en';
    this._language = '';
    this._kind = 'video';
    this._talkNow = false;
  }

  get #shopperZone(): string {
    return this.timeZone || browserTimeZone();
  }

  #languageChoices: { key: string; list: string[]; names: string[] } | undefined;

  /** The languages offered, as tags, with their names in the UI locale (kept until either changes). */
  get #languages(): { list: string[]; names: string[] } {
    const locale = this.#i18n.locale;
    const key = `${locale}\n${this.languages}`;
    if (this.#languageChoices?.key !== key) {
      const list = this.languages
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean);
      this.#languageChoices = { key, list, names: list.map((tag) => languageName(tag, locale)) };
    }
    return this.#languageChoices;
  }

  /** The languages offered, as tags. */
  get #languageList(): string[] {
    return this.#languages.list;
  }

  /** The language asked for: the shopper's pick, else the UI locale when offered, else the first offered. */
  get language(): string {
    const list = this.#languageList;
    if (this._language) return this._language;
    return list.includes(this.#i18n.locale) ? this.#i18n.locale : (list[0] ?? this.#i18n.locale);
  }

  /** What the element shows now. */
  get view(): VideoConsultView {
    const { service, state } = this.#journey.value;
    return this.#flow.mine(service) ? (viewOfState[state] ?? 'now') : 'now';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#hadFocus = this.matches(':focus-within');
    const { advisorState, catalogSettled } = this.#journey.value;
    // Asked once the element is seen and the catalog is in, so a call started now carries the build.
    if (this.#flow.seen && !this.#checked && catalogSettled && advisorState === 'idle') {
      this.#checked = true;
      queueMicrotask(() => this.#check());
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const view = `${this.view}:${this.#journey.value.advisorState}:${this._talkNow}`;
    if (this.#lastView !== undefined && view !== this.#lastView && this.#hadFocus) {
      this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
    }
    this.#lastView = view;
    const { advisorState, state, error, advisorError } = this.#journey.value;
    this.#advisorProblems.report(this, advisorError, () => this.#journey.sentLast(['consult.start']));
    const states = this.#internals.states;
    toggleState(states, 'available', advisorState === 'available');
    toggleState(states, 'in-call', advisorState === 'inCall');
    toggleState(
      states,
      'loading',
      advisorState === 'checking' || state === 'loadingSlots' || state === 'loadingMoreSlots',
    );
    toggleState(states, 'booked', state === 'booked' && this.view === 'done');
    toggleState(
      states,
      'error',
      advisorState === 'failed' ||
        (error !== null && error.code !== 'slot_unavailable' && this.view !== 'now') ||
        advisorError?.code === 'no_advisor',
    );
  }

  // ── actions ──

  #check(): void {
    this.#journey.send({ type: 'advisor.check', language: this.language });
  }

  #onLanguage(event: Event): void {
    this._language = (event.target as HTMLSelectElement).value;
    this.#check();
  }

  #bookLater(): void {
    this._talkNow = false;
    this.#journey.send({ type: 'appointment.start', service: this._kind, language: this.language });
  }

  #onTalkNowSubmit(event: ShowroomContactSubmitEvent): void {
    event.preventDefault();
    this.#journey.send({ type: 'consult.start' });
  }

  // ── rendering ──

  #t(key: VideoConsultMessageKey, params?: Record<string, string | number>): string {
    return this.#i18n.t(key, params);
  }

  protected override render(): TemplateResult {
    const view = this.view;
    const body =
      view === 'slot'
        ? this.#slotView()
        : view === 'contact'
          ? this.#contactView()
          : view === 'done'
            ? this.#doneView()
            : this.#nowView();
    return html`<section class="video-consult" aria-labelledby="title">
      <h2 id="title" part="title"><slot name="title">${this.#t('title')}</slot></h2>
      ${body}
    </section>`;
  }

  #problems(error: JourneyError | null): TemplateResult | typeof nothing {
    return problemsBlock(error, {
      failed: (message) => this.#t('error', { message }),
      notSent: this.#t('notSent'),
    });
  }

  #buildLine(): TemplateResult | typeof nothing {
    const { modelName } = this.#journey.value;
    return modelName
      ? html`<p class="hint build">${this.#t('buildTravels', { model: modelName })}</p>`
      : nothing;
  }

  #leadForm(label: string, busy: boolean, onSubmit: (e: ShowroomContactSubmitEvent) => void): TemplateResult {
    return html`<showroom-lead-form
      part="lead-form"
      no-title
      .region=${this.region ?? 'CN'}
      .minFillTime=${this.minFillTime ?? 3000}
      .busy=${busy}
      submit-label=${label}
      @showroom-contact-submit=${onSubmit}
    ></showroom-lead-form>`;
  }

  #nowView(): TemplateResult {
    const { advisorState, advisor, advisorError, consultation, catalogSettled } = this.#journey.value;
    const { list, names } = this.#languages;
    const language = this.language;
    const languagePicker = html`<div class="field language">
      <label for="language">${this.#t('language')}</label>
      <select id="language" @change=${this.#onLanguage}>
        ${list.map(
          (tag, i) => html`<option value=${tag} ?selected=${tag === language}>${names[i] ?? tag}</option>`,
        )}
      </select>
    </div>`;
    let status: TemplateResult;
    const checking = !catalogSettled || advisorState === 'idle' || advisorState === 'checking';
    if (checking) {
      status = html`<p class="loading visually-hidden" role="status">${this.#t('checking')}</p>`;
    } else if (advisorState === 'failed') {
      status = html`<div class="alert" part="error" role="alert">
        <p>${this.#t('error', { message: advisorError?.message ?? '' })}</p>
        <button type="button" @click=${() => this.#check()}>${this.#t('retry')}</button>
      </div>`;
    } else if (advisorState === 'inCall' && consultation) {
      return html`<div class="in-call">
        <h3 id="step-heading" tabindex="-1">${this.#t('inCall')}</h3>
        <a class="button primary" part="join" href=${consultation.joinUrl} target="_blank" rel="noopener">
          ${this.#t('join')}
        </a>
        <p class="hint">
          ${this.#t('joinUntil', { time: formatTime(consultation.expiresAt, this.#shopperZone, this.#i18n.locale) })}
        </p>
        <button type="button" @click=${() => this.#journey.send({ type: 'consult.end' })}>
          ${this.#t('endCall')}
        </button>
      </div>`;
    } else if (advisorState === 'available' || advisorState === 'preparing' || advisorState === 'starting') {
      const free = advisor?.advisorsOnline ?? 1;
      const wait = advisor?.waitMinutes ?? 0;
      const starting = advisorState === 'preparing' || advisorState === 'starting';
      status = html`<div class="now" part="status" role="status">
          <p><strong>${this.#t('available', { count: free })}</strong></p>
          <p>${wait > 0 ? this.#t('wait', { count: wait }) : this.#t('noWait')}</p>
        </div>
        ${
          this._talkNow
            ? html`<h3 id="step-heading" tabindex="-1">${this.#t('talkNowTitle')}</h3>
                ${this.#buildLine()} ${this.#problems(advisorError)}
                ${this.#leadForm(this.#t(starting ? 'starting' : 'startCall'), starting, (e) => this.#onTalkNowSubmit(e))}`
            : html`<button
                type="button"
                class="primary"
                part="talk-now"
                @click=${() => (this._talkNow = true)}
              >
                ${this.#t('talkNow')}
              </button>`
        }`;
    } else {
      const wait = advisor && advisor.advisorsOnline > 0 ? advisor.waitMinutes : null;
      status = html`<div class="alert info" part="status" role="status">
        <p>
          ${
            advisorError?.code === 'no_advisor'
              ? this.#t('busyNow')
              : wait
                ? this.#t('allBusy', { count: wait })
                : this.#t('unavailable')
          }
        </p>
        ${wait ? html`<button type="button" @click=${() => this.#check()}>${this.#t('checkAgain')}</button>` : nothing}
      </div>`;
    }
    return html`${languagePicker}
      ${this.#flow.cancelled ? html`<p class="alert success" role="status">${this.#t('cancelled')}</p>` : nothing}
      <div class="advisor">
        ${this.#advisorPlaceholder(checking)}
        <div class="answer">${status}</div>
      </div>
      <fieldset class="later" part="book-later">
        <legend>${this.#t('bookLater')}</legend>
        <div class="choices" role="radiogroup" aria-label=${this.#t('kind')}>
          ${(['video', 'phone'] as const).map(
            (kind) =>
              html`<label class="choice">
                <input
                  type="radio"
                  name="kind"
                  value=${kind}
                  .checked=${live(this._kind === kind)}
                  @change=${() => (this._kind = kind)}
                />
                ${this.#t(`kind.${kind}`)}
              </label>`,
          )}
        </div>
        <div class="actions">
          <button type="button" @click=${this.#bookLater}>${this.#t('showTimes')}</button>
        </div>
      </fieldset>`;
  }

  /**
   * Holds the room the answer to "who is free now" takes (two lines and the "talk now" button),
   * so nothing below moves when it arrives or when no one is free: a skeleton while checking,
   * invisible afterwards. Hidden from assistive technology; the answer itself is announced.
   */
  #advisorPlaceholder(checking: boolean): TemplateResult {
    return html`<div class="placeholder ${checking ? 'skeleton' : ''}" aria-hidden="true" inert>
      <div class="now">
        <p><strong>${this.#t('available', { count: 1 })}</strong></p>
        <p>${this.#t('noWait')}</p>
      </div>
      <span class="button primary">${this.#t('talkNow')}</span>
    </div>`;
  }

  #back(): TemplateResult {
    return html`<button
      type="button"
      class="link"
      @click=${() => this.#journey.send({ type: 'appointment.close' })}
    >
      ${this.#t('back')}
    </button>`;
  }

  #slotView(): TemplateResult {
    const { state, slots, slotTaken, error, service } = this.#journey.value;
    return html`<h3 id="step-heading" tabindex="-1">
        ${this.#t('pick')} · ${this.#t(`kind.${service === 'phone' ? 'phone' : 'video'}`)}
      </h3>
      ${slotTaken ? html`<p class="alert" part="error" role="alert">${this.#t('taken')}</p>` : nothing}
      ${
        state === 'loadingSlots'
          ? html`<p class="loading" role="status">${this.#t('loading')}</p>`
          : state === 'slotsFailed'
            ? html`<div class="alert" part="error" role="alert">
                <p>${this.#t('error', { message: error?.message ?? '' })}</p>
                <button type="button" @click=${() => this.#journey.send({ type: 'appointment.retry' })}>
                  ${this.#t('retry')}
                </button>
              </div>`
            : html`${
                // A failed load of later times: the times shown stay.
                state === 'choosingSlot' && error
                  ? html`<p class="alert" part="error" role="alert">
                      ${this.#t('error', { message: error.message })}
                    </p>`
                  : nothing
              }${this.#grid.render(slots)}`
      }
      <div class="actions">${this.#back()}</div>`;
  }

  #contactView(): TemplateResult {
    const { slot, service, state, error } = this.#journey.value;
    const busy = state === 'preparing' || state === 'booking';
    return html`<h3 id="step-heading" tabindex="-1">${this.#t('details')}</h3>
      <div class="summary" part="summary">
        <p><strong>${this.#t(`kind.${service === 'phone' ? 'phone' : 'video'}`)}</strong></p>
        ${
          slot
            ? html`<p>${this.#grid.renderWhen(slot.start, slot.end, this.#shopperZone)}</p>
                ${slot.advisor ? html`<p>${this.#t('advisor', { name: slot.advisor.name })}</p>` : nothing}`
            : nothing
        }
        <button type="button" class="link" @click=${this.#bookLater}>${this.#t('change')}</button>
      </div>
      ${this.#buildLine()} ${this.#problems(error)}
      ${this.#leadForm(this.#t(busy ? 'booking' : 'book'), busy, (e) => this.#flow.confirm(e))}`;
  }

  #doneView(): TemplateResult {
    const { booking, slot, error } = this.#journey.value;
    if (!booking) return html`<p class="loading" role="status">${this.#t('loading')}</p>`;
    return html`<div class="confirmation" part="confirmation">
      <h3 id="step-heading" tabindex="-1">${this.#t('confirmed')}</h3>
      <p>${this.#grid.renderWhen(booking.start, booking.end, this.#shopperZone)}</p>
      ${slot?.advisor ? html`<p>${this.#t('advisor', { name: slot.advisor.name })}</p>` : nothing}
      ${
        booking.joinUrl
          ? html`<p>${this.#t('confirmedVideo')}</p>
              <p>
                <a part="join" href=${booking.joinUrl} target="_blank" rel="noopener">${booking.joinUrl}</a>
              </p>`
          : html`<p>${this.#t('confirmedPhone')}</p>`
      }
      ${error ? html`<p class="alert" part="error" role="alert">${this.#t('error', { message: error.message })}</p>` : nothing}
      ${this.#flow.confirmationActions(booking, 'consultation.ics', {
        addToCalendar: this.#t('addToCalendar'),
        cancel: this.#t('cancel'),
        cancelling: this.#t('cancelling'),
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'showroom-video-consult': ShowroomVideoConsult;
  }
}
