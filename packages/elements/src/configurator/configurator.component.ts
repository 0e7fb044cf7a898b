import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
// From the text entry, not the package root: a barrel import would pull the journey runtime
// into this element's chunk (esbuild splits by module reachability, not by use).
import { resolveText } from '@showroom/core/text';
import type {
  CatalogGroup,
  CatalogOption,
  CatalogTrim,
  Build,
  JourneyChange,
  JourneyError,
  LocalizedText,
  OptionState,
  PendingProposal,
  PriceBreakdown,
  Reason,
} from '@showroom/core';
import { ShowroomElement } from '../base/showroom-element.js';
import { I18nController } from '../base/i18n.js';
import { getRuntime, loadRuntime, type Runtime } from '../base/runtime.js';
import { JourneyController, type JourneySnapshot } from '../base/journey.js';
import { ShowroomBuildChangedEvent, ShowroomErrorEvent, type ShowroomIssue } from '../base/events.js';
import { configuratorMessages } from './configurator.messages.js';
import { configuratorStyles } from './configurator.styles.js';
import {
  groupKind,
  modelView,
  proposeAhead,
  provisionalStates,
  ruleSubject,
  type ModelView,
} from './model-view.js';

type PickProposal = Extract<PendingProposal, { kind: 'pick' }>;

function selectSlice(snapshot: JourneySnapshot) {
  const c = snapshot.context;
  return {
    catalog: c.catalog,
    catalogError: c.errors.catalog,
    modelId: c.modelId,
    build: c.build,
    price: c.price,
    finance: c.finance,
    quote: c.financeQuote,
    pending: c.pendingProposal?.kind === 'pick' ? c.pendingProposal : null,
    refused: c.refused,
  };
}

type Slice = ReturnType<typeof selectSlice>;

/** Events that change the build from this element; the one sent last decides who reports the change. */
const BUILD_EVENTS = ['build.select', 'build.deselect', 'build.confirm', 'build.restart'] as const;

/**
 * Configure a car: trim, paint, wheels, interior, packages and accessories, with the live
 * price and monthly payment. Any pick that changes more than itself is explained in a dialog
 * (every change and its price) before anything changes.
 *
 * The element holds no state of its own: it renders a slice of its journey (the nearest
 * `<showroom-journey>`, else the page's default journey) and sends it events.
 *
 * @summary Pick trim and options with live price, finance and conflict explanations.
 *
 * @slot media - Pictures of the car, shown in the header (defaults to the model's `hero` image, if any).
 * @slot actions - Under the price summary, e.g. a `<showroom-build-saver>` or a call to action.
 *
 * @fires {ShowroomBuildChangedEvent} showroom-build-changed - The shopper changed the build (a pick, a confirmed conflict, a trim switch).
 * @fires {ShowroomErrorEvent} showroom-error - The catalog could not be read, or the `model` is not in it.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The model header.
 * @csspart trims - The trim chooser.
 * @csspart group - Each option group.
 * @csspart option - Each trim card, swatch, tile and toggle.
 * @csspart summary - The summary, price breakdown and finance column.
 * @csspart total - The total price line.
 * @csspart finance - The finance panel.
 * @csspart dialog - The conflict dialog.
 * @csspart backdrop - The shade over the page while the conflict dialog is open.
 * @csspart button - The dialog's and error's buttons.
 * @csspart error - The error panel.
 *
 * @cssprop --showroom-dialog-z-index - Stacking order of the conflict dialog and its backdrop (default 2147483000).
 * @cssprop --showroom-configurator-max-width - Widest the layout grows (default 1600px); it is centred beyond that.
 * @cssprop --showroom-configurator-summary-width - Width of the summary column on wide layouts (default 22rem).
 * @cssprop --showroom-configurator-swatch-size - Diameter of colour chips (default 2.5rem).
 * @cssprop --showroom-configurator-tile-min-width - Narrowest a tile gets before tiles wrap (default 11rem).
 * @cssprop --showroom-configurator-selected-color - Border of a chosen option (default the accent colour).
 *
 * @cssstate loading - The catalog is loading.
 * @cssstate error - The catalog or the model could not be used.
 * @cssstate conflict - The conflict dialog is open.
 */
export class ShowroomConfigurator extends ShowroomElement {
  static override styles = [...ShowroomElement.styles, configuratorStyles];

  static override properties = {
    ...ShowroomElement.properties,
    model: { type: String, reflect: true },
  };

  /** Id of the model to configure; unset: the journey's model (the catalog's first by default). */
  declare model: string | undefined;

  readonly #i18n = new I18nController(this, configuratorMessages);
  readonly #journey = new JourneyController(this, selectSlice);
  readonly #internals = this.attachInternals();
  /** Per radio group, the option that holds the tab stop while focus is inside the group. */
  readonly #active = new Map<string, string>();
  #requestedModel: string | undefined;
  #lastStates: { view: ModelView; states: ReadonlyMap<string, OptionState> } | undefined;
  #pendingStates: Build | undefined;
  /** The build whose conflicting picks are being proposed ahead. */
  #aheadOf: Build | undefined;
  #errorKey = '';
  #viewedTrim: string | undefined;
  /** The proposal the dialog shows: the pending one once the pick has painted, else the last one (kept while the dialog is closed). */
  #shownProposal: PickProposal | null = null;
  /** The proposal being applied: its dialog has closed, and the build follows after that paint. */
  #applying: PickProposal | null = null;

