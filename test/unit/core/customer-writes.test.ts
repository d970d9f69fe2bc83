import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { createCore, type Core } from '../../../electron/core/create-core';
import { manualClock, useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

function outbox(core: Core) {
  return core.db.prepare('SELECT seq, entity, entity_id, op, fields, hlc FROM outbox ORDER BY seq').all() as {
    seq: number; entity: string; entity_id: string; op: string; fields: string; hlc: string;
  }[];
}

describe('customer writes', () => {
  it('creates a customer with its row, outbox change and audit row in one go', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock(), role: 'supervisor' });
    const before = outbox(core).length;
    const p = await value<CustomerProfile>(
      core.invoke('customers.create', { customer: { name: '王伟', phones: ['138 1234 5678'], emails: ['Wang.Wei@Example.com'] } }),
    );
    expect(p.customer.name).toBe('王伟');
    expect(p.phones.map((x) => x.display)).toEqual(['138 1234 5678']);
    expect(p.emails.map((x) => x.display)).toEqual(['wang.wei@example.com']);
    const changes = outbox(core).slice(before);
    expect(changes.map((c) => `${c.entity}:${c.op}`)).toEqual(['customers:insert', 'customer_phones:insert', 'customer_emails:insert']);
    expect(JSON.parse(changes[0]!.fields)).toMatchObject({ id: p.customer.id, name: '王伟' });
    const audit = core.db.prepare("SELECT action, entity, entity_id FROM audit_log WHERE entity_id = ? AND action = 'customer.create'").all(p.customer.id);
    expect(audit).toHaveLength(1);
    core.close();
  });

  it('records only the changed fields of an update, with increasing seq and HLC even if the clock steps back', async () => {
    const clock = manualClock();
    const core = createCore({ dataDir: tempDir(), clock });
    const p = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '李娜' } }));
    clock.advance(-60_000);
    await value(core.invoke('customers.update', { id: p.customer.id, patch: { city: '杭州', name: '李娜' } }));
    const all = outbox(core);
    const last = all.at(-1)!;
    expect(last.op).toBe('update');
    expect(Object.keys(JSON.parse(last.fields)).sort()).toEqual(['city', 'updated_at']);
    for (let i = 1; i < all.length; i++) {
      expect(all[i]!.seq).toBeGreaterThan(all[i - 1]!.seq);
      expect(all[i]!.hlc > all[i - 1]!.hlc).toBe(true);
    }
    core.close();
  });

  it('rejects invalid input with field messages and changes nothing', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock() });
    const p = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '张敏' } }));
    const before = outbox(core).length;
    const r = await core.invoke('customers.update', { id: p.customer.id, patch: { emails: ['not-an-email'], name: '' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'patch.emails.0': 'validation.email', 'patch.name': 'validation.required' } } });
    expect(outbox(core).length).toBe(before);
    const again = await value<CustomerProfile>(core.invoke('customers.get', { id: p.customer.id }));
    expect(again.customer.name).toBe('张敏');
    core.close();
  });

  it('rolls the whole write back when a later part of it fails', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock(), log: () => {} });
    const p = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '陈静' } }));
    const before = outbox(core).length;
    // The customer row changes first, then inserting the phone fails like a full disk would.
    core.db.exec("CREATE TRIGGER boom BEFORE INSERT ON customer_phones BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const r = await core.invoke('customers.update', { id: p.customer.id, patch: { city: '成都', phones: ['13900001111'] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(outbox(core).length).toBe(before);
    expect((await value<CustomerProfile>(core.invoke('customers.get', { id: p.customer.id }))).customer.city).toBeNull();
    core.close();
  });

  it('refuses to overwrite an edit made since the editor loaded the profile', async () => {
    const clock = manualClock();
    const core = createCore({ dataDir: tempDir(), clock });
    const p = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '杨帆' } }));
    clock.advance(1000);
    await value(core.invoke('customers.update', { id: p.customer.id, patch: { city: '北京' } }));
    const r = await core.invoke('customers.update', { id: p.customer.id, patch: { city: '上海' }, baseUpdatedAt: p.customer.updatedAt });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    core.close();
  });

  it('masks contacts for agents and audits every reveal', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock(), role: 'agent' });
    const p = await value<CustomerProfile>(core.invoke('customers.create', { customer: { name: '赵磊', phones: ['13812345678'], emails: ['zhaolei@163.com'] } }));
    expect(p.phones[0]).toMatchObject({ masked: true });
    expect(p.phones[0]!.display).not.toContain('1234');
    expect(p.emails[0]!.display).not.toBe('zhaolei@163.com');
    const revealed = await value<{ phones: string[]; emails: string[] }>(core.invoke('customers.revealContacts', { id: p.customer.id }));
    expect(revealed).toEqual({ phones: ['138 1234 5678'], emails: ['zhaolei@163.com'] });
    const reads = core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'read_personal_data' AND entity_id = ?").get(p.customer.id) as { n: number };
    expect(reads.n).toBe(1);
    core.close();
  });

  it('keeps the seat identity and data across restarts', async () => {
    const dir = tempDir();
    const first = createCore({ dataDir: dir, clock: manualClock() });
    const p = await value<CustomerProfile>(first.invoke('customers.create', { customer: { name: '黄丽' } }));
    const seat = first.seat.seatId;
    first.close();
    const second = createCore({ dataDir: dir, clock: manualClock() });
    expect(second.seat.seatId).toBe(seat);
    expect((await value<CustomerProfile>(second.invoke('customers.get', { id: p.customer.id }))).customer.name).toBe('黄丽');
    second.close();
  });

  it('answers unknown channels and ids with coded errors', async () => {
    const core = createCore({ dataDir: tempDir(), clock: manualClock() });
    expect(await core.invoke('customers.drop', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.invoke('customers.get', { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    core.close();
    expect(await core.invoke('session.get', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
