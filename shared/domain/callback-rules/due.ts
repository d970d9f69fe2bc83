export type DueState = 'upcoming' | 'due' | 'overdue';

/** upcoming before the window, due while inside [windowStart, windowEnd), overdue from windowEnd on. */
export function dueState(windowStart: number, windowEnd: number, now: number): DueState {
  if (now < windowStart) return 'upcoming';
  if (now < windowEnd) return 'due';
  return 'overdue';
}

/** Whether a callback is overdue by at least `thresholdMinutes` (negative thresholds count as 0). */
export function isEscalationDue(windowEnd: number, now: number, thresholdMinutes: number): boolean {
  const threshold = Number.isFinite(thresholdMinutes) ? Math.max(thresholdMinutes, 0) : 0;
  return now - windowEnd >= threshold * 60_000;
}

export const MAX_SNOOZE_MINUTES = 24 * 60;

/** When a snoozed reminder fires again; minutes are clamped to 1..1440 (NaN → 1). */
export function snoozeUntil(now: number, minutes: number): number {
  const m = Number.isNaN(minutes) ? 1 : Math.min(Math.max(minutes, 1), MAX_SNOOZE_MINUTES);
  return now + m * 60_000;
}
