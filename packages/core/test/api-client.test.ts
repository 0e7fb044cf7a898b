import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createApiClient } from '@showroom/core';
import type {
  Booking,
  FetchInit,
  FetchLike,
  FetchResponse,
  Location,
  SavedBuild,
  Slot,
} from '@showroom/core';
import { exampleLead } from './fixtures/leads.js';

const location: Location = {
  id: 'sh-pudong',
  name: 'Aurora Space Pudong',
  address: '世纪大道 100 号',
  city: '上海',
  geo: { lat: 31.2335, lng: 121.5055 },
  timeZone: 'Asia/Shanghai',
  services: ['test-drive', 'video'],
  distanceKm: 2.4,
};
const slot: Slot = {
  id: 'sl_1',
  service: 'test-drive',
  start: '2026-11-28T10:00:00+08:00',
  end: '2026-11-28T10:45:00+08:00',
  timeZone: 'Asia/Shanghai',
  remaining: 1,
  locationId: 'sh-pudong',
  vehicle: { modelId: 'a6', trimId: 'a6-lr' },
};
const booking: Booking = {
  id: 'bk_1',
  service: 'test-drive',
  start: slot.start,
  end: slot.end,
  timeZone: 'Asia/Shanghai',
  location,
  manageToken: 'tok_0123456789abcdef',
  calendarUrl: '/api/v1/bookings/bk_1/calendar.ics',
};

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function response({ status, body, headers = {} }: Answer): FetchResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    text: async () => (body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

/** A fetch that answers from a script and records every request. */
function fakeFetch(...answers: Answer[]) {
  const calls: { url: string; init: FetchInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    return response(answer);
  };
  return { fetch, calls };
}

/** A fetch that never answers until its signal aborts, like a hung server. */
const hangingFetch: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => {
    init.signal.addEventListener(
      'abort',
      () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
      { once: true },
    );
  });

async function rejectsWith(promise: Promise<unknown>, expected: Partial<ApiError>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `an ApiError, got ${String(error)}`);
    for (const [key, value] of Object.entries(expected))
      assert.deepEqual(error[key as keyof ApiError], value, key);
    return error;
  }
  assert.fail('expected a rejection');
}

const baseUrl = 'https://api.example/api/v1/';

