/**
 * Dates and times for people, in the UI locale and in the zone where the appointment takes
 * place: `Intl.DateTimeFormat` with `timeZone`, formatters cached.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/** The clock time of an instant in `timeZone`: `10:00` (zh), `10:00 AM` (en). */
export function formatTime(instant: string, timeZone: string, locale: string): string {
  return format(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(instant));
}

/** A wall-clock time `HH:MM` in the locale's style. */
export function formatWallTime(time: string, locale: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return format(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, 0, 1, h, m)),
  );
}

/** A calendar date (`YYYY-MM-DD`), short: `Mon, Mar 23` / `3月23日周一`. */
export function formatDay(date: string, locale: string): string {
  return format(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    utcDate(date),
  );
}

/** A calendar date in full: `Monday, March 23, 2026` / `2026年3月23日星期一`. */
export function formatLongDay(date: string, locale: string): string {
  return format(locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(utcDate(date));
}

/** Day and time of an instant where it happens: `Sat, Mar 28, 10:00 AM`. */
export function formatWhen(instant: string, timeZone: string, locale: string): string {
  return format(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(instant));
}

/** Start and end of an appointment where it happens: `Sat, Mar 28, 10:00 – 10:45 AM`. */
export function formatRange(start: string, end: string, timeZone: string, locale: string): string {
  return format(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).formatRange(new Date(start), new Date(end));
}

/** A readable name of a zone at an instant: `Central European Summer Time` / `中欧夏令时间`. */
export function zoneName(timeZone: string, locale: string, instant: string | number): string {
  const part = format(locale, { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
