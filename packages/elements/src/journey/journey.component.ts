import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ShowroomElement } from '../base/showroom-element.js';
import { I18nController } from '../base/i18n.js';
import {
  deferJourney,
  journeyState,
  provideJourney,
  shallowEqual,
  type JourneyHandle,
  type JourneySnapshot,
} from '../base/journey.js';
import { pendingSnapshot } from '../base/pending.js';
import { journeyMessages } from './journey.messages.js';
import { journeyStyles } from './journey.styles.js';
import { IdleController } from './idle.js';
import { makeShellJourney } from './journey-factory.js';

/** The shell's views, in journey order. */
export type JourneyView = 'configure' | 'choose' | 'save' | 'advice' | 'test-drive' | 'contact' | 'done';
const views: readonly JourneyView[] = ['configure', 'choose', 'save', 'advice', 'test-drive', 'contact'];
/** The four steps of the progress indicator, and the views each covers. */
const progress = [
  ['stepConfigure', ['configure']],
  ['stepChoose', ['choose', 'save', 'advice', 'test-drive']],
  ['stepContact', ['contact']],
  ['stepDone', ['done']],
] as const;

/**
 * The view the journey is on, read from the journey itself so that a reload resumes where the
 * shopper was: the last view the shell recorded (`panel.open` → `journey-<view>.open` steps),
 * or `done` once the lead is sent or queued.
 */
export function viewOf(snapshot: JourneySnapshot): JourneyView {
  const lead = journeyState(snapshot, 'lead');
  if (lead === 'sent' || lead === 'queued') return 'done';
  const steps = snapshot.context.steps;
  for (let i = steps.length - 1; i >= 0; i--) {
    const match = /^journey-([a-z-]+)\.open$/.exec(steps[i]?.event ?? '');
    const view = match?.[1] as JourneyView | undefined;
    if (view && views.includes(view)) return view;
  }
  return 'configure';
}

/**
 * What the journey did, as the done step tells it: a video call with an advisor now, a booked
 * test drive (at a showroom or at home) or call, or a lead with the build alone; `queued` while
 * the lead waits for the connection.
 */
export type JourneyOutcome =
  'queued' | 'video-now' | 'test-drive' | 'home-test-drive' | 'video' | 'phone' | 'sent';

interface ShellState {
  view: JourneyView;
  ready: boolean;
  outcome: JourneyOutcome;
  /** The booked appointment's start (ISO instant) and the zone it takes place in. */
  start: string | null;
  timeZone: string | null;
  /** The showroom of a booked test drive. */
  place: string | null;
  /** The link that joins the video call in progress. */
  joinUrl: string | null;
  /** The saved build's code. */
  code: string | null;
}

function shellState(snapshot: JourneySnapshot): ShellState {
  const { catalog, consultation, booking, saved } = snapshot.context;
  const outcome: JourneyOutcome =
    journeyState(snapshot, 'lead') === 'queued'
      ? 'queued'
      : consultation
        ? 'video-now'
        : (booking?.service ?? 'sent');
  return {
    view: viewOf(snapshot),
    ready: catalog !== null,
    outcome,
    start: booking?.start ?? null,
    timeZone: booking?.timeZone ?? null,
    place: booking?.location?.name ?? null,
    joinUrl: consultation?.joinUrl ?? null,
    code: saved?.code ?? null,
  };
}

const dataLayerEvents = [
  'showroom-build-changed',
  'showroom-build-saved',
  'showroom-booking-confirmed',
  'showroom-lead-sent',
  'showroom-lead-queued',
  'showroom-lead-failed',
  'showroom-error',
] as const;

/**
 * Hosts a whole journey as steps — configure → save, talk to an advisor or book a test drive →
 * contact → done — with a progress indicator. Every Showroom element inside it works on the
 * journey it provides; the journey survives a reload and resumes on the same step.
 *
 * With `kiosk`, it fills the screen of a store display: large touch targets, an attract screen,
 * and after `idle-timeout` seconds of quiet a "still there?" countdown, then a reset that wipes
 * the journey, every form and the stored snapshot (leads not yet delivered stay in the outbox,
 * which no screen can read). The build goes to the shopper's phone by QR, so nothing personal
 * need be typed on a shared screen.
 *
 * @summary A whole showroom journey in one element, also as a store kiosk.
 *
 * @slot attract - Content of the kiosk's attract screen above the start button (a brand image or video).
 *
 * @fires showroom-build-changed - Bubbles up from the configurator inside (see that element).
 * @fires showroom-lead-sent - Bubbles up from the elements inside when the lead is delivered.
 *
 * @csspart progress - The progress indicator (an ordered list).
 * @csspart panel - The current step's panel.
 * @csspart attract - The kiosk's attract screen.
 * @csspart idle-dialog - The "still there?" dialog.
 *
 * @cssprop --showroom-journey-gap - Space between the progress indicator and the step.
 * @cssprop --showroom-journey-target-size - Smallest size of buttons (at least 44px in kiosk mode).
 * @cssprop --showroom-journey-attract-background - Background of the attract screen.
 * @cssprop --showroom-journey-z-index - Stacking order of the full-screen kiosk.
 *
 * @cssstate kiosk - Full-screen store display.
 * @cssstate idle - The "still there?" countdown is showing.
 */
