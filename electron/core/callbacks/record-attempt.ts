import { v7 as uuidv7 } from 'uuid';
import type { AttemptOutcomeName } from '../../../shared/contract/callback-schemas';
import { decideAfterAttempt } from '../../../shared/domain/callback-rules';
import type { Applied } from '../complaints/apply-event';
import { followUpFromCallback } from '../complaints/follow-up-from-callback';
import { emitComplaintChanges } from '../complaints/views';
import type { ServiceContext } from '../create-core';
import { insertRow, updateRow, type Row } from '../store/change-log';
import type { CallbackRow } from '../store/callbacks-repo';
import { stmt } from '../store/statements';
import { loadSchedulingSettings } from './settings';
import { emitCallbackChanges } from './views';

/**
 * One attempt, in one transaction: the attempt row, the callback's new state from the shared
 * retry rules (done / failed / rescheduled), its linked complaint's step 5 (回访, through the
 * complaint flow: see followUpFromCallback; `satisfied` is the customer's answer when reached)
 * and, for a reached callback, its service promise. Complaint events go out after the commit.
 * Returns the decision's kind.
 */
export function recordAttempt(
  ctx: ServiceContext,
  cb: CallbackRow,
  outcome: AttemptOutcomeName,
  note: string | null,
  satisfied: boolean | null = null,
): 'done' | 'failed' | 'reschedule' {
  const now = ctx.clock.now();
  const settings = loadSchedulingSettings(ctx.db);
  let complaint: Applied | null = null;
  const kind = ctx.db.transaction(() => {
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
    if (cb.complaint_id) complaint = followUpFromCallback(ctx, cb, outcome, satisfied, note);
    if (decision.kind === 'done' && cb.promise_id) keepPromise(ctx, cb.promise_id, now);
    return decision.kind;
  })();
  const applied = complaint as Applied | null;
  if (applied) {
    emitComplaintChanges(ctx, [applied.id]);
    const created = applied.callbackIds;
    if (created.length > 0) emitCallbackChanges(ctx, created);
  }
  return kind;
}

/** An open promise is kept by the callback that reached the customer (a closed one stays as it is). */
export function keepPromise(ctx: ServiceContext, promiseId: string, at: number): void {
  const p = stmt<[string], { status: string }>(ctx.db, 'SELECT status FROM service_promises WHERE id = ? AND deleted_at IS NULL').get(promiseId);
  if (p?.status === 'open') updateRow(ctx.writes, 'service_promises', promiseId, { status: 'kept', kept_at: at }, 'promise.kept');
}
