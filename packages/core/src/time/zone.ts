/**
 * Wall-clock time in IANA time zones with nothing but `Intl`: local date and time to a UTC
 * instant (right across daylight-saving changes), instants back to ISO 8601 with the zone's
 * offset, and calendar arithmetic on `YYYY-MM-DD` dates. No time-zone library needed.
 *
 * One module for every place that lays out times: the reference server and the in-memory
 * source generating slots, the ICS writer, and the week grid of the test-drive element
 * (imported there as `@showroom/core/time`, which pulls in nothing else).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar fields of an instant in a zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of the instant `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: (out.hour ?? 0) % 24, // some engines print midnight as 24 even with h23
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `ms`, in minutes (east positive: Shanghai is +480). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = localParts(whole, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - whole) / MINUTE);
}

/**
 * The UTC instant at which clocks in `timeZone` show `date` (YYYY-MM-DD) and `time` (HH:MM).
 * Returns null for a wall-clock time that does not exist (skipped by a spring-forward change);
 * for a time that happens twice (autumn fall-back) it returns the earlier instant.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): number | null {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // Two passes settle on the offset in force at the answer; the earlier of two candidates
  // wins when both are valid (the repeated hour).
  const candidates = new Set<number>();
  for (const probe of [wall - DAY / 2, wall + DAY / 2, wall]) {
    const guess = wall - offsetMinutes(probe, timeZone) * MINUTE;
    if (guess + offsetMinutes(guess, timeZone) * MINUTE === wall) candidates.add(guess);
  }
  return candidates.size ? Math.min(...candidates) : null;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

const isoCache = new Map<string, string>();

/**
 * `2027-03-28T10:00:00+02:00`: the instant as ISO 8601 with the zone's offset at that instant.
 * Slot instants repeat across requests, so answers are memoised (bounded).
 */
export function toZonedIso(ms: number, timeZone: string): string {
  const key = `${timeZone} ${ms}`;
  let iso = isoCache.get(key);
  if (iso === undefined) {
    const off = offsetMinutes(ms, timeZone);
    // The local fields are the UTC fields of the instant moved by the offset.
    const local = new Date(Math.floor(ms / 1000) * 1000 + off * MINUTE).toISOString().slice(0, 19);
    const sign = off < 0 ? '-' : '+';
    iso = `${local}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    if (isoCache.size >= 50_000) isoCache.clear();
    isoCache.set(key, iso);
  }
  return iso;
}

/** An instant as clocks in a zone show it. */
export interface WallClock {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`, 24-hour. */
  time: string;
  /** Offset from UTC in minutes, east positive (Berlin in summer: 120). */
  offset: number;
}

/** The wall-clock date, time and offset of `instant` (ms, ISO string or Date) in `timeZone`. */
export function wallClock(instant: string | number | Date, timeZone: string): WallClock {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  const p = localParts(whole, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return {
    date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
    offset: Math.round((asUtc - whole) / MINUTE),
  };
}

/** The local calendar date (YYYY-MM-DD) of instant `ms` in `timeZone`. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `date` plus `days` calendar days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addDays(date: string, days: number): string {
  return new Date(utcDay(date) + days * DAY).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(utcDay(date)).getUTCDay();
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY);
}

function utcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

/** Minutes since midnight of an `HH:MM` string. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** `HH:MM` of minutes since midnight. */
export function timeOf(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
