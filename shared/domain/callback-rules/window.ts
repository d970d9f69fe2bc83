import { allowedPartOfWindow, DEFAULT_QUIET_HOURS, type QuietHours } from './quiet-hours';
import { isValidZone } from './zone';

export type WindowRefusal =
  | 'window_inverted'
  | 'window_in_past'
  | 'window_too_short'
  | 'window_in_quiet_hours'
  | 'do_not_contact'
  | 'invalid_zone';

export const DEFAULT_MIN_WINDOW_MINUTES = 5;

export interface CallbackWindowInput {
  start: number;
  end: number;
  zone: string;
  now: number;
  doNotContact: boolean;
  quiet?: QuietHours;
  /** Default 5. */
  minMinutes?: number;
}

/**
 * Checks a due window before a callback is created. Refusals are checked in this order:
 * do_not_contact (the customer's consent wins over everything), invalid_zone, window_inverted
 * (end ≤ start), window_in_past (end ≤ now), window_too_short (end − start < minMinutes),
 * window_in_quiet_hours (no allowed instant in the part of the window still ahead, i.e.
 * [max(start, now), end)). A window that is only partly quiet is accepted; the scheduler uses
 * its allowed part (see allowedPartOfWindow).
 */
export function validateCallbackWindow(
  input: CallbackWindowInput,
): { ok: true } | { ok: false; reason: WindowRefusal } {
  const { start, end, zone, now, doNotContact } = input;
  const quiet = input.quiet ?? DEFAULT_QUIET_HOURS;
  const minMinutes = input.minMinutes ?? DEFAULT_MIN_WINDOW_MINUTES;
  if (doNotContact) return { ok: false, reason: 'do_not_contact' };
  if (!isValidZone(zone)) return { ok: false, reason: 'invalid_zone' };
  if (!(Number.isFinite(start) && Number.isFinite(end) && end > start)) return { ok: false, reason: 'window_inverted' };
  if (end <= now) return { ok: false, reason: 'window_in_past' };
  if (end - start < minMinutes * 60_000) return { ok: false, reason: 'window_too_short' };
  if (allowedPartOfWindow(Math.max(start, now), end, zone, quiet) === null) {
    return { ok: false, reason: 'window_in_quiet_hours' };
  }
  return { ok: true };
}
