import { describe, expect, it } from 'vitest';
import type { CallbackCounts, CallbackView } from '../../../../shared/contract/callback-schemas';
import type { CallCard } from '../../../../shared/contract/call-schemas';
import { manualClock, useTempDirs } from '../../../support/temp-dir';
import { HOUR, IDS, MIN, T0, openSeat, shanghai, value } from './support';

// The due-reminder engine with an injected clock: one reminder per due moment, across restarts.

const tempDir = useTempDirs();

describe('reminder engine', () => {
  it('fires exactly one reminder per due callback, across a restart of the same store', async () => {
    const clock = manualClock();
    const dir = tempDir();
    let s = openSeat(dir, clock);
    const a = await s.created({ windowStart: T0 + 10 * MIN, windowEnd: T0 + HOUR });
    const b = await s.created({ windowStart: T0 + 20 * MIN, windowEnd: T0 + HOUR });
    const teamQueue = await s.created({ assignee: { kind: 'team', teamId: IDS.t1 }, windowStart: T0 + 10 * MIN, windowEnd: T0 + HOUR });
    const otherTeam = await s.created({ assignee: { kind: 'team', teamId: IDS.t2 }, windowStart: T0 + 10 * MIN, windowEnd: T0 + HOUR });
    expect(s.core.callbacks.scanNow()).toBe(0);

    clock.set(T0 + 15 * MIN);
    expect(s.core.callbacks.scanNow()).toBe(2);
    expect(s.dueEvents().sort()).toEqual([a.id, teamQueue.id].sort());
    expect(s.row(a.id).reminded_at).toBe(clock.now());
    expect(s.outbox(a.id).at(-1)).toMatchObject({ op: 'update', fields: { reminded_at: clock.now() } });
    expect(s.audit(a.id).at(-1)).toBe('callback.remind');
    expect(s.core.callbacks.scanNow()).toBe(0);
    s.core.close();

    clock.set(T0 + 25 * MIN);
    s = openSeat(dir, clock);
    expect(s.core.callbacks.scanNow()).toBe(1);
    expect(s.dueEvents()).toEqual([b.id]);
    s.core.close();

    s = openSeat(dir, clock);
    clock.advance(5 * MIN);
    expect(s.core.callbacks.scanNow()).toBe(0);
    expect(s.dueEvents()).toEqual([]);
    expect(s.row(otherTeam.id).reminded_at).toBeNull();
    s.core.close();
  });

  it('a snoozed reminder fires again once at its time; a rescheduled one once at its new start', async () => {
    const clock = manualClock();
    const s = openSeat(tempDir(), clock);
    const cb = await s.created({ windowStart: T0 + 5 * MIN, windowEnd: T0 + 3 * HOUR });
    clock.set(T0 + 5 * MIN);
    expect(s.core.callbacks.scanNow()).toBe(1);
    await value(s.core.invoke('callbacks.snooze', { id: cb.id, minutes: 10 }));
    clock.advance(9 * MIN);
    expect(s.core.callbacks.scanNow()).toBe(0);
    clock.advance(MIN);
    expect(s.core.callbacks.scanNow()).toBe(1);
    clock.advance(MIN);
    expect(s.core.callbacks.scanNow()).toBe(0);

    await value(s.core.invoke('callbacks.reschedule', { id: cb.id, windowStart: shanghai(14), windowEnd: shanghai(15) }));
    expect(s.row(cb.id)).toMatchObject({ reminded_at: null, snoozed_until: null, window_start: shanghai(14) });
    clock.set(shanghai(13, 59));
    expect(s.core.callbacks.scanNow()).toBe(0);
    clock.set(shanghai(14));
    expect(s.core.callbacks.scanNow()).toBe(1);
    expect(s.core.callbacks.scanNow()).toBe(0);
    expect(s.dueEvents()).toEqual([cb.id, cb.id, cb.id]);
    expect(await s.core.invoke('callbacks.reschedule', { id: cb.id, windowStart: shanghai(23), windowEnd: shanghai(23, 30) })).toMatchObject({
      ok: false,
      error: { message: 'callbacks.refused.window_in_quiet_hours' },
    });
    s.core.close();
  });

  it('escalates an overdue callback once: to the assignee’s team queue, flagged, agent kept', async () => {
    const clock = manualClock();
    const dir = tempDir();
    const s = openSeat(dir, clock);
    const cb = await s.created({ windowStart: T0 + 5 * MIN, windowEnd: T0 + HOUR });
    clock.set(T0 + HOUR + 29 * MIN);
    s.core.callbacks.scanNow();
    expect(s.row(cb.id).escalated_at).toBeNull();
    clock.set(T0 + HOUR + 30 * MIN);
    s.core.callbacks.scanNow();
    expect(s.row(cb.id)).toMatchObject({ escalated_at: clock.now(), assignee_team_id: IDS.t1, assignee_agent_id: s.core.seat.agentId });
    clock.advance(HOUR);
    s.core.callbacks.scanNow();
    expect(s.audit(cb.id).filter((a) => a === 'callback.escalate')).toHaveLength(1);
    expect(s.events.filter((e) => e.event === 'callbacks.countsChanged').at(-1)?.payload).toMatchObject({ overdue: 1, escalated: 1 });
    s.core.close();

    const sup = openSeat(dir, clock, 'supervisor');
    const all = await value<{ items: CallbackView[]; counts: CallbackCounts }>(sup.core.invoke('callbacks.list', { scope: 'all' }));
    expect(all.items).toMatchObject([{ id: cb.id, escalated: true, assigneeTeamName: '酒店预订组', dueState: 'overdue' }]);
    expect(all.counts.escalated).toBe(1);
    sup.core.close();
  });

  it('the missed-call offer creates exactly one callback through the rules, in the number’s zone', async () => {
    // 22:30 in Shanghai: quiet hours, so the callback is due at 09:00 the next morning.
    const clock = manualClock(shanghai(22, 30));
    const s = openSeat(tempDir(), clock);
    const callId = 'missed-1';
    s.core.cti.inject({ type: 'ringing', callId, from: '13812345678', dnis: null, queue: null, waitS: null, at: clock.now(), source: 'ami' });
    s.core.cti.inject({ type: 'ended', callId, at: clock.now(), cause: 'normal' });
    const card = await value<CallCard>(s.core.invoke('calls.acceptCallbackOffer', { callId }));
    await value(s.core.invoke('calls.acceptCallbackOffer', { callId }));
    expect(s.count('SELECT count(*) AS n FROM callbacks')).toBe(1);
    expect(s.row(card.callbackId!)).toMatchObject({
      phone: '+8613812345678',
      reason: 'missed_call',
      time_zone: 'Asia/Shanghai',
      window_start: shanghai(9, 0, 1),
      window_end: shanghai(11, 0, 1),
      assignee_agent_id: s.core.seat.agentId,
    });
    expect(s.events.some((e) => e.event === 'callbacks.changed')).toBe(true);
    s.core.close();
  });
});
