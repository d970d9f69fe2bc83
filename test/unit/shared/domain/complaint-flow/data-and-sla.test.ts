import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_CONFIG,
  ROOT_CAUSES,
  SUBCATEGORIES_BY_CATEGORY,
  slaState,
  stepDueAt,
  subcategoryFits,
  validateAnalyse,
  validateApologise,
  validateFollowUp,
  validateListen,
  validateReflect,
  validateSlaConfig,
  validateSolve,
  validateStep,
} from '../../../../../shared/domain/complaint-flow';

const T0 = Date.UTC(2026, 5, 1, 2);
const MIN = 60_000;
const HOUR = 60 * MIN;
const OPTS = { approvalThresholdCents: 50_000, now: T0 };

describe('step validators (i18n keys per field)', () => {
  it('listen', () => {
    expect(validateListen({})).toEqual({
      customerWords: 'complaint.listen.errors.customerWordsRequired',
      channel: 'complaint.listen.errors.channelRequired',
      category: 'complaint.listen.errors.categoryRequired',
      subcategory: 'complaint.listen.errors.subcategoryRequired',
      severity: 'complaint.listen.errors.severityRequired',
      wants: 'complaint.listen.errors.wantsRequired',
    });
    const good = { customerWords: '导游态度差', channel: 'phone_in', category: 'staff', subcategory: 'guide', severity: 'medium', wants: '道歉' };
    expect(validateListen(good)).toEqual({});
    expect(validateListen({ ...good, customerWords: '   ' })).toEqual({ customerWords: 'complaint.listen.errors.customerWordsRequired' });
    expect(validateListen({ ...good, category: 'customer_own', subcategory: 'noise' })).toEqual({
      subcategory: 'complaint.listen.errors.subcategoryMismatch',
    });
    expect(validateListen({ ...good, severity: 'urgent', channel: 'pigeon' })).toEqual({
      severity: 'complaint.listen.errors.severityRequired',
      channel: 'complaint.listen.errors.channelRequired',
    });
  });

  it('subcategories fit their categories; other takes any', () => {
    expect(subcategoryFits('product_service', 'cleanliness')).toBe(true);
    expect(subcategoryFits('staff', 'cleanliness')).toBe(false);
    expect(SUBCATEGORIES_BY_CATEGORY.other).toHaveLength(10);
    for (const list of Object.values(SUBCATEGORIES_BY_CATEGORY)) expect(list).toContain('other');
  });

  it('apologise', () => {
    expect(validateApologise({}, OPTS)).toEqual({ said: 'complaint.apologise.errors.saidRequired', at: 'complaint.apologise.errors.atRequired' });
    expect(validateApologise({ said: '对不起', at: T0 - HOUR }, OPTS)).toEqual({});
    expect(validateApologise({ said: '对不起', at: T0 + HOUR }, OPTS)).toEqual({ at: 'complaint.apologise.errors.atInFuture' });
    expect(validateApologise({ said: '对不起', at: 1.5 })).toEqual({ at: 'complaint.apologise.errors.atRequired' });
  });

  it('analyse', () => {
    expect(validateAnalyse({ evidenceNotes: 3 })).toEqual({
      factsChecked: 'complaint.analyse.errors.factsCheckedRequired',
      rootCause: 'complaint.analyse.errors.rootCauseRequired',
      department: 'complaint.analyse.errors.departmentRequired',
      evidenceNotes: 'complaint.analyse.errors.evidenceNotesInvalid',
    });
    expect(validateAnalyse({ factsChecked: 'a', rootCause: 'supplier', department: 'c' })).toEqual({});
    // The root cause is a code from ROOT_CAUSES (the report groups by it), not free text.
    for (const rootCause of ['b', 'Supplier', ' supplier', '', null, 3]) {
      expect(validateAnalyse({ factsChecked: 'a', rootCause, department: 'c' }), String(rootCause)).toEqual({
        rootCause: 'complaint.analyse.errors.rootCauseRequired',
      });
    }
    for (const rootCause of ROOT_CAUSES) expect(validateAnalyse({ factsChecked: 'a', rootCause, department: 'c' })).toEqual({});
  });

  it('solve', () => {
    expect(validateSolve({}, OPTS)).toEqual({
      remedy: 'complaint.solve.errors.remedyRequired',
      customerAccepted: 'complaint.solve.errors.customerAcceptedRequired',
    });
    for (const remedy of ['refund', 'compensation', 'voucher']) {
      expect(validateSolve({ remedy, customerAccepted: true }, OPTS)).toEqual({
        amountCents: 'complaint.solve.errors.amountRequired',
        currency: 'complaint.solve.errors.currencyRequired',
      });
    }
    expect(validateSolve({ remedy: 'refund', amountCents: -1, currency: 'cny', customerAccepted: true }, OPTS)).toEqual({
      amountCents: 'complaint.solve.errors.amountInvalid',
      currency: 'complaint.solve.errors.currencyInvalid',
    });
    expect(validateSolve({ remedy: 'refund', amountCents: 0, currency: 'CNY', customerAccepted: false }, OPTS)).toEqual({});
    expect(validateSolve({ remedy: 'apology_only', customerAccepted: true }, OPTS)).toEqual({});
    expect(validateSolve({ remedy: 'upgrade', amountCents: 100, customerAccepted: true }, OPTS)).toEqual({
      currency: 'complaint.solve.errors.currencyRequired',
    });
    expect(validateSolve({ remedy: 'refund', amountCents: 50_001, currency: 'CNY', customerAccepted: true }, OPTS)).toEqual({
      approvedBy: 'complaint.solve.errors.approvalRequired',
    });
    expect(validateSolve({ remedy: 'refund', amountCents: 50_000, currency: 'CNY', customerAccepted: true }, OPTS)).toEqual({});
    expect(
      validateSolve({ remedy: 'refund', amountCents: 50_001, currency: 'CNY', approvedBy: 'sup', customerAccepted: true }, OPTS),
    ).toEqual({});
  });

  it('follow-up', () => {
    expect(validateFollowUp({})).toEqual({
      callbackId: 'complaint.followUp.errors.callbackRequired',
      reached: 'complaint.followUp.errors.reachedRequired',
    });
    expect(validateFollowUp({ callbackId: 'cb', reached: false })).toEqual({});
    expect(validateFollowUp({ callbackId: 'cb', reached: true })).toEqual({ satisfied: 'complaint.followUp.errors.satisfiedRequired' });
    expect(validateFollowUp({ callbackId: 'cb', reached: true, satisfied: false })).toEqual({});
  });

  it('reflect', () => {
    expect(validateReflect({})).toEqual({
      lesson: 'complaint.reflect.errors.lessonRequired',
      preventiveAction: 'complaint.reflect.errors.preventiveActionRequired',
      owner: 'complaint.reflect.errors.ownerRequired',
      dueAt: 'complaint.reflect.errors.dueAtRequired',
    });
    expect(validateReflect({ lesson: 'l', preventiveAction: 'p', owner: 'o', dueAt: T0 })).toEqual({});
  });

  it('validateStep dispatches by step', () => {
    expect(Object.keys(validateStep(1, {}, OPTS))).toContain('customerWords');
    expect(Object.keys(validateStep(4, {}, OPTS))).toContain('remedy');
    expect(Object.keys(validateStep(6, {}, OPTS))).toContain('lesson');
  });
});

