import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/create-core';
import type { WallboardSnapshot } from '../../../../shared/contract/wallboard-schemas';
import { waitUntil } from '../../../support/ami-peer';
import { useTempDirs } from '../../../support/temp-dir';
import { seat, value, WallboardHub } from './support';

// Reporting to the hub (POST /v1/wallboard/events) and the supervisor's channels through it.

const tempDir = useTempDirs();
const open: Core[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

describe('wallboard with a hub', () => {
  it('posts presence on every change and presence + health with the heartbeat; a failure retries with backoff, logged once', async () => {
    const hub = new WallboardHub();
    const logs: string[] = [];
    const s = seat(tempDir(), { role: 'agent', hub, log: (m) => logs.push(m) });
    open.push(s.core);
    const agentId = s.core.seat.agentId;
    await s.core.wallboard.tick();
    expect(hub.events).toEqual([
      { type: 'presence', agentId, agentName: 'Seat agent', state: 'available', since: s.clock.now() },
      { type: 'health', pending: expect.any(Number), parked: 0 },
    ]);
    expect(hub.requests.at(-1)?.body).toMatchObject({ seatId: s.core.seat.seatId });

    await value(s.core.invoke('presence.set', { state: 'break' }));
    await waitUntil(() => hub.events.length === 3, 2_000, 'the presence event');
    expect(hub.events[2]).toMatchObject({ type: 'presence', state: 'break' });

    hub.down = true;
    await value(s.core.invoke('presence.set', { state: 'available' }));
    await s.core.wallboard.tick(); // still backing off: no new request
    await s.core.wallboard.tick();
    expect(logs.filter((l) => l.includes('could not report'))).toHaveLength(1);
    hub.down = false;
    s.clock.advance(10 * 60_000);
    await s.core.wallboard.tick();
    // The latest presence and health only (live state), delivered once.
    expect(hub.events.slice(3)).toEqual([
      { type: 'presence', agentId, agentName: 'Seat agent', state: 'available', since: expect.any(Number) },
      { type: 'health', pending: expect.any(Number), parked: 0 },
    ]);
    expect(logs.some((l) => l.includes('takes events again'))).toBe(true);

    // Offline at close, best effort.
    await s.core.close();
    open.pop();
    await waitUntil(() => hub.events.at(-1)?.type === 'presence' && (hub.events.at(-1) as { state: string }).state === 'offline', 2_000, 'offline');
  });

  it('supervisor: wallboard.get, settings, agent state and reports go to the hub once it is online; local before', async () => {
    const hub = new WallboardHub();
    const s = seat(tempDir(), { hub });
    open.push(s.core);
    const local = await value<WallboardSnapshot>(s.core.invoke('wallboard.get', {}));
    expect(local.source).toBe('local'); // not synced yet: the hub is not known to be online
    await s.core.sync.syncNow();
    hub.answers['GET /v1/wallboard'] = { ...local, source: 'hub' };
    hub.answers['PUT /v1/wallboard/settings'] = { ...local.settings, serviceLevelThresholdS: 30 };
    hub.answers['GET /v1/wallboard/settings'] = { ...local.settings, serviceLevelThresholdS: 30 };
    hub.answers['POST /v1/agents/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/state'] = { delivered: true };
    expect((await value<WallboardSnapshot>(s.core.invoke('wallboard.get', {}))).source).toBe('hub');
    expect(await value(s.core.invoke('wallboard.setSettings', { settings: { ...local.settings, serviceLevelThresholdS: 30 } }))).toMatchObject({ serviceLevelThresholdS: 30 });
    expect(hub.requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ serviceLevelThresholdS: 30 });
    expect(await value(s.core.invoke('wallboard.setAgentState', { agentId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', state: 'offline' }))).toEqual({ delivered: true });
    expect(hub.requests.find((r) => r.path === '/v1/agents/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/state')?.body).toEqual({ state: 'offline' });
    // The hub has no report route here (404): the seat falls back to its own store.
    const report = await value<{ source: string }>(s.core.invoke('reports.centre', { from: s.clock.now() - 3_600_000, to: s.clock.now() }));
    expect(report.source).toBe('local');
    expect(hub.requests.some((r) => r.path.startsWith('/v1/reports/centre?from='))).toBe(true);
  });

  it('a wallboard snapshot on the live socket reaches a supervisor seat as wallboard.updated', async () => {
    const hub = new WallboardHub();
    const s = seat(tempDir(), { hub, liveSync: true });
    open.push(s.core);
    await waitUntil(() => hub.sockets.length > 0, 2_000, 'the live socket');
    const snapshot = { ...(await value<WallboardSnapshot>(s.core.invoke('wallboard.get', {}))), source: 'hub' };
    hub.send({ type: 'wallboard', snapshot });
    expect(s.of<WallboardSnapshot>('wallboard.updated').at(-1)).toEqual(snapshot);
  });
});
