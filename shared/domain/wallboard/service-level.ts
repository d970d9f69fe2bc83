// Which calls count where. Every rate below is computed on QUEUE LEGS with an outcome (see
// QueueCallRecord): calls still waiting count in none of them.
//
// With T = serviceLevelThresholdS and G = shortAbandonGraceS:
//   offered            every leg with an outcome: answered + abandoned + shortAbandoned + exited
//   answered           answeredAt set
//   answeredWithinT    answered with waitS <= T                     (Asterisk's own test: holdtime <= servicelevel)
//   shortAbandoned     not answered, abandonedAt set, G > 0 and waitS <= G
//   abandoned          not answered, abandonedAt set, not short
//   exited             not answered, not abandoned, endedAt set (timeout, no agents, key exit, overflow)
//   unansweredAfterT   abandoned (not short) or exited, with waitS > T
//
// Service level (percent; null when the denominator is 0, never NaN):
//   answered_of_offered   100 × answeredWithinT / (offered − shortAbandoned)
//                         = answeredWithinT / (answered + abandoned + exited). The default: every
//                         caller who waited longer than a short grace counts, and a caller who hung
//                         up at 3 s is as much a miss as one who hung up at 3 min.
//   answered_of_answered  100 × answeredWithinT / answered. Abandons and exits do not count at all
//                         (Asterisk's ServicelevelPerf).
//   abandon_excluded      100 × answeredWithinT / (answered + unansweredAfterT). Calls that gave up
//                         or left within T neither help nor hurt; those that waited past T count as
//                         misses. With no unanswered exits this is answered within T /
//                         (answered + abandoned after T).
// Abandon rate: 100 × abandoned / (offered − shortAbandoned) — short abandons are out of both.
// ASA: mean waitS over answered legs (including those still talking).
// AHT: mean (talkS + wrapS) over handled legs: answered and ended (endedAt set).

import type { QueueCallRecord, ServiceLevelFormula, WallboardConfig } from './types';

export type CallOutcome = 'answered' | 'abandoned' | 'short_abandoned' | 'exited' | 'waiting';

export function callOutcome(r: QueueCallRecord, config: Pick<WallboardConfig, 'shortAbandonGraceS'>): CallOutcome {
  if (r.answeredAt !== null) return 'answered';
  if (r.abandonedAt !== null) {
    return config.shortAbandonGraceS > 0 && r.waitS <= config.shortAbandonGraceS ? 'short_abandoned' : 'abandoned';
  }
  return r.endedAt !== null ? 'exited' : 'waiting';
}

/** i18n keys of the sentence that tells the supervisor what the service level figure means. */
export const SERVICE_LEVEL_DEFINITION_KEYS: Readonly<Record<ServiceLevelFormula, string>> = Object.freeze({
  answered_of_offered: 'wallboard.sl.definition.answered_of_offered',
  answered_of_answered: 'wallboard.sl.definition.answered_of_answered',
  abandon_excluded: 'wallboard.sl.definition.abandon_excluded',
});

export interface ServiceLevelDefinition {
  formula: ServiceLevelFormula;
  /** i18n key, e.g. 'wallboard.sl.definition.answered_of_offered'. */
  key: string;
  /** Interpolation values for the key's text: {{thresholdS}}, {{targetPct}}, {{graceS}}. */
  params: { thresholdS: number; targetPct: number; graceS: number };
  /** Second i18n key: 'wallboard.sl.shortAbandon.excluded' (with {{graceS}}) or '.counted' when G = 0. */
  shortAbandonKey: string;
}

export function serviceLevelDefinition(config: WallboardConfig): ServiceLevelDefinition {
  return {
    formula: config.serviceLevelFormula,
    key: SERVICE_LEVEL_DEFINITION_KEYS[config.serviceLevelFormula],
    params: { thresholdS: config.serviceLevelThresholdS, targetPct: config.serviceLevelTargetPct, graceS: config.shortAbandonGraceS },
    shortAbandonKey: config.shortAbandonGraceS > 0 ? 'wallboard.sl.shortAbandon.excluded' : 'wallboard.sl.shortAbandon.counted',
  };
}

/** The counts a service level is made of. */
export interface ServiceLevelCounts {
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  exited: number;
  unansweredAfterThreshold: number;
}

export interface ServiceLevelResult {
  pct: number | null;
  numerator: number;
  denominator: number;
}

export function serviceLevel(formula: ServiceLevelFormula, c: ServiceLevelCounts): ServiceLevelResult {
  const numerator = c.answeredWithinThreshold;
  let denominator: number;
  switch (formula) {
    case 'answered_of_offered':
      denominator = c.answered + c.abandoned + c.exited;
      break;
    case 'answered_of_answered':
      denominator = c.answered;
      break;
    case 'abandon_excluded':
      denominator = c.answered + c.unansweredAfterThreshold;
      break;
  }
  return { pct: percent(numerator, denominator), numerator, denominator };
}

/** 100 × n / d, or null when d is 0 (no calls: no figure, rather than 0 % or NaN). */
export function percent(n: number, d: number): number | null {
  return d > 0 ? (100 * n) / d : null;
}
