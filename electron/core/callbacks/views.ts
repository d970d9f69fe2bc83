import type { CallbackCounts, CallbackView } from '../../../shared/contract/callback-schemas';
import { dueState } from '../../../shared/domain/callback-rules';
import { formatPhone, maskPhone } from '../../../shared/domain/phone';
import type { ServiceContext } from '../create-core';
import { countCallbacks, listAttemptRows, teamOfAgent, type CallbackListRow, type CallbackScope } from '../store/callbacks-repo';

/** Agents see numbers masked (as the screen pop does); supervisors and admins in full. */
export const seesNumbers = (role: string) => role !== 'agent';

/** Chinese numbers are masked in the form agents dial them ('138****5678'), others internationally. */
export function showPhone(phone: string, full: boolean): string {
  if (full) return formatPhone(phone);
  return maskPhone(phone.startsWith('+86') ? formatPhone(phone) : phone);
}

export function toViews(ctx: ServiceContext, rows: readonly CallbackListRow[]): CallbackView[] {
  const now = ctx.clock.now();
  const full = seesNumbers(ctx.seat.role);
  const attempts = listAttemptRows(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    phone: showPhone(r.phone, full),
    phoneMasked: !full,
    reason: r.reason as CallbackView['reason'],
    windowStart: r.window_start,
    windowEnd: r.window_end,
    timeZone: r.time_zone,
    priority: r.priority,
    assigneeAgentId: r.assignee_agent_id,
    assigneeAgentName: r.agent_name,
    assigneeTeamId: r.assignee_team_id,
    assigneeTeamName: r.team_name,
    status: r.status,
    dueState: dueState(r.window_start, r.window_end, now),
    attempts: (attempts.get(r.id) ?? []).map((a) => ({
      id: a.id,
      at: a.at,
      outcome: a.outcome as CallbackView['attempts'][number]['outcome'],
      note: a.note,
      agentName: a.agent_name,
    })),
    escalated: r.escalated_at !== null,
    snoozedUntil: r.snoozed_until,
    complaintId: r.complaint_id,
    promiseId: r.promise_id,
    interactionId: r.interaction_id,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** The seat's team, looked up per call: a supervisor may move the agent between teams (sync). */
export const seatTeam = (ctx: ServiceContext): string | null => teamOfAgent(ctx.db, ctx.seat.agentId);

export function mineScope(ctx: ServiceContext): CallbackScope {
  return { kind: 'mine', agentId: ctx.seat.agentId };
}

export function seatCounts(ctx: ServiceContext): CallbackCounts {
  return countCallbacks(ctx.db, mineScope(ctx), ctx.clock.now());
}

/** After any callback write: the changed ids, and the seat's badge counts. */
export function emitCallbackChanges(ctx: ServiceContext, ids: readonly string[]): void {
  if (ids.length === 0) return;
  ctx.emit('callbacks.changed', { ids: [...ids] });
  ctx.emit('callbacks.countsChanged', seatCounts(ctx));
}
