import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { CallCard, CtiStatus } from '../../../../shared/contract/call-schemas';
import type { CustomerProfile, Role } from '../../../../shared/contract/customer-schemas';
import { createCore } from '../../../../electron/core/create-core';
import { manualClock, useTempDirs } from '../../../support/temp-dir';

// Every call is logged without typing: one interaction per call, written at ring and updated
// in place at answer and hang-up; wrap-up, the chooser, quick-create and missed-call callbacks.

const tempDir = useTempDirs();
const HOUR = 3_600_000;

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

function setup(role: Role = 'agent') {
  const clock = manualClock();
  const logs: string[] = [];
  const core = createCore({ dataDir: tempDir(), clock, role, log: (m) => logs.push(m) });
  const events: { event: string; payload: unknown }[] = [];
  core.subscribe((event, payload) => events.push({ event, payload }));
  const cards = (callId: string) => events.filter((e) => e.event === 'call.changed' && (e.payload as CallCard).callId === callId).map((e) => e.payload as CallCard);
  const customer = async (c: Record<string, unknown>) =>
    (await value<CustomerProfile>(core.invoke('customers.create', { customer: c }))).customer.id;
  const ring = (from: string, callId = `c-${uuidv7()}`) => {
    core.cti.inject({ type: 'ringing', callId, from, dnis: '4008001234', queue: 'hotline', waitS: 12, at: clock.now(), source: 'ami' });
    return callId;
  };
  const answer = (callId: string) => core.cti.inject({ type: 'answered', callId, at: clock.now() });
  const hangup = (callId: string) => core.cti.inject({ type: 'ended', callId, at: clock.now(), cause: 'normal' });
  const outbox = (entityId: string) =>
    (core.db.prepare('SELECT entity, op, fields FROM outbox WHERE entity_id = ? ORDER BY seq').all(entityId) as { entity: string; op: string; fields: string }[]).map((r) => ({
      ...r,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
    }));
  const interaction = (id: string) => core.db.prepare('SELECT * FROM interactions WHERE id = ?').get(id) as Record<string, unknown>;
  const status = () => value<CtiStatus>(core.invoke('cti.status', {}));
  return { core, clock, logs, events, cards, customer, ring, answer, hangup, outbox, interaction, status };
}

