import type { CentreReport, WallboardAlertView, WallboardSettings, WallboardSnapshot } from '../../../shared/contract/wallboard-schemas';
import {
  buildWallboardSnapshot,
  dayStartInZone,
  DEFAULT_CENTRE_ZONE,
  DEFAULT_WALLBOARD_SETTINGS,
  interactionsToLegs,
  intervalReport,
  wallboardConfigOf,
  type IntervalMinutes,
  type LiveWaitingCall,
  type QueueCallRecord,
  type SnapshotPresence,
} from '../../../shared/domain/wallboard';
import { WallboardSettings as SettingsSchema } from '../../../shared/contract/wallboard-schemas';
import { complaintReport } from '../complaints/report';
import type { ServiceContext } from '../create-core';
import { setMeta } from '../session';
import { countCallbacks } from '../store/callbacks-repo';
import { stmt } from '../store/statements';
import {
  agentBranch,
  branchAgents,
  byCount,
  callbacksOnTime,
  churnReasons,
  contactCounts,
  openComplaintFigures,
  overduePromises,
  queueCallRows,
  surveyFigures,
} from '../store/wallboard-repo';
import { parkedCount, pendingCount } from '../sync/sync-store';
import type { QueueTracker, QueueTrackerSnapshot } from '../cti/ami/queue-tracker';
import type { PresenceState } from './presence';

// A seat without a hub (or while it is unreachable) shows its own branch from its own store,
// through the same pure functions the hub uses (shared/domain/wallboard).

export const SETTINGS_META_KEY = 'wallboard.settings';

export function loadLocalSettings(ctx: ServiceContext): WallboardSettings {
  const raw = stmt<[string], { value: string }>(ctx.db, 'SELECT value FROM seat_meta WHERE key = ?').get(SETTINGS_META_KEY)?.value;
  if (raw) {
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // unreadable: defaults
    }
  }
  return structuredClone(DEFAULT_WALLBOARD_SETTINGS) as WallboardSettings;
}

export function saveLocalSettings(ctx: ServiceContext, settings: WallboardSettings): WallboardSettings {
  setMeta(ctx.db, SETTINGS_META_KEY, JSON.stringify(settings));
  return settings;
}

/** The centre's zone for "today" and report intervals: the seat's branch's, else Shanghai. */
export function centreZone(ctx: ServiceContext): string {
  return agentBranch(ctx.db, ctx.seat.agentId)?.time_zone ?? DEFAULT_CENTRE_ZONE;
}

/** Queue legs the PBX tracker finished today, kept in memory (the seat's only drainer of the tracker). */
export interface TrackedLegs {
  since: number;
  legs: QueueCallRecord[];
}

const MAX_TRACKED_LEGS = 50_000;

export function keepTrackedLegs(kept: TrackedLegs, legs: readonly QueueCallRecord[], since: number): void {
  if (kept.since !== since) {
    kept.since = since;
    kept.legs = kept.legs.filter((l) => l.offeredAt >= since);
  }
  kept.legs.push(...legs);
  if (kept.legs.length > MAX_TRACKED_LEGS) kept.legs.splice(0, kept.legs.length - MAX_TRACKED_LEGS);
}

export interface LocalSnapshotInput {
  presence: PresenceState;
  settings: WallboardSettings;
  tracker: QueueTracker | null;
  trackerSnapshot?: QueueTrackerSnapshot | null;
  tracked: TrackedLegs;
  previousAlerts: readonly WallboardAlertView[];
}

/** Agent id ↔ queue member: an agent's extension matches the member interface's last part (PJSIP/8001 → 8001). */
const extensionOf = (iface: string): string => iface.slice(iface.lastIndexOf('/') + 1).split('@')[0]!;

