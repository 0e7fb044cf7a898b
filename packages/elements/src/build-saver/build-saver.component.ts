import { html, nothing, type TemplateResult } from 'lit';
// From the text entry, not the package root: a barrel import would pull the journey runtime
// into this element's chunk (esbuild splits by module reachability, not by use).
import { resolveText } from '@showroom/core/text';
import type { JourneyChange, LocalizedText, PendingProposal } from '@showroom/core';
import { ShowroomElement } from '../base/showroom-element.js';
import { I18nController } from '../base/i18n.js';
import { JourneyController, journeyState, type JourneySnapshot } from '../base/journey.js';
import { ShowroomBuildChangedEvent, ShowroomBuildSavedEvent, ShowroomErrorEvent } from '../base/events.js';
import { catalogName } from '../base/catalog-text.js';
import { buildSaverMessages } from './build-saver.messages.js';
import { buildSaverStyles } from './build-saver.styles.js';
import { qrPath } from './qr.js';

type Retrieved = Extract<PendingProposal, { kind: 'retrieved' }>;

function selectSlice(snapshot: JourneySnapshot) {
  const c = snapshot.context;
  return {
    catalog: c.catalog,
    build: c.build,
    configId: c.configId,
    price: c.price,
    save: journeyState(snapshot, 'save'),
    buildState: journeyState(snapshot, 'build'),
    saved: c.saved,
    saveError: c.errors.save,
    buildError: c.errors.build,
    retrieved: c.pendingProposal?.kind === 'retrieved' ? c.pendingProposal : null,
    /** The code asked for, in canonical form (`null` when it was not a code). */
    retrieveCode: c.retrieveCode,
  };
}

type Slice = ReturnType<typeof selectSlice>;

/**
 * Save the build under a short code, with a link and a QR code for the phone; open a saved
 * build by its code. A saved build the catalog has moved away from is not opened silently:
 * the element lists what changed and offers the nearest build that can be ordered today.
 * Offline, the build is kept on the device and gets its code when the network is back.
 *
 * @summary Save the build as a code, link and QR code; retrieve a build by code.
 *
 * @slot - Extra text under the title, e.g. what the code is good for on this site.
 *
 * @fires {ShowroomBuildSavedEvent} showroom-build-saved - The shopper saved the build (`offline: true` while it waits to sync; again once synced).
 * @fires {ShowroomBuildChangedEvent} showroom-build-changed - The shopper opened a saved build, or its nearest valid build.
 * @fires {ShowroomErrorEvent} showroom-error - The build could not be saved, or the code could not be opened.
 *
 * @csspart base - The wrapper of everything.
 * @csspart button - Every button.
 * @csspart code - The build code.
 * @csspart link - The read-only field with the link.
 * @csspart qr - The QR code.
 * @csspart input - The code field of the retrieve form.
 * @csspart notice - Status, warning and error messages.
 *
 * @cssprop --showroom-build-saver-qr-size - Width of the QR code (default 10rem).
 * @cssprop --showroom-build-saver-qr-color - Dark modules of the QR code (default near-black, in every theme, for scanners).
 * @cssprop --showroom-build-saver-qr-background - Light modules and quiet zone of the QR code (default white).
 * @cssprop --showroom-build-saver-code-font - Font of the build code (default a monospace stack).
 *
 * @cssstate saving - The build is being saved.
 * @cssstate saved - The current build is saved and has its code.
 * @cssstate offline - The build is kept on this device, waiting to sync.
 * @cssstate stale - A retrieved build changed since it was saved and waits for the shopper's choice.
 */
export class ShowroomBuildSaver extends ShowroomElement {
  static override styles = [...ShowroomElement.styles, buildSaverStyles];

  static override properties = {
    ...ShowroomElement.properties,
    noRetrieve: { type: Boolean, attribute: 'no-retrieve', reflect: true },
    noQr: { type: Boolean, attribute: 'no-qr', reflect: true },
    _copied: { state: true },
    _code: { state: true },
  };

