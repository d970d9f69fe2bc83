import { describe, expect, it } from 'vitest';
import {
  type ComplaintEvent,
  type ComplaintFlowState,
  complaintFlow,
  DEFAULT_COMPLAINT_FLOW_CONFIG,
  type FlowContext,
  type FlowResult,
  latestRecord,
  noStepSkipped,
  resolvedOnFirstContact,
  type StepNumber,
} from '../../../../../shared/domain/complaint-flow';

const T0 = Date.UTC(2026, 5, 1, 2);
const HOUR = 3_600_000;
const ctx = (over: Partial<FlowContext> = {}): FlowContext => ({ now: T0, actorId: 'agent-1', contactId: 'call-1', ...over });

const VALID: Record<StepNumber, Record<string, unknown>> = {
  1: {
    customerWords: '  房间有异味，空调也坏了！  ',
    channel: 'phone_in',
    category: 'product_service',
    subcategory: 'room',
    severity: 'high',
    wants: 'change room',
  },
  2: { said: '非常抱歉给您带来不便', at: T0 },
  3: { factsChecked: 'housekeeping log', rootCause: 'facility', department: 'engineering' },
  4: { remedy: 'upgrade', customerAccepted: true },
  5: { callbackId: 'cb-1', reached: true, satisfied: true },
  6: { lesson: 'check AC', preventiveAction: 'monthly AC check', owner: 'eng-lead', dueAt: T0 + 30 * 24 * HOUR },
};

