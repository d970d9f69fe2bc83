import { approvalNeeded, type Draft, hasErrors, validateStep } from './data';
import { DEFAULT_SLA_CONFIG, type SlaConfig, stepDueAt } from './sla';
import {
  APPROVER_ROLES,
  type Category,
  CATEGORIES,
  isOneOf,
  type Role,
  type Severity,
  SEVERITIES,
  type StartSource,
  STEP_NAMES,
  type StepNumber,
  type Subcategory,
  SUBCATEGORIES,
} from './types';

export interface ComplaintFlowConfig {
  sla: SlaConfig;
  /** Remedies with amountCents strictly above this need approval by a supervisor or admin. */
  approvalThresholdCents: number;
  /** Severity used for SLA clocks until step 1 records one. */
  defaultSeverity: Severity;
}

export const DEFAULT_COMPLAINT_FLOW_CONFIG: Readonly<ComplaintFlowConfig> = Object.freeze({
  sla: DEFAULT_SLA_CONFIG,
  approvalThresholdCents: 50_000,
  defaultSeverity: 'medium',
});

export interface FlowContext {
  now: number;
  actorId: string;
  config?: ComplaintFlowConfig;
  /** The contact (interaction id) the actor is handling right now, if any. */
  contactId?: string | null;
}

/** accepted: solve accepted by the customer; rejected: solve the customer refused; unsatisfied: reached follow-up, customer unhappy. */
export type StepOutcome = 'accepted' | 'rejected' | 'unsatisfied' | 'satisfied';

/**
 * One row of complaint_steps. `seq` is its position in `steps` (the core maps it to a row id);
 * `outcome` and `contactId` are persisted inside the data JSON by the core.
 */
export interface StepRecord {
  seq: number;
  step: StepNumber;
  round: number;
  state: 'draft' | 'done';
  outcome: StepOutcome | null;
  data: Draft;
  /** Last agent who wrote the record (author_agent_id). */
  authorId: string;
  /** The contact during which the record was last written. */
  contactId: string | null;
  startedAt: number;
  completedAt: number | null;
  slaDueAt: number | null;
  updatedAt: number;
}

export interface ReopenEntry {
  at: number;
  actorId: string;
  reason: string;
  round: number;
}

/** The complaint row (complaints) plus all its step records, every round. */
export interface ComplaintFlowState {
  status: 'open' | 'closed';
  currentStep: StepNumber;
  /** 1, then +1 per reopen. */
  round: number;
  source: StartSource;
  /** Started while handling the customer's first contact about this problem. */
  firstContact: boolean;
  /** The contact (interaction) the complaint started in. */
  contactId: string | null;
  category: Category | null;
  subcategory: Subcategory | null;
  severity: Severity | null;
  firstContactResolution: boolean;
  reopenCount: number;
  escalated: boolean;
  openedAt: number;
  closedAt: number | null;
  /** Due time of the current step's clock; null when closed or the step is done. */
  slaDueAt: number | null;
  steps: readonly StepRecord[];
  reopens: readonly ReopenEntry[];
}

export type ComplaintEvent =
  | { type: 'start'; source: StartSource; firstContact: boolean; contactId?: string | null }
  | { type: 'saveDraft'; step: StepNumber; data: Draft }
  | { type: 'completeStep'; step: StepNumber; data: Draft }
  | { type: 'customerRejected'; then: 'analyse' | 'escalate'; data?: Draft }
  | { type: 'approve'; approverRole: Role }
  | { type: 'followUpResult'; reached: boolean; satisfied?: boolean | null }
  | { type: 'close' }
  | { type: 'reopen'; reason: string };

export type ComplaintEventType = ComplaintEvent['type'];

/** The complaints-row columns the core writes. */
export interface ComplaintRowFields {
  status: 'open' | 'closed';
  current_step: StepNumber;
  category: Category | null;
  subcategory: Subcategory | null;
  severity: Severity | null;
  first_contact_resolution: 0 | 1;
  reopen_count: number;
  sla_due_at: number | null;
  closed_at: number | null;
}

