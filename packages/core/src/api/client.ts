import * as z from 'zod/mini';
import { normalizeBuildCode } from '../build/code.js';
import { after } from '../build/runtime.js';
import { toFieldIssues } from '../lead/issues.js';
import type { Lead } from '../lead/schema.js';
import { ApiError } from './errors.js';
import {
  ApiErrorBodySchema,
  BookingSchema,
  BuildSavedSchema,
  ConsultationNowSchema,
  ConsultationStartedSchema,
  LeadAcceptedSchema,
  LocationSchema,
  SavedBuildSchema,
  SlotSchema,
} from './schemas.js';
import type {
  BookingRequest,
  ConsultationRequest,
  LocationQuery,
  SaveBuildRequest,
  SlotQuery,
} from './schemas.js';
import { bookingIdempotencyKey } from './source.js';
import type {
  AbortSignalLike,
  CallOptions,
  CatalogResponse,
  PlatformAbortSignal,
  ShowroomSource,
} from './source.js';

/** What the client hands to `fetch` (a `RequestInit`). */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: PlatformAbortSignal;
}

/** The part of a `fetch` `Response` the client reads. */
export interface FetchResponse {
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A `fetch`: the platform's, or a test double. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

export interface ApiClientOptions {
  /** The API root, e.g. `https://showroom.example/api/v1` or `/api/v1`. */
  baseUrl: string;
  /** Default: the global `fetch`. */
  fetch?: FetchLike;
  /** Milliseconds before a call gives up with `timeout` (default 15,000; 0 for none). */
  timeoutMs?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}
const platform = globalThis as unknown as {
  fetch?: FetchLike;
  AbortController: new () => AbortControllerLike;
};

interface Call<T> {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Schema of a 2xx body; absent for bodiless answers (204). */
  schema?: z.ZodMiniType<T>;
  options?: CallOptions;
  /** Statuses besides 2xx that are not errors (304). */
  accept?: number[];
}

function searchString(query: Record<string, string | number | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function retryAfterSeconds(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** An `ApiError` for a non-2xx answer, from its error body when it has one. */
async function errorFrom(response: FetchResponse): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  const parsed = json.ok ? ApiErrorBodySchema.safeParse(json.value) : undefined;
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  if (parsed?.success) {
    const e = parsed.data.error;
    return new ApiError({
      status: response.status,
      code: e.code,
      message: e.message,
      ...(e.issues ? { issues: e.issues } : {}),
      ...(e.alternatives ? { alternatives: e.alternatives } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  const fallback: Record<number, string> = {
    401: 'unauthorized',
    404: 'not_found',
    413: 'payload_too_large',
    429: 'rate_limited',
  };
  return new ApiError({
    status: response.status,
    code: fallback[response.status] ?? `http_${response.status}`,
    message: `${response.status} ${response.statusText ?? ''}`.trim(),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

/**
 * The typed client for the REST contract `/api/v1` (spec/api.md). Every answer is validated
 * with the contract's zod schemas; every failure is an {@link ApiError}: error answers carry
 * their `code`, `issues` and (409) `alternatives`; `network`, `timeout` and `aborted` have
 * status 0; an answer that breaks the contract is `invalid_response` with the issues found.
 */
export function createApiClient(options: ApiClientOptions): ShowroomSource {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function request<T>(
    call: Call<T>,
  ): Promise<{ status: number; data: T | undefined; response: FetchResponse }> {
    const fetchImpl = options.fetch ?? platform.fetch;
    if (!fetchImpl)
      throw new ApiError({ status: 0, code: 'network', message: 'No fetch available on this platform' });
    const outer = call.options?.signal;
    if (outer?.aborted)
      throw new ApiError({
        status: 0,
        code: 'aborted',
        message: 'The request was aborted',
        cause: outer.reason,
      });

    const controller = new platform.AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onAbort, { once: true });
    const cancelTimer =
      timeoutMs > 0
        ? after(timeoutMs, () => {
            timedOut = true;
            controller.abort();
          })
        : () => {};
    const fail = (cause: unknown): ApiError =>
      timedOut
        ? new ApiError({ status: 0, code: 'timeout', message: `No answer within ${timeoutMs} ms`, cause })
        : outer?.aborted
          ? new ApiError({ status: 0, code: 'aborted', message: 'The request was aborted', cause })
          : new ApiError({ status: 0, code: 'network', message: 'The server could not be reached', cause });

    const url = `${base}${call.path}${searchString(call.query)}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...options.headers,
      ...call.headers,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    try {
      let response: FetchResponse;
      try {
        response = await fetchImpl(url, {
          method: call.method,
          headers,
          ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
          // The platform's own AbortController made it, so it is the platform's AbortSignal.
          signal: controller.signal as PlatformAbortSignal,
        });
      } catch (cause) {
        throw fail(cause);
      }
      const ok = response.status >= 200 && response.status < 300;
      if (!ok && !call.accept?.includes(response.status)) throw await errorFrom(response);
      if (!ok || !call.schema) return { status: response.status, data: undefined, response };
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw fail(cause);
      }
      const json = parseJson(text);
      if (!json.ok) {
        throw new ApiError({
          status: response.status,
          code: 'invalid_response',
          message: `${call.method} ${call.path}: the answer is not JSON`,
        });
      }
      const parsed = call.schema.safeParse(json.value);
      if (!parsed.success) {
        throw new ApiError({
          status: response.status,
          code: 'invalid_response',
          message: `${call.method} ${call.path}: the answer does not match the contract`,
          issues: toFieldIssues(parsed.error.issues, json.value),
        });
      }
      return { status: response.status, data: parsed.data, response };
    } finally {
      cancelTimer();
      outer?.removeEventListener('abort', onAbort);
    }
  }

  async function data<T>(call: Call<T>): Promise<T> {
    return (await request(call)).data as T;
  }

  const idempotency = (key: string | undefined): Record<string, string> =>
    key ? { 'idempotency-key': key } : {};

  return {
    async getCatalog(opts = {}) {
      const {
        status,
        data: catalog,
        response,
      } = await request<unknown>({
        method: 'GET',
        path: '/catalog',
        headers: opts.etag ? { 'if-none-match': opts.etag } : {},
        schema: z.unknown(),
        accept: [304],
        options: opts,
      });
      const etag = response.headers.get('etag');
      if (status === 304)
        return { status: 'not-modified', etag: etag ?? opts.etag ?? '' } satisfies CatalogResponse;
      return { status: 'ok', catalog, etag } satisfies CatalogResponse;
    },

    listLocations(query: LocationQuery = {}, opts) {
      return data({
        method: 'GET',
        path: '/locations',
        query: {
          service: query.service,
          model: query.model,
          trim: query.trim,
          powertrain: query.powertrain,
          near: query.near && `${query.near.lat},${query.near.lng}`,
        },
        schema: z.array(LocationSchema),
        ...(opts ? { options: opts } : {}),
      });
    },

    async listSlots(query: SlotQuery, opts) {
      const { slots } = await data({
        method: 'GET',
        path: '/slots',
        query: { ...query },
        schema: z.object({ slots: z.array(SlotSchema) }),
        ...(opts ? { options: opts } : {}),
      });
      return slots;
    },

    createBooking(body: BookingRequest, opts = {}) {
      return data({
        method: 'POST',
        path: '/bookings',
        body,
        headers: idempotency(opts.idempotencyKey ?? bookingIdempotencyKey(body)),
        schema: BookingSchema,
        options: opts,
      });
    },

    async cancelBooking(bookingId: string, manageToken: string, opts) {
      await request({
        method: 'DELETE',
        path: `/bookings/${encodeURIComponent(bookingId)}`,
        headers: { authorization: `Bearer ${manageToken}` },
        ...(opts ? { options: opts } : {}),
      });
    },

    getConsultationNow(query = {}, opts) {
      return data({
        method: 'GET',
        path: '/consultations/now',
        query: { language: query.language },
        schema: ConsultationNowSchema,
        ...(opts ? { options: opts } : {}),
      });
    },

    startConsultation(body: ConsultationRequest, opts = {}) {
      return data({
        method: 'POST',
        path: '/consultations/now',
        body,
        headers: idempotency(opts.idempotencyKey),
        schema: ConsultationStartedSchema,
        options: opts,
      });
    },

    saveBuild(body: SaveBuildRequest, opts = {}) {
      return data({
        method: 'POST',
        path: '/builds',
        body,
        headers: idempotency(opts.idempotencyKey),
        schema: BuildSavedSchema,
        options: opts,
      });
    },

    async getBuild(code: string, opts) {
      const canonical = normalizeBuildCode(code);
      if (!canonical)
        throw new ApiError({ status: 400, code: 'invalid_code', message: `Not a build code: ${code}` });
      return data({
        method: 'GET',
        path: `/builds/${canonical}`,
        schema: SavedBuildSchema,
        ...(opts ? { options: opts } : {}),
      });
    },

    sendLead(lead: Lead, opts = {}) {
      return data({
        method: 'POST',
        path: '/leads',
        body: lead,
        headers: idempotency(opts.idempotencyKey ?? lead.id),
        schema: LeadAcceptedSchema,
        options: opts,
      });
    },
  };
}
