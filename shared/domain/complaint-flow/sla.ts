import type { Severity, StepNumber } from './types';

/** Hours allowed per step (index 0 = step 1 … index 5 = step 6), per severity. */
export type SlaConfig = Readonly<Record<Severity, readonly [number, number, number, number, number, number]>>;

/**
 * Default SLA, hours per step (listen, apologise, analyse, solve, follow-up, reflect), each
 * counted from the moment that step's record starts:
 *   critical: 1, 1, 4, 24, 48, 168   (reflect within a week)
 *   high:     2, 2, 8, 48, 72, 168
 *   medium:   4, 4, 24, 72, 120, 336 (reflect within two weeks)
 *   low:      8, 8, 48, 120, 168, 336
 */
export const DEFAULT_SLA_CONFIG: SlaConfig = Object.freeze({
  critical: Object.freeze([1, 1, 4, 24, 48, 168] as const),
  high: Object.freeze([2, 2, 8, 48, 72, 168] as const),
  medium: Object.freeze([4, 4, 24, 72, 120, 336] as const),
  low: Object.freeze([8, 8, 48, 120, 168, 336] as const),
});

const HOUR_MS = 3_600_000;
/** due_soon starts at most this long before the due time… */
export const DUE_SOON_MAX_MS = 2 * HOUR_MS;
/** …or within this share of the step's allowance, whichever window is smaller. */
export const DUE_SOON_FRACTION = 0.2;

/** i18n keys of what is wrong with an SLA config; empty when valid (every value a positive finite number of hours). */
export function validateSlaConfig(config: SlaConfig): string[] {
  const ok = (['low', 'medium', 'high', 'critical'] as const).every((s) => {
    const hours = config[s] as readonly number[] | undefined;
    return Array.isArray(hours) && hours.length === 6 && hours.every((h) => Number.isFinite(h) && h > 0);
  });
  return ok ? [] : ['complaint.sla.errors.hoursInvalid'];
}

/** Hours allowed for a step at a severity. */
export function stepAllowanceHours(step: StepNumber, severity: Severity, config: SlaConfig = DEFAULT_SLA_CONFIG): number {
  return config[severity][step - 1] ?? DEFAULT_SLA_CONFIG[severity][step - 1] ?? 0;
}

/** When a step started at `startedAt` is due: startedAt + its allowance (plain elapsed time, not working hours). */
export function stepDueAt(
  step: StepNumber,
  startedAt: number,
  severity: Severity,
  config: SlaConfig = DEFAULT_SLA_CONFIG,
): number {
  return startedAt + stepAllowanceHours(step, severity, config) * HOUR_MS;
}

export type SlaState = 'ok' | 'due_soon' | 'breached';

/**
 * breached from dueAt on; due_soon when dueAt - now ≤ min(2 h, 20% of the allowance
 * dueAt - startedAt) — without startedAt the window is 2 h; ok otherwise, and for a step
 * without a clock (dueAt null).
 */
export function slaState(dueAt: number | null, now: number, startedAt?: number): SlaState {
  if (dueAt === null) return 'ok';
  if (now >= dueAt) return 'breached';
  const allowance = startedAt === undefined ? Number.POSITIVE_INFINITY : Math.max(dueAt - startedAt, 0);
  const window = Math.min(DUE_SOON_MAX_MS, allowance * DUE_SOON_FRACTION);
  return dueAt - now <= window ? 'due_soon' : 'ok';
}
