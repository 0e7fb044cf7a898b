import { describe, it } from 'node:test';
import { parseCatalog } from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';
import assert from 'node:assert/strict';
import { planSlots, parseSlotId, publicSlotId, speaks } from '../src/slots.js';
import type { SlotSources } from '../src/slots.js';
import { SeedSchema } from '../src/seed/schema.js';
import { demoSeed } from '../src/seed/demo.js';
import { toZonedIso } from '@showroom/core/time';

/** One Munich location open round the clock on Sundays, to cut slots across both changes. */
function allNight(): SlotSources {
  return SeedSchema.parse({
    locations: [
      {
        id: 'muc-night',
        name: 'Night',
        address: 'x',
        city: 'München',
        geo: { lat: 48.1, lng: 11.6 },
        timeZone: 'Europe/Berlin',
        services: ['test-drive'],
        hours: { sun: ['00:00-24:00'] },
        fleet: [{ modelId: 'a6', trimId: 'a6-lr', cars: 1 }],
      },
    ],
    advisors: [],
  });
}

const startsOn = (date: string, now: string) =>
  planSlots(allNight(), Date.parse(now), 7)
    .filter((r) => r.local_date === date)
    .map((r) => ({
      local: toZonedIso(r.start_ms, r.time_zone),
      utc: new Date(r.start_ms).toISOString(),
      minutes: (r.end_ms - r.start_ms) / 60_000,
    }));

describe('planning slots', () => {
  it('skips the hour summer time removes and keeps each drive 45 real minutes', () => {
    const day = startsOn('2027-03-28', '2027-03-27T12:00:00Z');
    assert.equal(day.length, 23);
    assert.ok(!day.some((s) => s.local.startsWith('2027-03-28T02:')));
    assert.deepEqual(day[1], {
      local: '2027-03-28T01:00:00+01:00',
      utc: '2027-03-28T00:00:00.000Z',
      minutes: 45,
    });
    assert.deepEqual(day[2], {
      local: '2027-03-28T03:00:00+02:00',
      utc: '2027-03-28T01:00:00.000Z',
      minutes: 45,
    });
    assert.ok(day.every((s) => s.minutes === 45));
  });

  it('cuts the repeated hour once, at its first occurrence, when summer time ends', () => {
    const day = startsOn('2027-10-31', '2027-10-30T12:00:00Z');
    assert.equal(day.length, 24);
    assert.deepEqual(day[2], {
      local: '2027-10-31T02:00:00+02:00',
      utc: '2027-10-31T00:00:00.000Z',
      minutes: 45,
    });
    assert.deepEqual(day[3], {
      local: '2027-10-31T03:00:00+01:00',
      utc: '2027-10-31T02:00:00.000Z',
      minutes: 45,
    });
  });

  it('plans the same rows and ids every time, one row per trim on site', () => {
    const now = Date.parse('2027-03-20T02:00:00Z');
    const a = planSlots(demoSeed, now);
    assert.deepEqual(planSlots(demoSeed, now), a);
    assert.equal(new Set(a.map((r) => r.id)).size, a.length);
    const pudong = a.filter(
      (r) => r.location_id === 'sh-pudong' && r.kind === 'test-drive' && r.local_date === '2027-03-21',
    );
    assert.deepEqual(
      new Set(pudong.map((r) => r.trim_id)),
      new Set(['a6-lr', 'a6-perf', 's7-awd', 'e3-plus']),
    );
    assert.ok(a.every((r) => r.local_date >= '2027-03-20' && r.local_date <= '2027-04-16'));
  });

  it('shows advisor slots once per service and reads the ids back', () => {
    const row = { id: 'adv.li-na.20270320T0400Z', kind: 'advisor' as const };
    assert.equal(publicSlotId(row, 'video'), 'video.adv.li-na.20270320T0400Z');
    assert.deepEqual(parseSlotId('phone.adv.li-na.20270320T0400Z'), { rowId: row.id, service: 'phone' });
    assert.deepEqual(parseSlotId('td.sh-pudong.a6-lr.20270320T0400Z'), {
      rowId: 'td.sh-pudong.a6-lr.20270320T0400Z',
      service: 'test-drive',
    });
    assert.equal(parseSlotId('nonsense'), null);
  });

  it('matches languages by tag and by their more specific forms', () => {
    assert.ok(speaks(['zh-CN', 'en'], 'zh'));
    assert.ok(speaks(['en'], 'en-GB'));
    assert.ok(speaks(['zh-TW'], 'ZH-tw'));
    assert.ok(!speaks(['zh-CN'], 'zh-TW'));
    assert.ok(!speaks(['de'], 'en'));
  });
});

describe('the demo seed', () => {
  it('has showrooms in Shanghai, Hangzhou and Taipei and one in Munich, each with cars and hours', () => {
    const seed = SeedSchema.parse(demoSeed);
    const cities = seed.locations.map((l) => l.city);
    for (const city of ['上海', '杭州', '台北']) assert.ok(cities.includes(city), city);
    assert.ok(seed.locations.filter((l) => l.timeZone !== 'Europe/Berlin').length >= 6);
    const munich = seed.locations.filter((l) => l.timeZone === 'Europe/Berlin');
    assert.equal(munich.length, 1);
    assert.ok(seed.locations.every((l) => l.fleet.length > 0 && Object.keys(l.hours).length > 0));
    assert.ok(seed.locations.some((l) => l.homeTestDrive));
    assert.ok(seed.advisors.some((a) => a.languages.includes('de')));
    assert.ok(seed.advisors.some((a) => a.languages.includes('zh-TW')));
  });

  it('stands only cars the demo catalog sells, and every trim somewhere', () => {
    const { catalog } = parseCatalog(demoCatalog);
    const modelOf = new Map(catalog.models.flatMap((m) => m.trims.map((t) => [t.id, m.id] as const)));
    for (const l of demoSeed.locations) {
      for (const car of l.fleet) assert.equal(modelOf.get(car.trimId), car.modelId, `${l.id}: ${car.trimId}`);
    }
    const stocked = new Set(demoSeed.locations.flatMap((l) => l.fleet.map((f) => f.trimId)));
    for (const trim of modelOf.keys()) assert.ok(stocked.has(trim), `${trim} stands somewhere`);
  });
});
