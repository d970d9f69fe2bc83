import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  allowedPartOfWindow,
  decideAfterAttempt,
  DEFAULT_QUIET_HOURS,
  isQuiet,
  nextAllowedTime,
  type QuietHours,
  type RetryPolicy,
} from '../../../../../shared/domain/callback-rules';

const MIN = 60_000;
const HOUR = 60 * MIN;

// DST zones both hemispheres, half-hour offsets and a 30-minute DST shift (Lord Howe), plus no-DST zones.
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Paris',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Tokyo',
];

const hm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const zoneArb = fc.constantFrom(...ZONES);
const instantArb = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
// Mostly around DST transitions of 2026, so those nights are actually exercised.
const dstNights = [
  Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1),
  Date.UTC(2026, 3, 4, 16), Date.UTC(2026, 9, 3, 16), Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 8, 26, 14),
];
const nearDstArb = fc
  .tuple(fc.constantFrom(...dstNights), fc.integer({ min: -36 * HOUR, max: 36 * HOUR }))
  .map(([t, d]) => t + d);
const atArb = fc.oneof(instantArb, nearDstArb);
const quietArb: fc.Arbitrary<QuietHours> = fc.oneof(
  fc.constant(DEFAULT_QUIET_HOURS),
  fc
    .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ start: hm(a), end: hm(b) })),
);

/** Every minute of [from, to) plus its last millisecond is allowed. */
function allAllowed(from: number, to: number, zone: string, quiet: QuietHours): boolean {
  for (let t = from; t < to; t += MIN) if (isQuiet(t, zone, quiet)) return false;
  return !isQuiet(to - 1, zone, quiet);
}

/** Every minute of [from, to) plus its last millisecond is quiet. */
function allQuiet(from: number, to: number, zone: string, quiet: QuietHours): boolean {
  for (let t = from; t < to; t += MIN) if (!isQuiet(t, zone, quiet)) return false;
  return to <= from || isQuiet(to - 1, zone, quiet);
}

describe('properties', () => {
  it('nextAllowedTime is ≥ its input, never quiet, and the first allowed instant', () => {
    fc.assert(
      fc.property(atArb, zoneArb, quietArb, (at, zone, quiet) => {
        const next = nextAllowedTime(at, zone, quiet);
        expect(next).toBeGreaterThanOrEqual(at);
        expect(isQuiet(next, zone, quiet)).toBe(false);
        expect(allQuiet(at, next, zone, quiet)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('allowedPartOfWindow lies inside the window, is entirely allowed, and nothing before it is', () => {
    fc.assert(
      fc.property(atArb, fc.integer({ min: 1, max: 30 * HOUR }), zoneArb, quietArb, (start, length, zone, quiet) => {
        const end = start + length;
        const part = allowedPartOfWindow(start, end, zone, quiet);
        if (part === null) {
          expect(allQuiet(start, end, zone, quiet)).toBe(true);
          return;
        }
        expect(part.start).toBeGreaterThanOrEqual(start);
        expect(part.end).toBeGreaterThan(part.start);
        expect(part.end).toBeLessThanOrEqual(end);
        expect(allQuiet(start, part.start, zone, quiet)).toBe(true);
        expect(allAllowed(part.start, part.end, zone, quiet)).toBe(true);
        if (part.end < end) expect(isQuiet(part.end, zone, quiet)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a rescheduled attempt starts ≥ now, is non-empty, and has no instant inside quiet hours', () => {
    const outcomeArb = fc.constantFrom<AttemptOutcome>('reached', 'no_answer', 'busy', 'voicemail', 'wrong_number');
    const policyArb: fc.Arbitrary<RetryPolicy | undefined> = fc.oneof(
      fc.constant(undefined),
      fc.record({
        maxAttempts: fc.integer({ min: 1, max: 8 }),
        spacingMinutes: fc.array(fc.integer({ min: 1, max: 3 * 24 * 60 }), { minLength: 1, maxLength: 4 }),
        giveUpAfterHours: fc.integer({ min: 1, max: 240 }),
      }),
    );
    fc.assert(
      fc.property(
        atArb,
        zoneArb,
        quietArb,
        outcomeArb,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 96 * HOUR }),
        fc.integer({ min: -HOUR, max: 8 * HOUR }),
        policyArb,
        (now, zone, quiet, outcome, attemptsSoFar, sinceFirstDue, windowLength, policy) => {
          const firstDueAt = now - sinceFirstDue;
          const decision = decideAfterAttempt({
            outcome,
            attemptsSoFar,
            firstDueAt,
            windowStart: firstDueAt,
            windowEnd: firstDueAt + windowLength,
            zone,
            now,
            policy,
            quiet,
          });
          if (outcome === 'reached') expect(decision).toEqual({ kind: 'done' });
          if (decision.kind !== 'reschedule') return;
          expect(decision.start).toBeGreaterThanOrEqual(now);
          expect(decision.end).toBeGreaterThan(decision.start);
          expect(decision.end - decision.start).toBeLessThanOrEqual(Math.max(windowLength, 30 * MIN));
          expect(allAllowed(decision.start, decision.end, zone, quiet)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
