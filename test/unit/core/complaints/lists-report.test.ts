import { describe, expect, it } from 'vitest';
import type { ComplaintCounts, ComplaintListItem, ComplaintReport } from '../../../../shared/contract/complaint-schemas';
import { manualClock, useTempDirs } from '../../../support/temp-dir';
import { complaintSeat, DAY, HOUR, IDS, T0 } from './support';

const tempDir = useTempDirs();
type List = { items: ComplaintListItem[]; counts: ComplaintCounts };

describe('complaints: lists and counts', () => {
  it('scopes mine / team / all and filters by step, category, severity, SLA, customer and status', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const s = complaintSeat(dir, clock);
    const wang = await s.customer({ name: '王芳', phones: ['13812345678'] });
    const li = await s.customer({ name: '李雷', phones: ['13900001111'] });
    const a = (await s.start(wang)).id;
    await s.complete(a, 1); // high: step 2 due in 2 h
    const b = (await s.start(li)).id;
    await s.complete(b, 1, { severity: 'low', category: 'staff', subcategory: 'guide' }); // step 2 due in 8 h
    const c = (await s.start(li)).id; // step 1, default clock: due in 4 h
    const d = (await s.start(wang)).id; // → teammate a2
    const e = (await s.start(wang)).id; // → a3, the other team
    const f = (await s.start(wang)).id;
    await s.toFollowUp(f);
    await s.call('complaints.recordFollowUp', { id: f, reached: true, satisfied: true });
    await s.complete(f, 6);
    await s.call('complaints.close', { id: f });
    expect(await s.core.invoke('complaints.list', { scope: 'all' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.invoke('complaints.reassign', { ids: [d], agentId: IDS.a2 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await s.core.close();

    const sup = complaintSeat(dir, clock, 'supervisor');
    expect(await sup.call('complaints.reassign', { ids: [d, d], agentId: IDS.a2 })).toEqual({ updated: 1 });
    expect(await sup.call('complaints.reassign', { ids: [e], agentId: IDS.a3 })).toEqual({ updated: 1 });
    await sup.core.close();

    clock.advance(3.5 * HOUR);
    const ag = complaintSeat(dir, clock);
    const list = async (filter: Record<string, unknown>) => (await ag.call<List>('complaints.list', filter)).items.map((i) => i.id);
    // Open ones, most urgent first.
    expect(await list({ scope: 'mine' })).toEqual([a, c, b]);
    expect(await list({ scope: 'team' })).toEqual([a, c, d, b]);
    expect(await list({ scope: 'mine', step: 2 })).toEqual([a, b]);
    expect(await list({ scope: 'mine', category: 'staff' })).toEqual([b]);
    expect(await list({ scope: 'mine', severity: 'high' })).toEqual([a]);
    expect(await list({ scope: 'team', sla: 'breached' })).toEqual([a]);
    expect(await list({ scope: 'team', overdueOnly: true })).toEqual([a]);
    expect(await list({ scope: 'team', sla: 'due_soon' })).toEqual([c, d]);
    expect(await list({ scope: 'team', sla: 'ok' })).toEqual([b]);
    expect(await list({ scope: 'team', customerId: li })).toEqual([c, b]);
    expect(await list({ scope: 'mine', status: 'closed' })).toEqual([f]);
    expect((await list({ scope: 'mine', status: 'any' })).sort()).toEqual([a, b, c, f].sort());
    expect(await list({ scope: 'mine', limit: 2 })).toEqual([a, c]);
    const res = await ag.call<List>('complaints.list', { scope: 'team' });
    expect(res.counts).toEqual({ mine: 3, team: 4, overdue: 1, awaitingApproval: 0 });
    expect(res.items[0]).toMatchObject({ id: a, customerName: '王芳', currentStep: 2, severity: 'high', slaState: 'breached', ownerAgentName: 'Seat agent', escalated: false });
    expect(res.items.find((i) => i.id === d)).toMatchObject({ ownerAgentId: IDS.a2, ownerAgentName: '李娜', slaState: 'due_soon' });
    await ag.core.close();

    const sup2 = complaintSeat(dir, clock, 'supervisor');
    const all = await sup2.call<List>('complaints.list', { scope: 'all' });
    expect(all.items.map((i) => i.id)).toEqual([a, c, d, e, b]);
    expect(all.counts.overdue).toBe(1);
    sup2.core.close();
  });

  it('reassigns open complaints with their follow-up callback; refuses unknown agents and closed complaints, changing nothing', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const s = complaintSeat(dir, clock);
    const customerId = await s.customer({ name: '王芳', phones: ['13812345678'] });
    const open = (await s.start(customerId)).id;
    const cb = (await s.toFollowUp(open)).followUpCallbackId!;
    const closed = (await s.start(customerId)).id;
    await s.toFollowUp(closed);
    await s.call('complaints.recordFollowUp', { id: closed, reached: true, satisfied: true });
    await s.complete(closed, 6);
    await s.call('complaints.close', { id: closed });
    await s.core.close();

    const sup = complaintSeat(dir, clock, 'supervisor');
    const before = sup.count('SELECT count(*) AS n FROM outbox');
    expect(await sup.core.invoke('complaints.reassign', { ids: [open], agentId: IDS.k1 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'errors.agentNotFound' } });
    expect(await sup.core.invoke('complaints.reassign', { ids: [open, closed], agentId: IDS.a3 })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'errors.complaintClosed' } });
    expect(sup.count('SELECT count(*) AS n FROM outbox')).toBe(before);
    expect(await sup.call('complaints.reassign', { ids: [open], agentId: IDS.a3 })).toEqual({ updated: 1 });
    const v = await sup.call('complaints.get', { id: open });
    expect(v).toMatchObject({ ownerAgentId: IDS.a3, ownerAgentName: '张伟', teamId: IDS.t2 });
    expect(sup.row(cb)).toMatchObject({ assignee_agent_id: IDS.a3 });
    expect(sup.audit(open).filter((a) => a === 'complaint.reassign')).toHaveLength(1);
    expect(sup.audit(cb).at(-1)).toBe('callback.reassign');
    expect(sup.complaintEvents().find((e) => e.event === 'complaints.changed')?.payload).toEqual({ ids: [open] });
    sup.core.close();
  });
});

describe('complaints: report', () => {
  it('counts categories, root causes, first-contact resolution, hours per step, remedies and satisfaction over a period', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const s = complaintSeat(dir, clock);
    const customerId = await s.customer({ name: '王芳', phones: ['13812345678'] });

    // K1: from a call, everything during the call an hour a step, follow-up 2 h later, satisfied: resolved on first contact.
    const k1 = (await s.start(customerId, { source: 'call', interactionId: s.ring(customerId) })).id;
    await s.toFollowUp(k1, HOUR);
    clock.advance(2 * HOUR);
    await s.call('complaints.recordFollowUp', { id: k1, reached: true, satisfied: true });
    clock.advance(HOUR);
    await s.complete(k1, 6);
    await s.call('complaints.close', { id: k1 });

    // K2: a day later from the profile, 3 h a step; a voucher refused, analysed again, a refund accepted,
    // the follow-up unsatisfied, an apology accepted, then satisfied.
    clock.set(T0 + DAY);
    const k2 = (await s.start(customerId)).id;
    const later = async <T>(f: () => Promise<T>) => {
      clock.advance(3 * HOUR);
      return f();
    };
    await later(() => s.complete(k2, 1));
    await later(() => s.complete(k2, 2));
    await later(() => s.complete(k2, 3, { rootCause: 'supplier' }));
    await later(() => s.call('complaints.rejectRemedy', { id: k2, then: 'analyse', data: { remedy: 'voucher', amountCents: 10_000, currency: 'CNY' } }));
    await later(() => s.complete(k2, 3, { rootCause: 'supplier' }));
    await later(() => s.complete(k2, 4, { remedy: 'refund', amountCents: 30_000 }));
    await later(() => s.call('complaints.recordFollowUp', { id: k2, reached: true, satisfied: false }));
    await later(() => s.complete(k2, 4, { remedy: 'apology_only', amountCents: null, currency: null }));
    await later(() => s.call('complaints.recordFollowUp', { id: k2, reached: true, satisfied: true }));
    await later(() => s.complete(k2, 6));
    await s.call('complaints.close', { id: k2 });

    // K3: opened two days in, still at listen.
    clock.set(T0 + 2 * DAY);
    await s.start(customerId);
    expect(await s.core.invoke('complaints.report', { from: T0, to: T0 + 10 * DAY })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await s.core.close();

    const sup = complaintSeat(dir, clock, 'supervisor');
    const report = await sup.call<ComplaintReport>('complaints.report', { from: T0, to: T0 + 10 * DAY });
    expect(report).toEqual({
      from: T0,
      to: T0 + 10 * DAY,
      opened: 3,
      closed: 2,
      byCategory: [
        { category: 'product_service', subcategory: 'room', count: 2 },
        { category: null, subcategory: null, count: 1 },
      ],
      // K2 was analysed twice (its first remedy was refused): both analyses count.
      byRootCause: [
        { rootCause: 'supplier', count: 2 },
        { rootCause: 'process', count: 1 },
      ],
      firstContactResolution: { resolved: 1, closed: 2, rate: 0.5 },
      stepHours: [
        { step: 1, meanHours: 2, count: 2 },
        { step: 2, meanHours: 2, count: 2 },
        { step: 3, meanHours: 7 / 3, count: 3 },
        { step: 4, meanHours: 2.5, count: 4 },
        { step: 5, meanHours: 8 / 3, count: 3 },
        { step: 6, meanHours: 2, count: 2 },
      ],
      // In the form's order (REMEDIES); the refused voucher is not a cost.
      remedies: [
        { remedy: 'refund', currency: 'CNY', count: 1, amountCents: 30_000 },
        { remedy: 'compensation', currency: 'CNY', count: 1, amountCents: 20_000 },
        { remedy: 'apology_only', currency: null, count: 1, amountCents: 0 },
      ],
      satisfaction: { reached: 3, satisfied: 2, rate: 2 / 3 },
    });
    const k3Only = await sup.call<ComplaintReport>('complaints.report', { from: T0 + 2 * DAY, to: T0 + 2 * DAY + 1 });
    // K3 opened at T0 + 2 days, the instant K2's apology was accepted ([from, to) holds both).
    expect(k3Only).toMatchObject({
      opened: 1,
      closed: 0,
      firstContactResolution: { rate: null },
      satisfaction: { reached: 0, rate: null },
      remedies: [{ remedy: 'apology_only', currency: null, count: 1, amountCents: 0 }],
    });
    expect(await sup.core.invoke('complaints.report', { from: T0 + DAY, to: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    sup.core.close();
  });
});
