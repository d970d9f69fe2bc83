import { describe, expect, it } from 'vitest';
import type { CallbackView } from '../../../../shared/contract/callback-schemas';
import type { ComplaintCounts } from '../../../../shared/contract/complaint-schemas';
import { isQuiet } from '../../../../shared/domain/callback-rules';
import { manualClock, useTempDirs } from '../../../support/temp-dir';
import { complaintSeat, DAY, HOUR, IDS, MIN, stepData, T0 } from './support';

const tempDir = useTempDirs();

describe('complaints: the six steps through the core', () => {
  it('runs listen → apologise → analyse → solve → follow-up call → reflect → closed, resolved on first contact, with outbox and audit', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock);
    const customerId = await s.customer({ name: '王芳', phones: ['13812345678'] });
    const interactionId = s.ring(customerId);

    const started = await s.start(customerId, { source: 'call', interactionId });
    expect(started).toMatchObject({
      status: 'open', currentStep: 1, round: 1, source: 'call', firstContact: true, interactionId, customerName: '王芳',
      ownerAgentId: s.core.seat.agentId, teamId: IDS.t1, slaState: 'ok', followUpCallbackId: null, awaitingApproval: false,
    });
    // Step 1's clock before a severity is known: the default (medium, 4 h).
    expect(started.slaDueAt).toBe(T0 + 4 * HOUR);
    expect(started.steps).toMatchObject([{ step: 1, round: 1, state: 'draft', authorId: s.core.seat.agentId, contactId: interactionId }]);
    const id = started.id;

    let v = await s.toFollowUp(id, 10 * MIN);
    expect(v.currentStep).toBe(5);
    expect(v).toMatchObject({ category: 'product_service', subcategory: 'room', severity: 'high' });
    expect(v.steps.map((r) => `${r.step}:${r.state}:${r.outcome ?? '-'}`)).toEqual(['1:done:-', '2:done:-', '3:done:-', '4:done:accepted', '5:draft:-']);
    // Step 5 scheduled its callback: the customer's number, the owner, 2 h from now in the customer's zone.
    const cbId = v.followUpCallbackId!;
    expect(cbId).toBeTruthy();
    expect(v.steps[4]!.data).toMatchObject({ callbackId: cbId });
    expect(s.row(cbId)).toMatchObject({
      reason: 'complaint_follow_up', complaint_id: id, phone: '+8613812345678', assignee_agent_id: s.core.seat.agentId,
      window_start: clock.now(), window_end: clock.now() + 2 * HOUR, time_zone: 'Asia/Shanghai', priority: 1, interaction_id: interactionId, status: 'scheduled',
    });

    // The follow-up call reached a satisfied customer: the callback is done and the wizard moves on.
    clock.advance(HOUR);
    const cb = await s.call<CallbackView>('callbacks.recordAttempt', { id: cbId, outcome: 'reached', satisfied: true });
    expect(cb.status).toBe('done');
    v = await s.call('complaints.get', { id });
    expect(v.currentStep).toBe(6);
    expect(v.steps[4]).toMatchObject({ step: 5, state: 'done', outcome: 'satisfied', data: { callbackId: cbId, reached: true, satisfied: true } });

    v = await s.complete(id, 6);
    expect(v).toMatchObject({ currentStep: 6, slaDueAt: null });
    v = await s.call('complaints.close', { id });
    expect(v).toMatchObject({ status: 'closed', closedAt: clock.now(), firstContactResolution: true, slaState: 'ok' });

    // Every change is in the outbox and the audit log.
    const complaintOps = s.outbox(id).map((o) => `${o.entity}:${o.op}`);
    expect(complaintOps[0]).toBe('complaints:insert');
    expect(complaintOps.slice(1).every((o) => o === 'complaints:update')).toBe(true);
    const stepRows = s.db.prepare('SELECT id FROM complaint_steps WHERE complaint_id = ? ORDER BY rowid').all(id) as { id: string }[];
    expect(stepRows).toHaveLength(6);
    for (const r of stepRows) expect(s.outbox(r.id)[0]).toMatchObject({ entity: 'complaint_steps', op: 'insert' });
    const events = (s.db.prepare("SELECT action, detail FROM audit_log WHERE entity = 'complaints' AND entity_id = ? AND detail NOT LIKE '{\"op\"%' ORDER BY rowid").all(id) as {
      action: string;
      detail: string;
    }[]).map((a) => a.action);
    expect(events).toEqual([
      'complaint.start', 'complaint.completeStep', 'complaint.completeStep', 'complaint.completeStep', 'complaint.completeStep',
      'complaint.followUpResult', 'complaint.completeStep', 'complaint.close',
    ]);
    expect(s.audit(cbId)).toEqual(['callback.create', 'callback.attempt.done']);
    expect(s.complaintEvents().filter((e) => e.event === 'complaints.changed').every((e) => (e.payload as { ids: string[] }).ids[0] === id)).toBe(true);
    expect(s.complaintEvents().at(-1)).toMatchObject({ event: 'complaints.countsChanged', payload: { mine: 0, team: 0, overdue: 0, awaitingApproval: 0 } });
    s.core.close();
  });

  it('is not resolved on first contact when steps are done after the call ended', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock);
    const customerId = await s.customer({ name: '赵磊', phones: ['13812345678'] });
    const interactionId = s.ring(customerId);
    const { id } = await s.start(customerId, { source: 'call', interactionId });
    await s.complete(id, 1);
    s.hangUp(interactionId);
    let v = await s.complete(id, 2);
    for (const step of [3, 4] as const) v = await s.complete(id, step);
    expect(v.steps.map((r) => r.contactId)).toEqual([interactionId, null, null, null, null]);
    await s.call('complaints.recordFollowUp', { id, reached: true, satisfied: true });
    await s.complete(id, 6);
    expect((await s.call('complaints.close', { id })).firstContactResolution).toBe(false);
    s.core.close();
  });

  it('keeps a draft across a restart and lets a teammate resume it', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const s = complaintSeat(dir, clock);
    const customerId = await s.customer({ name: '陈静', phones: ['13700002222'] });
    const { id } = await s.start(customerId);
    const words = '  前台说没房了，让我们在大堂等了两个小时。\n  ';
    const draft = await s.call('complaints.saveDraft', { id, step: 1, data: { customerWords: words, severity: 'critical' } });
    // A severity in the draft restarts step 1's clock at its allowance (critical: 1 h).
    expect(draft.slaDueAt).toBe(T0 + HOUR);
    expect(draft.steps[0]).toMatchObject({ state: 'draft', data: { customerWords: words, severity: 'critical' } });
    // Incomplete: each missing field named with its key; nothing written.
    const outboxBefore = s.count('SELECT count(*) AS n FROM outbox');
    expect(await s.core.invoke('complaints.completeStep', { id, step: 1, data: {} })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'errors.invalidInput',
        fields: {
          channel: 'complaint.listen.errors.channelRequired',
          category: 'complaint.listen.errors.categoryRequired',
          subcategory: 'complaint.listen.errors.subcategoryRequired',
          wants: 'complaint.listen.errors.wantsRequired',
        },
      },
    });
    expect(s.count('SELECT count(*) AS n FROM outbox')).toBe(outboxBefore);
    // The teammate signs in on this seat after the app closed mid-step.
    s.db.prepare("UPDATE seat_meta SET value = ? WHERE key = 'agent_id'").run(IDS.a2);
    await s.core.close();

    clock.advance(30 * MIN);
    const t = complaintSeat(dir, clock);
    expect(t.core.seat.agentId).toBe(IDS.a2);
    const resumed = await t.call('complaints.get', { id });
    expect(resumed.steps[0]!.data).toEqual({ customerWords: words, severity: 'critical' });
    const { customerWords: _w, severity: _s, ...rest } = stepData(1, clock.now());
    const done = await t.call('complaints.completeStep', { id, step: 1, data: rest });
    expect(done.steps[0]).toMatchObject({ state: 'done', authorId: IDS.a2, authorName: '李娜', data: { customerWords: words, severity: 'critical' } });
    expect(done).toMatchObject({ currentStep: 2, severity: 'critical', ownerAgentId: expect.any(String) });
    // Another team's agent cannot see it.
    t.db.prepare("UPDATE seat_meta SET value = ? WHERE key = 'agent_id'").run(IDS.a3);
    await t.core.close();
    const other = complaintSeat(dir, clock);
    expect(await other.core.invoke('complaints.get', { id })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'errors.forbidden' } });
    other.core.close();
  });

  it('refuses a step out of turn, an unknown complaint and a finished step with a coded reason', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock);
    const customerId = await s.customer({ name: '李强', phones: ['13900001111'] });
    const { id } = await s.start(customerId);
    expect(await s.core.invoke('complaints.completeStep', { id, step: 2, data: stepData(2, clock.now()) })).toMatchObject({
      ok: false, error: { code: 'conflict', message: 'errors.complaintNotCurrentStep' },
    });
    expect(await s.core.invoke('complaints.close', { id })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'errors.complaintStepNotDone' } });
    expect(await s.core.invoke('complaints.reopen', { id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'errors.complaintNotClosed' } });
    expect(await s.core.invoke('complaints.get', { id: IDS.k1 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'errors.complaintNotFound' } });
    expect(await s.core.invoke('complaints.start', { customerId: IDS.k2, source: 'search' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'errors.customerNotFound' } });
    expect(await s.core.invoke('complaints.start', { customerId, source: 'call', interactionId: IDS.k1 })).toMatchObject({
      ok: false, error: { code: 'not_found', message: 'errors.interactionNotFound' },
    });
    expect(await s.core.invoke('complaints.start', { customerId, source: 'profile', bookingId: IDS.k1 })).toMatchObject({
      ok: false, error: { code: 'not_found', message: 'errors.bookingNotFound' },
    });
    await s.toFollowUp(id);
    expect(await s.core.invoke('complaints.rejectRemedy', { id, then: 'analyse' })).toMatchObject({ ok: false, error: { message: 'errors.complaintNotCurrentStep' } });
    // The analyse step's root cause is a code the report groups by.
    s.core.close();
    const t = complaintSeat(tempDir(), clock);
    const c2 = await t.customer({ name: '周杰', phones: ['13600003333'] });
    const k = await t.start(c2);
    await t.complete(k.id, 1);
    await t.complete(k.id, 2);
    expect(await t.core.invoke('complaints.completeStep', { id: k.id, step: 3, data: stepData(3, clock.now(), { rootCause: '前台超售' }) })).toMatchObject({
      ok: false, error: { code: 'invalid_input', fields: { rootCause: 'complaint.analyse.errors.rootCauseRequired' } },
    });
    t.core.close();
  });
});

