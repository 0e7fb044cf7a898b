import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import type { ApiErrorBody, Booking, ConsultationNow, Lead, Location, Slot } from '@showroom/core';
import { createApp } from '../src/app.js';
import { startServer } from '../src/start.js';
import type { ShowroomApp } from '../src/app.js';
import { claimKey } from '../src/idempotency.js';
import { DEMO_ADVISOR_TOKEN } from '../src/config.js';
import { DB_KINDS, freshDb, makeLead } from './support.js';
import type { DbKind } from './support.js';

// Saturday 20 March 2027, 10:00 in Shanghai, 03:00 in Munich (still winter time there).
const T0 = Date.parse('2027-03-20T02:00:00Z');
const ADVISOR = { Authorization: `Bearer ${DEMO_ADVISOR_TOKEN}` };

async function makeApp(
  kind: DbKind,
  now: () => number,
  config: Parameters<typeof createApp>[0] = {},
): Promise<ShowroomApp> {
  const app = createApp({ db: await freshDb(kind), now, ...config });
  await app.ready();
  return app;
}

function client(app: ShowroomApp) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.request(path, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: (type.includes('json') && text ? JSON.parse(text) : undefined) as T,
    };
  };
  return {
    get: <T = unknown>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, undefined, headers),
    post: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    del: <T = unknown>(path: string, headers?: Record<string, string>) =>
      call<T>('DELETE', path, undefined, headers),
  };
}

function assertError(res: { status: number; json: unknown; text: string }, status: number, code: string) {
  assert.equal(res.status, status, res.text);
  const body = res.json as ApiErrorBody;
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.doesNotMatch(res.text, /\bat .*\.(ts|js):\d+/, 'no stack traces in answers');
}

/** Parses an ICS body with ical.js and returns the event's start and end instants. */
function icsInstants(text: string): {
  start: number;
  end: number;
  tzid: string;
  summary: string;
  status: string;
} {
  const cal = new ICAL.Component(ICAL.parse(text));
  const zone = new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone') ?? undefined);
  const vevent = cal.getFirstSubcomponent('vevent');
  assert.ok(vevent);
  const event = new ICAL.Event(vevent);
  event.startDate.zone = zone;
  event.endDate.zone = zone;
  return {
    start: event.startDate.toUnixTime() * 1000,
    end: event.endDate.toUnixTime() * 1000,
    tzid: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid')),
    summary: event.summary,
    status: String(vevent.getFirstPropertyValue('status')),
  };
}

