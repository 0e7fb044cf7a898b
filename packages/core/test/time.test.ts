import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  daysBetween,
  localDate,
  offsetMinutes,
  toZonedIso,
  wallClock,
  weekday,
  zonedToUtc,
} from '../src/time/zone.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('wall-clock time in a zone', () => {
  it('converts Munich local times to UTC across the March and October changes', () => {
    // 2027: summer time starts Sunday 28 March at 02:00, ends Sunday 31 October at 03:00.
    assert.equal(iso(zonedToUtc('2027-03-27', '10:00', 'Europe/Berlin')), '2027-03-27T09:00:00.000Z');
    assert.equal(iso(zonedToUtc('2027-03-28', '10:00', 'Europe/Berlin')), '2027-03-28T08:00:00.000Z');
    assert.equal(iso(zonedToUtc('2027-03-28', '01:59', 'Europe/Berlin')), '2027-03-28T00:59:00.000Z');
    assert.equal(iso(zonedToUtc('2027-03-28', '03:00', 'Europe/Berlin')), '2027-03-28T01:00:00.000Z');
    assert.equal(iso(zonedToUtc('2027-10-30', '10:00', 'Europe/Berlin')), '2027-10-30T08:00:00.000Z');
    assert.equal(iso(zonedToUtc('2027-10-31', '10:00', 'Europe/Berlin')), '2027-10-31T09:00:00.000Z');
  });

  it('has no instant for a skipped time and the earlier one for a repeated time', () => {
    assert.equal(zonedToUtc('2027-03-28', '02:30', 'Europe/Berlin'), null);
    assert.equal(iso(zonedToUtc('2027-10-31', '02:30', 'Europe/Berlin')), '2027-10-31T00:30:00.000Z');
  });

  it('keeps Shanghai at +08:00 all year and writes offsets into ISO strings', () => {
    for (const date of ['2027-01-15', '2027-03-28', '2027-07-01', '2027-10-31']) {
      const ms = zonedToUtc(date, '10:00', 'Asia/Shanghai');
      assert.equal(iso(ms), `${date}T02:00:00.000Z`);
      assert.equal(toZonedIso(ms ?? 0, 'Asia/Shanghai'), `${date}T10:00:00+08:00`);
    }
    assert.equal(
      toZonedIso(Date.parse('2027-03-29T08:00:00Z'), 'Europe/Berlin'),
      '2027-03-29T10:00:00+02:00',
    );
    assert.equal(
      toZonedIso(Date.parse('2027-11-01T09:00:00Z'), 'Europe/Berlin'),
      '2027-11-01T10:00:00+01:00',
    );
    assert.equal(
      toZonedIso(Date.parse('2027-06-01T14:00:00Z'), 'America/St_Johns'),
      '2027-06-01T11:30:00-02:30',
    );
    assert.equal(offsetMinutes(Date.parse('2027-06-01T00:00:00Z'), 'Asia/Kolkata'), 330);
  });
});

describe('the wall clock and the calendar', () => {
  it('reads an instant as Shanghai, Taipei and Munich clocks show it, with the offset', () => {
    const t = Date.parse('2026-11-28T02:00:00Z');
    assert.deepEqual(wallClock(t, 'Asia/Shanghai'), { date: '2026-11-28', time: '10:00', offset: 480 });
    assert.deepEqual(wallClock(t, 'Asia/Taipei'), { date: '2026-11-28', time: '10:00', offset: 480 });
    assert.deepEqual(wallClock('2026-11-28T02:00:00Z', 'Europe/Berlin'), {
      date: '2026-11-28',
      time: '03:00',
      offset: 60,
    });
    assert.equal(localDate(Date.parse('2026-11-27T23:30:00Z'), 'Asia/Shanghai'), '2026-11-28');
    // Midnight is 00:00, never 24:00.
    assert.equal(wallClock(Date.parse('2026-11-27T16:00:00Z'), 'Asia/Shanghai').time, '00:00');
  });

  it('tells the two 02:30s of a fall-back night apart by their offset', () => {
    const first = zonedToUtc('2026-10-25', '02:30', 'Europe/Berlin') ?? 0;
    const second = first + 3_600_000;
    assert.deepEqual(wallClock(first, 'Europe/Berlin'), { date: '2026-10-25', time: '02:30', offset: 120 });
    assert.deepEqual(wallClock(second, 'Europe/Berlin'), { date: '2026-10-25', time: '02:30', offset: 60 });
  });

  it('counts calendar days across month, year and daylight-saving boundaries', () => {
    assert.equal(addDays('2026-12-30', 3), '2027-01-02');
    assert.equal(addDays('2027-03-01', -1), '2027-02-28');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(daysBetween('2027-03-22', '2027-03-29'), 7);
    assert.equal(daysBetween('2027-03-29', '2027-03-22'), -7);
    assert.equal(weekday('2026-11-22'), 0);
    assert.equal(weekday('2026-11-28'), 6);
  });

  it("writes instants in a zone as ISO 8601 with that zone's offset", () => {
    assert.equal(toZonedIso(Date.UTC(2026, 6, 1, 8), 'Europe/Berlin'), '2026-07-01T10:00:00+02:00');
    assert.equal(toZonedIso(Date.UTC(2026, 10, 28, 2), 'Asia/Shanghai'), '2026-11-28T10:00:00+08:00');
    assert.equal(offsetMinutes(Date.UTC(2026, 0, 15, 12), 'Europe/Berlin'), 60);
  });
});
