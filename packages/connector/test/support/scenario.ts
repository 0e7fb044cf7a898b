import { createConnector } from '../../src/index.js';
import type { Connector, ConnectorOptions } from '../../src/index.js';
import { fastClock } from './clocks.js';
import { makeLead } from './leads.js';
import { FaultyReceiver } from './receiver.js';
import type { Faults } from './receiver.js';

/** A small seeded generator (mulberry32), so that a run's faults can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The faults of the reliability runs: about one request in four goes wrong. */
export const chaos: Faults = {
  serverError: 0.08,
  tooMany: 0.05,
  hangBeforeStore: 0.02,
  hangAfterStore: 0.02,
  dropAfterStore: 0.05,
};

export interface ScenarioResult {
  sent: number;
  stored: number;
  lost: number;
  duplicated: number;
  /** Requests that reached the receiver's store step (retries after a lost answer count again). */
  deliveries: number;
  perLead: number;
  /** Real milliseconds the first half took to send while the network flipped, and what the receiver saw meanwhile. */
  sendMs: number;
  requestsWhileSending: number;
  deliveredWhileSending: number;
  /** Leads still in the outbox when the network came back. */
  pendingAtReconnect: number;
  /** Real milliseconds from reconnecting to an empty outbox. */
  drainMs: number;
  deadLetters: number;
  receiverErrors: string[];
  /** `delivered` events per lead, as the sender saw them; 1 each. */
  deliveredEvents: number;
}

/**
 * Sends `leads` leads through one connector to a {@link FaultyReceiver}: the first half while
 * the network flips on and off, the second half during an outage; then the network comes back
 * and the outbox drains. Time runs `scale` times faster than real time.
 */
export async function runScenario(opts: {
  leads: number;
  name: string;
  seed?: number;
  scale?: number;
  faults?: Faults;
  connector?: Partial<ConnectorOptions>;
}): Promise<ScenarioResult> {
  const random = seeded(opts.seed ?? 1);
  const clock = fastClock(opts.scale ?? 1000);
  const receiver = new FaultyReceiver(opts.faults ?? chaos, random, clock);
  const delivered = new Map<string, number>();
  const connector: Connector = createConnector({
    endpoint: '/leads',
    name: opts.name,
    fetch: receiver.fetch,
    clock,
    random,
    ...opts.connector,
  });
  connector.subscribe((e) => {
    if (e.type === 'delivered') delivered.set(e.id, (delivered.get(e.id) ?? 0) + 1);
  });
  const online = () => {
    receiver.offline = false;
    window.dispatchEvent(new Event('online'));
  };
  let toggling = true;
  const toggler = (async () => {
    while (toggling) {
      await new Promise((r) => setTimeout(r, 5 + random() * 40));
      if (!toggling) break;
      if (receiver.offline) online();
      else receiver.offline = true;
    }
  })();

  const sent: string[] = [];
  const send = async (from: number, to: number, batch: number, pauseMs: number) => {
    for (let i = from; i < to; i += batch) {
      const leads = Array.from({ length: Math.min(batch, to - i) }, (_, j) => makeLead(i + j));
      for (const r of await Promise.all(leads.map((lead) => connector.send(lead))))
        if (r.status === 'queued') sent.push(r.id);
      if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  // Half the leads come in while the network flips on and off, a few at a time.
  const half = Math.ceil(opts.leads / 2);
  const sendStart = performance.now();
  await send(0, half, 10, 5);
  const sendMs = performance.now() - sendStart;
  const requestsWhileSending = receiver.requests;
  const deliveredWhileSending = delivered.size;
  toggling = false;
  await toggler;

  // The other half during an outage; then the network comes back.
  receiver.offline = true;
  await send(half, opts.leads, 50, 0);
  await new Promise((r) => setTimeout(r, 100));
  const pendingAtReconnect = await connector.pendingCount();
  const t0 = performance.now();
  online();
  const deadline = t0 + 120_000;
  while (delivered.size < sent.length && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 10));
  const drainMs = performance.now() - t0;
  const pendingAfter = await connector.pendingCount();
  const deadLetters = (await connector.deadLetters()).length;
  connector.close();
  const tally = receiver.tally(sent);
  if (pendingAfter !== 0) receiver.errors.push(`${pendingAfter} leads still in the outbox`);
  return {
    ...tally,
    pendingAtReconnect,
    sendMs: Math.round(sendMs),
    requestsWhileSending,
    deliveredWhileSending,
    drainMs: Math.round(drainMs),
    deadLetters,
    receiverErrors: receiver.errors,
    deliveredEvents: [...delivered.values()].reduce((a, b) => a + b, 0),
  };
}
