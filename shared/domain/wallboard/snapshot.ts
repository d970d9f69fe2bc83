// The wallboard snapshot: every figure the supervisor's board shows, in one pure function, so
// the hub (whole centre, `source: 'hub'`) and a seat without a hub (its own branch, `'local'`)
// build the same thing from the same inputs. No I/O: the caller gathers legs, waiting callers,
// presence, counts and branch health, and passes back the previous snapshot's alerts.
//
// Also here:
// - interactionsToLegs: queue legs from the seats' own call interactions, for queues the PBX
//   queue tracker does not report (see its comment for exactly which calls count how);
// - DEFAULT_WALLBOARD_SETTINGS;
// - dayStartInZone: "today" for the counts (midnight of the centre's zone).

import type { WallboardAlertView, WallboardSettings, WallboardSnapshot } from '../../contract/wallboard-schemas';
import { zoneOffsetMinutes } from '../callback-rules/zone';
import { agentStateSummary, type PresenceRecord } from './agents';
import { evaluateAlerts, type AlertThresholds, type WallboardAlert } from './alerts';
import { computeWallboardFigures } from './figures';
import { serviceLevelDefinition } from './service-level';
import { resolveWallboardConfig, type LiveWaitingCall, type QueueCallRecord, type WallboardConfig } from './types';

export const DEFAULT_CENTRE_ZONE = 'Asia/Shanghai';

export const DEFAULT_WALLBOARD_SETTINGS: Readonly<WallboardSettings> = Object.freeze({
  serviceLevelThresholdS: 20,
  serviceLevelTargetPct: 80,
  shortAbandonGraceS: 5,
  serviceLevelFormula: 'answered_of_offered',
  alerts: Object.freeze({
    waitingAbove: 5,
    serviceLevelTargetPct: 80,
    complaintSlaBreachedAbove: 0,
    branchSilentMinutes: 15,
    callbackOverdue: true,
  }),
}) as Readonly<WallboardSettings>;

export interface BranchHealth {
  branchId: string;
  name: string | null;
  /** Latest time any seat of the branch was heard from (push, pull, wallboard event). */
  lastSeenAt: number | null;
  /** Sum of the seats' reported outbox backlogs; null when no seat reported one. */
  pending: number | null;
  parked: number;
  conflicts: number;
}

export interface SnapshotPresence extends PresenceRecord {
  branchId: string | null;
}

export interface WallboardSnapshotInput {
  now: number;
  /** Start of the counted period (today's midnight in the centre's zone, see dayStartInZone). */
  since: number;
  source: 'hub' | 'local';
  settings: WallboardSettings;
  /** Queue legs; those offered before `since` or after `now` are left out. */
  legs: readonly QueueCallRecord[];
  waiting: readonly LiveWaitingCall[];
  presence: readonly SnapshotPresence[];
  callbacks: { due: number; overdue: number; escalated: number };
  complaints: { openByStep: readonly number[]; slaBreached: number; awaitingApproval: number };
  promisesOverdue: number;
  branches: readonly BranchHealth[];
  /** The previous snapshot's `alerts` (keeps "raised since" and hysteresis); [] at first. */
  previousAlerts: readonly WallboardAlertView[];
}

export function wallboardConfigOf(settings: WallboardSettings): WallboardConfig {
  return resolveWallboardConfig({
    serviceLevelThresholdS: settings.serviceLevelThresholdS,
    serviceLevelTargetPct: settings.serviceLevelTargetPct,
    shortAbandonGraceS: settings.shortAbandonGraceS,
    serviceLevelFormula: settings.serviceLevelFormula,
  });
}

export function alertThresholdsOf(settings: WallboardSettings): Partial<AlertThresholds> {
  return {
    waitingAbove: settings.alerts.waitingAbove,
    serviceLevelTargetPct: settings.alerts.serviceLevelTargetPct,
    complaintSlaBreachedAbove: settings.alerts.complaintSlaBreachedAbove,
    branchSilentMinutes: settings.alerts.branchSilentMinutes,
  };
}

