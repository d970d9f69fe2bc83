import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { CallCard } from '../../../../shared/contract/call-schemas';
import type { CustomerProfile, Role } from '../../../../shared/contract/customer-schemas';
import { createCore } from '../../../../electron/core/create-core';
import { manualClock, useTempDirs } from '../../../support/temp-dir';

// The card a ring pops: who is calling and what the agent needs in the first three seconds.

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

function setup(role: Role = 'agent') {
  const clock = manualClock();
  const core = createCore({ dataDir: tempDir(), clock, role, log: () => {} });
  const cards: CallCard[] = [];
  core.subscribe((event, payload) => {
    if (event === 'call.changed') cards.push(payload as CallCard);
  });
  const now = clock.now();
  const insert = (table: string, row: Record<string, string | number | null>) => {
    const cols = Object.keys(row);
    core.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(row));
  };
  const customer = async (c: Record<string, unknown>) =>
    (await value<CustomerProfile>(core.invoke('customers.create', { customer: c }))).customer.id;
  const booking = (customerId: string, b: { startsAt: number; endsAt: number; status?: string; bookedAt?: number; amount?: number; margin?: number; product?: string }) => {
    const id = uuidv7();
    insert('bookings', {
      id,
      customer_id: customerId,
      kind: 'hotel',
      status: b.status ?? 'confirmed',
      product: b.product ?? '杭州西湖店 大床房',
      reference: `R${id.slice(-6)}`,
      starts_at: b.startsAt,
      ends_at: b.endsAt,
      booked_at: b.bookedAt ?? now - 30 * DAY,
      amount_cents: b.amount ?? 100_000,
      margin_cents: b.margin ?? 20_000,
      updated_at: now,
    });
    return id;
  };
  const interaction = (row: Record<string, string | number | null>) => {
    const id = uuidv7();
    insert('interactions', { id, channel: 'phone', direction: 'in', started_at: now - DAY, updated_at: now, ...row });
    return id;
  };
  const ring = (from: string, extra: Partial<{ callId: string; dnis: string | null; queue: string | null; waitS: number | null }> = {}) => {
    const callId = extra.callId ?? `c-${uuidv7()}`;
    core.cti.inject({ type: 'ringing', callId, from, dnis: extra.dnis ?? null, queue: extra.queue ?? null, waitS: extra.waitS ?? null, at: clock.now(), source: 'ami' });
    return cards.filter((c) => c.callId === callId).at(-1)!;
  };
  return { core, clock, now, cards, insert, customer, booking, interaction, ring };
}

