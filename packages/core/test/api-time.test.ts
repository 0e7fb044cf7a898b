import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isoInZone, offsetMinutes, zonedInstant } from '../src/api/time.js';

describe('time zones without a library', () => {
  it('knows the offsets of Shanghai, Taipei and Berlin, summer and winter', () => {
    const winter = Date.UTC(2026, 0, 15, 12);
    const summer = Date.UTC(2026, 6, 15, 12);
    assert.equal(offsetMinutes(winter, 'Asia/Shanghai'), 480);
    assert.equal(offsetMinutes(summer, 'Asia/Taipei'), 480);
    assert.equal(offsetMinutes(winter, 'Europe/Berlin'), 60);
    assert.equal(offsetMinutes(summer, 'Europe/Berlin'), 120);
  });

  it('turns a wall-clock time into the instant and back', () => {
    const t = zonedInstant('Asia/Shanghai', 2026, 11, 28, 10, 0);
    assert.equal(new Date(t).toISOString(), '2026-11-28T02:00:00.000Z');
    assert.equal(isoInZone(t, 'Asia/Shanghai'), '2026-11-28T10:00:00+08:00');
    assert.equal(isoInZone(t, 'Europe/Berlin'), '2026-11-28T03:00:00+01:00');
    assert.equal(isoInZone(Date.UTC(2026, 6, 1, 8), 'Europe/Berlin'), '2026-07-01T10:00:00+02:00');
  });

  it('reads a time in the spring-forward gap with the offset before it, and the earlier of a fall-back overlap', () => {
    // 29 March 2026, Berlin: 02:00 → 03:00. 02:30 does not exist; it reads as 03:30 CEST.
    assert.equal(
      isoInZone(zonedInstant('Europe/Berlin', 2026, 3, 29, 2, 30), 'Europe/Berlin'),
      '2026-03-29T03:30:00+02:00',
    );
    // 25 October 2026, Berlin: 03:00 → 02:00. 02:30 happens twice; the first is CEST.
    const overlap = zonedInstant('Europe/Berlin', 2026, 10, 25, 2, 30);
    assert.equal(new Date(overlap).toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(isoInZone(overlap, 'Europe/Berlin'), '2026-10-25T02:30:00+02:00');
  });
});
