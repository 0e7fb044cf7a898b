import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { Booking, FieldIssue, Geo, JourneyError, JourneyEvent, Service } from '@showroom/core';
import { fieldOfIssue } from '../lead-form/contact.js';
import type { ShowroomContactSubmitEvent } from '../lead-form/lead-form.events.js';
import {
  ShowroomBookingConfirmedEvent,
  ShowroomErrorEvent,
  ShowroomLeadFailedEvent,
  ShowroomLeadQueuedEvent,
  ShowroomLeadSentEvent,
} from '../base/events.js';
import type { JourneyController } from '../base/journey.js';
import { SlotGrid } from './slot-grid.js';

/** Finds where the shopper is; rejects when they refuse or the device cannot tell. */
export type Geolocate = () => Promise<Geo>;

/** The browser's geolocation, asked only when the shopper presses "use my location". */
export const geolocate: Geolocate = () =>
  new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new Error('Geolocation is not available'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lng: position.coords.longitude }),
      (error) => reject(new Error(error.message)),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 600_000 },
    );
  });

/**
 * Re-dispatches the journey's lead notifications as `showroom-lead-*` DOM events from `host`,
 * when `host` booked the appointment that sent the lead (`booking.confirm` came from it last)
 * and `ours()` says the booking is of its kind.
 */
export function forwardLeadEvents<T>(
  host: HTMLElement,
  journey: JourneyController<T>,
  ours: () => boolean,
  trigger: readonly ('booking.confirm' | 'consult.start')[] = ['booking.confirm'],
): void {
  const mine = () => ours() && journey.sentLast(trigger);
  journey.on('lead-sent', (e) => {
    if (mine()) host.dispatchEvent(new ShowroomLeadSentEvent({ leadId: e.leadId }));
  });
  journey.on('lead-queued', (e) => {
    if (mine()) host.dispatchEvent(new ShowroomLeadQueuedEvent({ leadId: e.leadId, reason: 'offline' }));
  });
  journey.on('lead-failed', (e) => {
    if (mine()) {
      host.dispatchEvent(
        new ShowroomLeadFailedEvent({ leadId: e.leadId, code: e.error.code, message: e.error.message }),
      );
    }
  });
}

/**
 * The problems with a lead that no field of the form can show (the page's own set-up, such as
 * an invalid page address in the lead's source): the shopper cannot fix them, so the element
 * lists them and reports them to the page.
 */
export function unplacedIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.filter((i) => fieldOfIssue(i.path) === undefined && !/(^|\.)address(\.|$)/.test(i.path));
}

/**
 * What went wrong with a booking or a call, above the contact form: the failure's message (a
 * request that failed), and the problems no field can show. `slot_unavailable` is left to the
 * grid of alternatives and `contact_required` to the form's fields.
 */
export function problemsBlock(
  error: JourneyError | null,
  text: { failed: (message: string) => string; notSent: string },
): TemplateResult | typeof nothing {
  if (!error || error.code === 'slot_unavailable') return nothing;
  const failed = error.code !== 'contact_required';
  const unplaced = unplacedIssues(error.issues ?? []);
  if (!failed && unplaced.length === 0) return nothing;
  return html`<div class="alert" part="error" role="alert">
    <p>${failed ? text.failed(error.message) : text.notSent}</p>
    ${
      unplaced.length
        ? html`<ul>
            ${unplaced.map((i) => html`<li><code>${i.path}</code>: ${i.message}</li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}

/**
 * Reports a lead the shopper cannot fix (the page's set-up is at fault, say an invalid page
 * address in the lead's source) to the page once, as `showroom-error` with code `lead_invalid`:
 * the journey itself only reports requests that failed.
 */
export class LeadProblemReporter {
  #last: JourneyError | null = null;

  /** Call on every update with the current error; `mine` when this element sent what failed. */
  report(host: HTMLElement, error: JourneyError | null, mine: () => boolean): void {
    if (error === this.#last) return;
    this.#last = error;
    if (error?.code !== 'contact_required' || !mine()) return;
    const issues = unplacedIssues(error.issues ?? []);
    if (issues.length === 0) return;
    host.dispatchEvent(
      new ShowroomErrorEvent({
        code: 'lead_invalid',
        message: `The lead is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      }),
    );
  }
}

/** What a booking element's journey slice holds for {@link BookingFlow}. */
export interface BookingSlice {
  /** The state of the journey's appointment region. */
  state: string;
  /** The kind of appointment being booked, if any. */
  service: Service | null;
  slotTaken: boolean;
  booking: Booking | null;
  /** The appointment's last error. */
  error: JourneyError | null;
}

