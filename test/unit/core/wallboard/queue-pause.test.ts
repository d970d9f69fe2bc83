import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/create-core';
import { parseAmiUrl } from '../../../../electron/core/cti/ami-url';
import type { CtiStatus } from '../../../../shared/contract/call-schemas';
import { sleep, startAmiPeer, waitUntil, type AmiEventRecord, type AmiPeer } from '../../../support/ami-peer';
import { queueStatusAtConnect } from '../../../support/ami-scripts/queue-scenarios';
import { useTempDirs } from '../../../support/temp-dir';
import { seat, value, WallboardHub } from './support';

// The PBX follows the agent's manual state: break / offline → AMI QueuePause Paused true on the
// agent's queue-member interface (every queue: no Queue field), back to available → Paused false.
// Sticky while the AMI link is down; a PBX refusal leaves presence changed and shows in lastError.

const tempDir = useTempDirs();
let peer: AmiPeer | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  await peer?.close();
  core = undefined;
  peer = undefined;
});

type Presence = { state: string; since: number };

/** Answers QueuePause like Asterisk: Success, then a QueueMemberPause per queue the interface is in. */
function answerQueuePause(p: AmiPeer, queues: string[]): void {
  p.listAnswers.queuepause = () => {
    const a = p.actions('QueuePause').at(-1)!;
    const paused = a.fields.Paused === 'true';
    return queues.map((queue) => ({
      Event: 'QueueMemberPause',
      Privilege: 'agent,all',
      Queue: queue,
      MemberName: 'Wang Fang',
      Interface: a.fields.Interface ?? '',
      StateInterface: a.fields.Interface ?? '',
      Membership: 'dynamic',
      Penalty: '0',
      CallsTaken: '0',
      LastCall: '0',
      LastPause: '0',
      LoginTime: '0',
      InCall: '0',
      Status: '1',
      Paused: paused ? '1' : '0',
      PausedReason: paused ? (a.fields.Reason ?? '') : '',
      Ringinuse: '0',
      Wrapuptime: '0',
    }));
  };
}

/** QueueStatus with extension 8001 as a FreePBX Local member in two queues, and another agent. */
function localMemberStatus(actionId: string, paused8001: boolean): AmiEventRecord[] {
  const member = (queue: string, location: string, paused: boolean): AmiEventRecord => ({
    Event: 'QueueMember', ActionID: actionId, Queue: queue, Name: location, Location: location, StateInterface: 'PJSIP/' + location.slice(6, 10),
    Membership: 'dynamic', Penalty: '0', CallsTaken: '0', LastCall: '0', LastPause: '0', LoginTime: '0', InCall: '0', Status: '1',
    Paused: paused ? '1' : '0', PausedReason: paused ? 'phone' : '', Wrapuptime: '0',
  });
  return [
    member('hotel', 'Local/8001@from-queue/n', paused8001),
    member('tours', 'Local/8001@from-queue/n', paused8001),
    member('hotel', 'Local/8002@from-queue/n', false),
    { Event: 'QueueStatusComplete', ActionID: actionId, EventList: 'Complete', ListItems: '3' },
  ];
}

const ctiStatus = (c: Core) => value<CtiStatus>(c.invoke('cti.status', {}));

