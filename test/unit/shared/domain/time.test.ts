import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  effectiveEventTime,
  FUTURE_SKEW_TOLERANCE_MS,
  isWithinTrailingYear,
  YEAR_MS,
} from '../../../../shared/domain/time';

const NOW = Date.UTC(2026, 5, 1, 12);

describe('effectiveEventTime', () => {
  it('keeps past times unchanged', () => {
    expect(effectiveEventTime(NOW - 5 * DAY_MS, NOW)).toBe(NOW - 5 * DAY_MS);
    expect(effectiveEventTime(0, NOW)).toBe(0);
  });

  it('pulls clock-skewed future times back to now', () => {
    expect(effectiveEventTime(NOW + 1, NOW)).toBe(NOW);
    expect(effectiveEventTime(NOW + FUTURE_SKEW_TOLERANCE_MS, NOW)).toBe(NOW);
  });

  it('drops times beyond the skew tolerance and non-finite values', () => {
    expect(effectiveEventTime(NOW + FUTURE_SKEW_TOLERANCE_MS + 1, NOW)).toBeNull();
    expect(effectiveEventTime(Date.UTC(2099, 0, 1), NOW)).toBeNull();
    expect(effectiveEventTime(Number.NaN, NOW)).toBeNull();
    expect(effectiveEventTime(Number.NEGATIVE_INFINITY, NOW)).toBeNull();
  });
});

describe('isWithinTrailingYear', () => {
  it('covers exactly the 365 days ending now, both ends inclusive', () => {
    expect(YEAR_MS).toBe(365 * DAY_MS);
    expect(isWithinTrailingYear(NOW, NOW)).toBe(true);
    expect(isWithinTrailingYear(NOW - YEAR_MS, NOW)).toBe(true);
    expect(isWithinTrailingYear(NOW - YEAR_MS - 1, NOW)).toBe(false);
    expect(isWithinTrailingYear(NOW + 1, NOW)).toBe(false);
  });
});
