import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RFM_BREAKPOINTS,
  RFM_BREAKPOINT_ERRORS,
  rfmScore,
  validateRfmBreakpoints,
  type RfmBreakpoints,
} from '../../../../shared/domain/rfm';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);
const daysAgo = (d: number) => NOW - d * DAY;
const input = (over: Partial<Parameters<typeof rfmScore>[0]> = {}) => ({
  lastPurchaseAt: daysAgo(10),
  purchases12m: 1,
  monetary12mCents: 0,
  ...over,
});

describe('rfmScore recency', () => {
  it.each([
    [0, 5],
    [30, 5], // boundaries are inclusive: exactly 30 days is still "just bought"
    [30.0001, 4],
    [90, 4],
    [91, 3],
    [180, 3],
    [181, 2],
    [365, 2],
    [366, 1],
    [3650, 1],
  ])('%d days ago → r=%d', (days, r) => {
    expect(rfmScore(input({ lastPurchaseAt: daysAgo(days) }), NOW).r).toBe(r);
  });

  it('gives r=1 to a customer who never purchased', () => {
    expect(rfmScore(input({ lastPurchaseAt: null }), NOW).r).toBe(1);
  });

  it('treats a purchase stamped minutes in the future (clock skew) as now', () => {
    expect(rfmScore(input({ lastPurchaseAt: NOW + 5 * 60_000 }), NOW).r).toBe(5);
  });

  it('ignores an absurd future timestamp instead of scoring it as recent', () => {
    expect(rfmScore(input({ lastPurchaseAt: Date.UTC(2099, 0, 1) }), NOW).r).toBe(1);
  });

  it('treats a NaN timestamp as unknown', () => {
    expect(rfmScore(input({ lastPurchaseAt: Number.NaN }), NOW).r).toBe(1);
  });
});

describe('rfmScore frequency', () => {
  it.each([
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 4],
    [5, 5],
    [40, 5],
    [-1, 1],
    [Number.NaN, 1],
  ])('%d purchases in 12 months → f=%d', (n, f) => {
    expect(rfmScore(input({ purchases12m: n }), NOW).f).toBe(f);
  });
});

describe('rfmScore monetary', () => {
  it.each([
    [0, 1],
    [99_999, 1],
    [100_000, 2], // ¥1,000
    [499_999, 2],
    [500_000, 3], // ¥5,000
    [2_000_000, 4], // ¥20,000
    [4_999_999, 4],
    [5_000_000, 5], // ¥50,000
    [-250_000, 1], // net refunds
    [Number.NaN, 1],
  ])('%d cents → m=%d', (cents, m) => {
    expect(rfmScore(input({ monetary12mCents: cents }), NOW).m).toBe(m);
  });
});

describe('rfmScore', () => {
  it('concatenates r, f and m into the code', () => {
    expect(rfmScore({ lastPurchaseAt: daysAgo(45), purchases12m: 5, monetary12mCents: 600_000 }, NOW)).toEqual({
      r: 4,
      f: 5,
      m: 3,
      code: '453',
    });
    expect(rfmScore({ lastPurchaseAt: null, purchases12m: 0, monetary12mCents: 0 }, NOW).code).toBe('111');
  });

  it('uses custom breakpoints', () => {
    const b: RfmBreakpoints = { recencyDays: [1, 2, 3, 4], frequency: [10, 20, 30, 40], monetaryCents: [1, 2, 3, 4] };
    expect(rfmScore({ lastPurchaseAt: daysAgo(3), purchases12m: 25, monetary12mCents: 4 }, NOW, b).code).toBe('335');
  });
});

describe('validateRfmBreakpoints', () => {
  it('accepts the defaults', () => {
    expect(validateRfmBreakpoints(DEFAULT_RFM_BREAKPOINTS)).toEqual([]);
  });

  it('rejects non-ascending rows', () => {
    const b: RfmBreakpoints = { ...DEFAULT_RFM_BREAKPOINTS, frequency: [1, 2, 2, 5] };
    expect(validateRfmBreakpoints(b)).toEqual([RFM_BREAKPOINT_ERRORS.notAscending]);
  });

  it('rejects negative boundaries', () => {
    const b: RfmBreakpoints = { ...DEFAULT_RFM_BREAKPOINTS, recencyDays: [-1, 90, 180, 365] };
    expect(validateRfmBreakpoints(b)).toEqual([RFM_BREAKPOINT_ERRORS.negative]);
  });

  it('rejects non-finite boundaries alone', () => {
    const b: RfmBreakpoints = { ...DEFAULT_RFM_BREAKPOINTS, monetaryCents: [1, Number.NaN, 0, 4] };
    expect(validateRfmBreakpoints(b)).toEqual([RFM_BREAKPOINT_ERRORS.notFinite]);
  });

  it('protects the shared defaults from mutation', () => {
    expect(() => {
      DEFAULT_RFM_BREAKPOINTS.recencyDays[0] = 1;
    }).toThrow(TypeError);
  });
});
