/**
 * Customer pyramid (客户金字塔): platinum / gold / iron / lead — most valuable, key, ordinary and
 * small customers — from trailing-12-month profit. Profit, not revenue, because a big spender on
 * zero-margin packages is not a valuable customer.
 */

export type ValueTier = 'platinum' | 'gold' | 'iron' | 'lead';

/** Best first. */
export const VALUE_TIERS: readonly ValueTier[] = Object.freeze(['platinum', 'gold', 'iron', 'lead']);

/** Minimum trailing-12-month profit in cents (inclusive) for each tier; below `iron` → 'lead'. */
export interface TierThresholds {
  platinum: number;
  gold: number;
  iron: number;
}

/** CNY: platinum ≥ ¥20,000 profit, gold ≥ ¥5,000, iron ≥ ¥500 a year. */
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = Object.freeze({
  platinum: 2_000_000,
  gold: 500_000,
  iron: 50_000,
});

export function valueTier(profit12mCents: number, thresholds = DEFAULT_TIER_THRESHOLDS): ValueTier {
  // NaN compares false everywhere and so lands in 'lead', the tier that promises nothing.
  if (profit12mCents >= thresholds.platinum) return 'platinum';
  if (profit12mCents >= thresholds.gold) return 'gold';
  if (profit12mCents >= thresholds.iron) return 'iron';
  return 'lead';
}

/** i18n message keys returned by validateTierThresholds. */
export const TIER_THRESHOLD_ERRORS = Object.freeze({
  notInteger: 'tierThresholds.errors.notInteger',
  negative: 'tierThresholds.errors.negative',
  notDescending: 'tierThresholds.errors.notDescending',
});

/**
 * Error message keys for an admin-entered configuration; empty when valid. Tiers must be
 * strictly descending so every tier is reachable, and non-negative so a refund-heavy
 * (loss-making) customer can never rank above 'lead'.
 */
export function validateTierThresholds(t: TierThresholds): string[] {
  const values = [t.platinum, t.gold, t.iron];
  const errors: string[] = [];
  if (!values.every(Number.isSafeInteger)) {
    // Ordering checks on NaN / fractions would only produce confusing follow-up errors.
    return [TIER_THRESHOLD_ERRORS.notInteger];
  }
  if (values.some((v) => v < 0)) errors.push(TIER_THRESHOLD_ERRORS.negative);
  if (!(t.platinum > t.gold && t.gold > t.iron)) errors.push(TIER_THRESHOLD_ERRORS.notDescending);
  return errors;
}