describe('screen pop: one customer', () => {
  it('pops the full card at once, before the interaction is written', async () => {
    const t = setup();
    const id = await t.customer({ name: '王伟', gender: 'male', phones: ['138 1234 5678'], language: 'zh-CN', preferredChannel: 'wechat', marketingConsent: true });
    // 12-month profit ≥ ¥20,000 → platinum.
    t.booking(id, { startsAt: t.now - 200 * DAY, endsAt: t.now - 198 * DAY, status: 'completed', bookedAt: t.now - 210 * DAY, amount: 9_000_000, margin: 2_500_000 });
    const stay = t.booking(id, { startsAt: t.now - DAY, endsAt: t.now + DAY, product: '锦程酒店·杭州西湖店 湖景房' });
    const soon = t.booking(id, { startsAt: t.now + 3 * DAY, endsAt: t.now + 5 * DAY });
    t.booking(id, { startsAt: t.now + 8 * DAY, endsAt: t.now + 9 * DAY }); // beyond 7 days
    t.booking(id, { startsAt: t.now + DAY, endsAt: t.now + 2 * DAY, status: 'cancelled' });
    t.insert('customer_preferences', { id: uuidv7(), customer_id: id, category: 'pillow', value: '荞麦枕', updated_at: t.now });
    t.insert('phone_lines', { id: uuidv7(), number: '057187654321', name: '锦程酒店·杭州西湖店 预订热线', updated_at: t.now });

    let rowsAtEmit = -1;
    t.core.subscribe((event, payload) => {
      if (event === 'call.changed' && (payload as CallCard).state === 'ringing')
        rowsAtEmit = (t.core.db.prepare('SELECT count(*) AS n FROM interactions WHERE id = ?').get((payload as CallCard).interactionId) as { n: number }).n;
    });
    const card = t.ring('+8613812345678', { dnis: '057187654321', queue: 'vip', waitS: 7 });

    expect(rowsAtEmit).toBe(0); // the card went out before the write
    expect(card).toMatchObject({
      state: 'ringing',
      source: 'ami',
      caller: { masked: true, country: 'CN', area: 'mobile' },
      dnis: '057187654321',
      lineName: '锦程酒店·杭州西湖店 预订热线',
      queue: 'vip',
      waitS: 7,
      missed: false,
      callbackOffered: false,
      callbackId: null,
      wrappedUp: false,
    });
    expect(card.caller.display).toBe('138****5678');
    if (card.match.kind !== 'customer') throw new Error(card.match.kind);
    const c = card.match.customer;
    expect(c).toMatchObject({ id, name: '王伟', gender: 'male', tier: 'platinum', vip: true, language: 'zh-CN', preferredChannel: 'wechat', doNotContact: false, marketingConsent: true, credit: null });
    expect(c.profit12mCents).toBe(2_500_000 + 3 * 20_000);
    expect(c.clvCents).toBeGreaterThan(0);
    expect(c.travellingNow.map((b) => b.id)).toEqual([stay]);
    expect(c.arrivingSoon.map((b) => b.id)).toEqual([soon]);
    expect(c.preferences).toEqual([{ category: 'pillow', value: '荞麦枕' }]);
    // …and the interaction is there right after.
    const row = t.core.db.prepare('SELECT * FROM interactions WHERE id = ?').get(card.interactionId) as Record<string, unknown>;
    expect(row).toMatchObject({ customer_id: id, channel: 'phone', direction: 'in', agent_id: t.core.seat.agentId, call_id: card.callId, from_number: '+8613812345678', to_number: '057187654321', queue: 'vip', wait_s: 7, outcome: 'ringing', started_at: t.now });
    t.core.close();
  });

  it('matches the number however the PBX presents it, and falls back to national digits', async () => {
    const t = setup();
    const id = await t.customer({ name: '李娜', phones: ['021-6123 4567'] });
    for (const from of ['02161234567', '+86 21 6123 4567', '862161234567', '00862161234567']) {
      const card = t.ring(from);
      expect(card.match.kind, from).toBe('customer');
      expect(card.caller).toMatchObject({ country: 'CN', area: '上海' });
    }
    // A short code saved as-is (no valid E.164) still matches on its digits.
    const bank = await t.customer({ name: '某银行客服' });
    t.insert('customer_phones', { id: uuidv7(), customer_id: bank, e164: '95588', national: '95588', kind: 'other', updated_at: t.now });
    const card = t.ring('95588');
    expect(card.match).toMatchObject({ kind: 'customer', customer: { id: bank } });
    expect(card.caller).toMatchObject({ display: '***88', country: null, area: null });
    expect(id).toBeTruthy();
    t.core.close();
  });

  it('VIP by a vip preference row; lifecycle and tier from the bookings', async () => {
    const t = setup();
    const id = await t.customer({ name: '陈静', phones: ['13900001111'] });
    t.insert('customer_preferences', { id: uuidv7(), customer_id: id, category: 'vip', value: '集团总经理贵宾', updated_at: t.now });
    const card = t.ring('13900001111');
    expect(card.match).toMatchObject({ kind: 'customer', customer: { tier: 'lead', vip: true, lifecycle: 'exploration', clvCents: 0 } });
    const plain = await t.customer({ name: '张敏', phones: ['13900002222'] });
    expect(t.ring('13900002222').match).toMatchObject({ kind: 'customer', customer: { id: plain, vip: false } });
    t.core.close();
  });

  it('shows open complaints with their SLA state, due callbacks, promises and the last five contacts', async () => {
    const t = setup();
    const id = await t.customer({ name: '赵磊', phones: ['13700001111'], doNotContact: true });
    const complaint = (step: number, slaDueAt: number | null, status = 'open') => {
      const cid = uuidv7();
      t.insert('complaints', { id: cid, customer_id: id, status, current_step: step, category: 'staff', severity: 'high', opened_at: t.now - 2 * DAY + step, sla_due_at: slaDueAt, updated_at: t.now });
      return cid;
    };
    const breached = complaint(2, t.now - 1);
    const dueSoon = complaint(3, t.now + 2 * HOUR);
    const ok = complaint(4, t.now + 2 * HOUR + 1);
    const noSla = complaint(1, null);
    complaint(6, t.now - DAY, 'closed');
    const callback = (start: number, end: number, status = 'scheduled') => {
      const cbid = uuidv7();
      t.insert('callbacks', { id: cbid, customer_id: id, phone: '+8613700001111', reason: 'complaint_follow_up', window_start: start, window_end: end, time_zone: 'Asia/Shanghai', status, created_at: t.now, updated_at: t.now });
      return cbid;
    };
    const overdueCb = callback(t.now - 5 * HOUR, t.now - HOUR);
    const dueCb = callback(t.now + 23 * HOUR, t.now + 25 * HOUR);
    callback(t.now + 25 * HOUR, t.now + 26 * HOUR); // not due yet
    callback(t.now - 5 * HOUR, t.now - HOUR, 'done');
    const promise = (dueAt: number, status = 'open') => {
      const pid = uuidv7();
      t.insert('service_promises', { id: pid, customer_id: id, description: '三个工作日内退还差价', due_at: dueAt, status, created_at: t.now - DAY, updated_at: t.now });
      return pid;
    };
    const overduePromise = promise(t.now - HOUR);
    const duePromise = promise(t.now + 7 * DAY);
    promise(t.now + 7 * DAY + 1);
    promise(t.now - HOUR, 'kept');
    const contacts = Array.from({ length: 7 }, (_, i) => t.interaction({ customer_id: id, started_at: t.now - (i + 1) * DAY, agent_id: t.core.seat.agentId, disposition: 'inquiry' }));

    const card = t.ring('13700001111');
    if (card.match.kind !== 'customer') throw new Error(card.match.kind);
    const c = card.match.customer;
    expect(c.openComplaints.map((x) => [x.id, x.step, x.slaState])).toEqual([
      [noSla, 1, 'ok'],
      [breached, 2, 'breached'],
      [dueSoon, 3, 'due_soon'],
      [ok, 4, 'ok'],
    ]);
    expect(c.callbacksDue.map((x) => [x.id, x.overdue])).toEqual([
      [overdueCb, true],
      [dueCb, false],
    ]);
    expect(c.promisesDue.map((x) => [x.id, x.overdue])).toEqual([
      [overduePromise, true],
      [duePromise, false],
    ]);
    expect(c.lastContacts.map((x) => x.id)).toEqual(contacts.slice(0, 5));
    expect(c.lastContacts[0]).toMatchObject({ channel: 'phone', direction: 'in', agentName: 'Seat agent', disposition: 'inquiry' });
    expect(c.doNotContact).toBe(true);
    t.core.close();
  });

  it('warns on credit: overdue, poor rating, limit nearly used; not for a sound account', async () => {
    const t = setup();
    const credit = async (phone: string, limit: number, rating: string, overdue: number, confirmedCents = 0) => {
      const id = await t.customer({ name: `某公司${phone.slice(-4)}`, kind: 'organisation', phones: [phone] });
      t.insert('credit_standings', { customer_id: id, limit_cents: limit, rating, overdue_cents: overdue, updated_at: t.now });
      if (confirmedCents) t.booking(id, { startsAt: t.now + 20 * DAY, endsAt: t.now + 22 * DAY, amount: confirmedCents });
      const card = t.ring(phone);
      if (card.match.kind !== 'customer') throw new Error(card.match.kind);
      return card.match.customer.credit;
    };
    expect(await credit('02188880001', 10_000_000, 'A', 0)).toEqual({ limitCents: 10_000_000, overdueCents: 0, rating: 'A', currency: 'CNY', warning: false });
    expect(await credit('02188880002', 10_000_000, 'A', 1)).toMatchObject({ warning: true });
    expect(await credit('02188880003', 10_000_000, 'CC', 0)).toMatchObject({ warning: true });
    expect(await credit('02188880004', 10_000_000, 'ccc', 0)).toMatchObject({ warning: true });
    expect(await credit('02188880005', 10_000_000, 'B', 0, 9_000_000)).toMatchObject({ warning: true });
    expect(await credit('02188880006', 10_000_000, 'B', 0, 8_900_000)).toMatchObject({ warning: false });
    t.core.close();
  });
});

