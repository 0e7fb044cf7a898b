import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { escapeText, foldLine, toIcs, transitions } from '../src/ics.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('daylight-saving changes for the calendar file', () => {
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
