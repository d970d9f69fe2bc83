// Retry delays: exponential backoff with full jitter (AWS architecture blog, "Exponential
// Backoff And Jitter"), kept between 1 s and 5 min. Jitter spreads the retries of many seats
// that lost the hub at the same moment, so they do not all come back in the same second.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * The delay before retry number `failures` (1 = after the first failure): uniform between
 * the base and min(cap, base · 2^failures), so the ceiling doubles per failure up to the cap.
 */
export function backoffDelay(failures: number, random: () => number = Math.random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(failures, 1), 30));
  return Math.round(policy.baseMs + random() * (ceiling - policy.baseMs));
}
