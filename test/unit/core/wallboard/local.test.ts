import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/create-core';
import type { CentreReport, WallboardSnapshot } from '../../../../shared/contract/wallboard-schemas';
import type { CustomerProfile } from '../../../../shared/contract/customer-schemas';
import { useTempDirs } from '../../../support/temp-dir';
import { seat, value } from './support';

// A standalone branch (no hub): the supervisor's board and report from the seat's own store,
// on a hand-made day. The clock is 2026-11-26 10:00 in Shanghai; "today" starts at 00:00 there.

const tempDir = useTempDirs();
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

async function day() {
  const s = seat(tempDir());
  core = s.core;
  const c = s.core;
  const now = s.clock.now();
  const insert = (table: string, row: Record<string, string | number | null>) => {
    const cols = Object.keys(row);
    c.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(row));
    return row.id as string;
  };
  const call = (o: { startedAgo: number; waitS: number; answerAfterS?: number; endAfterS: number; callId: string; queue?: string | null; disposition?: string }) => {
    const started = now - o.startedAgo;
    const answered = o.answerAfterS === undefined ? null : started + o.answerAfterS * S;
    insert('interactions', {
      id: uuidv7(),
      channel: 'phone',
      direction: 'in',
      agent_id: c.seat.agentId,
      started_at: started,
      answered_at: answered,
      ended_at: started + o.endAfterS * S,
      duration_s: answered === null ? 0 : Math.round((started + o.endAfterS * S - answered) / S),
      call_id: o.callId,
      queue: o.queue === undefined ? 'hotel' : o.queue,
      wait_s: o.waitS,
      outcome: answered === null ? 'missed' : 'completed',
      disposition: o.disposition ?? null,
      updated_at: now,
    });
  };
  // hotel: A answered at 10 s (within 20 s), B answered at 32 s, C abandoned after 30 s; D was yesterday; E had no queue.
  call({ startedAgo: 2 * HOUR, waitS: 5, answerAfterS: 5, endAfterS: 65, callId: 'A', disposition: 'booking' });
  call({ startedAgo: 1 * HOUR, waitS: 30, answerAfterS: 2, endAfterS: 102, callId: 'B', disposition: 'inquiry' });
  call({ startedAgo: 30 * MIN, waitS: 10, endAfterS: 20, callId: 'C' });
  call({ startedAgo: 12 * HOUR, waitS: 1, answerAfterS: 1, endAfterS: 30, callId: 'D' });
  call({ startedAgo: 20 * MIN, waitS: 0, answerAfterS: 1, endAfterS: 30, callId: 'E', queue: null, disposition: 'booking' });
  insert('interactions', { id: uuidv7(), channel: 'email', direction: 'in', started_at: now - 3 * HOUR, updated_at: now });

  const other = insert('agents', { id: uuidv7(), name: '李娜', role: 'agent', updated_at: now - HOUR });
  const customerId = (await value<CustomerProfile>(c.invoke('customers.create', { customer: { name: '王伟', phones: ['13812345678'] } }))).customer.id;
  const callback = (o: { start: number; end: number; status?: string; escalated?: boolean; updated?: number }) =>
    insert('callbacks', {
      id: uuidv7(),
      customer_id: customerId,
      phone: '+8613812345678',
      reason: 'other',
      window_start: o.start,
      window_end: o.end,
      time_zone: 'Asia/Shanghai',
      assignee_agent_id: c.seat.agentId,
      status: o.status ?? 'scheduled',
      escalated_at: o.escalated ? now - MIN : null,
      created_at: now - 5 * HOUR,
      updated_at: o.updated ?? now - 5 * HOUR,
    });
  callback({ start: now - 3 * HOUR, end: now - HOUR, escalated: true }); // overdue, escalated
  callback({ start: now - HOUR, end: now + HOUR }); // due
  const onTime = callback({ start: now - 4 * HOUR, end: now - 2 * HOUR, status: 'done', updated: now - 3 * HOUR });
  insert('callback_attempts', { id: uuidv7(), callback_id: onTime, agent_id: c.seat.agentId, at: now - 3 * HOUR, outcome: 'reached', updated_at: now });
  callback({ start: now - 4 * HOUR, end: now - 2 * HOUR, status: 'failed', updated: now - HOUR }); // late

  const complaint = (o: { step: number; slaDue: number; awaiting?: boolean }) =>
    insert('complaints', {
      id: uuidv7(),
      customer_id: customerId,
      current_step: o.step,
      category: 'service',
      opened_at: now - 2 * HOUR,
      sla_due_at: o.slaDue,
      awaiting_approval: o.awaiting ? 1 : 0,
      updated_at: now,
    });
  complaint({ step: 2, slaDue: now - MIN });
  complaint({ step: 4, slaDue: now + HOUR, awaiting: true });
  insert('service_promises', { id: uuidv7(), customer_id: customerId, description: '退差价', due_at: now - HOUR, created_at: now - 2 * HOUR, updated_at: now });
  insert('surveys', { id: uuidv7(), customer_id: customerId, csat: 5, nps: 10, answered_at: now - HOUR, updated_at: now });
  insert('surveys', { id: uuidv7(), customer_id: customerId, csat: 3, nps: 5, answered_at: now - HOUR, updated_at: now });
  return { s, now, other };
}

