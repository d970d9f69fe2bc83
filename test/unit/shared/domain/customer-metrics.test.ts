import { describe, expect, it } from 'vitest';
import { DEFAULT_CLV_PARAMS } from '../../../../shared/domain/clv';
import {
  customerMetrics,
  DEFAULT_METRICS_CONFIG,
  type BookingFact,
  type MetricsConfig,
} from '../../../../shared/domain/customer-metrics';
import { DEFAULT_RFM_BREAKPOINTS } from '../../../../shared/domain/rfm';
import { DEFAULT_TIER_THRESHOLDS } from '../../../../shared/domain/value-tier';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);
const ago = (days: number) => NOW - days * DAY;
const booking = (daysAgo: number, amountCents: number, marginCents: number, status: BookingFact['status'] = 'completed'): BookingFact => ({
  bookedAt: ago(daysAgo),
  amountCents,
  marginCents,
  status,
});

describe('DEFAULT_METRICS_CONFIG', () => {
  it('bundles the module defaults', () => {
    expect(DEFAULT_METRICS_CONFIG).toEqual({ tiers: DEFAULT_TIER_THRESHOLDS, rfm: DEFAULT_RFM_BREAKPOINTS, clv: DEFAULT_CLV_PARAMS });
  });
});

describe('customerMetrics', () => {
  it('describes a customer without bookings', () => {
    expect(customerMetrics([], NOW)).toEqual({
      profit12mCents: 0,
      revenue12mCents: 0,
      bookings12m: 0,
      lastBookingAt: null,
      tier: 'lead',
      rfm: { r: 1, f: 1, m: 1, code: '111' },
      clvCents: 0,
      lifecycle: 'exploration',
    });
  });

  it('combines all metrics for a typical customer', () => {
    const bookings = [
      booking(10, 800_000, 120_000, 'confirmed'),
      booking(100, 1_500_000, 300_000),
      booking(200, 300_000, 90_000, 'cancelled'), // ignored entirely
      booking(400, 5_000_000, 1_000_000), // outside the trailing 12 months
    ];
    expect(customerMetrics(bookings, NOW)).toEqual({
      profit12mCents: 420_000, // 120,000 + 300,000
      revenue12mCents: 2_300_000, // 800,000 + 1,500,000
      bookings12m: 2,
      lastBookingAt: ago(10),
      tier: 'iron', // ¥4,200 profit: ≥ ¥500, < ¥5,000
      rfm: { r: 5, f: 3, m: 4, code: '534' }, // 10 days; 2 purchases; ¥23,000 ≥ ¥20,000
      // 420,000 × 2.5408921730 (Σ 0.75^(t−1)/1.08^t, t = 1..5) = 1,067,174.71
      clvCents: 1_067_175,
      lifecycle: 'formation', // first purchase 400 days ago, only 1 before the trailing year
    });
  });

  it('counts a booking exactly 365 days old but not one a millisecond older', () => {
    const edge = customerMetrics([{ bookedAt: NOW - 365 * DAY, amountCents: 1000, marginCents: 100, status: 'completed' }], NOW);
    expect(edge).toMatchObject({ bookings12m: 1, revenue12mCents: 1000, profit12mCents: 100 });
    const older = customerMetrics([{ bookedAt: NOW - 365 * DAY - 1, amountCents: 1000, marginCents: 100, status: 'completed' }], NOW);
    expect(older).toMatchObject({ bookings12m: 0, revenue12mCents: 0, profit12mCents: 0, lastBookingAt: NOW - 365 * DAY - 1 });
  });

  it('does not let a cancelled booking move the last booking date', () => {
    const m = customerMetrics([booking(50, 1000, 100), booking(1, 9999, 999, 'cancelled')], NOW);
    expect(m.lastBookingAt).toBe(ago(50));
    expect(m.bookings12m).toBe(1);
  });

  it('nets refunds into money but not into purchase counts or dates', () => {
    const m = customerMetrics([booking(60, 1_000_000, 600_000), booking(5, -400_000, -400_000)], NOW);
    expect(m).toMatchObject({
      revenue12mCents: 600_000,
      profit12mCents: 200_000,
      bookings12m: 1,
      lastBookingAt: ago(60),
      tier: 'iron',
    });
    expect(m.rfm.r).toBe(4); // 60 days, not 5
  });

  it('ranks a loss-making customer as lead with a negative CLV', () => {
    const m = customerMetrics([booking(30, 100_000, 50_000), booking(20, -300_000, -150_000)], NOW);
    expect(m.profit12mCents).toBe(-100_000);
    expect(m.tier).toBe('lead');
    expect(m.clvCents).toBe(-254_089);
    expect(m.rfm.m).toBe(1);
  });

  it('counts a booking with corrupt money as a purchase worth 0', () => {
    const m = customerMetrics([booking(3, Number.NaN, Number.NaN), booking(4, 1000, 200)], NOW);
    expect(m).toMatchObject({ revenue12mCents: 1000, profit12mCents: 200, bookings12m: 2, lastBookingAt: ago(3) });
  });

  it('ignores far-future bookings but keeps slightly skewed ones as now', () => {
    const bogus = { bookedAt: Date.UTC(2099, 0, 1), amountCents: 9_000_000, marginCents: 9_000_000, status: 'confirmed' } as const;
    const skewed = { bookedAt: NOW + 60_000, amountCents: 1000, marginCents: 100, status: 'confirmed' } as const;
    expect(customerMetrics([bogus], NOW)).toMatchObject({ bookings12m: 0, lastBookingAt: null, tier: 'lead' });
    expect(customerMetrics([skewed], NOW)).toMatchObject({ bookings12m: 1, lastBookingAt: NOW, revenue12mCents: 1000 });
  });

  it('reaches platinum and a stable lifecycle for a long-standing big spender', () => {
    const bookings: BookingFact[] = [];
    for (let d = 15; d < 4 * 365; d += 60) bookings.push(booking(d, 2_000_000, 400_000));
    const m = customerMetrics(bookings, NOW);
    expect(m.bookings12m).toBe(6); // 15, 75, 135, 195, 255, 315 days ago
    expect(m.profit12mCents).toBe(2_400_000);
    expect(m.tier).toBe('platinum');
    expect(m.rfm.code).toBe('555');
    expect(m.lifecycle).toBe('stability');
  });

  it('applies a custom configuration', () => {
    const config: MetricsConfig = {
      tiers: { platinum: 300, gold: 200, iron: 100 },
      rfm: { recencyDays: [1, 2, 3, 4], frequency: [1, 2, 3, 4], monetaryCents: [1, 2, 3, 4] },
      clv: { annualDiscountRate: 0, retentionRate: 1, horizonYears: 2 },
    };
    const m = customerMetrics([booking(2.5, 3, 250)], NOW, config);
    expect(m.tier).toBe('gold');
    expect(m.rfm.code).toBe('324');
    expect(m.clvCents).toBe(500);
  });

  it('does not depend on booking order', () => {
    const bookings = [booking(10, 1000, 100), booking(700, 5000, 500), booking(300, 2000, 200)];
    expect(customerMetrics([...bookings].reverse(), NOW)).toEqual(customerMetrics(bookings, NOW));
  });
});
