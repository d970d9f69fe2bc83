import { tzOffset } from '@date-fns/tz';
import { assertValidZone, localClock } from './zone';

/**
 * The local span in which calling is NOT allowed, as 'HH:mm' wall-clock times in the customer's
 * zone. `start` is inclusive, `end` exclusive; the span may wrap midnight ('21:00'–'09:00').
 * `start === end` means "no quiet hours".
 */
export interface QuietHours {
  start: string;
  end: string;
}

/** Calls are allowed 09:00–21:00 in the customer's zone. */
export const DEFAULT_QUIET_HOURS: Readonly<QuietHours> = Object.freeze({ start: '21:00', end: '09:00' });

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const HM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an 'HH:mm' string, or null if it is not a valid 24-hour time. */
export function parseHm(value: string): number | null {
  const m = HM.exec(value);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isValidQuietHours(quiet: QuietHours): boolean {
  return parseHm(quiet.start) !== null && parseHm(quiet.end) !== null;
}

function quietBounds(quiet: QuietHours): { start: number; end: number } {
  const start = parseHm(quiet.start);
  const end = parseHm(quiet.end);
  if (start === null || end === null) {
    throw new RangeError(`Invalid quiet hours ${quiet.start}–${quiet.end}; expected 'HH:mm'`);
  }
  return { start, end };
}

function isQuietMinute(minuteOfDay: number, b: { start: number; end: number }): boolean {
  if (b.start === b.end) return false;
  if (b.start < b.end) return minuteOfDay >= b.start && minuteOfDay < b.end;
  return minuteOfDay >= b.start || minuteOfDay < b.end;
}

/** Whether the instant `at` falls inside quiet hours in the customer's local time. */
export function isQuiet(at: number, zone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  assertValidZone(zone);
  return isQuietMinute(localClock(at, zone).minuteOfDay, quietBounds(quiet));
}

const offsetAt = (at: number, zone: string): number => tzOffset(zone, new Date(at));

/** Every instant whose local wall clock reads `minuteOfDay` on the local date y-m-d (0, 1 or 2 of them). */
function instantsAtWallTime(y: number, m: number, d: number, minuteOfDay: number, zone: string): number[] {
  const wallAsUtc = Date.UTC(y, m, d) + minuteOfDay * MINUTE_MS;
  const offsets = new Set([
    offsetAt(wallAsUtc - DAY_MS, zone),
    offsetAt(wallAsUtc, zone),
    offsetAt(wallAsUtc + DAY_MS, zone),
  ]);
  const out: number[] = [];
  for (const o of offsets) {
    const candidate = wallAsUtc - o * MINUTE_MS;
    if (offsetAt(candidate, zone) === o) out.push(candidate);
  }
  return out;
}

/** Instants in (from, to] at which the zone's offset changes (DST transitions), found by bisection. */
function offsetTransitions(from: number, to: number, zone: string): number[] {
  const out: number[] = [];
  const step = 6 * HOUR_MS;
  let prev = from;
  let prevOffset = offsetAt(prev, zone);
  while (prev < to) {
    const next = Math.min(prev + step, to);
    const nextOffset = offsetAt(next, zone);
    if (nextOffset !== prevOffset) {
      let lo = prev; // offset === prevOffset
      let hi = next; // offset !== prevOffset
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid, zone) === prevOffset) lo = mid;
        else hi = mid;
      }
      out.push(hi);
    }
    prev = next;
    prevOffset = nextOffset;
  }
  return out;
}

/**
 * The first instant after `at` at which the quiet/allowed state differs from the state at `at`
 * (Infinity when quiet hours are empty). The state only changes where the local clock reads the
 * quiet start or end, or at a DST transition (which may jump the clock over a boundary), so those
 * are the only candidates examined.
 */
function nextStateChange(at: number, zone: string, quiet: QuietHours): number {
  assertValidZone(zone);
  const bounds = quietBounds(quiet);
  if (bounds.start === bounds.end) return Number.POSITIVE_INFINITY;
  const quietNow = isQuietMinute(localClock(at, zone).minuteOfDay, bounds);
  const chunk = 3 * DAY_MS;
  for (let base = at; base < at + 60 * DAY_MS; base += chunk) {
    const limit = base + chunk;
    const local = localClock(base, zone);
    const candidates = offsetTransitions(base, limit, zone);
    for (let dd = -1; dd <= 4; dd += 1) {
      for (const wall of [bounds.start, bounds.end]) {
        candidates.push(...instantsAtWallTime(local.year, local.month, local.day + dd, wall, zone));
      }
    }
    const ordered = candidates.filter((c) => c > base && c <= limit).sort((a, b) => a - b);
    for (const c of ordered) {
      if (isQuietMinute(localClock(c, zone).minuteOfDay, bounds) !== quietNow) return c;
    }
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * `at` itself when calling is allowed then; otherwise the first allowed instant, i.e. the end of
 * the quiet span in local time (DST-correct: when the end time falls in a spring-forward gap,
 * the instant of the transition; on a fall-back day, the occurrence that actually ends the span).
 */
export function nextAllowedTime(at: number, zone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): number {
  if (!isQuiet(at, zone, quiet)) return at;
  return nextStateChange(at, zone, quiet);
}

/**
 * The first quiet instant at or after `at` (`at` itself if it is quiet); Infinity when there
 * are no quiet hours.
 */
export function nextQuietStart(at: number, zone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): number {
  if (isQuiet(at, zone, quiet)) return at;
  return nextStateChange(at, zone, quiet);
}

/** The first allowed sub-span of [start, end), or null if the whole window is quiet (or empty). */
export function allowedPartOfWindow(
  start: number,
  end: number,
  zone: string,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
): { start: number; end: number } | null {
  if (!(end > start)) return null;
  const from = nextAllowedTime(start, zone, quiet);
  if (from >= end) return null;
  return { start: from, end: Math.min(end, nextQuietStart(from, zone, quiet)) };
}
