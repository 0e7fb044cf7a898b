// The typed client and the in-memory source implement one interface. Here the client talks HTTP
// to a thin adapter over a second memory source: the same scenario must give the same answers
// both ways, errors included, so the wire format and the interface agree.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, createApiClient, createMemorySource } from '@showroom/core';
import type { FetchLike, FetchResponse, MemorySource, ShowroomSource } from '@showroom/core';
import { testCatalog } from './fixtures/catalog.js';
import { exampleLead } from './fixtures/leads.js';

const MONDAY = Date.UTC(2026, 10, 23, 4, 0);
const memory = () => createMemorySource({ catalog: testCatalog(), now: () => MONDAY, seed: 42 });

function answer(status: number, body?: unknown, headers: Record<string, string> = {}): FetchResponse {
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: async () => (body === undefined ? '' : JSON.stringify(body)),
  };
}

/** `/api/v1` over a memory source, the way the reference server answers. */
function serve(source: MemorySource): FetchLike {
  return async (url, init) => {
    const { pathname, searchParams } = new URL(url);
    const path = pathname.replace(/^\/api\/v1/, '');
    const q = Object.fromEntries(searchParams);
    const body = init.body === undefined ? undefined : (JSON.parse(init.body) as never);
    const key = init.headers['idempotency-key'];
    const opts = key ? { idempotencyKey: key } : {};
    try {
      const route = `${init.method} ${path.replace(/^\/(bookings|builds)\/[^/]+$/, '/$1/:id')}`;
      const id = decodeURIComponent(path.split('/')[2] ?? '');
      switch (route) {
        case 'GET /catalog': {
          const r = await source.getCatalog(
            init.headers['if-none-match'] ? { etag: init.headers['if-none-match'] } : {},
          );
          return r.status === 'ok'
            ? answer(200, r.catalog, { etag: r.etag ?? '' })
            : answer(304, undefined, { etag: r.etag });
        }
        case 'GET /locations': {
          const [lat, lng] = (q['near'] ?? '').split(',').map(Number);
          return answer(
            200,
            await source.listLocations({
              ...(q['service'] ? { service: q['service'] as never } : {}),
              ...(q['near'] ? { near: { lat: lat!, lng: lng! } } : {}),
            }),
          );
        }
        case 'GET /slots':
          return answer(200, {
            slots: await source.listSlots({
              ...q,
              ...(q['days'] ? { days: Number(q['days']) } : {}),
            } as never),
          });
        case 'POST /bookings':
          return answer(201, await source.createBooking(body!, opts));
        case 'DELETE /bookings/:id':
          await source.cancelBooking(id, (init.headers['authorization'] ?? '').replace(/^Bearer /, ''));
          return answer(204);
        case 'GET /consultations/now':
          return answer(200, await source.getConsultationNow(q));
        case 'POST /consultations/now':
          return answer(201, await source.startConsultation(body!, opts));
        case 'POST /builds':
          return answer(201, await source.saveBuild(body!, opts));
        case 'GET /builds/:id':
          return answer(200, await source.getBuild(id));
        case 'POST /leads':
          return answer(201, await source.sendLead(body!, opts));
      }
      return answer(404, { error: { code: 'not_found', message: route } });
    } catch (error) {
      if (error instanceof ApiError) return answer(error.status, error.toBody());
      throw error;
    }
  };
}

/** One journey through every route; records each answer or error. */
async function scenario(api: ShowroomSource): Promise<unknown[]> {
  const log: unknown[] = [];
  const record = async (step: string, run: () => Promise<unknown>) => {
    try {
      log.push([step, await run()]);
    } catch (error) {
      assert.ok(error instanceof ApiError, `${step}: ${String(error)}`);
      log.push([
        step,
        { status: error.status, code: error.code, issues: error.issues, alternatives: error.alternatives },
      ]);
    }
  };
  const lead = exampleLead();
  const catalog = await api.getCatalog();
  await record('catalog', async () => catalog);
  await record('catalog again', () => api.getCatalog({ etag: catalog.etag! }));
  await record('locations', () =>
    api.listLocations({ service: 'test-drive', near: { lat: 25, lng: 121.5 } }),
  );
  const slots = await api.listSlots({ service: 'test-drive', location: 'tp-xinyi', model: 'a6', days: 2 });
  await record('slots', async () => slots);
  const booking = await api.createBooking({ slotId: slots[0]!.id, lead });
  await record('book', async () => booking);
  await record('book taken', () =>
    api.createBooking({
      slotId: slots[0]!.id,
      lead: { ...lead, id: '0b6c9c9e-8f0e-4d8e-9a39-2f1f7a0e4a12' },
    }),
  );
  await record('book invalid', () =>
    api.createBooking({ slotId: slots[1]!.id, lead: { ...lead, customer: { name: 'X', phone: '1' } } }),
  );
  await record('cancel', () => api.cancelBooking(booking.id, booking.manageToken));
  await record('cancel again', () => api.cancelBooking(booking.id, booking.manageToken));
  await record('advisor now', () => api.getConsultationNow({ language: 'zh-CN' }));
  await record('call now', () =>
    api.startConsultation({ lead, language: 'zh-CN' }, { idempotencyKey: 'call-1' }),
  );
  const request = {
    catalogId: 'aurora-cn-2027',
    modelYear: 2027,
    configId: 'a6~a6-lr~paint-red~wheel-19',
    build: { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'wheel-19'] },
    price: { currency: 'CNY', total: 293900, base: 279900, options: 12000, fees: 2000 },
  };
  const saved = await api.saveBuild(request, { idempotencyKey: 'save-1' });
  await record('save', async () => saved);
  await record('read back', () => api.getBuild(saved.code.toLowerCase()));
  await record('lead', () => api.sendLead(lead));
  await record('lead again', () => api.sendLead(lead));
  await record('lead changed', () => api.sendLead({ ...lead, comments: 'other' }));
  return log;
}

describe('one interface, two implementations', () => {
  it('gives the same answers through HTTP as in memory', async () => {
    const direct = await scenario(memory());
    const viaHttp = await scenario(
      createApiClient({ baseUrl: 'https://api.example/api/v1', fetch: serve(memory()) }),
    );
    assert.deepEqual(viaHttp, direct);
    const codes = (direct as [string, { status?: number; code?: string } | undefined][])
      .filter(([, r]) => typeof r?.status === 'number')
      .map(([step, r]) => [step, r!.code]);
    assert.deepEqual(codes, [
      ['book taken', 'slot_unavailable'],
      ['book invalid', 'invalid_body'],
      ['cancel again', 'not_found'],
      ['lead changed', 'idempotency_mismatch'],
    ]);
  });
});