export type ComplaintEffect =
  | { kind: 'saveComplaint'; fields: ComplaintRowFields }
  | { kind: 'saveStep'; record: StepRecord }
  | { kind: 'scheduleCallback'; reason: 'complaint_follow_up'; attempt: number; notBefore: number }
  | { kind: 'notifySupervisor'; reason: 'approval_needed' | 'escalated' }
  | { kind: 'audit'; action: `complaint.${ComplaintEventType}`; actorId: string; at: number; detail: Record<string, unknown> };

export type RefusalReason =
  | 'not_started'
  | 'already_started'
  | 'closed'
  | 'not_closed'
  | 'not_current_step'
  | 'invalid_data'
  | 'customer_not_accepted'
  | 'not_authorised'
  | 'approval_not_needed'
  | 'step_not_done'
  | 'step_done'
  | 'invalid_event';

export type FlowResult =
  | { ok: true; state: ComplaintFlowState; effects: ComplaintEffect[] }
  | { ok: false; reason: RefusalReason; errors?: Record<string, string> };

const refuse = (reason: RefusalReason, errors?: Record<string, string>): FlowResult =>
  errors === undefined ? { ok: false, reason } : { ok: false, reason, errors };

/** First step of a round: round 1 starts at listen; a reopened round starts at analyse (steps 1–2 stand from round 1). */
export function roundStartStep(round: number): StepNumber {
  return round <= 1 ? 1 : 3;
}

/** The latest record of a step in a round, if any. */
export function latestRecord(state: ComplaintFlowState, step: StepNumber, round = state.round): StepRecord | undefined {
  for (let i = state.steps.length - 1; i >= 0; i -= 1) {
    const r = state.steps[i];
    if (r !== undefined && r.step === step && r.round === round) return r;
  }
  return undefined;
}

/** The record the agent is working on: the latest record of the current step in the current round. */
export function currentRecord(state: ComplaintFlowState): StepRecord | undefined {
  return latestRecord(state, state.currentStep);
}

function slaSeverity(state: ComplaintFlowState, config: ComplaintFlowConfig): Severity {
  return state.severity ?? config.defaultSeverity;
}

function rowFields(s: ComplaintFlowState): ComplaintRowFields {
  return {
    status: s.status,
    current_step: s.currentStep,
    category: s.category,
    subcategory: s.subcategory,
    severity: s.severity,
    first_contact_resolution: s.firstContactResolution ? 1 : 0,
    reopen_count: s.reopenCount,
    sla_due_at: s.slaDueAt,
    closed_at: s.closedAt,
  };
}

/** Work area of one reduction: a copy of the state plus the effects produced so far. */
class Tx {
  state: ComplaintFlowState;
  readonly effects: ComplaintEffect[] = [];
  private readonly touched = new Set<number>();

  constructor(
    state: ComplaintFlowState,
    readonly ctx: FlowContext,
    readonly config: ComplaintFlowConfig,
  ) {
    this.state = { ...state, steps: [...state.steps] };
  }

  put(record: StepRecord): void {
    const steps = [...this.state.steps];
    steps[record.seq] = record;
    this.state = { ...this.state, steps };
    this.touched.add(record.seq);
  }

  /** Start a new draft record for `step` in the current round and make it the current step. */
  open(step: StepNumber, data: Draft = {}): StepRecord {
    const { now } = this.ctx;
    const record: StepRecord = {
      seq: this.state.steps.length,
      step,
      round: this.state.round,
      state: 'draft',
      outcome: null,
      data,
      authorId: this.ctx.actorId,
      contactId: this.ctx.contactId ?? null,
      startedAt: now,
      completedAt: null,
      slaDueAt: stepDueAt(step, now, slaSeverity(this.state, this.config), this.config.sla),
      updatedAt: now,
    };
    this.put(record);
    this.state = { ...this.state, currentStep: step, slaDueAt: record.slaDueAt };
    return record;
  }

  write(record: StepRecord, patch: Partial<StepRecord>): StepRecord {
    const next: StepRecord = {
      ...record,
      authorId: this.ctx.actorId,
      contactId: this.ctx.contactId ?? null,
      updatedAt: this.ctx.now,
      ...patch,
    };
    this.put(next);
    return next;
  }