describe('local wallboard (no hub)', () => {
  it('today’s figures, agents, callbacks, complaints, promises, branch and alerts from the store', async () => {
    const { s, now, other } = await day();
    const snap = await value<WallboardSnapshot>(s.core.invoke('wallboard.get', {}));
    expect(snap).toMatchObject({ source: 'local', at: now, since: Date.UTC(2026, 10, 25, 16, 0, 0) });
    // SL (answered within 20 s of offered, short abandons out): 1 / 3; abandon 1 / 3; ASA (10 + 32) / 2; AHT (60 + 100) / 2.
    expect(snap.centre).toMatchObject({ offered: 3, answered: 2, answeredWithinThreshold: 1, abandoned: 1, serviceLevelNumerator: 1, serviceLevelDenominator: 3, asaS: 21, ahtS: 80, waiting: 0 });
    expect(snap.centre.serviceLevelPct).toBeCloseTo(100 / 3, 6);
    expect(snap.centre.abandonRatePct).toBeCloseTo(100 / 3, 6);
    expect(snap.queues.map((q) => q.queue)).toEqual(['hotel']);
    expect(snap.agents.map((a) => [a.agentId, a.state])).toEqual([
      [s.core.seat.agentId, 'available'],
      [other, 'offline'],
    ]);
    expect(snap.callbacks).toEqual({ due: 1, overdue: 1, escalated: 1 });
    expect(snap.complaints).toEqual({ openByStep: [0, 1, 0, 1, 0, 0], slaBreached: 1, awaitingApproval: 1 });
    expect(snap.promisesOverdue).toBe(1);
    expect(snap.branches).toEqual([{ branchId: 'local', name: null, lastSeenAt: now, pending: expect.any(Number), parked: 0, conflicts: 0 }]);
    expect(snap.alerts.map((a) => a.id)).toEqual(['callback_overdue', 'complaint_sla', 'service_level:centre', 'service_level:queue:hotel']);

    // Settings are the seat's own (seat_meta) without a hub; a stricter grace changes nothing here, a 40 s threshold does.
    const settings = await value<WallboardSnapshot['settings']>(s.core.invoke('wallboard.getSettings', {}));
    await value(s.core.invoke('wallboard.setSettings', { settings: { ...settings, serviceLevelThresholdS: 40 } }));
    const again = await value<WallboardSnapshot>(s.core.invoke('wallboard.get', {}));
    expect(again.centre.answeredWithinThreshold).toBe(2);
    // tick() refreshes the supervisor's board (wallboard.updated) with the alerts' raisedAt kept.
    await s.core.wallboard.tick();
    const updated = s.of<WallboardSnapshot>('wallboard.updated').at(-1)!;
    expect(updated.alerts.find((a) => a.id === 'callback_overdue')?.raisedAt).toBe(now);
  });

  it('agent state commands without a hub: this seat’s agent is applied here, another is not delivered', async () => {
    const { s, other } = await day();
    expect(await value(s.core.invoke('wallboard.setAgentState', { agentId: s.core.seat.agentId, state: 'break' }))).toEqual({ delivered: true });
    expect(s.of<{ state: string; by: string }>('presence.changed').at(-1)).toMatchObject({ state: 'break', by: 'supervisor' });
    expect(await value(s.core.invoke('wallboard.setAgentState', { agentId: other, state: 'offline' }))).toEqual({ delivered: false });
  });

  it('the centre report for today', async () => {
    const { s, now } = await day();
    const from = Date.UTC(2026, 10, 25, 16, 0, 0);
    const report = await value<CentreReport>(s.core.invoke('reports.centre', { from, to: now, intervalMinutes: 60 }));
    expect(report.source).toBe('local');
    expect(report.contactsByChannel).toEqual([
      { key: 'phone', count: 4 },
      { key: 'email', count: 1 },
    ]);
    expect(report.contactsByDisposition).toEqual([
      { key: 'booking', count: 2 },
      { key: null, count: 2 },
      { key: 'inquiry', count: 1 },
    ]);
    expect(report.intervals).toHaveLength(10);
    const busy = report.intervals.filter((r) => r.offered > 0);
    expect(busy.map((r) => [r.label, r.offered, r.answered, r.abandoned])).toEqual([
      ['2026-11-26 07:00', 1, 1, 0],
      ['2026-11-26 08:00', 1, 1, 0],
      ['2026-11-26 09:00', 1, 0, 1],
    ]);
    expect(busy[0]!.serviceLevelPct).toBe(100);
    expect(report.complaintsByCategory).toEqual([{ key: 'service', count: 2 }]);
    expect(report.callbacksOnTime).toEqual({ onTime: 1, late: 1, rate: 0.5 });
    expect(report.csat).toEqual({ responses: 2, mean: 4 });
    expect(report.nps).toEqual({ responses: 2, score: 0 });
    expect(report.churnReasons).toEqual([]);
    expect(await s.core.invoke('reports.centre', { from: now, to: from })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
