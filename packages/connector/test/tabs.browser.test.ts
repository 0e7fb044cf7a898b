import { expect } from '@open-wc/testing';
import { createConnector } from '../src/index.js';
import type { Connector, ConnectorEvent } from '../src/index.js';
import { fastClock } from './support/clocks.js';
import { makeLead } from './support/leads.js';
import { FaultyReceiver } from './support/receiver.js';
import { seeded } from './support/scenario.js';

/**
 * Five tabs: five connectors in one page sharing the outbox database, the Web Lock (or the
 * lease that replaces it) and the BroadcastChannel, each sending its own leads at the same time.
 */
async function fiveTabs(locks: LockManager | null, scale: number) {
  const name = `tabs-${crypto.randomUUID()}`;
  const random = seeded(3);
  const clock = fastClock(scale);
  const receiver = new FaultyReceiver({ serverError: 0.05, tooMany: 0.02 }, random, clock);
  const tabs: { connector: Connector; sent: string[]; events: ConnectorEvent[] }[] = [];
  for (let t = 0; t < 5; t++) {
    const connector = createConnector({
      endpoint: '/leads',
      name,
      fetch: receiver.fetch,
      clock,
      random,
      locks,
    });
    const tab = { connector, sent: [] as string[], events: [] as ConnectorEvent[] };
    connector.subscribe((e) => tab.events.push(e));
    tabs.push(tab);
  }
  await Promise.all(
    tabs.map(async (tab, t) => {
      for (let i = 0; i < 200; i++) {
        const lead = makeLead(t * 200 + i);
        await tab.connector.send(lead);
        tab.sent.push(lead.id);
      }
    }),
  );
  const delivered = (tab: (typeof tabs)[number]) => tab.events.filter((e) => e.type === 'delivered').length;
  const end = performance.now() + 60_000;
  while (tabs.some((tab) => delivered(tab) < 200) && performance.now() < end)
    await new Promise((r) => setTimeout(r, 10));
  for (const tab of tabs) tab.connector.close();
  return { tabs, delivered, tally: receiver.tally(tabs.flatMap((tab) => tab.sent)), errors: receiver.errors };
}

describe('connector in five tabs', () => {
  // The lease lasts one attempt's timeout plus 5 s; sped up 1,000 times that is 20 ms of real
  // time, short enough for a busy test machine to let it lapse, so the lease runs 100 times faster only.
  for (const [label, locks, scale] of [
    ['Web Locks', navigator.locks, 1000],
    ['the outbox lease (no Web Locks)', null, 100],
  ] as const) {
    it(`one sender at a time through ${label}: every lead once, each tab hears about its own`, async function () {
      this.timeout(90_000);
      const { tabs, delivered, tally, errors } = await fiveTabs(locks, scale);
      console.log(`five tabs, ${label}: ${JSON.stringify(tally)}`);
      expect(errors).to.deep.equal([]);
      expect(tally).to.include({ sent: 1000, stored: 1000, lost: 0, duplicated: 0 });
      expect(tally.perLead).to.be.at.most(1.05);
      for (const tab of tabs) {
        expect(delivered(tab)).to.equal(200);
        const ids = new Set(
          tab.events.filter((e) => e.type === 'delivered').map((e) => (e as { id: string }).id),
        );
        expect([...ids].sort()).to.deep.equal([...tab.sent].sort());
      }
    });
  }
});