export class ShowroomJourney extends ShowroomElement {
  static override styles = [...ShowroomElement.styles, journeyStyles];

  /**
   * Loads the elements of the steps after the first (set by `define/journey`): they are fetched
   * once the configurator has painted, while the shopper looks at it, so the first paint stays
   * small and a kiosk that goes offline later still has every step.
   */
  static loadSteps: (() => Promise<unknown>) | undefined;

  static override properties = {
    ...ShowroomElement.properties,
    model: { type: String },
    kiosk: { type: Boolean, reflect: true },
    kioskId: { type: String, attribute: 'kiosk-id' },
    dealer: { type: String },
    referral: { type: String },
    idleTimeout: { type: Number, attribute: 'idle-timeout' },
    countdown: { type: Number },
    dataLayer: { type: String, attribute: 'data-layer' },
    journey: { attribute: false },
    generation: { state: true },
  };

  /** The model to configure (default: the catalog's first). */
  declare model: string | undefined;
  /** Full-screen store display with idle reset. */
  declare kiosk: boolean;
  /** The kiosk's id; goes into every lead as `source.kioskId`. */
  declare kioskId: string | undefined;
  /** The dealer the leads are for (`source.dealerId`). */
  declare dealer: string | undefined;
  /** An owner's referral code (`source.referral`); default: `?ref=` in the page URL. */
  declare referral: string | undefined;
  /** Kiosk: seconds of quiet before asking "still there?" (default 90). */
  declare idleTimeout: number;
  /** Kiosk: seconds the question waits before the reset (default 20). */
  declare countdown: number;
  /** Name of a global array (e.g. `dataLayer`) that every Showroom event is also pushed to. */
  declare dataLayer: string | undefined;
  /** The journey to host; by default the shell makes its own (see `setJourneyFactory`). */
  declare journey: JourneyHandle | undefined;
  /** Bumped on every kiosk reset so every element inside is made anew, with empty forms. */
  declare generation: number;