  done(record: StepRecord, data: Draft, outcome: StepOutcome | null = null): StepRecord {
    return this.write(record, { state: 'done', data, outcome, completedAt: this.ctx.now });
  }

  finish(event: ComplaintEvent, detail: Record<string, unknown> = {}): FlowResult {
    const effects: ComplaintEffect[] = [{ kind: 'saveComplaint', fields: rowFields(this.state) }];
    for (const seq of [...this.touched].sort((a, b) => a - b)) {
      const record = this.state.steps[seq];
      if (record !== undefined) effects.push({ kind: 'saveStep', record });
    }
    effects.push(...this.effects);
    effects.push({
      kind: 'audit',
      action: `complaint.${event.type}`,
      actorId: this.ctx.actorId,
      at: this.ctx.now,
      detail: { step: this.state.currentStep, round: this.state.round, ...detail },
    });
    return { ok: true, state: this.state, effects };
  }
}

/** Approval fields only the `approve` event may set; form data never carries them. */
function stripApproval(data: Draft): Draft {
  const { approvedBy: _by, approvedAt: _at, approvalNeeded: _needed, attempts: _attempts, ...rest } = data;
  return rest;
}

/** Merge new solve data into the draft; an approval no longer holds once remedy, amount or currency change. */
function mergeSolve(prev: Draft, incoming: Draft, config: ComplaintFlowConfig): Draft {
  const merged: Record<string, unknown> = { ...prev, ...stripApproval(incoming) };
  const changed = (['remedy', 'amountCents', 'currency'] as const).some((k) => merged[k] !== prev[k]);
  if (changed) {
    delete merged.approvedBy;
    delete merged.approvedAt;
  }
  merged.approvalNeeded = approvalNeeded(merged.amountCents, config.approvalThresholdCents);
  return merged;
}

function mergeData(step: StepNumber, prev: Draft, incoming: Draft, config: ComplaintFlowConfig): Draft {
  if (step === 4) return mergeSolve(prev, incoming, config);
  if (step === 5) {
    const { attempts: _attempts, ...rest } = incoming;
    return { ...prev, ...rest };
  }
  return { ...prev, ...incoming };
}

function validation(tx: Tx, step: StepNumber, data: Draft): Record<string, string> {
  return validateStep(step, data, { approvalThresholdCents: tx.config.approvalThresholdCents, now: tx.ctx.now });
}

/**
 * Resolved on first contact (complaints.first_contact_resolution), decided at `close`:
 *   the complaint was started with firstContact = true and a non-null contactId, it was never
 *   reopened (round 1), and every done record of steps 1–4 in round 1 — including the finally
 *   accepted solve, and any rejected one before it — was completed during that same contact
 *   (record.contactId === state.contactId); and no follow-up came back unsatisfied (which
 *   would add a second solve after the contact ended). Follow-up and reflect happen later by
 *   nature and do not count. A reopen clears the mark.
 */
export function resolvedOnFirstContact(state: ComplaintFlowState): boolean {
  if (!state.firstContact || state.contactId === null || state.round !== 1 || state.reopenCount > 0) return false;
  const round1 = state.steps.filter((r) => r.round === 1);
  if (round1.some((r) => r.step === 5 && r.outcome === 'unsatisfied')) return false;
  const early = round1.filter((r) => r.step <= 4 && r.state === 'done');
  const stepsDone = ([1, 2, 3, 4] as const).every((s) => early.some((r) => r.step === s && (s !== 4 || r.outcome === 'accepted')));
  return stepsDone && early.every((r) => r.contactId === state.contactId);
}

