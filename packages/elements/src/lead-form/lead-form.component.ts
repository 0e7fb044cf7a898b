import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ContactMethod, FieldIssue, JourneyConsent, JourneyContact } from '@showroom/core';
import { I18nController } from '../base/i18n.js';
import { JourneyController, journeyState } from '../base/journey.js';
import type { JourneySnapshot } from '../base/journey.js';
import { ShowroomLeadFailedEvent, ShowroomLeadQueuedEvent, ShowroomLeadSentEvent } from '../base/events.js';
import { ShowroomElement } from '../base/showroom-element.js';
import {
  CONTACT_METHODS,
  fieldOfIssue,
  normalizePhone,
  toLeadConsent,
  toLeadCustomer,
  validateContact,
  type ContactDraft,
  type ContactField,
  type ContactIssue,
  type PhoneRegion,
} from './contact.js';
import { toggleState } from './element-state.js';
import { formStyles } from './form.styles.js';
import { ShowroomContactSubmitEvent } from './lead-form.events.js';
import { leadFormMessages, type LeadFormMessageKey } from './lead-form.messages.js';
import { leadFormStyles } from './lead-form.styles.js';

/** Where the lead stands in the journey. */
export type LeadStatus = 'idle' | 'sending' | 'sent' | 'queued' | 'failed';

interface Slice {
  contact: JourneyContact;
  consent: JourneyConsent;
  issues: FieldIssue[];
  dealer: boolean;
  textVersion: string;
  status: LeadStatus;
  errorMessage: string | null;
}

const leadStatus: Record<string, LeadStatus> = {
  preparing: 'sending',
  submitting: 'sending',
  sent: 'sent',
  queued: 'queued',
  failed: 'failed',
};

function select(snapshot: JourneySnapshot): Slice {
  const { context } = snapshot;
  return {
    contact: context.contact,
    consent: context.consent,
    issues: context.issues,
    dealer: context.settings.leadSource.dealerId !== undefined,
    textVersion: context.settings.consentTextVersion,
    status: leadStatus[journeyState(snapshot, 'lead')] ?? 'idle',
    errorMessage: context.errors.lead?.message ?? null,
  };
}

const fieldOrder: ContactField[] = [
  'name',
  'phone',
  'email',
  'preferredContact',
  'wechatId',
  'consentContact',
  'consentShareWithDealer',
];

const phoneExamples: Record<PhoneRegion, string> = {
  CN: '138 1234 5678',
  TW: '0912 345 678',
  HK: '5123 4567',
};

/**
 * Contact details and consent for a lead: name, phone (read as E.164), email, the preferred way
 * of contact (phone, SMS, email or WeChat with a WeChat ID) and consent per purpose, never
 * pre-ticked, stamped with the consent text version. Used inside `<showroom-test-drive>` and
 * `<showroom-video-consult>`, or alone. What the shopper types goes to the journey as they type
 * it, so it survives re-renders, steps taken back and a slot taken by someone else.
 *
 * Alone, a valid submit sends the lead through the journey. A host that wants the details for
 * itself cancels `showroom-contact-submit`.
 *
 * Form-associated: inside a `<form>` it contributes `name`, `phone` (E.164), `email`,
 * `preferredContact`, `wechatId` and `consentContact`/`consentShareWithDealer`/`consentMarketing`
 * to the form data and reports its validity.
 *
 * A hidden honeypot field and a minimum fill time keep simple bots out: a filled honeypot is
 * thanked and dropped; a submit faster than `min-fill-time` asks the shopper to check and send again.
 *
 * @summary Contact details and per-purpose consent for a lead, with inline errors.
 *
 * @slot title - Replaces the heading "Your contact details".
 * @slot consent-contact - The brand's own wording of the consent to be contacted.
 * @slot consent-share - The brand's own wording of the consent to share with the dealer.
 * @slot consent-marketing - The brand's own wording of the marketing consent.
 *
 * @fires showroom-contact-submit - Valid details are ready (cancelable; not composed). Detail: `{ customer, consent }`.
 * @fires showroom-lead-sent - The lead this form sent reached the backend.
 * @fires showroom-lead-queued - The lead waits in an outbox and is retried.
 * @fires showroom-lead-failed - The lead was refused.
 *
 * @csspart form - The form.
 * @csspart title - The heading.
 * @csspart field - Each field with its label and error.
 * @csspart input - Each text input.
 * @csspart error - Each inline error.
 * @csspart summary - The list of problems shown after a failed submit.
 * @csspart consent - The consent group.
 * @csspart submit - The submit button.
 * @csspart status - The sent/queued/failed message.
 *
 * @cssprop --showroom-lead-form-gap - Space between fields.
 * @cssprop --showroom-lead-form-max-width - Widest the form grows.
 *
 * @cssstate invalid - A submit found problems that are not fixed yet.
 * @cssstate sending - The lead is on its way.
 * @cssstate sent - The lead was sent (or queued).
 */
