import { v7 as uuidv7 } from 'uuid';
import type { AttemptOutcomeName } from '../../../shared/contract/callback-schemas';
import { decideAfterAttempt } from '../../../shared/domain/callback-rules';
import type { ServiceContext } from '../create-core';
import { insertRow, updateRow, type Row } from '../store/change-log';
import type { CallbackRow } from '../store/callbacks-repo';
import { stmt } from '../store/statements';
import { loadSchedulingSettings } from './settings';

/**
 * One attempt, in one transaction: the attempt row, the callback's new state from the shared
 * retry rules (done / failed / rescheduled), and for a reached callback its linked complaint's
 * step 5 (回访) and its service promise. Returns the decision's kind.
 */
export function recordAttempt(ctx: ServiceContext, cb: CallbackRow, outcome: AttemptOutcomeName, note: string | null): 'done' | 'failed' | 'reschedule' {
  const now = ctx.clock.now();
  const settings = loadSchedulingSettings(ctx.db);
  return ctx.db.transaction(() => {
    insertRow(
      ctx.writes,
      'callback_attempts',
      { id: uuidv7(), callback_id: cb.id, agent_id: ctx.seat.agentId, at: now, outcome, note, updated_at: now },
      'callback.attempt',
    );
    const attempts = cb.attempts + 1;
    const decision = decideAfterAttempt({
      outcome,
      attemptsSoFar: attempts,
      firstDueAt: cb.first_due_at ?? cb.window_start,
      windowStart: cb.window_start,
      windowEnd: cb.window_end,
      zone: cb.time_zone,
      now,
      policy: settings.retry,
      quiet: settings.quietHours,
    });
    const patch: Row = { attempts };
    if (decision.kind === 'done') patch.status = 'done';
    else if (decision.kind === 'failed') patch.status = 'failed';
    else {
      // A new due moment: remind again, escalate again if this window is missed too.
      Object.assign(patch, { window_start: decision.start, window_end: decision.end, reminded_at: null, snoozed_until: null, escalated_at: null });
    }
    updateRow(ctx.writes, 'callbacks', cb.id, patch, `callback.attempt.${decision.kind}`);
    if (decision.kind === 'done') {
      if (cb.complaint_id) markComplaintFollowUp(ctx, cb.complaint_id, cb.id, now);
      if (cb.promise_id) keepPromise(ctx, cb.promise_id, now);
    }
    return decision.kind;
  })();
}

/** Step 5 (回访, the follow-up call) of the complaint's latest round records that the customer was reached. */
function markComplaintFollowUp(ctx: ServiceContext, complaintId: string, callbackId: string, at: number): void {
  const step = stmt<[string], { id: string; data: string }>(
    ctx.db,
    'SELECT id, data FROM complaint_steps WHERE complaint_id = ? AND step = 5 AND deleted_at IS NULL ORDER BY round DESC LIMIT 1',
  ).get(complaintId);
  const mark = { reached: true, callbackId, at };
  if (step) {
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(step.data);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch {
      // a damaged record is replaced by the mark
    }
    updateRow(ctx.writes, 'complaint_steps', step.id, { data: JSON.stringify({ ...data, ...mark }) }, 'complaint.followUpReached');
    return;
  }
  const round =
    stmt<[string], { r: number | null }>(ctx.db, 'SELECT max(round) AS r FROM complaint_steps WHERE complaint_id = ? AND deleted_at IS NULL').get(complaintId)?.r ?? 1;
  insertRow(
    ctx.writes,
    'complaint_steps',
    { id: uuidv7(), complaint_id: complaintId, step: 5, round, state: 'draft', data: JSON.stringify(mark), author_agent_id: ctx.seat.agentId, started_at: at, updated_at: at },
    'complaint.followUpReached',
  );
}

/** An open promise is kept by the callback that reached the customer (a closed one stays as it is). */
export function keepPromise(ctx: ServiceContext, promiseId: string, at: number): void {
  const p = stmt<[string], { status: string }>(ctx.db, 'SELECT status FROM service_promises WHERE id = ? AND deleted_at IS NULL').get(promiseId);
  if (p?.status === 'open') updateRow(ctx.writes, 'service_promises', promiseId, { status: 'kept', kept_at: at }, 'promise.kept');
}
