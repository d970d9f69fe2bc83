/**
 * All derived customer metrics from booking facts, in one pass. The core uses it to store the
 * tier for list sorting; the renderer recomputes it from cached bookings while offline, so both
 * must agree — hence one shared, pure function.
 */
import { customerLifetimeValue, DEFAULT_CLV_PARAMS, type ClvParams } from './clv';
import { deepFreeze } from './deep-freeze';
import { lifecycleStage, type LifecycleStage } from './lifecycle';
import { DEFAULT_RFM_BREAKPOINTS, rfmScore, type RfmBreakpoints, type RfmScore } from './rfm';
import { effectiveEventTime, isWithinTrailingYear } from './time';
import { DEFAULT_TIER_THRESHOLDS, valueTier, type TierThresholds, type ValueTier } from './value-tier';

export interface BookingFact {
  bookedAt: number;
  amountCents: number;
  marginCents: number;
  status: 'confirmed' | 'completed' | 'cancelled';
}

export interface MetricsConfig {
  tiers: TierThresholds;
  rfm: RfmBreakpoints;
  clv: ClvParams;
}

export const DEFAULT_METRICS_CONFIG: MetricsConfig = deepFreeze({
  tiers: DEFAULT_TIER_THRESHOLDS,
  rfm: DEFAULT_RFM_BREAKPOINTS,
  clv: DEFAULT_CLV_PARAMS,
});

export interface CustomerMetrics {
  profit12mCents: number;
  revenue12mCents: number;
  bookings12m: number;
  lastBookingAt: number | null;
  tier: ValueTier;
  rfm: RfmScore;
  /** CLV projected from the trailing-12-month profit as the annual margin. */
  clvCents: number;
  lifecycle: LifecycleStage;
}

/** Corrupt money (NaN/Infinity) counts as 0 so one bad row cannot poison every sum. */
function cents(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/**
 * Rules:
 * - cancelled bookings are ignored entirely;
 * - timestamps beyond clock-skew tolerance in the future, or non-finite, are ignored
 *   (see effectiveEventTime);
 * - trailing 12 months = the 365 days ending at `now`, inclusive;
 * - a fact with a negative amount is a refund/adjustment: it reduces revenue and profit but is
 *   not a purchase, so it does not count as a booking, move lastBookingAt or feed lifecycle.
 */
export function customerMetrics(
  bookings: readonly BookingFact[],
  now: number,
  config = DEFAULT_METRICS_CONFIG,
): CustomerMetrics {
  let profit12mCents = 0;
  let revenue12mCents = 0;
  let bookings12m = 0;
  let lastBookingAt: number | null = null;
  const purchaseTimes: number[] = [];

  for (const b of bookings) {
    if (b.status === 'cancelled') continue;
    const at = effectiveEventTime(b.bookedAt, now);
    if (at === null) continue;
    const amount = cents(b.amountCents);
    const isPurchase = amount >= 0;
    if (isPurchase) {
      purchaseTimes.push(at);
      if (lastBookingAt === null || at > lastBookingAt) lastBookingAt = at;
    }
    if (!isWithinTrailingYear(at, now)) continue;
    revenue12mCents += amount;
    profit12mCents += cents(b.marginCents);
    if (isPurchase) bookings12m++;
  }

  return {
    profit12mCents,
    revenue12mCents,
    bookings12m,
    lastBookingAt,
    tier: valueTier(profit12mCents, config.tiers),
    rfm: rfmScore(
      { lastPurchaseAt: lastBookingAt, purchases12m: bookings12m, monetary12mCents: revenue12mCents },
      now,
      config.rfm,
    ),
    clvCents: customerLifetimeValue(profit12mCents, config.clv),
    lifecycle: lifecycleStage(purchaseTimes, now),
  };
}