export class ShowroomLeadForm extends ShowroomElement {
  static override styles = [...ShowroomElement.styles, formStyles, leadFormStyles];
  static formAssociated = true;

  static override properties = {
    ...ShowroomElement.properties,
    region: { reflect: true },
    minFillTime: { type: Number, attribute: 'min-fill-time' },
    submitLabel: { attribute: 'submit-label' },
    busy: { type: Boolean, reflect: true },
    noTitle: { type: Boolean, attribute: 'no-title', reflect: true },
    _touched: { state: true },
    _submitted: { state: true },
    _tooFast: { state: true },
    _dropped: { state: true },
    _disabled: { state: true },
    _phone: { state: true },
  };

  /** Where national phone numbers (without `+`) are read: `CN` (default), `TW` or `HK`. */
  declare region: PhoneRegion;
  /** Milliseconds the form must be shown before a submit counts (default 3000). */
  declare minFillTime: number;
  /** Text of the submit button (default "Send"); hosts name their action, such as "Book test drive". */
  declare submitLabel: string | undefined;
  /** Set by a host while it acts on the details (booking): the submit button waits. */
  declare busy: boolean;
  /** Leaves out the heading (a host shows its own). */
  declare noTitle: boolean;

  declare _touched: ReadonlySet<ContactField>;
  declare _submitted: boolean;
  declare _tooFast: boolean;
  declare _dropped: boolean;
  declare _disabled: boolean;
  /** The phone as typed, while it still reads as what the journey holds. */
  declare _phone: string | undefined;

  readonly #i18n = new I18nController(this, leadFormMessages);
  readonly #journey = new JourneyController(this, select);
  readonly #internals: ElementInternals;
  #shownAt = 0;
  #honeypot = '';