function ok(r: FlowResult): Extract<FlowResult, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${r.reason} ${JSON.stringify(r.errors ?? {})}`);
  return r;
}
function run(state: ComplaintFlowState | null, events: ComplaintEvent[], c: FlowContext = ctx()): ComplaintFlowState {
  let s = state;
  for (const e of events) s = ok(complaintFlow(s, e, c)).state;
  if (s === null) throw new Error('no state');
  return s;
}
const started = (): ComplaintFlowState => run(null, [{ type: 'start', source: 'call', firstContact: true }]);
const complete = (step: StepNumber, data = VALID[step]): ComplaintEvent => ({ type: 'completeStep', step, data });
/** An open complaint at `step` (round 1), every earlier step done. */
function atStep(step: StepNumber): ComplaintFlowState {
  const events: ComplaintEvent[] = [];
  for (let s = 1; s < step; s += 1) events.push(complete(s as StepNumber));
  return run(started(), events);
}
const stepSixDone = (): ComplaintFlowState => run(atStep(6), [complete(6)]);
const closed = (): ComplaintFlowState => run(stepSixDone(), [{ type: 'close' }]);

type Situation = 'none' | 'step1' | 'step2' | 'step3' | 'step4' | 'step5' | 'step6' | 'step6done' | 'closed';
const SITUATIONS: Record<Situation, () => ComplaintFlowState | null> = {
  none: () => null,
  step1: () => atStep(1),
  step2: () => atStep(2),
  step3: () => atStep(3),
  step4: () => atStep(4),
  step5: () => atStep(5),
  step6: () => atStep(6),
  step6done: stepSixDone,
  closed,
};
const stepOf = (s: Situation): StepNumber => (s.startsWith('step') ? (Number(s[4]) as StepNumber) : 1);
const other = (s: StepNumber): StepNumber => (s === 1 ? 2 : 1);

type EventName =
  | 'start'
  | 'saveDraftCurrent'
  | 'saveDraftOther'
  | 'completeCurrentValid'
  | 'completeCurrentInvalid'
  | 'completeOther'
  | 'rejectAnalyse'
  | 'rejectEscalate'
  | 'approveSupervisor'
  | 'approveAgent'
  | 'followUpSatisfied'
  | 'followUpUnsatisfied'
  | 'followUpUnreached'
  | 'close'
  | 'reopen';

const EVENTS: Record<EventName, (step: StepNumber) => ComplaintEvent> = {
  start: () => ({ type: 'start', source: 'profile', firstContact: false }),
  saveDraftCurrent: (s) => ({ type: 'saveDraft', step: s, data: {} }),
  saveDraftOther: (s) => ({ type: 'saveDraft', step: other(s), data: {} }),
  completeCurrentValid: (s) => complete(s),
  completeCurrentInvalid: (s) => ({ type: 'completeStep', step: s, data: {} }),
  completeOther: (s) => complete(other(s)),
  rejectAnalyse: () => ({ type: 'customerRejected', then: 'analyse' }),
  rejectEscalate: () => ({ type: 'customerRejected', then: 'escalate' }),
  approveSupervisor: () => ({ type: 'approve', approverRole: 'supervisor' }),
  approveAgent: () => ({ type: 'approve', approverRole: 'agent' }),
  followUpSatisfied: () => ({ type: 'followUpResult', reached: true, satisfied: true }),
  followUpUnsatisfied: () => ({ type: 'followUpResult', reached: true, satisfied: false }),
  followUpUnreached: () => ({ type: 'followUpResult', reached: false }),
  close: () => ({ type: 'close' }),
  reopen: () => ({ type: 'reopen', reason: 'customer called again' }),
};

/** Expected outcome: 'ok:<step>' (open, now at step) / 'ok:closed' / a refusal reason. */
const TABLE: Record<Situation, Record<EventName, string>> = {
  none: {
    start: 'ok:1', saveDraftCurrent: 'not_started', saveDraftOther: 'not_started', completeCurrentValid: 'not_started',
    completeCurrentInvalid: 'not_started', completeOther: 'not_started', rejectAnalyse: 'not_started',
    rejectEscalate: 'not_started', approveSupervisor: 'not_started', approveAgent: 'not_started',
    followUpSatisfied: 'not_started', followUpUnsatisfied: 'not_started', followUpUnreached: 'not_started',
    close: 'not_started', reopen: 'not_started',
  },
  step1: {
    start: 'already_started', saveDraftCurrent: 'ok:1', saveDraftOther: 'not_current_step', completeCurrentValid: 'ok:2',
    completeCurrentInvalid: 'invalid_data', completeOther: 'not_current_step', rejectAnalyse: 'not_current_step',
    rejectEscalate: 'not_current_step', approveSupervisor: 'not_current_step', approveAgent: 'not_current_step',
    followUpSatisfied: 'not_current_step', followUpUnsatisfied: 'not_current_step', followUpUnreached: 'not_current_step',
    close: 'step_not_done', reopen: 'not_closed',
  },
  step2: {
    start: 'already_started', saveDraftCurrent: 'ok:2', saveDraftOther: 'not_current_step', completeCurrentValid: 'ok:3',
    completeCurrentInvalid: 'invalid_data', completeOther: 'not_current_step', rejectAnalyse: 'not_current_step',
    rejectEscalate: 'not_current_step', approveSupervisor: 'not_current_step', approveAgent: 'not_current_step',
    followUpSatisfied: 'not_current_step', followUpUnsatisfied: 'not_current_step', followUpUnreached: 'not_current_step',
    close: 'step_not_done', reopen: 'not_closed',
  },
  step3: {
    start: 'already_started', saveDraftCurrent: 'ok:3', saveDraftOther: 'not_current_step', completeCurrentValid: 'ok:4',
    completeCurrentInvalid: 'invalid_data', completeOther: 'not_current_step', rejectAnalyse: 'not_current_step',
    rejectEscalate: 'not_current_step', approveSupervisor: 'not_current_step', approveAgent: 'not_current_step',
    followUpSatisfied: 'not_current_step', followUpUnsatisfied: 'not_current_step', followUpUnreached: 'not_current_step',
    close: 'step_not_done', reopen: 'not_closed',
  },
  // The step-4 draft is empty here: rejecting needs at least a remedy, approval a large amount.
  step4: {
    start: 'already_started', saveDraftCurrent: 'ok:4', saveDraftOther: 'not_current_step', completeCurrentValid: 'ok:5',
    completeCurrentInvalid: 'invalid_data', completeOther: 'not_current_step', rejectAnalyse: 'invalid_data',
    rejectEscalate: 'invalid_data', approveSupervisor: 'approval_not_needed', approveAgent: 'not_authorised',
    followUpSatisfied: 'not_current_step', followUpUnsatisfied: 'not_current_step', followUpUnreached: 'not_current_step',
    close: 'step_not_done', reopen: 'not_closed',
  },
  // No callback id in the draft yet: a follow-up result cannot be recorded.
  step5: {
    start: 'already_started', saveDraftCurrent: 'ok:5', saveDraftOther: 'not_current_step', completeCurrentValid: 'ok:6',
    completeCurrentInvalid: 'invalid_data', completeOther: 'not_current_step', rejectAnalyse: 'not_current_step',
    rejectEscalate: 'not_current_step', approveSupervisor: 'not_current_step', approveAgent: 'not_current_step',
    followUpSatisfied: 'invalid_data', followUpUnsatisfied: 'invalid_data', followUpUnreached: 'invalid_data',
    close: 'step_not_done', reopen: 'not_closed',
  },
  step6: {
    start: 'already_started', saveDraftCurrent: 'ok:6', saveDraftOther: 'not_current_step', completeCurrentValid: 'ok:6',
    completeCurrentInvalid: 'invalid_data', completeOther: 'not_current_step', rejectAnalyse: 'not_current_step',
    rejectEscalate: 'not_current_step', approveSupervisor: 'not_current_step', approveAgent: 'not_current_step',
    followUpSatisfied: 'not_current_step', followUpUnsatisfied: 'not_current_step', followUpUnreached: 'not_current_step',
    close: 'step_not_done', reopen: 'not_closed',
  },
  step6done: {
    start: 'already_started', saveDraftCurrent: 'step_done', saveDraftOther: 'not_current_step', completeCurrentValid: 'step_done',
    completeCurrentInvalid: 'step_done', completeOther: 'not_current_step', rejectAnalyse: 'not_current_step',
    rejectEscalate: 'not_current_step', approveSupervisor: 'not_current_step', approveAgent: 'not_current_step',
    followUpSatisfied: 'not_current_step', followUpUnsatisfied: 'not_current_step', followUpUnreached: 'not_current_step',
    close: 'ok:closed', reopen: 'not_closed',
  },
  closed: {
    start: 'already_started', saveDraftCurrent: 'closed', saveDraftOther: 'closed', completeCurrentValid: 'closed',
    completeCurrentInvalid: 'closed', completeOther: 'closed', rejectAnalyse: 'closed', rejectEscalate: 'closed',
    approveSupervisor: 'closed', approveAgent: 'closed', followUpSatisfied: 'closed', followUpUnsatisfied: 'closed',
    followUpUnreached: 'closed', close: 'closed', reopen: 'ok:3',
  },
};

describe('complaintFlow transition table (every situation × every event)', () => {
  const cases = (Object.keys(TABLE) as Situation[]).flatMap((sit) =>
    (Object.keys(EVENTS) as EventName[]).map((ev) => [sit, ev, TABLE[sit][ev]] as const),
  );
  it.each(cases)('%s + %s → %s', (sit, ev, expected) => {
    const before = SITUATIONS[sit]();
    const snapshot = JSON.stringify(before);
    const result = complaintFlow(before, EVENTS[ev](stepOf(sit)), ctx({ now: T0 + HOUR }));
    expect(JSON.stringify(before)).toBe(snapshot); // the input state is never mutated
    if (expected.startsWith('ok:')) {
      const r = ok(result);
      const want = expected.slice(3);
      if (want === 'closed') expect(r.state.status).toBe('closed');
      else {
        expect(r.state.status).toBe('open');
        expect(r.state.currentStep).toBe(Number(want));
      }
      expect(noStepSkipped(r.state)).toBe(true);
      expect(r.effects.at(-1)).toMatchObject({ kind: 'audit', action: `complaint.${EVENTS[ev](1).type}`, actorId: 'agent-1' });
      expect(r.effects[0]).toMatchObject({ kind: 'saveComplaint' });
    } else {
      expect(result).toMatchObject({ ok: false, reason: expected });
    }
  });
});

describe('start and drafts', () => {
  it('starts at listen with a draft record and an SLA clock at the default severity', () => {
    const r = ok(complaintFlow(null, { type: 'start', source: 'call', firstContact: true, contactId: 'call-9' }, ctx()));
    expect(r.state).toMatchObject({ status: 'open', currentStep: 1, round: 1, contactId: 'call-9', firstContact: true });
    expect(r.state.steps).toHaveLength(1);
    expect(r.state.steps[0]).toMatchObject({ step: 1, round: 1, state: 'draft', authorId: 'agent-1', startedAt: T0 });
    expect(r.state.slaDueAt).toBe(T0 + 4 * HOUR); // medium listen
    expect(r.effects.map((e) => e.kind)).toEqual(['saveComplaint', 'saveStep', 'audit']);
  });

  it('keeps a draft (resumable by another agent) and re-times the listen clock once a severity is known', () => {
    const s = run(started(), [{ type: 'saveDraft', step: 1, data: { customerWords: 'x', severity: 'critical' } }], ctx({ actorId: 'agent-2' }));
    expect(s.steps[0]).toMatchObject({ state: 'draft', authorId: 'agent-2', data: { customerWords: 'x', severity: 'critical' } });
    expect(s.slaDueAt).toBe(T0 + HOUR);
    const s2 = run(s, [{ type: 'completeStep', step: 1, data: { ...VALID[1], customerWords: 'x', severity: 'critical' } }]);
    expect(s2.currentStep).toBe(2);
    expect(s2.severity).toBe('critical');
  });

  it('keeps the customer words verbatim and records category on the complaint', () => {
    const s = atStep(2);
    expect(s.steps[0]?.data.customerWords).toBe(VALID[1].customerWords);
    expect(s).toMatchObject({ category: 'product_service', subcategory: 'room', severity: 'high' });
    expect(s.slaDueAt).toBe(T0 + 2 * HOUR); // high apologise
  });

  it('refuses invalid data with per-field i18n keys and changes nothing', () => {
    const r = complaintFlow(started(), { type: 'completeStep', step: 1, data: { category: 'staff', subcategory: 'noise' } }, ctx());
    expect(r).toEqual({
      ok: false,
      reason: 'invalid_data',
      errors: {
        customerWords: 'complaint.listen.errors.customerWordsRequired',
        channel: 'complaint.listen.errors.channelRequired',
        subcategory: 'complaint.listen.errors.subcategoryMismatch',
        severity: 'complaint.listen.errors.severityRequired',
        wants: 'complaint.listen.errors.wantsRequired',
      },
    });
  });
});

describe('solve: rejection, escalation and approval', () => {
  const big = { remedy: 'refund', amountCents: 80_000, currency: 'CNY' };

  it('a rejected remedy loops back to analyse in the same round and keeps the rejected record', () => {
    const s = run(atStep(4), [{ type: 'customerRejected', then: 'analyse', data: { remedy: 'voucher', amountCents: 10_000, currency: 'CNY' } }]);
    expect(s).toMatchObject({ currentStep: 3, round: 1, status: 'open' });
    const rejected = s.steps.find((r) => r.step === 4);
    expect(rejected).toMatchObject({ state: 'done', outcome: 'rejected', data: { remedy: 'voucher', customerAccepted: false } });
    expect(s.steps.filter((r) => r.step === 3)).toHaveLength(2);
    expect(latestRecord(s, 3)?.state).toBe('draft');
    const after = run(s, [complete(3), complete(4)]);
    expect(after.currentStep).toBe(5);
    expect(after.steps.filter((r) => r.step === 4).map((r) => r.outcome)).toEqual(['rejected', 'accepted']);
  });

  it('escalation keeps the rejected remedy, stays at solve with a new record and notifies a supervisor', () => {
    const r = ok(complaintFlow(run(atStep(4), [{ type: 'saveDraft', step: 4, data: { remedy: 'redo' } }]), { type: 'customerRejected', then: 'escalate' }, ctx()));
    expect(r.state).toMatchObject({ currentStep: 4, escalated: true });
    expect(r.state.steps.filter((x) => x.step === 4).map((x) => [x.state, x.outcome])).toEqual([['done', 'rejected'], ['draft', null]]);
    expect(r.effects).toContainEqual({ kind: 'notifySupervisor', reason: 'escalated' });
  });

  it('completing solve needs the customer to accept', () => {
    const r = complaintFlow(atStep(4), complete(4, { remedy: 'upgrade', customerAccepted: false }), ctx());
    expect(r).toEqual({ ok: false, reason: 'customer_not_accepted' });
  });

  it('a remedy above the threshold needs a supervisor or admin approval', () => {
    const s = run(atStep(4), [{ type: 'saveDraft', step: 4, data: big }]);
    expect(latestRecord(s, 4)?.data.approvalNeeded).toBe(true);
    expect(complaintFlow(s, complete(4, { customerAccepted: true }), ctx())).toEqual({
      ok: false,
      reason: 'invalid_data',
      errors: { approvedBy: 'complaint.solve.errors.approvalRequired' },
    });
    expect(complaintFlow(s, { type: 'approve', approverRole: 'agent' }, ctx())).toEqual({ ok: false, reason: 'not_authorised' });
    for (const role of ['supervisor', 'admin'] as const) {
      const approved = run(s, [{ type: 'approve', approverRole: role }], ctx({ actorId: 'sup-1' }));
      expect(latestRecord(approved, 4)?.data).toMatchObject({ approvedBy: 'sup-1', approvedAt: T0 });
      expect(run(approved, [complete(4, { customerAccepted: true })]).currentStep).toBe(5);
    }
  });

  it('form data cannot approve itself, and changing the amount voids an approval', () => {
    const s = run(atStep(4), [{ type: 'saveDraft', step: 4, data: { ...big, approvedBy: 'me' } }]);
    expect(latestRecord(s, 4)?.data.approvedBy).toBeUndefined();
    const approved = run(s, [{ type: 'approve', approverRole: 'supervisor' }], ctx({ actorId: 'sup-1' }));
    const changed = run(approved, [{ type: 'saveDraft', step: 4, data: { amountCents: 90_000 } }]);
    expect(latestRecord(changed, 4)?.data.approvedBy).toBeUndefined();
    const same = run(approved, [{ type: 'saveDraft', step: 4, data: { amountCents: 80_000, customerAccepted: true } }]);
    expect(latestRecord(same, 4)?.data.approvedBy).toBe('sup-1');
  });

  it('the threshold is configurable and strict (equal amount needs no approval)', () => {
    const config = { ...DEFAULT_COMPLAINT_FLOW_CONFIG, approvalThresholdCents: 80_000 };
    const s = run(atStep(4), [{ type: 'saveDraft', step: 4, data: big }], ctx({ config }));
    expect(complaintFlow(s, { type: 'approve', approverRole: 'admin' }, ctx({ config }))).toEqual({ ok: false, reason: 'approval_not_needed' });
    expect(run(s, [complete(4, { customerAccepted: true })], ctx({ config })).currentStep).toBe(5);
  });
});

describe('follow-up', () => {
  const at5 = (): ComplaintFlowState => run(atStep(5), [{ type: 'saveDraft', step: 5, data: { callbackId: 'cb-7' } }]);

  it('entering step 5 schedules the first follow-up callback', () => {
    const r = ok(complaintFlow(atStep(4), complete(4), ctx()));
    expect(r.effects).toContainEqual({ kind: 'scheduleCallback', reason: 'complaint_follow_up', attempt: 1, notBefore: T0 });
  });

  it('unreached stays at 5, counts the attempt and schedules a retry', () => {
    const r1 = ok(complaintFlow(at5(), { type: 'followUpResult', reached: false }, ctx()));
    expect(r1.state.currentStep).toBe(5);
    expect(latestRecord(r1.state, 5)).toMatchObject({ state: 'draft', data: { attempts: 1, reached: false } });
    expect(r1.effects).toContainEqual({ kind: 'scheduleCallback', reason: 'complaint_follow_up', attempt: 2, notBefore: T0 });
    const r2 = ok(complaintFlow(r1.state, { type: 'followUpResult', reached: false }, ctx()));
    expect(r2.effects).toContainEqual({ kind: 'scheduleCallback', reason: 'complaint_follow_up', attempt: 3, notBefore: T0 });
    expect(run(r2.state, [{ type: 'followUpResult', reached: true, satisfied: true }]).currentStep).toBe(6);
  });

  it('reached needs satisfied', () => {
    expect(complaintFlow(at5(), { type: 'followUpResult', reached: true }, ctx())).toEqual({
      ok: false,
      reason: 'invalid_data',
      errors: { satisfied: 'complaint.followUp.errors.satisfiedRequired' },
    });
  });

  it('reached but unsatisfied goes back to solve with a new record', () => {
    const s = run(at5(), [{ type: 'followUpResult', reached: true, satisfied: false }]);
    expect(s.currentStep).toBe(4);
    expect(s.steps.filter((r) => r.step === 4).map((r) => r.state)).toEqual(['done', 'draft']);
    expect(latestRecord(s, 5)).toMatchObject({ state: 'done', outcome: 'unsatisfied' });
    const again = run(s, [complete(4), { type: 'saveDraft', step: 5, data: { callbackId: 'cb-8' } }, { type: 'followUpResult', reached: true, satisfied: true }]);
    expect(again.currentStep).toBe(6);
  });
});

describe('close, first-contact resolution and reopen', () => {
  it('closes after reflect, marking first-contact resolution when steps 1–4 were done in the starting contact', () => {
    const s = closed();
    expect(s).toMatchObject({ status: 'closed', closedAt: T0, slaDueAt: null, firstContactResolution: true });
    expect(resolvedOnFirstContact(s)).toBe(true);
  });

  it('is not first-contact resolution when not a first contact, or solved in a later contact, or unsatisfied', () => {
    const notFirst = run(null, [{ type: 'start', source: 'search', firstContact: false }]);
    expect(run(notFirst, [1, 2, 3, 4, 5, 6].map((n) => complete(n as StepNumber)).concat({ type: 'close' })).firstContactResolution).toBe(false);

    const later = run(atStep(4), [complete(4)], ctx({ contactId: 'call-2' }));
    expect(run(later, [complete(5), complete(6), { type: 'close' }]).firstContactResolution).toBe(false);

    const unsatisfied = run(atStep(5), [
      { type: 'saveDraft', step: 5, data: { callbackId: 'cb' } },
      { type: 'followUpResult', reached: true, satisfied: false },
      complete(4),
      complete(5),
      complete(6),
      { type: 'close' },
    ]);
    expect(unsatisfied.firstContactResolution).toBe(false);
  });

  it('reopen starts a new round at analyse, keeps all history and clears the first-contact mark', () => {
    const before = closed();
    const r = ok(complaintFlow(before, { type: 'reopen', reason: 'AC broke again' }, ctx({ now: T0 + 48 * HOUR, actorId: 'agent-3' })));
    expect(r.state).toMatchObject({ status: 'open', currentStep: 3, round: 2, reopenCount: 1, closedAt: null, firstContactResolution: false });
    expect(r.state.steps.slice(0, before.steps.length)).toEqual(before.steps);
    expect(r.state.steps.at(-1)).toMatchObject({ step: 3, round: 2, state: 'draft', startedAt: T0 + 48 * HOUR });
    expect(r.state.reopens).toEqual([{ at: T0 + 48 * HOUR, actorId: 'agent-3', reason: 'AC broke again', round: 2 }]);
    expect(r.state.slaDueAt).toBe(T0 + 48 * HOUR + 8 * HOUR); // high analyse
    expect(noStepSkipped(r.state)).toBe(true);
    const twice = run(r.state, [complete(3), complete(4), complete(5), complete(6), { type: 'close' }, { type: 'reopen', reason: 'again' }]);
    expect(twice).toMatchObject({ round: 3, reopenCount: 2, currentStep: 3 });
    expect(twice.steps.filter((x) => x.step === 6).map((x) => x.round)).toEqual([1, 2]);
  });

  it('reopen needs a reason', () => {
    expect(complaintFlow(closed(), { type: 'reopen', reason: '  ' }, ctx())).toEqual({
      ok: false,
      reason: 'invalid_data',
      errors: { reason: 'complaint.reopen.errors.reasonRequired' },
    });
  });
});
