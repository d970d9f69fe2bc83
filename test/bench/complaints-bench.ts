import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { createCore, type Core } from '../../electron/core/create-core';
import { percentile, round } from './stats';
import { seededRandom } from '../support/seeded-random';

// The complaint wizard at scale: complaints.list (several filter mixes, through the dispatcher,
// 200 rows + badge counts, as a supervisor so 'all' and the wide counts are included) and
// complaints.report (7, 30 and 90 days; a year is timed apart), each as p50/p95 over RUNS rounds after WARMUP.
// Goal: p95 ≤ 50 ms each at 200k complaints (`complaints.list_p95_ms`, `complaints.report_p95_ms`).
//
// The store is its own temp folder (not the demo data set): 200k complaints over the last year
// with their step records (≈ 1M), 8 teams of 10 agents (the seat's agent in the first), 50k
// customers, inserted directly with prepared statements in one transaction — bench data, not seat
// edits, so no outbox or audit rows. About 30% are open (recent ones), spread over the six steps.
//
// From bench.ts: `const cx = await benchComplaints();` then
//   'complaints.list_p95_ms': cx.listP95, 'complaints.report_p95_ms': cx.reportP95.
// Standalone:
//   npx tsx test/bench/complaints-bench.ts [--complaints 200000] [--data-dir DIR (kept, reused)]

const DAY = 86_400_000;
const HOUR = 3_600_000;
const RUNS = 40;
const WARMUP = 5;

const rng = seededRandom;

const CATEGORY_SUBS: readonly [string, readonly string[]][] = [
  ['product_service', ['room', 'cleanliness', 'noise', 'food', 'itinerary_change', 'transport', 'billing', 'booking_error']],
  ['staff', ['guide', 'room', 'food', 'billing']],
  ['customer_own', ['itinerary_change', 'booking_error']],
  ['other', ['other']],
];
const SEVERITIES = ['low', 'medium', 'medium', 'high', 'critical'];
const ROOT = ['process', 'staff_training', 'staff_attitude', 'supplier', 'facility', 'system', 'communication', 'policy', 'customer', 'other'];
const REMEDY = ['refund', 'compensation', 'upgrade', 'voucher', 'redo', 'apology_only'];
const STEP_HOURS = [4, 4, 24, 72, 120, 336];

