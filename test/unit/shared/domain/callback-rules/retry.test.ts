import { describe, expect, it } from 'vitest';
import {
  type AttemptInput,
  decideAfterAttempt,
  DEFAULT_RETRY_POLICY,
  validateRetryPolicy,
} from '../../../../../shared/domain/callback-rules';

const Z = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
const MIN = 60_000;
const HOUR = 60 * MIN;
const SH = 'Asia/Shanghai';

// Callback first due 10:00–11:00 Shanghai on 2026-06-01.
const FIRST = Z(2026, 6, 1, 2);
const attempt = (over: Partial<AttemptInput>): AttemptInput => ({
  outcome: 'no_answer',
  attemptsSoFar: 1,
  firstDueAt: FIRST,
  windowStart: FIRST,
  windowEnd: FIRST + HOUR,
  zone: SH,
  now: FIRST + 5 * MIN,
  ...over,
});

describe('validateRetryPolicy', () => {
  it('accepts the default policy', () => {
    expect(validateRetryPolicy(DEFAULT_RETRY_POLICY)).toEqual([]);
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, spacingMinutes: [30, 120, 1440], giveUpAfterHours: 72 });
  });

  it('reports each problem as an i18n key', () => {
    expect(validateRetryPolicy({ maxAttempts: 0, spacingMinutes: [], giveUpAfterHours: 0 })).toEqual([
      'retryPolicy.errors.maxAttemptsRange',
      'retryPolicy.errors.spacingRequired',
      'retryPolicy.errors.giveUpAfterHoursRange',
    ]);
    expect(validateRetryPolicy({ maxAttempts: 2.5, spacingMinutes: [30, -1], giveUpAfterHours: Number.NaN })).toEqual([
      'retryPolicy.errors.maxAttemptsRange',
      'retryPolicy.errors.spacingRange',
      'retryPolicy.errors.giveUpAfterHoursRange',
    ]);
    expect(validateRetryPolicy({ maxAttempts: 21, spacingMinutes: [0], giveUpAfterHours: 24 * 31 })).toHaveLength(3);
    expect(validateRetryPolicy({ maxAttempts: 20, spacingMinutes: [1, 10080], giveUpAfterHours: 720 })).toEqual([]);
  });
});

