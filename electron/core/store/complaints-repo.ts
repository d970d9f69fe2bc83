import type { Database } from 'better-sqlite3';
import { stmt } from './statements';

// Reads of complaints and their step records. Writes go through change-log (insertRow/updateRow)
// in electron/core/complaints, so every change is in the outbox and the audit log.

export interface ComplaintRow {
  id: string;
  customer_id: string;
  interaction_id: string | null;
  booking_id: string | null;
  status: 'open' | 'closed';
  current_step: number;
  category: string | null;
  subcategory: string | null;
  severity: string | null;
  first_contact_resolution: number;
  reopen_count: number;
  owner_agent_id: string | null;
  team_id: string | null;
  opened_at: number;
  closed_at: number | null;
  sla_due_at: number | null;
  updated_at: number;
  deleted_at: number | null;
  source: string;
  first_contact: number;
  escalated: number;
  round: number;
  reopens: string;
  follow_up_callback_id: string | null;
  awaiting_approval: number;
}

export interface ComplaintListRow extends ComplaintRow {
  customer_name: string;
  owner_name: string | null;
  /** When the current step's record started (its SLA clock's start). */
  step_started_at: number | null;
}

export interface StepRow {
  id: string;
  complaint_id: string;
  step: number;
  round: number;
  state: 'draft' | 'done';
  data: string;
  author_agent_id: string | null;
  started_at: number;
  completed_at: number | null;
  sla_due_at: number | null;
  updated_at: number;
  outcome: string | null;
  contact_id: string | null;
  author_name: string | null;
}

const STEP_STARTED = `(SELECT max(s.started_at) FROM complaint_steps s
  WHERE s.complaint_id = c.id AND s.step = c.current_step AND s.round = c.round AND s.deleted_at IS NULL)`;

const SELECT_LIST = `
  SELECT c.*, cu.name AS customer_name, a.name AS owner_name, ${STEP_STARTED} AS step_started_at
  FROM complaints c
  JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN agents a ON a.id = c.owner_agent_id`;