/** Builds the data set; returns the number of step records. */
function build(core: Core, complaints: number, now: number): number {
  const db = core.db;
  const random = rng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  let steps = 0;
  db.transaction(() => {
    const teams: string[] = [];
    const agents: { id: string; team: string }[] = [];
    for (let t = 0; t < 8; t++) {
      const team = uuidv7();
      teams.push(team);
      db.prepare('INSERT INTO teams (id, name, updated_at) VALUES (?, ?, 1)').run(team, `组 ${t + 1}`);
      for (let a = 0; a < (t === 0 ? 9 : 10); a++) {
        const id = uuidv7();
        db.prepare("INSERT INTO agents (id, name, role, team_id, updated_at) VALUES (?, ?, 'agent', ?, 1)").run(id, `坐席 ${t}-${a}`, team);
        agents.push({ id, team });
      }
    }
    db.prepare('UPDATE agents SET team_id = ? WHERE id = ?').run(teams[0], core.seat.agentId);
    agents.push({ id: core.seat.agentId, team: teams[0]! });
    const customers: string[] = [];
    const cust = db.prepare("INSERT INTO customers (id, kind, name, created_at, updated_at) VALUES (?, 'person', ?, 1, 1)");
    for (let i = 0; i < 50_000; i++) {
      const id = uuidv7();
      cust.run(id, `客户 ${i}`);
      customers.push(id);
    }
    const complaint = db.prepare(`INSERT INTO complaints (id, customer_id, status, current_step, category, subcategory, severity,
        first_contact_resolution, reopen_count, owner_agent_id, team_id, opened_at, closed_at, sla_due_at, updated_at,
        source, first_contact, escalated, round, awaiting_approval)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`);
    const step = db.prepare(`INSERT INTO complaint_steps (id, complaint_id, step, round, state, data, author_agent_id,
        started_at, completed_at, sla_due_at, updated_at, outcome, root_cause, remedy, amount_cents, currency) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < complaints; i++) {
      const age = Math.pow(random(), 1.3) * 365 * DAY;
      const openedAt = Math.round(now - age - HOUR);
      // Recent ones are mostly still open; older ones closed.
      const open = age < 20 * DAY ? random() < 0.8 : random() < 0.03;
      const current = open ? 1 + Math.floor(random() * 6) : 6;
      const [category, subs] = pick(CATEGORY_SUBS);
      const subcategory = pick(subs);
      const severity = pick(SEVERITIES);
      const agent = pick(agents);
      const fcr = !open && random() < 0.25;
      const id = uuidv7();
      const remedy = pick(REMEDY);
      const amount = remedy === 'refund' || remedy === 'compensation' || remedy === 'voucher' ? 1_000 + Math.floor(random() * 100) * 1_000 : 0;
      let t = openedAt;
      let due: number | null = null;
      const rows: unknown[][] = [];
      const rootCause = pick(ROOT);
      for (let s = 1; s <= current; s++) {
        const started = t;
        const allowance = STEP_HOURS[s - 1]! * HOUR;
        const draft = open && s === current;
        const span = fcr ? 10 * 60_000 : Math.round(random() * allowance * 1.3);
        const completed = draft ? null : Math.min(now - 60_000, started + span);
        if (draft) due = started + allowance;
        const data =
          s === 1
            ? JSON.stringify({ customerWords: '……', channel: 'phone_in', category, subcategory, severity, wants: '……' })
            : s === 3
              ? JSON.stringify({ factsChecked: '……', rootCause, department: '客房部' })
              : s === 4
                ? JSON.stringify({ remedy, amountCents: amount, currency: amount > 0 ? 'CNY' : null, customerAccepted: !draft })
                : s === 5 && !draft
                  ? JSON.stringify({ callbackId: 'manual', reached: true, satisfied: random() < 0.8 })
                  : '{}';
        const outcome = draft ? null : s === 4 ? 'accepted' : s === 5 ? (JSON.parse(data) as { satisfied: boolean }).satisfied ? 'satisfied' : 'unsatisfied' : null;
        rows.push([
          uuidv7(), id, s, draft ? 'draft' : 'done', data, agent.id, started, completed, started + allowance, completed ?? started, outcome,
          s === 3 ? rootCause : null, s === 4 ? remedy : null, s === 4 ? amount : null, s === 4 && amount > 0 ? 'CNY' : null,
        ]);
        if (completed !== null) t = completed;
      }
      const closedAt = open ? null : t;
      const awaiting = open && current === 4 && amount > 50_000 && random() < 0.5 ? 1 : 0;
      complaint.run(
        id, pick(customers), open ? 'open' : 'closed', current, category, subcategory, severity, fcr ? 1 : 0, agent.id, agent.team,
        openedAt, closedAt, open && !(current === 6 && random() < 0.1) ? due : null, closedAt ?? t,
        random() < 0.7 ? 'call' : 'profile', 1, open && random() < 0.03 ? 1 : 0, awaiting,
      );
      for (const r of rows) step.run(...r);
      steps += rows.length;
    }
  })();
  db.exec('ANALYZE');
  return steps;
}

export interface ComplaintsBenchDetail {
  listP95: number;
  listP50: number;
  reportP95: number;
  reportP50: number;
  /** p95 per list filter mix / report period. */
  byCase: Record<string, number>;
  complaints: number;
  steps: number;
  buildMs: number;
}

export const LIST_CASES: Record<string, Record<string, unknown>> = {
  'mine open': { scope: 'mine' },
  'team open': { scope: 'team' },
  'all open': { scope: 'all' },
  'team overdue': { scope: 'team', overdueOnly: true },
  'all overdue': { scope: 'all', overdueOnly: true },
  'team step 3': { scope: 'team', step: 3 },
  'all staff/high': { scope: 'all', category: 'staff', severity: 'high' },
  'team due soon': { scope: 'team', sla: 'due_soon' },
  'all sla ok': { scope: 'all', sla: 'ok', step: 5 },
  'mine closed': { scope: 'mine', status: 'closed' },
  'all closed': { scope: 'all', status: 'closed' },
  'team any': { scope: 'team', status: 'any' },
};
/** Periods in `complaints.report_p95_ms`: a week, a month, a quarter. */
export const REPORT_DAYS = [7, 30, 90];
/** Timed too (in byCase) but not in the p95: a whole year reads every record once. */
export const REPORT_EXTRA_DAYS = [365];

export async function benchComplaints(complaints = 200_000): Promise<{ listP95: number; reportP95: number }> {
  const { listP95, reportP95 } = await benchComplaintsDetail(complaints);
  return { listP95, reportP95 };
}

/** `dataDir`: keep the built store there (and reuse it when it already holds complaints); default a temp folder, removed after. */
export async function benchComplaintsDetail(complaints = 200_000, dataDir?: string): Promise<ComplaintsBenchDetail> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'kefu-complaints-bench-'));
  const core = createCore({ dataDir: dir, role: 'supervisor', log: () => {}, reminderIntervalMs: 0, syncIntervalMs: 0 });
  try {
    const have = (core.db.prepare('SELECT count(*) AS n FROM complaints').get() as { n: number }).n;
    const now = have > 0 ? (core.db.prepare('SELECT max(updated_at) AS m FROM complaints').get() as { m: number }).m + 60_000 : Date.now();
    const t0 = performance.now();
    const steps = have > 0 ? (core.db.prepare('SELECT count(*) AS n FROM complaint_steps').get() as { n: number }).n : build(core, complaints, now);
    const buildMs = performance.now() - t0;
    const list: number[] = [];
    const report: number[] = [];
    const byCase = new Map<string, number[]>();
    const time = async (name: string, into: number[], channel: string, input: unknown, keep: boolean) => {
      const a = performance.now();
      const r = await core.invoke(channel, input);
      const dt = performance.now() - a;
      if (!r.ok) throw new Error(`${channel} ${name} failed: ${JSON.stringify(r.error)}`);
      if (keep) {
        into.push(dt);
        byCase.set(name, [...(byCase.get(name) ?? []), dt]);
      }
    };
    for (let i = 0; i < RUNS + WARMUP; i++) {
      const keep = i >= WARMUP;
      for (const [name, filter] of Object.entries(LIST_CASES)) await time(`list ${name}`, list, 'complaints.list', filter, keep);
      for (const days of REPORT_DAYS) await time(`report ${days}d`, report, 'complaints.report', { from: now - days * DAY, to: now }, keep);
      for (const days of REPORT_EXTRA_DAYS) await time(`report ${days}d`, [], 'complaints.report', { from: now - days * DAY, to: now }, keep);
    }
    return {
      listP95: round(percentile(list, 95), 3),
      listP50: round(percentile(list, 50), 3),
      reportP95: round(percentile(report, 95), 3),
      reportP50: round(percentile(report, 50), 3),
      byCase: Object.fromEntries([...byCase].map(([k, v]) => [k, round(percentile(v, 95), 3)])),
      complaints: have > 0 ? have : complaints,
      steps,
      buildMs: Math.round(buildMs),
    };
  } finally {
    await core.close();
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  }
}

// Standalone run.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { complaints: { type: 'string', default: '200000' }, 'data-dir': { type: 'string' } } });
  const dir = values['data-dir'] ? resolve(values['data-dir']) : undefined;
  console.log(JSON.stringify(await benchComplaintsDetail(Number(values.complaints), dir), null, 2));
}