for (const kind of DB_KINDS) {
  describe(`API on ${kind}`, () => {
    let now = T0;
    let app: ShowroomApp;
    let api: ReturnType<typeof client>;
    before(async () => {
      app = await makeApp(kind, () => now);
      api = client(app);
    });
    after(() => app.close());

    describe('locations', () => {
      it('lists the seeded showrooms with their zones and services', async () => {
        const res = await api.get<Location[]>('/api/v1/locations');
        assert.equal(res.status, 200);
        const cities = new Set(res.json.map((l) => l.city));
        for (const city of ['上海', '杭州', '台北', 'München']) assert.ok(cities.has(city), city);
        assert.ok(res.json.length >= 7);
        assert.equal(res.json.find((l) => l.city === 'München')?.timeZone, 'Europe/Berlin');
        assert.ok(res.json.every((l) => l.distanceKm === undefined));
      });

      it('filters by service and sorts by distance from `near`', async () => {
        const home = await api.get<Location[]>('/api/v1/locations?service=home-test-drive');
        assert.ok(home.json.length > 0 && home.json.every((l) => l.services.includes('home-test-drive')));
        // People's Square, Shanghai.
        const near = await api.get<Location[]>('/api/v1/locations?near=31.2304,121.4737');
        assert.equal(near.status, 200);
        const d = near.json.map((l) => l.distanceKm ?? -1);
        assert.deepEqual(
          d,
          [...d].sort((a, b) => a - b),
        );
        assert.equal(near.json[0]?.city, '上海');
        assert.ok((d[0] ?? 99) < 5, `nearest is ${d[0]} km away`);
        assert.ok((near.json.at(-1)?.distanceKm ?? 0) > 8000, 'Munich is far away');
      });

      it('refuses a malformed query with the path of the problem', async () => {
        const res = await api.get('/api/v1/locations?near=north');
        assertError(res, 422, 'invalid_query');
        assert.equal((res.json as ApiErrorBody).error.issues?.[0]?.path, 'near');
      });
    });

    describe('slots', () => {
      it('cuts test-drive slots from opening hours, capacity = cars on site', async () => {
        const res = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=test-drive&location=sh-pudong&trim=a6-lr&from=2027-03-21&days=1',
        );
        assert.equal(res.status, 200);
        const starts = res.json.slots.map((s) => s.start);
        // Sunday 10:00–21:00: a 45-minute drive every hour, the last at 20:00.
        assert.equal(starts.length, 11);
        assert.equal(starts[0], '2027-03-21T10:00:00+08:00');
        assert.equal(starts.at(-1), '2027-03-21T20:00:00+08:00');
        for (const s of res.json.slots) {
          assert.equal(s.timeZone, 'Asia/Shanghai');
          assert.equal(s.remaining, 2);
          assert.deepEqual(s.vehicle, { modelId: 'a6', trimId: 'a6-lr' });
          assert.equal(Date.parse(s.end) - Date.parse(s.start), 45 * 60_000);
        }
      });

      it('keeps Munich at 10:00 local across the change to summer time', async () => {
        const res = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=test-drive&location=muc-schwabing&trim=a6-perf&from=2027-03-26&days=4',
        );
        const byDay = new Map<string, Slot[]>();
        for (const s of res.json.slots)
          byDay.set(s.start.slice(0, 10), [...(byDay.get(s.start.slice(0, 10)) ?? []), s]);
        assert.deepEqual([...byDay.keys()], ['2027-03-26', '2027-03-27', '2027-03-29'], 'closed on Sunday');
        const first = (day: string) => byDay.get(day)?.[0];
        assert.equal(first('2027-03-27')?.start, '2027-03-27T10:00:00+01:00');
        assert.equal(first('2027-03-29')?.start, '2027-03-29T10:00:00+02:00');
        assert.equal(Date.parse(first('2027-03-27')?.start ?? ''), Date.parse('2027-03-27T09:00:00Z'));
        assert.equal(Date.parse(first('2027-03-29')?.start ?? ''), Date.parse('2027-03-29T08:00:00Z'));
        assert.equal(byDay.get('2027-03-27')?.length, 6, 'Saturday 10:00–16:00');
      });

      it('offers no slot that starts too soon and none of a model that is not on site', async () => {
        const today = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=test-drive&location=sh-pudong&from=2027-03-20&days=1',
        );
        assert.ok(today.json.slots.length > 0);
        assert.ok(today.json.slots.every((s) => Date.parse(s.start) >= T0 + 60 * 60_000));
        const none = await api.get<{ slots: Slot[] }>('/api/v1/slots?service=test-drive&model=no-such-model');
        assert.deepEqual(none.json.slots, []);
      });

      it('filters video slots by the advisor’s language', async () => {
        const de = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=video&language=de&from=2027-03-22&days=1',
        );
        assert.ok(de.json.slots.length > 0);
        for (const s of de.json.slots) {
          assert.ok(s.advisor?.languages.includes('de'));
          assert.equal(s.timeZone, 'Europe/Berlin');
          assert.match(s.id, /^video\./);
        }
        const zh = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=phone&language=zh&from=2027-03-22&days=1',
        );
        assert.ok(zh.json.slots.every((s) => s.advisor?.languages.some((l) => l.startsWith('zh'))));
        assert.ok(zh.json.slots.every((s) => s.id.startsWith('phone.')));
      });

      it('offers home test drives only from locations that drive that far', async () => {
        const near = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=home-test-drive&near=31.2304,121.4737&days=14',
        );
        assert.ok(near.json.slots.length > 0);
        assert.ok(near.json.slots.every((s) => s.locationId?.startsWith('sh-')));
        assert.ok(
          near.json.slots.every((s) => Date.parse(s.start) >= T0 + 24 * 3_600_000),
          'a day’s notice',
        );
        const munich = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=home-test-drive&near=48.14,11.58&days=14',
        );
        assert.deepEqual(munich.json.slots, []);
      });
    });

    describe('bookings', () => {
      const slotAt = async (query: string) => {
        const res = await api.get<{ slots: Slot[] }>(`/api/v1/slots?${query}`);
        const slot = res.json.slots[0];
        assert.ok(slot, `a free slot for ${query}`);
        return slot;
      };
      const remaining = async (slot: Slot, query: string) =>
        (await api.get<{ slots: Slot[] }>(`/api/v1/slots?${query}`)).json.slots.find((s) => s.id === slot.id)
          ?.remaining ?? 0;

      it('books, serves the calendar file, and frees the place on cancel', async () => {
        const query = 'service=test-drive&location=sh-pudong&trim=a6-lr&from=2027-03-22&days=1';
        const slot = await slotAt(query);
        const lead = makeLead();
        const res = await api.post<Booking>('/api/v1/bookings', { slotId: slot.id, lead });
        assert.equal(res.status, 201, res.text);
        const b = res.json;
        assert.equal(b.service, 'test-drive');
        assert.equal(b.start, slot.start);
        assert.equal(b.timeZone, 'Asia/Shanghai');
        assert.equal(b.location?.id, 'sh-pudong');
        assert.ok(b.manageToken.length >= 16);
        assert.equal(await remaining(slot, query), 1);

        const ics = await app.request(new URL(b.calendarUrl).pathname);
        assert.equal(ics.status, 200);
        assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/);
        const event = icsInstants(await ics.text());
        assert.equal(event.start, Date.parse(slot.start));
        assert.equal(event.end, Date.parse(slot.end));
        assert.equal(event.tzid, 'Asia/Shanghai');

        assertError(await api.del(`/api/v1/bookings/${b.id}`), 401, 'unauthorized');
        assertError(
          await api.del(`/api/v1/bookings/${b.id}`, { Authorization: 'Bearer wrong-token-wrong-token' }),
          404,
          'not_found',
        );
        const cancel = await api.del(`/api/v1/bookings/${b.id}`, {
          Authorization: `Bearer ${b.manageToken}`,
        });
        assert.equal(cancel.status, 204);
        assert.equal(await remaining(slot, query), 2);
        const again = await api.del(`/api/v1/bookings/${b.id}`, { Authorization: `Bearer ${b.manageToken}` });
        assert.equal(again.status, 204, 'cancelling twice frees the place once');
        assert.equal(await remaining(slot, query), 2);
        const cancelled = icsInstants(await (await app.request(new URL(b.calendarUrl).pathname)).text());
        assert.equal(cancelled.status, 'CANCELLED');
      });

      it('answers 409 with the nearest free slots when the slot is full', async () => {
        const query = 'service=test-drive&location=muc-schwabing&trim=a6-perf&from=2027-03-29&days=1';
        const slot = await slotAt(query);
        assert.equal(slot.remaining, 1);
        assert.equal((await api.post('/api/v1/bookings', { slotId: slot.id, lead: makeLead() })).status, 201);
        const full = await api.post('/api/v1/bookings', { slotId: slot.id, lead: makeLead() });
        assertError(full, 409, 'slot_unavailable');
        const alternatives = (full.json as ApiErrorBody).error.alternatives ?? [];
        assert.ok(alternatives.length > 0);
        assert.ok(
          alternatives.every((a) => a.id !== slot.id && a.remaining > 0 && a.locationId === 'muc-schwabing'),
        );
        const gaps = alternatives.map((a) => Math.abs(Date.parse(a.start) - Date.parse(slot.start)));
        assert.deepEqual(
          gaps,
          [...gaps].sort((a, b) => a - b),
          'nearest first',
        );
        assert.equal(gaps[0], 3_600_000, 'the next hour');
      });

      it('books video slots with a join link and one advisor per half hour', async () => {
        const slot = await slotAt('service=video&language=de&from=2027-03-23&days=1');
        const res = await api.post<Booking>('/api/v1/bookings', { slotId: slot.id, lead: makeLead() });
        assert.equal(res.status, 201, res.text);
        assert.match(res.json.joinUrl ?? '', /^https?:\/\/.+\/call\//);
        assert.equal(res.json.service, 'video');
        // The same advisor's half hour is gone for phone calls too.
        const phone = slot.id.replace(/^video\./, 'phone.');
        assertError(
          await api.post('/api/v1/bookings', { slotId: phone, lead: makeLead() }),
          409,
          'slot_unavailable',
        );
      });

      it('needs an address for a home test drive and refuses unknown slots', async () => {
        const slot = await slotAt('service=home-test-drive&near=31.2304,121.4737&days=14');
        const res = await api.post('/api/v1/bookings', { slotId: slot.id, lead: makeLead() });
        assertError(res, 422, 'invalid_body');
        assert.equal((res.json as ApiErrorBody).error.issues?.[0]?.path, 'address');
        const ok = await api.post<Booking>('/api/v1/bookings', {
          slotId: slot.id,
          lead: makeLead(),
          address: { street: '南京东路 100 号', city: '上海', postcode: '200001' },
        });
        assert.equal(ok.status, 201, ok.text);
        assertError(
          await api.post('/api/v1/bookings', { slotId: 'td.nowhere.x.20270101T0000Z', lead: makeLead() }),
          404,
          'slot_not_found',
        );
      });

      it('returns the first answer for a repeated Idempotency-Key and refuses another body under it', async () => {
        const slot = await slotAt(
          'service=test-drive&location=sh-hongqiao&trim=a6-lr&from=2027-03-24&days=1',
        );
        const body = { slotId: slot.id, lead: makeLead() };
        const key = { 'Idempotency-Key': `bk-${body.lead.id}` };
        const first = await api.post<Booking>('/api/v1/bookings', body, key);
        assert.equal(first.status, 201);
        const again = await api.post<Booking>('/api/v1/bookings', body, key);
        assert.equal(again.status, 201);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(again.json, first.json);
        assert.equal(
          slot.remaining - 1,
          (
            await api.get<{ slots: Slot[] }>(
              '/api/v1/slots?service=test-drive&location=sh-hongqiao&trim=a6-lr&from=2027-03-24&days=1',
            )
          ).json.slots.find((s) => s.id === slot.id)?.remaining,
        );
        assertError(
          await api.post('/api/v1/bookings', { ...body, lead: makeLead() }, key),
          422,
          'idempotency_mismatch',
        );
      });
      it('books once when the same key arrives twice at the same moment', async () => {
        const query = 'service=test-drive&location=sh-hongqiao&trim=a6-perf&from=2027-03-25&days=1';
        const slot = (await api.get<{ slots: Slot[] }>(`/api/v1/slots?${query}`)).json.slots[0];
        assert.ok(slot);
        const body = { slotId: slot.id, lead: makeLead() };
        const key = { 'Idempotency-Key': `twice-${body.lead.id}` };
        const [a, b] = await Promise.all([
          api.post<Booking>('/api/v1/bookings', body, key),
          api.post<Booking>('/api/v1/bookings', body, key),
        ]);
        const created = [a, b].filter((r) => r.status === 201);
        const waiting = [a, b].filter((r) => r.status === 409);
        assert.ok(created.length >= 1, `${a.status} ${b.status}`);
        for (const w of waiting) assertError(w, 409, 'idempotency_in_flight');
        assert.equal(new Set(created.map((r) => r.json.id)).size, 1, 'one booking, whoever answers');
        const after = (await api.get<{ slots: Slot[] }>(`/api/v1/slots?${query}`)).json.slots.find(
          (s) => s.id === slot.id,
        );
        assert.equal(after?.remaining, slot.remaining - 1);
      });
    });

    describe('consultations now', () => {
      it('counts the advisors on shift who speak the language', async () => {
        const zh = await api.get<ConsultationNow>('/api/v1/consultations/now?language=zh-CN');
        // Saturday 10:00 in Shanghai: one advisor in Shanghai and one in Taipei are working.
        assert.deepEqual(zh.json, { available: true, advisorsOnline: 2, waitMinutes: 0 });
        const de = await api.get<ConsultationNow>('/api/v1/consultations/now?language=de');
        assert.deepEqual(de.json, { available: false, advisorsOnline: 0, waitMinutes: null });
      });

      it('starts calls until every advisor on shift is busy, then says how long to wait', async () => {
        type Started = { joinUrl: string; expiresAt: string };
        const first = makeLead();
        const a = await api.post<Started>('/api/v1/consultations/now', { lead: first, language: 'zh-CN' });
        assert.equal(a.status, 201, a.text);
        assert.ok(Date.parse(a.json.expiresAt) > now);
        // The same shopper asking again gets the same room, not a second advisor.
        const again = await api.post<Started>('/api/v1/consultations/now', {
          lead: first,
          language: 'zh-CN',
        });
        assert.equal(again.json.joinUrl, a.json.joinUrl);
        const b = await api.post<Started>('/api/v1/consultations/now', {
          lead: makeLead(),
          language: 'zh-CN',
        });
        assert.equal(b.status, 201, b.text);
        assert.notEqual(b.json.joinUrl, a.json.joinUrl);
        assertError(
          await api.post('/api/v1/consultations/now', { lead: makeLead(), language: 'zh-CN' }),
          409,
          'no_advisor',
        );
        const busy = await api.get<ConsultationNow>('/api/v1/consultations/now?language=zh-CN');
        // Both are booked until 10:30; the next free half hour starts then.
        assert.deepEqual(busy.json, { available: false, advisorsOnline: 2, waitMinutes: 30 });
      });
    });

    describe('leads', () => {
      const interest = (): Lead['interest'] => ({
        catalogId: 'aurora-cn-2027',
        modelId: 'a6',
        modelYear: 2027,
        make: 'Aurora',
        modelName: 'Aurora A6',
        trimId: 'a6-lr',
        trimName: 'Long Range',
        configId: 'a6~a6-lr~paint-red',
        options: [{ id: 'paint-red', code: 'P31', name: 'Crimson', group: 'paint', price: 12000 }],
        price: { currency: 'CNY', total: 293900, base: 279900, options: 12000, fees: 2000 },
        buildCode: 'K7F3-QX9M-2P',
      });

      it('receives a lead once: 201, then 200 with the same answer, 422 for another body', async () => {
        const lead = makeLead();
        const first = await api.post<{ id: string }>('/api/v1/leads', lead, { 'Idempotency-Key': lead.id });
        assert.equal(first.status, 201, first.text);
        assert.deepEqual(first.json, { id: lead.id });
        const again = await api.post('/api/v1/leads', lead, { 'Idempotency-Key': lead.id });
        assert.equal(again.status, 200);
        assert.deepEqual(again.json, { id: lead.id });
        // Without the header the lead id is the key.
        assert.equal((await api.post('/api/v1/leads', lead)).status, 200);
        assertError(
          await api.post('/api/v1/leads', { ...lead, comments: 'changed' }, { 'Idempotency-Key': lead.id }),
          422,
          'idempotency_mismatch',
        );
        assertError(
          await api.post('/api/v1/leads', { ...lead, comments: 'changed' }),
          422,
          'idempotency_mismatch',
        );
      });

      it('answers 409 while the first request with the key is still running', async () => {
        const lead = makeLead();
        const { canonicalJson, sha256 } = await import('../src/http.js');
        await claimKey(app.context.db, 'leads', lead.id, sha256(canonicalJson(lead)), now);
        const res = await api.post('/api/v1/leads', lead, { 'Idempotency-Key': lead.id });
        assertError(res, 409, 'idempotency_in_flight');
        assert.ok(res.headers.get('retry-after'));
      });

      it('keeps keys for seven days, then lets them go', async () => {
        const key = { 'Idempotency-Key': `key-${Math.random()}` };
        assert.equal((await api.post('/api/v1/leads', makeLead(), key)).status, 201);
        now = T0 + 6 * 86_400_000;
        assertError(await api.post('/api/v1/leads', makeLead(), key), 422, 'idempotency_mismatch');
        now = T0 + 7 * 86_400_000 + 1000;
        assert.equal((await api.post('/api/v1/leads', makeLead(), key)).status, 201);
        now = T0;
      });

      it('validates with the lead schema and names the bad paths', async () => {
        const lead = makeLead();
        const bad = { ...lead, customer: { ...lead.customer, phone: '12345', email: undefined } };
        const res = await api.post('/api/v1/leads', bad);
        assertError(res, 422, 'invalid_body');
        assert.ok((res.json as ApiErrorBody).error.issues?.some((i) => i.path === 'customer.phone'));
      });

      it('serves the inbox to advisors only, graded and filtered', async () => {
        const hot = makeLead({
          customer: { name: '<script>alert(1)</script>', phone: '+8613900000000' },
          source: { channel: 'dealer-site', dealerId: 'sh-pudong', referral: 'OWNER-8K2Q' },
          consent: {
            contact: true,
            shareWithDealer: true,
            textVersion: 'v1',
            at: '2027-03-20T10:00:00+08:00',
          },
          interest: interest(),
          appointment: {
            service: 'test-drive',
            bookingId: 'bk_1',
            start: '2027-03-28T10:00:00+08:00',
            end: '2027-03-28T10:45:00+08:00',
            timeZone: 'Asia/Shanghai',
            location: { id: 'sh-pudong', name: 'Aurora Space Pudong' },
          },
          journey: {
            grade: 'cold',
            score: 0,
            tags: [],
            focus: [],
            steps: [
              { at: '2027-03-20T10:02:01+08:00', event: 'configurator.trim', detail: 'a6-lr' },
              { at: '2027-03-20T10:03:01+08:00', event: 'configurator.trim', detail: 'a6-perf' },
              { at: '2027-03-20T10:04:01+08:00', event: 'finance.open' },
            ],
          },
        });
        // Received after every other lead of this suite.
        now = T0 + 10 * 86_400_000;
        assert.equal((await api.post('/api/v1/leads', hot)).status, 201);
        now = T0;
        assertError(await api.get('/api/v1/leads'), 401, 'unauthorized');
        assertError(await api.get('/api/v1/leads', { Authorization: 'Bearer nope' }), 401, 'unauthorized');
        const all = await api.get<Lead[]>('/api/v1/leads', ADVISOR);
        assert.equal(all.status, 200);
        const stored = all.json.find((l) => l.id === hot.id);
        assert.equal(stored?.journey?.grade, 'hot', 'graded by the server, not by the browser');
        assert.ok(stored?.journey?.focus.some((f) => f.startsWith('Compared')));
        const hotOnly = await api.get<Lead[]>('/api/v1/leads?grade=hot', ADVISOR);
        assert.ok(hotOnly.json.length >= 1 && hotOnly.json.every((l) => l.journey?.grade === 'hot'));
        const since = await api.get<Lead[]>(
          `/api/v1/leads?since=${encodeURIComponent(new Date(T0 + 10 * 86_400_000).toISOString())}`,
          ADVISOR,
        );
        assert.deepEqual(
          since.json.map((l) => l.id),
          [hot.id],
        );

        const page = await app.request('/inbox');
        assert.equal(page.status, 401);
        assert.match(page.headers.get('www-authenticate') ?? '', /^Basic /);
        const basic = `Basic ${Buffer.from(`advisor:${DEMO_ADVISOR_TOKEN}`).toString('base64')}`;
        const html = await (await app.request('/inbox', { headers: { Authorization: basic } })).text();
        assert.ok(!html.includes('<script>alert(1)</script>'));
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
        for (const text of [
          'OWNER-8K2Q',
          'Aurora A6 Long Range',
          '¥293,900',
          'Compared',
          'Aurora Space Pudong',
          'K7F3-QX9M-2P',
        ]) {
          assert.ok(html.includes(text), `inbox shows ${text}`);
        }
        assert.ok(
          html.indexOf('id="g-hot"') < html.indexOf(hot.id) &&
            html.indexOf(hot.id) < html.indexOf('id="g-warm"'),
        );

        const adf = await app.request(`/api/v1/leads/${hot.id}.adf`, { headers: ADVISOR });
        assert.equal(adf.status, 200);
        assert.match(adf.headers.get('content-type') ?? '', /^application\/xml/);
        const xml = await adf.text();
        assert.ok(xml.startsWith('<?xml version="1.0"?>\n<?adf version="1.0"?>'));
        assert.ok(xml.includes(`<id sequence="1" source="showroom.lead">${hot.id}</id>`));
        assert.ok(xml.includes('Aurora Space Pudong'));
        const lint = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
        assert.equal(lint.status, 0, lint.stderr);
        assertError(await api.get(`/api/v1/leads/${hot.id}.adf`), 401, 'unauthorized');
        assertError(
          await api.get(`/api/v1/leads/00000000-0000-4000-8000-000000000000.adf`, ADVISOR),
          404,
          'not_found',
        );
      });
    });

    describe('guards', () => {
      it('refuses bodies over 64 KiB with 413', async () => {
        const lead = makeLead({ comments: 'x'.repeat(70 * 1024) });
        assertError(await api.post('/api/v1/leads', lead), 413, 'payload_too_large');
      });

      it('answers broken JSON, other media types and unknown routes in the error shape', async () => {
        assertError(await api.post('/api/v1/leads', '{"schema":'), 400, 'invalid_json');
        assertError(
          await api.post('/api/v1/leads', 'a=b', { 'Content-Type': 'application/x-www-form-urlencoded' }),
          415,
          'unsupported_media_type',
        );
        assertError(await api.get('/api/v1/nothing-here'), 404, 'not_found');
      });

      it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
        const res = await api.get<{
          openapi: string;
          paths: Record<string, object>;
          components: { schemas: Record<string, { properties?: Record<string, { $ref?: string }> }> };
        }>('/api/v1/openapi.json');
        assert.equal(res.json.openapi, '3.1.0');
        for (const p of [
          '/catalog',
          '/locations',
          '/slots',
          '/bookings',
          '/bookings/{id}',
          '/bookings/{id}/calendar.ics',
          '/consultations/now',
          '/builds',
          '/builds/{code}',
          '/leads',
          '/leads/{id}.adf',
        ]) {
          assert.ok(res.json.paths[p], p);
        }
        const schemas = res.json.components.schemas;
        assert.equal(schemas.BookingRequest?.properties?.lead?.$ref, '#/components/schemas/Lead');
        assert.ok(schemas.Lead?.properties?.customer);
        // Every reference resolves to a component.
        const refs = [...res.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
          (m) => m[1] ?? '',
        );
        assert.ok(refs.length > 20);
        for (const ref of refs) assert.ok(schemas[ref], `$ref ${ref}`);
      });
    });
  });
}