describe('complaints: solve', () => {
  it('a rejected remedy loops back to analyse (history kept); escalation flags it for the supervisor', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock);
    const customerId = await s.customer({ name: '孙丽', phones: ['13812345678'] });
    const { id } = await s.start(customerId);
    for (const step of [1, 2, 3] as const) await s.complete(id, step);
    let v = await s.call('complaints.rejectRemedy', { id, then: 'analyse', data: { remedy: 'voucher', amountCents: 10_000, currency: 'CNY' } });
    expect(v.currentStep).toBe(3);
    expect(v.steps.map((r) => `${r.step}:${r.state}:${r.outcome ?? '-'}`)).toEqual(['1:done:-', '2:done:-', '3:done:-', '4:done:rejected', '3:draft:-']);
    expect(v.steps[3]!.data).toMatchObject({ remedy: 'voucher', customerAccepted: false });
    await s.complete(id, 3, { rootCause: 'staff_training' });
    v = await s.call('complaints.rejectRemedy', { id, then: 'escalate', data: { remedy: 'apology_only' } });
    expect(v).toMatchObject({ currentStep: 4, escalated: true });
    expect(s.complaintEvents().at(-1)).toMatchObject({ event: 'complaints.countsChanged' });
    // A remedy the customer did not accept cannot complete the step.
    expect(await s.core.invoke('complaints.completeStep', { id, step: 4, data: stepData(4, clock.now(), { customerAccepted: false }) })).toMatchObject({
      ok: false, error: { code: 'conflict', message: 'errors.complaintCustomerNotAccepted' },
    });
    v = await s.complete(id, 4);
    expect(v.currentStep).toBe(5);
    expect(v.steps.filter((r) => r.step === 4).map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'accepted']);
    s.core.close();
  });

  it('a remedy above the threshold waits for a supervisor: refused to the agent, approved on a supervisor seat', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const s = complaintSeat(dir, clock);
    const customerId = await s.customer({ name: '吴昊', phones: ['13812345678'] });
    const { id } = await s.start(customerId);
    for (const step of [1, 2, 3] as const) await s.complete(id, step);
    const big = { remedy: 'refund', amountCents: 80_000, currency: 'CNY', customerAccepted: true };
    expect(await s.core.invoke('complaints.completeStep', { id, step: 4, data: big })).toMatchObject({
      ok: false, error: { code: 'invalid_input', fields: { approvedBy: 'complaint.solve.errors.approvalRequired' } },
    });
    // A form cannot approve itself.
    const draft = await s.call('complaints.saveDraft', { id, step: 4, data: { ...big, approvedBy: s.core.seat.agentId } });
    expect(draft).toMatchObject({ awaitingApproval: true });
    expect(draft.steps[3]!.data.approvedBy).toBeUndefined();
    expect(await s.call<ComplaintCounts>('complaints.counts', {})).toMatchObject({ awaitingApproval: 1 });
    expect(await s.core.invoke('complaints.approveRemedy', { id })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'errors.forbidden' } });
    await s.core.close();

    const sup = complaintSeat(dir, clock, 'supervisor');
    expect(await sup.call<ComplaintCounts>('complaints.counts', {})).toMatchObject({ awaitingApproval: 1 });
    const approved = await sup.call('complaints.approveRemedy', { id });
    expect(approved).toMatchObject({ awaitingApproval: false, currentStep: 4 });
    expect(approved.steps[3]!.data).toMatchObject({ approvedBy: sup.core.seat.agentId, approvedAt: clock.now(), approvalNeeded: true });
    expect(sup.complaintEvents().at(-1)).toMatchObject({ event: 'complaints.countsChanged', payload: { awaitingApproval: 0 } });
    await sup.core.close();

    const again = complaintSeat(dir, clock);
    expect((await again.call('complaints.completeStep', { id, step: 4, data: {} })).currentStep).toBe(5);
    // Below the threshold there is nothing to approve.
    const small = await again.start(customerId);
    for (const step of [1, 2, 3] as const) await again.complete(small.id, step);
    await again.call('complaints.saveDraft', { id: small.id, step: 4, data: { remedy: 'voucher', amountCents: 100, currency: 'CNY' } });
    again.core.close();
    const sup2 = complaintSeat(dir, clock, 'supervisor');
    expect(await sup2.core.invoke('complaints.approveRemedy', { id: small.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'errors.approvalNotNeeded' } });
    sup2.core.close();
  });
});

