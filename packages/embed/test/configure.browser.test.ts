import { expect, waitUntil } from '@open-wc/testing';
import { createConnector } from '@showroom/connector';
import { makeLead } from '../../connector/test/support/leads.js';
import { configureShowroom } from '../src/configure.js';

describe('configureShowroom', () => {
  it('makes the lead connector once the page is idle, and it delivers what an earlier visit left in the outbox', async () => {
    const api = `${location.origin}/configure-test-${crypto.randomUUID()}/api/v1`;
    const endpoint = `${api}/leads`;
    // An earlier visit: the backend could not be reached, the lead stayed in the outbox.
    const lead = makeLead(1);
    const earlier = createConnector({
      endpoint,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect((await earlier.send(lead)).status).to.equal('queued');
    earlier.close();

    const posted: string[] = [];
    const realFetch = window.fetch;
    const realIdle = window.requestIdleCallback;
    window.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url !== endpoint) return realFetch(input, init);
      posted.push(JSON.parse(String(init?.body)).id);
      return new Response(JSON.stringify({ id: lead.id }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    };
    try {
      // No element, no journey on the page: nothing but the connector sends it, and only once
      // the browser says it is idle.
      const idle: (() => void)[] = [];
      window.requestIdleCallback = (callback) => idle.push(() => callback({} as IdleDeadline)) && 0;
      const configured = configureShowroom({ api });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(posted).to.deep.equal([]);
      expect(idle.length).to.equal(1);
      idle.shift()!();
      const backend = await configured;
      expect(backend?.connector).to.exist;
      await waitUntil(() => posted.length > 0, 'the queued lead is posted', { timeout: 10_000 });
      expect(posted).to.deep.equal([lead.id]);
      await waitUntil(async () => (await backend!.connector!.pendingCount()) === 0, 'the outbox is empty');
      backend!.connector!.close();
    } finally {
      window.fetch = realFetch;
      window.requestIdleCallback = realIdle;
    }
  });
});
