/**
 * Customer lifecycle stage (客户生命周期): 考察期 exploration → 形成期 formation →
 * 稳定期 stability → 退化期 decline. Decline is judged against the customer's own past, not
 * against other customers, because a once-a-year traveller and a monthly business traveller
 * are both "stable" at very different rates.
 *
 * Rules, first match wins (ages are measured from the first purchase, all windows end at `now`):
 *  1. no purchase                                                 → exploration
 *  2. had purchased, but none in DORMANCY_DECLINE_DAYS (≈18 mo.)  → decline
 *  3. first purchase < EXPLORATION_MAX_AGE_DAYS (≈6 mo.) ago and
 *     at most EXPLORATION_MAX_PURCHASES purchase                  → exploration
 *  4. at least DECLINE_MIN_BASELINE_PURCHASES purchases before the trailing 12 months, and
 *     purchases in the trailing 12 months < DECLINE_ACTIVITY_RATIO × the customer's average
 *     purchases per previous year                                 → decline
 *     "Previous years" are the 365-day blocks before the trailing window, back to the one holding
 *     the first purchase; that oldest, partial block counts as a whole year, so a short burst is
 *     not extrapolated into a high yearly rate.
 *  5. relationship younger than FORMATION_MAX_AGE_DAYS (2 years)  → formation
 *     (after rules 1–4 such a customer either buys repeatedly / more than before, or bought once
 *     6–18 months ago — one purchase is not "steady activity" yet)
 *  6. otherwise                                                   → stability
 */
import { DAY_MS, YEAR_MS, effectiveEventTime } from './time';

export type LifecycleStage = 'exploration' | 'formation' | 'stability' | 'decline';

export const EXPLORATION_MAX_AGE_DAYS = 183;
export const EXPLORATION_MAX_PURCHASES = 1;
export const FORMATION_MAX_AGE_DAYS = 730;
export const DORMANCY_DECLINE_DAYS = 548;
export const DECLINE_ACTIVITY_RATIO = 0.5;
/** One earlier purchase is not a pattern to fall away from; it is left to the dormancy rule. */
export const DECLINE_MIN_BASELINE_PURCHASES = 2;

/**
 * Purchase times after `now` (beyond clock-skew tolerance) and non-finite values are ignored;
 * order does not matter.
 */
export function lifecycleStage(purchaseTimes: readonly number[], now: number): LifecycleStage {
  let count = 0;
  let first = Infinity;
  let last = -Infinity;
  let recent = 0;
  const windowStart = now - YEAR_MS;
  for (const raw of purchaseTimes) {
    const t = effectiveEventTime(raw, now);
    if (t === null) continue;
    count++;
    if (t < first) first = t;
    if (t > last) last = t;
    if (t >= windowStart) recent++;
  }

  if (count === 0) return 'exploration';
  if (now - last > DORMANCY_DECLINE_DAYS * DAY_MS) return 'decline';

  const age = now - first;
  if (age < EXPLORATION_MAX_AGE_DAYS * DAY_MS && count <= EXPLORATION_MAX_PURCHASES) return 'exploration';

  const baseline = count - recent;
  if (baseline >= DECLINE_MIN_BASELINE_PURCHASES) {
    const baselineYears = Math.max(1, Math.ceil((windowStart - first) / YEAR_MS));
    if (recent < DECLINE_ACTIVITY_RATIO * (baseline / baselineYears)) return 'decline';
  }

  if (age < FORMATION_MAX_AGE_DAYS * DAY_MS) return 'formation';
  return 'stability';
}