describe('complaints: follow-up call', () => {
  it('unreached attempts retry on the same callback (no duplicate); reached without an answer keeps a draft; then satisfied advances', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock);
    const customerId = await s.customer({ name: '郑爽', phones: ['13812345678'] });
    const { id } = await s.start(customerId);
    const v = await s.toFollowUp(id);
    const cbId = v.followUpCallbackId!;
    const callbacks = () => s.count('SELECT count(*) AS n FROM callbacks WHERE complaint_id = ?', id);

    let r = await s.call('complaints.recordFollowUp', { id, reached: false, note: '无人接听' });
    expect(r).toMatchObject({ currentStep: 5, followUpCallbackId: cbId });
    expect(r.steps[4]!.data).toMatchObject({ attempts: 1, callbackId: cbId, note: '无人接听', reached: false });
    expect(s.row(cbId)).toMatchObject({ attempts: 1, status: 'scheduled' });
    expect(isQuiet(s.row(cbId).window_start as number, 'Asia/Shanghai')).toBe(false);
    expect(callbacks()).toBe(1);

    await s.call<CallbackView>('callbacks.recordAttempt', { id: cbId, outcome: 'busy' });
    r = await s.call('complaints.get', { id });
    expect(r.steps[4]!.data).toMatchObject({ attempts: 2 });
    expect(callbacks()).toBe(1);

    // Reached but satisfaction not given through complaints.recordFollowUp: refused, nothing recorded.
    expect(await s.core.invoke('complaints.recordFollowUp', { id, reached: true })).toMatchObject({
      ok: false, error: { code: 'invalid_input', fields: { satisfied: 'complaint.followUp.errors.satisfiedRequired' } },
    });
    expect(s.row(cbId)).toMatchObject({ attempts: 2 });

    // Reached from the callbacks screen without the answer: the callback is done, step 5 keeps { reached: true }.
    await s.call<CallbackView>('callbacks.recordAttempt', { id: cbId, outcome: 'reached' });
    r = await s.call('complaints.get', { id });
    expect(s.row(cbId)).toMatchObject({ status: 'done', attempts: 3 });
    expect(r).toMatchObject({ currentStep: 5 });
    expect(r.steps[4]).toMatchObject({ state: 'draft', data: { reached: true, callbackId: cbId } });

    // The wizard asks: not satisfied → a new solve round; the callback (closed) is not touched again.
    r = await s.call('complaints.recordFollowUp', { id, reached: true, satisfied: false });
    expect(r).toMatchObject({ currentStep: 4 });
    expect(r.steps[4]).toMatchObject({ state: 'done', outcome: 'unsatisfied' });
    expect(s.row(cbId)).toMatchObject({ attempts: 3 });
    r = await s.complete(id, 4, { remedy: 'upgrade', amountCents: null, currency: null });
    // A second follow-up: a new callback (the first is done).
    expect(r.followUpCallbackId).not.toBe(cbId);
    expect(callbacks()).toBe(2);
    await s.call<CallbackView>('callbacks.recordAttempt', { id: r.followUpCallbackId, outcome: 'reached', satisfied: true });
    expect((await s.call('complaints.get', { id })).currentStep).toBe(6);
    s.core.close();
  });

  it('a follow-up callback that failed (wrong number) is replaced on another of the customer’s numbers', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock);
    const customerId = await s.customer({ name: '冯媛', phones: ['13812345678', '13900001111'] });
    const { id } = await s.start(customerId);
    const first = (await s.toFollowUp(id)).followUpCallbackId!;
    expect(s.row(first)).toMatchObject({ phone: '+8613812345678' });
    await s.call<CallbackView>('callbacks.recordAttempt', { id: first, outcome: 'wrong_number' });
    const v = await s.call('complaints.get', { id });
    expect(s.row(first)).toMatchObject({ status: 'failed' });
    expect(v.followUpCallbackId).not.toBe(first);
    expect(s.row(v.followUpCallbackId!)).toMatchObject({ phone: '+8613900001111', status: 'scheduled', complaint_id: id });
    expect(v.steps[4]!.data).toMatchObject({ callbackId: v.followUpCallbackId, attempts: 1 });
    expect(s.events.filter((e) => e.event === 'callbacks.changed').some((e) => (e.payload as { ids: string[] }).ids.includes(v.followUpCallbackId!))).toBe(true);
    s.core.close();
  });

  it('schedules outside quiet hours in the customer’s zone, and opens step 5 without a callback for a do-not-contact customer', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 26, 14, 0)); // 22:00 in Shanghai
    const s = complaintSeat(tempDir(), clock);
    const night = await s.customer({ name: '钱多', phones: ['13812345678'] });
    const k = await s.start(night);
    const cb = (await s.toFollowUp(k.id)).followUpCallbackId!;
    expect(s.row(cb)).toMatchObject({ window_start: Date.UTC(2026, 10, 27, 1, 0), window_end: Date.UTC(2026, 10, 27, 3, 0) });

    const refusing = await s.customer({ name: '孔明', phones: ['13700002222'], doNotContact: true });
    const { id } = await s.start(refusing);
    let v = await s.toFollowUp(id);
    expect(v).toMatchObject({ currentStep: 5, followUpCallbackId: null });
    expect(v.steps[4]!.data).toMatchObject({ callbackId: 'manual', noCallbackReason: 'do_not_contact' });
    expect(s.count('SELECT count(*) AS n FROM callbacks WHERE complaint_id = ?', id)).toBe(0);
    v = await s.call('complaints.recordFollowUp', { id, reached: true, satisfied: true, note: '客户来电时告知结果' });
    expect(v.currentStep).toBe(6);
    expect(v.steps[4]!.data).toMatchObject({ note: '客户来电时告知结果', satisfied: true });
    s.core.close();
  });
});

