import { describe, expect, it } from 'vitest';
import * as domain from '../../../../shared/domain';

describe('shared/domain index', () => {
  it('re-exports the public API of every module', () => {
    const functions = [
      'normalizePhone',
      'phoneLookupKeys',
      'maskPhone',
      'formatPhone',
      'valueTier',
      'validateTierThresholds',
      'rfmScore',
      'customerLifetimeValue',
      'lifecycleStage',
      'customerMetrics',
      'searchTermsFor',
      'normalizeSearchQuery',
      'rankMatch',
    ] as const;
    for (const name of functions) expect(typeof domain[name], name).toBe('function');
    expect(domain.VALUE_TIERS).toHaveLength(4);
    expect(domain.DEFAULT_METRICS_CONFIG.tiers).toBe(domain.DEFAULT_TIER_THRESHOLDS);
    expect(domain.SEARCH_FIELD_RANK.member).toBe(0);
  });
});
