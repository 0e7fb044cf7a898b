import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { offsetMinutes, toZonedIso, zonedToUtc } from '../src/time.js';
import { escapeText, foldLine, toIcs, transitions } from '../src/ics.js';

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

  it('finds the daylight-saving changes of a year to the second', () => {
    const year = transitions(
      'Europe/Berlin',
      Date.parse('2027-01-01T00:00:00Z'),
      Date.parse('2028-01-01T00:00:00Z'),
    );
    assert.deepEqual(year.map(iso), ['2027-03-28T01:00:00.000Z', '2027-10-31T01:00:00.000Z']);
    assert.deepEqual(
      transitions('Asia/Taipei', Date.parse('2027-01-01T00:00:00Z'), Date.parse('2028-01-01T00:00:00Z')),
      [],
    );
  });
});

describe('iCalendar writer', () => {
  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
    const folded = foldLine(`DESCRIPTION:${'极光'.repeat(40)}`);
    const lines = folded.split('\r\n');
    assert.ok(lines.length > 1);
    for (const line of lines) assert.ok(Buffer.byteLength(line) <= 75, line);
    assert.equal(
      lines.map((l, i) => (i === 0 ? l : l.slice(1))).join(''),
      `DESCRIPTION:${'极光'.repeat(40)}`,
    );
  });

  function parse(text: string) {
    const cal = new ICAL.Component(ICAL.parse(text));
    const zone = cal.getFirstSubcomponent('vtimezone');
    assert.ok(zone);
    const timezone = new ICAL.Timezone(zone);
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent') ?? undefined);
    event.startDate.zone = timezone;
    event.endDate.zone = timezone;
    return { cal, event };
  }

  for (const [label, start, tz, local] of [
    ['Munich, the day after summer time starts', '2027-03-29T08:00:00Z', 'Europe/Berlin', '20270329T100000'],
    ['Munich, the day before summer time starts', '2027-03-27T09:00:00Z', 'Europe/Berlin', '20270327T100000'],
    ['Munich, the day after summer time ends', '2027-11-01T09:00:00Z', 'Europe/Berlin', '20271101T100000'],
    ['Munich, the day summer time ends', '2027-10-31T09:00:00Z', 'Europe/Berlin', '20271031T100000'],
    ['Shanghai', '2027-03-28T02:00:00Z', 'Asia/Shanghai', '20270328T100000'],
  ] as const) {
    it(`places the event at the right instant: ${label}`, () => {
      const startMs = Date.parse(start);
      const text = toIcs({
        uid: 'bk_1@showroom.test',
        start: startMs,
        end: startMs + 45 * 60_000,
        timeZone: tz,
        summary: 'Test drive: Aurora A6, Long Range',
        location: 'Aurora Studio München, Leopoldstraße 120, 80804 München',
        description: 'Bring your driving licence; questions? Call us.\nSee you soon',
        stamp: Date.parse('2027-03-01T00:00:00Z'),
      });
      assert.match(text, new RegExp(`DTSTART;TZID=${tz}:${local}\\r\\n`));
      for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75);
      const { event } = parse(text);
      assert.equal(event.startDate.toUnixTime() * 1000, startMs);
      assert.equal(event.endDate.toUnixTime() * 1000, startMs + 45 * 60_000);
      assert.equal(event.summary, 'Test drive: Aurora A6, Long Range');
      assert.equal(event.location, 'Aurora Studio München, Leopoldstraße 120, 80804 München');
      assert.equal(event.description, 'Bring your driving licence; questions? Call us.\nSee you soon');
    });
  }
});
