// The wallboard's call figures for a set of queue legs: per queue and for the whole centre.
// Definitions of every count and rate: see service-level.ts.

import { callOutcome, percent, serviceLevel, serviceLevelDefinition, type ServiceLevelDefinition } from './service-level';
import { resolveWallboardConfig, type LiveWaitingCall, type QueueCallRecord, type WallboardConfig } from './types';

export interface QueueFigures {
  /** Legs with an outcome: answered + abandoned + shortAbandoned + exited. */
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  /** Abandons after the short-abandon grace (all abandons when the grace is 0). */
  abandoned: number;
  shortAbandoned: number;
  /** Left unanswered without hanging up in the queue: timeout, no agents, key exit, overflow. */
  exited: number;
  /** Answered legs that have ended (AHT is over these). */
  handled: number;
  serviceLevelPct: number | null;
  serviceLevelNumerator: number;
  serviceLevelDenominator: number;
  /** 100 × abandoned / (offered − shortAbandoned); null with no such calls. */
  abandonRatePct: number | null;
  /** Average speed of answer, seconds, over answered legs; null with none. */
  asaS: number | null;
  /** Average handle time (talk + wrap), seconds, over handled legs; null with none. */
  ahtS: number | null;
  /** Live: callers waiting now, and the longest of their waits in seconds (null when nobody waits). */
  waiting: number;
  longestWaitS: number | null;
}

export interface WallboardFigures {
  definition: ServiceLevelDefinition;
  centre: QueueFigures;
  /** Sorted by queue name; a queue appears when it has a counted leg or a waiting caller. */
  queues: Array<{ queue: string; figures: QueueFigures }>;
  /** Records skipped as unusable (non-finite times or durations). */
  ignored: number;
}

export interface LiveQueueState {
  now: number;
  waiting: readonly LiveWaitingCall[];
}

/**
 * Figures for `records` (the caller picks the period, e.g. today's legs by offeredAt) plus, when
 * `live` is given, the callers waiting now.
 *
 * The centre figures count a CALL once where the per-queue figures count each queue leg: legs
 * sharing a `callId` where an earlier leg exited unanswered (overflow, timeout into another
 * queue) are folded into the next leg — offered at the first leg's time, waiting the sum of the
 * legs' waits, with the last leg's outcome. Legs without callId are never folded.
 */
export function computeWallboardFigures(
  records: readonly QueueCallRecord[],
  config: Partial<WallboardConfig> = {},
  live?: LiveQueueState,
): WallboardFigures {
  const c = resolveWallboardConfig(config);
  const valid = records.filter(isUsable);
  const byQueue = new Map<string, QueueCallRecord[]>();
  for (const r of valid) {
    const list = byQueue.get(r.queue);
    if (list) list.push(r);
    else byQueue.set(r.queue, [r]);
  }
  const waitingByQueue = new Map<string, LiveWaitingCall[]>();
  for (const w of live?.waiting ?? []) {
    const list = waitingByQueue.get(w.queue);
    if (list) list.push(w);
    else waitingByQueue.set(w.queue, [w]);
  }
  const names = [...new Set([...byQueue.keys(), ...waitingByQueue.keys()])].sort();
  return {
    definition: serviceLevelDefinition(c),
    centre: figuresOf(foldOverflowLegs(valid), c, live?.waiting ?? [], live?.now),
    queues: names.map((queue) => ({
      queue,
      figures: figuresOf(byQueue.get(queue) ?? [], c, waitingByQueue.get(queue) ?? [], live?.now),
    })),
    ignored: records.length - valid.length,
  };
}

