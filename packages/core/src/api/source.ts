import type { Lead } from '../lead/schema.js';
import type {
  Booking,
  BookingRequest,
  BuildSaved,
  ConsultationNow,
  ConsultationRequest,
  ConsultationStarted,
  LeadAccepted,
  Location,
  LocationQuery,
  SavedBuild,
  SaveBuildRequest,
  Slot,
  SlotQuery,
} from './schemas.js';

/** The part of `AbortSignal` the SDK uses; a real `AbortSignal` fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * The platform's `AbortSignal` type where the DOM or Node types are loaded, else
 * {@link AbortSignalLike}. Core compiles without either, yet a real `fetch` must type-check
 * as the client's `fetch` option wherever the SDK is used.
 */
export type PlatformAbortSignal = typeof globalThis extends { AbortController: new () => { signal: infer S } }
  ? S
  : AbortSignalLike;

/** Options every call takes. */
export interface CallOptions {
  /** Cancels the call; it then rejects with `ApiError` code `aborted`. */
  signal?: AbortSignalLike;
}

/** Options of the calls that create something; retries of one request reuse the same key. */
export interface IdempotentCallOptions extends CallOptions {
  /** `Idempotency-Key`: the same key with the same body gives the first answer again. */
  idempotencyKey?: string;
}

/** `getCatalog`: the catalog document (parse it with `parseCatalog`), or "not modified". */
export type CatalogResponse =
  { status: 'ok'; catalog: unknown; etag: string | null } | { status: 'not-modified'; etag: string };

/**
 * Everything the journey needs from a backend (spec/api.md). Two implementations: the typed
 * HTTP client (`createApiClient`) and the in-memory source (`createMemorySource`); a brand can
 * write its own. Every method rejects with an `ApiError` only.
 */
export interface ShowroomSource {
  /** `GET /catalog`; with `etag`, answers `not-modified` when the catalog has not changed. */
  getCatalog(options?: CallOptions & { etag?: string }): Promise<CatalogResponse>;
  /** `GET /locations`: showrooms offering `service` (with the model); nearest first with `near`. */
  listLocations(query?: LocationQuery, options?: CallOptions): Promise<Location[]>;
  /** `GET /slots`: free slots, earliest first. */
  listSlots(query: SlotQuery, options?: CallOptions): Promise<Slot[]>;
  /** `POST /bookings`; 409 `slot_unavailable` carries `alternatives`. Default key: from lead and slot. */
  createBooking(request: BookingRequest, options?: IdempotentCallOptions): Promise<Booking>;
  /** `DELETE /bookings/{id}` with the booking's `manageToken`; frees the place. */
  cancelBooking(bookingId: string, manageToken: string, options?: CallOptions): Promise<void>;
  /** `GET /consultations/now`: can an advisor take a video call now. */
  getConsultationNow(query?: { language?: string }, options?: CallOptions): Promise<ConsultationNow>;
  /** `POST /consultations/now`: start a call now; 409 `no_advisor` when no one is free. */
  startConsultation(
    request: ConsultationRequest,
    options?: IdempotentCallOptions,
  ): Promise<ConsultationStarted>;
  /** `POST /builds`: save a build, get its code and link. */
  saveBuild(request: SaveBuildRequest, options?: IdempotentCallOptions): Promise<BuildSaved>;
  /** `GET /builds/{code}`: read tolerantly (case, hyphens, I/L/O); 400 `invalid_code` for a non-code. */
  getBuild(code: string, options?: CallOptions): Promise<SavedBuild>;
  /** `POST /leads`; idempotent on the lead id (or `idempotencyKey`). */
  sendLead(lead: Lead, options?: IdempotentCallOptions): Promise<LeadAccepted>;
}

/** The default Idempotency-Key of a booking request: the same for every retry of it. */
export function bookingIdempotencyKey(request: Pick<BookingRequest, 'slotId' | 'lead'>): string {
  return `${request.lead.id}:${request.slotId}`;
}