describe('Munich across the change back to winter time', () => {
  for (const kind of DB_KINDS) {
    it(`books 10:00 on both sides of 31 October 2027 and the calendar agrees (${kind})`, async () => {
      const app = await makeApp(kind, () => Date.parse('2027-10-25T08:00:00Z'));
      const api = client(app);
      try {
        const res = await api.get<{ slots: Slot[] }>(
          '/api/v1/slots?service=test-drive&location=muc-schwabing&from=2027-10-30&days=3',
        );
        const sat = res.json.slots.find((s) => s.start.startsWith('2027-10-30T10:00'));
        const mon = res.json.slots.find((s) => s.start.startsWith('2027-11-01T10:00'));
        assert.equal(sat?.start, '2027-10-30T10:00:00+02:00');
        assert.equal(mon?.start, '2027-11-01T10:00:00+01:00');
        for (const [slot, utc] of [
          [sat, '2027-10-30T08:00:00Z'],
          [mon, '2027-11-01T09:00:00Z'],
        ] as const) {
          const b = await api.post<Booking>('/api/v1/bookings', { slotId: slot?.id, lead: makeLead() });
          assert.equal(b.status, 201, b.text);
          const ics = await (await app.request(new URL(b.json.calendarUrl).pathname)).text();
          assert.match(
            ics,
            new RegExp(`DTSTART;TZID=Europe/Berlin:${utc.slice(0, 10).replace(/-/g, '')}T100000`),
          );
          const event = icsInstants(ics);
          assert.equal(event.start, Date.parse(utc));
          assert.equal(event.end - event.start, 45 * 60_000);
        }
      } finally {
        await app.close();
      }
    });
  }
});