export function localSnapshot(ctx: ServiceContext, input: LocalSnapshotInput): WallboardSnapshot {
  const now = ctx.clock.now();
  const branch = agentBranch(ctx.db, ctx.seat.agentId);
  const since = dayStartInZone(now, branch?.time_zone ?? DEFAULT_CENTRE_ZONE);

  // Queue legs: the PBX tracker's (finished today + connected now) where there is one; the seat's
  // own interactions for calls the tracker did not see (before this start, or no AMI at all).
  const q = input.tracker ? (input.trackerSnapshot ?? input.tracker.snapshot()) : null;
  const trackerLegs = q ? [...input.tracked.legs.filter((l) => l.offeredAt >= since), ...q.connected] : [];
  const seen = new Set(trackerLegs.map((l) => l.callId).filter((id): id is string => !!id));
  const fromInteractions = interactionsToLegs(queueCallRows(ctx.db, since, now + 1)).filter((l) => !l.callId || !seen.has(l.callId));
  const waiting: LiveWaitingCall[] = q ? q.waiting.map((w) => ({ queue: w.queue, joinedAt: w.joinedAt })) : [];

  // Agents: this seat's from its presence, the PBX's queue members by extension, the rest offline.
  const members = new Map((q?.agents ?? []).map((a) => [extensionOf(a.agentId), a]));
  const presence: SnapshotPresence[] = [];
  const others = branchAgents(ctx.db, branch?.id ?? null);
  for (const a of others) {
    if (a.id === ctx.seat.agentId) continue;
    const m = a.extension ? members.get(a.extension) : undefined;
    presence.push({ agentId: a.id, name: a.name, branchId: a.branch_id, state: m?.state ?? 'offline', since: m?.since ?? a.updated_at });
  }
  presence.push({ agentId: ctx.seat.agentId, name: ctx.seat.agentName, branchId: branch?.id ?? null, state: input.presence.state, since: input.presence.since });

  const cb = countCallbacks(ctx.db, { kind: 'all' }, now);
  const branchId = branch?.id ?? 'local';
  return buildWallboardSnapshot({
    now,
    since,
    source: 'local',
    settings: input.settings,
    legs: [...trackerLegs, ...fromInteractions],
    waiting,
    presence,
    callbacks: { due: cb.due, overdue: cb.overdue, escalated: cb.escalated },
    complaints: openComplaintFigures(ctx.db, now),
    promisesOverdue: overduePromises(ctx.db, now),
    // This branch only: the seat is its own witness (seen now); its backlog from the sync store.
    branches: [{ branchId, name: branch?.name ?? null, lastSeenAt: now, pending: pendingCount(ctx.db), parked: parkedCount(ctx.db), conflicts: 0 }],
    previousAlerts: input.previousAlerts,
  });
}

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** reports.centre without a hub: this seat's store, the same pure interval functions as the hub. */
export function localReport(
  ctx: ServiceContext,
  req: { from: number; to: number; intervalMinutes: IntervalMinutes; zone?: string },
  settings: WallboardSettings,
  tracked: TrackedLegs,
): CentreReport {
  const { from, to } = req;
  const zone = req.zone ?? centreZone(ctx);
  const seen = new Set(tracked.legs.map((l) => l.callId).filter((id): id is string => !!id));
  // A leg is in the interval it was offered in; offeredAt ≤ the row's started_at (it rang after the queue wait).
  const legs = [
    ...tracked.legs.filter((l) => l.offeredAt >= from && l.offeredAt < to),
    ...interactionsToLegs(queueCallRows(ctx.db, from, to + 3_600_000)).filter((l) => !l.callId || !seen.has(l.callId)),
  ];
  const intervals =
    to > from ? intervalReport(legs, { zone, intervalMinutes: req.intervalMinutes, from, to, config: wallboardConfigOf(settings) }) : [];
  const contacts = contactCounts(ctx.db, from, to);
  const complaints = complaintReport(ctx.db, from, to);
  const byCategory = new Map<string | null, number>();
  for (const c of complaints.byCategory) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + c.count);
  const cb = callbacksOnTime(ctx.db, from, to);
  const s = surveyFigures(ctx.db, from, to);
  return {
    from,
    to,
    source: 'local',
    contactsByChannel: contacts.byChannel,
    contactsByDisposition: contacts.byDisposition,
    intervals: intervals.map((r) => ({
      start: r.start,
      end: r.end,
      label: r.label,
      offered: r.figures.offered,
      answered: r.figures.answered,
      abandoned: r.figures.abandoned,
      serviceLevelPct: r.figures.serviceLevelPct,
      abandonRatePct: r.figures.abandonRatePct,
    })),
    complaintsByCategory: [...byCategory].map(([key, count]) => ({ key, count })).sort(byCount),
    complaintsByRootCause: complaints.byRootCause.map((r) => ({ key: r.rootCause, count: r.count })),
    firstContactResolution: complaints.firstContactResolution,
    callbacksOnTime: { onTime: cb.onTime, late: cb.late, rate: pct(cb.onTime, cb.onTime + cb.late) },
    csat: { responses: s.csatN, mean: s.csatMean },
    nps: { responses: s.npsN, score: s.npsN === 0 ? null : (100 * (s.promoters - s.detractors)) / s.npsN },
    churnReasons: churnReasons(ctx.db, from, to),
  };
}
