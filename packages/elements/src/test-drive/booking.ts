import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { FieldIssue, Geo, JourneyError } from '@showroom/core';
import { fieldOfIssue } from '../lead-form/contact.js';
import {
  ShowroomErrorEvent,
  ShowroomLeadFailedEvent,
  ShowroomLeadQueuedEvent,
  ShowroomLeadSentEvent,
} from '../base/events.js';
import type { JourneyController } from '../base/journey.js';

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
