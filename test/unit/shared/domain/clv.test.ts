import { describe, expect, it } from 'vitest';
import {
  CLV_PARAM_ERRORS,
  customerLifetimeValue,
  DEFAULT_CLV_PARAMS,
  MAX_CLV_HORIZON_YEARS,
  validateClvParams,
} from '../../../../shared/domain/clv';

const params = (over: Partial<typeof DEFAULT_CLV_PARAMS> = {}) => ({ ...DEFAULT_CLV_PARAMS, ...over });

describe('customerLifetimeValue', () => {
  it('matches the hand-computed sum for margin 1000, r=0.75, d=0.08, T=3', () => {
    // t=1: 1000 · 1       / 1.08     = 925.9259
    // t=2: 1000 · 0.75    / 1.1664   = 643.0041
    // t=3: 1000 · 0.5625  / 1.259712 = 446.5306
    //                           sum = 2015.4607 → 2015 cents
    expect(customerLifetimeValue(1000, { annualDiscountRate: 0.08, retentionRate: 0.75, horizonYears: 3 })).toBe(2015);
  });

  it('uses 8 % / 75 % / 5 years by default', () => {
    expect(DEFAULT_CLV_PARAMS).toEqual({ annualDiscountRate: 0.08, retentionRate: 0.75, horizonYears: 5 });
    // 92592.59 + 64300.41 + 44653.06 + 31009.07 + 21534.08 = 254089.22 → 254089
    expect(customerLifetimeValue(100_000)).toBe(254_089);
  });

  it('discounts even the first year (margin arrives at year end)', () => {
    expect(customerLifetimeValue(1000, params({ horizonYears: 1 }))).toBe(926); // 1000 / 1.08
  });

  it('is margin × years with full retention and no discounting', () => {
    expect(customerLifetimeValue(1234, { annualDiscountRate: 0, retentionRate: 1, horizonYears: 7 })).toBe(8638);
  });

  it('is only the first year when nobody is retained', () => {
    expect(customerLifetimeValue(1000, params({ retentionRate: 0 }))).toBe(926);
  });

  it('is 0 for a zero horizon or zero margin', () => {
    expect(customerLifetimeValue(1000, params({ horizonYears: 0 }))).toBe(0);
    expect(customerLifetimeValue(0)).toBe(0);
  });

  it('is negative for a loss-making customer (net refunds)', () => {
    expect(customerLifetimeValue(-100_000)).toBe(-254_089);
  });

  it('never returns negative zero', () => {
    expect(Object.is(customerLifetimeValue(-0.1), 0)).toBe(true);
  });

  it('returns 0 for non-finite input', () => {
    expect(customerLifetimeValue(Number.NaN)).toBe(0);
    expect(customerLifetimeValue(Number.POSITIVE_INFINITY)).toBe(0);
    expect(customerLifetimeValue(1000, params({ retentionRate: Number.NaN }))).toBe(0);
    expect(customerLifetimeValue(1000, params({ horizonYears: Number.POSITIVE_INFINITY }))).toBe(0);
  });

  it('clamps out-of-range parameters instead of throwing', () => {
    const full = { annualDiscountRate: 0, retentionRate: 1, horizonYears: 3 };
    expect(customerLifetimeValue(1000, { ...full, retentionRate: 1.5 })).toBe(3000);
    expect(customerLifetimeValue(1000, { ...full, retentionRate: -1 })).toBe(1000);
    expect(customerLifetimeValue(1000, { ...full, annualDiscountRate: -0.5 })).toBe(3000);
    expect(customerLifetimeValue(1000, { ...full, horizonYears: 3.9 })).toBe(3000);
    expect(customerLifetimeValue(1000, { ...full, horizonYears: -2 })).toBe(0);
    expect(customerLifetimeValue(1000, { ...full, horizonYears: 10_000 })).toBe(1000 * MAX_CLV_HORIZON_YEARS);
  });

  it('grows with retention and shrinks with the discount rate', () => {
    const base = customerLifetimeValue(100_000);
    expect(customerLifetimeValue(100_000, params({ retentionRate: 0.9 }))).toBeGreaterThan(base);
    expect(customerLifetimeValue(100_000, params({ annualDiscountRate: 0.2 }))).toBeLessThan(base);
  });
});

describe('validateClvParams', () => {
  it('accepts the defaults', () => {
    expect(validateClvParams(DEFAULT_CLV_PARAMS)).toEqual([]);
  });

  it.each([
    [{ annualDiscountRate: -0.01 }, [CLV_PARAM_ERRORS.discountRate]],
    [{ annualDiscountRate: 1 }, [CLV_PARAM_ERRORS.discountRate]],
    [{ retentionRate: 1.01 }, [CLV_PARAM_ERRORS.retentionRate]],
    [{ retentionRate: Number.NaN }, [CLV_PARAM_ERRORS.retentionRate]],
    [{ horizonYears: 0 }, [CLV_PARAM_ERRORS.horizonYears]],
    [{ horizonYears: 2.5 }, [CLV_PARAM_ERRORS.horizonYears]],
    [{ horizonYears: MAX_CLV_HORIZON_YEARS + 1 }, [CLV_PARAM_ERRORS.horizonYears]],
    [
      { annualDiscountRate: 2, retentionRate: -1, horizonYears: 0 },
      [CLV_PARAM_ERRORS.discountRate, CLV_PARAM_ERRORS.retentionRate, CLV_PARAM_ERRORS.horizonYears],
    ],
  ])('rejects %j', (over, errors) => {
    expect(validateClvParams(params(over))).toEqual(errors);
  });

  it('accepts the extremes of the valid ranges', () => {
    expect(validateClvParams({ annualDiscountRate: 0, retentionRate: 0, horizonYears: 1 })).toEqual([]);
    expect(validateClvParams({ annualDiscountRate: 0.99, retentionRate: 1, horizonYears: MAX_CLV_HORIZON_YEARS })).toEqual([]);
  });
});
