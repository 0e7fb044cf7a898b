/**
 * The DOM events every Showroom element may dispatch. One `Event` subclass per event name,
 * each with a typed `detail` (also readable the way a `CustomEvent` is, for analytics tags and
 * frameworks that look for `event.detail`). All bubble and cross shadow roots (`composed`), so
 * a host page can listen once on `document`.
 *
 * Honest by design: a `*-changed` event fires when the shopper changed something, never for
 * programmatic sets or for state restored from a link or storage.
 */

const init: EventInit = { bubbles: true, composed: true };

/** A build as the events report it: the model, trim and options, plus its canonical config id. */
export interface ShowroomBuildDetail {
  readonly build: { readonly modelId: string; readonly trimId: string; readonly options: readonly string[] };
  /** Canonical config id, see spec/catalog.md. */
  readonly configId: string;
  /** Total price, tax included, in the catalog's currency. */
  readonly total: number;
  /** ISO 4217 currency of `total`. */
  readonly currency: string;
}

/** The shopper changed the build (a pick applied, a conflict confirmed, a trim switched). */
export class ShowroomBuildChangedEvent extends Event {
  static readonly eventName = 'showroom-build-changed';
  constructor(readonly detail: ShowroomBuildDetail) {
    super(ShowroomBuildChangedEvent.eventName, init);
  }
}

/** The shopper saved the build; `offline` when it is kept on this device until it can sync. */
export class ShowroomBuildSavedEvent extends Event {
  static readonly eventName = 'showroom-build-saved';
  constructor(
    readonly detail: ShowroomBuildDetail & {
      /** The build code, `XXXX-XXXX-XX`; absent while the save waits to sync. */
      readonly code?: string;
      /** A link that opens the build. */
      readonly url?: string;
      readonly offline: boolean;
    },
  ) {
    super(ShowroomBuildSavedEvent.eventName, init);
  }
}

/** A test drive or consultation was booked. */
export class ShowroomBookingConfirmedEvent extends Event {
  static readonly eventName = 'showroom-booking-confirmed';
  constructor(
    readonly detail: {
      readonly bookingId: string;
      /** `test-drive`, `home-test-drive`, `video` or `phone`. */
      readonly service: string;
      /** ISO 8601 with offset. */
      readonly start: string;
      readonly end: string;
      readonly timeZone: string;
      readonly locationId?: string;
    },
  ) {
    super(ShowroomBookingConfirmedEvent.eventName, init);
  }
}

/** The lead reached the dealer's backend. */
export class ShowroomLeadSentEvent extends Event {
  static readonly eventName = 'showroom-lead-sent';
  constructor(readonly detail: { readonly leadId: string; readonly grade?: string }) {
    super(ShowroomLeadSentEvent.eventName, init);
  }
}

/** The lead could not be sent now and waits in the outbox; it is retried automatically. */
export class ShowroomLeadQueuedEvent extends Event {
  static readonly eventName = 'showroom-lead-queued';
  constructor(readonly detail: { readonly leadId: string; readonly reason: string }) {
    super(ShowroomLeadQueuedEvent.eventName, init);
  }
}

/** The lead was refused and will not be retried (for instance a validation error). */
export class ShowroomLeadFailedEvent extends Event {
  static readonly eventName = 'showroom-lead-failed';
  constructor(readonly detail: { readonly leadId: string; readonly code: string; readonly message: string }) {
    super(ShowroomLeadFailedEvent.eventName, init);
  }
}

/** One problem in an input, by JSON path. */
export interface ShowroomIssue {
  /** JSON path such as `models[0].rules[2].requires`, or `''` for the whole input. */
  readonly path: string;
  readonly message: string;
  /** The offending value, when it helps to show it. */
  readonly value?: unknown;
}

/**
 * Something went wrong that the shopper or the page owner should know about: a bad catalog,
 * an unknown model, a build that could not be saved or found. The element shows it too.
 */
export class ShowroomErrorEvent extends Event {
  static readonly eventName = 'showroom-error';
  constructor(
    readonly detail: {
      /** Machine-readable, such as `catalog_invalid`, `model_unknown`, `build_not_found`. */
      readonly code: string;
      /** Readable, in English, with the path and value when there is one. */
      readonly message: string;
      readonly issues: readonly ShowroomIssue[];
    },
  ) {
    super(ShowroomErrorEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'showroom-build-changed': ShowroomBuildChangedEvent;
    'showroom-build-saved': ShowroomBuildSavedEvent;
    'showroom-booking-confirmed': ShowroomBookingConfirmedEvent;
    'showroom-lead-sent': ShowroomLeadSentEvent;
    'showroom-lead-queued': ShowroomLeadQueuedEvent;
    'showroom-lead-failed': ShowroomLeadFailedEvent;
    'showroom-error': ShowroomErrorEvent;
  }
}