/** The figures of one set of legs, counted as they are (no folding). Config must be resolved. */
export function figuresOf(
  records: readonly QueueCallRecord[],
  c: WallboardConfig,
  waiting: readonly LiveWaitingCall[] = [],
  now?: number,
): QueueFigures {
  let answered = 0;
  let answeredWithin = 0;
  let abandoned = 0;
  let shortAbandoned = 0;
  let exited = 0;
  let unansweredAfter = 0;
  let handled = 0;
  let waitSum = 0;
  let handleSum = 0;
  const t = c.serviceLevelThresholdS;
  for (const r of records) {
    if (!isUsable(r)) continue;
    switch (callOutcome(r, c)) {
      case 'answered':
        answered++;
        waitSum += r.waitS;
        if (r.waitS <= t) answeredWithin++;
        if (r.endedAt !== null) {
          handled++;
          handleSum += r.talkS + r.wrapS;
        }
        break;
      case 'abandoned':
        abandoned++;
        if (r.waitS > t) unansweredAfter++;
        break;
      case 'short_abandoned':
        shortAbandoned++;
        break;
      case 'exited':
        exited++;
        if (r.waitS > t) unansweredAfter++;
        break;
      case 'waiting':
        break;
    }
  }
  const sl = serviceLevel(c.serviceLevelFormula, {
    answered,
    answeredWithinThreshold: answeredWithin,
    abandoned,
    exited,
    unansweredAfterThreshold: unansweredAfter,
  });
  let longestWaitS: number | null = null;
  if (now !== undefined) {
    for (const w of waiting) {
      if (!Number.isFinite(w.joinedAt)) continue;
      const s = Math.max(0, (now - w.joinedAt) / 1000);
      if (longestWaitS === null || s > longestWaitS) longestWaitS = s;
    }
  }
  return {
    offered: answered + abandoned + shortAbandoned + exited,
    answered,
    answeredWithinThreshold: answeredWithin,
    abandoned,
    shortAbandoned,
    exited,
    handled,
    serviceLevelPct: sl.pct,
    serviceLevelNumerator: sl.numerator,
    serviceLevelDenominator: sl.denominator,
    abandonRatePct: percent(abandoned, answered + abandoned + exited),
    asaS: answered > 0 ? waitSum / answered : null,
    ahtS: handled > 0 ? handleSum / handled : null,
    waiting: waiting.length,
    longestWaitS,
  };
}

/** See computeWallboardFigures: one record per call for the centre. Exported for reports. */
export function foldOverflowLegs(records: readonly QueueCallRecord[]): QueueCallRecord[] {
  const out: QueueCallRecord[] = [];
  const byCall = new Map<string, QueueCallRecord[]>();
  for (const r of records) {
    if (r.callId === undefined || r.callId === '') {
      out.push(r);
      continue;
    }
    const legs = byCall.get(r.callId);
    if (legs) legs.push(r);
    else byCall.set(r.callId, [r]);
  }
  for (const legs of byCall.values()) {
    legs.sort((a, b) => a.offeredAt - b.offeredAt);
    let carry: QueueCallRecord | null = null;
    for (const leg of legs) {
      const merged: QueueCallRecord = carry ? { ...leg, offeredAt: carry.offeredAt, waitS: carry.waitS + leg.waitS } : leg;
      const exitedUnanswered = leg.answeredAt === null && leg.abandonedAt === null && leg.endedAt !== null;
      if (exitedUnanswered) carry = merged;
      else {
        out.push(merged);
        carry = null;
      }
    }
    if (carry) out.push(carry); // the last leg exited too: the call left unanswered
  }
  return out;
}

function isUsable(r: QueueCallRecord): boolean {
  return (
    Number.isFinite(r.offeredAt) &&
    Number.isFinite(r.waitS) &&
    r.waitS >= 0 &&
    Number.isFinite(r.talkS) &&
    r.talkS >= 0 &&
    Number.isFinite(r.wrapS) &&
    r.wrapS >= 0 &&
    (r.answeredAt === null || Number.isFinite(r.answeredAt)) &&
    (r.abandonedAt === null || Number.isFinite(r.abandonedAt)) &&
    (r.endedAt === null || Number.isFinite(r.endedAt))
  );
}
