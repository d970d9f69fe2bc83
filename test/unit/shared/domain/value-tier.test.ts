import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIER_THRESHOLDS,
  TIER_THRESHOLD_ERRORS,
  VALUE_TIERS,
  validateTierThresholds,
  valueTier,
} from '../../../../shared/domain/value-tier';

const YUAN = 100;

describe('VALUE_TIERS', () => {
  it('lists tiers best first', () => {
    expect(VALUE_TIERS).toEqual(['platinum', 'gold', 'iron', 'lead']);
  });
});

describe('DEFAULT_TIER_THRESHOLDS', () => {
  it('uses ¥20,000 / ¥5,000 / ¥500 profit a year', () => {
    expect(DEFAULT_TIER_THRESHOLDS).toEqual({ platinum: 20_000 * YUAN, gold: 5_000 * YUAN, iron: 500 * YUAN });
    expect(validateTierThresholds(DEFAULT_TIER_THRESHOLDS)).toEqual([]);
  });

  it('cannot be changed by a careless caller', () => {
    expect(() => {
      (DEFAULT_TIER_THRESHOLDS as { gold: number }).gold = 1;
    }).toThrow(TypeError);
  });
});

describe('valueTier', () => {
  it.each([
    [20_000 * YUAN, 'platinum'], // thresholds are inclusive minimums
    [20_000 * YUAN - 1, 'gold'],
    [1_000_000 * YUAN, 'platinum'],
    [5_000 * YUAN, 'gold'],
    [5_000 * YUAN - 1, 'iron'],
    [500 * YUAN, 'iron'],
    [500 * YUAN - 1, 'lead'],
    [0, 'lead'],
    [-3_000 * YUAN, 'lead'], // net refunds
    [Number.NaN, 'lead'],
    [Number.NEGATIVE_INFINITY, 'lead'],
    [Number.POSITIVE_INFINITY, 'platinum'],
  ] as const)('profit %d cents → %s', (profit, tier) => {
    expect(valueTier(profit)).toBe(tier);
  });

  it('applies custom thresholds', () => {
    const t = { platinum: 300, gold: 200, iron: 100 };
    expect([350, 250, 150, 50].map((p) => valueTier(p, t))).toEqual(['platinum', 'gold', 'iron', 'lead']);
  });

  it('with an iron threshold of 0 makes every non-losing customer iron', () => {
    const t = { platinum: 300, gold: 200, iron: 0 };
    expect(valueTier(0, t)).toBe('iron');
    expect(valueTier(-1, t)).toBe('lead');
  });
});

describe('validateTierThresholds', () => {
  it('accepts strictly descending non-negative integers', () => {
    expect(validateTierThresholds({ platinum: 3, gold: 2, iron: 0 })).toEqual([]);
  });

  it('rejects equal neighbours (a tier would be unreachable)', () => {
    expect(validateTierThresholds({ platinum: 500, gold: 500, iron: 100 })).toEqual([TIER_THRESHOLD_ERRORS.notDescending]);
    expect(validateTierThresholds({ platinum: 500, gold: 100, iron: 100 })).toEqual([TIER_THRESHOLD_ERRORS.notDescending]);
  });

  it('rejects ascending thresholds', () => {
    expect(validateTierThresholds({ platinum: 100, gold: 200, iron: 300 })).toEqual([TIER_THRESHOLD_ERRORS.notDescending]);
  });

  it('rejects negative thresholds', () => {
    expect(validateTierThresholds({ platinum: 200, gold: 100, iron: -1 })).toEqual([TIER_THRESHOLD_ERRORS.negative]);
  });

  it('reports every problem at once', () => {
    expect(validateTierThresholds({ platinum: -1, gold: 0, iron: 5 })).toEqual([
      TIER_THRESHOLD_ERRORS.negative,
      TIER_THRESHOLD_ERRORS.notDescending,
    ]);
  });

  it.each([Number.NaN, 1.5, Number.POSITIVE_INFINITY])('rejects the non-integer value %d alone', (bad) => {
    expect(validateTierThresholds({ platinum: 300, gold: bad, iron: 100 })).toEqual([TIER_THRESHOLD_ERRORS.notInteger]);
  });

  it('returns i18n keys', () => {
    for (const key of Object.values(TIER_THRESHOLD_ERRORS)) expect(key).toMatch(/^tierThresholds\.errors\.\w+$/);
  });
});
