/**
 * Delay before the next attempt after `failures` failed ones: "full jitter" (a uniform draw
 * between 0 and an exponentially growing window, capped), so that many browsers coming back
 * online at once do not retry in step.
 */
export function backoff(failures: number, random: () => number, baseMs: number, capMs: number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1)));
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`), measured against `now`. `undefined` when absent or unreadable.
 */
export function retryAfter(value: string | null, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = /[a-z]/i.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Statuses worth another attempt: timeout, too many requests and server errors. */
export const isRetryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;
