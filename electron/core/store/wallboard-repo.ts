import type { Database } from 'better-sqlite3';
import type { InteractionCallRow } from '../../../shared/domain/wallboard';
import { stmt } from './statements';

// What a seat without a hub reads for its own branch's wallboard and reports. Synchronous
// `(db, …)` functions; each is one index range (interactions_started 0060, complaints_open,
// callbacks_due, service_promises_due) or, for the on-demand reports, one pass over the period.

/** Inbound phone interactions with a queue that started in [from, to) (for interactionsToLegs). */
export function queueCallRows(db: Database, from: number, to: number): InteractionCallRow[] {
  return stmt<[number, number], InteractionCallRow>(
    db,
    `SELECT id, channel, direction, queue, started_at, answered_at, ended_at, wait_s, duration_s, outcome, call_id, linked_id, agent_id, deleted_at
     FROM interactions INDEXED BY interactions_started
     WHERE started_at >= ? AND started_at < ? AND queue IS NOT NULL AND deleted_at IS NULL AND channel IN ('phone', 'phone_in')`,
  ).all(from, to);
}

export interface AgentRow {
  id: string;
  name: string;
  branch_id: string | null;
  extension: string | null;
  updated_at: number;
}

/** The branch's agents (every agent when the branch is unknown), at most `limit`. */
export function branchAgents(db: Database, branchId: string | null, limit = 2000): AgentRow[] {
  return branchId === null
    ? stmt<[number], AgentRow>(db, 'SELECT id, name, branch_id, extension, updated_at FROM agents WHERE deleted_at IS NULL ORDER BY id LIMIT ?').all(limit)
    : stmt<[string, number], AgentRow>(
        db,
        'SELECT id, name, branch_id, extension, updated_at FROM agents WHERE branch_id = ? AND deleted_at IS NULL ORDER BY id LIMIT ?',
      ).all(branchId, limit);
}

export function agentBranch(db: Database, agentId: string): { id: string; name: string; time_zone: string } | null {
  return (
    stmt<[string], { id: string; name: string; time_zone: string }>(
      db,
      'SELECT b.id, b.name, b.time_zone FROM agents a JOIN branches b ON b.id = a.branch_id WHERE a.id = ?',
    ).get(agentId) ?? null
  );
}

export function agentExists(db: Database, agentId: string): boolean {
  return stmt<[string], { n: number }>(db, 'SELECT count(*) AS n FROM agents WHERE id = ? AND deleted_at IS NULL').get(agentId)!.n > 0;
}

/** Open complaints by current step (index 0 = step 1), those past their SLA, those awaiting approval. */
export function openComplaintFigures(db: Database, now: number): { openByStep: number[]; slaBreached: number; awaitingApproval: number } {
  const openByStep = [0, 0, 0, 0, 0, 0];
  for (const r of stmt<[], { step: number; n: number }>(
    db,
    "SELECT current_step AS step, count(*) AS n FROM complaints WHERE status = 'open' AND deleted_at IS NULL GROUP BY current_step",
  ).all()) {
    if (r.step >= 1 && r.step <= 6) openByStep[r.step - 1] = r.n;
  }
  const slaBreached = stmt<[number], { n: number }>(
    db,
    "SELECT count(*) AS n FROM complaints WHERE status = 'open' AND sla_due_at <= ? AND deleted_at IS NULL",
  ).get(now)!.n;
  const awaitingApproval = stmt<[], { n: number }>(
    db,
    "SELECT count(*) AS n FROM complaints INDEXED BY complaints_awaiting WHERE awaiting_approval = 1 AND status = 'open' AND deleted_at IS NULL",
  ).get()!.n;
  return { openByStep, slaBreached, awaitingApproval };
}

export function overduePromises(db: Database, now: number): number {
  return stmt<[number], { n: number }>(db, "SELECT count(*) AS n FROM service_promises WHERE status = 'open' AND due_at < ? AND deleted_at IS NULL").get(now)!.n;
}

