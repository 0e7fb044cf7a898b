import { expect } from '@open-wc/testing';
import { createConnector } from '../src/index.js';
import type { Connector, ConnectorEvent } from '../src/index.js';
import { idbStorage } from '../src/outbox.js';
import type { OutboxStorage } from '../src/outbox.js';
import { until } from './support/clocks.js';
import { makeLead } from './support/leads.js';
import { FaultyReceiver } from './support/receiver.js';

describe('connector without IndexedDB', () => {
  let connector: Connector | undefined;
  afterEach(() => connector?.close());

  it('IndexedDB cannot be opened (private mode, sandboxed frame): the outbox lives in memory, and says so', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const receiver = new FaultyReceiver();
      connector = createConnector({
        endpoint: '/leads',
        name: `mem-${crypto.randomUUID()}`,
        fetch: receiver.fetch,
      });
      const events: ConnectorEvent[] = [];
      connector.subscribe((e) => events.push(e));
      await until(() => events.length > 0, 'the fallback notice');
      expect(connector.storage).to.equal('memory');
      expect(events[0]).to.deep.equal({
        type: 'storage-fallback',
        reason: 'SecurityError: The user denied permission to access the database.',
      });
      expect(warnings).to.have.length(1);
      const lead = makeLead(0);
      await connector.send(lead);
      await until(() => events.some((e) => e.type === 'delivered'), 'delivered');
      expect(receiver.tally([lead.id])).to.include({ lost: 0, duplicated: 0 });
    } finally {
      IDBFactory.prototype.open = open;
      console.warn = warn;
    }
  });

  it('IndexedDB fails mid-way (quota): the waiting leads move to memory, none is lost, one notice', async () => {
    const name = `quota-${crypto.randomUUID()}`;
    const idb = idbStorage(name);
    let writes = 0;
    const storage: OutboxStorage = {
      list: () => idb.list(),
      get: (k) => idb.get(k),
      update: (k, fn) => {
        if (++writes > 2) return Promise.reject(new DOMException('Quota exceeded.', 'QuotaExceededError'));
        return idb.update(k, fn);
      },
    };
    const receiver = new FaultyReceiver();
    receiver.offline = true;
    const warn = console.warn;
    console.warn = () => {};
    try {
      connector = createConnector({ endpoint: '/leads', name, fetch: receiver.fetch, storage });
      const events: ConnectorEvent[] = [];
      connector.subscribe((e) => events.push(e));
      const leads = [makeLead(0), makeLead(1), makeLead(2)];
      for (const lead of leads) await connector.send(lead);
      expect(connector.storage).to.equal('memory');
      expect(events.filter((e) => e.type === 'storage-fallback')).to.deep.equal([
        { type: 'storage-fallback', reason: 'QuotaExceededError: Quota exceeded.' },
      ]);
      expect(await connector.pendingCount()).to.equal(3);
      receiver.offline = false;
      window.dispatchEvent(new Event('online'));
      await until(() => events.filter((e) => e.type === 'delivered').length === 3, 'all delivered');
      expect(receiver.tally(leads.map((l) => l.id))).to.include({ lost: 0, duplicated: 0 });
    } finally {
      console.warn = warn;
    }
  });
});