describe('SLA', () => {
  it('documents the default hours per severity and step', () => {
    expect(DEFAULT_SLA_CONFIG).toEqual({
      critical: [1, 1, 4, 24, 48, 168],
      high: [2, 2, 8, 48, 72, 168],
      medium: [4, 4, 24, 72, 120, 336],
      low: [8, 8, 48, 120, 168, 336],
    });
    expect(validateSlaConfig(DEFAULT_SLA_CONFIG)).toEqual([]);
    expect(validateSlaConfig({ ...DEFAULT_SLA_CONFIG, low: [8, 8, 0, 1, 1, 1] })).toEqual(['complaint.sla.errors.hoursInvalid']);
  });

  it('stepDueAt adds the allowance to the start, with a custom config', () => {
    expect(stepDueAt(1, T0, 'critical')).toBe(T0 + HOUR);
    expect(stepDueAt(4, T0, 'high')).toBe(T0 + 48 * HOUR);
    expect(stepDueAt(6, T0, 'low')).toBe(T0 + 336 * HOUR);
    expect(stepDueAt(3, T0, 'medium', { ...DEFAULT_SLA_CONFIG, medium: [1, 1, 0.5, 1, 1, 1] })).toBe(T0 + 30 * MIN);
  });

  it('slaState: due_soon within min(2 h, 20% of the allowance), breached from the due time', () => {
    // 1 h allowance: 20% = 12 min < 2 h.
    const due1 = T0 + HOUR;
    expect(slaState(due1, due1 - 13 * MIN, T0)).toBe('ok');
    expect(slaState(due1, due1 - 12 * MIN, T0)).toBe('due_soon');
    expect(slaState(due1, due1 - 1, T0)).toBe('due_soon');
    expect(slaState(due1, due1, T0)).toBe('breached');
    expect(slaState(due1, due1 + HOUR, T0)).toBe('breached');
    // 48 h allowance: 20% = 9.6 h > 2 h → 2 h window.
    const due48 = T0 + 48 * HOUR;
    expect(slaState(due48, due48 - 2 * HOUR - 1, T0)).toBe('ok');
    expect(slaState(due48, due48 - 2 * HOUR, T0)).toBe('due_soon');
    // Without a start the window is 2 h; without a clock it is ok.
    expect(slaState(due1, due1 - 90 * MIN)).toBe('due_soon');
    expect(slaState(null, T0)).toBe('ok');
  });
});
