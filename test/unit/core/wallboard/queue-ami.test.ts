import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/create-core';
import { parseAmiUrl } from '../../../../electron/core/cti/ami-url';
import type { WallboardSnapshot } from '../../../../shared/contract/wallboard-schemas';
import { WallboardEvent, type QueueLeg } from '../../../../shared/sync/wallboard-protocol';
import { queueCall, startAmiPeer, waitUntil, type AmiPeer } from '../../../support/ami-peer';
import { DEFAULT_START_S } from '../../../support/ami-scripts/ami-script';
import { QueueScript, queueAbandon, queueStatusAtConnect } from '../../../support/ami-scripts/queue-scenarios';
import { useTempDirs } from '../../../support/temp-dir';
import { seat, value, WallboardHub } from './support';

// The PBX queue tracker inside the AMI source: QueueStatus at login, every queue event fed to it,
// its finished legs and waiting callers reported to the hub and shown on the local board.

const tempDir = useTempDirs();
let peer: AmiPeer | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  await peer?.close();
  core = undefined;
  peer = undefined;
});

describe('queue tracker on the AMI source', () => {
  it('QueueStatus at login, then an abandoned and an answered queue call: legs and waiting callers to the hub and the local board', async () => {
    peer = await startAmiPeer();
    peer.listAnswers.queuestatus = (id) => queueStatusAtConnect(id);
    const hub = new WallboardHub();
    const s = seat(tempDir(), { hub, ami: parseAmiUrl(peer.url, '8001') });
    core = s.core;
    await peer.waitForAction('QueueStatus', 1, 5_000);
    await peer.waitForAction('QueueSummary', 1, 5_000);

    await peer.replay(queueAbandon({ queue: 'hotel', from: '13911112222', waitS: 30 }));
    await peer.replay(queueCall({ from: '13800001111', dnis: null, queue: 'hotel', extension: '8002', waitS: 8, answered: true, talkS: 40 }));
    const legs = (): QueueLeg[] => hub.events.flatMap((e) => (e.type === 'queue_legs' ? e.legs : []));
    await waitUntil(() => {
      void s.core.wallboard.tick();
      return legs().length >= 2;
    }, 5_000, 'two queue legs at the hub');
    const [abandoned, answered] = legs();
    expect(abandoned).toMatchObject({ queue: 'hotel', answeredAt: null, abandonedAt: expect.any(Number), waitS: 30 });
    expect(answered).toMatchObject({ queue: 'hotel', answeredAt: expect.any(Number), talkS: 40 });
    // The two callers QueueStatus listed, waiting 75 s and 12 s before the seat connected.
    const live = hub.events.filter((e) => e.type === 'queue_live').at(-1);
    // Each with the tracker's call id (the QueueEntry's Linkedid), so the hub counts a caller once
    // however many seats behind the PBX report it.
    expect(live).toEqual({
      type: 'queue_live',
      waiting: [
        { queue: 'hotel', joinedAt: s.clock.now() - 75_000, callId: '1795654700.161' },
        { queue: 'hotel', joinedAt: s.clock.now() - 12_000, callId: '1795654763.162' },
      ],
    });
    expect(WallboardEvent.safeParse(live).success).toBe(true);

    // No sync yet (not online): the supervisor's board is local, with the tracker's legs and waiting callers.
    const snap = await value<WallboardSnapshot>(s.core.invoke('wallboard.get', {}));
    expect(snap.queues.find((q) => q.queue === 'hotel')?.figures).toMatchObject({ offered: 2, answered: 1, abandoned: 1, waiting: 2, longestWaitS: 75 });

    // A caller joining now (QueueCallerJoin): the next waiting list carries its Linkedid too.
    const script = new QueueScript(DEFAULT_START_S + 1000);
    script.join(script.customer('13700009999'), 'hotel', 3);
    const linkedid = script.events.find((e) => e.Event === 'QueueCallerJoin')?.Linkedid;
    expect(linkedid).toEqual(expect.any(String));
    await peer.replay(script.events);
    const lastLive = () => hub.events.filter((e) => e.type === 'queue_live').at(-1);
    await waitUntil(() => {
      void s.core.wallboard.tick();
      const l = lastLive();
      return l?.type === 'queue_live' && l.waiting.length === 3;
    }, 5_000, 'the joined caller in queue_live');
    const third = lastLive();
    expect(third?.type === 'queue_live' ? third.waiting.at(-1) : null).toEqual({ queue: 'hotel', joinedAt: expect.any(Number), callId: linkedid });
  });

  it('no AMI, no tracker: nothing about queues is sent', async () => {
    const hub = new WallboardHub();
    const s = seat(tempDir(), { hub });
    core = s.core;
    await s.core.wallboard.tick();
    expect(hub.events.map((e) => e.type)).toEqual(['presence', 'health']);
  });
});
