/**
 * Wall-clock time in IANA zones with nothing but `Intl` (no time-zone library): what the
 * in-memory source needs to lay out opening hours in each location's zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at the instant `ms`. `weekday` is 0 (Sunday) to 6. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock time in `zone` at instant `ms`. */
export function wallTime(ms: number, zone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    second: Number(parts['second']),
    weekday: WEEKDAYS.indexOf(parts['weekday'] ?? ''),
  };
}

/** Minutes `zone` is ahead of UTC at instant `ms` (e.g. 480 for Asia/Shanghai). */
export function offsetMinutes(ms: number, zone: string): number {
  const w = wallTime(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time in `zone`. In a gap (spring forward) the time is read with
 * the offset before the change; in an overlap (fall back) the earlier instant wins.
 */
export function zonedInstant(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const DAY = 86_400_000;
  // The offsets a day either side; at most one change lies between them.
  const candidates = [...new Set([offsetMinutes(wall - DAY, zone), offsetMinutes(wall + DAY, zone)])].map(
    (off) => wall - off * 60_000,
  );
  const exact = candidates.filter((t) => {
    const w = wallTime(t, zone);
    return w.hour === hour && w.minute === minute && w.day === day;
  });
  return exact.length > 0 ? Math.min(...exact) : (candidates[0] ?? wall);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 with the zone's offset at that instant: `2026-11-28T10:00:00+08:00`. */
export function isoInZone(ms: number, zone: string): string {
  const w = wallTime(ms, zone);
  const off = offsetMinutes(ms, zone);
  const sign = off < 0 ? '-' : '+';
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** Adds `days` to a calendar date (no zone involved). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}
