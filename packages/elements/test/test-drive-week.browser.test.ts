import { expect } from '@open-wc/testing';
import type { Slot } from '@showroom/core';
import {
  addDays,
  earliestWeekendSlot,
  layoutWeek,
  nextFreeSlot,
  wallTime,
  weekStart,
  zonesDiffer,
} from '../src/test-drive/week.js';

const slot = (id: string, start: string, end: string, remaining = 1, timeZone = 'Europe/Berlin'): Slot => ({
  id,
  service: 'test-drive',
  start,
  end,
  timeZone,
  remaining,
  locationId: 'muc',
});

describe('test-drive week layout', () => {
  it('reads wall time and offset in the slot’s zone across the spring change', () => {
    expect(wallTime('2026-03-28T09:00:00Z', 'Europe/Berlin')).to.deep.equal({
      date: '2026-03-28',
      time: '10:00',
      offset: 60,
    });
    expect(wallTime('2026-03-29T08:00:00Z', 'Europe/Berlin')).to.deep.equal({
      date: '2026-03-29',
      time: '10:00',
      offset: 120,
    });
    expect(wallTime('2026-03-28T23:30:00Z', 'Asia/Shanghai').date).to.equal('2026-03-29');
  });

  it('does calendar arithmetic on dates, so a DST week still has seven days', () => {
    expect(weekStart('2026-03-29')).to.equal('2026-03-23');
    expect(weekStart('2026-03-23')).to.equal('2026-03-23');
    expect(addDays('2026-03-23', 7)).to.equal('2026-03-30');
    expect(addDays('2026-10-25', 1)).to.equal('2026-10-26');
    expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
  });

  it('keeps 10:00 in one row on both sides of the change to summer time', () => {
    const slots = [
      slot('sat', '2026-03-28T10:00:00+01:00', '2026-03-28T10:45:00+01:00'),
      slot('sun', '2026-03-29T10:00:00+02:00', '2026-03-29T10:45:00+02:00'),
      slot('mon', '2026-03-23T11:00:00+01:00', '2026-03-23T11:45:00+01:00'),
      slot('next', '2026-03-30T10:00:00+02:00', '2026-03-30T10:45:00+02:00'),
    ];
    const week = layoutWeek(slots, '2026-03-23');
    expect(week.days).to.deep.equal([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(week.rows.map((r) => r.key)).to.deep.equal(['10:00', '11:00']);
    expect(week.rows[0]?.cells.map((c) => c?.id)).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'sat',
      'sun',
    ]);
    expect(week.rows[1]?.cells[0]?.id).to.equal('mon');
  });

  it('gives a wall time that happens twice on the autumn change a row of its own', () => {
    const slots = [
      slot('first', '2026-10-25T02:30:00+02:00', '2026-10-25T03:00:00+02:00'),
      slot('second', '2026-10-25T02:30:00+01:00', '2026-10-25T03:00:00+01:00'),
    ];
    const week = layoutWeek(slots, '2026-10-19');
    expect(week.rows.map((r) => r.key)).to.deep.equal(['02:30+02:00', '02:30+01:00']);
    expect(week.rows.map((r) => r.cells[6]?.id)).to.deep.equal(['first', 'second']);
  });

  it('leaves out slots with no place left', () => {
    const week = layoutWeek(
      [slot('full', '2026-03-24T10:00:00+01:00', '2026-03-24T10:45:00+01:00', 0)],
      '2026-03-23',
    );
    expect(week.rows).to.deep.equal([]);
  });

  it('finds the next free slot and the earliest weekend slot in the slot’s zone', () => {
    const slots = [
      slot('fri-late', '2026-03-27T20:00:00-07:00', '2026-03-27T20:45:00-07:00', 1, 'America/Los_Angeles'),
      slot('past', '2026-03-20T10:00:00+01:00', '2026-03-20T10:45:00+01:00'),
      slot('full', '2026-03-24T09:00:00+01:00', '2026-03-24T09:45:00+01:00', 0),
      slot('tue', '2026-03-24T10:00:00+01:00', '2026-03-24T10:45:00+01:00'),
      slot('sun', '2026-03-29T10:00:00+02:00', '2026-03-29T10:45:00+02:00'),
    ];
    const now = Date.parse('2026-03-23T12:00:00Z');
    expect(nextFreeSlot(slots, now)?.id).to.equal('tue');
    // Friday 20:00 in Los Angeles is Saturday in UTC, but a Friday where the drive happens.
    expect(earliestWeekendSlot(slots, now)?.id).to.equal('sun');
  });

  it('tells whether the shopper’s zone shows another clock', () => {
    expect(zonesDiffer('Europe/Berlin', 'Asia/Shanghai', '2026-03-29T08:00:00Z')).to.equal(true);
    expect(zonesDiffer('Asia/Shanghai', 'Asia/Taipei', '2026-03-29T08:00:00Z')).to.equal(false);
    expect(zonesDiffer('Europe/Berlin', 'Europe/Berlin', '2026-03-29T08:00:00Z')).to.equal(false);
  });
});
