import { DEFAULT_TIME_ZONE } from '../i18n/format';
import { utcToWall, wallToUtc } from './callback-rules';

// The calendar's pure arithmetic: days as 'YYYY-MM-DD' in the seat's zone, 30-minute slots
// between 08:00 and 22:00, and moves that keep a wall-clock time across DST.

export const SEAT_ZONE = DEFAULT_TIME_ZONE;
export const SLOT_MINUTES = 30;
export const DAY_START_MINUTE = 8 * 60;
export const DAY_END_MINUTE = 22 * 60;
export const SLOT_COUNT = (DAY_END_MINUTE - DAY_START_MINUTE) / SLOT_MINUTES;
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

export type CalendarRange = 'day' | 'week';

const pad = (n: number) => String(n).padStart(2, '0');
const wallMs = (wall: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
};
const wallOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

/** Today's date in `zone`. */
export const todayIn = (now: number, zone = SEAT_ZONE): string => utcToWall(now, zone).slice(0, 10);

/** A date moved by whole days. */
export const addDays = (day: string, days: number): string => wallOf(wallMs(`${day}T00:00`) + days * DAY_MINUTES * MINUTE).slice(0, 10);

/** The Monday of the week holding `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(wallMs(`${day}T00:00`)).getUTCDay(); // 0 Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The days a range shows, from its anchor. */
export const daysOf = (range: CalendarRange, anchor: string): string[] =>
  range === 'day' ? [anchor] : Array.from({ length: 7 }, (_, i) => addDays(weekStart(anchor), i));

/** The instants [from, to) the range covers in `zone`. */
export function rangeBounds(range: CalendarRange, anchor: string, zone = SEAT_ZONE): { from: number; to: number } {
  const days = daysOf(range, anchor);
  return { from: wallToUtc(`${days[0]}T00:00`, zone)!, to: wallToUtc(`${addDays(days.at(-1)!, 1)}T00:00`, zone)! };
}

/** The instant of a slot (0 = 08:00) on a day. */
export const slotStart = (day: string, slot: number, zone = SEAT_ZONE): number => {
  const minute = DAY_START_MINUTE + slot * SLOT_MINUTES;
  return wallToUtc(`${day}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`, zone)!;
};

/** Where an instant sits: its day and slot (clamped into the visible hours), and whether it was outside them. */
export function placeOf(at: number, zone = SEAT_ZONE): { day: string; slot: number; outside: boolean } {
  const wall = utcToWall(at, zone);
  const minute = Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));
  const raw = Math.floor((minute - DAY_START_MINUTE) / SLOT_MINUTES);
  const slot = Math.min(SLOT_COUNT - 1, Math.max(0, raw));
  return { day: wall.slice(0, 10), slot, outside: raw !== slot };
}

/** How many slots a window covers (at least one, never past the end of the day's grid). */
export function spanOf(start: number, end: number, slot: number): number {
  const slots = Math.max(1, Math.ceil((end - start) / (SLOT_MINUTES * MINUTE)));
  return Math.min(slots, SLOT_COUNT - slot);
}

/**
 * A pending start moved by wall-clock minutes in `zone` (so a day is a day across DST); null when
 * the new start would leave the calendar's hours (08:00–21:30 starts).
 */
export function shiftStart(at: number, minutes: number, zone = SEAT_ZONE): number | null {
  const next = wallOf(wallMs(utcToWall(at, zone)) + minutes * MINUTE);
  const minute = Number(next.slice(11, 13)) * 60 + Number(next.slice(14, 16));
  if (minute < DAY_START_MINUTE || minute > DAY_END_MINUTE - SLOT_MINUTES) return null;
  return wallToUtc(next, zone);
}
