import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { createCore, type Core } from '../../electron/core/create-core';
import { percentile, round } from './stats';
import { seededRandom } from '../support/seeded-random';

// Callback scheduling at scale: the 'mine' due queue (callbacks.list through the dispatcher, as
// the renderer asks for it: open, soonest due first, 200 rows, with counts) and the reminder
// engine's scan, each as p95 over RUNS runs after WARMUP. Goal: p95 ≤ 20 ms each at 500k
// callbacks (`callbacks.due_queue_p95_ms`, `callbacks.reminder_scan_p95_ms`).
//
// The store is topped up to `target` callbacks spread over its agents (the seat's agent among
// them, with an agent's share) and team queues, windows over ±30 days: past windows are mostly
// closed (done / failed / cancelled), a few still open (overdue, already reminded and escalated),
// future ones scheduled. The bench writes into the store: run it on a COPY.
//
// From bench.ts: `await benchCallbacks(core)`. Standalone:
//   npx tsx test/bench/callbacks-bench.ts --data-dir /tmp/kefu-cb-1m [--target 500000]

const DAY = 86_400_000;
const RUNS = 300;
const WARMUP = 30;
const BATCH = 50_000;

const rng = seededRandom;

/**
 * Bench data, not seat edits: inserted directly with a prepared statement in big transactions,
 * without outbox or audit rows (the hub must never sync 500k made-up callbacks).
 */
function topUp(core: Core, target: number, now: number): number {
  const db = core.db;
  const have = (db.prepare('SELECT count(*) AS n FROM callbacks').get() as { n: number }).n;
  if (have >= target) return 0;
  const random = rng(7);
  const agents = (db.prepare('SELECT id, team_id FROM agents WHERE deleted_at IS NULL').all() as { id: string; team_id: string | null }[]).filter(
    (a) => a.id !== core.seat.agentId,
  );
  agents.push({ id: core.seat.agentId, team_id: null });
  const teams = (db.prepare('SELECT id FROM teams WHERE deleted_at IS NULL').all() as { id: string }[]).map((t) => t.id);
  const customers = db.prepare('SELECT id FROM customers WHERE rowid >= ? ORDER BY rowid LIMIT 1');
  const maxCustomer = (db.prepare('SELECT max(rowid) AS m FROM customers').get() as { m: number | null }).m ?? 0;
  const insert = db.prepare(`INSERT INTO callbacks (id, customer_id, phone, reason, window_start, window_end, time_zone, priority,
      assignee_agent_id, assignee_team_id, status, attempts, reminded_at, escalated_at, first_due_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'Asia/Shanghai', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const reasons = ['complaint_follow_up', 'missed_call', 'sales_lead', 'service_promise', 'other'];
  const missing = target - have;
  for (let done = 0; done < missing; ) {
    const n = Math.min(BATCH, missing - done);
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const start = Math.round(now + (random() * 2 - 1) * 30 * DAY);
        const end = start + (1 + Math.floor(random() * 4)) * 3_600_000;
        const past = end < now;
        const r = random();
        const status = !past ? 'scheduled' : r < 0.9 ? 'done' : r < 0.95 ? 'failed' : r < 0.98 ? 'cancelled' : 'scheduled';
        const toTeam = random() < 0.15 && teams.length > 0;
        const agent = agents[Math.floor(random() * agents.length)]!;
        const customer = maxCustomer > 0 ? (customers.get(1 + Math.floor(random() * maxCustomer)) as { id: string } | undefined)?.id ?? null : null;
        const open = status === 'scheduled';
        insert.run(
          uuidv7(),
          customer,
          `+86139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
          reasons[Math.floor(random() * reasons.length)]!,
          start,
          end,
          1 + Math.floor(random() * 3),
          toTeam ? null : agent.id,
          toTeam ? teams[Math.floor(random() * teams.length)]! : null,
          status,
          open ? 0 : 1,
          // Open and already due: reminded (and, past the threshold, escalated) by an earlier scan.
          open && start <= now ? start : null,
          open && past ? end + 30 * 60_000 : null,
          start,
          start - DAY,
          past ? end : start - DAY,
        );
      }
    })();
    done += n;
  }
  db.exec('ANALYZE callbacks');
  return missing;
}

export interface CallbacksBenchDetail {
  dueQueueP95: number;
  reminderScanP95: number;
  dueQueueP50: number;
  reminderScanP50: number;
  callbacks: number;
  mineOpen: number;
  inserted: number;
}

export async function benchCallbacks(core: Core, target = 500_000): Promise<{ dueQueueP95: number; reminderScanP95: number }> {
  const { dueQueueP95, reminderScanP95 } = await benchCallbacksDetail(core, target);
  return { dueQueueP95, reminderScanP95 };
}

export async function benchCallbacksDetail(core: Core, target = 500_000): Promise<CallbacksBenchDetail> {
  const now = Date.now();
  const inserted = topUp(core, target, now);
  // A handful due for the seat right now, so the first scan has something to fix; the timed scans
  // then measure the steady state (nothing owed: the partial indexes hold only what is owed).
  for (let i = 0; i < 5; i++) {
    const r = await core.invoke('callbacks.create', {
      callback: { customerId: null, phone: '13812345678', reason: 'other', windowStart: now - 60_000, windowEnd: now + 3_600_000 * 12, timeZone: 'UTC' },
    });
    if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r.error)}`);
  }
  core.callbacks.scanNow();

  const list: number[] = [];
  const scan: number[] = [];
  let mineOpen = 0;
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const t0 = performance.now();
    const r = await core.invoke('callbacks.list', { scope: 'mine', status: 'open' });
    const t1 = performance.now();
    if (!r.ok) throw new Error(`list failed: ${JSON.stringify(r.error)}`);
    const c = (r.value as { counts: { due: number; overdue: number; upcoming: number } }).counts;
    mineOpen = c.due + c.overdue + c.upcoming;
    const t2 = performance.now();
    core.callbacks.scanNow();
    const t3 = performance.now();
    if (i >= WARMUP) {
      list.push(t1 - t0);
      scan.push(t3 - t2);
    }
  }
  const callbacks = (core.db.prepare('SELECT count(*) AS n FROM callbacks').get() as { n: number }).n;
  return {
    dueQueueP95: round(percentile(list, 95), 3),
    reminderScanP95: round(percentile(scan, 95), 3),
    dueQueueP50: round(percentile(list, 50), 3),
    reminderScanP50: round(percentile(scan, 50), 3),
    callbacks,
    mineOpen,
    inserted,
  };
}

// Standalone run.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, target: { type: 'string', default: '500000' } } });
  if (!values['data-dir']) throw new Error('--data-dir DIR is required (a COPY of a demo store: the bench writes callbacks)');
  const core = createCore({ dataDir: resolve(values['data-dir']), log: () => {}, reminderIntervalMs: 0 });
  const detail = await benchCallbacksDetail(core, Number(values.target));
  await core.close();
  console.log(JSON.stringify(detail, null, 2));
}
