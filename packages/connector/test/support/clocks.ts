import type { Clock } from '../../src/connector.js';

/** Real time sped up `scale` times: 1 s of backoff passes in 1 ms. */
export function fastClock(scale: number): Clock {
  const epoch = Date.now();
  const t0 = performance.now();
  return {
    now: () => epoch + (performance.now() - t0) * scale,
    setTimeout: (fn, ms) => setTimeout(fn, ms / scale),
    clearTimeout: (h) => clearTimeout(h as number),
  };
}

/** Time that moves only when told to; due timers fire on `advance`. */
export function manualClock(start = Date.parse('2026-11-22T02:00:00Z')) {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn: () => void, ms: number) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      // Due now: fire without waiting for the next advance.
      if (ms <= 0) setTimeout(() => timers.delete(id) && fn());
      return id;
    },
    clearTimeout(handle: unknown) {
      timers.delete(handle as number);
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at))
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
    },
  } satisfies Clock & { advance(ms: number): void };
}

/** Resolves once `check` is true, polling; rejects with `what` after `ms` of real time. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
