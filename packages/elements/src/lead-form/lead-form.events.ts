import type { LeadConsent, LeadCustomer } from '@showroom/core';

/**
 * `<showroom-lead-form>` has valid contact details to send. Bubbles (not across shadow roots)
 * and is cancelable: an element that hosts the form (the test drive, the video consultation)
 * or a page that handles the details itself calls `preventDefault()`; otherwise the form sends
 * the lead through the journey.
 */
export class ShowroomContactSubmitEvent extends Event {
  static readonly eventName = 'showroom-contact-submit';
  constructor(readonly detail: { readonly customer: LeadCustomer; readonly consent: LeadConsent }) {
    super(ShowroomContactSubmitEvent.eventName, { bubbles: true, composed: false, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'showroom-contact-submit': ShowroomContactSubmitEvent;
  }
}