describe('screen pop: several customers or none', () => {
  it('offers a chooser ranked by last contact, then tier, then name', async () => {
    const t = setup();
    const shared = '0571 8888 0000';
    const a = await t.customer({ name: '周总', phones: [shared] });
    const b = await t.customer({ name: '前台', phones: [shared] });
    const c = await t.customer({ name: '财务', phones: ['13811112222', shared] });
    const d = await t.customer({ name: '阿里', phones: [shared] });
    const gone = await t.customer({ name: '离职员工', phones: [shared] });
    t.core.db.prepare("UPDATE customers SET deleted_at = 1 WHERE id = ?").run(gone);
    t.core.db.prepare("UPDATE customers SET tier = 'gold' WHERE id = ?").run(d);
    t.core.db.prepare("UPDATE customers SET tier = 'platinum' WHERE id = ?").run(a);
    t.interaction({ customer_id: b, started_at: t.now - HOUR });
    t.interaction({ customer_id: c, started_at: t.now - 3 * DAY });
    t.core.db.prepare('UPDATE customers SET last_contact_at = ? WHERE id = ?').run(t.now - 2 * DAY, c); // cached, newer
    const card = t.ring('057188880000');
    if (card.match.kind !== 'choose') throw new Error(card.match.kind);
    expect(card.match.candidates.map((x) => [x.name, x.lastContactAt])).toEqual([
      ['前台', t.now - HOUR],
      ['财务', t.now - 2 * DAY],
      ['周总', null], // platinum
      ['阿里', null], // gold
    ]);
    expect(card.match.candidates[1]).toMatchObject({ id: c, matchedField: 'phone', phone: '138****2222', tier: 'lead' });
    // The interaction is linked to nobody until the agent chooses.
    expect(t.core.db.prepare('SELECT customer_id FROM interactions WHERE id = ?').get(card.interactionId)).toEqual({ customer_id: null });
    t.core.close();
  });

  it('shows an unknown caller with the region and earlier unlinked calls from that number', async () => {
    const t = setup();
    const known = await t.customer({ name: '王伟', phones: ['13812345678'] });
    for (let i = 1; i <= 12; i++) t.interaction({ from_number: '+85291234567', started_at: t.now - i * DAY, outcome: i % 2 ? 'missed' : 'completed', duration_s: i % 2 ? 0 : 60 * i });
    t.interaction({ from_number: '+85291234567', customer_id: known, started_at: t.now - HOUR }); // linked: not "unknown"
    t.interaction({ from_number: '+85291234567', channel: 'sms', started_at: t.now - 2 * HOUR });
    t.interaction({ from_number: '+85291234568', started_at: t.now - 2 * HOUR });
    const card = t.ring('+852 9123 4567');
    if (card.match.kind !== 'unknown') throw new Error(card.match.kind);
    expect(card.caller).toEqual({ display: '+852 ******67', masked: true, country: 'HK', area: 'mobile' });
    expect(card.match.earlierCalls).toHaveLength(10);
    expect(card.match.earlierCalls[0]).toEqual({ at: t.now - DAY, outcome: 'missed', durationS: 0 });
    expect(card.match.earlierCalls[1]).toEqual({ at: t.now - 2 * DAY, outcome: 'completed', durationS: 120 });
    // This call is logged as one more unknown call from the number.
    const again = t.ring('+85291234567');
    expect(again.match.kind === 'unknown' && again.match.earlierCalls[0]).toEqual({ at: t.now, outcome: 'ringing', durationS: null });
    t.core.close();
  });

  it('handles a withheld caller id', () => {
    const t = setup();
    const card = t.ring('anonymous');
    expect(card.caller).toEqual({ display: '', masked: true, country: null, area: null });
    expect(card.match).toEqual({ kind: 'unknown', earlierCalls: [] });
    expect(t.core.db.prepare('SELECT from_number FROM interactions WHERE id = ?').get(card.interactionId)).toEqual({ from_number: null });
    t.core.close();
  });
});

