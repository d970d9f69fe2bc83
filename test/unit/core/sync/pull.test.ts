import type { Database as Db } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../../shared/contract/customer-schemas';
import { parseHlc } from '../../../../shared/sync/hlc';
import { useTempDirs } from '../../../support/temp-dir';
import { FakeHub } from './fake-hub';
import { hlcAt, outbox, remoteCustomer, seatOn, value } from './helpers';

const tempDir = useTempDirs();
const cursorOf = (db: Db) => (db.prepare('SELECT cursor FROM sync_state').get() as { cursor: number }).cursor;
const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('sync pull', () => {
  it('applies another seat\'s changes without re-queuing or auditing them, keeps search fresh, stores the cursor and tells the renderer', async () => {
    const hub = new FakeHub();
    const { core, clock, events } = seatOn(hub, tempDir());
    await core.sync.syncNow(); // our own first changes out of the way
    const { id } = remoteCustomer(hub, clock.now(), '陈静', '13911112222');
    const outboxBefore = outbox(core);
    const auditBefore = count(core.db, 'SELECT count(*) AS n FROM audit_log');
    events.length = 0;
    const status = await core.sync.syncNow();
    expect(status.state).toBe('online');
    expect(core.db.prepare('SELECT name FROM customers WHERE id = ?').get(id)).toEqual({ name: '陈静' });
    expect(outbox(core)).toEqual(outboxBefore);
    expect(count(core.db, 'SELECT count(*) AS n FROM audit_log')).toBe(auditBefore);
    expect(cursorOf(core.db)).toBe(hub.log.length);
    // Derived search terms: by name and by a phone suffix.
    const byPhone = await value<{ items: { id: string }[] }>(core.invoke('customers.search', { query: '1112222' }));
    expect(byPhone.items.map((i) => i.id)).toContain(id);
    const byName = await value<{ items: { id: string }[] }>(core.invoke('customers.search', { query: '陈静' }));
    expect(byName.items.map((i) => i.id)).toContain(id);
    expect(events).toEqual(
      expect.arrayContaining([
        ['sync.pulled', { entities: ['customer_phones', 'customers'] }],
        ['customer.changed', { id }],
      ]),
    );
    // Pulling again changes nothing and sends no duplicate.
    await core.sync.syncNow();
    expect(count(core.db, 'SELECT count(*) AS n FROM customers WHERE id = \'' + id + '\'')).toBe(1);
    core.close();
  });

  it('pulls in bounded batches while hasMore; a crash inside a batch leaves data and cursor as they were', async () => {
    const hub = new FakeHub();
    let crash = true;
    const seat = seatOn(hub, tempDir(), {
      syncTest: {
        pullLimit: 2,
        beforePullCommit: () => {
          if (crash) throw new Error('simulated crash before commit');
        },
      },
    });
    const { core, clock } = seat;
    const a = remoteCustomer(hub, clock.now(), '甲', '13900000001');
    const b = remoteCustomer(hub, clock.now(), '乙', '13900000002');
    const failed = await core.sync.syncNow();
    expect(failed.state).toBe('offline');
    expect(failed.lastError).toBe('sync.errors.internal');
    expect(cursorOf(core.db)).toBe(0);
    expect(count(core.db, `SELECT count(*) AS n FROM customers WHERE id IN ('${a.id}', '${b.id}')`)).toBe(0);
    crash = false;
    const start = hub.requests.length;
    expect((await core.sync.syncNow()).state).toBe('online');
    const pulls = hub.requests.slice(start).filter((r) => r.route === 'pull');
    expect(pulls.length).toBeGreaterThanOrEqual(2);
    expect(count(core.db, `SELECT count(*) AS n FROM customers WHERE id IN ('${a.id}', '${b.id}')`)).toBe(2);
    expect(cursorOf(core.db)).toBe(hub.log.length);
    core.close();
  });

  it('does not overwrite a field this seat changed later and has not pushed yet; applies the rest', async () => {
    const hub = new FakeHub();
    const { core, clock } = seatOn(hub, tempDir());
    const p = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '王伟', city: '北京' } }));
    await core.sync.syncNow();
    const t0 = clock.now();
    clock.advance(60_000);
    // Another seat changed city and occupation 30 s ago.
    hub.add({
      entity: 'customers',
      entityId: p.customer.id,
      op: 'update',
      fields: { city: '上海', occupation: '教师', updated_at: t0 + 30_000 },
      hlc: hlcAt(t0 + 30_000),
      originSeat: 'other-seat',
    });
    // While our pull is in flight, the agent edits the city (a newer HLC, not pushed yet).
    let edited = false;
    hub.onRequest = (route) => {
      if (route === 'pull' && !edited) {
        edited = true;
        void core.invoke('customers.update', { id: p.customer.id, patch: { city: '杭州' } });
      }
    };
    await core.sync.syncNow();
    expect(edited).toBe(true);
    const row = () => core.db.prepare('SELECT city, occupation FROM customers WHERE id = ?').get(p.customer.id);
    expect(row()).toEqual({ city: '杭州', occupation: '教师' });
    const pending = outbox(core);
    expect(pending.map((r) => JSON.parse(r.fields) as Record<string, unknown>)).toEqual([expect.objectContaining({ city: '杭州' })]);

    // A remote change NEWER than our pending one is applied (our push will lose at the hub).
    clock.advance(1000);
    hub.add({
      entity: 'customers',
      entityId: p.customer.id,
      op: 'update',
      fields: { company: '远方旅行社' },
      hlc: hlcAt(clock.now() + 5_000),
      originSeat: 'other-seat',
    });
    let edited2 = false;
    hub.onRequest = (route) => {
      if (route === 'pull' && !edited2) {
        edited2 = true;
        void core.invoke('customers.update', { id: p.customer.id, patch: { company: '本地公司' } });
      }
    };
    await core.sync.syncNow();
    expect(edited2).toBe(true);
    expect(core.db.prepare('SELECT company FROM customers WHERE id = ?').get(p.customer.id)).toEqual({ company: '远方旅行社' });
    core.close();
  });

  it('after our newer change won at the hub, an older change the hub logged before it does not overwrite it here', async () => {
    const hub = new FakeHub();
    const { core, clock } = seatOn(hub, tempDir());
    const p = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '王伟', city: '北京' } }));
    await core.sync.syncNow();
    const t0 = clock.now();
    // Another seat's older edit reaches the hub first…
    hub.add({ entity: 'customers', entityId: p.customer.id, op: 'update', fields: { city: '广州', updated_at: t0 + 1 }, hlc: hlcAt(t0 + 1), originSeat: 'o' });
    // …then ours (newer), which the hub takes (it won); the pull that follows brings the older one.
    clock.advance(1000);
    await value(core.invoke('customers.update', { id: p.customer.id, patch: { city: '深圳', occupation: '律师' } }));
    hub.add({ entity: 'customers', entityId: p.customer.id, op: 'update', fields: { notes: '老客户', updated_at: t0 + 2 }, hlc: hlcAt(t0 + 2), originSeat: 'o' });
    await core.sync.syncNow();
    expect(core.db.prepare('SELECT city, occupation, notes FROM customers WHERE id = ?').get(p.customer.id)).toEqual({
      city: '深圳',
      occupation: '律师',
      notes: '老客户',
    });
    // Our own change came back in the pull (after the older one) and restored our values; it
    // did not go back into the outbox.
    expect(outbox(core)).toEqual([]);
    // A later (winning) change from elsewhere is applied as usual.
    hub.add({ entity: 'customers', entityId: p.customer.id, op: 'update', fields: { city: '厦门' }, hlc: hlcAt(clock.now() + 10), originSeat: 'o' });
    await core.sync.syncNow();
    expect(core.db.prepare('SELECT city FROM customers WHERE id = ?').get(p.customer.id)).toEqual({ city: '厦门' });
    core.close();
  });

  it('merges remote stamps into the seat clock: a later local write stamps after them, even from a seat clock behind the hub', async () => {
    const hub = new FakeHub();
    const { core, clock } = seatOn(hub, tempDir());
    await core.sync.syncNow();
    const ahead = clock.now() + 3_600_000;
    const { id } = remoteCustomer(hub, ahead, '赵磊', '13700001111');
    await core.sync.syncNow();
    await value(core.invoke('customers.update', { id, patch: { city: '南京' } }));
    const local = parseHlc(outbox(core).at(-1)!.hlc);
    expect(local.ms).toBeGreaterThanOrEqual(ahead);
    expect(outbox(core).at(-1)!.hlc > hub.log.at(-1)!.hlc).toBe(true);
    expect(local.node).toBe(core.seat.seatId);
    core.close();
  });

  it('keeps a change it cannot apply yet (a row it does not have, a parent not here yet) and applies it once the row arrives', async () => {
    const hub = new FakeHub();
    const { core, clock } = seatOn(hub, tempDir(), { syncTest: { pullLimit: 1 } });
    await core.sync.syncNow();
    const at = clock.now();
    const id = uuidv7();
    const phoneId = uuidv7();
    // An update of a customer this seat never had, and a phone whose customer is not here yet.
    hub.add({ entity: 'customers', entityId: id, op: 'update', fields: { city: '西安', updated_at: at + 2 }, hlc: hlcAt(at + 2), originSeat: 'o' });
    hub.add({
      entity: 'customer_phones',
      entityId: phoneId,
      op: 'insert',
      fields: { id: phoneId, customer_id: id, e164: '+8613600001234', national: '13600001234', kind: 'mobile', is_primary: 1, updated_at: at },
      hlc: hlcAt(at, 'o', 1),
      originSeat: 'o',
    });
    await core.sync.syncNow();
    expect(core.db.prepare('SELECT entity, entity_id FROM sync_pending ORDER BY server_seq').all()).toEqual([
      { entity: 'customers', entity_id: id },
      { entity: 'customer_phones', entity_id: phoneId },
    ]);
    expect(cursorOf(core.db)).toBe(hub.log.length); // the cursor moves on; the rows wait on the seat
    // The insert arrives (its fields that won the merge: city lost to the newer update above).
    hub.add({
      entity: 'customers',
      entityId: id,
      op: 'insert',
      fields: { id, kind: 'person', name: '孙丽', created_at: at, updated_at: at + 2 },
      hlc: hlcAt(at + 1),
      originSeat: 'o',
    });
    await core.sync.syncNow();
    expect(core.db.prepare('SELECT name, city FROM customers WHERE id = ?').get(id)).toEqual({ name: '孙丽', city: '西安' });
    expect(core.db.prepare('SELECT customer_id FROM customer_phones WHERE id = ?').get(phoneId)).toEqual({ customer_id: id });
    expect(count(core.db, 'SELECT count(*) AS n FROM sync_pending')).toBe(0);
    const found = await value<{ items: { id: string }[] }>(core.invoke('customers.search', { query: '00001234' }));
    expect(found.items.map((i) => i.id)).toContain(id);
    core.close();
  });

  it('skips and logs an invalid pulled change without stopping the loop; a tombstone removes the row from search', async () => {
    const hub = new FakeHub();
    const { core, clock, logs } = seatOn(hub, tempDir());
    await core.sync.syncNow();
    const bad = uuidv7();
    hub.add({ entity: 'customers', entityId: bad, op: 'insert', fields: { id: bad, kind: 'robot', name: 'x', created_at: 1, updated_at: 1 }, hlc: hlcAt(clock.now()), originSeat: 'o' });
    hub.add({ entity: 'no_such_table', entityId: 'x', op: 'insert', fields: { id: 'x' }, hlc: hlcAt(clock.now()), originSeat: 'o' });
    const good = remoteCustomer(hub, clock.now(), '周杰', '13500001111');
    expect((await core.sync.syncNow()).state).toBe('online');
    expect(count(core.db, `SELECT count(*) AS n FROM customers WHERE id = '${bad}'`)).toBe(0);
    expect(count(core.db, `SELECT count(*) AS n FROM customers WHERE id = '${good.id}'`)).toBe(1);
    expect(logs.join('\n')).toMatch(/is invalid \(invalid/);
    expect(logs.join('\n')).toMatch(/unknown table "no_such_table"/);
    expect(cursorOf(core.db)).toBe(hub.log.length);

    const at = clock.now() + 1000;
    hub.add({ entity: 'customers', entityId: good.id, op: 'delete', fields: { deleted_at: at, updated_at: at }, hlc: hlcAt(at), originSeat: 'o' });
    await core.sync.syncNow();
    const found = await value<{ items: { id: string }[] }>(core.invoke('customers.search', { query: '周杰' }));
    expect(found.items.map((i) => i.id)).not.toContain(good.id);
    core.close();
  });
});
