import type { FieldIssue } from '../lead/issues.js';
import type { Slot } from './schemas.js';

/**
 * Error codes of the API and of the client itself.
 *
 * | code | status | meaning |
 * | --- | --- | --- |
 * | `invalid_body` | 422 | the request body failed the schema; `issues` name the paths |
 * | `idempotency_mismatch` | 422 | the same Idempotency-Key came with another body |
 * | `not_found` | 404 | no such booking, build, … |
 * | `slot_unavailable` | 409 | the slot is full or gone; `alternatives` are the nearest free slots |
 * | `no_advisor` | 409 | no advisor can take a call now |
 * | `unauthorized` | 401 | missing or wrong token |
 * | `payload_too_large` | 413 | body over 64 KiB |
 * | `rate_limited` | 429 | too many requests; `retryAfter` seconds |
 * | `invalid_code` | 400 | not a build code (the client answers this without a request) |
 * | `network` | 0 | no answer: offline, DNS, CORS, connection reset |
 * | `timeout` | 0 | no answer within `timeoutMs` |
 * | `aborted` | 0 | the caller's `AbortSignal` fired |
 * | `invalid_response` | the answer's | the answer is not what the contract promises |
 */
export type ApiErrorCode =
  | 'invalid_body'
  | 'idempotency_mismatch'
  | 'not_found'
  | 'slot_unavailable'
  | 'no_advisor'
  | 'unauthorized'
  | 'payload_too_large'
  | 'rate_limited'
  | 'invalid_code'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid_response'
  | (string & {});

/** Details of an {@link ApiError}. */
export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  message: string;
  issues?: FieldIssue[];
  alternatives?: Slot[];
  retryAfter?: number;
  cause?: unknown;
}

/**
 * Every failure of a {@link ShowroomSource}: an error answer of the API, or a request that got
 * no usable answer (`status` 0). `issues` and `alternatives` are always arrays.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when there was no answer. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Problems with the request (422) or with the answer (`invalid_response`), by path. */
  readonly issues: FieldIssue[];
  /** With 409 `slot_unavailable`: the nearest free slots. */
  readonly alternatives: Slot[];
  /** With 429: seconds to wait before retrying. */
  readonly retryAfter: number | undefined;
  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.issues = init.issues ?? [];
    this.alternatives = init.alternatives ?? [];
    this.retryAfter = init.retryAfter;
  }

  /** The error as the API's error body, `{ error: { code, message, issues?, alternatives? } }`. */
  toBody(): { error: { code: string; message: string; issues?: FieldIssue[]; alternatives?: Slot[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues.length ? { issues: this.issues } : {}),
        ...(this.alternatives.length ? { alternatives: this.alternatives } : {}),
      },
    };
  }
}
