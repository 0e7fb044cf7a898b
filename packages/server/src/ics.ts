import { localParts, offsetMinutes } from '@showroom/core/time';

/**
 * A small iCalendar (RFC 5545) writer for one appointment: TZID-qualified local times with a
 * VTIMEZONE built from `Intl` (so calendars show the appointment in the location's zone and
 * place it at the right instant, summer time or not), text escaping and line folding.
 */

/** One appointment as a calendar event. */
export interface CalendarEvent {
  uid: string;
  start: number;
  end: number;
  timeZone: string;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  /** When the file was made (DTSTAMP). */
  stamp: number;
  cancelled?: boolean | undefined;
  /** Revision of the event; raise it when the appointment changes. */
  sequence?: number | undefined;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function local(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

function offset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

/** Instants in [from, to) at which the zone's offset changes, to the second. */
export function transitions(timeZone: string, from: number, to: number): number[] {
  const out: number[] = [];
  const step = 86_400_000;
  let before = offsetMinutes(from, timeZone);
  for (let t = from + step; t < to + step; t += step) {
    const after = offsetMinutes(t, timeZone);
    if (after === before) continue;
    let lo = t - step;
    let hi = t;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (offsetMinutes(mid, timeZone) === before) lo = mid;
      else hi = mid;
    }
    if (hi < to) out.push(hi);
    before = after;
  }
  return out;
}

/**
 * The VTIMEZONE lines for `timeZone` around the instants `around`: the offset in force a year
 * before, then every change until a year after. Zones without changes get one STANDARD part.
 */
export function vtimezone(timeZone: string, around: number[]): string[] {
  const year = 366 * 86_400_000;
  const from = Math.min(...around) - year;
  const to = Math.max(...around) + year;
  const first = offsetMinutes(from, timeZone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const part = (kind: string, start: string, fromOff: number, toOff: number) =>
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${offset(fromOff)}`,
      `TZOFFSETTO:${offset(toOff)}`,
      `END:${kind}`,
    );
  const changes = transitions(timeZone, from, to);
  const standard = Math.min(first, ...changes.map((t) => offsetMinutes(t, timeZone)));
  part(first > standard ? 'DAYLIGHT' : 'STANDARD', '19700101T000000', first, first);
  let previous = first;
  for (const t of changes) {
    const next = offsetMinutes(t, timeZone);
    // DTSTART of an observance is the local time of the change under the offset it replaces.
    part(next > standard ? 'DAYLIGHT' : 'STANDARD', utc(t + previous * 60_000).slice(0, 15), previous, next);
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** An iCalendar document (CRLF line ends, folded) with one VEVENT. */
export function toIcs(event: CalendarEvent, prodId = '-//Showroom//Reference server//EN'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${prodId}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${event.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    ...vtimezone(event.timeZone, [event.start, event.end]),
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART;TZID=${event.timeZone}:${local(event.start, event.timeZone)}`,
    `DTEND;TZID=${event.timeZone}:${local(event.end, event.timeZone)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
