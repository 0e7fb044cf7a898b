/**
 * Slots on a calendar: which day and which row of a week grid a slot belongs to, in the time
 * zone of the place it is at. Calendar dates are `YYYY-MM-DD` strings and day arithmetic is done
 * on them, never on instants, so a week that crosses a daylight-saving change still has seven
 * days and 10:00 stays in the 10:00 row. Pure functions over `Intl`; no DOM.
 */
import type { Slot } from '@showroom/core';
import { addDays, daysBetween, wallClock as wallTime, weekday } from '@showroom/core/time';
import type { WallClock as WallTime } from '@showroom/core/time';

export { addDays, daysBetween, wallTime, weekday };
export type { WallTime };

/** The Monday on or before `date` (weeks start on Monday, as in China and Europe). */
export function weekStart(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** One row of a week grid: a local start time and, for each of the seven days, the slot there. */
export interface WeekRow {
  /** `HH:MM`, or `HH:MM±offset` for a wall time that happens twice on a fall-back day. */
  key: string;
  /** The local start time, `HH:MM`. */
  time: string;
  /** The UTC offset of the row's slots when its wall time happens twice that day. */
  offset?: number;
  cells: (Slot | undefined)[];
  /** Places left at each day's time, summed over the slots that start then (several advisors, say). */
  places: number[];
}

/** A week of slots: seven calendar dates from Monday, and rows by local start time. */
export interface Week {
  start: string;
  days: string[];
  rows: WeekRow[];
}

/** The zone a slot is shown in: its own (where it takes place) unless the caller says otherwise. */
export type ZoneOf = (slot: Slot) => string;
const ownZone: ZoneOf = (slot) => slot.timeZone;

/**
 * Lays out the slots that fall in the week starting `start` (a Monday) as a grid: one column a
 * day, one row per local start time, each slot placed by the wall clock of `zoneOf(slot)` (by
 * default its own `timeZone`). Slots with no place left are left out; slots that start at the
 * same time share a cell (the first is kept, their places are added up). When a fall-back
 * change makes one wall time happen twice on a day, the two get rows of their own, told apart
 * by their offset.
 */
export function layoutWeek(slots: readonly Slot[], start: string, zoneOf: ZoneOf = ownZone): Week {
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const placed: { slot: Slot; day: number; wall: WallTime }[] = [];
  for (const slot of slots) {
    if (slot.remaining <= 0) continue;
    const wall = wallTime(slot.start, zoneOf(slot));
    const day = daysBetween(start, wall.date);
    if (day >= 0 && day < 7) placed.push({ slot, day, wall });
  }
  const twice = new Set<string>();
  const seen = new Map<string, number>();
  for (const { day, wall } of placed) {
    const id = `${day} ${wall.time}`;
    const offset = seen.get(id);
    if (offset !== undefined && offset !== wall.offset) twice.add(id);
    seen.set(id, wall.offset);
  }
  const rows = new Map<string, WeekRow>();
  for (const { slot, day, wall } of placed) {
    const ambiguous = twice.has(`${day} ${wall.time}`);
    const key = ambiguous ? `${wall.time}${offsetLabel(wall.offset)}` : wall.time;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        time: wall.time,
        cells: Array.from({ length: 7 }, () => undefined),
        places: [0, 0, 0, 0, 0, 0, 0],
      };
      if (ambiguous) row.offset = wall.offset;
      rows.set(key, row);
    }
    const current = row.cells[day];
    if (!current || Date.parse(slot.start) < Date.parse(current.start)) row.cells[day] = slot;
    row.places[day] = (row.places[day] ?? 0) + slot.remaining;
  }
  return {
    start,
    days,
    // By wall time; of a time that happens twice, the earlier (larger offset) first.
    rows: [...rows.values()].sort((a, b) =>
      a.time !== b.time ? (a.time < b.time ? -1 : 1) : (b.offset ?? 0) - (a.offset ?? 0),
    ),
  };
}

/** `+02:00` style offset from minutes. */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Free slots (a place left, starting after `now`), earliest first. */
export function freeSlots(slots: readonly Slot[], now: number): Slot[] {
  return slots
    .filter((s) => s.remaining > 0 && Date.parse(s.start) > now)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** The earliest free slot after `now`. */
export function nextFreeSlot(slots: readonly Slot[], now: number): Slot | undefined {
  return freeSlots(slots, now)[0];
}

/** The earliest free slot after `now` on a Saturday or Sunday in `zoneOf(slot)` (default: where it takes place). */
export function earliestWeekendSlot(
  slots: readonly Slot[],
  now: number,
  zoneOf: ZoneOf = ownZone,
): Slot | undefined {
  return freeSlots(slots, now).find((s) => {
    const day = weekday(wallTime(s.start, zoneOf(s)).date);
    return day === 0 || day === 6;
  });
}

/** The shopper's own time zone, as the browser reports it. */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** True when the two zones show different clocks at `instant` (same offset counts as the same). */
export function zonesDiffer(a: string, b: string, instant: string | number): boolean {
  return a !== b && wallTime(instant, a).offset !== wallTime(instant, b).offset;
}
