import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoff, isRetryable, retryAfter } from '../src/retry.js';

describe('retry policy', () => {
  it('backs off with full jitter over a doubling window, capped', () => {
    assert.equal(
      backoff(1, () => 0, 1000, 300_000),
      0,
    );
    assert.equal(
      backoff(1, () => 0.999, 1000, 300_000),
      999,
    );
    assert.equal(
      backoff(2, () => 0.5, 1000, 300_000),
      1000,
    );
    assert.equal(
      backoff(5, () => 0.5, 1000, 300_000),
      8000,
    );
    assert.equal(
      backoff(30, () => 0.5, 1000, 300_000),
      150_000,
    );
    const draws = Array.from({ length: 1000 }, () => backoff(4, Math.random, 1000, 300_000));
    assert.ok(Math.min(...draws) >= 0 && Math.max(...draws) < 8000);
    assert.ok(new Set(draws).size > 500, 'spread out, not in step');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-22T02:00:00Z');
    assert.equal(retryAfter('120', now), 120_000);
    assert.equal(retryAfter(' 0 ', now), 0);
    assert.equal(retryAfter('Sun, 22 Nov 2026 02:00:30 GMT', now), 30_000);
    assert.equal(retryAfter('Sun, 22 Nov 2026 01:00:00 GMT', now), 0, 'a date in the past: now');
    assert.equal(retryAfter('soon', now), undefined);
    assert.equal(retryAfter(null, now), undefined);
    assert.equal(retryAfter('-5', now), undefined);
  });

  it('retries timeouts, rate limits and server errors; not other 4xx', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) assert.equal(isRetryable(s), true, String(s));
    for (const s of [400, 401, 403, 404, 409, 413, 422]) assert.equal(isRetryable(s), false, String(s));
  });
});
