import type { CallbackView } from '../../../../shared/contract/callback-schemas';
import type { CustomerProfile, Role } from '../../../../shared/contract/customer-schemas';
import { createCore } from '../../../../electron/core/create-core';
import type { manualClock } from '../../../support/temp-dir';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** 2026-11-26 10:00 in Shanghai (manualClock's default start, 02:00 UTC). */
export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
/** A Shanghai wall-clock time on 2026-11-26 (+ days). */
export const shanghai = (h: number, m = 0, days = 0) => Date.UTC(2026, 10, 26 + days, h - 8, m);

export async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Fixed ids (uuid v7 shaped, as the contract's Id requires). */
export const IDS = {
  t1: '01900000-0000-7000-8000-000000000011',
  t2: '01900000-0000-7000-8000-000000000012',
  a2: '01900000-0000-7000-8000-000000000022',
  a3: '01900000-0000-7000-8000-000000000023',
  s1: '01900000-0000-7000-8000-000000000031',
  k1: '01900000-0000-7000-8000-000000000041',
  k2: '01900000-0000-7000-8000-000000000042',
} as const;

export type Clock = ReturnType<typeof manualClock>;

/**
 * A seat whose agent is in team t1 with a teammate (agent a2); agent a3 is in team t2.
 * The reminder timer is off: tests scan with core.callbacks.scanNow().
 */
export function openSeat(dataDir: string, clock: Clock, role: Role = 'agent') {
  const core = createCore({ dataDir, clock, role, reminderIntervalMs: 0, log: () => {} });
  const events: { event: string; payload: unknown }[] = [];
  core.subscribe((event, payload) => events.push({ event, payload }));
  const db = core.db;
  if (!db.prepare('SELECT 1 FROM teams WHERE id = ?').get(IDS.t1)) {
    db.prepare('INSERT INTO teams (id, name, updated_at) VALUES (?, ?, 1), (?, ?, 1)').run(IDS.t1, '酒店预订组', IDS.t2, '会员服务组');
    db.prepare("INSERT INTO agents (id, name, role, team_id, updated_at) VALUES (?, '李娜', 'agent', ?, 1), (?, '张伟', 'agent', ?, 1), (?, '王主管', 'supervisor', ?, 1)").run(
      IDS.a2, IDS.t1, IDS.a3, IDS.t2, IDS.s1, IDS.t1,
    );
    db.prepare('UPDATE agents SET team_id = ? WHERE id = ?').run(IDS.t1, core.seat.agentId);
  }
  const customer = async (c: Record<string, unknown>) => (await value<CustomerProfile>(core.invoke('customers.create', { customer: c }))).customer.id;
  const create = (c: Record<string, unknown>) =>
    core.invoke('callbacks.create', {
      callback: { customerId: null, phone: '13812345678', reason: 'other', windowStart: T0 + HOUR, windowEnd: T0 + 2 * HOUR, timeZone: 'Asia/Shanghai', ...c },
    });
  const created = async (c: Record<string, unknown>) => value<CallbackView>(create(c));
  const row = (id: string) => db.prepare('SELECT * FROM callbacks WHERE id = ?').get(id) as Record<string, unknown>;
  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const outbox = (entityId: string) =>
    (db.prepare('SELECT entity, op, fields FROM outbox WHERE entity_id = ? ORDER BY seq').all(entityId) as { entity: string; op: string; fields: string }[]).map((r) => ({
      entity: r.entity,
      op: r.op,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
    }));
  const audit = (entityId: string) => (db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY rowid').all(entityId) as { action: string }[]).map((r) => r.action);
  const dueEvents = () => events.filter((e) => e.event === 'callback.due').map((e) => (e.payload as CallbackView).id);
  return { core, db, events, customer, create, created, row, count, outbox, audit, dueEvents };
}

