import { v7 as uuidv7 } from 'uuid';
import {
  approvalNeeded,
  type ComplaintEffect,
  type ComplaintEvent,
  type ComplaintFlowState,
  complaintFlow,
  currentRecord,
  type StepRecord,
} from '../../../shared/domain/complaint-flow';
import type { ServiceContext } from '../create-core';
import { auditAction, insertRow, updateRow, type Row } from '../store/change-log';
import { currentContact } from './current-contact';
import { MANUAL_FOLLOW_UP, scheduleFollowUpCallback } from './follow-up-callback';
import type { LoadedComplaint } from './load-state';
import { refusalError } from './refusals';
import { flowConfig } from './settings';

/** A complaint about to start: the columns the flow does not own. */
export interface NewComplaint {
  customerId: string;
  interactionId: string | null;
  bookingId: string | null;
  ownerAgentId: string;
  teamId: string | null;
}

export interface Applied {
  id: string;
  /** A supervisor should look (approval needed, escalated): the counts changed. */
  notify: boolean;
  /** Callbacks created for the follow-up call (their lists change too). */
  callbackIds: string[];
}

export interface ApplyOptions {
  /** Adjust the loaded state before the event runs (e.g. the callback a follow-up result came from). */
  prepare?: (state: ComplaintFlowState) => ComplaintFlowState;
  /** The callback an unreached follow-up attempt was made on; reused while its retry keeps it scheduled. */
  reuseCallbackId?: string | null;
}

/** Audit detail without free text (a reopen's reason may name people): codes, numbers, flags only. */
function auditDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (k === 'reason') continue;
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 40)) out[k] = v;
  }
  return out;
}

/** Step 4's draft is above the threshold and not approved: a supervisor is needed. */
export function isAwaitingApproval(state: ComplaintFlowState, thresholdCents: number): boolean {
  if (state.status !== 'open' || state.currentStep !== 4) return false;
  const r = currentRecord(state);
  if (r === undefined || r.state !== 'draft') return false;
  const by = r.data.approvedBy;
  return approvalNeeded(r.data.amountCents, thresholdCents) && !(typeof by === 'string' && by.trim() !== '');
}

const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The report's figures, copied out of the data (0040: the report never reads the JSON). */
function reportColumns(record: StepRecord): Row {
  const d = record.data;
  return {
    root_cause: record.step === 3 ? textOrNull(d.rootCause) : null,
    remedy: record.step === 4 ? textOrNull(d.remedy) : null,
    amount_cents: record.step === 4 && typeof d.amountCents === 'number' && Number.isSafeInteger(d.amountCents) ? d.amountCents : null,
    currency: record.step === 4 ? textOrNull(d.currency) : null,
  };
}

/** A step record as its complaint_steps columns (the demo generator writes the same rows). */
export function stepRow(record: StepRecord): Row {
  return {
    ...reportColumns(record),
    step: record.step,
    round: record.round,
    state: record.state,
    outcome: record.outcome,
    data: JSON.stringify(record.data),
    author_agent_id: record.authorId === '' ? null : record.authorId,
    contact_id: record.contactId,
    started_at: record.startedAt,
    completed_at: record.completedAt,
    sla_due_at: record.slaDueAt,
    updated_at: record.updatedAt,
  };
}

/**
 * Runs one event through the pure flow and carries out its effects in ONE transaction: the
 * complaint row, its step records (record seq ↔ row id), the follow-up callback, the audit
 * entry — each row write through the change log (row + outbox + audit). A refusal throws the
 * mapped CoreError and writes nothing. `loaded` is null for `start` (then `fresh` is required).
 * Emits nothing: callers emit after the transaction commits (see views.ts emitComplaintChanges).
 */