describe('decideAfterAttempt', () => {
  it('reached → done and wrong_number → failed, whatever the count', () => {
    expect(decideAfterAttempt(attempt({ outcome: 'reached', attemptsSoFar: 9 }))).toEqual({ kind: 'done' });
    expect(decideAfterAttempt(attempt({ outcome: 'wrong_number' }))).toEqual({ kind: 'failed', reason: 'wrong_number' });
  });

  it('no answer ×3 follows the spacing (30 min, 2 h, 1 day), then fails at max attempts', () => {
    const first = decideAfterAttempt(attempt({ attemptsSoFar: 1, now: FIRST + 5 * MIN }));
    expect(first).toEqual({ kind: 'reschedule', start: FIRST + 35 * MIN, end: FIRST + 95 * MIN });
    const second = decideAfterAttempt(attempt({ attemptsSoFar: 2, now: FIRST + 40 * MIN }));
    expect(second).toEqual({ kind: 'reschedule', start: FIRST + 160 * MIN, end: FIRST + 220 * MIN });
    const third = decideAfterAttempt(attempt({ outcome: 'voicemail', attemptsSoFar: 3, now: FIRST + 165 * MIN }));
    expect(third).toEqual({ kind: 'reschedule', start: FIRST + 24 * HOUR + 165 * MIN, end: FIRST + 24 * HOUR + 225 * MIN });
    expect(decideAfterAttempt(attempt({ attemptsSoFar: 4, now: FIRST + 24 * HOUR + 170 * MIN }))).toEqual({
      kind: 'failed',
      reason: 'max_attempts',
    });
  });

  it('repeats the last spacing value', () => {
    const policy = { maxAttempts: 10, spacingMinutes: [15, 45], giveUpAfterHours: 72 };
    const d = decideAfterAttempt(attempt({ attemptsSoFar: 5, policy }));
    expect(d).toEqual({ kind: 'reschedule', start: FIRST + 50 * MIN, end: FIRST + 110 * MIN });
  });

  it('busy retries after 10 minutes regardless of the policy spacing', () => {
    expect(decideAfterAttempt(attempt({ outcome: 'busy', attemptsSoFar: 3 }))).toEqual({
      kind: 'reschedule',
      start: FIRST + 15 * MIN,
      end: FIRST + 75 * MIN,
    });
  });

  it('gives up once giveUpAfterHours have passed since first due, or when the retry would land after that', () => {
    const deadline = FIRST + 72 * HOUR;
    expect(decideAfterAttempt(attempt({ now: deadline }))).toEqual({ kind: 'failed', reason: 'gave_up' });
    expect(decideAfterAttempt(attempt({ now: deadline - 20 * MIN }))).toEqual({ kind: 'failed', reason: 'gave_up' });
    expect(decideAfterAttempt(attempt({ now: deadline - 40 * MIN }))).toEqual({
      kind: 'reschedule',
      start: deadline - 10 * MIN,
      end: deadline + 50 * MIN,
    });
    // max attempts is reported before gave_up
    expect(decideAfterAttempt(attempt({ attemptsSoFar: 4, now: deadline }))).toEqual({
      kind: 'failed',
      reason: 'max_attempts',
    });
  });

  it('keeps at least 30 minutes of window', () => {
    expect(decideAfterAttempt(attempt({ windowEnd: FIRST + 10 * MIN }))).toEqual({
      kind: 'reschedule',
      start: FIRST + 35 * MIN,
      end: FIRST + 65 * MIN,
    });
  });

  it('cuts the window at the quiet start (21:00 Shanghai)', () => {
    // now 20:00 → 20:30–21:30 → cut to 20:30–21:00
    expect(decideAfterAttempt(attempt({ now: Z(2026, 6, 1, 12) }))).toEqual({
      kind: 'reschedule',
      start: Z(2026, 6, 1, 12, 30),
      end: Z(2026, 6, 1, 13),
    });
  });

  it('moves to the next morning when less than 5 minutes would remain before quiet hours', () => {
    // now 20:47, busy → 20:57, only 3 min left → 09:00–10:00 next day
    expect(decideAfterAttempt(attempt({ outcome: 'busy', now: Z(2026, 6, 1, 12, 47) }))).toEqual({
      kind: 'reschedule',
      start: Z(2026, 6, 2, 1),
      end: Z(2026, 6, 2, 2),
    });
    // exactly 5 min left is kept
    expect(decideAfterAttempt(attempt({ outcome: 'busy', now: Z(2026, 6, 1, 12, 45) }))).toEqual({
      kind: 'reschedule',
      start: Z(2026, 6, 1, 12, 55),
      end: Z(2026, 6, 1, 13),
    });
  });

  it('a retry falling in quiet hours starts at the next allowed morning', () => {
    // now 22:00 → 22:30 is quiet → 09:00–10:00
    expect(decideAfterAttempt(attempt({ now: Z(2026, 6, 1, 14) }))).toEqual({
      kind: 'reschedule',
      start: Z(2026, 6, 2, 1),
      end: Z(2026, 6, 2, 2),
    });
  });

  it('DST: New York spring forward and Sydney autumn', () => {
    // NY 2026-03-07 22:00 EST, no answer → 22:30 quiet → 09:00 EDT on 03-08 = 13:00Z
    const ny = { zone: 'America/New_York', firstDueAt: Z(2026, 3, 7, 20), windowStart: Z(2026, 3, 7, 20), windowEnd: Z(2026, 3, 7, 21) };
    expect(decideAfterAttempt(attempt({ ...ny, now: Z(2026, 3, 8, 3) }))).toEqual({
      kind: 'reschedule',
      start: Z(2026, 3, 8, 13),
      end: Z(2026, 3, 8, 14),
    });
    // Sydney 2026-04-04 21:30 AEDT busy → 21:40 quiet → 09:00 AEST on 04-05 = 04-04 23:00Z
    const syd = { zone: 'Australia/Sydney', firstDueAt: Z(2026, 4, 4, 9), windowStart: Z(2026, 4, 4, 9), windowEnd: Z(2026, 4, 4, 10) };
    expect(decideAfterAttempt(attempt({ ...syd, outcome: 'busy', now: Z(2026, 4, 4, 10, 30) }))).toEqual({
      kind: 'reschedule',
      start: Z(2026, 4, 4, 23),
      end: Z(2026, 4, 5, 0),
    });
  });
});
