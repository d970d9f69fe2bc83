import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComplaintEvent,
  type ComplaintFlowState,
  complaintFlow,
  noStepSkipped,
  type StepNumber,
} from '../../../../../shared/domain/complaint-flow';

const T0 = Date.UTC(2026, 5, 1, 2);
const VALID: Record<StepNumber, Record<string, unknown>> = {
  1: { customerWords: 'w', channel: 'wechat', category: 'staff', subcategory: 'guide', severity: 'low', wants: 'sorry' },
  2: { said: 's', at: T0 },
  3: { factsChecked: 'f', rootCause: 'process', department: 'd' },
  4: { remedy: 'compensation', amountCents: 90_000, currency: 'CNY', customerAccepted: true },
  5: { callbackId: 'cb', reached: true, satisfied: true },
  6: { lesson: 'l', preventiveAction: 'p', owner: 'o', dueAt: T0 },
};

const step = fc.constantFrom<StepNumber>(1, 2, 3, 4, 5, 6);
const event: fc.Arbitrary<ComplaintEvent> = fc.oneof(
  fc.record({ type: fc.constant('start' as const), source: fc.constantFrom('call' as const, 'profile' as const), firstContact: fc.boolean() }),
  step.map((s): ComplaintEvent => ({ type: 'saveDraft', step: s, data: VALID[s] })),
  // Weighted so that random runs regularly get deep into the wizard (and through reopens).
  { arbitrary: step.map((s): ComplaintEvent => ({ type: 'completeStep', step: s, data: VALID[s] })), weight: 6 },
  step.map((s): ComplaintEvent => ({ type: 'completeStep', step: s, data: {} })),
  // A remedy under the approval threshold (the one in VALID needs saveDraft + approve first).
  { arbitrary: fc.constant<ComplaintEvent>({ type: 'completeStep', step: 4, data: { remedy: 'upgrade', amountCents: 0, customerAccepted: true } }), weight: 2 },
  fc.constantFrom<ComplaintEvent>(
    { type: 'customerRejected', then: 'analyse', data: { remedy: 'redo' } },
    { type: 'customerRejected', then: 'escalate', data: { remedy: 'redo' } },
    { type: 'approve', approverRole: 'supervisor' },
    { type: 'approve', approverRole: 'agent' },
    { type: 'followUpResult', reached: false },
    { type: 'followUpResult', reached: true, satisfied: false },
    { type: 'followUpResult', reached: true, satisfied: true },
    { type: 'close' },
    { type: 'reopen', reason: 'again' },
  ),
);

describe('complaintFlow properties', () => {
  it('no random event sequence reaches step n+1 without a done record for step n in that round', () => {
    let deepest = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(event, fc.constantFrom('a1', 'a2', 'sup')), { minLength: 5, maxLength: 80, size: 'max' }), (events) => {
        let state: ComplaintFlowState | null = null;
        let t = T0;
        for (const [e, actorId] of events) {
          t += 60_000;
          const before = state;
          const r = complaintFlow(state, e, { now: t, actorId, contactId: 'c1' });
          if (!r.ok) continue;
          state = r.state;
          expect(noStepSkipped(state)).toBe(true);
          // Moving forward is one step at a time, except when a reopen starts a round at analyse.
          if (before !== null && state.round === before.round) {
            expect(state.currentStep).toBeLessThanOrEqual(before.currentStep + 1);
          }
          // History is append-only: done records never change, nothing is removed.
          if (before !== null) {
            expect(state.steps.length).toBeGreaterThanOrEqual(before.steps.length);
            for (const old of before.steps) if (old.state === 'done') expect(state.steps[old.seq]).toEqual(old);
            expect(state.round).toBeGreaterThanOrEqual(before.round);
          }
          // At most one draft per step and round, and it belongs to the current step.
          const drafts = state.steps.filter((x) => x.state === 'draft');
          expect(drafts.every((x) => x.step === state?.currentStep && x.round === state.round)).toBe(true);
          expect(drafts.length).toBeLessThanOrEqual(1);
          expect(state.reopenCount).toBe(state.round - 1);
          deepest = Math.max(deepest, state.status === 'closed' ? 7 : state.currentStep);
        }
      }),
      { numRuns: 500 },
    );
    expect(deepest).toBe(7); // some runs got all the way to closed
  });
});