export function applyEvent(
  ctx: ServiceContext,
  loaded: LoadedComplaint | null,
  event: ComplaintEvent,
  fresh: NewComplaint | null = null,
  options: ApplyOptions = {},
): Applied {
  const now = ctx.clock.now();
  const config = flowConfig(ctx.db);
  const customerId = loaded?.row.customer_id ?? fresh!.customerId;
  const contactId = event.type === 'start' ? (fresh?.interactionId ?? null) : currentContact(ctx, customerId);
  const before = loaded ? (options.prepare ? options.prepare(loaded.state) : loaded.state) : null;
  const result = complaintFlow(before, event, { now, actorId: ctx.seat.agentId, config, contactId });
  if (!result.ok) throw refusalError(result.reason, result.errors);
  const state = result.state;
  const id = loaded?.row.id ?? uuidv7();
  const stepIds = [...(loaded?.stepIds ?? [])];
  const audit = result.effects.find((e): e is Extract<ComplaintEffect, { kind: 'audit' }> => e.kind === 'audit');
  const action = audit?.action ?? `complaint.${event.type}`;
  const applied: Applied = { id, notify: false, callbackIds: [] };

  ctx.db.transaction(() => {
    let followUpCallbackId = loaded?.row.follow_up_callback_id ?? null;
    for (const effect of result.effects) {
      switch (effect.kind) {
        case 'saveComplaint': {
          const row: Row = {
            ...effect.fields,
            source: state.source,
            first_contact: state.firstContact ? 1 : 0,
            escalated: state.escalated ? 1 : 0,
            round: state.round,
            reopens: JSON.stringify(state.reopens),
            awaiting_approval: isAwaitingApproval(state, config.approvalThresholdCents) ? 1 : 0,
            updated_at: now,
          };
          if (loaded) updateRow(ctx.writes, 'complaints', id, row, action);
          else {
            insertRow(
              ctx.writes,
              'complaints',
              {
                id,
                customer_id: fresh!.customerId,
                interaction_id: fresh!.interactionId,
                booking_id: fresh!.bookingId,
                owner_agent_id: fresh!.ownerAgentId,
                team_id: fresh!.teamId,
                opened_at: state.openedAt,
                ...row,
              },
              action,
            );
          }
          break;
        }
        case 'saveStep': {
          const rowId = stepIds[effect.record.seq];
          if (rowId !== undefined) updateRow(ctx.writes, 'complaint_steps', rowId, stepRow(effect.record), action);
          else {
            const newId = uuidv7();
            stepIds[effect.record.seq] = newId;
            insertRow(ctx.writes, 'complaint_steps', { id: newId, complaint_id: id, ...stepRow(effect.record) }, action);
          }
          break;
        }
        case 'scheduleCallback': {
          const scheduled = scheduleFollowUpCallback(
            ctx,
            {
              id,
              customerId,
              ownerAgentId: loaded?.row.owner_agent_id ?? fresh?.ownerAgentId ?? null,
              interactionId: loaded?.row.interaction_id ?? fresh?.interactionId ?? null,
              severity: state.severity,
              followUpCallbackId,
            },
            effect.attempt,
            effect.notBefore,
            options.reuseCallbackId ?? null,
          );
          if (scheduled.callbackId !== null && scheduled.created) applied.callbackIds.push(scheduled.callbackId);
          followUpCallbackId = scheduled.callbackId;
          updateRow(ctx.writes, 'complaints', id, { follow_up_callback_id: followUpCallbackId, updated_at: now }, 'complaint.followUpScheduled');
          // The step-5 draft names the callback that carries the call, or that there is none.
          const record = currentRecord(state);
          const rowId = record ? stepIds[record.seq] : undefined;
          if (record && record.step === 5 && rowId !== undefined) {
            const { noCallbackReason: _old, ...data } = record.data;
            const next =
              scheduled.callbackId !== null
                ? { ...data, callbackId: scheduled.callbackId }
                : { ...data, callbackId: MANUAL_FOLLOW_UP, noCallbackReason: scheduled.reason };
            updateRow(ctx.writes, 'complaint_steps', rowId, { data: JSON.stringify(next), updated_at: now }, 'complaint.followUpScheduled');
          }
          break;
        }
        case 'notifySupervisor':
          applied.notify = true;
          break;
        case 'audit':
          auditAction(ctx.writes, 'complaints', id, effect.action, auditDetail(effect.detail));
          break;
      }
    }
  })();
  return applied;
}
