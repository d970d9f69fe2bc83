/** Time helpers shared by the metric modules. All times are UTC epoch milliseconds. */

export const DAY_MS = 86_400_000;

/** "Trailing 12 months" is a fixed 365-day window so results don't depend on calendar or time zone. */
export const YEAR_MS = 365 * DAY_MS;

/**
 * Events stamped slightly in the future are usually clock skew between an offline desk and the
 * server, so they count as "now". Anything further out is a data error (e.g. a year-2099 typo)
 * and must not make a customer look active forever, so it is ignored.
 */
export const FUTURE_SKEW_TOLERANCE_MS = DAY_MS;

/** The time an event should be counted at, or null if the timestamp is unusable. */
export function effectiveEventTime(at: number, now: number): number | null {
  if (!Number.isFinite(at)) return null;
  if (at > now + FUTURE_SKEW_TOLERANCE_MS) return null;
  return Math.min(at, now);
}

/** Whether an (already effective) event time falls within the 365 days ending at `now`. */
export function isWithinTrailingYear(at: number, now: number): boolean {
  return at >= now - YEAR_MS && at <= now;
}
