import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/create-core';
import type { CustomerProfile } from '../../../../shared/contract/customer-schemas';
import type { ParkedChange, SyncStatus } from '../../../../shared/contract/sync-schemas';
import { PROTOCOL_VERSION, type PushRequest } from '../../../../shared/sync/protocol';
import { useTempDirs } from '../../../support/temp-dir';
import { FakeHub } from './fake-hub';
import { outbox, remoteCustomer, seatOn, value } from './helpers';

const cursorOf = (core: Core) => (core.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: number }).cursor;

const tempDir = useTempDirs();

describe('sync push', () => {
  it('sends the outbox in seq order with protocol, schema and seat id, and trims only what the hub acknowledged', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir());
    for (const name of ['王伟', '李娜', '张敏']) await value(core.invoke('customers.create', { customer: { name } }));
    const before = outbox(core);
    expect(before.length).toBeGreaterThanOrEqual(4);
    hub.ackAtMost = 2;
    const first = hub.requests.length;
    // One cycle keeps pushing the rest while the hub acknowledges part of each batch.
    const status = await core.sync.syncNow();
    const pushes = hub.requests.slice(first).filter((r) => r.route === 'push').map((r) => r.body as PushRequest);
    expect(pushes[0]).toMatchObject({ protocol: PROTOCOL_VERSION, schema: core.db.pragma('user_version', { simple: true }), seatId: core.seat.seatId });
    expect(pushes[0]!.changes.map((c) => c.seq)).toEqual(before.map((r) => r.seq));
    expect(pushes[1]!.changes[0]!.seq).toBe(before[2]!.seq);
    expect(outbox(core)).toEqual([]);
    expect(status).toMatchObject({ state: 'online', pending: 0, lastError: null });
    expect(hub.log.map((c) => c.entityId)).toEqual(before.map((r) => r.entity_id));
    core.close();
  });

  it('reports the pull cursor it has applied with each push, not the end of a pull answer it lost', async () => {
    const hub = new FakeHub();
    const { core, clock } = seatOn(hub, tempDir());
    remoteCustomer(hub, clock.now());
    await core.sync.syncNow();
    const applied = hub.log.length;
    expect(cursorOf(core)).toBe(applied);
    // The hub sends the next change but the answer is lost: the seat never applied it.
    remoteCustomer(hub, clock.now() + 1, '李娜', '13600002222');
    hub.fail('pull', 'drop');
    expect((await core.sync.syncNow()).state).toBe('offline');
    expect(cursorOf(core)).toBe(applied);
    await value(core.invoke('customers.create', { customer: { name: '王伟' } }));
    const pushesBefore = hub.pushedCursors.length;
    expect((await core.sync.syncNow()).state).toBe('online');
    expect(hub.pushedCursors.slice(pushesBefore)).toEqual([applied]);
    // The pull after that push applied everything, our own change included.
    expect(cursorOf(core)).toBe(hub.log.length);
    await value(core.invoke('customers.create', { customer: { name: '张敏' } }));
    const afterPull = hub.log.length;
    await core.sync.syncNow();
    expect(hub.pushedCursors.at(-1)).toBe(afterPull);
    core.close();
  });

  it('keeps unacknowledged changes: a partial ack trims the head only', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir(), { syncTest: { pushLimit: 3 } });
    for (const name of ['王伟', '李娜', '张敏', '刘洋']) await value(core.invoke('customers.create', { customer: { name } }));
    const all = outbox(core);
    hub.ackAtMost = 2;
    hub.fail('push', 'network', 1, 1); // the second push of the cycle gets no answer
    const status = await core.sync.syncNow();
    expect(status).toMatchObject({ state: 'offline', pending: all.length - 2 });
    expect(outbox(core).map((r) => r.seq)).toEqual(all.slice(2).map((r) => r.seq));
    const ok = await core.sync.syncNow();
    expect(ok.state).toBe('online');
    expect(outbox(core)).toEqual([]);
    expect(hub.log.map((c) => c.entityId)).toEqual(all.map((r) => r.entity_id));
    core.close();
  });

  it('an answer lost after the hub committed is harmless: the retry duplicates nothing and then trims', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir());
    await value(core.invoke('customers.create', { customer: { name: '王伟', phones: ['13812345678'] } }));
    const before = outbox(core);
    hub.fail('push', 'drop');
    const failed = await core.sync.syncNow();
    expect(failed).toMatchObject({ state: 'offline', lastError: 'sync.errors.offline', pending: before.length });
    expect(failed.nextRetryAt).toBeGreaterThan(0);
    expect(hub.log).toHaveLength(before.length); // the hub did apply them
    expect(outbox(core)).toHaveLength(before.length); // but the seat never heard so
    const ok = await core.sync.syncNow();
    expect(ok).toMatchObject({ state: 'online', pending: 0, lastError: null, nextRetryAt: null });
    expect(hub.log).toHaveLength(before.length); // nothing applied twice
    core.close();
  });

  it('parks a change the hub refuses for good, shows it in sync.parked, and does not block the ones behind it', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir());
    await value(core.invoke('customers.create', { customer: { name: '王伟' } }));
    const bad = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '拒绝' } }));
    await value(core.invoke('customers.create', { customer: { name: '张敏' } }));
    hub.reject = (c) => (c.entityId === bad.customer.id && c.op === 'insert' ? { code: 'forbidden', reason: 'not your branch' } : null);
    const status = await core.sync.syncNow();
    expect(status).toMatchObject({ state: 'online', pending: 0, parked: 1 });
    const parked = await value<{ items: ParkedChange[] }>(core.invoke('sync.parked', {}));
    expect(parked.items).toHaveLength(1);
    expect(parked.items[0]).toMatchObject({ entity: 'customers', entityId: bad.customer.id, op: 'insert', code: 'forbidden', reason: 'not your branch' });
    expect(parked.items[0]!.fields).toContain('name');
    expect(hub.log.map((c) => c.entityId)).not.toContain(bad.customer.id);
    expect(hub.log.filter((c) => c.entity === 'customers')).toHaveLength(2);
    // Later writes still flow.
    await value(core.invoke('customers.update', { id: bad.customer.id, patch: { city: '杭州' } }));
    expect((await core.sync.syncNow()).pending).toBe(0);
    core.close();
  });

  it('426 → update_required: stops, keeps the outbox, schedules no retry', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir());
    await value(core.invoke('customers.create', { customer: { name: '王伟' } }));
    const n = outbox(core).length;
    hub.fail('push', { status: 426, code: 'update_required' });
    const status = await core.sync.syncNow();
    expect(status).toMatchObject({ state: 'update_required', lastError: 'sync.errors.updateRequired', nextRetryAt: null, pending: n });
    expect(outbox(core)).toHaveLength(n);
    core.close();
  });

  it('401 → unauthorized, retried rarely', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir(), { sync: { hubUrl: 'http://hub.test', token: 'a-revoked-token-0000000' } });
    const status = await core.sync.syncNow();
    expect(status).toMatchObject({ state: 'unauthorized', lastError: 'sync.errors.unauthorized' });
    expect(status.nextRetryAt! - Date.UTC(2026, 10, 26, 2, 0, 0)).toBe(5 * 60_000);
    core.close();
  });

  it('409 sequence_gap: the head the hub already has is trimmed; an outbox starting after what the hub expects is logged loudly and kept', async () => {
    const hub = new FakeHub();
    const { core, logs } = seatOn(hub, tempDir());
    for (const name of ['王伟', '李娜']) await value(core.invoke('customers.create', { customer: { name } }));
    const all = outbox(core);
    // The hub says it already has the first two (an answer that was lost, and a hub that answers the gap).
    hub.fail('push', { status: 409, code: 'sequence_gap', expectedSeq: all[2]!.seq });
    hub.lastSeq.set(core.seat.seatId, all[1]!.seq);
    const status = await core.sync.syncNow();
    expect(status).toMatchObject({ state: 'online', pending: 0 });
    expect(hub.log.map((c) => c.entityId)).toEqual(all.slice(2).map((r) => r.entity_id));

    // Now the seat's outbox lost changes the hub never got (should never happen): loud log, outbox kept.
    await value(core.invoke('customers.create', { customer: { name: '张敏' } }));
    await value(core.invoke('customers.create', { customer: { name: '刘洋' } }));
    const next = outbox(core);
    core.db.prepare('DELETE FROM outbox WHERE seq = ?').run(next[0]!.seq);
    const stuck = await core.sync.syncNow();
    expect(stuck).toMatchObject({ state: 'offline', lastError: 'sync.errors.sequenceGap', pending: next.length - 1 });
    expect(logs.join('\n')).toMatch(/SYNC DATA WARNING: the hub expects seq/);
    core.close();
  });

  it('halves the batch when the hub says it is too large', async () => {
    const hub = new FakeHub();
    const { core } = seatOn(hub, tempDir(), { syncTest: { pushLimit: 4 } });
    for (const name of ['王伟', '李娜', '张敏', '刘洋']) await value(core.invoke('customers.create', { customer: { name } }));
    hub.fail('push', { status: 413, code: 'too_large' });
    const start = hub.requests.length;
    expect((await core.sync.syncNow()).pending).toBe(0);
    const sizes = hub.requests.slice(start).filter((r) => r.route === 'push').map((r) => (r.body as PushRequest).changes.length);
    expect(sizes[0]).toBe(4);
    expect(sizes[1]).toBe(2);
    core.close();
  });

  it('status: off without settings; configure turns it on and emits statusChanged; configure(null) turns it off', async () => {
    const hub = new FakeHub();
    const { core, events } = seatOn(hub, tempDir(), { sync: undefined });
    expect(await value<SyncStatus>(core.invoke('sync.status', {}))).toMatchObject({ state: 'off', hubUrl: null });
    expect(await value(core.invoke('sync.getSettings', {}))).toEqual({ hubUrl: null, hasToken: false });
    const configured = await value<SyncStatus>(core.invoke('sync.configure', { settings: { hubUrl: 'http://hub.test/', token: hub.token } }));
    expect(configured).toMatchObject({ state: 'syncing', hubUrl: 'http://hub.test' });
    expect(await value(core.invoke('sync.getSettings', {}))).toEqual({ hubUrl: 'http://hub.test', hasToken: true });
    const now = await value<SyncStatus>(core.invoke('sync.now', {}));
    expect(now).toMatchObject({ state: 'online', pending: 0, clockOffsetMs: 0 });
    expect(now.lastSyncAt).toBe(Date.UTC(2026, 10, 26, 2, 0, 0));
    const states = events.filter(([e]) => e === 'sync.statusChanged').map(([, p]) => (p as SyncStatus).state);
    expect(states).toEqual(expect.arrayContaining(['syncing', 'online']));
    expect(await value<SyncStatus>(core.invoke('sync.configure', { settings: null }))).toMatchObject({ state: 'off', hubUrl: null });
    // Agents may not configure.
    core.close();
    const agent = seatOn(hub, tempDir(), { role: 'agent' });
    expect(await agent.core.invoke('sync.configure', { settings: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    agent.core.close();
  });

  it('sync.conflicts asks the hub: unavailable while sync is off or the hub cannot be reached', async () => {
    const hub = new FakeHub();
    const off = seatOn(hub, tempDir(), { sync: null });
    expect(await off.core.invoke('sync.conflicts', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'sync.errors.off' } });
    off.core.close();
    const { core } = seatOn(hub, tempDir());
    expect(await value(core.invoke('sync.conflicts', {}))).toEqual({ conflicts: [] });
    hub.fail('conflicts', 'network');
    expect(await core.invoke('sync.conflicts', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'sync.errors.offline' } });
    core.close();
  });

  it('warns once when the seat clock is more than two minutes off the hub', async () => {
    const hub = new FakeHub();
    const { core, clock, logs } = seatOn(hub, tempDir());
    hub.serverTime = () => clock.now() + 10 * 60_000;
    const status = await core.sync.syncNow();
    expect(status.clockOffsetMs).toBe(10 * 60_000);
    await core.sync.syncNow();
    expect(logs.filter((l) => /clock is 600 s off/.test(l))).toHaveLength(1);
    core.close();
  });
});