function start(event: Extract<ComplaintEvent, { type: 'start' }>, ctx: FlowContext, config: ComplaintFlowConfig): FlowResult {
  if (!isOneOf(['call', 'profile', 'search'] as const, event.source) || typeof event.firstContact !== 'boolean') {
    return refuse('invalid_event');
  }
  const contactId = event.contactId ?? ctx.contactId ?? null;
  const empty: ComplaintFlowState = {
    status: 'open',
    currentStep: 1,
    round: 1,
    source: event.source,
    firstContact: event.firstContact,
    contactId,
    category: null,
    subcategory: null,
    severity: null,
    firstContactResolution: false,
    reopenCount: 0,
    escalated: false,
    openedAt: ctx.now,
    closedAt: null,
    slaDueAt: null,
    steps: [],
    reopens: [],
  };
  const tx = new Tx(empty, { ...ctx, contactId }, config);
  tx.open(1);
  return tx.finish(event, { source: event.source, firstContact: event.firstContact });
}

/** Advance after `step` is done: open the next step's record (step 6 stays, waiting for close). */
function advance(tx: Tx, step: StepNumber): void {
  if (step === 6) {
    tx.state = { ...tx.state, slaDueAt: null };
    return;
  }
  const next = (step + 1) as StepNumber;
  tx.open(next);
  if (next === 5) {
    tx.effects.push({ kind: 'scheduleCallback', reason: 'complaint_follow_up', attempt: 1, notBefore: tx.ctx.now });
  }
}

function followUp(tx: Tx, event: ComplaintEvent, record: StepRecord, data: Draft): FlowResult {
  const errors = validation(tx, 5, data);
  if (hasErrors(errors)) return refuse('invalid_data', errors);
  if (data.reached !== true) {
    const attempts = (typeof record.data.attempts === 'number' ? record.data.attempts : 0) + 1;
    tx.write(record, { data: { ...data, attempts } });
    tx.effects.push({ kind: 'scheduleCallback', reason: 'complaint_follow_up', attempt: attempts + 1, notBefore: tx.ctx.now });
    return tx.finish(event, { reached: false, attempts });
  }
  if (data.satisfied !== true) {
    tx.done(record, data, 'unsatisfied');
    tx.open(4);
    return tx.finish(event, { reached: true, satisfied: false });
  }
  tx.done(record, data, 'satisfied');
  advance(tx, 5);
  return tx.finish(event, { reached: true, satisfied: true });
}

/**
 * The complaint wizard's state machine. Pure: returns the next state and the effects the core
 * must carry out (rows to write, callbacks to schedule, audit entries), or a typed refusal that
 * changes nothing. `state` is null before `start`.
 */
