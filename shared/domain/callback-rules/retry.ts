import { DEFAULT_QUIET_HOURS, nextAllowedTime, nextQuietStart, type QuietHours } from './quiet-hours';

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  /** Minutes to wait after attempt n (index n-1); the last value repeats. */
  spacingMinutes: readonly number[];
  /** No further attempts once this many hours have passed since the callback was first due. */
  giveUpAfterHours: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  spacingMinutes: Object.freeze([30, 120, 24 * 60]),
  giveUpAfterHours: 72,
});

export const MAX_RETRY_ATTEMPTS = 20;
export const MAX_SPACING_MINUTES = 7 * 24 * 60;
export const MAX_GIVE_UP_HOURS = 30 * 24;
/** A busy line is retried soon, whatever the policy's spacing. */
export const BUSY_SPACING_MINUTES = 10;
/** A rescheduled window is at least this long... */
export const MIN_RESCHEDULED_WINDOW_MINUTES = 30;
/** ...unless cut at the start of quiet hours, and then at least this long (else it moves to the next morning). */
export const MIN_CUT_WINDOW_MINUTES = 5;

/** i18n keys of everything wrong with a policy; empty when it is valid. */
export function validateRetryPolicy(p: RetryPolicy): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 1 || p.maxAttempts > MAX_RETRY_ATTEMPTS) {
    errors.push('retryPolicy.errors.maxAttemptsRange');
  }
  if (!Array.isArray(p.spacingMinutes) || p.spacingMinutes.length === 0) {
    errors.push('retryPolicy.errors.spacingRequired');
  } else if (!p.spacingMinutes.every((m) => Number.isInteger(m) && m >= 1 && m <= MAX_SPACING_MINUTES)) {
    errors.push('retryPolicy.errors.spacingRange');
  }
  if (!Number.isFinite(p.giveUpAfterHours) || p.giveUpAfterHours <= 0 || p.giveUpAfterHours > MAX_GIVE_UP_HOURS) {
    errors.push('retryPolicy.errors.giveUpAfterHoursRange');
  }
  return errors;
}

export type AttemptOutcome = 'reached' | 'no_answer' | 'busy' | 'voicemail' | 'wrong_number';

export type AttemptDecision =
  | { kind: 'done' }
  | { kind: 'failed'; reason: 'wrong_number' | 'max_attempts' | 'gave_up' }
  | { kind: 'reschedule'; start: number; end: number };

export interface AttemptInput {
  outcome: AttemptOutcome;
  /** Attempts made so far, including the one just recorded (≥ 1). */
  attemptsSoFar: number;
  /** When the callback was first due (the original window start). */
  firstDueAt: number;
  windowStart: number;
  windowEnd: number;
  zone: string;
  now: number;
  policy?: RetryPolicy;
  quiet?: QuietHours;
}

const MINUTE_MS = 60_000;

function spacingFor(input: AttemptInput, policy: RetryPolicy): number {
  if (input.outcome === 'busy') return BUSY_SPACING_MINUTES;
  const list = policy.spacingMinutes.length > 0 ? policy.spacingMinutes : DEFAULT_RETRY_POLICY.spacingMinutes;
  const index = Math.min(Math.max(Math.floor(input.attemptsSoFar) - 1, 0), list.length - 1);
  const minutes = list[index] ?? 0;
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
}

/**
 * What happens after an attempt. Order: reached → done; wrong_number → failed; attemptsSoFar ≥
 * maxAttempts → failed max_attempts; now ≥ firstDueAt + giveUpAfterHours → failed gave_up;
 * otherwise reschedule. The new window starts at nextAllowedTime(now + spacing), keeps the
 * original length (at least 30 min), and never overlaps quiet hours: if it would run into them
 * its end is cut at the quiet start (when ≥ 5 min remain), otherwise it moves to the next allowed
 * period. If the new start would already be past the give-up deadline, the callback fails as
 * gave_up instead of being scheduled after it.
 */
export function decideAfterAttempt(input: AttemptInput): AttemptDecision {
  const policy = input.policy ?? DEFAULT_RETRY_POLICY;
  const quiet = input.quiet ?? DEFAULT_QUIET_HOURS;
  const { outcome, zone, now } = input;
  if (outcome === 'reached') return { kind: 'done' };
  if (outcome === 'wrong_number') return { kind: 'failed', reason: 'wrong_number' };
  if (input.attemptsSoFar >= policy.maxAttempts) return { kind: 'failed', reason: 'max_attempts' };
  const giveUpAt = input.firstDueAt + policy.giveUpAfterHours * 60 * MINUTE_MS;
  if (now >= giveUpAt) return { kind: 'failed', reason: 'gave_up' };

  const originalLength = input.windowEnd - input.windowStart;
  const length = Math.max(
    Number.isFinite(originalLength) ? originalLength : 0,
    MIN_RESCHEDULED_WINDOW_MINUTES * MINUTE_MS,
  );
  let start = nextAllowedTime(now + spacingFor(input, policy) * MINUTE_MS, zone, quiet);
  let end = start + length;
  // Bounded: each pass moves to a later allowed period; two passes suffice for any sane quiet hours.
  for (let pass = 0; pass < 10; pass += 1) {
    const quietStart = nextQuietStart(start, zone, quiet);
    if (end <= quietStart) break;
    if (quietStart - start >= MIN_CUT_WINDOW_MINUTES * MINUTE_MS) {
      end = quietStart;
      break;
    }
    start = nextAllowedTime(quietStart, zone, quiet);
    end = start + length;
  }
  // Quiet hours leaving less than 5 allowed minutes a day (or a pathological DST day) would exhaust
  // the passes above; the window is then still never allowed to reach into quiet hours.
  end = Math.min(end, nextQuietStart(start, zone, quiet));
  if (start >= giveUpAt) return { kind: 'failed', reason: 'gave_up' };
  return { kind: 'reschedule', start, end };
}