  constructor() {
    super();
    this.addEventListener('focusin', this.#onFocusIn);
    this.#journey.on('build-changed', (event) => {
      if (event.cause === 'retrieved' || event.cause === 'model') return;
      if (!this.#journey.sentLast(BUILD_EVENTS)) return;
      const price = event.price;
      this.dispatchEvent(
        new ShowroomBuildChangedEvent({
          build: event.build,
          configId: event.configId,
          total: price?.total ?? 0,
          currency: price?.currency ?? this.#journey.value.catalog?.currency ?? '',
        }),
      );
    });
  }

  /** The model shown: the attribute, else the journey's. */
  get #modelId(): string | null {
    return this.model || this.#journey.value.modelId;
  }

  #text(text: LocalizedText | undefined): string {
    return resolveText(text, this.#i18n.lang, this.#journey.value.catalog?.locales ?? []);
  }

  protected override willUpdate(): void {
    this.#i18n.fallback = this.#journey.value.catalog?.locales[0];
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const s = this.#journey.value;
    // The `model` attribute moves the journey to that model once per value.
    if (s.catalog && this.model && this.model !== s.modelId && this.#requestedModel !== this.model) {
      if (s.catalog.models.some((m) => m.id === this.model)) {
        this.#requestedModel = this.model;
        this.#journey.send({ type: 'model.pick', modelId: this.model });
      }
    }
    this.#reportError(s);
    this.#syncDialog(s.pending);
    this.#setState('loading', !s.catalogError && !this.#ready(s));
    this.#setState('error', this.#errorKey !== '');
    this.#setState('conflict', s.pending !== null);
  }

  #setState(state: string, on: boolean): void {
    try {
      if (on) this.#internals.states.add(state);
      else this.#internals.states.delete(state);
    } catch {
      // Browsers without CustomStateSet: the states are a styling convenience only.
    }
  }

  #ready(s: Slice): boolean {
    return !!(s.catalog && s.build && s.price && s.build.modelId === this.#modelId);
  }

  #unknownModel(s: Slice): boolean {
    return !!(s.catalog && this.model && !s.catalog.models.some((m) => m.id === this.model));
  }

  /** Dispatches `showroom-error` once for each distinct problem the element shows. */
  #reportError(s: Slice): void {
    let detail: ConstructorParameters<typeof ShowroomErrorEvent>[0] | undefined;
    if (s.catalogError) {
      detail = {
        code: s.catalogError.code,
        message: s.catalogError.message,
        issues: errorIssues(s.catalogError),
      };
    } else if (this.#unknownModel(s)) {
      detail = {
        code: 'model_unknown',
        message: `There is no model "${this.model}" in catalog ${s.catalog?.id}`,
        issues: [{ path: 'model', message: 'not in the catalog', value: this.model }],
      };
    }
    const key = detail ? `${detail.code}|${detail.message}` : '';
    if (key === this.#errorKey) return;
    this.#errorKey = key;
    if (detail) this.dispatchEvent(new ShowroomErrorEvent(detail));
  }

  /**
   * Opens or closes the conflict dialog. It is modal to the shopper and to assistive technology
   * (`aria-modal`, a backdrop over the page that takes the pointer, focus kept inside by
   * `#onDialogKey` and `#onFocusIn`, Escape cancels, focus returns to the pick on close), but
   * opened with `show()`, not `showModal()`: a modal dialog makes the rest of the document inert,
   * and the style recalculation of the whole page that forces cost a pick with changes 15–20 ms
   * at 4× CPU slowdown, a third of its time to the next paint (docs/decisions/0007-elements.md,
   * "Speed"). It is not a popover either: in Chromium 156, Tab after a popover in a shadow root
   * has been shown and hidden hangs the page. So it stacks with `z-index`
   * (`--showroom-dialog-z-index`) instead of the top layer.
   *
   * A new proposal opens in two frames: the pick paints first, marked as proposed
   * (`data-proposed`, a dashed ring and a busy cursor), and the dialog's content is built and
   * shown right after that paint. The shopper sees the pick answer at once, and the content
   * (~15 ms at 4× CPU slowdown) and the focus move no longer hold back the pick's first paint.
   */
  #syncDialog(pending: PickProposal | null): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    this.#markProposed(pending);
    if (pending && !dialog.open) {
      if (this.#applying === pending) return;
      if (this.#shownProposal !== pending) {
        requestAnimationFrame(() =>
          setTimeout(() => {
            if (this.#journey.value.pending !== pending || this.#shownProposal === pending) return;
            this.#shownProposal = pending;
            this.requestUpdate();
          }),
        );
        return;
      }
      dialog.show();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!pending && dialog.open) {
      dialog.close();
    }
  }

  /**
   * "Apply changes": the dialog closes at once (focus back on the pick, which stays marked as
   * proposed), and the build is confirmed after that paint. Re-rendering every option for the
   * new build then no longer holds back the button's first paint.
   */
  #apply = (): void => {
    const pending = this.#journey.value.pending;
    if (!pending || this.#applying === pending) return;
    this.#applying = pending;
    this.renderRoot.querySelector('dialog')?.close();
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.#applying = null;
        if (this.#journey.value.pending === pending) this.#journey.send({ type: 'build.confirm' });
      }),
    );
  };

  /** Marks the choice of the pending pick (a trim card or an option) until the proposal is settled. */
  #markProposed(pending: PickProposal | null): void {
    const id = pending ? pending.optionId.replace(/^trim:/, '') : '';
    const marked = this.renderRoot.querySelector<HTMLElement>('[data-proposed]');
    if (marked && marked.dataset.id !== id) delete marked.dataset.proposed;
    if (id && marked?.dataset.id !== id) {
      const pick = this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
      if (pick) pick.dataset.proposed = '';
    }
  }

  /** Brings focus back into the open dialog when anything else in the element takes it. */
  #onFocusIn = (event: FocusEvent): void => {
    const dialog = this.renderRoot.querySelector('dialog');
    const target = event.composedPath()[0];
    if (!dialog?.open || !(target instanceof Node) || dialog.contains(target)) return;
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  };

  /** Keeps Tab and Shift+Tab inside the open dialog, and cancels on Escape, as a modal dialog does. */
  #onDialogKey = (event: KeyboardEvent): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#journey.send({ type: 'build.cancel' });
      return;
    }
    if (event.key !== 'Tab') return;
    const stops = [
      ...dialog.querySelectorAll<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])'),
    ];
    const first = stops[0];
    const last = stops[stops.length - 1];
    const active =
      this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : document.activeElement;
    if (!first || !last) return;
    if (event.shiftKey ? active === first || !dialog.contains(active) : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  override render(): TemplateResult {
    const s = this.#journey.value;
    let body: TemplateResult;
    if (s.catalogError) body = this.#renderError(s.catalogError.message, errorIssues(s.catalogError), true);
    else if (this.#unknownModel(s))
      body = this.#renderError(this.#i18n.t('errorModel', { model: this.model ?? '' }), [], false);
    else if (!this.#ready(s) || !s.catalog || !s.build || !s.price) body = this.#renderLoading();
    else {
      const runtime = this.#runtime();
      const view = runtime && modelView(s.catalog, s.build.modelId, runtime.createConfigurator);
      body =
        runtime && view
          ? this.#renderConfigurator(runtime, view, s, s.build, s.price)
          : this.#renderLoading();
    }
    return html`<div part="base" class="base" lang=${this.#i18n.locale}>${body}</div>`;
  }

  /**
   * The option states of `build`. Computing them can take a while on a large catalog, so after a
   * pick the element paints at once with provisional states (the previous ones with the new
   * selection) and computes the exact ones right after that paint.
   */
  #statesOf(view: ModelView, build: Build): ReadonlyMap<string, OptionState> {
    const exact = view.cachedStates(build);
    const previous = this.#lastStates;
    if (exact || !previous || previous.view !== view) {
      const states = exact ?? view.states(build);
      this.#lastStates = { view, states };
      if (this.#aheadOf !== build) {
        this.#aheadOf = build;
        proposeAhead(view, build, states, () => this.#journey.value.build === build && this.isConnected);
      }
      return states;
    }
    if (this.#pendingStates !== build) {
      this.#pendingStates = build;
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (this.#pendingStates !== build) return;
          this.#pendingStates = undefined;
          view.states(build);
          this.requestUpdate();
        }),
      );
    }
    return provisionalStates(previous.states, build);
  }

  /** Core's engine and finance, once the lazily loaded runtime is here (then the element re-renders). */
  #runtime(): Runtime | undefined {
    const runtime = getRuntime();
    if (!runtime) void loadRuntime().then(() => this.requestUpdate());
    return runtime;
  }

  #renderLoading(): TemplateResult {
    return html`<div class="skeleton" aria-busy="true">
      <p class="visually-hidden" role="status">${this.#i18n.t('loading')}</p>
      <div class="bone bone-title"></div>
      <div class="bone-row">${[0, 1, 2].map(() => html`<div class="bone bone-card"></div>`)}</div>
      <div class="bone bone-line"></div>
      <div class="bone-row">${[0, 1, 2, 3, 4].map(() => html`<div class="bone bone-chip"></div>`)}</div>
      <div class="bone bone-line"></div>
    </div>`;
  }

  #renderError(message: string, issues: readonly ShowroomIssue[], retry: boolean): TemplateResult {
    const show = (value: unknown): string => {
      const text = JSON.stringify(value) ?? String(value);
      return text.length > 80 ? `${text.slice(0, 77)}…` : text;
    };
    return html`<div class="error" part="error" role="alert">
      <h2 class="error-title">${this.#i18n.t('errorTitle')}</h2>
      ${
        issues.length
          ? html`<p>${this.#i18n.t('errorCatalog')}</p>
              <ul class="issues">
                ${issues.map(
                  (i) =>
                    html`<li>
                      <code>${i.path || '(root)'}</code>:
                      ${i.message}${
                        'value' in i && i.value !== undefined
                          ? html` <span class="value">(<code>${show(i.value)}</code>)</span>`
                          : nothing
                      }
                    </li>`,
                )}
              </ul>`
          : html`<p>${message}</p>`
      }
      ${
        retry
          ? html`<button
              type="button"
              part="button"
              class="button"
              @click=${() => this.#journey.send({ type: 'catalog.retry' })}
            >
              ${this.#i18n.t('retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderConfigurator(
    runtime: Runtime,
    view: ModelView,
    s: Slice,
    build: Build,
    price: PriceBreakdown,
  ): TemplateResult {
    const states = this.#statesOf(view, build);
    const trim = view.trims.get(build.trimId);
    const hero = view.model.media?.['hero'];
    return html`
      <header class="header" part="header">
        <div class="media">
          <slot name="media">${hero ? html`<img src=${hero} alt="" @error=${hideBroken} />` : nothing}</slot>
        </div>
        <div class="titles">
          <p class="brand">${this.#text(view.catalog.brand.name)}</p>
          <h2 class="model">${this.#text(view.model.name)}</h2>
          <p class="meta">${this.#i18n.t('modelYear', { year: view.model.modelYear })}</p>
        </div>
      </header>
      <div class="layout">
        <div class="choices">
          ${guard([view, build.trimId, this.#active.get('trims'), this.#i18n.locale, this.#i18n.lang], () =>
            this.#renderTrims(view, build.trimId),
          )}
          ${view.model.groups.map((group) => {
            // A group re-renders only when something it shows changed: a pick that opens the
            // dialog, or a price or finance change, leaves every group as it is.
            const refused =
              s.refused && view.options.get(s.refused.optionId)?.group === group ? s.refused : null;
            return guard(
              [
                view,
                group,
                states,
                trim,
                refused,
                this.#active.get(group.id),
                this.#i18n.locale,
                this.#i18n.lang,
              ],
              () => this.#renderGroup(view, group, states, trim, refused),
            );
          })}
        </div>
        <aside class="summary" part="summary" aria-labelledby="summary-title">
          <h3 id="summary-title" class="summary-title">${this.#i18n.t('summary')}</h3>
          ${this.#renderSummary(runtime, view, s, states, price)}
          <slot name="actions"></slot>
        </aside>
      </div>
      ${this.#renderDialog(view, s, states, price.total, price.currency)}
    `;
  }

  // ── trims ──

  #renderTrims(view: ModelView, trimId: string): TemplateResult {
    const i18n = this.#i18n;
    const stop = this.#tabStop(
      'trims',
      trimId,
      view.model.trims.map((t) => t.id),
    );
    return html`<section class="group" part="trims" aria-labelledby="h-trims">
      <h3 id="h-trims" class="group-title">${i18n.t('trims')}</h3>
      <div
        class="trims"
        role="radiogroup"
        aria-labelledby="h-trims"
        data-group="trims"
        @keydown=${this.#onRadioKeydown}
        @focusout=${this.#onGroupFocusout}
      >
        ${view.model.trims.map((t) => {
          const checked = t.id === trimId;
          const specs = t.specs ?? {};
          const pt = t.powertrain;
          const from = view.fromPrice.get(t.id) ?? t.price;
          return html`<button
            type="button"
            role="radio"
            part="option"
            class="card trim"
            id="trim-${t.id}"
            data-id=${t.id}
            aria-checked=${checked ? 'true' : 'false'}
            aria-labelledby="trim-${t.id}-name"
            aria-describedby="trim-${t.id}-desc"
            tabindex=${stop === t.id ? '0' : '-1'}
            @click=${() => this.#pickTrim(t.id, trimId)}
            @focus=${() => this.#viewTrim(t.id)}
          >
            <span class="name" id="trim-${t.id}-name">${this.#text(t.name)}</span>
            <span class="trim-desc" id="trim-${t.id}-desc">
              ${
                pt
                  ? html`<span class="powertrain"
                      >${i18n.t(pt.type)}${pt.drive ? ` · ${i18n.t(pt.drive)}` : ''}</span
                    >`
                  : nothing
              }
              <span class="specs">
                ${
                  specs['rangeKm'] !== undefined
                    ? html`<span class="spec"
                        ><span class="spec-label">${i18n.t('range')}</span>
                        <span class="spec-value">${i18n.unit(specs['rangeKm'], 'kilometer', 0)}</span></span
                      >`
                    : nothing
                }
                ${
                  specs['zeroTo100s'] !== undefined
                    ? html`<span class="spec"
                        ><span class="spec-label">${i18n.t('zeroTo100')}</span>
                        <span class="spec-value">${i18n.unit(specs['zeroTo100s'], 'second', 1)}</span></span
                      >`
                    : nothing
                }
                ${
                  pt?.powerKw !== undefined
                    ? html`<span class="spec"
                        ><span class="spec-label">${i18n.t('power')}</span>
                        <span class="spec-value">${i18n.number(pt.powerKw, 0)} kW</span></span
                      >`
                    : nothing
                }
              </span>
              <span class="from"
                >${i18n.t('priceFrom', { price: i18n.price(from, view.catalog.currency) })}</span
              >
            </span>
          </button>`;
        })}
      </div>
    </section>`;
  }

  #pickTrim(trimId: string, current: string): void {
    if (trimId !== current) this.#journey.send({ type: 'build.select', optionId: `trim:${trimId}` });
  }

  #viewTrim(trimId: string): void {
    if (this.#viewedTrim === trimId) return;
    this.#viewedTrim = trimId;
    // A record for the lead, nothing on screen waits for it: after the paint the focus causes.
    this.#journey.sendAfterPaint({ type: 'build.view', trimId });
  }

  // ── option groups ──

  #renderGroup(
    view: ModelView,
    group: CatalogGroup,
    states: ReadonlyMap<string, OptionState>,
    trim: CatalogTrim | undefined,
    refused: Slice['refused'],
  ): TemplateResult | typeof nothing {
    const visible = group.options.filter(
      (o) => !states.get(o.id)?.hidden || states.get(o.id)?.state === 'included',
    );
    if (!visible.length) return nothing;
    const kind = groupKind(group);
    const titleId = `h-${group.id}`;
    const description = group.description ? this.#text(group.description) : '';
    let control: TemplateResult;
    if (kind === 'toggle') {
      const options = visible.map((o) =>
        this.#renderOption(view, group, o, states.get(o.id), trim, kind, true),
      );
      control = html`<div class="toggles" role="group" aria-labelledby=${titleId}>${options}</div>`;
    } else {
      const selected = visible.find(
        (o) => states.get(o.id)?.state === 'selected' || states.get(o.id)?.state === 'included',
      );
      const ids = visible.map((o) => o.id);
      if (group.cardinality === 'optional-one') ids.unshift(`none:${group.id}`);
      const stop = this.#tabStop(group.id, selected?.id ?? `none:${group.id}`, ids);
      const options = visible.map((o) =>
        this.#renderOption(view, group, o, states.get(o.id), trim, kind, o.id === stop),
      );
      control = html`<div
        class=${kind === 'swatch' ? 'swatches' : 'tiles'}
        role="radiogroup"
        aria-labelledby=${titleId}
        data-group=${group.id}
        @keydown=${this.#onRadioKeydown}
        @focusout=${this.#onGroupFocusout}
      >
        ${group.cardinality === 'optional-one' ? this.#renderNone(group, selected, stop, kind) : nothing}
        ${options}
      </div>`;
    }
    return html`<section
      class="group group-${kind}"
      part="group"
      aria-labelledby=${titleId}
      data-group-id=${group.id}
    >
      <h3 id=${titleId} class="group-title">${this.#text(group.name)}</h3>
      ${description ? html`<p class="group-description">${description}</p>` : nothing} ${control}
      <p class="refused" role="status">
        ${
          refused
            ? this.#i18n.t('refused', {
                name: this.#optionName(view, refused.optionId),
                reasons: this.#i18n.list(refused.reasons),
              })
            : nothing
        }
      </p>
    </section>`;
  }

  #renderNone(
    group: CatalogGroup,
    selected: CatalogOption | undefined,
    stop: string,
    kind: string,
  ): TemplateResult {
    const id = `none:${group.id}`;
    return html`<button
      type="button"
      role="radio"
      part="option"
      class="card option none ${kind}"
      data-id=${id}
      aria-checked=${selected ? 'false' : 'true'}
      tabindex=${stop === id ? '0' : '-1'}
      @click=${() => selected && this.#journey.send({ type: 'build.deselect', optionId: selected.id })}
    >
      ${kind === 'swatch' ? html`<span class="chip chip-none" aria-hidden="true"></span>` : nothing}
      <span class="name">${this.#i18n.t('none')}</span>
      <span class="price">${this.#i18n.t('noneDescription')}</span>
    </button>`;
  }

  #renderOption(
    view: ModelView,
    group: CatalogGroup,
    option: CatalogOption,
    state: OptionState | undefined,
    trim: CatalogTrim | undefined,
    kind: 'swatch' | 'tile' | 'toggle',
    tabbable: boolean,
  ): TemplateResult {
    const i18n = this.#i18n;
    const currency = view.catalog.currency;
    const st = state?.state ?? 'available';
    const checked = st === 'selected' || st === 'included';
    const locked = st === 'included' || st === 'unavailable';
    const standard = !!trim?.standard.includes(option.id);
    const priceText =
      st === 'included'
        ? i18n.t('included')
        : standard
          ? i18n.t('standard')
          : (state?.price ?? option.price) > 0
            ? i18n.price(state?.price ?? option.price, currency, true)
            : i18n.t('free');
    const note = this.#stateNote(view, st, state?.reasons ?? [], trim);
    const base = `opt-${option.id}`;
    const description = option.description ? this.#text(option.description) : '';
    return html`<button
      type="button"
      role=${kind === 'toggle' ? 'checkbox' : 'radio'}
      part="option"
      class="card option ${kind} state-${st}"
      data-id=${option.id}
      aria-checked=${checked ? 'true' : 'false'}
      aria-disabled=${locked ? 'true' : 'false'}
      aria-labelledby="${base}-name"
      aria-describedby="${base}-price ${note ? `${base}-note` : ''} ${description ? `${base}-desc` : ''}"
      tabindex=${tabbable ? '0' : '-1'}
      @click=${() => this.#pickOption(group, option.id, st)}
    >
      ${
        kind === 'swatch'
          ? html`<span
              class="chip"
              aria-hidden="true"
              style=${option.swatch ? `--_swatch:${option.swatch}` : ''}
            ></span>`
          : kind === 'toggle'
            ? html`<span class="box" aria-hidden="true"></span>`
            : nothing
      }
      <span class="text">
        <span class="name" id="${base}-name">${this.#text(option.name)}</span>
        ${
          description && kind !== 'swatch'
            ? html`<span class="description" id="${base}-desc">${description}</span>`
            : nothing
        }
        <span class="price" id="${base}-price">${priceText}</span>
        ${note ? html`<span class="note" id="${base}-note">${note}</span>` : nothing}
      </span>
      ${st === 'included' ? html`<span class="lock" aria-hidden="true"></span>` : nothing}
    </button>`;
  }

  /** What the shopper reads under an option that is not simply available. */
  #stateNote(
    view: ModelView,
    st: OptionState['state'],
    reasons: readonly Reason[],
    trim: CatalogTrim | undefined,
  ): string {
    const i18n = this.#i18n;
    const trimName = trim ? this.#text(trim.name) : '';
    if (st === 'included') {
      const subject = reasons.map((r) => ruleSubject(view, r.ruleId)).find(Boolean);
      if (subject) return i18n.t('includedWith', { name: this.#text(subject.name) });
      const message = reasons.find((r) => r.message)?.message;
      return i18n.t('includedByRule', { reason: message ? this.#text(message) : i18n.t('included') });
    }
    if (st === 'unavailable') {
      const texts = reasons.map((r) => this.#reasonText(view, r, trimName)).filter(Boolean);
      return texts.length ? [...new Set(texts)].join(' · ') : i18n.t('unavailableOnTrim', { trim: trimName });
    }
    if (st === 'available-with-changes') {
      const texts = reasons.filter((r) => r.message).map((r) => this.#text(r.message));
      return texts.length
        ? `${i18n.t('withChanges')}: ${[...new Set(texts)].join(' · ')}`
        : i18n.t('withChanges');
    }
    return '';
  }

  #reasonText(view: ModelView, reason: Reason, trimName: string): string {
    if (reason.message) return this.#text(reason.message);
    if (reason.code === 'hidden') return this.#i18n.t('hiddenReason');
    if (reason.code === 'group' && reason.groupId) {
      const group = view.model.groups.find((g) => g.id === reason.groupId);
      return this.#i18n.t('groupReason', { group: this.#text(group?.name ?? reason.groupId) });
    }
    return this.#i18n.t('unavailableOnTrim', { trim: trimName });
  }

  #pickOption(group: CatalogGroup, optionId: string, st: OptionState['state']): void {
    if (st === 'unavailable' || st === 'included') return;
    if (st === 'selected') {
      if (group.cardinality === 'any') this.#journey.send({ type: 'build.deselect', optionId });
      return;
    }
    this.#journey.send({ type: 'build.select', optionId });
  }

  // ── keyboard: radio groups with a roving tab stop, arrows move focus, Space/Enter pick ──

  #tabStop(groupId: string, checked: string | undefined, ids: readonly string[]): string {
    const active = this.#active.get(groupId);
    if (active && ids.includes(active)) return active;
    return checked && ids.includes(checked) ? checked : (ids[0] ?? '');
  }

  readonly #onRadioKeydown = (event: KeyboardEvent): void => {
    const group = event.currentTarget as HTMLElement;
    const radios = [...group.querySelectorAll<HTMLElement>('[role="radio"]')];
    const current = radios.indexOf(event.target as HTMLElement);
    if (current < 0) return;
    const rtl = getComputedStyle(group).direction === 'rtl';
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = current + 1;
        break;
      case 'ArrowUp':
        next = current - 1;
        break;
      case 'ArrowRight':
        next = rtl ? current - 1 : current + 1;
        break;
      case 'ArrowLeft':
        next = rtl ? current + 1 : current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = radios.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const target = radios[(next + radios.length) % radios.length];
    if (!target) return;
    for (const radio of radios) radio.tabIndex = radio === target ? 0 : -1;
    this.#active.set(group.dataset['group'] ?? '', target.dataset['id'] ?? '');
    target.focus();
  };

  readonly #onGroupFocusout = (event: FocusEvent): void => {
    const group = event.currentTarget as HTMLElement;
    if (group.contains(event.relatedTarget as Node | null)) return;
    if (this.#active.delete(group.dataset['group'] ?? '')) this.requestUpdate();
  };

  // ── summary, price, finance ──

  #renderSummary(
    runtime: Runtime,
    view: ModelView,
    s: Slice,
    states: ReadonlyMap<string, OptionState>,
    price: PriceBreakdown,
  ): TemplateResult {
    const i18n = this.#i18n;
    const currency = price.currency;
    const trim = view.trims.get(price.trimId);
    const offer = view.model.finance;
    const monthly = offer
      ? (s.quote ?? runtime.financeQuote(price.total, currency, offer, s.finance ?? {})).monthlyPayment
      : undefined;
    const chosen = price.options.filter(
      (line) => !states.get(line.optionId)?.hidden || line.status === 'included',
    );
    const total = i18n.price(price.total, currency);
    return html`
      <p class="summary-line">
        ${this.#text(view.model.name)} ·
        ${trim ? this.#text(trim.name) : ''}${chosen
          .filter((l) => view.options.get(l.optionId)?.group.cardinality !== 'any')
          .map((l) => ` · ${this.#text(l.name)}`)}
      </p>
      <dl class="breakdown">
        <div class="row">
          <dt>${trim ? this.#text(trim.name) : i18n.t('price')}</dt>
          <dd>${i18n.price(price.base, currency)}</dd>
        </div>
        ${chosen.map(
          (line) =>
            html`<div class="row row-option">
              <dt>${this.#text(line.name)}</dt>
              <dd>
                ${
                  line.status === 'included'
                    ? i18n.t('included')
                    : line.status === 'standard'
                      ? i18n.t('standard')
                      : i18n.price(line.price, currency)
                }
              </dd>
            </div>`,
        )}
        ${price.fees.map(
          (fee) =>
            html`<div class="row row-fee">
              <dt>${this.#text(fee.name)}</dt>
              <dd>${i18n.price(fee.price, currency)}</dd>
            </div>`,
        )}
        <div class="row row-total" part="total">
          <dt>${i18n.t('total')}</dt>
          <dd>${total}</dd>
        </div>
      </dl>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        ${
          monthly !== undefined
            ? i18n.t('totalAnnounceMonthly', { total, monthly: i18n.price(monthly, currency) })
            : i18n.t('totalAnnounce', { total })
        }
      </p>
      ${this.#renderFinance(runtime, view, s, price.total, currency)}
    `;
  }

  #renderFinance(
    runtime: Runtime,
    view: ModelView,
    s: Slice,
    total: number,
    currency: string,
  ): TemplateResult | typeof nothing {
    const offer = view.model.finance;
    if (!offer) return nothing;
    const i18n = this.#i18n;
    // Until the shopper touches the plan, show the offer's default plan (not recorded in the journey).
    const quote = s.quote ?? runtime.financeQuote(total, currency, offer, s.finance ?? {});
    const percent = total > 0 ? Math.round((quote.downPayment / total) * 100) : 0;
    const minPercent = Math.ceil(offer.minDownPaymentPercent);
    const valueText = i18n.t('downPaymentValue', {
      percent: i18n.percent(percent),
      amount: i18n.price(quote.downPayment, currency),
    });
    return html`<section class="finance" part="finance" aria-labelledby="h-finance">
      <h3 id="h-finance" class="finance-title">
        ${i18n.t('finance')}${offer.name ? html` · ${this.#text(offer.name)}` : nothing}
      </h3>
      <fieldset class="terms">
        <legend>${i18n.t('term')}</legend>
        ${offer.termsMonths.map(
          (months) =>
            html`<label class="term">
              <input
                type="radio"
                name="term"
                .checked=${months === quote.termMonths}
                value=${months}
                @change=${() => this.#journey.send({ type: 'finance.set', termMonths: months })}
              />
              <span>${i18n.t('months', { count: months })}</span>
            </label>`,
        )}
      </fieldset>
      <label class="down" for="down-payment">
        <span>${i18n.t('downPayment')}</span>
        <span class="down-value">${valueText}</span>
      </label>
      <input
        id="down-payment"
        class="range"
        type="range"
        min=${minPercent}
        max=${Math.max(minPercent, 90)}
        step="1"
        .value=${String(Math.max(minPercent, percent))}
        aria-valuetext=${valueText}
        @input=${(e: Event) => {
          const pct = Number((e.target as HTMLInputElement).value);
          this.#journey.send({ type: 'finance.set', downPayment: Math.ceil((total * pct) / 100) });
        }}
      />
      <p class="monthly">
        <span>${i18n.t('monthly')}</span>
        <strong>${i18n.t('perMonth', { price: i18n.price(quote.monthlyPayment, currency) })}</strong>
      </p>
      <p class="apr">${i18n.t('apr', { apr: i18n.percent(quote.aprPercent) })}</p>
    </section>`;
  }

  // ── conflict dialog ──

  /**
   * The dialog, with the content of the proposal it shows (set by `#syncDialog` after the pick's
   * paint). The content is rendered only when the proposal (or the language) changes, and stays while the dialog is closed: closing it after
   * "Apply" or "Keep" costs no teardown, and re-renders for other reasons do not touch it.
   */
  #renderDialog(
    view: ModelView,
    s: Slice,
    states: ReadonlyMap<string, OptionState>,
    total: number,
    currency: string,
  ): TemplateResult {
    const p = this.#shownProposal;
    return html`<div class="backdrop" part="backdrop"></div>
      <dialog
        part="dialog"
        class="dialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        aria-describedby="conflict-intro"
        @keydown=${this.#onDialogKey}
        @cancel=${(e: Event) => {
          e.preventDefault();
          this.#journey.send({ type: 'build.cancel' });
        }}
      >
        ${guard([p, this.#i18n.locale], () =>
          p ? this.#renderProposal(view, p, s.build?.trimId, states, total, currency) : nothing,
        )}
      </dialog>`;
  }

  /** The dialog's content for `p`: the pick, every change it brings with its price and why, the new total. */
  #renderProposal(
    view: ModelView,
    p: PickProposal,
    trimId: string | undefined,
    states: ReadonlyMap<string, OptionState>,
    total: number,
    currency: string,
  ): TemplateResult {
    const i18n = this.#i18n;
    let title: string;
    let pickLine: TemplateResult;
    const name = this.#optionName(view, p.optionId);
    if (p.optionId.startsWith('trim:')) {
      title = i18n.t('conflictTrimTitle', { name });
      const next = view.trims.get(p.optionId.slice(5))?.price ?? 0;
      const current = view.trims.get(trimId ?? '')?.price ?? 0;
      pickLine = this.#changeLine(
        i18n.t('adds', { name }),
        next - current,
        i18n.t('noPriceChange'),
        '',
        currency,
      );
    } else if (p.action === 'deselect') {
      title = i18n.t('conflictRemoveTitle', { name });
      pickLine = this.#changeLine(
        i18n.t('removes', { name }),
        -(states.get(p.optionId)?.price ?? 0),
        i18n.t('noPriceChange'),
        '',
        currency,
      );
    } else {
      title = i18n.t('conflictTitle', { name });
      pickLine = this.#changeLine(
        i18n.t('adds', { name }),
        states.get(p.optionId)?.price ?? 0,
        i18n.t('free'),
        '',
        currency,
      );
    }
    return html`<h2 id="conflict-title" class="dialog-title">${title}</h2>
      <p id="conflict-intro">${i18n.t('conflictIntro')}</p>
      <ul class="changes">
        ${pickLine}
        ${p.changes.map((change) =>
          this.#changeLine(
            i18n.t(change.action === 'added' ? 'adds' : 'removes', {
              name: this.#optionName(view, change.optionId),
            }),
            change.priceDelta ?? 0,
            change.action === 'removed'
              ? i18n.t('noPriceChange')
              : view.trims.get(p.build.trimId)?.standard.includes(change.optionId)
                ? i18n.t('standard')
                : i18n.t('included'),
            this.#because(view, change, p.optionId.startsWith('trim:') ? p.optionId.slice(5) : undefined),
            currency,
          ),
        )}
      </ul>
      <dl class="breakdown dialog-total">
        <div class="row">
          <dt>${i18n.t('priceDeltaTotal')}</dt>
          <dd>${i18n.price(p.priceDelta, currency, true)}</dd>
        </div>
        <div class="row row-total">
          <dt>${i18n.t('total')}</dt>
          <dd>${i18n.price(total + p.priceDelta, currency)}</dd>
        </div>
      </dl>
      <div class="dialog-actions">
        <button
          type="button"
          part="button"
          class="button secondary"
          data-autofocus
          @click=${() => this.#journey.send({ type: 'build.cancel' })}
        >
          ${i18n.t('keep')}
        </button>
        <button type="button" part="button" class="button" @click=${this.#apply}>${i18n.t('apply')}</button>
      </div>`;
  }

  /** One line of the conflict dialog: what changes, its price effect (`zero` when none), and why. */
  #changeLine(label: string, delta: number, zero: string, because: string, currency: string): TemplateResult {
    return html`<li class="change">
      <span class="change-label">${label}</span>
      <span class="change-price">${delta === 0 ? zero : this.#i18n.price(delta, currency, true)}</span>
      ${because ? html`<span class="change-because">${because}</span>` : nothing}
    </li>`;
  }

  /** Why a change comes with the pick: the rule's message, the new trim's standard options, or the group. */
  #because(view: ModelView, change: JourneyChange, newTrim: string | undefined): string {
    if (change.message) return change.message;
    const b = change.because;
    const rule = b?.ruleId ? view.rules.get(b.ruleId) : undefined;
    if (rule?.message) return this.#text(rule.message);
    const trimId = b?.trim ?? (b?.ruleId ? undefined : newTrim);
    if (trimId) {
      const trim = view.trims.get(trimId);
      return this.#i18n.t('becauseTrim', { trim: trim ? this.#text(trim.name) : trimId });
    }
    if (b?.groupId) {
      const group = view.model.groups.find((g) => g.id === b.groupId);
      return this.#i18n.t('becauseGroup', { group: this.#text(group?.name ?? b.groupId) });
    }
    const subject = ruleSubject(view, b?.ruleId);
    return subject ? this.#i18n.t('includedWith', { name: this.#text(subject.name) }) : '';
  }

  #optionName(view: ModelView, id: string): string {
    if (id.startsWith('trim:')) {
      const trim = view.trims.get(id.slice(5));
      return trim ? this.#text(trim.name) : id.slice(5);
    }
    const entry = view.options.get(id);
    return entry ? this.#text(entry.option.name) : id;
  }
}

/**
 * The issues of a catalog error, each with its path and, when known, the offending value. When
 * the issues came without values, they are read from the error's message, whose lines
 * `error <path>: <message> (value: <json>)` are the catalog lint's documented format.
 */
function errorIssues(error: JourneyError): ShowroomIssue[] {
  const issues: ShowroomIssue[] = (error.issues ?? []).map((i) => ({
    path: i.path,
    message: i.message,
    value: i.value,
  }));
  if (issues.some((i) => i.value !== undefined)) return issues;
  const lines = error.message
    .split('\n')
    .map((line) => /^(?:error|warning) (\S+): (.*?)(?: \(value: (.*)\))?$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  if (!lines.length) return issues;
  return lines.map(([, path = '', message = '', value]) => ({
    path: path === '(root)' ? '' : path,
    message,
    ...(value !== undefined ? { value: parseValue(value) } : {}),
  }));
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function hideBroken(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

declare global {
  interface HTMLElementTagNameMap {
    'showroom-configurator': ShowroomConfigurator;
  }
}
