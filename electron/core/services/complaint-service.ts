import type { ComplaintView } from '../../../shared/contract/complaint-schemas';
import { CoreError } from '../../../shared/contract/result';
import { complaintFlow, type ComplaintEvent, validateSlaConfig } from '../../../shared/domain/complaint-flow';
import { recordAttempt } from '../callbacks/record-attempt';
import { emitCallbackChanges, seatTeam } from '../callbacks/views';
import { applyEvent, type Applied, type ApplyOptions } from '../complaints/apply-event';
import { withFollowUpDraft } from '../complaints/follow-up-from-callback';
import { loadComplaint, type LoadedComplaint } from '../complaints/load-state';
import { refusalError } from '../complaints/refusals';
import { complaintReport } from '../complaints/report';
import { flowConfig, loadComplaintSettings, saveComplaintSettings } from '../complaints/settings';
import { complaintCounts, emitComplaintChanges, toListItem, toView } from '../complaints/views';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import { updateRow } from '../store/change-log';
import { getCallbackRow } from '../store/callbacks-repo';
import { getComplaintRow, listComplaintRows, type ComplaintListRow, type ComplaintScope } from '../store/complaints-repo';
import { stmt } from '../store/statements';

type ComplaintChannels = Extract<keyof Handlers, `complaints.${string}`>;

/**
 * The complaint wizard. Every write runs one event through the pure flow
 * (shared/domain/complaint-flow) and applies its effects in one transaction (apply-event.ts);
 * events go out after the commit.
 */
