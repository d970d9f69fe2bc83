import type { ComplaintCounts, ComplaintListItem, ComplaintStepView, ComplaintView } from '../../../shared/contract/complaint-schemas';
import { currentRecord, slaState, type SlaState } from '../../../shared/domain/complaint-flow';
import { seatTeam } from '../callbacks/views';
import type { ServiceContext } from '../create-core';
import { agentNames, countComplaints, type ComplaintListRow } from '../store/complaints-repo';
import { MANUAL_FOLLOW_UP } from './follow-up-callback';
import type { LoadedComplaint } from './load-state';

/** A done record's clock: breached when it was completed after its due time. */
function recordSla(due: number | null, started: number, completed: number | null, now: number): SlaState {
  if (completed !== null) return due !== null && completed > due ? 'breached' : 'ok';
  return slaState(due, now, started);
}

export function toView(ctx: ServiceContext, c: LoadedComplaint): ComplaintView {
  const now = ctx.clock.now();
  const { row, state } = c;
  const names = agentNames(ctx.db, state.reopens.map((r) => r.actorId).filter((a) => typeof a === 'string'));
  const current = currentRecord(state);
  const steps: ComplaintStepView[] = c.steps.map((s, seq) => {
    const r = state.steps[seq]!;
    return {
      id: s.id,
      step: r.step,
      round: r.round,
      state: r.state,
      outcome: r.outcome,
      data: { ...r.data },
      authorId: s.author_agent_id,
      authorName: s.author_name,
      contactId: s.contact_id,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
      slaDueAt: r.slaDueAt,
      slaState: recordSla(r.slaDueAt, r.startedAt, r.completedAt, now),
      updatedAt: r.updatedAt,
    };
  });
  const followUp = row.follow_up_callback_id;
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    interactionId: row.interaction_id,
    bookingId: row.booking_id,
    status: state.status,
    currentStep: state.currentStep,
    round: state.round,
    source: state.source,
    firstContact: state.firstContact,
    category: state.category,
    subcategory: state.subcategory,
    severity: state.severity,
    firstContactResolution: state.firstContactResolution,
    reopenCount: state.reopenCount,
    escalated: state.escalated,
    ownerAgentId: row.owner_agent_id,
    ownerAgentName: row.owner_name,
    teamId: row.team_id,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    slaDueAt: state.slaDueAt,
    slaState: slaState(state.slaDueAt, now, current?.state === 'draft' ? current.startedAt : undefined),
    followUpCallbackId: followUp !== null && followUp !== MANUAL_FOLLOW_UP ? followUp : null,
    awaitingApproval: row.awaiting_approval === 1,
    steps,
    reopens: state.reopens.map((r) => ({ at: r.at, actorName: names.get(r.actorId) ?? null, reason: r.reason, round: r.round })),
    updatedAt: row.updated_at,
  };
}

export function toListItem(r: ComplaintListRow, now: number): ComplaintListItem {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    status: r.status,
    currentStep: r.current_step as ComplaintListItem['currentStep'],
    category: r.category as ComplaintListItem['category'],
    subcategory: r.subcategory as ComplaintListItem['subcategory'],
    severity: r.severity as ComplaintListItem['severity'],
    slaDueAt: r.sla_due_at,
    slaState: slaState(r.sla_due_at, now, r.step_started_at ?? undefined),
    ownerAgentId: r.owner_agent_id,
    ownerAgentName: r.owner_name,
    escalated: r.escalated === 1,
    awaitingApproval: r.awaiting_approval === 1,
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
  };
}

export function complaintCounts(ctx: ServiceContext): ComplaintCounts {
  return countComplaints(ctx.db, ctx.seat.agentId, seatTeam(ctx), ctx.seat.role !== 'agent', ctx.clock.now());
}

/** After complaint writes have committed: the changed ids and the seat's badge counts. */
export function emitComplaintChanges(ctx: ServiceContext, ids: readonly string[]): void {
  if (ids.length === 0) return;
  ctx.emit('complaints.changed', { ids: [...ids] });
  ctx.emit('complaints.countsChanged', complaintCounts(ctx));
}
