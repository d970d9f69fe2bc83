// Threshold alerts, evaluated on every figures update. Pure: the caller keeps the previous
// result's `active` list and passes it back, which gives each alert its "raised since" time and
// hysteresis (an alert does not flap when a figure hovers at its threshold).
//
// Stable ids (one alert per id at a time; the UI notifies on `raised` only, so once per episode):
//   waiting:centre, waiting:queue:<queue>              callers waiting > waitingAbove;
//                                                       clears at waiting <= waitingAbove − hysteresis.waitingCalls
//   service_level:centre, service_level:queue:<queue>  service level < target, with at least
//                                                       serviceLevelMinCalls in its denominator;
//                                                       clears at >= target + hysteresis.serviceLevelPct,
//                                                       or when there are too few calls to tell
//   complaint_sla                                       breached complaints > complaintSlaBreachedAbove;
//                                                       clears at <= (the count updates while active, no re-raise)
//   branch_silent:<branchId>                            not heard from for > branchSilentMinutes;
//                                                       clears as soon as it is heard from again.
//                                                       A branch never seen (lastSeenAt null) does not alert.

import type { WallboardFigures } from './figures';

export type AlertKind = 'waiting' | 'service_level' | 'complaint_sla' | 'branch_silent';

export interface AlertThresholds {
  /** null disables. */
  waitingAbove: number | null;
  /** null disables. */
  serviceLevelTargetPct: number | null;
  /** A service level over fewer calls than this does not alert (first calls of the morning). */
  serviceLevelMinCalls: number;
  /** null disables; 0 = any breach alerts. */
  complaintSlaBreachedAbove: number | null;
  /** null disables. */
  branchSilentMinutes: number | null;
  hysteresis: { waitingCalls: number; serviceLevelPct: number };
}

export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  waitingAbove: 5,
  serviceLevelTargetPct: 80,
  serviceLevelMinCalls: 1,
  complaintSlaBreachedAbove: 0,
  branchSilentMinutes: 15,
  hysteresis: Object.freeze({ waitingCalls: 1, serviceLevelPct: 2 }),
});

export interface BranchSeen {
  branchId: string;
  lastSeenAt: number | null;
}

export interface AlertInput {
  now: number;
  figures?: Pick<WallboardFigures, 'centre' | 'queues'>;
  complaintSlaBreached?: number;
  branches?: readonly BranchSeen[];
}

export interface WallboardAlert {
  id: string;
  kind: AlertKind;
  /** The queue or branch id; null for centre-wide alerts. */
  scope: string | null;
  /** The figure now (callers waiting, SL %, breached complaints, minutes silent). */
  value: number;
  threshold: number;
  /** When this episode started; kept while the alert stays active. */
  raisedAt: number;
  /** i18n key: 'wallboard.alert.<kind>' with {{scope}}, {{value}}, {{threshold}}. */
  messageKey: string;
}

export interface AlertEvaluation {
  /** Every active alert, sorted by id. Pass it back as `previous` next time. */
  active: WallboardAlert[];
  /** Alerts that became active in this evaluation: the ones to announce. */
  raised: WallboardAlert[];
  /** Ids that were active and no longer are. */
  cleared: string[];
}

export function evaluateAlerts(
  input: AlertInput,
  thresholds: Partial<AlertThresholds> = {},
  previous: readonly WallboardAlert[] = [],
): AlertEvaluation {
  const t: AlertThresholds = {
    ...DEFAULT_ALERT_THRESHOLDS,
    ...thresholds,
    hysteresis: { ...DEFAULT_ALERT_THRESHOLDS.hysteresis, ...thresholds.hysteresis },
  };
  const before = new Map(previous.map((a) => [a.id, a]));
  const active: WallboardAlert[] = [];
  const raised: WallboardAlert[] = [];

  const consider = (id: string, kind: AlertKind, scope: string | null, value: number, threshold: number, crossed: boolean, stillOn: boolean) => {
    const prior = before.get(id);
    if (prior ? !stillOn : !crossed) return;
    const alert: WallboardAlert = { id, kind, scope, value, threshold, raisedAt: prior?.raisedAt ?? input.now, messageKey: `wallboard.alert.${kind}` };
    active.push(alert);
    if (!prior) raised.push(alert);
  };

  const scopes = input.figures
    ? [{ id: 'centre', scope: null, f: input.figures.centre }, ...input.figures.queues.map((q) => ({ id: `queue:${q.queue}`, scope: q.queue, f: q.figures }))]
    : [];
  for (const { id, scope, f } of scopes) {
    if (t.waitingAbove !== null) {
      const n = t.waitingAbove;
      consider(`waiting:${id}`, 'waiting', scope, f.waiting, n, f.waiting > n, f.waiting > n - t.hysteresis.waitingCalls);
    }
    if (t.serviceLevelTargetPct !== null) {
      const target = t.serviceLevelTargetPct;
      const pct = f.serviceLevelPct;
      const enough = pct !== null && f.serviceLevelDenominator >= Math.max(1, t.serviceLevelMinCalls);
      consider(`service_level:${id}`, 'service_level', scope, pct ?? 0, target, enough && pct < target, enough && pct < target + t.hysteresis.serviceLevelPct);
    }
  }
  if (t.complaintSlaBreachedAbove !== null && input.complaintSlaBreached !== undefined) {
    const n = input.complaintSlaBreached;
    consider('complaint_sla', 'complaint_sla', null, n, t.complaintSlaBreachedAbove, n > t.complaintSlaBreachedAbove, n > t.complaintSlaBreachedAbove);
  }
  if (t.branchSilentMinutes !== null) {
    for (const b of input.branches ?? []) {
      if (b.lastSeenAt === null || !Number.isFinite(b.lastSeenAt)) continue;
      const silentMin = Math.max(0, (input.now - b.lastSeenAt) / 60_000);
      const over = silentMin > t.branchSilentMinutes;
      consider(`branch_silent:${b.branchId}`, 'branch_silent', b.branchId, silentMin, t.branchSilentMinutes, over, over);
    }
  }
  active.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const now = new Set(active.map((a) => a.id));
  return { active, raised, cleared: previous.map((a) => a.id).filter((id) => !now.has(id)) };
}