  /** Hides the "have a build code?" form. */
  declare noRetrieve: boolean;
  /** Hides the QR code. */
  declare noQr: boolean;
  declare _copied: 'code' | 'link' | 'failed' | null;
  /** What the shopper typed in the code field. */
  declare _code: string;

  readonly #i18n = new I18nController(this, buildSaverMessages);
  readonly #journey = new JourneyController(this, selectSlice);
  readonly #internals = this.attachInternals();
  /** The code this element last asked to open, and whether it opened. */
  #asked: string | null = null;
  #opened: string | null = null;

  constructor() {
    super();
    this.noRetrieve = false;
    this.noQr = false;
    this._copied = null;
    this._code = '';
    this.#journey.on('build-saved', (event) => {
      if (!this.#journey.sentLast(['build.save'])) return;
      const { build, price, catalog } = this.#journey.value;
      const saved = this.#journey.value.saved;
      this.dispatchEvent(
        new ShowroomBuildSavedEvent({
          build: saved?.build ?? build ?? { modelId: '', trimId: '', options: [] },
          configId: event.configId,
          total: price?.total ?? 0,
          currency: price?.currency ?? catalog?.currency ?? '',
          ...(event.code ? { code: event.code } : {}),
          ...(event.url ? { url: event.url } : {}),
          offline: !event.synced,
        }),
      );
    });
    this.#journey.on('build-changed', (event) => {
      if (event.cause !== 'retrieved' || !this.#journey.sentLast(['build.load', 'build.confirm'])) return;
      this.#opened = this.#journey.value.retrieveCode ?? this.#asked;
      this.dispatchEvent(
        new ShowroomBuildChangedEvent({
          build: event.build,
          configId: event.configId,
          total: event.price?.total ?? 0,
          currency: event.price?.currency ?? this.#journey.value.catalog?.currency ?? '',
        }),
      );
    });
    this.#journey.on('error', ({ error }) => {
      const mine =
        (error.scope === 'save' && this.#journey.sentLast(['build.save'])) ||
        (error.scope === 'build' && this.#journey.sentLast(['build.load']));
      if (!mine) return;
      this.dispatchEvent(
        new ShowroomErrorEvent({
          code: error.code,
          message: error.message,
          issues: (error.issues ?? []).map((i) => ({ path: i.path, message: i.message, value: i.value })),
        }),
      );
    });
  }

  #text(text: LocalizedText | undefined): string {
    return resolveText(text, this.#i18n.lang, this.#journey.value.catalog?.locales ?? []);
  }

  protected override willUpdate(): void {
    this.#i18n.fallback = this.#journey.value.catalog?.locales[0];
  }

  protected override updated(): void {
    const s = this.#journey.value;
    const current = s.saved !== null && s.saved.configId === s.configId;
    this.#setState('saving', s.save === 'saving');
    this.#setState('saved', current && !!s.saved?.synced);
    this.#setState('offline', current && s.saved?.synced === false);
    this.#setState('stale', s.retrieved?.stale === true);
  }

  #setState(state: string, on: boolean): void {
    try {
      if (on) this.#internals.states.add(state);
      else this.#internals.states.delete(state);
    } catch {
      // Browsers without CustomStateSet: the states are a styling convenience only.
    }
  }

  override render(): TemplateResult {
    const s = this.#journey.value;
    return html`<div part="base" class="base" lang=${this.#i18n.locale}>
      <section class="save" aria-labelledby="save-title">
        <h2 id="save-title" class="title">${this.#i18n.t('title')}</h2>
        <slot></slot>
        ${this.#renderSave(s)}
      </section>
      ${this.noRetrieve ? nothing : this.#renderRetrieve(s)}
      <p class="visually-hidden" role="status">
        ${this._copied === 'failed' ? this.#i18n.t('copyFailed') : this._copied ? this.#i18n.t('copied') : ''}
      </p>
    </div>`;
  }

  // ── save ──

  #renderSave(s: Slice): TemplateResult {
    const i18n = this.#i18n;
    const saved = s.saved;
    const current = saved !== null && saved.configId === s.configId;
    if (s.save === 'saving') {
      return html`<button type="button" part="button" class="button" aria-disabled="true" aria-busy="true">
        ${i18n.t('saving')}
      </button>`;
    }
    if (current && saved.synced && saved.code) return this.#renderSaved(saved.code, saved.url);
    if (current && !saved.synced) {
      return html`<div class="notice warning" part="notice" role="status">
          <strong>${i18n.t('offlineTitle')}</strong>
          <p>${i18n.t('offline')}</p>
        </div>
        ${saved.url ? this.#renderLink(saved.url) : nothing}`;
    }
    const changed = saved?.code && !current;
    return html`<p class="intro">
        ${changed ? i18n.t('changedSince', { code: saved.code ?? '' }) : i18n.t('intro')}
      </p>
      ${
        s.save === 'failed' && s.saveError
          ? html`<p class="notice error" part="notice" role="alert">
              ${i18n.t('saveFailed', { message: s.saveError.message })}
            </p>`
          : nothing
      }
      <button
        type="button"
        part="button"
        class="button"
        ?disabled=${!s.build}
        @click=${() => this.#journey.send({ type: 'build.save' })}
      >
        ${s.save === 'failed' ? i18n.t('retry') : changed ? i18n.t('saveAgain') : i18n.t('save')}
      </button>`;
  }

  #renderSaved(code: string, url: string | null): TemplateResult {
    const i18n = this.#i18n;
    return html`<div class="saved">
      <p class="saved-title">${i18n.t('savedTitle')}</p>
      <div class="field">
        <span class="label" id="code-label">${i18n.t('code')}</span>
        <div class="row">
          <output class="code" part="code" aria-labelledby="code-label">${code}</output>
          <button
            type="button"
            part="button"
            class="button secondary"
            @click=${() => this.#copy('code', code)}
          >
            ${i18n.t('copyCode')}
          </button>
        </div>
      </div>
      ${url ? this.#renderLink(url) : nothing}
    </div>`;
  }

  #renderLink(url: string): TemplateResult {
    const i18n = this.#i18n;
    const qr = this.noQr ? undefined : qrPath(url, () => this.requestUpdate());
    return html`<div class="field">
        <label class="label" for="link">${i18n.t('link')}</label>
        <div class="row">
          <input
            id="link"
            class="link"
            part="link"
            readonly
            .value=${url}
            @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
          />
          <button
            type="button"
            part="button"
            class="button secondary"
            @click=${() => this.#copy('link', url)}
          >
            ${i18n.t('copyLink')}
          </button>
        </div>
      </div>
      ${
        this.noQr
          ? nothing
          : html`<figure class="qr-figure">
              ${
                qr
                  ? html`<svg
                      class="qr"
                      part="qr"
                      role="img"
                      aria-label=${i18n.t('qrLabel')}
                      viewBox="-4 -4 ${qr.size + 8} ${qr.size + 8}"
                      shape-rendering="crispEdges"
                    >
                      <rect x="-4" y="-4" width=${qr.size + 8} height=${qr.size + 8} class="qr-bg"></rect>
                      <path d=${qr.d} class="qr-fg"></path>
                    </svg>`
                  : html`<div class="qr qr-placeholder" part="qr"></div>`
              }
              <figcaption>${i18n.t('qr')}</figcaption>
            </figure>`
      }`;
  }

  async #copy(what: 'code' | 'link', text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this._copied = what;
    } catch {
      // No clipboard permission: select the text so the shopper can copy it themselves.
      this._copied = 'failed';
      if (what === 'link') this.renderRoot.querySelector<HTMLInputElement>('#link')?.select();
      else {
        const code = this.renderRoot.querySelector('[part="code"]');
        if (code) getSelection()?.selectAllChildren(code);
      }
    }
  }

  // ── retrieve ──

  #renderRetrieve(s: Slice): TemplateResult {
    const i18n = this.#i18n;
    const loading = s.buildState === 'ready.loading';
    const error = this.#asked !== null && !loading && !s.retrieved ? s.buildError : undefined;
    const opened = this.#opened && !s.retrieved && !loading ? this.#opened : null;
    return html`<section class="retrieve" aria-labelledby="retrieve-title">
      <h3 id="retrieve-title" class="subtitle">${i18n.t('retrieveTitle')}</h3>
      <form class="retrieve-form" @submit=${this.#onSubmit} novalidate>
        <label class="visually-hidden" for="code">${i18n.t('code')}</label>
        <input
          id="code"
          part="input"
          class="input"
          name="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="32"
          placeholder="K7F3-QX9M-2P"
          aria-describedby="code-hint ${error ? 'code-error' : ''}"
          aria-invalid=${error ? 'true' : 'false'}
          .value=${this._code}
          @input=${(e: Event) => {
            this._code = (e.target as HTMLInputElement).value;
          }}
        />
        <button
          type="submit"
          part="button"
          class="button"
          ?disabled=${!s.catalog}
          aria-busy=${loading ? 'true' : 'false'}
        >
          ${loading ? i18n.t('opening') : i18n.t('open')}
        </button>
      </form>
      <p id="code-hint" class="hint">${i18n.t('retrieveHint')}</p>
      ${
        error
          ? html`<p id="code-error" class="notice error" part="notice" role="alert">
              ${this.#errorText(error)}
            </p>`
          : nothing
      }
      ${opened ? html`<p class="notice success" part="notice" role="status">${i18n.t('opened', { code: opened })}</p>` : nothing}
      ${s.retrieved ? this.#renderRetrieved(s, s.retrieved) : nothing}
    </section>`;
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const code = this._code.trim();
    this.#asked = code;
    this.#opened = null;
    this.#journey.send({ type: 'build.load', code });
    this.requestUpdate();
  };

  #errorText(error: NonNullable<Slice['buildError']>): string {
    const i18n = this.#i18n;
    switch (error.code) {
      case 'invalid_code':
        return i18n.t('invalidCode');
      case 'not_found':
        return i18n.t('notFound', { code: this.#journey.value.retrieveCode ?? this.#asked ?? '' });
      case 'not_buildable':
        return i18n.t('notBuildable');
      case 'offline':
        return i18n.t('offlineRetrieve');
      default:
        return i18n.t('retrieveFailed', { message: error.message });
    }
  }

  #renderRetrieved(s: Slice, retrieved: Retrieved): TemplateResult | typeof nothing {
    if (!retrieved.stale && retrieved.changes.length === 0) return nothing;
    const i18n = this.#i18n;
    const currency = s.catalog?.currency ?? s.price?.currency ?? '';
    return html`<div class="notice warning stale" part="notice" role="alert" aria-labelledby="stale-title">
      <p id="stale-title"><strong>${i18n.t('staleTitle', { code: retrieved.code })}</strong></p>
      <p>${i18n.t('staleIntro')}</p>
      <ul class="changes">
        ${retrieved.changes.map((change) => this.#changeLine(s, retrieved, change, currency))}
      </ul>
      <div class="actions">
        <button
          type="button"
          part="button"
          class="button"
          @click=${() => this.#journey.send({ type: 'build.confirm' })}
        >
          ${i18n.t('openNearest')}
        </button>
        <button
          type="button"
          part="button"
          class="button secondary"
          @click=${() => this.#journey.send({ type: 'build.cancel' })}
        >
          ${i18n.t('cancel')}
        </button>
      </div>
    </div>`;
  }

  #changeLine(s: Slice, retrieved: Retrieved, change: JourneyChange, currency: string): TemplateResult {
    const name = s.catalog ? catalogName(s.catalog, retrieved.build.modelId, change.optionId) : undefined;
    const label = name !== undefined ? this.#text(name) : change.optionId.replace(/^trim:/, '');
    const key = change.action === 'added' ? 'adds' : name === undefined ? 'removesGone' : 'removes';
    return html`<li>
      ${this.#i18n.t(key, { name: label })}${
        change.priceDelta
          ? html` <span class="delta">${this.#i18n.price(change.priceDelta, currency, true)}</span>`
          : nothing
      }${change.message ? html` <span class="because">— ${change.message}</span>` : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'showroom-build-saver': ShowroomBuildSaver;
  }
}
