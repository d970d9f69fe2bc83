// Input and configuration types of the wallboard metrics. All instants are UTC epoch
// milliseconds; all durations are whole or fractional seconds, as named (`…S`).

/**
 * One call's passage through ONE queue (one "queue leg"). A call that overflows from queue A to
 * queue B is two records with the same `callId`.
 *
 * The outcome is read from the fields, in this order:
 * - answered:  `answeredAt !== null` (an agent took it; `waitS` = seconds from joining to answer);
 * - abandoned: `answeredAt === null && abandonedAt !== null` (the caller hung up while waiting;
 *              `waitS` = seconds waited before hanging up);
 * - exited:    neither, but `endedAt !== null` — the caller left the queue unanswered without
 *              hanging up there: queue timeout, no agent logged in (EXITEMPTY), a key pressed to
 *              leave, or an overflow to another queue; `waitS` = seconds waited before leaving;
 * - still waiting: all three null. Such records are NOT counted (live waiting callers are given
 *              separately, see LiveWaitingCall).
 */
export interface QueueCallRecord {
  queue: string;
  /** When the caller entered the queue. Interval reports bucket by this instant. */
  offeredAt: number;
  answeredAt: number | null;
  abandonedAt: number | null;
  /** When the call's life in this queue ended: hang-up after talk, abandon, or unanswered exit. Null while talking. */
  endedAt: number | null;
  waitS: number;
  talkS: number;
  /** After-call work; 0 when unknown. */
  wrapS: number;
  /** The call across queues (AMI Linkedid); lets the centre figures count an overflowed call once. */
  callId?: string;
  /** Who answered (queue member interface or agent id), when known. */
  member?: string | null;
}

/** A caller waiting in a queue right now. */
export interface LiveWaitingCall {
  queue: string;
  joinedAt: number;
}

export type ServiceLevelFormula = 'answered_of_offered' | 'answered_of_answered' | 'abandon_excluded';

export const SERVICE_LEVEL_FORMULAS: readonly ServiceLevelFormula[] = Object.freeze([
  'answered_of_offered',
  'answered_of_answered',
  'abandon_excluded',
]);

export interface WallboardConfig {
  /** T: a call answered after waiting at most T seconds (waitS <= T) is answered "within" the threshold. */
  serviceLevelThresholdS: number;
  /** The target the service level is compared with (alerts, colours), in percent. */
  serviceLevelTargetPct: number;
  /**
   * G: an abandoned call with waitS <= G is a "short abandon" (a misdial, a caller who hung up on
   * the greeting) and is left out of every rate. 0 disables: every abandon counts.
   */
  shortAbandonGraceS: number;
  serviceLevelFormula: ServiceLevelFormula;
}

export const DEFAULT_WALLBOARD_CONFIG: Readonly<WallboardConfig> = Object.freeze({
  serviceLevelThresholdS: 20,
  serviceLevelTargetPct: 80,
  shortAbandonGraceS: 5,
  serviceLevelFormula: 'answered_of_offered',
});

/** Fills defaults and refuses nonsense (a negative threshold, a target above 100, an unknown formula) with a RangeError. */
export function resolveWallboardConfig(partial: Partial<WallboardConfig> = {}): WallboardConfig {
  const c: WallboardConfig = { ...DEFAULT_WALLBOARD_CONFIG, ...stripUndefined(partial) };
  if (!Number.isFinite(c.serviceLevelThresholdS) || c.serviceLevelThresholdS < 0) {
    throw new RangeError(`serviceLevelThresholdS must be a number of seconds >= 0, got ${String(c.serviceLevelThresholdS)}`);
  }
  if (!Number.isFinite(c.serviceLevelTargetPct) || c.serviceLevelTargetPct < 0 || c.serviceLevelTargetPct > 100) {
    throw new RangeError(`serviceLevelTargetPct must be within 0..100, got ${String(c.serviceLevelTargetPct)}`);
  }
  if (!Number.isFinite(c.shortAbandonGraceS) || c.shortAbandonGraceS < 0) {
    throw new RangeError(`shortAbandonGraceS must be a number of seconds >= 0 (0 disables), got ${String(c.shortAbandonGraceS)}`);
  }
  if (!SERVICE_LEVEL_FORMULAS.includes(c.serviceLevelFormula)) {
    throw new RangeError(`Unknown service level formula: ${String(c.serviceLevelFormula)}`);
  }
  return c;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The agent states the wallboard shows, in its display order. */
export type AgentState = 'available' | 'ringing' | 'on_call' | 'wrap_up' | 'break' | 'offline';

export const AGENT_STATES: readonly AgentState[] = Object.freeze(['available', 'ringing', 'on_call', 'wrap_up', 'break', 'offline']);