export const CALLBACK_OVERDUE_ALERT_ID = 'callback_overdue';

export function buildWallboardSnapshot(input: WallboardSnapshotInput): WallboardSnapshot {
  const { now, since, settings } = input;
  const config = wallboardConfigOf(settings);
  const legs = input.legs.filter((l) => l.offeredAt >= since && l.offeredAt <= now);
  const figures = computeWallboardFigures(legs, config, { now, waiting: input.waiting });

  const branchOf = new Map<string, string | null>();
  for (const p of input.presence) branchOf.set(p.agentId, p.branchId);
  const summary = agentStateSummary(input.presence, { now });

  const openByStep = Array.from({ length: 6 }, (_, i) => input.complaints.openByStep[i] ?? 0);

  // Threshold alerts (alerts.ts), then the callback alert, which alerts.ts does not know.
  const previousThreshold = input.previousAlerts.filter((a): a is WallboardAlert & WallboardAlertView => a.kind !== 'callback_overdue');
  const evaluation = evaluateAlerts(
    { now, figures, complaintSlaBreached: input.complaints.slaBreached, branches: input.branches },
    alertThresholdsOf(settings),
    previousThreshold as WallboardAlert[],
  );
  const alerts: WallboardAlertView[] = evaluation.active.map((a) => ({ ...a }));
  if (settings.alerts.callbackOverdue && input.callbacks.overdue > 0) {
    const prior = input.previousAlerts.find((a) => a.id === CALLBACK_OVERDUE_ALERT_ID);
    alerts.push({
      id: CALLBACK_OVERDUE_ALERT_ID,
      kind: 'callback_overdue',
      scope: null,
      value: input.callbacks.overdue,
      threshold: 0,
      raisedAt: prior?.raisedAt ?? now,
      messageKey: 'wallboard.alert.callback_overdue',
    });
  }
  alerts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    at: now,
    source: input.source,
    since,
    settings,
    definitionKey: serviceLevelDefinition(config).key,
    centre: figures.centre,
    queues: figures.queues.map((q) => ({ queue: q.queue, figures: q.figures })),
    agentCounts: summary.counts,
    agents: summary.agents.map((a) => ({
      agentId: a.agentId,
      name: a.name,
      branchId: branchOf.get(a.agentId) ?? null,
      state: a.state,
      since: a.since,
      timeInStateS: a.timeInStateS,
    })),
    callbacks: { due: input.callbacks.due, overdue: input.callbacks.overdue, escalated: input.callbacks.escalated },
    complaints: { openByStep, slaBreached: input.complaints.slaBreached, awaitingApproval: input.complaints.awaitingApproval },
    promisesOverdue: input.promisesOverdue,
    branches: [...input.branches]
      .sort((a, b) => (a.branchId < b.branchId ? -1 : a.branchId > b.branchId ? 1 : 0))
      .map((b) => ({ branchId: b.branchId, name: b.name, lastSeenAt: b.lastSeenAt, pending: b.pending, parked: b.parked, conflicts: b.conflicts })),
    alerts,
  };
}

/** Midnight (start of the local calendar day) of `at` in `zone`, as an instant. */
export function dayStartInZone(at: number, zone: string): number {
  const offset = zoneOffsetMinutes(at, zone) * 60_000;
  const wall = at + offset;
  const wallMidnight = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  // The offset at midnight may differ from now's (a DST change during the night).
  const guess = wallMidnight - offset;
  return wallMidnight - zoneOffsetMinutes(guess, zone) * 60_000;
}

/**
 * The columns of a seat's `interactions` row (electron/core/store/migrations 0010) that say how a
 * queue call went. The call centre (electron/core/cti/call-center.ts) writes one row per call
 * RUNG AT THAT SEAT: channel 'phone', direction 'in', started_at = when it rang there, wait_s =
 * seconds the caller had already waited in the queue (PBX holdtime, when known), answered_at
 * when that seat took it, ended_at, duration_s = talk seconds, outcome 'ringing' | 'answered' |
 * 'completed' | 'missed' (rang there and ended unanswered — possibly answered by another seat).
 */