describe('complaints: close and reopen', () => {
  it('reopening a closed complaint starts round 2 at analyse and keeps round 1 as history', async () => {
    const clock = manualClock();
    const s = complaintSeat(tempDir(), clock);
    const customerId = await s.customer({ name: '何静', phones: ['13812345678'] });
    const interactionId = s.ring(customerId);
    const { id } = await s.start(customerId, { source: 'call', interactionId });
    await s.toFollowUp(id);
    await s.call('complaints.recordFollowUp', { id, reached: true, satisfied: true });
    await s.complete(id, 6);
    const closed = await s.call('complaints.close', { id });
    expect(closed.firstContactResolution).toBe(true);
    expect(await s.core.invoke('complaints.completeStep', { id, step: 6, data: {} })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'errors.complaintClosed' } });

    clock.advance(3 * DAY);
    const v = await s.call('complaints.reopen', { id, reason: '客户再次来电：补偿未到账' });
    expect(v).toMatchObject({ status: 'open', round: 2, currentStep: 3, reopenCount: 1, firstContactResolution: false, closedAt: null });
    expect(v.reopens).toEqual([{ at: clock.now(), actorName: 'Seat agent', reason: '客户再次来电：补偿未到账', round: 2 }]);
    expect(v.steps.filter((r) => r.round === 1)).toHaveLength(6);
    expect(v.steps.filter((r) => r.round === 1).every((r) => r.state === 'done')).toBe(true);
    expect(v.steps.at(-1)).toMatchObject({ step: 3, round: 2, state: 'draft' });
    // The reason is free text: the audit entry keeps codes only.
    const audit = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'complaint.reopen' AND detail NOT LIKE '{\"op\"%'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ step: 3, round: 2 });
    expect(v.slaDueAt).toBe(clock.now() + 8 * HOUR);
    s.core.close();
  });
});