describe('queue pause follows presence', () => {
  it('Alt+B break pauses the agent’s queue member in every queue, back unpauses; a pause the phone made is not undone at reconnect', async () => {
    peer = await startAmiPeer();
    const p = peer;
    let phonePaused = false;
    p.listAnswers.queuestatus = (id) => localMemberStatus(id, phonePaused);
    answerQueuePause(p, ['hotel', 'tours']);
    const s = seat(tempDir(), { role: 'agent', ami: parseAmiUrl(p.url, '8001') });
    core = s.core;
    await p.waitForAction('QueueSummary', 1, 5_000); // QueueStatus answered and applied
    expect(p.actions('QueuePause')).toEqual([]); // available at start: nothing to do

    expect((await value<Presence>(s.core.invoke('presence.set', { state: 'break' }))).state).toBe('break');
    const pause = await p.waitForAction('QueuePause', 1, 5_000);
    // One action for the interface (no Queue field: all the queues it is in).
    expect(pause.fields).toEqual({ Action: 'QueuePause', ActionID: expect.any(String), Interface: 'Local/8001@from-queue/n', Paused: 'true', Reason: 'kefu:break' });

    expect((await value<Presence>(s.core.invoke('presence.set', { state: 'available' }))).state).toBe('available');
    const unpause = await p.waitForAction('QueuePause', 2, 5_000);
    expect(unpause.fields).toMatchObject({ Interface: 'Local/8001@from-queue/n', Paused: 'false' });
    expect(unpause.fields.Queue).toBeUndefined();
    expect((await ctiStatus(s.core)).lastError).toBeNull();

    // The agent pauses from the phone (*-code); AMI reconnects: our wanted state is available,
    // but that was applied already, so the phone's pause stands.
    phonePaused = true;
    p.dropConnections();
    await p.waitForAction('QueueSummary', 2, 10_000);
    await sleep(200);
    expect(p.actions('QueuePause')).toHaveLength(2);
  });

  it('a supervisor’s forced offline while the AMI link is down is applied after the seat logs in again', async () => {
    peer = await startAmiPeer();
    const p = peer;
    p.listAnswers.queuestatus = (id) => queueStatusAtConnect(id); // PJSIP/8001 not paused
    answerQueuePause(p, ['hotel']);
    const hub = new WallboardHub();
    const s = seat(tempDir(), { role: 'agent', hub, liveSync: true, ami: parseAmiUrl(p.url, '8001') });
    core = s.core;
    await p.waitForAction('QueueSummary', 1, 5_000);
    await waitUntil(() => hub.sockets.length > 0, 2_000, 'the live socket');

    p.refuseConnections = true;
    p.dropConnections();
    await waitUntil(() => s.of<CtiStatus>('cti.statusChanged').at(-1)?.state !== 'connected', 5_000, 'AMI down');
    hub.send({ type: 'command', agentId: s.core.seat.agentId, state: 'offline', by: 'sup-1' });
    await waitUntil(() => s.of<Presence>('presence.changed').at(-1)?.state === 'offline', 2_000, 'presence offline');
    expect(p.actions('QueuePause')).toEqual([]);

    p.refuseConnections = false;
    const pause = await p.waitForAction('QueuePause', 1, 15_000);
    expect(pause.fields).toMatchObject({ Interface: 'PJSIP/8001', Paused: 'true', Reason: 'kefu:offline' });
    // Sent on the new session, after its QueueStatus said the member was not paused.
    expect(pause.session).toBeGreaterThan(1);
    const statusIndex = p.received.findIndex((a) => a.action === 'QueueStatus' && a.session === pause.session);
    expect(statusIndex).toBeGreaterThanOrEqual(0);
    expect(statusIndex).toBeLessThan(p.received.indexOf(pause));
    await sleep(100);
    expect(p.actions('QueuePause')).toHaveLength(1);
    expect((await value<Presence>(s.core.invoke('presence.get', {}))).state).toBe('offline');
  });

  it('a PBX Error answer leaves presence changed, shows in lastError, and is retried at the next login', async () => {
    peer = await startAmiPeer(); // answers QueuePause with Response: Error until told otherwise
    const p = peer;
    p.listAnswers.queuestatus = (id) => queueStatusAtConnect(id);
    const s = seat(tempDir(), { role: 'agent', ami: parseAmiUrl(p.url, '8001') });
    core = s.core;
    await p.waitForAction('QueueSummary', 1, 5_000);

    expect((await value<Presence>(s.core.invoke('presence.set', { state: 'break' }))).state).toBe('break');
    await p.waitForAction('QueuePause', 1, 5_000);
    await waitUntil(() => (s.of<CtiStatus>('cti.statusChanged').at(-1)?.lastError ?? '').includes('QueuePause'), 5_000, 'the refusal in lastError');
    const status = await ctiStatus(s.core);
    expect(status.state).toBe('connected');
    expect(status.lastError).toMatch(/^could not pause extension 8001 in the PBX queues \(kefu:break\): the PBX answered .+ for PJSIP\/8001; will retry at the next login$/);
    expect((await value<Presence>(s.core.invoke('presence.get', {}))).state).toBe('break');

    // Next login: retried (the member is still not paused), and the error goes away.
    answerQueuePause(p, ['hotel']);
    p.dropConnections();
    const retry = await p.waitForAction('QueuePause', 2, 10_000);
    expect(retry.fields).toMatchObject({ Interface: 'PJSIP/8001', Paused: 'true', Reason: 'kefu:break' });
    expect(retry.session).toBeGreaterThan(1);
    // (What remains is the connection's own last word about the dropped link.)
    await waitUntil(() => !(s.of<CtiStatus>('cti.statusChanged').at(-1)?.lastError ?? '').includes('could not pause'), 5_000, 'the pause error cleared');
    expect((await ctiStatus(s.core)).lastError).toBe('connection closed by the PBX');
  });
});
