import { afterEach, describe, expect, it } from 'vitest';
import type { CallCard } from '../../../../shared/contract/call-schemas';
import type { Core } from '../../../../electron/core/create-core';
import { waitUntil } from '../../../support/ami-peer';
import { manualClock, useTempDirs } from '../../../support/temp-dir';
import { seat, value, WallboardHub } from './support';

// The seat's agent state: calls drive ringing / on call / wrap-up, the agent sets break, a
// supervisor's command (hub live socket) sets break / available / offline; break survives a restart.

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

type Presence = { state: string; since: number; by?: string };

describe('presence', () => {
  it('follows a call: available → ringing → on_call → wrap_up → available after wrap-up; a missed call leaves no wrap-up', async () => {
    const s = seat(tempDir(), { role: 'agent' });
    open.push(s.core);
    expect(await value<Presence>(s.core.invoke('presence.get', {}))).toEqual({ state: 'available', since: s.clock.now() });

    const callId = 'call-1';
    s.core.cti.inject({ type: 'ringing', callId, from: '13812345678', dnis: null, queue: 'hotel', waitS: 4, at: s.clock.now(), source: 'ami' });
    s.clock.advance(3_000);
    s.core.cti.inject({ type: 'answered', callId, at: s.clock.now() });
    s.clock.advance(60_000);
    s.core.cti.inject({ type: 'ended', callId, at: s.clock.now(), cause: null });
    expect((await value<Presence>(s.core.invoke('presence.get', {}))).state).toBe('wrap_up');
    s.clock.advance(10_000);
    await value<CallCard>(s.core.invoke('calls.wrapUp', { callId, disposition: 'booking', summary: '订房确认' }));

    // A missed call: ringing, then back to available (nothing to wrap up).
    s.core.cti.inject({ type: 'ringing', callId: 'call-2', from: '13900001111', dnis: null, queue: null, waitS: null, at: s.clock.now(), source: 'ami' });
    s.core.cti.inject({ type: 'ended', callId: 'call-2', at: s.clock.now(), cause: null });

    const changes = s.of<Presence>('presence.changed');
    expect(changes.map((p) => [p.state, p.by])).toEqual([
      ['ringing', 'calls'],
      ['on_call', 'calls'],
      ['wrap_up', 'calls'],
      ['available', 'calls'],
      ['ringing', 'calls'],
      ['available', 'calls'],
    ]);
    expect(changes[3]!.since).toBe(changes[2]!.since + 10_000);
  });

  it('break is kept across a restart; a call during break goes back to break; offline at close is not kept', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const a = seat(dir, { role: 'agent', clock });
    const set = await value<Presence>(a.core.invoke('presence.set', { state: 'break' }));
    expect(set).toEqual({ state: 'break', since: clock.now() });
    expect(a.of<Presence>('presence.changed')).toEqual([{ state: 'break', since: clock.now(), by: 'self' }]);
    const breakSince = clock.now();
    a.core.cti.inject({ type: 'ringing', callId: 'c', from: '13812345678', dnis: null, queue: null, waitS: null, at: clock.now(), source: 'simulator' });
    a.core.cti.inject({ type: 'ended', callId: 'c', at: clock.now(), cause: null });
    expect((await value<Presence>(a.core.invoke('presence.get', {}))).state).toBe('break');
    await a.core.close();

    clock.advance(5 * 60_000);
    const b = seat(dir, { role: 'agent', clock });
    open.push(b.core);
    expect(await value<Presence>(b.core.invoke('presence.get', {}))).toEqual({ state: 'break', since: breakSince });
    await value(b.core.invoke('presence.set', { state: 'available' }));
    await b.core.close();
    open.pop();

    const c = seat(dir, { role: 'agent', clock });
    open.push(c.core);
    expect((await value<Presence>(c.core.invoke('presence.get', {}))).state).toBe('available');
    // presence.set accepts only available / break: offline is the supervisor's.
    expect(await c.core.invoke('presence.set', { state: 'offline' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a supervisor command from the hub live socket sets break / offline for this seat’s agent only; offline is kept across a restart', async () => {
    const dir = tempDir();
    const hub = new WallboardHub();
    const s = seat(dir, { role: 'agent', hub, liveSync: true });
    await waitUntil(() => hub.sockets.length > 0, 2_000, 'the live socket');
    hub.send({ type: 'command', agentId: 'someone-else', state: 'break', by: 'sup-1' });
    hub.send({ type: 'command', agentId: s.core.seat.agentId, state: 'break', by: 'sup-1' });
    hub.send({ type: 'command', agentId: s.core.seat.agentId, state: 'offline', by: 'sup-1' });
    expect(s.of<Presence>('presence.changed').map((p) => [p.state, p.by])).toEqual([
      ['break', 'supervisor'],
      ['offline', 'supervisor'],
    ]);
    // An agent seat does not receive wallboard snapshots even if the hub sent one.
    hub.send({ type: 'wallboard', snapshot: { bogus: true } });
    expect(s.of('wallboard.updated')).toEqual([]);
    await s.core.close();
    const again = seat(dir, { role: 'agent' });
    open.push(again.core);
    expect((await value<Presence>(again.core.invoke('presence.get', {}))).state).toBe('offline');
  });
});