describe('screen pop: masking by role', () => {
  it('masks the caller for agents and shows it to supervisors and admins, auditing that read', async () => {
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      const t = setup(role);
      await t.customer({ name: '王伟', phones: ['021 6123 4567'] });
      const card = t.ring('+862161234567');
      const audits = (t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'read_personal_data' AND entity = 'interactions' AND entity_id = ?").get(card.interactionId) as { n: number }).n;
      if (role === 'agent') {
        expect(card.caller).toMatchObject({ display: '021****4567', masked: true });
        expect(audits).toBe(0);
      } else {
        expect(card.caller).toMatchObject({ display: '021 6123 4567', masked: false });
        expect(audits).toBe(1);
      }
      t.core.close();
    }
  });
});

describe('screen pop: query plans', () => {
  it('reads the card with index lookups only, even on a store never ANALYZEd', async () => {
    const t = setup();
    await t.customer({ name: '王伟', phones: ['13812345678'] });
    await t.customer({ name: '周总', phones: ['057188880000'] });
    await t.customer({ name: '前台', phones: ['057188880000'] });
    const plans: string[] = [];
    const original = t.core.db.prepare.bind(t.core.db);
    // Every statement the ring path prepares (statements are cached per connection, so ring
    // once on a fresh core and look at what was prepared).
    t.core.db.prepare = ((sql: string) => {
      if (/^\s*SELECT/i.test(sql)) plans.push(...(original(`EXPLAIN QUERY PLAN ${sql}`).all(...Array((sql.match(/\?/g) ?? []).length).fill('x')) as { detail: string }[]).map((r) => `${r.detail}  ‹${sql.replace(/\s+/g, ' ').slice(0, 60)}›`));
      return original(sql);
    }) as typeof t.core.db.prepare;
    t.ring('13812345678', { dnis: '4008001234' });
    t.ring('13900000000');
    t.ring('057188880000');
    t.core.db.prepare = original;
    if (process.env.SHOW_PLANS) console.log(plans.join("\n"));
    expect(plans.length).toBeGreaterThan(8);
    const scans = plans.filter((p) => /^SCAN /.test(p));
    expect(scans).toEqual([]);
    for (const table of ['complaints', 'callbacks', 'service_promises'])
      expect(plans.find((p) => p.startsWith(`SEARCH ${table} `)), table).toMatch(/USING INDEX \w+_customer \(customer_id=\?\)/);
    t.core.close();
  });
});
