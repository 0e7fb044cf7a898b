import { expect } from '@open-wc/testing';
import { LeadError, toAdf } from '@showroom/core';
import { createConnector, LeadRejected } from '../src/index.js';
import type { Connector, ConnectorEvent, ConnectorOptions } from '../src/index.js';
import { idbStorage } from '../src/outbox.js';
import { makeLead } from './support/leads.js';
import { manualClock, until } from './support/clocks.js';
import { FaultyReceiver } from './support/receiver.js';
import { checkWebToLead } from './support/web-to-lead.js';

type Call = { url: string; init: RequestInit };

describe('connector', () => {
  const open: Connector[] = [];
  let name: string;
  let events: ConnectorEvent[];

  function connect(options: Partial<ConnectorOptions>): Connector {
    const c = createConnector({ endpoint: '/leads', name, ...options });
    c.subscribe((e) => events.push(e));
    open.push(c);
    return c;
  }

  /** A fetch that answers from `answers` in turn (the last one repeats) and records every call. */
  function scripted(...answers: (() => Response | Promise<Response>)[]) {
    const calls: Call[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answers[Math.min(calls.length, answers.length) - 1]!();
    };
    return { calls, fetch };
  }
  const ok = () => new Response('{}', { status: 201 });
  const attempts = async (id: string) =>
    ((await idbStorage(name).get(id)) as { attempts?: number } | undefined)?.attempts;
  const has = (type: ConnectorEvent['type'], id?: string) => () =>
    events.some((e) => e.type === type && (id === undefined || ('id' in e && e.id === id)));

  beforeEach(() => {
    name = `test-${crypto.randomUUID()}`;
    events = [];
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });

  it('posts the lead as JSON with its id as Idempotency-Key and reports it delivered', async () => {
    const { calls, fetch } = scripted(ok);
    const c = connect({ fetch, headers: { Authorization: 'Bearer k' } });
    const lead = makeLead(0);
    expect(await c.send(lead)).to.deep.equal({ id: lead.id, status: 'queued' });
    await until(has('delivered', lead.id), 'delivered');
    expect(calls).to.have.length(1);
    const headers = new Headers(calls[0]!.init.headers);
    expect(calls[0]!.url).to.equal('/leads');
    expect(headers.get('idempotency-key')).to.equal(lead.id);
    expect(headers.get('content-type')).to.equal('application/json');
    expect(headers.get('authorization')).to.equal('Bearer k');
    expect(JSON.parse(String(calls[0]!.init.body))).to.deep.equal(lead);
    expect(await c.pendingCount()).to.equal(0);
    expect(events).to.deep.equal([{ type: 'delivered', id: lead.id }]);
  });

  it('has the lead in IndexedDB before the first attempt', async () => {
    const lead = makeLead(1);
    let seen: unknown;
    const c = connect({
      fetch: async () => {
        seen = await idbStorage(name).get(lead.id);
        return ok();
      },
    });
    await c.send(lead);
    await until(has('delivered'), 'delivered');
    expect(seen).to.include({ id: lead.id, state: 'pending' });
    expect((seen as { lead: unknown }).lead).to.deep.equal(lead);
  });

  it('honours Retry-After in seconds, even against an online nudge, and keeps the same key on every retry', async () => {
    const clock = manualClock();
    const { calls, fetch } = scripted(
      () => new Response('slow down', { status: 429, headers: { 'Retry-After': '120' } }),
      () => new Response('oops', { status: 503 }),
      ok,
    );
    const c = connect({ fetch, clock, random: () => 0.999 });
    const lead = makeLead(2);
    await c.send(lead);
    await until(has('queued'), 'queued');
    expect(events[0]).to.include({ type: 'queued', id: lead.id, retryAt: clock.now() + 120_000 });
    window.dispatchEvent(new Event('online'));
    clock.advance(119_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).to.have.length(1);
    clock.advance(1000);
    await until(() => calls.length === 2, 'second attempt');
    // 503 without Retry-After: full jitter over 2 × 1 s after the second failure.
    await until(async () => (await attempts(lead.id)) === 2, 'second failure recorded');
    clock.advance(1998);
    await until(has('delivered'), 'delivered');
    expect(calls).to.have.length(3);
    expect(calls.map((x) => new Headers(x.init.headers).get('idempotency-key'))).to.deep.equal([
      lead.id,
      lead.id,
      lead.id,
    ]);
    expect(events.filter((e) => e.type === 'queued')).to.have.length(1);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const clock = manualClock();
    const { calls, fetch } = scripted(
      () =>
        new Response('', {
          status: 503,
          headers: { 'Retry-After': new Date(clock.now() + 30_000).toUTCString() },
        }),
      ok,
    );
    const c = connect({ fetch, clock });
    await c.send(makeLead(0));
    await until(has('queued'), 'queued');
    clock.advance(29_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).to.have.length(1);
    clock.advance(1000);
    await until(has('delivered'), 'delivered');
  });

  it('retries network errors and timeouts, then delivers once', async () => {
    const clock = manualClock();
    const { calls, fetch } = scripted(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => new Promise<Response>(() => {}),
      ok,
    );
    const c = connect({ fetch, clock, random: () => 0.5, timeoutMs: 10_000 });
    const lead = makeLead(1);
    await c.send(lead);
    await until(has('queued'), 'queued');
    expect(events[0]).to.include({ reason: 'Failed to fetch' });
    clock.advance(500);
    await until(() => calls.length === 2, 'second attempt');
    clock.advance(10_000);
    await until(async () => (await attempts(lead.id)) === 2, 'timeout recorded');
    clock.advance(1000);
    await until(has('delivered'), 'delivered');
    expect(calls).to.have.length(3);
  });

  it("dead-letters other 4xx with the server's reason; a dead letter can be retried or discarded", async () => {
    const receiver = new FaultyReceiver();
    receiver.forceStatus = 422;
    const c = connect({ fetch: receiver.fetch });
    const [a, b] = [makeLead(0), makeLead(1)];
    await c.send(a);
    await c.send(b);
    await until(() => events.filter((e) => e.type === 'failed').length === 2, 'failed');
    expect(events[0]).to.deep.equal({ type: 'failed', id: a.id, status: 422, reason: 'HTTP 422 refused' });
    const dead = await c.deadLetters();
    expect(dead.map((d) => d.id)).to.have.members([a.id, b.id]);
    expect(dead[0]).to.include({ status: 422, reason: 'HTTP 422 refused', attempts: 1 });
    expect(await c.pendingCount()).to.equal(0);

    receiver.forceStatus = undefined;
    await c.retry(a.id);
    await until(has('delivered', a.id), 'retried lead delivered');
    await c.discard(b.id);
    expect(await c.deadLetters()).to.deep.equal([]);
    expect(receiver.requests).to.equal(3);
  });

  it('shows the UI ids and status only, never lead contents', async () => {
    const receiver = new FaultyReceiver();
    receiver.forceStatus = 400;
    const c = connect({ fetch: receiver.fetch });
    const lead = makeLead(1);
    await c.send(lead);
    await until(has('failed'), 'failed');
    const dead = await c.deadLetters();
    expect(Object.keys(dead[0]!).sort()).to.deep.equal(['attempts', 'failedAt', 'id', 'reason', 'status']);
    const visible = JSON.stringify([dead, events, await c.pendingCount(), Object.keys(c)]);
    for (const secret of [lead.customer.name, lead.customer.email!, lead.customer.phone!, 'Aurora'])
      expect(visible).not.to.include(secret);
  });

  it('does not post a lead again that the outbox already delivered, in this page or the next', async () => {
    const { calls, fetch } = scripted(ok);
    const c = connect({ fetch });
    const lead = makeLead(0);
    await c.send(lead);
    await until(has('delivered'), 'delivered');
    expect(await c.send(lead)).to.deep.equal({ id: lead.id, status: 'delivered' });
    c.close();
    const again = connect({ fetch });
    expect(await again.send(lead)).to.deep.equal({ id: lead.id, status: 'delivered' });
    await again.flush();
    expect(calls).to.have.length(1);
  });

  it('refuses an invalid lead with the path and value, and queues nothing', async () => {
    const { calls, fetch } = scripted(ok);
    const c = connect({ fetch });
    const lead = { ...makeLead(0), customer: { name: 'X', email: 'not-an-email' } };
    let error: unknown;
    try {
      await c.send(lead);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(LeadError);
    expect((error as LeadError).issues).to.deep.include({
      path: 'customer.email',
      message: 'must be an email address',
      value: 'not-an-email',
    });
    expect(await c.pendingCount()).to.equal(0);
    expect(calls).to.have.length(0);
  });

  it('refuses bad options with the path', () => {
    expect(() => createConnector({ format: 'json' })).to.throw(
      TypeError,
      /endpoint: required unless format is a function/,
    );
    expect(() => createConnector({ endpoint: '/x', timeoutMs: -1 })).to.throw(TypeError, /timeoutMs/);
    expect(() => createConnector({ endpoint: '/x', format: 'yaml' as 'json' })).to.throw(TypeError, /format/);
  });

  it('sends what an earlier page left in the outbox as soon as it starts, and flushes on online and visible', async () => {
    const receiver = new FaultyReceiver();
    receiver.offline = true;
    const clock = manualClock();
    const first = connect({ fetch: receiver.fetch, clock });
    const left = makeLead(0);
    await first.send(left);
    await until(has('queued'), 'queued');
    first.close();

    receiver.offline = false;
    clock.advance(10);
    connect({ fetch: receiver.fetch, clock });
    await until(has('delivered', left.id), 'delivered on start');
    expect(events.at(-1)).to.deep.equal({ type: 'delivered', id: left.id, earlier: true });

    receiver.offline = true;
    const c = open.at(-1)!;
    const [a, b] = [makeLead(1), makeLead(2)];
    await c.send(a);
    await until(has('queued', a.id), 'a queued');
    receiver.offline = false;
    window.dispatchEvent(new Event('online'));
    await until(has('delivered', a.id), 'delivered on online');

    receiver.offline = true;
    await c.send(b);
    await until(has('queued', b.id), 'b queued');
    receiver.offline = false;
    document.dispatchEvent(new Event('visibilitychange'));
    await until(has('delivered', b.id), 'delivered on visible');
    expect(receiver.tally([left.id, a.id, b.id])).to.include({ lost: 0, duplicated: 0 });
  });

  it('posts waiting leads with keepalive on pagehide, 64 KiB at most, and marks the ones that arrive', async () => {
    const keepalive: Call[] = [];
    const c = connect({
      fetch: async (url, init) => {
        if (!init.keepalive) throw new TypeError('Failed to fetch');
        keepalive.push({ url, init });
        return ok();
      },
      clock: manualClock(),
    });
    const leads = Array.from({ length: 40 }, (_, i) => ({ ...makeLead(i), comments: 'x'.repeat(2000) }));
    for (const lead of leads) await c.send(lead);
    await until(() => events.filter((e) => e.type === 'queued').length === 40, 'all queued');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    const bytes = keepalive.reduce((n, k) => n + new TextEncoder().encode(String(k.init.body)).length, 0);
    expect(keepalive.length).to.be.within(10, 39);
    expect(bytes).to.be.at.most(65_536);
    for (const k of keepalive) {
      const body = JSON.parse(String(k.init.body)) as { id: string };
      expect(new Headers(k.init.headers).get('idempotency-key')).to.equal(body.id);
    }
    await until(
      async () => (await c.pendingCount()) === 40 - keepalive.length,
      'keepalive deliveries recorded',
    );
  });

  it('leads older than maxAgeMs go to the dead letters instead of being retried', async () => {
    const clock = manualClock();
    const receiver = new FaultyReceiver();
    receiver.offline = true;
    const c = connect({ fetch: receiver.fetch, clock, maxAgeMs: 60_000, maxDelayMs: 10_000 });
    const lead = makeLead(0);
    await c.send(lead);
    await until(has('queued'), 'queued');
    for (let t = 0; t < 7; t++) {
      clock.advance(10_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(has('failed'), 'expired');
    expect((await c.deadLetters())[0]!.reason).to.match(/^expired/);
  });

  it('form: Web-to-Lead fields without CORS, the idempotency key as a field', async () => {
    const { calls, fetch } = scripted(() => new Response(null, { status: 200 }));
    const c = connect({
      fetch,
      format: 'form',
      oid: '00D5g000004XyZa',
      fieldMap: { '00N5g00000AbCdE': 'Showroom' },
    });
    const lead = makeLead(1);
    await c.send(lead);
    await until(has('delivered'), 'delivered');
    const { init } = calls[0]!;
    expect(init.mode).to.equal('no-cors');
    const headers = new Headers(init.headers);
    expect(headers.get('content-type')).to.equal('application/x-www-form-urlencoded');
    expect(headers.has('idempotency-key')).to.equal(false);
    const fields = new URLSearchParams(String(init.body));
    expect(checkWebToLead(fields)).to.deep.equal([]);
    expect(fields.get('idempotency_key')).to.equal(lead.id);
    expect(fields.get('oid')).to.equal('00D5g000004XyZa');
    expect(fields.get('00N5g00000AbCdE')).to.equal('Showroom');
    expect(fields.get('email')).to.equal(lead.customer.email);
  });

  it('adf: ADF/XML as application/xml with the Idempotency-Key header', async () => {
    const { calls, fetch } = scripted(ok);
    const vendor = { name: 'Aurora Space Pudong', contact: { name: 'Sales desk', phone: '+862150001234' } };
    const c = connect({ fetch, format: 'adf', vendor });
    const lead = makeLead(0);
    await c.send(lead);
    await until(has('delivered'), 'delivered');
    const { init } = calls[0]!;
    const headers = new Headers(init.headers);
    expect(headers.get('content-type')).to.equal('application/xml');
    expect(headers.get('idempotency-key')).to.equal(lead.id);
    expect(String(init.body)).to.equal(toAdf(lead, { vendor }));
    expect(() => createConnector({ endpoint: '/x', format: 'adf' })).to.throw(
      TypeError,
      /vendor: adf needs a vendor/,
    );
    expect(() =>
      createConnector({
        endpoint: '/x',
        format: 'adf',
        vendor: { name: 'D', contact: { name: 'S' } } as typeof vendor,
      }),
    ).to.throw(TypeError, /vendor: adf needs a vendor with a contact email or phone/);
    expect(() =>
      createConnector({ endpoint: '/x', format: 'adf', vendor: { ...vendor, name: '' } }),
    ).to.throw(TypeError, /vendor.name/);
  });

  it('a custom function delivers; LeadRejected dead-letters, other errors retry', async () => {
    const seen: { id: string; key: string; attempt: number }[] = [];
    const lead = makeLead(0);
    const refused = makeLead(1);
    const c = connect({
      name,
      format: async (l, ctx) => {
        seen.push({ id: l.id, key: ctx.idempotencyKey, attempt: ctx.attempt });
        if (l.id === refused.id) throw new LeadRejected('duplicate customer', 409);
        if (ctx.attempt === 1) throw new Error('CRM busy');
      },
      random: () => 0,
    });
    await c.send(lead);
    await c.send(refused);
    await until(has('delivered', lead.id), 'delivered');
    await until(has('failed', refused.id), 'failed');
    expect(events.find((e) => e.type === 'failed')).to.deep.equal({
      type: 'failed',
      id: refused.id,
      status: 409,
      reason: 'duplicate customer',
    });
    expect(seen.filter((s) => s.id === lead.id)).to.deep.equal([
      { id: lead.id, key: lead.id, attempt: 1 },
      { id: lead.id, key: lead.id, attempt: 2 },
    ]);
  });

  it('without Web Locks, waits out a lease left by a tab that went away, then sends', async () => {
    const clock = manualClock();
    await idbStorage(name).update('#lease', () => ({ owner: 'closed-tab', until: clock.now() + 20_000 }));
    const { calls, fetch } = scripted(ok);
    const c = connect({ fetch, clock, locks: null });
    await c.send(makeLead(0));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).to.have.length(0);
    clock.advance(20_000);
    await until(has('delivered'), 'delivered after the lease ran out');
    expect(await idbStorage(name).get('#lease')).to.equal(undefined, 'released');
  });

  it('ignores what it does not understand on the shared channel, and reports each outcome once', async () => {
    const { fetch } = scripted(ok);
    const c = connect({ fetch });
    const lead = makeLead(0);
    const other = new BroadcastChannel(`showroom-outbox:${name}`);
    await c.send(lead);
    other.postMessage({ type: 'exploded', id: lead.id });
    other.postMessage({ type: 'failed', id: 42 });
    other.postMessage(null);
    await until(has('delivered'), 'delivered');
    // Another tab delivered it too (a keepalive): still one event.
    other.postMessage({ type: 'delivered', id: lead.id });
    await new Promise((r) => setTimeout(r, 50));
    other.close();
    expect(events.map((e) => e.type)).to.deep.equal(['delivered']);
  });

  it('keeps outboxes with different names apart', async () => {
    const receiver = new FaultyReceiver();
    receiver.offline = true;
    const a = connect({ fetch: receiver.fetch, name: `${name}-a` });
    const b = connect({ fetch: receiver.fetch, name: `${name}-b` });
    await a.send(makeLead(0));
    await a.send(makeLead(1));
    await b.send(makeLead(2));
    expect([await a.pendingCount(), await b.pendingCount()]).to.deep.equal([2, 1]);
  });
});