describe('call logging', () => {
  it('ring → answer → hang-up logs one interaction, updated in place, each step in the outbox', async () => {
    const t = setup();
    const id = await t.customer({ name: '王伟', phones: ['13812345678'] });
    const callId = t.ring('13812345678');
    t.clock.advance(5_000);
    t.answer(callId);
    t.clock.advance(185_400);
    t.hangup(callId);

    const seen = t.cards(callId);
    expect(seen.map((c) => c.state)).toEqual(['ringing', 'answered', 'ended']);
    const card = seen.at(-1)!;
    expect(card).toMatchObject({ missed: false, callbackOffered: false, answeredAt: card.ringAt + 5_000, endedAt: card.ringAt + 190_400 });
    expect(new Set(seen.map((c) => c.interactionId)).size).toBe(1);

    expect(t.core.db.prepare('SELECT count(*) AS n FROM interactions WHERE call_id = ?').get(callId)).toEqual({ n: 1 });
    expect(t.interaction(card.interactionId)).toMatchObject({
      customer_id: id,
      started_at: card.ringAt,
      answered_at: card.ringAt + 5_000,
      ended_at: card.ringAt + 190_400,
      duration_s: 185,
      outcome: 'completed',
      from_number: '+8613812345678',
      to_number: '4008001234',
      queue: 'hotline',
      wait_s: 12,
    });
    const changes = t.outbox(card.interactionId);
    expect(changes.map((c) => `${c.entity}:${c.op}`)).toEqual(['interactions:insert', 'interactions:update', 'interactions:update']);
    expect(changes[1]!.fields).toMatchObject({ answered_at: card.ringAt + 5_000, outcome: 'answered' });
    expect(Object.keys(changes[2]!.fields).sort()).toEqual(['duration_s', 'ended_at', 'outcome', 'updated_at']);
    const audit = t.core.db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY at, rowid').all(card.interactionId);
    expect(audit).toEqual([{ action: 'call.ring' }, { action: 'call.answer' }, { action: 'call.end' }]);

    expect((await value<{ calls: CallCard[] }>(t.core.invoke('calls.active', {}))).calls).toEqual([card]);
    t.core.close();
  });

  it('a hang-up while ringing is a missed call that offers exactly one callback', async () => {
    const t = setup();
    const id = await t.customer({ name: '李娜', phones: ['+852 9123 4567'] });
    const callId = t.ring('+85291234567');
    t.clock.advance(20_000);
    t.hangup(callId);
    const card = t.cards(callId).at(-1)!;
    expect(card).toMatchObject({ state: 'ended', missed: true, callbackOffered: true, callbackId: null, answeredAt: null });
    expect(t.interaction(card.interactionId)).toMatchObject({ outcome: 'missed', duration_s: 0, answered_at: null, ended_at: card.ringAt + 20_000 });

    const now = t.clock.now();
    const accepted = await value<CallCard>(t.core.invoke('calls.acceptCallbackOffer', { callId }));
    expect(accepted.callbackId).toBeTruthy();
    const cb = t.core.db.prepare('SELECT * FROM callbacks WHERE id = ?').get(accepted.callbackId) as Record<string, unknown>;
    expect(cb).toMatchObject({
      customer_id: id,
      phone: '+85291234567',
      reason: 'missed_call',
      window_start: now,
      window_end: now + 2 * HOUR,
      time_zone: 'Asia/Hong_Kong',
      priority: 2,
      assignee_agent_id: t.core.seat.agentId,
      interaction_id: card.interactionId,
      status: 'scheduled',
    });
    expect(t.outbox(accepted.callbackId!).map((c) => `${c.entity}:${c.op}`)).toEqual(['callbacks:insert']);
    expect(t.core.db.prepare('SELECT action FROM audit_log WHERE entity_id = ?').all(accepted.callbackId)).toEqual([{ action: 'callback.create' }]);

    // Accepting again (double click, second window) changes nothing.
    const again = await value<CallCard>(t.core.invoke('calls.acceptCallbackOffer', { callId }));
    expect(again).toEqual(accepted);
    expect(t.core.db.prepare("SELECT count(*) AS n FROM callbacks WHERE reason = 'missed_call'").get()).toEqual({ n: 1 });
    t.core.close();
  });

  it('plans an unknown CN caller’s callback in Shanghai time, and refuses callbacks for answered calls', async () => {
    const t = setup();
    const missed = t.ring('0571 8765 4321');
    t.hangup(missed);
    const card = await value<CallCard>(t.core.invoke('calls.acceptCallbackOffer', { callId: missed }));
    expect(t.core.db.prepare('SELECT customer_id, phone, time_zone FROM callbacks WHERE id = ?').get(card.callbackId)).toEqual({
      customer_id: null,
      phone: '+8657187654321',
      time_zone: 'Asia/Shanghai',
    });
    const answered = t.ring('13900001111');
    t.answer(answered);
    expect(await t.core.invoke('calls.acceptCallbackOffer', { callId: answered })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'errors.notMissedCall' } });
    t.hangup(answered);
    expect(await t.core.invoke('calls.acceptCallbackOffer', { callId: answered })).toMatchObject({ ok: false, error: { message: 'errors.notMissedCall' } });
    // A withheld number cannot be called back: no offer.
    const withheld = t.ring('anonymous');
    t.hangup(withheld);
    expect(t.cards(withheld).at(-1)).toMatchObject({ missed: true, callbackOffered: false });
    expect(await t.core.invoke('calls.acceptCallbackOffer', { callId: withheld })).toMatchObject({ ok: false, error: { message: 'errors.noCallerNumber' } });
    t.core.close();
  });

  it('refuses wrap-up before the call ended and saves it after', async () => {
    const t = setup();
    const callId = t.ring('13812345678');
    t.answer(callId);
    const card = t.cards(callId).at(-1)!;
    const before = t.outbox(card.interactionId).length;
    expect(await t.core.invoke('calls.wrapUp', { callId, disposition: 'booking', summary: '预订西湖店两晚' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'errors.callNotEnded' },
    });
    expect(t.outbox(card.interactionId)).toHaveLength(before);
    expect(await t.core.invoke('calls.wrapUp', { callId, disposition: 'nonsense', summary: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    t.hangup(callId);
    const wrapped = await value<CallCard>(t.core.invoke('calls.wrapUp', { callId, disposition: 'booking', summary: '  预订西湖店两晚 ' }));
    expect(wrapped.wrappedUp).toBe(true);
    expect(t.interaction(card.interactionId)).toMatchObject({ disposition: 'booking', summary: '预订西湖店两晚' });
    expect(t.cards(callId).at(-1)).toEqual(wrapped);
    expect(t.outbox(card.interactionId).at(-1)!.fields).toMatchObject({ disposition: 'booking', summary: '预订西湖店两晚' });
    t.core.close();
  });

  it('links the interaction to the customer the agent chooses', async () => {
    const t = setup();
    const a = await t.customer({ name: '周总', phones: ['057188880000'] });
    const b = await t.customer({ name: '前台', phones: ['057188880000'] });
    const callId = t.ring('057188880000');
    const card = t.cards(callId)[0]!;
    expect(card.match.kind).toBe('choose');
    const chosen = await value<CallCard>(t.core.invoke('calls.chooseCustomer', { callId, customerId: b }));
    expect(chosen.match).toMatchObject({ kind: 'customer', customer: { id: b, name: '前台' } });
    expect(t.interaction(card.interactionId)).toMatchObject({ customer_id: b });
    expect(t.outbox(card.interactionId).at(-1)!.fields).toMatchObject({ customer_id: b });
    expect(await t.core.invoke('calls.chooseCustomer', { callId, customerId: uuidv7() })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'errors.customerNotFound' } });
    expect(t.interaction(card.interactionId)).toMatchObject({ customer_id: b });
    expect(a).toBeTruthy();
    t.core.close();
  });

  it('quick-creates an unknown caller with the number as first phone and links the call', async () => {
    const t = setup();
    const callId = t.ring('+86 138 0000 9999');
    const card = t.cards(callId)[0]!;
    expect(card.match.kind).toBe('unknown');
    const created = await value<CallCard>(t.core.invoke('calls.createCustomer', { callId, customer: { name: '孙悦', city: '杭州', emails: ['sunyue@163.com'] } }));
    if (created.match.kind !== 'customer') throw new Error(created.match.kind);
    const id = created.match.customer.id;
    expect(created.match.customer).toMatchObject({ name: '孙悦', tier: 'lead' });
    expect(t.interaction(card.interactionId)).toMatchObject({ customer_id: id });
    const profile = await value<CustomerProfile>(t.core.invoke('customers.get', { id }));
    expect(profile.phones.map((p) => [p.display, p.isPrimary])).toEqual([['+86 138****9999', true]]);
    expect(t.events.some((e) => e.event === 'customer.changed' && (e.payload as { id: string }).id === id)).toBe(true);
    // The next call from the number finds the new customer.
    expect(t.cards(t.ring('13800009999'))[0]!.match).toMatchObject({ kind: 'customer', customer: { id } });
    // Invalid input: nothing created.
    const n = (t.core.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    expect(await t.core.invoke('calls.createCustomer', { callId, customer: { name: '' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.core.invoke('calls.createCustomer', { callId, customer: { name: 'x', phones: ['13800001111'] } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(t.core.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n });
    t.core.close();
  });

  it('ignores and counts events for calls it never saw ring, and duplicates', async () => {
    const t = setup();
    t.answer('ghost');
    t.hangup('ghost');
    expect((await t.status()).unknownEvents).toBe(2);
    const callId = t.ring('13812345678');
    t.ring('13812345678', callId); // a second ring event for the same call
    t.answer(callId);
    t.answer(callId);
    expect(t.cards(callId).map((c) => c.state)).toEqual(['ringing', 'answered']);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 1 });
    expect((await t.status()).unknownEvents).toBe(2);
    t.core.close();
  });

  it('dismisses ended calls only, and forgets them', async () => {
    const t = setup();
    const callId = t.ring('13812345678');
    expect(await t.core.invoke('calls.dismiss', { callId })).toMatchObject({ ok: false, error: { message: 'errors.callNotEnded' } });
    t.hangup(callId);
    expect(await t.core.invoke('calls.dismiss', { callId })).toEqual({ ok: true, value: {} });
    expect(t.events.at(-1)).toEqual({ event: 'call.dismissed', payload: { callId } });
    expect((await value<{ calls: CallCard[] }>(t.core.invoke('calls.active', {}))).calls).toEqual([]);
    expect(await t.core.invoke('calls.dismiss', { callId })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'errors.callNotFound' } });
    expect(await t.core.invoke('calls.wrapUp', { callId, disposition: 'other', summary: '' })).toMatchObject({ ok: false, error: { message: 'errors.callNotFound' } });
    // A late hang-up for the dismissed call is ignored and counted.
    t.hangup(callId);
    expect((await t.status()).unknownEvents).toBe(1);
    t.core.close();
  });

  it('pops the card even when the write fails, and logs the call once the store works again', async () => {
    const t = setup();
    t.core.db.exec("CREATE TRIGGER boom BEFORE INSERT ON interactions BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const callId = t.ring('13812345678');
    const card = t.cards(callId)[0]!;
    expect(card.state).toBe('ringing');
    expect(t.logs.some((l) => l.includes('could not log call'))).toBe(true);
    t.core.db.exec('DROP TRIGGER boom');
    t.answer(callId);
    expect(t.interaction(card.interactionId)).toMatchObject({ outcome: 'answered', call_id: callId });
    t.hangup(callId);
    expect(t.interaction(card.interactionId)).toMatchObject({ outcome: 'completed' });
    t.core.close();
  });
});

describe('simulator, URL and command-line calls', () => {
  it('simulates ring, answer and hang-up through the same path, with a random demo caller and line', async () => {
    const t = setup();
    const id = await t.customer({ name: '王伟', phones: ['13812345678'] });
    t.core.db.prepare("INSERT INTO phone_lines (id, number, name, updated_at) VALUES (?, '4008001234', '锦程旅游 全国客服热线', 1)").run(uuidv7());
    const { callId } = await value<{ callId: string }>(t.core.invoke('calls.simulate', { action: 'ring' }));
    expect(t.cards(callId)[0]).toMatchObject({ source: 'simulator', dnis: '4008001234', lineName: '锦程旅游 全国客服热线', match: { kind: 'customer', customer: { id } } });
    await value(t.core.invoke('calls.simulate', { action: 'answer', callId }));
    await value(t.core.invoke('calls.simulate', { action: 'hangup', callId }));
    expect(t.cards(callId).map((c) => c.state)).toEqual(['ringing', 'answered', 'ended']);
    expect(await t.core.invoke('calls.simulate', { action: 'answer', callId })).toMatchObject({ ok: false, error: { message: 'errors.callAlreadyEnded' } });
    expect(await t.core.invoke('calls.simulate', { action: 'hangup', callId: 'nope' })).toMatchObject({ ok: false, error: { message: 'errors.callNotFound' } });

    const chosen = await value<{ callId: string }>(t.core.invoke('calls.simulate', { action: 'ring', from: '+852 9123 4567', dnis: '02161234567', queue: 'english' }));
    expect(t.cards(chosen.callId)[0]).toMatchObject({ caller: { country: 'HK' }, dnis: '02161234567', lineName: null, queue: 'english', match: { kind: 'unknown' } });
    expect(await t.core.invoke('calls.simulate', { action: 'ring', from: '138; DROP TABLE' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { from: 'validation.phone' } } });
    t.core.close();
  });

  it('simulates an unknown caller when the store has no customers', async () => {
    const t = setup();
    const { callId } = await value<{ callId: string }>(t.core.invoke('calls.simulate', { action: 'ring' }));
    expect(t.cards(callId)[0]).toMatchObject({ dnis: null, caller: { country: 'CN', area: 'mobile' }, match: { kind: 'unknown' } });
    t.core.close();
  });

  it('delivers URL and command-line calls; the agent marks answer and hang-up', async () => {
    const t = setup();
    const id = await t.customer({ name: '王伟', phones: ['13812345678'] });
    const callId = t.core.cti.deliverIncomingCall({ from: '13812345678', dnis: '4008001234', callId: 'abc', source: 'url' });
    expect(callId).toBe('abc');
    expect(t.cards('abc')[0]).toMatchObject({ source: 'url', match: { kind: 'customer', customer: { id } } });
    expect((await value<CallCard>(t.core.invoke('calls.setState', { callId, state: 'answered' }))).state).toBe('answered');
    expect((await value<CallCard>(t.core.invoke('calls.setState', { callId, state: 'answered' }))).state).toBe('answered');
    t.clock.advance(61_000);
    const ended = await value<CallCard>(t.core.invoke('calls.setState', { callId, state: 'ended' }));
    expect(ended).toMatchObject({ state: 'ended', missed: false });
    expect(t.interaction(ended.interactionId)).toMatchObject({ duration_s: 61, outcome: 'completed' });
    expect(await t.core.invoke('calls.setState', { callId, state: 'answered' })).toMatchObject({ ok: false, error: { message: 'errors.callAlreadyEnded' } });

    const generated = t.core.cti.deliverIncomingCall({ from: '+8613812345678', source: 'cli' });
    expect(generated).toMatch(/^cli-/);
    expect(t.cards(generated)[0]).toMatchObject({ source: 'cli', dnis: null });
    expect(() => t.core.cti.deliverIncomingCall({ from: 'javascript:alert(1)', source: 'url' })).toThrow('errors.invalidIncomingCall');
    expect(() => t.core.cti.deliverIncomingCall({ from: '138', callId: 'a b', source: 'cli' })).toThrow('errors.invalidIncomingCall');
    t.core.close();
  });

  it('keeps at most 100 ended cards, dropping the oldest', () => {
    const t = setup();
    const ids = Array.from({ length: 105 }, () => {
      const id = t.ring('13812345678');
      t.hangup(id);
      return id;
    });
    const live = t.ring('13812345678');
    const dismissed = t.events.filter((e) => e.event === 'call.dismissed').map((e) => (e.payload as { callId: string }).callId);
    expect(dismissed).toEqual(ids.slice(0, 5));
    expect(() => t.core.cti.inject({ type: 'answered', callId: live, at: t.clock.now() })).not.toThrow();
    t.core.close();
  });

  it('stops handling events once closed', async () => {
    const t = setup();
    await t.core.close();
    expect(() => t.ring('13812345678')).not.toThrow();
    expect(() => t.core.cti.deliverIncomingCall({ from: '13812345678', source: 'url' })).not.toThrow();
  });
});