export function complaintFlow(state: ComplaintFlowState | null, event: ComplaintEvent, ctx: FlowContext): FlowResult {
  const config = ctx.config ?? DEFAULT_COMPLAINT_FLOW_CONFIG;
  if (event.type === 'start') return state === null ? start(event, ctx, config) : refuse('already_started');
  if (state === null) return refuse('not_started');

  if (event.type === 'reopen') {
    if (state.status !== 'closed') return refuse('not_closed');
    if (typeof event.reason !== 'string' || event.reason.trim() === '') {
      return refuse('invalid_data', { reason: 'complaint.reopen.errors.reasonRequired' });
    }
    const tx = new Tx(state, ctx, config);
    const round = state.round + 1;
    tx.state = {
      ...tx.state,
      status: 'open',
      round,
      reopenCount: state.reopenCount + 1,
      firstContactResolution: false,
      escalated: false,
      closedAt: null,
      reopens: [...state.reopens, { at: ctx.now, actorId: ctx.actorId, reason: event.reason, round }],
    };
    tx.open(roundStartStep(round));
    return tx.finish(event, { reason: event.reason });
  }
  if (state.status === 'closed') return refuse('closed');

  const tx = new Tx(state, ctx, config);
  const record = currentRecord(state);
  const step = state.currentStep;

  switch (event.type) {
    case 'saveDraft': {
      if (event.step !== step) return refuse('not_current_step');
      if (record === undefined || record.state === 'done') return refuse('step_done');
      const data = mergeData(step, record.data, event.data, config);
      let patch: Partial<StepRecord> = { data };
      if (step === 1 && isOneOf(SEVERITIES, data.severity)) {
        patch = { ...patch, slaDueAt: stepDueAt(1, record.startedAt, data.severity, config.sla) };
        tx.state = { ...tx.state, slaDueAt: patch.slaDueAt ?? null };
      }
      tx.write(record, patch);
      return tx.finish(event, { savedStep: step, draft: true });
    }
    case 'completeStep': {
      if (event.step !== step) return refuse('not_current_step');
      if (record === undefined || record.state === 'done') return refuse('step_done');
      const data = mergeData(step, record.data, event.data, config);
      if (step === 5) return followUp(tx, event, record, data);
      const errors = validation(tx, step, data);
      if (hasErrors(errors)) return refuse('invalid_data', errors);
      if (step === 4 && data.customerAccepted !== true) return refuse('customer_not_accepted');
      if (step === 1) {
        tx.state = {
          ...tx.state,
          category: isOneOf(CATEGORIES, data.category) ? data.category : null,
          subcategory: isOneOf(SUBCATEGORIES, data.subcategory) ? data.subcategory : null,
          severity: isOneOf(SEVERITIES, data.severity) ? data.severity : null,
        };
      }
      tx.done(record, data, step === 4 ? 'accepted' : null);
      advance(tx, step);
      return tx.finish(event, { completedStep: step, name: STEP_NAMES[step] });
    }
    case 'customerRejected': {
      if (step !== 4) return refuse('not_current_step');
      if (record === undefined || record.state === 'done') return refuse('step_done');
      if (event.then !== 'analyse' && event.then !== 'escalate') return refuse('invalid_event');
      const data: Draft = { ...mergeData(4, record.data, event.data ?? {}, config), customerAccepted: false };
      // A refused remedy needs no approval: it is not going to be paid.
      const { approvedBy: _approval, ...errors } = validation(tx, 4, data);
      if (hasErrors(errors)) return refuse('invalid_data', errors);
      tx.done(record, data, 'rejected');
      if (event.then === 'analyse') {
        tx.open(3);
      } else {
        tx.state = { ...tx.state, escalated: true };
        tx.open(4);
        tx.effects.push({ kind: 'notifySupervisor', reason: 'escalated' });
      }
      return tx.finish(event, { then: event.then, remedy: data.remedy });
    }
    case 'approve': {
      if (step !== 4) return refuse('not_current_step');
      if (record === undefined || record.state === 'done') return refuse('step_done');
      if (!APPROVER_ROLES.includes(event.approverRole)) return refuse('not_authorised');
      if (!approvalNeeded(record.data.amountCents, config.approvalThresholdCents)) return refuse('approval_not_needed');
      tx.write(record, { data: { ...record.data, approvalNeeded: true, approvedBy: ctx.actorId, approvedAt: ctx.now } });
      return tx.finish(event, { approverRole: event.approverRole, amountCents: record.data.amountCents });
    }
    case 'followUpResult': {
      if (step !== 5) return refuse('not_current_step');
      if (record === undefined || record.state === 'done') return refuse('step_done');
      const data: Draft = { ...record.data, reached: event.reached, satisfied: event.satisfied ?? undefined };
      return followUp(tx, event, record, data);
    }
    case 'close': {
      if (step !== 6 || record === undefined || record.state !== 'done') return refuse('step_not_done');
      tx.state = {
        ...tx.state,
        status: 'closed',
        closedAt: ctx.now,
        slaDueAt: null,
        firstContactResolution: resolvedOnFirstContact(tx.state),
      };
      return tx.finish(event, { firstContactResolution: tx.state.firstContactResolution });
    }
    default:
      return refuse('invalid_event');
  }
}

/** Whether, in the current round, every step before the current one has a done record (no step skipped). */
export function noStepSkipped(state: ComplaintFlowState): boolean {
  const done = (step: number, round: number): boolean =>
    state.steps.some((r) => r.step === step && r.round === round && r.state === 'done');
  for (let s = roundStartStep(state.round); s < state.currentStep; s += 1) if (!done(s, state.round)) return false;
  for (let s = 1; s < roundStartStep(state.round); s += 1) if (!done(s, 1)) return false;
  return true;
}