export function complaintHandlers(ctx: ServiceContext): Pick<Handlers, ComplaintChannels> {
  const supervisor = () => ctx.seat.role !== 'agent';

  /** An agent works their own complaints and their team's; supervisors and admins any. */
  function visible(row: ComplaintListRow): boolean {
    if (supervisor() || row.owner_agent_id === ctx.seat.agentId) return true;
    const team = seatTeam(ctx);
    return team !== null && row.team_id === team;
  }

  function load(id: string): LoadedComplaint {
    const c = loadComplaint(ctx.db, id);
    if (!c) throw new CoreError('not_found', 'errors.complaintNotFound');
    if (!visible(c.row)) throw new CoreError('forbidden', 'errors.forbidden');
    return c;
  }

  const view = (id: string): ComplaintView => toView(ctx, loadComplaint(ctx.db, id)!);

  function changed(applied: Applied): ComplaintView {
    emitComplaintChanges(ctx, [applied.id]);
    if (applied.callbackIds.length > 0) emitCallbackChanges(ctx, applied.callbackIds);
    return view(applied.id);
  }

  const run = (id: string, event: ComplaintEvent, options?: ApplyOptions): ComplaintView => changed(applyEvent(ctx, load(id), event, null, options));

  function scopeOf(scope: 'mine' | 'team' | 'all'): ComplaintScope {
    if (scope === 'all') {
      if (!supervisor()) throw new CoreError('forbidden', 'errors.forbidden');
      return { kind: 'all' };
    }
    const mine: ComplaintScope = { kind: 'mine', agentId: ctx.seat.agentId };
    if (scope === 'team') {
      const teamId = seatTeam(ctx);
      return teamId ? { kind: 'team', teamId } : mine;
    }
    return mine;
  }

  return {
    'complaints.start': ({ customerId, source, interactionId, bookingId, firstContact }) => {
      if (!stmt(ctx.db, 'SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NULL').get(customerId)) {
        throw new CoreError('not_found', 'errors.customerNotFound');
      }
      if (interactionId !== null && !stmt(ctx.db, 'SELECT 1 FROM interactions WHERE id = ? AND deleted_at IS NULL').get(interactionId)) {
        throw new CoreError('not_found', 'errors.interactionNotFound');
      }
      if (bookingId !== null && !stmt(ctx.db, 'SELECT 1 FROM bookings WHERE id = ? AND customer_id = ? AND deleted_at IS NULL').get(bookingId, customerId)) {
        throw new CoreError('not_found', 'errors.bookingNotFound');
      }
      const applied = applyEvent(ctx, null, { type: 'start', source, firstContact, contactId: interactionId }, {
        customerId,
        interactionId,
        bookingId,
        ownerAgentId: ctx.seat.agentId,
        teamId: seatTeam(ctx),
      });
      return changed(applied);
    },
    'complaints.get': ({ id }) => toView(ctx, load(id)),
    'complaints.saveDraft': ({ id, step, data }) => run(id, { type: 'saveDraft', step, data }),
    'complaints.completeStep': ({ id, step, data }) => run(id, { type: 'completeStep', step, data }),
    'complaints.rejectRemedy': ({ id, then, data }) => run(id, { type: 'customerRejected', then, ...(data ? { data } : {}) }),
    'complaints.approveRemedy': ({ id }) => run(id, { type: 'approve', approverRole: ctx.seat.role }),
    'complaints.recordFollowUp': ({ id, reached, satisfied, note }) => {
      const c = load(id);
      const callbackId = c.row.follow_up_callback_id;
      const cb = callbackId !== null ? getCallbackRow(ctx.db, callbackId) : undefined;
      const live = cb?.status === 'scheduled' ? cb : undefined;
      const prepare = withFollowUpDraft(live?.id ?? null, note);
      const event: ComplaintEvent = { type: 'followUpResult', reached, satisfied: reached ? satisfied : null };
      // Refused before anything is written (the attempt too): closed, another step, satisfaction missing.
      const dry = complaintFlow(prepare(c.state), event, { now: ctx.clock.now(), actorId: ctx.seat.agentId, config: flowConfig(ctx.db) });
      if (!dry.ok) throw refusalError(dry.reason, dry.errors);
      if (live) {
        // Through the callback: its attempt row and retry policy, then the flow (followUpFromCallback).
        recordAttempt(ctx, live, reached ? 'reached' : 'no_answer', note, reached ? satisfied : null);
        emitCallbackChanges(ctx, [live.id]);
        return view(id);
      }
      // No callback carries the call (none possible, or it is already closed): recorded by hand.
      return changed(applyEvent(ctx, c, event, null, { prepare }));
    },
    'complaints.close': ({ id }) => run(id, { type: 'close' }),
    'complaints.reopen': ({ id, reason }) => run(id, { type: 'reopen', reason }),
    'complaints.list': ({ scope, status, overdueOnly, step, category, severity, sla, customerId, limit }) => {
      const now = ctx.clock.now();
      const rows = listComplaintRows(ctx.db, scopeOf(scope), { status, overdueOnly, step, category, severity, sla, customerId, limit, now });
      return { items: rows.map((r) => toListItem(r, now)), counts: complaintCounts(ctx) };
    },
    'complaints.counts': () => complaintCounts(ctx),
    'complaints.reassign': ({ ids, agentId }) => {
      const unique = [...new Set(ids)];
      const agent = stmt<[string], { team_id: string | null }>(ctx.db, 'SELECT team_id FROM agents WHERE id = ? AND deleted_at IS NULL').get(agentId);
      if (!agent) throw new CoreError('not_found', 'errors.agentNotFound');
      const now = ctx.clock.now();
      let updated = 0;
      const callbacks: string[] = [];
      ctx.db.transaction(() => {
        for (const id of unique) {
          const row = getComplaintRow(ctx.db, id);
          if (!row) throw new CoreError('not_found', 'errors.complaintNotFound');
          if (row.status !== 'open') throw new CoreError('conflict', 'errors.complaintClosed');
          const patch = { owner_agent_id: agentId, team_id: agent.team_id, updated_at: now };
          if (Object.keys(updateRow(ctx.writes, 'complaints', id, patch, 'complaint.reassign')).length > 0) updated++;
          // The follow-up call goes with the complaint.
          const cb = row.follow_up_callback_id ? getCallbackRow(ctx.db, row.follow_up_callback_id) : undefined;
          if (cb?.status === 'scheduled' && cb.assignee_agent_id !== agentId) {
            updateRow(ctx.writes, 'callbacks', cb.id, { assignee_agent_id: agentId, assignee_team_id: null, reminded_at: null, updated_at: now }, 'callback.reassign');
            callbacks.push(cb.id);
          }
        }
      })();
      emitComplaintChanges(ctx, unique);
      emitCallbackChanges(ctx, callbacks);
      return { updated };
    },
    'complaints.report': ({ from, to }) => {
      if (to <= from) throw new CoreError('invalid_input', 'errors.invalidInput', { to: 'validation.range' });
      return complaintReport(ctx.db, from, to);
    },
    'complaints.getSettings': () => loadComplaintSettings(ctx.db),
    'complaints.setSettings': ({ settings }) => {
      const problems = validateSlaConfig(settings.sla);
      if (problems.length > 0) throw new CoreError('invalid_input', 'errors.invalidInput', { sla: problems[0]! });
      saveComplaintSettings(ctx.db, settings);
      return loadComplaintSettings(ctx.db);
    },
  };
}
