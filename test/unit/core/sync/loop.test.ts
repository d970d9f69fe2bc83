import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/contract/sync-schemas';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../electron/core/sync/backoff';
import type { LiveConnect } from '../../../../electron/core/sync/hub-client';
import { useTempDirs } from '../../../support/temp-dir';
import { FakeHub } from './fake-hub';
import { outbox, remoteCustomer, seatOn, value } from './helpers';

const tempDir = useTempDirs();

async function until(what: string, fn: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('sync backoff', () => {
  it('grows exponentially with full jitter between 1 s and 5 min', () => {
    const ceilings = [1, 2, 3, 5, 8, 9, 12, 20, 50].map((n) => backoffDelay(n, () => 1));
    expect(ceilings).toEqual([2_000, 4_000, 8_000, 32_000, 256_000, 300_000, 300_000, 300_000, 300_000]);
    for (let n = 1; n < 40; n++) {
      expect(backoffDelay(n, () => 0)).toBe(DEFAULT_BACKOFF.baseMs);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(n);
        expect(d).toBeGreaterThanOrEqual(1_000);
        expect(d).toBeLessThanOrEqual(300_000);
      }
    }
    // Jitter: many seats failing at the same moment do not retry in lockstep.
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(6)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('sync loop', () => {
  const fast = { backoff: { baseMs: 10, capMs: 40 }, pollIntervalMs: 60_000, debounceMs: 20 };

  it('retries on its own after a failure, with no new write, until the outbox drains', async () => {
    const hub = new FakeHub();
    hub.fail('push', 'network', 3);
    const { core, events } = seatOn(hub, tempDir(), { syncIntervalMs: 60_000, syncTest: fast });
    await until('online', () => core.sync.status().state === 'online');
    expect(outbox(core)).toEqual([]);
    const states = events.filter(([e]) => e === 'sync.statusChanged').map(([, p]) => p as SyncStatus);
    const offline = states.find((s) => s.state === 'offline')!;
    expect(offline).toMatchObject({ lastError: 'sync.errors.offline' });
    expect(offline.nextRetryAt).not.toBeNull();
    expect(states.at(-1)).toMatchObject({ state: 'online', lastError: null, nextRetryAt: null, pending: 0 });
    core.close();
  });

  it('pushes soon after a local write (debounced), without being asked', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir(), { syncIntervalMs: 60_000, syncTest: fast });
    await until('first sync', () => core.sync.status().state === 'online');
    const pushesBefore = hub.requests.filter((r) => r.route === 'push').length;
    for (const name of ['王伟', '李娜', '张敏']) await value(core.invoke('customers.create', { customer: { name } }));
    await until('pushed', () => outbox(core).length === 0 && hub.log.some((c) => c.entity === 'customers'));
    // Three writes in one debounce window → one push.
    expect(hub.requests.filter((r) => r.route === 'push').length - pushesBefore).toBe(1);
    core.close();
  });

  it('pulls when the live socket says something changed; falls back to polling when it drops, and reconnects', async () => {
    const hub = new FakeHub();
    const { core, clock } = seatOn(hub, tempDir(), {
      syncIntervalMs: 60_000,
      syncTest: { ...fast, connectLive: hub.connectLive, pollIntervalMs: 30 },
    });
    await until('first sync', () => core.sync.status().state === 'online');
    const a = remoteCustomer(hub, clock.now(), '甲');
    await until('live pull', () => !!core.db.prepare('SELECT 1 FROM customers WHERE id = ?').get(a.id));
    hub.dropSockets();
    // With the socket down, the 30 ms poll still picks up changes.
    const b = remoteCustomer(hub, clock.now(), '乙', '13900000009');
    await until('poll pull', () => !!core.db.prepare('SELECT 1 FROM customers WHERE id = ?').get(b.id));
    core.close();
  });

  it('checks the hub as soon as a live socket that was up drops, so the line says offline without waiting for the poll', async () => {
    const hub = new FakeHub();
    // The network goes away: the socket drops and cannot reconnect, requests fail.
    let reachable = true;
    const connectLive: LiveConnect = (url, token, handlers) => {
      if (reachable) return hub.connectLive(url, token, handlers);
      queueMicrotask(() => handlers.onClose('connect ECONNREFUSED'));
      return { close: () => undefined };
    };
    // The poll is a minute away: only the drop itself can make the seat look.
    const { core } = seatOn(hub, tempDir(), { syncIntervalMs: 60_000, syncTest: { ...fast, connectLive } });
    await until('first sync', () => core.sync.status().state === 'online');
    reachable = false;
    hub.fail('pull', 'network', 1000);
    hub.dropSockets();
    await until('offline', () => core.sync.status().state === 'offline', 2_000);
    expect(core.sync.status().lastError).toBe('sync.errors.offline');
    core.close();
  });

  it('stops cleanly with a request in flight: nothing touches the closed store', async () => {
    const hub = new FakeHub();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: typeof hub.fetch = async (url, init) => {
      await gate;
      return hub.fetch(url, init);
    };
    const { core, logs } = seatOn(hub, tempDir(), { syncTest: { fetch: slow } });
    const p = core.sync.syncNow().catch((e: unknown) => e);
    await core.close();
    release();
    await p;
    expect(logs.filter((l) => /sync failed|database connection is not open/.test(l))).toEqual([]);
  });
});