export interface BookingFlowOptions {
  /** The kinds of appointment the element books (its notifications are about these only). */
  services: readonly Service[];
  /** The journey events the element sends: a failure that follows one of them is its to report. */
  sent: readonly JourneyEvent['type'][];
  /** Errors the element reports beyond its appointment's (say, the advisor's). */
  alsoReports?(error: JourneyError): boolean;
  /** The shopper's time zone, shown beside slot times when it differs. */
  shopperZone(): string;
  /** Lay slots out in the shopper's zone (calls) instead of where they take place. */
  inShopperZone?: boolean;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The booking flow `<showroom-test-drive>` and `<showroom-video-consult>` share: the slot grid
 * (with more slots loaded past the last week), picking, confirming and cancelling, and the DOM
 * events the journey's notifications become (`showroom-booking-confirmed`, `showroom-lead-*`,
 * `showroom-error`) on the element where the shopper acted. It also tells when the element was
 * first on screen, so what it loads waits until it is seen.
 */
export class BookingFlow<T extends BookingSlice> implements ReactiveController {
  /** The week grid of free slots. */
  readonly grid: SlotGrid;
  readonly #host: Host;
  readonly #journey: JourneyController<T>;
  readonly #options: BookingFlowOptions;
  readonly #problems = new LeadProblemReporter();
  #visibility: IntersectionObserver | undefined;
  #seen = false;
  #cancelled = false;

  constructor(host: Host, journey: JourneyController<T>, options: BookingFlowOptions) {
    this.#host = host;
    this.#journey = journey;
    this.#options = options;
    this.grid = new SlotGrid(host, {
      pick: (slot) => journey.send({ type: 'slot.pick', slotId: slot.id }),
      shopperZone: options.shopperZone,
      ...(options.inShopperZone ? { inShopperZone: true } : {}),
      more: () => this.#moreSlots(),
      loadingMore: () => journey.value.state === 'loadingMoreSlots',
    });
    host.addController(this);
    journey.on('booking-confirmed', ({ booking }) => {
      if (!this.mine(booking.service) || !journey.sentLast(['booking.confirm'])) return;
      host.dispatchEvent(
        new ShowroomBookingConfirmedEvent({
          bookingId: booking.id,
          service: booking.service,
          start: booking.start,
          end: booking.end,
          timeZone: booking.timeZone,
          ...(booking.location ? { locationId: booking.location.id } : {}),
        }),
      );
    });
    forwardLeadEvents(host, journey, () => this.mine(journey.value.booking?.service ?? null));
    journey.on('error', ({ error }) => {
      const ours =
        (error.scope === 'appointment' && this.mine(journey.value.service)) ||
        (options.alsoReports?.(error) ?? false);
      if (!ours || !journey.sentLast(options.sent)) return;
      host.dispatchEvent(
        new ShowroomErrorEvent({ code: error.code, message: error.message, issues: error.issues ?? [] }),
      );
    });
  }

  /** True once the element has been on screen (at once where that cannot be told). */
  get seen(): boolean {
    return this.#seen;
  }

  /** True after the shopper cancelled, until another booking starts. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Whether `service` is one this element books. */
  mine(service: Service | null): boolean {
    return service !== null && this.#options.services.includes(service);
  }

  hostConnected(): void {
    if (typeof IntersectionObserver === 'undefined') {
      this.#seen = true;
      return;
    }
    if (this.#seen) return;
    this.#visibility = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.#visibility?.disconnect();
      this.#seen = true;
      this.#host.requestUpdate();
    });
    this.#visibility.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#visibility?.disconnect();
  }

  hostUpdate(): void {
    const { state } = this.#journey.value;
    if (state !== 'idle' && state !== '' && state !== 'cancelling') this.#cancelled = false;
  }

  hostUpdated(): void {
    const journey = this.#journey;
    this.#problems.report(this.#host, journey.value.error, () => journey.sentLast(['booking.confirm']));
  }

  /** The contact form was sent: book the slot picked. */
  confirm(event: ShowroomContactSubmitEvent): void {
    event.preventDefault();
    this.#journey.send({ type: 'booking.confirm' });
  }

  /** Cancels the booking shown (once). */
  cancel(): void {
    if (this.#journey.value.state !== 'booked') return;
    this.#cancelled = true;
    this.#journey.send({ type: 'booking.cancel' });
  }

  /** Loads the slots after the loaded range, while the shopper is choosing among them. */
  #moreSlots(): boolean {
    const { state, slotTaken } = this.#journey.value;
    if (state !== 'choosingSlot' || slotTaken) return false;
    this.#journey.send({ type: 'slots.more' });
    return true;
  }

  /** The confirmation's actions: the calendar file to download and the way to cancel. */
  confirmationActions(
    booking: Booking,
    file: string,
    text: { addToCalendar: string; cancel: string; cancelling: string },
  ): TemplateResult {
    const cancelling = this.#journey.value.state === 'cancelling';
    return html`<div class="actions">
      <a class="button primary" part="calendar" href=${booking.calendarUrl} download=${file}>
        ${text.addToCalendar}
      </a>
      <button
        type="button"
        class="link"
        part="cancel"
        aria-disabled=${cancelling ? 'true' : 'false'}
        @click=${() => this.cancel()}
      >
        ${cancelling ? text.cancelling : text.cancel}
      </button>
    </div>`;
  }
}