  readonly #i18n = new I18nController(this, journeyMessages);
  readonly #provider: ReturnType<typeof provideJourney>;
  #handle: JourneyHandle | undefined;
  #subscription: { unsubscribe(): void } | undefined;
  #state: ShellState = shellState(pendingSnapshot());
  readonly #idle = new IdleController(this, {
    timeoutMs: () => Math.max(1, this.idleTimeout) * 1000,
    countdownMs: () => Math.max(1, this.countdown) * 1000,
    onReset: () => this.reset(),
  });
  readonly #pushToDataLayer = (event: Event): void => {
    if (!this.dataLayer) return;
    const layer = ((globalThis as Record<string, unknown>)[this.dataLayer] ??= []) as unknown[];
    if (Array.isArray(layer))
      layer.push({ event: event.type, detail: (event as { detail?: unknown }).detail });
  };

  constructor() {
    super();
    this.kiosk = false;
    this.idleTimeout = 90;
    this.countdown = 20;
    this.generation = 0;
    // Provides to the elements inside; the real journey is set when the shell connects, before
    // its first render puts any element inside.
    this.#provider = provideJourney(this, deferJourney(new Promise<JourneyHandle>(() => {})));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of dataLayerEvents) this.addEventListener(type, this.#pushToDataLayer);
    if (!this.#handle) this.#bind(this.journey ?? deferJourney(makeShellJourney(this.#options())));
    if (this.kiosk) this.#idle.enable('attract');
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback;
    (idle ?? ((cb: () => void) => setTimeout(cb, 200)))(() => this.#loadSteps());
  }

  #loadSteps(): void {
    (this.constructor as typeof ShowroomJourney)
      .loadSteps?.()
      .catch((err: unknown) => console.error('Showroom: a journey step could not be loaded', err));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of dataLayerEvents) this.removeEventListener(type, this.#pushToDataLayer);
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#handle = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('journey') && this.journey && this.journey !== this.#handle) this.#bind(this.journey);
    if (changed.has('kiosk') && changed.get('kiosk') !== undefined) {
      if (this.kiosk) this.#idle.enable('attract');
      else this.#idle.disable();
    }
  }

  /** Wipes the journey (build, contact, appointment, stored snapshot) and every form, and starts over. */
  reset(): void {
    this.#handle?.send({ type: 'journey.reset' });
    this.generation += 1;
    this.#idle.resume();
    if (this.kiosk) this.#idle.enable('attract');
  }

  #bind(handle: JourneyHandle): void {
    this.#subscription?.unsubscribe();
    this.#handle = handle;
    this.#provider.setValue(handle);
    const read = (snapshot: JourneySnapshot) => {
      const next = shellState(snapshot);
      if (shallowEqual(next, this.#state)) return;
      this.#state = next;
      this.requestUpdate();
    };
    read(handle.getSnapshot());
    this.#subscription = handle.subscribe(read);
  }

  #options() {
    const referral = this.referral ?? new URLSearchParams(location.search).get('ref') ?? undefined;
    return {
      channel: this.kiosk ? ('kiosk' as const) : ('brand-site' as const),
      privacy: this.kiosk ? ('kiosk' as const) : ('standard' as const),
      ...(this.model ? { modelId: this.model } : {}),
      leadSource: {
        site: location.host,
        page: `${location.origin}${location.pathname}`,
        ...(this.kiosk && this.kioskId ? { kioskId: this.kioskId } : {}),
        ...(this.dealer ? { dealerId: this.dealer } : {}),
        ...(referral ? { referral } : {}),
      },
      storageKey: this.kiosk ? `kiosk-${this.kioskId ?? 'default'}` : `shell-${this.model ?? 'default'}`,
      pageUrl: `${location.origin}${location.pathname}`,
    };
  }

  #go(view: JourneyView): void {
    this.#loadSteps();
    this.#handle?.send({ type: 'panel.open', panel: `journey-${view}` });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const view = this.#state.view;
    if (view && view !== this.#shownView) {
      const first = this.#shownView === undefined;
      this.#shownView = view;
      // Move focus to the new step's heading, so keyboard and screen-reader users follow along.
      if (!first) this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
    }
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this.#idle.phase === 'warning' && !dialog.open) dialog.showModal();
    if (dialog && this.#idle.phase !== 'warning' && dialog.open) dialog.close();
    this.toggleAttribute('data-idle', this.#idle.phase === 'warning');
  }
  #shownView: JourneyView | undefined;

  override render() {
    const t = this.t.bind(this);
    const { view, ready } = this.#state;
    return html`
      ${this.kiosk && this.#idle.phase === 'attract' ? this.#renderAttract() : nothing}
      <div class="shell" ?inert=${this.kiosk && this.#idle.phase !== 'active'}>
        <nav aria-label=${t('progress')}>
          <ol class="progress" part="progress">
            ${progress.map(([key, covered], index) => {
              const current = (covered as readonly string[]).includes(view);
              const done = progress.findIndex(([, c]) => (c as readonly string[]).includes(view)) > index;
              return html`<li
                data-state=${current ? 'current' : done ? 'done' : 'todo'}
                aria-current=${current ? 'step' : 'false'}
              >
                ${current ? t('stepCurrent', { step: t(key) }) : done ? t('stepComplete', { step: t(key) }) : t(key)}
              </li>`;
            })}
          </ol>
        </nav>
        <section part="panel" aria-live="off">
          ${keyed(this.generation, this.#renderView(view, ready))}
        </section>
      </div>
      ${this.kiosk ? this.#renderIdleDialog() : nothing}
    `;
  }

  /** The shell's text in the current locale. */
  t(key: keyof (typeof journeyMessages)['en'], params?: Record<string, string | number>): string {
    return this.#i18n.t(key, params);
  }

  /**
   * The step's panel. Until the journey has its catalog the configure step shows, its
   * configurator in its loading skeleton and nothing to press: the shell's loading state is its
   * first step, so nothing moves when the catalog arrives.
   */
  #renderView(view: JourneyView, ready: boolean) {
    const t = this.t.bind(this);
    const heading = (text: string) => html`<h2 tabindex="-1" data-step-heading>${text}</h2>`;
    const back = (to: JourneyView) =>
      html`<button class="secondary" type="button" @click=${() => this.#go(to)}>${t('back')}</button>`;
    switch (view) {
      case 'configure':
        return html`
          <showroom-configurator model=${this.model ?? nothing}></showroom-configurator>
          <div class="actions">
            <span></span>
            <button class="primary" type="button" ?disabled=${!ready} @click=${() => this.#go('choose')}>
              ${t('continue')}
            </button>
          </div>
        `;
      case 'choose':
        return html`
          ${heading(t('chooseTitle'))}
          <div class="choices">
            ${this.#choice('save', this.kiosk ? t('chooseHandoff') : t('chooseSave'), this.kiosk ? t('chooseHandoffHint') : t('chooseSaveHint'))}
            ${this.#choice('advice', t('chooseAdvice'), t('chooseAdviceHint'))}
            ${this.#choice('test-drive', t('chooseDrive'), t('chooseDriveHint'))}
          </div>
          <div class="actions">${back('configure')}</div>
        `;
      case 'save':
        return html`
          <showroom-build-saver></showroom-build-saver>
          <div class="actions">
            ${back('choose')}
            <button class="primary" type="button" @click=${() => this.#go('contact')}>
              ${t('toContact')}
            </button>
          </div>
        `;
      case 'advice':
        return html`<showroom-video-consult></showroom-video-consult>
          <div class="actions">${back('choose')}</div>`;
      case 'test-drive':
        return html`<showroom-test-drive model=${this.model ?? nothing}></showroom-test-drive>
          <div class="actions">${back('choose')}</div>`;
      case 'contact':
        return html`
          ${heading(t('contactTitle'))}
          <showroom-lead-form></showroom-lead-form>
          <div class="actions">${back('save')}</div>
        `;
      case 'done':
        return this.#renderDone(heading(t('doneTitle')));
    }
  }

  /** The done step: what happened, in the shopper's words — only what did happen. */
  #renderDone(heading: TemplateResult) {
    const t = this.t.bind(this);
    const { outcome, start, timeZone, place, joinUrl, code } = this.#state;
    const when =
      start && timeZone
        ? new Date(start).toLocaleString(this.#i18n.locale, {
            dateStyle: 'full',
            timeStyle: 'short',
            timeZone,
          })
        : '';
    const message: Record<JourneyOutcome, string> = {
      queued: t('doneQueued'),
      'video-now': t('doneVideoNow'),
      'test-drive': place ? t('doneTestDrive', { when, place }) : t('doneHomeTestDrive', { when }),
      'home-test-drive': t('doneHomeTestDrive', { when }),
      video: t('doneVideoCall', { when }),
      phone: t('donePhoneCall', { when }),
      sent: t('doneSent'),
    };
    return html`<div class="done" data-outcome=${outcome}>
      ${heading}
      <p role="status">${message[outcome]}</p>
      ${
        outcome === 'video-now' && joinUrl
          ? html`<a class="button primary" part="join" href=${joinUrl} target="_blank" rel="noopener"
              >${t('doneJoin')}</a
            >`
          : nothing
      }
      ${code ? html`<p>${t('doneCode', { code })}</p>` : nothing}
      <button class=${joinUrl ? 'secondary' : 'primary'} type="button" @click=${() => this.reset()}>
        ${t('startOver')}
      </button>
    </div>`;
  }

  #choice(view: JourneyView, title: string, hint: string) {
    return html`<button class="choice" type="button" data-choice=${view} @click=${() => this.#go(view)}>
      <strong>${title}</strong><span>${hint}</span>
    </button>`;
  }

  #renderAttract() {
    return html`<div class="attract" part="attract">
      <slot name="attract"></slot>
      <h2>${this.t('attractTitle')}</h2>
      <button class="primary" type="button" @click=${() => this.#idle.resume()}>
        ${this.t('attractStart')}
      </button>
    </div>`;
  }

  #renderIdleDialog() {
    return html`<dialog
      part="idle-dialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.#idle.resume();
      }}
    >
      <h2 id="idle-title">${this.t('idleTitle')}</h2>
      <p id="idle-body" role="timer" aria-live="polite">
        ${this.t('idleBody', { count: this.#idle.secondsLeft })}
      </p>
      <div class="actions">
        <button class="secondary" type="button" @click=${() => this.reset()}>${this.t('idleReset')}</button>
        <button class="primary" type="button" autofocus @click=${() => this.#idle.resume()}>
          ${this.t('idleStay')}
        </button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'showroom-journey': ShowroomJourney;
  }
}
