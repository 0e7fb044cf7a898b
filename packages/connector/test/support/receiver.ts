import { parseLead } from '@showroom/core';
import type { Clock } from '../../src/connector.js';

/** How often each fault happens, as a share of requests that reach the receiver (0–1). */
export interface Faults {
  /** 500/502/503 before storing. */
  serverError?: number;
  /** 429 with Retry-After (seconds or an HTTP date) before storing. */
  tooMany?: number;
  /** No answer at all until the client gives up, before storing. */
  hangBeforeStore?: number;
  /** Stores the lead, then never answers. */
  hangAfterStore?: number;
  /** Stores the lead, then the connection drops. */
  dropAfterStore?: number;
}

/**
 * A lead receiver behind a fake `fetch`, with injected faults and an offline switch. It stores
 * each lead once per idempotency key, as a real backend does, and counts every request that
 * reached the store step, so that lost (never stored), duplicated (stored under two keys) and
 * raw deliveries can be told apart.
 */
export class FaultyReceiver {
  /** Stored leads by idempotency key. */
  readonly stored = new Map<string, { id: string; body: string }>();
  /** Requests that reached the store step, by lead id. */
  readonly deliveries = new Map<string, number>();
  /** Requests with a body the receiver could not accept; must stay empty. */
  readonly errors: string[] = [];
  requests = 0;
  offline = false;
  /** Answers with this status instead (no faults), when set. */
  forceStatus?: number;

  constructor(
    private readonly faults: Faults = {},
    private readonly random: () => number = Math.random,
    private readonly clock: Pick<Clock, 'now'> = { now: () => Date.now() },
  ) {}

  readonly fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    this.requests += 1;
    await Promise.resolve();
    if (this.offline) throw new TypeError('Failed to fetch');
    const f = this.faults;
    let r = this.random();
    const hit = (p = 0) => (r -= p) < 0;
    if (hit(f.serverError))
      return new Response('upstream unavailable', { status: [500, 502, 503][this.requests % 3] });
    if (hit(f.tooMany)) {
      const seconds = 1 + (this.requests % 5);
      const value =
        this.requests % 2 ? String(seconds) : new Date(this.clock.now() + seconds * 1000).toUTCString();
      return new Response('slow down', { status: 429, headers: { 'retry-after': value } });
    }
    if (hit(f.hangBeforeStore)) return hang(init.signal);
    const fresh = this.store(init);
    if (hit(f.hangAfterStore)) return hang(init.signal);
    if (hit(f.dropAfterStore)) throw new TypeError('network connection was lost');
    if (this.forceStatus) return new Response('refused', { status: this.forceStatus });
    return new Response(JSON.stringify({ id: fresh }), { status: fresh ? 201 : 200 });
  };

  /** Parses and stores the lead; true when its key was new. */
  private store(init: RequestInit): boolean {
    const body = String(init.body);
    const key =
      new Headers(init.headers).get('idempotency-key') ?? new URLSearchParams(body).get('idempotency_key');
    let id: string;
    try {
      id = parseLead(JSON.parse(body)).id;
    } catch (error) {
      this.errors.push(String(error));
      return false;
    }
    if (key !== id) this.errors.push(`Idempotency-Key ${key} for lead ${id}`);
    this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
    if (this.stored.has(key ?? '')) return false;
    this.stored.set(key ?? '', { id, body });
    return true;
  }

  /** Lost: sent but never stored. Duplicated: stored more than once (under different keys). */
  tally(sent: Iterable<string>) {
    const storedIds = new Map<string, number>();
    for (const { id } of this.stored.values()) storedIds.set(id, (storedIds.get(id) ?? 0) + 1);
    let lost = 0;
    let total = 0;
    for (const id of sent) {
      total += 1;
      if (!storedIds.has(id)) lost += 1;
    }
    const duplicated = [...storedIds.values()].filter((n) => n > 1).length;
    const raw = [...this.deliveries.values()].reduce((a, b) => a + b, 0);
    return {
      sent: total,
      stored: this.stored.size,
      lost,
      duplicated,
      deliveries: raw,
      perLead: raw / Math.max(1, total),
    };
  }
}

function hang(signal: AbortSignal | null | undefined): Promise<never> {
  return new Promise((_, reject) =>
    signal?.addEventListener('abort', () =>
      reject(new DOMException('The operation was aborted.', 'AbortError')),
    ),
  );
}
