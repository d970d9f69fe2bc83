// Reconnect delays. Exponential so a dead PBX is not hammered, capped so a seat comes back
// within half a minute of the PBX returning, and jittered ("equal jitter": half fixed, half
// random) because when a PBX restarts, every seat of the centre loses AMI at the same instant
// and would otherwise reconnect in lock-step, all logging in within the same millisecond.

export interface ReconnectPolicy {
  /** First delay ceiling (the actual first delay is between half of it and all of it). */
  minMs: number;
  /** Ceiling of the delay however many attempts failed. */
  maxMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = { minMs: 500, maxMs: 30_000 };

/** Delay before reconnect attempt number `failures` (0 for the first retry). */
export function reconnectDelayMs(failures: number, policy: ReconnectPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(Math.max(failures, 0), 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
