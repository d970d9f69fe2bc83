import { describe, expect, it } from 'vitest';
import {
  DECLINE_ACTIVITY_RATIO,
  DECLINE_MIN_BASELINE_PURCHASES,
  DORMANCY_DECLINE_DAYS,
  EXPLORATION_MAX_AGE_DAYS,
  FORMATION_MAX_AGE_DAYS,
  lifecycleStage,
} from '../../../../shared/domain/lifecycle';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);
const ago = (...days: number[]) => days.map((d) => NOW - d * DAY);
/** `perYear` evenly spaced purchases in each of `years` whole years ending `endDaysAgo` days ago. */
function steady(perYear: number, years: number, endDaysAgo: number): number[] {
  const out: number[] = [];
  const step = 365 / perYear;
  for (let i = 0; i < perYear * years; i++) out.push(...ago(endDaysAgo + i * step + step / 2));
  return out;
}

describe('lifecycle rule constants', () => {
  it('encode 6 months, 2 years, 18 months and half of the own average', () => {
    expect(EXPLORATION_MAX_AGE_DAYS).toBe(183);
    expect(FORMATION_MAX_AGE_DAYS).toBe(730);
    expect(DORMANCY_DECLINE_DAYS).toBe(548);
    expect(DECLINE_ACTIVITY_RATIO).toBe(0.5);
    expect(DECLINE_MIN_BASELINE_PURCHASES).toBe(2);
  });
});

describe('lifecycleStage: exploration', () => {
  it('starts with no purchase at all', () => {
    expect(lifecycleStage([], NOW)).toBe('exploration');
  });

  it('ignores unusable timestamps (NaN, far future)', () => {
    expect(lifecycleStage([Number.NaN, Date.UTC(2099, 0, 1)], NOW)).toBe('exploration');
  });

  it('covers a first purchase less than 6 months ago', () => {
    expect(lifecycleStage(ago(0), NOW)).toBe('exploration');
    expect(lifecycleStage(ago(EXPLORATION_MAX_AGE_DAYS - 0.001), NOW)).toBe('exploration');
  });

  it('counts a purchase stamped a few minutes in the future as now', () => {
    expect(lifecycleStage([NOW + 10 * 60_000], NOW)).toBe('exploration');
  });
});

describe('lifecycleStage: formation', () => {
  it('follows a single purchase once it is 6 months old', () => {
    expect(lifecycleStage(ago(EXPLORATION_MAX_AGE_DAYS), NOW)).toBe('formation');
    expect(lifecycleStage(ago(300), NOW)).toBe('formation');
  });

  it('starts at the second purchase even within the first 6 months', () => {
    expect(lifecycleStage(ago(30, 10), NOW)).toBe('formation');
  });

  it('keeps a one-off buyer from 12–18 months ago in formation (one purchase is no pattern to decline from)', () => {
    expect(lifecycleStage(ago(400), NOW)).toBe('formation');
    expect(lifecycleStage(ago(DORMANCY_DECLINE_DAYS), NOW)).toBe('formation');
  });

  it('lasts until the relationship is 2 years old', () => {
    const history = [FORMATION_MAX_AGE_DAYS - 1, 500, 300, 100, 10];
    expect(lifecycleStage(ago(...history), NOW)).toBe('formation');
  });

  it('does not depend on the order of purchase times', () => {
    expect(lifecycleStage(ago(10, 729, 300, 500, 100), NOW)).toBe('formation');
  });
});

describe('lifecycleStage: stability', () => {
  it('begins when a steady relationship turns 2 years old', () => {
    expect(lifecycleStage(ago(FORMATION_MAX_AGE_DAYS, 500, 300, 100, 10), NOW)).toBe('stability');
  });

  it('holds for a long-standing customer buying at their usual rate', () => {
    expect(lifecycleStage(steady(4, 5, 0), NOW)).toBe('stability');
  });

  it('holds when recent activity is exactly half of the own average (decline needs "below half")', () => {
    // 12 purchases in the 3 years before the trailing window = 4 a year; 2 in the last 12 months.
    const history = [...steady(4, 3, 365), ...ago(200, 20)];
    expect(lifecycleStage(history, NOW)).toBe('stability');
  });

  it('holds for a yearly traveller (low but steady rate)', () => {
    expect(lifecycleStage(ago(10, 375, 740, 1105), NOW)).toBe('stability');
  });
});

describe('lifecycleStage: decline', () => {
  it('follows 18 months without a purchase', () => {
    expect(lifecycleStage(ago(DORMANCY_DECLINE_DAYS + 0.001), NOW)).toBe('decline');
    expect(lifecycleStage(steady(4, 5, 600), NOW)).toBe('decline');
  });

  it('follows activity falling below half of the own average', () => {
    // 4 a year before the trailing window, 1 in it: 1 < 0.5 × 4.
    const history = [...steady(4, 3, 365), ...ago(20)];
    expect(lifecycleStage(history, NOW)).toBe('decline');
  });

  it('is judged against the customer’s own rate, not an absolute one', () => {
    // 1 purchase a year is normal for the yearly traveller above, but a collapse for this one.
    const frequentFlyer = [...steady(12, 3, 365), ...ago(100)];
    expect(lifecycleStage(frequentFlyer, NOW)).toBe('decline');
  });

  it('can happen within the first 2 years after a burst that stopped', () => {
    // 4 purchases 366–400 days ago, none since: the short history counts as one year (4/year).
    expect(lifecycleStage(ago(400, 390, 380, 366), NOW)).toBe('decline');
    // …while 2 purchases in the last 12 months is exactly half: still forming.
    expect(lifecycleStage(ago(400, 390, 380, 366, 100, 10), NOW)).toBe('formation');
  });

  it('is not rescued by a bogus far-future purchase', () => {
    expect(lifecycleStage([...ago(600, 700), Date.UTC(2099, 0, 1)], NOW)).toBe('decline');
  });
});