export interface KeyCount {
  key: string | null;
  count: number;
}

/** Most first, then by key (none last). */
export const byCount = (a: KeyCount, b: KeyCount): number =>
  b.count - a.count || (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1);

/** Contacts (interactions) started in [from, to) by channel and by disposition. */
export function contactCounts(db: Database, from: number, to: number): { byChannel: KeyCount[]; byDisposition: KeyCount[] } {
  const rows = stmt<[number, number], { channel: string; disposition: string | null; n: number }>(
    db,
    `SELECT channel, disposition, count(*) AS n FROM interactions INDEXED BY interactions_started
     WHERE started_at >= ? AND started_at < ? AND deleted_at IS NULL GROUP BY channel, disposition`,
  ).all(from, to);
  const channel = new Map<string, number>();
  const disposition = new Map<string | null, number>();
  for (const r of rows) {
    channel.set(r.channel, (channel.get(r.channel) ?? 0) + r.n);
    disposition.set(r.disposition, (disposition.get(r.disposition) ?? 0) + r.n);
  }
  return {
    byChannel: [...channel].map(([key, count]) => ({ key, count })).sort(byCount),
    byDisposition: [...disposition].map(([key, count]) => ({ key, count })).sort(byCount),
  };
}

/**
 * Callbacks closed in [from, to) — done (reached, or marked done) or failed — and whether each
 * was closed inside its window: a done callback is on time when its first 'reached' attempt (or,
 * with none, its closing write) is at or before window_end; a failed one is late. The closing time
 * is that attempt's, else updated_at.
 */
export function callbacksOnTime(db: Database, from: number, to: number): { onTime: number; late: number } {
  const r = stmt<[number, number], { on_time: number | null; late: number | null }>(
    db,
    `WITH closed AS (
       SELECT c.status, c.window_end,
              coalesce((SELECT min(a.at) FROM callback_attempts a WHERE a.callback_id = c.id AND a.outcome = 'reached' AND a.deleted_at IS NULL), c.updated_at) AS closed_at
       FROM callbacks c WHERE c.status IN ('done', 'failed') AND c.deleted_at IS NULL)
     SELECT sum(status = 'done' AND closed_at <= window_end) AS on_time, sum(status = 'failed' OR closed_at > window_end) AS late
     FROM closed WHERE closed_at >= ? AND closed_at < ?`,
  ).get(from, to)!;
  return { onTime: r.on_time ?? 0, late: r.late ?? 0 };
}

/** Survey answers in [from, to): CSAT (1–5) and NPS (0–10) answers. */
export function surveyFigures(db: Database, from: number, to: number): { csatN: number; csatMean: number | null; npsN: number; promoters: number; detractors: number } {
  const r = stmt<[number, number], { csat_n: number; csat_mean: number | null; nps_n: number; promoters: number | null; detractors: number | null }>(
    db,
    `SELECT count(csat) AS csat_n, avg(csat) AS csat_mean, count(nps) AS nps_n, sum(nps >= 9) AS promoters, sum(nps <= 6) AS detractors
     FROM surveys WHERE answered_at >= ? AND answered_at < ? AND deleted_at IS NULL`,
  ).get(from, to)!;
  return { csatN: r.csat_n, csatMean: r.csat_mean, npsN: r.nps_n, promoters: r.promoters ?? 0, detractors: r.detractors ?? 0 };
}

/** Customers marked churned whose row changed in [from, to), by churn_reason (the closest the store has to "churned when"). */
export function churnReasons(db: Database, from: number, to: number): KeyCount[] {
  return stmt<[number, number], KeyCount>(
    db,
    `SELECT churn_reason AS key, count(*) AS count FROM customers
     WHERE status = 'churned' AND updated_at >= ? AND updated_at < ? AND deleted_at IS NULL GROUP BY churn_reason`,
  )
    .all(from, to)
    .sort(byCount);
}