describe('complaints: settings', () => {
  it('stores SLA hours and the approval threshold per seat and gives them to the flow', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const sup = complaintSeat(dir, clock, 'supervisor');
    const settings = await sup.call<{ sla: Record<string, number[]>; approvalThresholdCents: number; defaultCurrency: string }>('complaints.getSettings', {});
    expect(settings).toMatchObject({ approvalThresholdCents: 50_000, defaultCurrency: 'CNY', sla: { medium: [4, 4, 24, 72, 120, 336] } });
    const next = { ...settings, approvalThresholdCents: 5_000, sla: { ...settings.sla, medium: [2, 4, 24, 72, 120, 336] } };
    expect(await sup.call('complaints.setSettings', { settings: next })).toEqual(next);
    await sup.core.close();
    const s = complaintSeat(dir, clock);
    expect(await s.core.invoke('complaints.setSettings', { settings: next })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const customerId = await s.customer({ name: '严宽', phones: ['13812345678'] });
    const { id, slaDueAt } = await s.start(customerId);
    expect(slaDueAt).toBe(T0 + 2 * HOUR);
    for (const step of [1, 2, 3] as const) await s.complete(id, step);
    expect(await s.call('complaints.saveDraft', { id, step: 4, data: { remedy: 'voucher', amountCents: 6_000, currency: 'CNY' } })).toMatchObject({ awaitingApproval: true });
    s.core.close();
  });
});
