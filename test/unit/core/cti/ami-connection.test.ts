import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT_POLICY, reconnectDelayMs } from '../../../../electron/core/cti/ami/ami-backoff';
import { AmiConnection, type AmiConnectionState } from '../../../../electron/core/cti/ami/ami-connection';
import { AmiMessage } from '../../../../electron/core/cti/ami/ami-message';
import { PendingActions } from '../../../../electron/core/cti/ami/ami-pending-actions';
import type { AmiTimers } from '../../../../electron/core/cti/ami/ami-timers';
import { startAmiPeer, waitUntil, type AmiPeer } from '../../../support/ami-peer';

/** Timers the test fires by hand. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: AmiTimers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, count: () => pending.size };
}

const msg = (r: Record<string, string>) => AmiMessage.fromRecord(r);

describe('reconnect backoff', () => {
  it('doubles from 0.5 s to a 30 s ceiling, with equal jitter (never below half)', () => {
    const low = [0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => reconnectDelayMs(n, DEFAULT_RECONNECT_POLICY, () => 0));
    const high = [0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => reconnectDelayMs(n, DEFAULT_RECONNECT_POLICY, () => 1));
    expect(high).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(low).toEqual(high.map((h) => h / 2));
    expect(reconnectDelayMs(1e6, DEFAULT_RECONNECT_POLICY)).toBeLessThanOrEqual(30_000);
  });
});

describe('pending actions', () => {
  it('matches Responses by ActionID in any order and times out the silent ones', async () => {
    const { timers, advance, count } = manualTimers();
    const pending = new PendingActions(timers);
    const a = pending.expectResponse('kefu-1', 'Ping', 100);
    const b = pending.expectResponse('kefu-2', 'Originate', 100);
    const c = pending.expectResponse('kefu-3', 'Ping', 100);
    expect(pending.accept(msg({ Response: 'Error', ActionID: 'kefu-2', Message: 'Originate failed' }))).toBe(true);
    expect(pending.accept(msg({ Response: 'Success', ActionID: 'kefu-1' }))).toBe(true);
    expect(pending.accept(msg({ Response: 'Success', ActionID: 'someone-else' }))).toBe(false);
    expect(pending.accept(msg({ Event: 'Hangup', ActionID: 'kefu-3' }))).toBe(false); // an event is not a response
    await expect(b).resolves.toMatchObject({ response: 'Error' });
    await expect(a).resolves.toMatchObject({ response: 'Success' });
    advance(100);
    await expect(c).rejects.toThrow('AMI Ping got no response within 100 ms');
    expect(count()).toBe(0);
    expect(pending.size).toBe(0);
  });

  it('collects a list action up to its Complete event, and rejects everything on disconnect', async () => {
    const { timers } = manualTimers();
    const pending = new PendingActions(timers);
    const list = pending.expectList('kefu-9', 'CoreShowChannels', 1000);
    pending.accept(msg({ Response: 'Success', ActionID: 'kefu-9', EventList: 'start' }));
    pending.accept(msg({ Event: 'CoreShowChannel', ActionID: 'kefu-9', Uniqueid: '1.1' }));
    pending.accept(msg({ Event: 'CoreShowChannel', ActionID: 'kefu-9', Uniqueid: '1.2' }));
    pending.accept(msg({ Event: 'CoreShowChannelsComplete', ActionID: 'kefu-9', EventList: 'Complete', ListItems: '2' }));
    const result = await list;
    expect(result.events.map((e) => e.get('Uniqueid'))).toEqual(['1.1', '1.2']);

    const lost = pending.expectResponse('kefu-10', 'Ping', 1000);
    pending.rejectAll(new Error('AMI connection closed'));
    await expect(lost).rejects.toThrow('AMI connection closed');
  });
});

describe('AMI connection', () => {
  const servers: Server[] = [];
  const peers: AmiPeer[] = [];
  const connections: AmiConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((c) => c.stop()));
    await Promise.all(peers.splice(0).map((p) => p.close()));
    for (const s of servers.splice(0)) s.close();
  });

  it('gives up on a server that accepts TCP but never sends a banner, and retries', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const states: Array<[AmiConnectionState, string | null]> = [];
    const conn = new AmiConnection(
      { host: '127.0.0.1', port, username: 'kefu', secret: 'x', loginTimeoutMs: 80, reconnect: { minMs: 10, maxMs: 20 } },
      { onEvent: () => {}, onStateChange: (s, e) => void states.push([s, e]) },
    );
    connections.push(conn);
    conn.start();
    await waitUntil(() => sockets.length >= 2, 1_000, 'a second attempt');
    expect(states[0]).toEqual(['connecting', null]);
    expect(states).toContainEqual(['disconnected', `no login answer from 127.0.0.1:${port} within 80 ms`]);
    for (const s of sockets) s.destroy();
  });

  it('reads the banner, routes events only after login, and exposes the banner', async () => {
    const p = await startAmiPeer({ username: 'kefu', secret: 's', banner: 'Asterisk Call Manager/7.0.3' });
    peers.push(p);
    const events: string[] = [];
    const conn = new AmiConnection({ host: p.host, port: p.port, username: 'kefu', secret: 's' }, {
      onEvent: (e) => void events.push(e.event ?? ''),
      onStateChange: () => {},
    });
    connections.push(conn);
    conn.start();
    await waitUntil(() => conn.state === 'connected', 1_000, 'connected');
    expect(conn.banner).toBe('Asterisk Call Manager/7.0.3');
    await waitUntil(() => events.includes('FullyBooted'), 1_000, 'FullyBooted');
    const pong = await conn.sendAction('Ping');
    expect(pong.get('Ping')).toBe('Pong');
    await expect(conn.sendAction('Originate', { Exten: '1\r\nAction: Command' })).rejects.toThrow(/line break/);
  });
});
