import type { Slot } from '../api/schemas.js';
import type { FieldIssue } from '../lead/issues.js';
import type { JourneyError, JourneyScope } from './types.js';

/**
 * Reading what an actor threw. Actors may be anything (the typed client, the in-memory source,
 * a brand's own code), so errors are read by shape: `status`, `code`, `issues`, `alternatives`,
 * or an error body `{ error: { code, message, issues?, alternatives? } }` under `body`.
 * No answer at all (the client's `network` or `timeout`, fetch's `TypeError`) reads as `offline`:
 * the request may be retried with the same idempotency key.
 */

type Loose = Record<string, unknown>;

function obj(value: unknown): Loose | null {
  return value !== null && typeof value === 'object' ? (value as Loose) : null;
}

function field(value: unknown, key: string): unknown {
  try {
    return obj(value)?.[key];
  } catch {
    return undefined;
  }
}

/** The `{ code, message, issues?, alternatives? }` part of an error, wherever it sits. */
function body(err: unknown): Loose | null {
  return obj(field(field(err, 'body'), 'error')) ?? obj(field(err, 'error')) ?? obj(err);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** True when `err` says the network is down (not that the server refused). */
export function isOfflineError(err: unknown): boolean {
  const code = str(field(err, 'code')) ?? str(body(err)?.['code']);
  if (code === 'offline' || code === 'network' || code === 'timeout') return true;
  if (field(err, 'offline') === true) return true;
  return field(err, 'name') === 'TypeError' && field(err, 'status') === undefined;
}

/**
 * True when the request may have been lost or may succeed later: no answer (offline, timeout),
 * a server error or rate limiting. Such requests are retried with the same idempotency key and
 * the same body; other refusals are final for that request.
 */
export function isRetryableError(err: unknown): boolean {
  const status = statusOf(err);
  return isOfflineError(err) || (status !== undefined && (status >= 500 || status === 429));
}

/** The HTTP status carried by `err`, if any. */
export function statusOf(err: unknown): number | undefined {
  const status = field(err, 'status');
  return typeof status === 'number' ? status : undefined;
}

/** The machine-readable code of `err` (`slot_unavailable`, `no_advisor`, `not_found`, …). */
export function codeOf(err: unknown): string {
  if (isOfflineError(err)) return 'offline';
  const code = str(body(err)?.['code']) ?? str(field(err, 'code'));
  if (code) return code;
  const status = statusOf(err);
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'invalid_body';
  return 'failed';
}

/** The alternative slots a 409 `slot_unavailable` answer offers (empty when none). */
export function alternativesOf(err: unknown): Slot[] {
  const alternatives = body(err)?.['alternatives'] ?? field(err, 'alternatives');
  return Array.isArray(alternatives) ? (alternatives as Slot[]) : [];
}

function issuesOf(err: unknown): FieldIssue[] | undefined {
  const issues = body(err)?.['issues'] ?? field(err, 'issues');
  if (!Array.isArray(issues)) return undefined;
  return issues
    .map((i) => ({
      path: (str(field(i, 'path')) ?? '').slice(0, 500),
      message: (str(field(i, 'message')) ?? 'invalid').slice(0, 500),
    }))
    .slice(0, 50);
}

/** A {@link JourneyError} for whatever an actor threw in `scope`; never throws. */
export function toJourneyError(scope: JourneyScope, err: unknown): JourneyError {
  const code = codeOf(err);
  const message =
    str(body(err)?.['message']) ??
    str(field(err, 'message')) ??
    (code === 'offline' ? 'The network is not reachable' : 'Something went wrong');
  const out: JourneyError = { scope, code: code.slice(0, 64), message: message.slice(0, 2000) };
  const status = statusOf(err);
  if (Number.isInteger(status)) out.status = status;
  const issues = issuesOf(err);
  if (issues) out.issues = issues;
  return out;
}
