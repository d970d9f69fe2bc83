import type { AttemptOutcomeName } from '../../../shared/contract/callback-schemas';
import { CoreError } from '../../../shared/contract/result';
import { currentRecord, type ComplaintEvent, type ComplaintFlowState } from '../../../shared/domain/complaint-flow';
import type { ServiceContext } from '../create-core';
import type { CallbackRow } from '../store/callbacks-repo';
import { applyEvent, type Applied } from './apply-event';
import { MANUAL_FOLLOW_UP } from './follow-up-callback';
import { loadComplaint } from './load-state';

/** The follow-up draft names this callback (and carries the attempt's note) before the event runs. */
export function withFollowUpDraft(callbackId: string | null, note: string | null) {
  return (state: ComplaintFlowState): ComplaintFlowState => {
    const record = currentRecord(state);
    if (record === undefined || record.step !== 5 || record.state !== 'draft') return state;
    const data: Record<string, unknown> = { ...record.data };
    if (callbackId !== null && (typeof data.callbackId !== 'string' || data.callbackId === '' || data.callbackId === MANUAL_FOLLOW_UP)) {
      data.callbackId = callbackId;
      delete data.noCallbackReason;
    }
    if (note !== null && note !== '') data.note = note;
    const steps = [...state.steps];
    steps[record.seq] = { ...record, data };
    return { ...state, steps };
  };
}

/**
 * An attempt on a complaint's callback drives step 5 (the follow-up call), inside the attempt's
 * transaction: reached and satisfied known → followUpResult (advance, or back to solve);
 * reached, satisfaction not asked yet → the step-5 draft records { reached: true } and the
 * wizard asks; not reached → followUpResult reached:false, whose retry reuses this callback while
 * its own retry policy keeps it scheduled (no second callback). Nothing happens when the
 * complaint is not waiting for its follow-up (closed, another step): the attempt stands alone.
 */
export function followUpFromCallback(
  ctx: ServiceContext,
  cb: CallbackRow,
  outcome: AttemptOutcomeName,
  satisfied: boolean | null,
  note: string | null,
): Applied | null {
  if (cb.complaint_id === null) return null;
  const loaded = loadComplaint(ctx.db, cb.complaint_id);
  if (!loaded || loaded.state.status !== 'open' || loaded.state.currentStep !== 5) return null;
  const record = currentRecord(loaded.state);
  if (record === undefined || record.state !== 'draft') return null;
  const reached = outcome === 'reached';
  const event: ComplaintEvent =
    reached && satisfied === null
      ? { type: 'saveDraft', step: 5, data: { reached: true, callbackId: cb.id } }
      : { type: 'followUpResult', reached, satisfied: reached ? satisfied : null };
  try {
    return applyEvent(ctx, loaded, event, null, { prepare: withFollowUpDraft(cb.id, note), reuseCallbackId: cb.id });
  } catch (err) {
    // The flow refused (the complaint changed meanwhile): the attempt is a fact and is kept.
    if (err instanceof CoreError) return null;
    throw err;
  }
}
