/**
 * Customer lifetime value: the discounted sum of expected margin over the expected relationship.
 *
 *   CLV = Σ_{t=1..T} m · r^(t−1) / (1 + d)^t
 *
 *   m = annual margin (cents), r = yearly retention probability, d = annual discount rate,
 *   T = horizon in whole years.
 *
 * Year 1 margin is certain (r^0 = 1) because the customer is active now; each later year only
 * happens if they stay (r^(t−1)). Margin is booked at the end of each year, hence (1 + d)^t.
 * The result is rounded to whole cents.
 */
import { deepFreeze } from './deep-freeze';

export interface ClvParams {
  annualDiscountRate: number;
  retentionRate: number;
  horizonYears: number;
}

/** 8 % cost of capital, 75 % of customers book again next year, 5-year planning horizon. */
export const DEFAULT_CLV_PARAMS: ClvParams = deepFreeze({
  annualDiscountRate: 0.08,
  retentionRate: 0.75,
  horizonYears: 5,
});

/** Beyond this the terms are negligible; the cap also bounds the loop for absurd input. */
export const MAX_CLV_HORIZON_YEARS = 50;

/**
 * Out-of-range parameters are clamped rather than thrown so a bad admin setting degrades the
 * number instead of breaking the customer profile: retention to [0, 1], discount rate to ≥ 0,
 * horizon to whole years in [0, MAX_CLV_HORIZON_YEARS]. Non-finite input yields 0 (unknown).
 * A negative margin (net refunds) gives a negative CLV: that customer is expected to cost money.
 */
export function customerLifetimeValue(annualMarginCents: number, params = DEFAULT_CLV_PARAMS): number {
  const { annualDiscountRate, retentionRate, horizonYears } = params;
  if (![annualMarginCents, annualDiscountRate, retentionRate, horizonYears].every(Number.isFinite)) return 0;
  const r = Math.min(1, Math.max(0, retentionRate));
  const growth = 1 + Math.max(0, annualDiscountRate);
  const years = Math.min(MAX_CLV_HORIZON_YEARS, Math.max(0, Math.floor(horizonYears)));

  let total = 0;
  let survival = 1; // r^(t−1)
  let discount = 1; // (1 + d)^t
  for (let t = 1; t <= years; t++) {
    discount *= growth;
    total += (annualMarginCents * survival) / discount;
    survival *= r;
  }
  // `+ 0` turns -0 (tiny negative margins) into 0 so equality checks and display stay clean.
  return Math.round(total) + 0;
}

/** i18n message keys returned by validateClvParams. */
export const CLV_PARAM_ERRORS = Object.freeze({
  discountRate: 'clvParams.errors.discountRate',
  retentionRate: 'clvParams.errors.retentionRate',
  horizonYears: 'clvParams.errors.horizonYears',
});

/** Error message keys for admin-entered parameters; empty when valid. */
export function validateClvParams(p: ClvParams): string[] {
  const errors: string[] = [];
  if (!(p.annualDiscountRate >= 0 && p.annualDiscountRate < 1)) errors.push(CLV_PARAM_ERRORS.discountRate);
  if (!(p.retentionRate >= 0 && p.retentionRate <= 1)) errors.push(CLV_PARAM_ERRORS.retentionRate);
  if (!(Number.isInteger(p.horizonYears) && p.horizonYears >= 1 && p.horizonYears <= MAX_CLV_HORIZON_YEARS)) {
    errors.push(CLV_PARAM_ERRORS.horizonYears);
  }
  return errors;
}
