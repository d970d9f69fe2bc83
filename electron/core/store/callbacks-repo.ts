import type { Database } from 'better-sqlite3';
import { stmt } from './statements';

// Reads of callbacks and their attempts. Writes go through change-log (insertRow/updateRow) in
// the callbacks module, so every change is in the outbox and the audit log.

export interface CallbackRow {
  id: string;
  customer_id: string | null;
  phone: string;
  reason: string;
  window_start: number;
  window_end: number;
  time_zone: string;
  priority: number;
  assignee_agent_id: string | null;
  assignee_team_id: string | null;
  status: 'scheduled' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  complaint_id: string | null;
  promise_id: string | null;
  interaction_id: string | null;
  note: string | null;
  reminded_at: number | null;
  snoozed_until: number | null;
  escalated_at: number | null;
  first_due_at: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface CallbackListRow extends CallbackRow {
  customer_name: string | null;
  agent_name: string | null;
  team_name: string | null;
}

export interface AttemptRow {
  id: string;
  callback_id: string;
  at: number;
  outcome: string;
  note: string | null;
  agent_name: string | null;
}

export type CallbackStatusFilter = 'open' | 'closed';

/**
 * Who a list or count covers:
 * - mine: assignee_agent_id = the seat's agent;
 * - team: the team's queue (assignee_team_id = the team) plus every callback assigned to one of
 *   the team's agents (a teammate's callbacks, so a colleague can cover); an agent without a
 *   team has no team queue and sees 'mine';
 * - all: everything (supervisors, admins), optionally one agent's.
 */
export type CallbackScope =
  | { kind: 'mine'; agentId: string }
  | { kind: 'team'; teamId: string; agentId?: string }
  | { kind: 'all'; agentId?: string };

const SELECT_VIEW = `
  SELECT c.*, cu.name AS customer_name, a.name AS agent_name, t.name AS team_name
  FROM callbacks c
  LEFT JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN agents a ON a.id = c.assignee_agent_id
  LEFT JOIN teams t ON t.id = c.assignee_team_id`;

export function getCallbackRow(db: Database, id: string): CallbackListRow | undefined {
  return stmt<[string], CallbackListRow>(db, `${SELECT_VIEW} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id);
}

export function teamOfAgent(db: Database, agentId: string): string | null {
  return stmt<[string], { team_id: string | null }>(db, 'SELECT team_id FROM agents WHERE id = ?').get(agentId)?.team_id ?? null;
}

/** The scope's WHERE on `c` and its parameters; each branch is one index range (see 0010 / 0030). */
function scopeWhere(scope: CallbackScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'mine':
      return { sql: 'c.assignee_agent_id = ?', params: [scope.agentId] };
    case 'team':
      if (scope.agentId) {
        return { sql: 'c.assignee_agent_id = ? AND c.assignee_agent_id IN (SELECT id FROM agents WHERE team_id = ?)', params: [scope.agentId, scope.teamId] };
      }
      return {
        sql: '(c.assignee_team_id = ? OR c.assignee_agent_id IN (SELECT id FROM agents WHERE team_id = ?))',
        params: [scope.teamId, scope.teamId],
      };
    case 'all':
      return scope.agentId ? { sql: 'c.assignee_agent_id = ?', params: [scope.agentId] } : { sql: '1', params: [] };
  }
}

const OPEN = "c.status = 'scheduled'";
const CLOSED = "c.status IN ('done', 'failed', 'cancelled')";

export function listCallbackRows(
  db: Database,
  scope: CallbackScope,
  filter: { status: CallbackStatusFilter; from?: number; to?: number; limit: number },
): CallbackListRow[] {
  const where = scopeWhere(scope);
  const parts = [where.sql, filter.status === 'open' ? OPEN : CLOSED, 'c.deleted_at IS NULL'];
  const params = [...where.params];
  if (filter.from !== undefined) {
    parts.push('c.window_start >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push('c.window_start < ?');
    params.push(filter.to);
  }
  // Open: the queue, soonest due first, then priority (1 urgent). Closed: most recent first.
  const order = filter.status === 'open' ? 'c.window_start, c.priority, c.id' : 'c.window_start DESC, c.id DESC';
  params.push(filter.limit);
  return stmt<unknown[], CallbackListRow>(db, `${SELECT_VIEW} WHERE ${parts.join(' AND ')} ORDER BY ${order} LIMIT ?`).all(...params);
}

export interface CallbackCountsRow {
  due: number;
  overdue: number;
  upcoming: number;
  escalated: number;
}

/** Counts of the scope's open callbacks by due state (same boundaries as dueState: [start, end) is due). */
export function countCallbacks(db: Database, scope: CallbackScope, now: number): CallbackCountsRow {
  const where = scopeWhere(scope);
  const row = stmt<unknown[], Record<keyof CallbackCountsRow, number | null>>(
    db,
    `SELECT sum(c.window_start > ?) AS upcoming,
            sum(c.window_start <= ? AND c.window_end > ?) AS due,
            sum(c.window_end <= ?) AS overdue,
            sum(c.escalated_at IS NOT NULL) AS escalated
     FROM callbacks c WHERE ${where.sql} AND ${OPEN} AND c.deleted_at IS NULL`,
  ).get(now, now, now, now, ...where.params)!;
  return { due: row.due ?? 0, overdue: row.overdue ?? 0, upcoming: row.upcoming ?? 0, escalated: row.escalated ?? 0 };
}

export function listAttemptRows(db: Database, callbackIds: readonly string[]): Map<string, AttemptRow[]> {
  const out = new Map<string, AttemptRow[]>();
  if (callbackIds.length === 0) return out;
  const q = stmt<[string], AttemptRow>(
    db,
    `SELECT at.id, at.callback_id, at.at, at.outcome, at.note, a.name AS agent_name
     FROM callback_attempts at LEFT JOIN agents a ON a.id = at.agent_id
     WHERE at.callback_id = ? AND at.deleted_at IS NULL ORDER BY at.at, at.id`,
  );
  for (const id of callbackIds) {
    const rows = q.all(id);
    if (rows.length > 0) out.set(id, rows);
  }
  return out;
}

/**
 * Open callbacks whose reminder is owed at `now`: not reminded since they were last (re)scheduled
 * or snoozed, window open, snooze over. Only rows in the partial index callbacks_remind are read:
 * the agent's own, plus (teamId) the team queue's unassigned ones.
 */
export function callbacksToRemind(db: Database, agentId: string, teamId: string | null, now: number, limit: number): CallbackRow[] {
  const cond = "c.status = 'scheduled' AND c.reminded_at IS NULL AND c.window_start <= ? AND (c.snoozed_until IS NULL OR c.snoozed_until <= ?) AND c.deleted_at IS NULL";
  const mine = stmt<unknown[], CallbackRow>(db, `SELECT c.* FROM callbacks c INDEXED BY callbacks_remind WHERE c.assignee_agent_id = ? AND ${cond} ORDER BY c.window_start LIMIT ?`).all(
    agentId,
    now,
    now,
    limit,
  );
  if (!teamId) return mine;
  const queue = stmt<unknown[], CallbackRow>(
    db,
    `SELECT c.* FROM callbacks c INDEXED BY callbacks_remind WHERE c.assignee_agent_id IS NULL AND c.assignee_team_id = ? AND ${cond} ORDER BY c.window_start LIMIT ?`,
  ).all(teamId, now, now, limit);
  return [...mine, ...queue];
}

/**
 * Open, not yet escalated callbacks whose window ended at or before `cutoff` (from the partial
 * index callbacks_escalate). agentId null: every agent's (a supervisor's seat escalates for all).
 */
export function callbacksToEscalate(db: Database, agentId: string | null, teamId: string | null, cutoff: number, limit: number): CallbackRow[] {
  const cond = "c.status = 'scheduled' AND c.escalated_at IS NULL AND c.window_end <= ? AND c.deleted_at IS NULL";
  if (agentId === null) {
    return stmt<unknown[], CallbackRow>(db, `SELECT c.* FROM callbacks c INDEXED BY callbacks_escalate WHERE ${cond} ORDER BY c.window_end LIMIT ?`).all(cutoff, limit);
  }
  const mine = stmt<unknown[], CallbackRow>(db, `SELECT c.* FROM callbacks c INDEXED BY callbacks_escalate WHERE c.assignee_agent_id = ? AND ${cond} LIMIT ?`).all(agentId, cutoff, limit);
  if (!teamId) return mine;
  const queue = stmt<unknown[], CallbackRow>(
    db,
    `SELECT c.* FROM callbacks c INDEXED BY callbacks_escalate WHERE c.assignee_agent_id IS NULL AND c.assignee_team_id = ? AND ${cond} LIMIT ?`,
  ).all(teamId, cutoff, limit);
  return [...mine, ...queue];
}