  constructor() {
    super();
    this.region = 'CN';
    this.minFillTime = 3000;
    this.busy = false;
    this.noTitle = false;
    this._touched = new Set();
    this._submitted = false;
    this._tooFast = false;
    this._dropped = false;
    this._disabled = false;
    this.#internals = this.attachInternals();
    this.#journey.on('lead-sent', (e) => {
      if (this.#journey.sentLast(['lead.submit']))
        this.dispatchEvent(new ShowroomLeadSentEvent({ leadId: e.leadId }));
    });
    this.#journey.on('lead-queued', (e) => {
      if (this.#journey.sentLast(['lead.submit'])) {
        this.dispatchEvent(new ShowroomLeadQueuedEvent({ leadId: e.leadId, reason: 'offline' }));
      }
    });
    this.#journey.on('lead-failed', (e) => {
      if (this.#journey.sentLast(['lead.submit'])) {
        this.dispatchEvent(
          new ShowroomLeadFailedEvent({ leadId: e.leadId, code: e.error.code, message: e.error.message }),
        );
      }
    });
  }

  // ── form association ──

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  /** True when the details can become a lead. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Like `checkValidity`, and shows every problem inline. */
  reportValidity(): boolean {
    this._submitted = true;
    return this.#internals.reportValidity();
  }

  formDisabledCallback(disabled: boolean): void {
    this._disabled = disabled;
  }

  formResetCallback(): void {
    this.#send({
      contact: {
        name: '',
        phone: undefined,
        email: undefined,
        preferredContact: undefined,
        wechatId: undefined,
      },
      consent: { contact: false, shareWithDealer: false, marketing: false },
    });
    this._phone = undefined;
    this._touched = new Set();
    this._submitted = false;
  }

  // ── state ──

  /** What the shopper typed, from the journey (the phone as typed while it still matches). */
  get draft(): ContactDraft {
    const { contact, consent } = this.#journey.value;
    const phone = contact.phone ?? '';
    return {
      name: contact.name,
      phone: this._phone !== undefined && this.#phoneForJourney(this._phone) === phone ? this._phone : phone,
      email: contact.email ?? '',
      preferredContact: contact.preferredContact ?? '',
      wechatId: contact.wechatId ?? '',
      consent: {
        contact: consent.contact,
        shareWithDealer: consent.shareWithDealer,
        marketing: consent.marketing,
      },
    };
  }

  /** Every problem with the current details, in field order. */
  get issues(): ContactIssue[] {
    return validateContact(this.draft, { region: this.region, dealer: this.#journey.value.dealer });
  }

  /** What the journey keeps of a typed phone: E.164 when it reads as a number, else the text as typed. */
  #phoneForJourney(typed: string): string {
    const result = normalizePhone(typed, this.region);
    return result.ok ? result.e164 : typed;
  }

  #send(update: { contact?: Partial<JourneyContact>; consent?: Partial<Omit<JourneyConsent, 'at'>> }): void {
    this.#journey.send({ type: 'contact.update', ...update });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#shownAt = performance.now();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#syncForm();
  }

  #syncForm(): void {
    const draft = this.draft;
    const data = new FormData();
    const phone = normalizePhone(draft.phone, this.region);
    data.set('name', draft.name.trim());
    data.set('phone', phone.ok ? phone.e164 : draft.phone.trim());
    data.set('email', draft.email.trim());
    data.set('preferredContact', draft.preferredContact);
    data.set('wechatId', draft.wechatId.trim());
    data.set('consentContact', String(draft.consent.contact));
    data.set('consentShareWithDealer', String(draft.consent.shareWithDealer));
    data.set('consentMarketing', String(draft.consent.marketing));
    this.#internals.setFormValue(data);
    const first = this.issues[0];
    if (first) {
      const anchor = this.renderRoot.querySelector<HTMLElement>(`#${first.field}`) ?? undefined;
      this.#internals.setValidity({ customError: true }, this.#message(first), anchor);
    } else this.#internals.setValidity({});
    const states = this.#internals.states;
    const status = this.#journey.value.status;
    toggleState(states, 'invalid', this._submitted && first !== undefined);
    toggleState(states, 'sending', status === 'sending' || this.busy);
    toggleState(states, 'sent', status === 'sent' || status === 'queued' || this._dropped);
  }

  // ── events ──

  #onInput(field: 'name' | 'email' | 'wechatId', event: Event): void {
    this.#send({ contact: { [field]: (event.target as HTMLInputElement).value } });
  }

  #onPhone(event: Event): void {
    const typed = (event.target as HTMLInputElement).value;
    this._phone = typed;
    this.#send({ contact: { phone: this.#phoneForJourney(typed) } });
  }

  #onMethod(method: ContactMethod): void {
    this.#send({ contact: { preferredContact: method } });
    this.#touch('preferredContact');
  }

  #onConsent(purpose: 'contact' | 'shareWithDealer' | 'marketing', event: Event): void {
    this.#send({ consent: { [purpose]: (event.target as HTMLInputElement).checked } });
    this.#touch(purpose === 'contact' ? 'consentContact' : 'consentShareWithDealer');
  }

  #touch(field: ContactField): void {
    if (this._touched.has(field)) return;
    this._touched = new Set([...this._touched, field]);
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy || this.#journey.value.status === 'sending') return;
    if (this.#honeypot.trim() !== '') {
      // A bot filled the field no person sees: thank it and send nothing.
      this._dropped = true;
      return;
    }
    if (performance.now() - this.#shownAt < this.minFillTime) {
      this._tooFast = true;
      return;
    }
    this._tooFast = false;
    this._submitted = true;
    const issues = this.issues;
    if (issues.length > 0) {
      void this.updateComplete.then(() => this.#focusField(issues[0]!.field));
      return;
    }
    const draft = this.draft;
    const { consent, textVersion } = this.#journey.value;
    const detail = {
      customer: toLeadCustomer(draft, { region: this.region, locale: this.#i18n.lang }),
      consent: toLeadConsent(draft, textVersion, consent.at ?? new Date().toISOString()),
    };
    if (this.dispatchEvent(new ShowroomContactSubmitEvent(detail))) {
      this.#journey.send({ type: 'lead.submit' });
    }
  }

  #focusField(field: ContactField): void {
    this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus();
  }

  // ── rendering ──

  /** The field's name as errors quote it. */
  #label(field: ContactField): string {
    switch (field) {
      case 'consentContact':
      case 'consentShareWithDealer':
      case 'preferredContact':
        return this.#i18n.t(`label.${field}`);
      default:
        return this.#i18n.t(field);
    }
  }

  #message(issue: ContactIssue): string {
    return this.#i18n.t(`error.${issue.problem}` as LeadFormMessageKey, {
      field: this.#label(issue.field),
      example: phoneExamples[this.region],
    });
  }

  /** The message to show under each field now: local rules first, then what the journey refused. */
  #shownErrors(): Map<ContactField, string> {
    const shown = new Map<ContactField, string>();
    for (const issue of this.issues) {
      if (this._submitted || this._touched.has(issue.field)) shown.set(issue.field, this.#message(issue));
    }
    for (const issue of this.#journey.value.issues) {
      const field = fieldOfIssue(issue.path);
      if (field && !shown.has(field)) shown.set(field, `${this.#label(field)}: ${issue.message}`);
    }
    return new Map(fieldOrder.filter((f) => shown.has(f)).map((f) => [f, shown.get(f)!]));
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const { status, dealer, textVersion, errorMessage } = this.#journey.value;
    const draft = this.draft;
    const errors = this.#shownErrors();
    const sending = status === 'sending' || this.busy;
    const name = draft.name.trim();
    if (this._dropped || status === 'sent' || status === 'queued') {
      return html`<p part="status" class="alert success" role="status">
        ${t(status === 'queued' ? 'queued' : 'sent', { name })}
      </p>`;
    }
    const text = (
      field: 'name' | 'phone' | 'email' | 'wechatId',
      type: string,
      autocomplete: string,
      hint?: string,
    ) => {
      const error = errors.get(field);
      const describedBy = [hint ? `${field}-hint` : '', error ? `${field}-error` : '']
        .filter(Boolean)
        .join(' ');
      const value = draft[field];
      return html`<div class="field" part="field">
        <label for=${field}
          >${t(field)}${field === 'name' ? html` <span class="hint">(${t('required')})</span>` : nothing}</label
        >
        ${hint ? html`<span class="hint" id="${field}-hint">${hint}</span>` : nothing}
        <input
          part="input"
          id=${field}
          name=${field}
          type=${type}
          autocomplete=${autocomplete}
          inputmode=${type === 'tel' ? 'tel' : type === 'email' ? 'email' : 'text'}
          .value=${live(value)}
          ?required=${field === 'name'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${
            field === 'phone'
              ? (e: Event) => this.#onPhone(e)
              : (e: Event) => this.#onInput(field as 'name' | 'email' | 'wechatId', e)
          }
          @blur=${() => this.#touch(field)}
        />
        ${error ? html`<span class="error" part="error" id="${field}-error">${error}</span>` : nothing}
      </div>`;
    };
    const methodError = errors.get('preferredContact');
    const consentBox = (
      purpose: 'contact' | 'shareWithDealer' | 'marketing',
      field: string,
      slot: string,
      label: string,
      required: boolean,
    ) => {
      const error = errors.get(field as ContactField);
      return html`<label class="check">
          <input
            type="checkbox"
            id=${field}
            name=${field}
            .checked=${live(draft.consent[purpose])}
            ?required=${required}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? `${field}-error` : nothing}
            @change=${(e: Event) => this.#onConsent(purpose, e)}
          />
          <span><slot name=${slot}>${label}</slot></span>
        </label>
        ${error ? html`<span class="error" part="error" id="${field}-error">${error}</span>` : nothing}`;
    };
    return html`<form
      part="form"
      novalidate
      @submit=${this.#onSubmit}
      aria-busy=${sending ? 'true' : 'false'}
    >
      ${this.noTitle ? nothing : html`<h2 part="title"><slot name="title">${t('title')}</slot></h2>`}
      ${
        this._submitted && errors.size > 0
          ? html`<div class="alert summary" part="summary" role="alert">
              ${t('summary', { count: errors.size })}
              <ul>
                ${[...errors].map(
                  ([field, message]) =>
                    html`<li>
                      <a href="#${field}" @click=${(e: Event) => this.#jump(e, field)}>${message}</a>
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      <fieldset class="all" ?disabled=${this._disabled}>
        ${text('name', 'text', 'name')}
        ${text('phone', 'tel', 'tel', t('phoneHint', { example: phoneExamples[this.region] }))}
        ${text('email', 'email', 'email')}
        <fieldset
          role="radiogroup"
          aria-invalid=${methodError ? 'true' : 'false'}
          aria-describedby=${methodError ? 'preferredContact-error' : nothing}
          part="field"
        >
          <legend>${t('preferred')} <span class="hint">(${t('required')})</span></legend>
          <div class="choices">
            ${CONTACT_METHODS.map(
              (method, index) =>
                html`<label class="choice">
                  <input
                    type="radio"
                    name="preferredContact"
                    id=${index === 0 ? 'preferredContact' : `preferredContact-${method}`}
                    value=${method}
                    .checked=${live(draft.preferredContact === method)}
                    @change=${() => this.#onMethod(method)}
                  />
                  ${t(`method.${method}`)}
                </label>`,
            )}
          </div>
          ${
            methodError
              ? html`<span class="error" part="error" id="preferredContact-error">${methodError}</span>`
              : nothing
          }
        </fieldset>
        ${draft.preferredContact === 'wechat' ? text('wechatId', 'text', 'off') : nothing}
        <fieldset part="consent">
          <legend>${t('consent')}</legend>
          ${consentBox('contact', 'consentContact', 'consent-contact', t('consent.contact'), true)}
          ${consentBox(
            'shareWithDealer',
            'consentShareWithDealer',
            'consent-share',
            t(dealer ? 'consent.shareWithDealer.required' : 'consent.shareWithDealer'),
            dealer,
          )}
          ${consentBox('marketing', 'consentMarketing', 'consent-marketing', t('consent.marketing'), false)}
          <p class="consent-note">${t('consentNote', { version: textVersion })}</p>
        </fieldset>
        <div class="honeypot" aria-hidden="true">
          <label for="website">${t('honeypot')}</label>
          <input
            id="website"
            name="website"
            type="text"
            tabindex="-1"
            autocomplete="off"
            @input=${(e: Event) => (this.#honeypot = (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this._tooFast ? html`<p class="alert" role="alert">${t('tooFast')}</p>` : nothing}
        ${
          status === 'failed' && errorMessage
            ? html`<p class="alert" part="status" role="alert">${t('failed', { message: errorMessage })}</p>`
            : nothing
        }
        <div class="actions">
          <button part="submit" class="primary" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
            ${sending ? t('sending') : (this.submitLabel ?? t('submit'))}
          </button>
        </div>
      </fieldset>
    </form>`;
  }

  #jump(event: Event, field: ContactField): void {
    event.preventDefault();
    this.#focusField(field);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'showroom-lead-form': ShowroomLeadForm;
  }
}