describe('the rolling window of slots', () => {
  for (const kind of DB_KINDS) {
    it(`plans new days as time passes and drops old unbooked slots (${kind})`, async () => {
      let now = T0;
      const app = await makeApp(kind, () => now);
      const api = client(app);
      try {
        const first = (
          await api.get<{ slots: Slot[] }>(
            '/api/v1/slots?service=test-drive&location=sh-pudong&from=2027-03-21&days=1',
          )
        ).json.slots[0];
        assert.ok(first);
        assert.equal(
          (await api.post('/api/v1/bookings', { slotId: first.id, lead: makeLead() })).status,
          201,
        );
        assert.equal((await api.post('/api/v1/consultations/now', { lead: makeLead() })).status, 201);
        const beyond = '2027-04-17'; // the first day past the 28 planned
        assert.equal(
          (await api.get<{ slots: Slot[] }>(`/api/v1/slots?service=test-drive&from=${beyond}&days=1`)).json
            .slots.length,
          0,
        );
        const count = async () =>
          (
            await app.context.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM slots WHERE end_ms < ?', [
              T0 + 3 * 86_400_000,
            ])
          )?.n ?? 0;
        assert.ok((await count()) > 100);

        now = T0 + 10 * 86_400_000;
        const later = await api.get<{ slots: Slot[] }>(
          `/api/v1/slots?service=test-drive&from=${beyond}&days=1`,
        );
        assert.ok(later.json.slots.length > 0, 'new days are planned');
        // Only the booked slot and the one the call took are left of those days.
        assert.equal(await count(), 2);
        const booked = await app.context.db.get<{ booked: number }>('SELECT booked FROM slots WHERE id = ?', [
          first.id,
        ]);
        assert.equal(booked?.booked, 1);
      } finally {
        await app.close();
      }
    });
  }
});

