import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { toFieldIssues } from '@showroom/core';
import type { ApiErrorBody, ApiIssue, Slot } from '@showroom/core';

/**
 * An error answer in the contract's shape, `{ error: { code, message, issues?, alternatives? } }`.
 * Thrown anywhere in a handler; the app turns it into the response.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: { issues?: ApiIssue[]; alternatives?: Slot[] } = {},
    readonly headers: Record<string, string> = {},
  ) {
    // An answer, not a bug: no stack trace to capture (409s come by the thousand under contention).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }

  /** The response body. */
  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** Answers an {@link ApiError}. */
export function errorResponse(c: Context, error: ApiError): Response {
  return c.json(error.body(), error.status, error.headers);
}

/** A zod schema from core (classic or mini), as far as parsing needs it. */
export interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } };
}

/** Validates `input` with `schema`; a 422 `invalid_body` naming every bad path otherwise. */
export function validate<T>(schema: Parser<T>, input: unknown, what = 'body'): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error.issues as Parameters<typeof toFieldIssues>[0], input);
  throw new ApiError(
    422,
    what === 'query' ? 'invalid_query' : 'invalid_body',
    `The request ${what} is not valid: ${issues
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'} ${i.message}`)
      .join('; ')}${issues.length > 3 ? '; …' : ''}`,
    { issues },
  );
}

/** Request bodies above this many bytes are refused (413). */
export const MAX_BODY_BYTES = 64 * 1024;

function tooLarge(max: number): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `Request bodies are limited to ${Math.round(max / 1024)} KiB.`,
  );
}

/**
 * The request body as text, refusing more than `max` bytes however it arrives. On Node it
 * reads the socket's stream directly, which spares building a web `Request` for every POST.
 */
async function readText(c: Context, max: number): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && incoming.readable && !incoming.readableDidRead) {
    return new Promise((done, fail) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) {
          incoming.removeAllListeners('data');
          incoming.resume();
          fail(tooLarge(max));
        } else chunks.push(chunk);
      });
      incoming.once('end', () => done(Buffer.concat(chunks).toString('utf8')));
      incoming.once('error', fail);
    });
  }
  const text = await c.req.text();
  if (Buffer.byteLength(text) > max) throw tooLarge(max);
  return text;
}

/** Reads a JSON request body (415 for another content type, 400 for broken JSON, 413 when too large). */
export async function readJson(c: Context, max = MAX_BODY_BYTES): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await readText(c, max);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

const sortedKeys = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

/** JSON with object keys sorted, so equal bodies hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'null';
}

/** SHA-256 (hex) of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearer(c: Context): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