export function getComplaintRow(db: Database, id: string): ComplaintListRow | undefined {
  return stmt<[string], ComplaintListRow>(db, `${SELECT_LIST} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id);
}

/** Every record of the complaint, every round, in the order they were written (the flow's seq). */
export function listStepRows(db: Database, complaintId: string): StepRow[] {
  return stmt<[string], StepRow>(
    db,
    `SELECT s.*, a.name AS author_name FROM complaint_steps s LEFT JOIN agents a ON a.id = s.author_agent_id
     WHERE s.complaint_id = ? AND s.deleted_at IS NULL ORDER BY s.started_at, s.rowid`,
  ).all(complaintId);
}

export function agentNames(db: Database, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const q = stmt<[string], { name: string }>(db, 'SELECT name FROM agents WHERE id = ?');
  for (const id of new Set(ids)) {
    const name = q.get(id)?.name;
    if (name !== undefined) out.set(id, name);
  }
  return out;
}

/**
 * Who a list or count covers:
 * - mine: owner_agent_id = the seat's agent;
 * - team: team_id = the team (set to the owner's team when the complaint starts or is reassigned);
 * - all: everything (supervisors, admins).
 * Each is one range of complaints_owner / complaints_team / complaints_due (0040).
 */
export type ComplaintScope = { kind: 'mine'; agentId: string } | { kind: 'team'; teamId: string } | { kind: 'all' };

function scopeWhere(scope: ComplaintScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'mine':
      return { sql: 'c.owner_agent_id = ?', params: [scope.agentId] };
    case 'team':
      return { sql: 'c.team_id = ?', params: [scope.teamId] };
    case 'all':
      return { sql: '1', params: [] };
  }
}

const HOUR_MS = 3_600_000;
/** slaState's due_soon, in SQL: within min(2 h, 20% of the step's allowance) of the due time (2 h without a start). */
const DUE_SOON = `(c.sla_due_at > ? AND c.sla_due_at - ? <= min(${2 * HOUR_MS}, 0.2 * max(c.sla_due_at - coalesce(${STEP_STARTED}, c.sla_due_at - ${10 * HOUR_MS}), 0)))`;

export interface ComplaintListQuery {
  status: 'open' | 'closed' | 'any';
  overdueOnly: boolean;
  step?: number;
  category?: string;
  severity?: string;
  sla?: 'ok' | 'due_soon' | 'breached';
  customerId?: string;
  limit: number;
  now: number;
}

/**
 * Open ones most urgent first (due time ascending; those without a clock — waiting to be
 * closed — after them), closed ones most recently closed first, 'any' most recently opened first.
 */
export function listComplaintRows(db: Database, scope: ComplaintScope, q: ComplaintListQuery): ComplaintListRow[] {
  const where = scopeWhere(scope);
  const parts = [where.sql, 'c.deleted_at IS NULL'];
  const params: unknown[] = [...where.params];
  if (q.status !== 'any') {
    parts.push('c.status = ?');
    params.push(q.status);
  }
  if (q.overdueOnly) {
    parts.push("c.status = 'open' AND c.sla_due_at <= ?");
    params.push(q.now);
  }
  for (const [col, value] of [
    ['c.current_step', q.step],
    ['c.category', q.category],
    ['c.severity', q.severity],
    ['c.customer_id', q.customerId],
  ] as const) {
    if (value !== undefined) {
      parts.push(`${col} = ?`);
      params.push(value);
    }
  }
  if (q.sla === 'breached') {
    parts.push('c.sla_due_at <= ?');
    params.push(q.now);
  } else if (q.sla === 'due_soon') {
    parts.push(DUE_SOON);
    params.push(q.now, q.now);
  } else if (q.sla === 'ok') {
    parts.push(`(c.sla_due_at IS NULL OR (c.sla_due_at > ? AND NOT ${DUE_SOON}))`);
    params.push(q.now, q.now, q.now);
  }
  const base = `${SELECT_LIST} WHERE ${parts.join(' AND ')}`;
  // closed_at IS NOT NULL lets the closed list walk complaints_closed backwards.
  if (q.status === 'closed') return stmt<unknown[], ComplaintListRow>(db, `${base} AND c.closed_at IS NOT NULL ORDER BY c.closed_at DESC LIMIT ?`).all(...params, q.limit);
  if (q.status === 'any') return stmt<unknown[], ComplaintListRow>(db, `${base} ORDER BY c.opened_at DESC LIMIT ?`).all(...params, q.limit);
  // Two ordered ranges instead of "ORDER BY sla_due_at IS NULL, …", which no index can serve.
  const timed = stmt<unknown[], ComplaintListRow>(db, `${base} AND c.sla_due_at IS NOT NULL ORDER BY c.sla_due_at LIMIT ?`).all(...params, q.limit);
  if (timed.length >= q.limit) return timed;
  const untimed = stmt<unknown[], ComplaintListRow>(db, `${base} AND c.sla_due_at IS NULL ORDER BY c.opened_at LIMIT ?`).all(...params, q.limit - timed.length);
  return [...timed, ...untimed];
}

export interface ComplaintCountsRow {
  mine: number;
  team: number;
  overdue: number;
  awaitingApproval: number;
}

const countOpen = (db: Database, scope: ComplaintScope, extra: string, extraParams: unknown[], indexedBy = ''): number => {
  const where = scopeWhere(scope);
  return stmt<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM complaints c ${indexedBy} WHERE ${where.sql} AND c.status = 'open' AND c.deleted_at IS NULL${extra}`).get(
    ...where.params,
    ...extraParams,
  )!.n;
};

/**
 * Badge counts of open complaints: the agent's own, the team's, and — over the team (an agent)
 * or everyone (a supervisor, `wide`) — those overdue and those waiting for approval.
 */
export function countComplaints(db: Database, agentId: string, teamId: string | null, wide: boolean, now: number): ComplaintCountsRow {
  const mine: ComplaintScope = { kind: 'mine', agentId };
  const team: ComplaintScope = teamId ? { kind: 'team', teamId } : mine;
  const broad: ComplaintScope = wide ? { kind: 'all' } : team;
  return {
    mine: countOpen(db, mine, '', []),
    team: countOpen(db, team, '', []),
    overdue: countOpen(db, broad, ' AND c.sla_due_at <= ?', [now]),
    // The partial index holds only those waiting (a handful), whatever the scope.
    awaitingApproval: countOpen(db, broad, ' AND c.awaiting_approval = 1', [], 'INDEXED BY complaints_awaiting'),
  };
}