export interface InteractionCallRow {
  id: string;
  channel: string;
  direction?: string | null;
  queue: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  wait_s: number | null;
  duration_s: number | null;
  outcome: string | null;
  call_id?: string | null;
  linked_id?: string | null;
  agent_id?: string | null;
  deleted_at?: number | null;
}

/**
 * Queue legs from call interactions, for queues the PBX tracker does not report.
 *
 * Inbound phone interactions with a queue (channel 'phone' + direction 'in', or 'phone_in'),
 * not deleted, are grouped by call (linked_id, else call_id, else the row id) and queue: a call
 * rung at several seats (ring-all, or re-rung after a seat missed it) is ONE leg.
 * - offeredAt = the earliest started_at − wait_s of the group (when the caller joined the queue);
 * - answered if any of its rows has answered_at (the earliest): waitS = answeredAt − offeredAt,
 *   endedAt = that row's ended_at (null while talking), talkS = its duration_s, wrapS = 0;
 * - otherwise, once every row has ended ('missed' everywhere): ABANDONED at the last ended_at,
 *   waitS = that − offeredAt. A seat cannot tell a caller hanging up from a queue timeout, so an
 *   unanswered call counts as abandoned (against the service level), never as "exited";
 * - otherwise (a row still ringing) the call is still waiting: no leg.
 */
export function interactionsToLegs(rows: readonly InteractionCallRow[]): QueueCallRecord[] {
  const groups = new Map<string, InteractionCallRow[]>();
  for (const r of rows) {
    const inbound = r.channel === 'phone_in' || (r.channel === 'phone' && (r.direction ?? 'in') === 'in');
    const queue = r.queue?.trim();
    if (!inbound || !queue || (r.deleted_at !== null && r.deleted_at !== undefined) || !Number.isFinite(r.started_at)) continue;
    const key = `${r.linked_id || r.call_id || r.id}\u0000${queue}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const legs: QueueCallRecord[] = [];
  for (const [key, list] of groups) {
    const [callId, queue] = key.split('\u0000') as [string, string];
    const offeredAt = Math.min(...list.map((r) => r.started_at - Math.max(0, r.wait_s ?? 0) * 1000));
    const answeredRows = list.filter((r) => r.answered_at !== null && Number.isFinite(r.answered_at));
    if (answeredRows.length > 0) {
      const a = answeredRows.reduce((x, y) => (y.answered_at! < x.answered_at! ? y : x));
      const answeredAt = a.answered_at!;
      const endedAt = a.ended_at ?? null;
      const talkS = a.duration_s ?? (endedAt !== null ? Math.max(0, (endedAt - answeredAt) / 1000) : 0);
      legs.push({
        queue,
        offeredAt,
        answeredAt,
        abandonedAt: null,
        endedAt,
        waitS: Math.max(0, (answeredAt - offeredAt) / 1000),
        talkS: Math.max(0, talkS),
        wrapS: 0,
        callId,
        member: a.agent_id ?? null,
      });
      continue;
    }
    if (list.some((r) => r.ended_at === null || r.ended_at === undefined)) continue; // still ringing somewhere
    const gaveUp = Math.max(...list.map((r) => r.ended_at!));
    legs.push({
      queue,
      offeredAt,
      answeredAt: null,
      abandonedAt: gaveUp,
      endedAt: gaveUp,
      waitS: Math.max(0, (gaveUp - offeredAt) / 1000),
      talkS: 0,
      wrapS: 0,
      callId,
      member: null,
    });
  }
  legs.sort((a, b) => a.offeredAt - b.offeredAt || (a.callId! < b.callId! ? -1 : 1));
  return legs;
}
