import type { Geo } from '@showroom/core';
import { ShowroomLeadFailedEvent, ShowroomLeadQueuedEvent, ShowroomLeadSentEvent } from '../base/events.js';
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