describe('guards with their own settings', () => {
  it('answers CORS only for configured origins', async () => {
    const app = await makeApp('sqlite', () => T0, { config: { corsOrigins: ['https://dealer.example'] } });
    const allowed = await app.request('/api/v1/locations', { headers: { Origin: 'https://dealer.example' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://dealer.example');
    const other = await app.request('/api/v1/locations', { headers: { Origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const preflight = (origin: string) =>
      app.request('/api/v1/leads', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key',
        },
      });
    const ok = await preflight('https://dealer.example');
    assert.equal(ok.status, 204);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    const refused = await preflight('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    await app.close();
  });

  it('rate-limits POSTs per address with 429 and Retry-After', async () => {
    let now = T0;
    const app = await makeApp('sqlite', () => now, {
      config: { rateLimit: { limit: 3, windowMs: 60_000 }, trustProxy: true },
    });
    const api = client(app);
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    for (let i = 0; i < 3; i++)
      assert.equal((await api.post('/api/v1/leads', makeLead(), from('203.0.113.7'))).status, 201);
    const limited = await api.post('/api/v1/leads', makeLead(), from('203.0.113.7'));
    assertError(limited, 429, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '60');
    assert.equal(
      (await api.post('/api/v1/leads', makeLead(), from('198.51.100.1'))).status,
      201,
      'another address',
    );
    assert.equal(
      (await api.get('/api/v1/locations', from('203.0.113.7'))).status,
      200,
      'reads are not limited',
    );
    now += 60_000;
    assert.equal(
      (await api.post('/api/v1/leads', makeLead(), from('203.0.113.7'))).status,
      201,
      'a new window',
    );
    await app.close();
  });

  it('refuses an oversized body sent without a length while reading it', async () => {
    const server = await startServer({ db: await freshDb('sqlite'), now: () => T0 });
    try {
      const chunk = new TextEncoder().encode(`{"comments":"${'x'.repeat(16 * 1024)}`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 6) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const res = await fetch(`${server.url}/api/v1/leads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as ApiErrorBody).error.code, 'payload_too_large');
      const small = await fetch(`${server.url}/api/v1/leads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(makeLead()),
      });
      assert.equal(small.status, 201, 'the server still answers');
    } finally {
      await server.close();
    }
  });

  it('hides internal errors behind the error shape', async () => {
    const db = await freshDb('sqlite');
    const app = createApp({ db, now: () => T0 });
    await app.ready();
    await db.close();
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = await client(app).get('/api/v1/leads', ADVISOR);
      assertError(res, 500, 'internal');
      assert.doesNotMatch(res.text, /database|sqlite|Error:/i);
    } finally {
      console.error = original;
    }
  });
});
