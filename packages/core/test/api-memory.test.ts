import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { ApiError, createMemorySource, DEMO_LOCATIONS, isBuildCode, readBuildLink } from '@showroom/core';
import type {
  Lead,
  LocationQuery,
  MemoryLocation,
  MemorySourceOptions,
  SaveBuildRequest,
  Service,
  Slot,
  SlotQuery,
} from '@showroom/core';
import { testCatalog } from './fixtures/catalog.js';
import { exampleLead } from './fixtures/leads.js';

const catalog = testCatalog();

/** Monday 23 November 2026, 08:00 in Shanghai and Taipei, 01:00 in Berlin. */
const MONDAY = Date.UTC(2026, 10, 23, 0, 0);

function source(overrides: Partial<MemorySourceOptions> = {}) {
  let t = MONDAY;
  const memory = createMemorySource({ catalog, now: () => t, seed: 7, ...overrides });
  return { memory, setNow: (ms: number) => (t = ms) };
}

function lead(n = 0): Lead {
  const l = exampleLead();
  l.id = `0b6c9c9e-8f0e-4d8e-9a39-2f1f7a0e4a${String(10 + n).padStart(2, '0')}`;
  return l;
}

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

const localTime = (slot: Slot) => slot.start.slice(11, 16);

describe('createMemorySource', () => {
  it('lists showrooms in their own time zones, nearest first when asked', async () => {
    const { memory } = source();
    const all = await memory.listLocations();
    assert.deepEqual(
      new Set(all.map((l) => l.timeZone)),
      new Set(['Asia/Shanghai', 'Asia/Taipei', 'Europe/Berlin']),
    );
    const nearBerlin = await memory.listLocations({ near: { lat: 52.5, lng: 13.4 } });
    assert.equal(nearBerlin[0]!.id, 'be-mitte');
    assert.ok(nearBerlin[0]!.distanceKm! < 5);
    assert.deepEqual(
      nearBerlin.map((l) => l.distanceKm),
      [...nearBerlin.map((l) => l.distanceKm!)].sort((a, b) => a - b),
    );
    const home = await memory.listLocations({ service: 'home-test-drive' });
    assert.deepEqual(home.map((l) => l.id).sort(), ['sh-pudong', 'tp-xinyi']);
    assert.ok(!('fleet' in all[0]!) && !('hours' in all[0]!), 'only the contract fields');
  });

  it('lays out test-drive slots from opening hours in each location zone', async () => {
    const { memory } = source();
    const berlin = await memory.listSlots({
      service: 'test-drive',
      location: 'be-mitte',
      from: '2026-11-23',
      days: 7,
    });
    const monday = berlin.filter((s) => s.start.startsWith('2026-11-23'));
    const saturday = berlin.filter((s) => s.start.startsWith('2026-11-28'));
    const a6 = (slots: Slot[]) => slots.filter((s) => s.vehicle?.modelId === 'a6').map(localTime);
    assert.deepEqual(a6(monday), [
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
      '17:00',
      '18:00',
      '19:00',
    ]);
    assert.deepEqual(a6(saturday), ['10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00']);
    assert.ok(monday.every((s) => s.start.endsWith('+01:00') && s.timeZone === 'Europe/Berlin'));
    assert.ok(berlin.every((s) => s.remaining === 1 && s.locationId === 'be-mitte'));
    assert.equal(new Date(monday[0]!.end).getTime() - new Date(monday[0]!.start).getTime(), 45 * 60_000);

    const taipei = await memory.listSlots({ service: 'test-drive', location: 'tp-xinyi', days: 1 });
    assert.ok(
      taipei.length > 0 && taipei.every((s) => s.start.endsWith('+08:00') && s.timeZone === 'Asia/Taipei'),
    );
    // Now is 08:00 in Taipei: the first slot is today's 10:00.
    assert.equal(taipei[0]!.start, '2026-11-23T10:00:00+08:00');
  });

  it('follows daylight saving time in Europe/Berlin', async () => {
    const { memory } = source({ now: () => Date.UTC(2027, 2, 25) });
    const slots = await memory.listSlots({
      service: 'test-drive',
      location: 'be-mitte',
      model: 's3',
      from: '2027-03-27',
      days: 3,
    });
    const first = (date: string) => slots.find((s) => s.start.startsWith(date))?.start;
    assert.equal(first('2027-03-27'), '2027-03-27T10:00:00+01:00');
    assert.equal(first('2027-03-28'), '2027-03-28T10:00:00+02:00');
    assert.equal(first('2027-03-29'), '2027-03-29T10:00:00+02:00');
  });

  it('offers test drives only where a car of the model (and trim) is', async () => {
    const { memory } = source();
    const perf = await memory.listSlots({ service: 'test-drive', model: 'a6', trim: 'a6-perf', days: 2 });
    assert.ok(perf.length > 0);
    assert.ok(perf.every((s) => s.vehicle?.trimId === 'a6-perf'));
    const locations = new Set(perf.map((s) => s.locationId));
    assert.ok(locations.has('sh-pudong'), 'the flagship has every trim');
    assert.ok(locations.size < 4, 'not every showroom has every trim');
    assert.deepEqual(await memory.listSlots({ service: 'test-drive', model: 'x9', days: 2 }), []);
  });

  it('matches cars by model, by trim or by powertrain type, in locations and slots alike', async () => {
    const mixed = testCatalog();
    const perf = mixed.models[0]!.trims.find((t) => t.id === 'a6-perf')!;
    perf.powertrain = { type: 'phev', drive: 'awd' };
    const at = (id: string, trimId: string, services: Service[] = ['test-drive']): MemoryLocation => ({
      ...DEMO_LOCATIONS[0]!,
      id,
      services,
      fleet: [{ modelId: 'a6', trimId }],
    });
    const { memory } = source({
      catalog: mixed,
      locations: [at('lr-only', 'a6-lr', ['test-drive', 'home-test-drive']), at('perf-only', 'a6-perf')],
    });
    const places = async (q: LocationQuery) =>
      (await memory.listLocations({ service: 'test-drive', ...q })).map((l) => l.id).sort();
    assert.deepEqual(await places({ model: 'a6' }), ['lr-only', 'perf-only']);
    assert.deepEqual(await places({ model: 'a6', trim: 'a6-lr' }), ['lr-only']);
    assert.deepEqual(await places({ model: 'a6', powertrain: 'phev' }), ['perf-only']);
    assert.deepEqual(await places({ model: 'a6', powertrain: 'ice' }), []);
    assert.deepEqual(await places({ model: 's3' }), []);

    const cars = async (q: Omit<SlotQuery, 'service' | 'days'>, service: Service = 'test-drive') => {
      const slots = await memory.listSlots({ service, days: 2, ...q });
      assert.ok(slots.length > 0, `slots for ${JSON.stringify(q)}`);
      return new Set(slots.map((s) => `${s.locationId}:${s.vehicle?.trimId ?? '-'}`));
    };
    assert.deepEqual(await cars({ model: 'a6' }), new Set(['lr-only:a6-lr', 'perf-only:a6-perf']));
    assert.deepEqual(await cars({ model: 'a6', powertrain: 'bev' }), new Set(['lr-only:a6-lr']));
    assert.deepEqual(await cars({ model: 'a6', powertrain: 'phev' }), new Set(['perf-only:a6-perf']));
    assert.deepEqual(
      await cars({ model: 'a6', trim: 'a6-perf', powertrain: 'bev' }),
      new Set(['perf-only:a6-perf']),
      'the trim wins over the powertrain',
    );
    // A home test drive brings a car of the location's fleet: only where one fits.
    assert.deepEqual(
      await cars({ model: 'a6', powertrain: 'bev' }, 'home-test-drive'),
      new Set(['lr-only:-']),
    );
    assert.deepEqual(
      await memory.listSlots({ service: 'home-test-drive', model: 'a6', powertrain: 'phev', days: 2 }),
      [],
    );
  });

  it('never books a slot past its capacity, even when requests race, and offers the nearest alternatives', async () => {
    const { memory } = source();
    const [slot] = await memory.listSlots({
      service: 'test-drive',
      location: 'sh-pudong',
      model: 'a6',
      trim: 'a6-lr',
      days: 2,
    });
    assert.ok(slot);
    const results = await Promise.allSettled(
      [0, 1, 2, 3, 4].map((n) => memory.createBooking({ slotId: slot.id, lead: lead(n) })),
    );
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(booked.length, 1);
    assert.equal(refused.length, 4);
    const error = refused[0]!.reason as ApiError;
    assert.equal(error.status, 409);
    assert.equal(error.code, 'slot_unavailable');
    assert.ok(error.alternatives.length > 0 && error.alternatives.length <= 3);
    const distance = (s: Slot) => Math.abs(Date.parse(s.start) - Date.parse(slot.start));
    assert.deepEqual(
      error.alternatives,
      [...error.alternatives].sort((a, b) => distance(a) - distance(b)),
    );
    assert.ok(
      error.alternatives.every(
        (s) =>
          s.id !== slot.id && s.locationId === 'sh-pudong' && s.vehicle?.modelId === 'a6' && s.remaining > 0,
      ),
    );
    assert.ok(
      !(await memory.listSlots({ service: 'test-drive', location: 'sh-pudong', days: 2 })).some(
        (s) => s.id === slot.id,
      ),
      'a full slot is not listed',
    );
  });

  it('frees the place on cancel, only with the manage token', async () => {
    const { memory } = source();
    const [slot] = await memory.listSlots({ service: 'test-drive', location: 'bj-sanlitun', days: 1 });
    const booking = await memory.createBooking({ slotId: slot!.id, lead: lead() });
    assert.equal(booking.location?.id, 'bj-sanlitun');
    await rejectsWith(memory.cancelBooking(booking.id, 'mt_wrong'), { status: 404, code: 'not_found' });
    await memory.cancelBooking(booking.id, booking.manageToken);
    assert.ok(
      (await memory.listSlots({ service: 'test-drive', location: 'bj-sanlitun', days: 1 })).some(
        (s) => s.id === slot!.id,
      ),
    );
    await rejectsWith(memory.cancelBooking(booking.id, booking.manageToken), { status: 404 });
    assert.deepEqual(memory.bookings(), []);
    await memory.createBooking({ slotId: slot!.id, lead: lead(1) });
  });

  it('answers a repeated booking with the first one, and refuses the same key for another body', async () => {
    const { memory } = source();
    const [a, b] = await memory.listSlots({ service: 'test-drive', location: 'sh-pudong', days: 1 });
    const first = await memory.createBooking({ slotId: a!.id, lead: lead() }, { idempotencyKey: 'k1' });
    assert.deepEqual(
      await memory.createBooking({ slotId: a!.id, lead: lead() }, { idempotencyKey: 'k1' }),
      first,
    );
    // Without a key, the key comes from the lead and the slot: a retry is the same request.
    assert.deepEqual(
      await memory.createBooking({ slotId: b!.id, lead: lead() }),
      await memory.createBooking({ slotId: b!.id, lead: lead() }),
    );
    assert.equal(memory.bookings().length, 2);
    await rejectsWith(memory.createBooking({ slotId: b!.id, lead: lead() }, { idempotencyKey: 'k1' }), {
      status: 422,
      code: 'idempotency_mismatch',
    });
  });

  it('refuses bad bookings with the reason: invalid body, home test drive without address, past or unknown slot', async () => {
    const { memory, setNow } = source();
    const bad = { ...lead(), customer: { name: 'X', phone: '12345' } };
    const error = await rejectsWith(memory.createBooking({ slotId: 'x', lead: bad }), {
      status: 422,
      code: 'invalid_body',
    });
    assert.ok(error.issues.some((i) => i.path === 'lead.customer.phone' && i.value === '12345'));

    const [home] = await memory.listSlots({ service: 'home-test-drive', days: 1 });
    assert.ok(home && home.service === 'home-test-drive');
    const noAddress = await rejectsWith(memory.createBooking({ slotId: home.id, lead: lead() }), {
      status: 422,
    });
    assert.deepEqual(
      noAddress.issues.map((i) => i.path),
      ['address'],
    );
    await memory.createBooking({
      slotId: home.id,
      lead: lead(),
      address: { street: '世纪大道 1 号', city: '上海' },
    });

    await rejectsWith(memory.createBooking({ slotId: 'sl:test-drive:nowhere:-:zz', lead: lead(1) }), {
      status: 404,
    });
    const [soon] = await memory.listSlots({ service: 'test-drive', location: 'sh-pudong', days: 1 });
    setNow(Date.parse(soon!.start) + 1);
    await rejectsWith(memory.createBooking({ slotId: soon!.id, lead: lead(2) }), {
      status: 409,
      code: 'slot_unavailable',
    });
  });

  it('books video and phone with advisors who speak the language, one call at a time', async () => {
    const { memory } = source();
    const german = await memory.listSlots({ service: 'video', language: 'de', days: 1 });
    assert.ok(
      german.length > 0 &&
        german.every((s) => s.advisor?.id === 'adv-weber' && s.timeZone === 'Europe/Berlin'),
    );
    const video = german[0]!;
    const booking = await memory.createBooking({ slotId: video.id, lead: lead(), language: 'de' });
    assert.ok(booking.joinUrl?.startsWith('https://'));
    const phone = await memory.listSlots({ service: 'phone', language: 'de', days: 1 });
    assert.ok(!phone.some((s) => s.start === video.start), 'the advisor is on the video call');
    assert.ok(phone.length > 0);
  });

  it('writes the booking into a calendar file that calendars read', async () => {
    const { memory } = source();
    const [slot] = await memory.listSlots({ service: 'test-drive', location: 'tp-xinyi', days: 1 });
    const booking = await memory.createBooking({ slotId: slot!.id, lead: lead() });
    const prefix = 'data:text/calendar;charset=utf-8,';
    assert.ok(booking.calendarUrl.startsWith(prefix));
    const ics = decodeURIComponent(booking.calendarUrl.slice(prefix.length));
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    assert.equal(event.startDate.toJSDate().getTime(), Date.parse(booking.start));
    assert.equal(event.endDate.toJSDate().getTime(), Date.parse(booking.end));
    assert.match(event.location, /Aurora Space Xinyi/);
    assert.ok(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75));
  });

  it('says whether an advisor can take a call now, and runs out of advisors', async () => {
    // 12:00 in Shanghai and Taipei, 05:00 in Berlin: two advisors speak Chinese and work now.
    const { memory, setNow } = source();
    setNow(Date.UTC(2026, 10, 23, 4, 0));
    assert.deepEqual(await memory.getConsultationNow({ language: 'zh-CN' }), {
      available: true,
      advisorsOnline: 2,
      waitMinutes: 0,
    });
    assert.deepEqual(await memory.getConsultationNow({ language: 'de' }), {
      available: false,
      advisorsOnline: 0,
      waitMinutes: null,
    });
    const first = await memory.startConsultation({ lead: lead(1), language: 'zh-CN' });
    assert.deepEqual(
      await memory.startConsultation({ lead: lead(1), language: 'zh-CN' }),
      first,
      'the same request again',
    );
    await memory.startConsultation({ lead: lead(2), language: 'zh-CN' });
    assert.deepEqual(await memory.getConsultationNow({ language: 'zh-CN' }), {
      available: false,
      advisorsOnline: 2,
      waitMinutes: 30,
    });
    await rejectsWith(memory.startConsultation({ lead: lead(3), language: 'zh-CN' }), {
      status: 409,
      code: 'no_advisor',
    });
    setNow(Date.UTC(2026, 10, 23, 4, 31));
    assert.equal((await memory.getConsultationNow({ language: 'zh-CN' })).available, true);
  });

  const request: SaveBuildRequest = {
    catalogId: 'aurora-cn-2027',
    modelYear: 2027,
    configId: 'a6~a6-lr~paint-red~wheel-21',
    build: { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'wheel-21'] },
    price: { currency: 'CNY', total: 301900, base: 279900, options: 20000, fees: 2000 },
  };

  it('saves builds under a code and reads them back tolerantly', async () => {
    const { memory } = source();
    const { code, url } = await memory.saveBuild(request);
    assert.ok(isBuildCode(code));
    assert.deepEqual(readBuildLink(url), { configId: request.configId });
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o');
    const saved = await memory.getBuild(typed);
    assert.equal(saved.code, code);
    assert.equal(saved.buildable, true);
    assert.deepEqual(saved.build, request.build);
    await rejectsWith(memory.getBuild('K7F3-QX9M-2P'), { status: 404, code: 'not_found' });
    await rejectsWith(memory.getBuild('hello'), { status: 400, code: 'invalid_code' });
    const again = createMemorySource({ catalog, now: () => MONDAY, seed: 7 });
    assert.equal((await again.saveBuild(request)).code, code, 'a seed makes codes repeatable');
  });

  it('tells what changed when the catalog moved on', async () => {
    const { memory } = source({
      catalog: testCatalog((json) => {
        const wheels = json.models[0]!.groups[1]!;
        wheels.options = wheels.options.filter((o) => o.id !== 'wheel-21');
        json.models[0]!.trims[1]!.standard = ['paint-red', 'wheel-19'];
        json.models[0]!.rules = [];
      }),
    });
    const { code } = await memory.saveBuild(request);
    const saved = await memory.getBuild(code);
    assert.equal(saved.buildable, false);
    assert.deepEqual(saved.changes?.map((c) => [c.optionId, c.action]).sort(), [
      ['wheel-19', 'added'],
      ['wheel-21', 'removed'],
    ]);
    assert.deepEqual(saved.nearest, { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'wheel-19'] });
    assert.equal(saved.currentPrice?.total, 279900 + 12000 + 2000);
    assert.deepEqual(saved.price, request.price, 'the price as saved stays');
  });

  it('keeps each lead once per key, and refuses the key for another lead', async () => {
    const { memory } = source();
    const l = lead();
    assert.deepEqual(await memory.sendLead(l), { id: l.id });
    assert.deepEqual(await memory.sendLead(JSON.parse(JSON.stringify(l)) as Lead), { id: l.id });
    assert.equal(memory.leads().length, 1);
    await rejectsWith(memory.sendLead({ ...l, comments: 'changed' }), {
      status: 422,
      code: 'idempotency_mismatch',
    });
    const invalid = await rejectsWith(memory.sendLead({ ...l, id: 'nope' } as Lead), {
      status: 422,
      code: 'invalid_body',
    });
    assert.deepEqual(
      invalid.issues.map((i) => i.path),
      ['id'],
    );
    assert.deepEqual(memory.leads(), [l]);
  });

  it('serves the catalog with an ETag', async () => {
    const { memory } = source();
    const first = await memory.getCatalog();
    assert.equal(first.status, 'ok');
    assert.deepEqual(first.status === 'ok' && first.catalog, catalog);
    assert.deepEqual(await memory.getCatalog({ etag: first.etag! }), {
      status: 'not-modified',
      etag: first.etag,
    });
  });

  it('simulates latency and honours AbortSignal', async () => {
    const { memory } = source({ latencyMs: 200 });
    const controller = new AbortController();
    const pending = memory.listLocations({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await rejectsWith(pending, { status: 0, code: 'aborted' });
    assert.equal((await memory.listLocations()).length, 4);
  });
});