describe('createApiClient', () => {
  it('lists locations with the query in the URL and validates the answer', async () => {
    const { fetch, calls } = fakeFetch({ status: 200, body: [location] });
    const api = createApiClient({ baseUrl, fetch });
    assert.deepEqual(
      await api.listLocations({ service: 'test-drive', model: 'a6', near: { lat: 31.2, lng: 121.5 } }),
      [location],
    );
    assert.equal(
      calls[0]!.url,
      'https://api.example/api/v1/locations?service=test-drive&model=a6&near=31.2%2C121.5',
    );
    assert.equal(calls[0]!.init.method, 'GET');
  });

  it('loads the catalog with its ETag and answers not-modified on 304', async () => {
    const { fetch, calls } = fakeFetch(
      { status: 200, body: { schema: 'showroom.catalog/1' }, headers: { ETag: '"v1"' } },
      { status: 304, headers: { ETag: '"v1"' } },
    );
    const api = createApiClient({ baseUrl, fetch });
    assert.deepEqual(await api.getCatalog(), {
      status: 'ok',
      catalog: { schema: 'showroom.catalog/1' },
      etag: '"v1"',
    });
    assert.deepEqual(await api.getCatalog({ etag: '"v1"' }), { status: 'not-modified', etag: '"v1"' });
    assert.equal(calls[1]!.init.headers['if-none-match'], '"v1"');
  });

  it('reads slots out of { slots }', async () => {
    const { fetch, calls } = fakeFetch({ status: 200, body: { slots: [slot] } });
    const api = createApiClient({ baseUrl, fetch });
    assert.deepEqual(
      await api.listSlots({ service: 'test-drive', days: 7, location: 'sh-pudong', trim: undefined }),
      [slot],
    );
    assert.equal(
      calls[0]!.url,
      'https://api.example/api/v1/slots?service=test-drive&days=7&location=sh-pudong',
    );
  });

  it('books with an Idempotency-Key that stays the same for a retry', async () => {
    const { fetch, calls } = fakeFetch({ status: 201, body: booking }, { status: 201, body: booking });
    const api = createApiClient({ baseUrl, fetch });
    const request = { slotId: 'sl_1', lead: exampleLead() };
    assert.deepEqual(await api.createBooking(request), booking);
    await api.createBooking(request);
    const key = calls[0]!.init.headers['idempotency-key'];
    assert.ok(key);
    assert.equal(calls[1]!.init.headers['idempotency-key'], key);
    assert.equal(calls[0]!.init.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(calls[0]!.init.body!), request);
  });

  it('turns 409 slot_unavailable into an ApiError with the alternatives', async () => {
    const alternative = {
      ...slot,
      id: 'sl_2',
      start: '2026-11-28T11:00:00+08:00',
      end: '2026-11-28T11:45:00+08:00',
    };
    const { fetch } = fakeFetch({
      status: 409,
      body: {
        error: {
          code: 'slot_unavailable',
          message: 'Someone just took this slot',
          alternatives: [alternative],
        },
      },
    });
    const api = createApiClient({ baseUrl, fetch });
    const error = await rejectsWith(api.createBooking({ slotId: 'sl_1', lead: exampleLead() }), {
      status: 409,
      code: 'slot_unavailable',
      message: 'Someone just took this slot',
    });
    assert.deepEqual(error.alternatives, [alternative]);
  });

  it('carries 422 issues, 429 Retry-After, and reads error answers without a body by status', async () => {
    const { fetch } = fakeFetch(
      {
        status: 422,
        body: {
          error: {
            code: 'invalid_body',
            message: 'Check the form',
            issues: [{ path: 'customer.phone', message: 'not E.164' }],
          },
        },
      },
      { status: 429, body: 'slow down', headers: { 'Retry-After': '30' } },
      { status: 404 },
      { status: 502, body: '<html>Bad gateway</html>' },
    );
    const api = createApiClient({ baseUrl, fetch });
    const lead = exampleLead();
    await rejectsWith(api.sendLead(lead), {
      status: 422,
      code: 'invalid_body',
      issues: [{ path: 'customer.phone', message: 'not E.164' }],
    });
    await rejectsWith(api.sendLead(lead), { status: 429, code: 'rate_limited', retryAfter: 30 });
    await rejectsWith(api.getBuild('K7F3-QX9M-2P'), { status: 404, code: 'not_found' });
    await rejectsWith(api.getConsultationNow(), { status: 502, code: 'http_502' });
  });

  it('refuses answers that break the contract with invalid_response naming the path', async () => {
    const { fetch } = fakeFetch(
      { status: 200, body: { available: 'yes', advisorsOnline: 2, waitMinutes: 0 } },
      { status: 200, body: 'not json' },
      { status: 201, body: { ...booking, manageToken: undefined } },
    );
    const api = createApiClient({ baseUrl, fetch });
    const error = await rejectsWith(api.getConsultationNow({ language: 'zh-CN' }), {
      status: 200,
      code: 'invalid_response',
    });
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ['available'],
    );
    await rejectsWith(api.getConsultationNow(), { code: 'invalid_response' });
    const missing = await rejectsWith(api.createBooking({ slotId: 'sl_1', lead: exampleLead() }), {
      code: 'invalid_response',
    });
    assert.deepEqual(
      missing.issues.map((i) => i.path),
      ['manageToken'],
    );
  });

  it('gives up after timeoutMs with code timeout', async () => {
    const api = createApiClient({ baseUrl, fetch: hangingFetch, timeoutMs: 30 });
    const started = Date.now();
    await rejectsWith(api.listLocations(), { status: 0, code: 'timeout' });
    assert.ok(Date.now() - started < 2000);
  });

  it('stops when the caller aborts, and does not call fetch when already aborted', async () => {
    const api = createApiClient({ baseUrl, fetch: hangingFetch, timeoutMs: 0 });
    const controller = new AbortController();
    const pending = api.listSlots({ service: 'video' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await rejectsWith(pending, { status: 0, code: 'aborted' });

    const { fetch, calls } = fakeFetch();
    await rejectsWith(
      createApiClient({ baseUrl, fetch }).listLocations({}, { signal: AbortSignal.abort() }),
      { code: 'aborted' },
    );
    assert.equal(calls.length, 0);
  });

  it('reports a failed connection as network', async () => {
    const api = createApiClient({
      baseUrl,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await rejectsWith(api.getConsultationNow(), { status: 0, code: 'network' });
  });

  it('cancels with the manage token as bearer', async () => {
    const { fetch, calls } = fakeFetch(
      { status: 204 },
      { status: 404, body: { error: { code: 'not_found', message: 'No such booking' } } },
    );
    const api = createApiClient({ baseUrl, fetch });
    await api.cancelBooking('bk_1', booking.manageToken);
    assert.equal(calls[0]!.init.method, 'DELETE');
    assert.equal(calls[0]!.url, 'https://api.example/api/v1/bookings/bk_1');
    assert.equal(calls[0]!.init.headers['authorization'], `Bearer ${booking.manageToken}`);
    await rejectsWith(api.cancelBooking('bk_1', booking.manageToken), { status: 404, code: 'not_found' });
  });

  it('reads build codes tolerantly and refuses non-codes without a request', async () => {
    const saved: SavedBuild = {
      code: 'K7F3-QX9M-2P',
      catalogId: 'aurora-cn-2027',
      modelYear: 2027,
      configId: 'a6~a6-lr~paint-red',
      build: { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red'] },
      price: { currency: 'CNY', total: 293900, base: 279900, options: 12000, fees: 2000 },
      savedAt: '2026-11-22T10:15:30+08:00',
      buildable: true,
    };
    const { fetch, calls } = fakeFetch({ status: 200, body: saved });
    const api = createApiClient({ baseUrl, fetch });
    assert.deepEqual(await api.getBuild(' k7f3 qx9m 2p '), saved);
    assert.equal(calls[0]!.url, 'https://api.example/api/v1/builds/K7F3-QX9M-2P');
    await rejectsWith(api.getBuild('K7F3-QX9M-2Q'), { status: 400, code: 'invalid_code' });
    assert.equal(calls.length, 1);
  });

  it('sends leads with the lead id as Idempotency-Key', async () => {
    const lead = exampleLead();
    const { fetch, calls } = fakeFetch(
      { status: 201, body: { id: lead.id } },
      { status: 200, body: { id: lead.id } },
    );
    const api = createApiClient({ baseUrl, fetch, headers: { 'x-site': 'aurora' } });
    assert.deepEqual(await api.sendLead(lead), { id: lead.id });
    assert.deepEqual(await api.sendLead(lead), { id: lead.id }, 'a repeat answers 200 with the first answer');
    assert.equal(calls[0]!.init.headers['idempotency-key'], lead.id);
    assert.equal(calls[0]!.init.headers['x-site'], 'aurora');
  });

  it('works with the platform fetch and AbortSignal against a real server', async () => {
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/consultations/now')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ available: true, advisorsOnline: 3, waitMinutes: 0 }));
      } else {
        setTimeout(() => res.end('{}'), 5000).unref();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}/api/v1`;
      const api = createApiClient({ baseUrl: base, fetch: globalThis.fetch, timeoutMs: 10_000 });
      assert.deepEqual(await api.getConsultationNow({ language: 'en' }), {
        available: true,
        advisorsOnline: 3,
        waitMinutes: 0,
      });
      // The server holds this answer for 5 s; the client gives up first.
      const impatient = createApiClient({ baseUrl: base, fetch: globalThis.fetch, timeoutMs: 300 });
      await rejectsWith(impatient.listLocations(), { code: 'timeout' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
