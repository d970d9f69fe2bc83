import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDemoArgs } from '../../../electron/core/demo/demo-cli';
import { ensureDemoData, generateDemo, type DemoSummary } from '../../../electron/core/demo/generate-demo';
import { Rng, uuid7, uuid7RandomBytes } from '../../../electron/core/demo/random';
import { isAwaitingApproval } from '../../../electron/core/complaints/apply-event';
import { loadComplaint } from '../../../electron/core/complaints/load-state';
import { createCore } from '../../../electron/core/create-core';
import { openDatabase } from '../../../electron/core/store/open-database';
import { searchCustomerIds, termRows } from '../../../electron/core/store/search-repo';
import { DISPOSITIONS } from '../../../shared/contract/call-schemas';
import { Id } from '../../../shared/contract/ids';
import { customerMetrics } from '../../../shared/domain/customer-metrics';
import {
  DEFAULT_COMPLAINT_FLOW_CONFIG,
  noStepSkipped,
  resolvedOnFirstContact,
  ROOT_CAUSES,
  type Severity,
  stepDueAt,
  validateStep,
} from '../../../shared/domain/complaint-flow';
import { normalizePhone } from '../../../shared/domain/phone';

const NOW = Date.UTC(2025, 5, 15, 2, 30); // 10:30 in Shanghai
const DAY = 86_400_000;
const CUSTOMERS = 2_000;

/** Every table the generator fills, with the order that makes a dump canonical. */
const TABLES: Record<string, string> = {
  branches: 'id',
  teams: 'id',
  agents: 'id',
  customers: 'id',
  customer_phones: 'id',
  customer_emails: 'id',
  customer_preferences: 'id',
  credit_standings: 'customer_id',
  org_contacts: 'id',
  search_terms: 'term, customer_id, field',
  bookings: 'id',
  interactions: 'id',
  complaints: 'id',
  complaint_steps: 'id',
  service_promises: 'id',
  callbacks: 'id',
  callback_attempts: 'id',
  surveys: 'id',
};

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-'));
  dirs.push(dir);
  return dir;
}

function generate(seed: number, customers = CUSTOMERS): { db: Database; dir: string; summary: DemoSummary } {
  const dir = tempDir();
  const db = openDatabase(dir);
  const summary = generateDemo(db, { customers, seed, now: NOW });
  return { db, dir, summary };
}

function tableHashes(db: Database): Record<string, string> {
  const out: Record<string, string> = {};
  // phone_lines arrived with schema 20; hash it whenever the store has it.
  const hasLines = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'phone_lines'").get() !== undefined;
  for (const [table, order] of Object.entries({ ...TABLES, ...(hasLines ? { phone_lines: 'id' } : {}) })) {
    const hash = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().iterate()) hash.update(JSON.stringify(row));
    out[table] = hash.digest('hex');
  }
  return out;
}

const count = (db: Database, sql: string, ...params: unknown[]) => (db.prepare(sql).pluck().get(...params) as number) ?? 0;

let a: ReturnType<typeof generate>;
let b: ReturnType<typeof generate>;
let c: ReturnType<typeof generate>;

beforeAll(() => {
  a = generate(42);
  b = generate(42);
  c = generate(43);
});

afterAll(() => {
  for (const x of [a, b, c]) x?.db.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('demo data generator', () => {
  it('is deterministic: the same seed and now give identical rows in every table, another seed different ones', () => {
    const ha = tableHashes(a.db);
    expect(tableHashes(b.db)).toEqual(ha);
    const hc = tableHashes(c.db);
    for (const table of ['customers', 'customer_phones', 'bookings', 'interactions', 'search_terms']) expect(hc[table]).not.toBe(ha[table]);
    expect({ ...b.summary, ms: 0 }).toEqual({ ...a.summary, ms: 0 });
  });

  it('makes ids the way uuid v7 does from the generated time and seeded random bits', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const msecs = NOW - rng.int(3 * 365) * DAY - rng.int(DAY);
      const [r1, r2, r3] = [rng.u32(), rng.u32(), rng.u32()];
      expect(uuid7(msecs, r1, r2, r3)).toBe(uuidv7({ msecs, random: uuid7RandomBytes(r1, r2, r3) }));
    }
    for (const table of ['customers', 'bookings', 'interactions', 'complaints', 'callbacks']) {
      for (const id of a.db.prepare(`SELECT id FROM ${table} LIMIT 50`).pluck().all()) expect(Id.safeParse(id).success).toBe(true);
    }
  });

  it('has roughly the specified volumes and mixes', () => {
    const db = a.db;
    const s = a.summary;
    expect(s.customers).toBe(CUSTOMERS);
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(CUSTOMERS);
    expect(s.organisations / CUSTOMERS).toBeGreaterThan(0.05);
    expect(s.organisations / CUSTOMERS).toBeLessThan(0.11);
    expect(s.phones / CUSTOMERS).toBeGreaterThan(1.2);
    expect(s.phones / CUSTOMERS).toBeLessThan(1.45);
    expect(s.interactions / CUSTOMERS).toBeGreaterThan(4);
    expect(s.interactions / CUSTOMERS).toBeLessThan(6);
    expect(s.bookings / CUSTOMERS).toBeGreaterThan(1.5);
    expect(s.bookings / CUSTOMERS).toBeLessThan(3.5);
    expect(s.complaints).toBeGreaterThanOrEqual(7);
    expect(s.complaints / CUSTOMERS).toBeLessThan(0.03);
    expect(s.callbacks).toBeGreaterThanOrEqual(7);
    expect(s.surveys / CUSTOMERS).toBeGreaterThan(0.03);
    expect(s.surveys / CUSTOMERS).toBeLessThan(0.09);
    expect(s.searchTerms).toBe(count(db, 'SELECT count(*) FROM search_terms'));
    expect(s.rows).toBeGreaterThan(s.searchTerms + s.interactions + s.bookings + s.customers);

    const share = (sql: string) => count(db, sql) / CUSTOMERS;
    expect(share("SELECT count(DISTINCT customer_id) FROM customer_emails")).toBeGreaterThan(0.5);
    expect(share("SELECT count(DISTINCT customer_id) FROM customer_emails")).toBeLessThan(0.75);
    expect(share('SELECT count(*) FROM customers WHERE do_not_contact = 1')).toBeLessThan(0.05);
    expect(share('SELECT count(*) FROM customers WHERE marketing_consent = 1')).toBeGreaterThan(0.3);
    expect(share('SELECT count(*) FROM customers WHERE marketing_consent = 1')).toBeLessThan(0.5);
    expect(share("SELECT count(*) FROM customers WHERE language = 'en'")).toBeGreaterThan(0.02);
    expect(count(db, "SELECT count(*) FROM customers WHERE language IN ('yue', 'zh-TW')")).toBeGreaterThan(10);
    expect(share("SELECT count(DISTINCT customer_id) FROM customer_preferences")).toBeGreaterThan(0.35);
    // Every churned customer says why; nobody else does.
    expect(count(db, "SELECT count(*) FROM customers WHERE (status = 'churned') <> (churn_reason IS NOT NULL)")).toBe(0);
    for (const status of ['prospect', 'active', 'churned']) expect(count(db, 'SELECT count(*) FROM customers WHERE status = ?', status)).toBeGreaterThan(100);
    // Every organisation has 1–4 contacts (the last one may be cut short by the total) and a credit standing.
    expect(count(db, "SELECT count(*) FROM customers o WHERE kind = 'organisation' AND NOT EXISTS (SELECT 1 FROM org_contacts WHERE organisation_id = o.id)")).toBeLessThanOrEqual(1);
    expect(count(db, 'SELECT max(n) FROM (SELECT count(*) AS n FROM org_contacts GROUP BY organisation_id)')).toBeLessThanOrEqual(4);
    expect(count(db, "SELECT count(*) FROM customers WHERE kind = 'organisation'")).toBe(count(db, 'SELECT count(*) FROM credit_standings'));
    expect(count(db, 'SELECT count(DISTINCT rating) FROM credit_standings')).toBeGreaterThanOrEqual(5);
    expect(count(db, 'SELECT count(*) FROM credit_standings WHERE overdue_cents > 0')).toBeGreaterThan(0);
    // Member numbers are unique (the column is UNIQUE; this checks nothing was dropped).
    expect(count(db, 'SELECT count(DISTINCT member_no) FROM customers')).toBe(count(db, 'SELECT count(member_no) FROM customers'));
    // Agents: ~60, extensions from 8001, a few supervisors and one admin.
    expect(count(db, 'SELECT count(*) FROM agents')).toBe(60);
    expect(count(db, "SELECT count(*) FROM agents WHERE role = 'admin'")).toBe(1);
    expect(count(db, "SELECT count(*) FROM agents WHERE role = 'supervisor'")).toBeGreaterThanOrEqual(5);
    expect(db.prepare('SELECT min(extension) FROM agents').pluck().get()).toBe('8001');
    expect(count(db, 'SELECT count(*) FROM branches')).toBeGreaterThanOrEqual(12);
  });

  it('forms a value pyramid and stores the tier the metrics compute', () => {
    const db = a.db;
    const tiers = Object.fromEntries(
      (db.prepare('SELECT tier, count(*) AS n FROM customers GROUP BY tier').all() as { tier: string; n: number }[]).map((r) => [r.tier, r.n]),
    );
    expect(tiers.platinum).toBeGreaterThan(0);
    expect(tiers.platinum).toBeLessThan(tiers.gold!);
    expect(tiers.gold).toBeLessThan(tiers.iron!);
    expect(tiers.iron).toBeLessThan(tiers.lead!);
    const bookingsOf = db.prepare('SELECT booked_at AS bookedAt, amount_cents AS amountCents, margin_cents AS marginCents, status FROM bookings WHERE customer_id = ?');
    for (const row of db.prepare('SELECT id, tier FROM customers ORDER BY id LIMIT 300').all() as { id: string; tier: string }[]) {
      expect(customerMetrics(bookingsOf.all(row.id) as never, NOW).tier).toBe(row.tier);
    }
  });

  it('keeps time consistent with now: history in the past, some trips under way or ahead', () => {
    const db = a.db;
    expect(count(db, 'SELECT count(*) FROM customers WHERE created_at > ? OR last_contact_at > ? OR last_contact_at < created_at', NOW, NOW)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM bookings WHERE booked_at > ? OR booked_at < ? OR ends_at <= starts_at', NOW, NOW - 3 * 366 * DAY)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM interactions WHERE started_at > ?', NOW)).toBe(0);
    expect(count(db, "SELECT count(*) FROM bookings WHERE status = 'confirmed' AND starts_at > ?", NOW)).toBeGreaterThan(0);
    expect(count(db, "SELECT count(*) FROM bookings WHERE status = 'confirmed' AND starts_at <= ? AND ends_at > ?", NOW, NOW)).toBeGreaterThan(0);
    expect(count(db, "SELECT count(*) FROM bookings WHERE status = 'cancelled'")).toBeGreaterThan(0);
    // Hotel margins 15–25%, tours 10–18%.
    const margin = (kind: string) => db.prepare('SELECT min(margin_cents * 1.0 / amount_cents) AS lo, max(margin_cents * 1.0 / amount_cents) AS hi FROM bookings WHERE kind = ?').get(kind) as { lo: number; hi: number };
    expect(margin('hotel').lo).toBeGreaterThanOrEqual(0.149);
    expect(margin('hotel').hi).toBeLessThanOrEqual(0.251);
    expect(margin('tour').lo).toBeGreaterThanOrEqual(0.099);
    expect(margin('tour').hi).toBeLessThanOrEqual(0.181);
    // All channels, phone calls with call ids and numbers.
    const channels = db.prepare('SELECT DISTINCT channel FROM interactions').pluck().all();
    for (const ch of ['phone', 'email', 'sms', 'wechat', 'web', 'walk_in']) expect(channels).toContain(ch);
    expect(count(db, "SELECT count(*) FROM interactions WHERE channel = 'phone' AND (call_id IS NULL OR from_number IS NULL OR to_number IS NULL)")).toBe(0);
    // Logged the way the live call path logs calls: caller E.164, dialled line as DNIS digits
    // that phone_lines names, outcome completed or missed.
    expect(count(db, "SELECT count(*) FROM interactions WHERE channel = 'phone' AND direction = 'in' AND outcome = 'completed' AND (agent_id IS NULL OR duration_s IS NULL)")).toBe(0);
    expect(db.prepare("SELECT DISTINCT outcome FROM interactions WHERE channel = 'phone' AND direction = 'in' ORDER BY 1").pluck().all()).toEqual(['completed', 'missed']);
    expect(count(db, "SELECT count(*) FROM interactions WHERE channel = 'phone' AND direction = 'in' AND to_number NOT IN (SELECT number FROM phone_lines)")).toBe(0);
    expect(count(db, "SELECT count(*) FROM interactions WHERE channel = 'phone' AND direction = 'in' AND from_number NOT LIKE '+%'")).toBe(0);
    expect(db.prepare("SELECT name FROM phone_lines WHERE number = '4008201688'").pluck().get()).toBe('锦程旅游 全国客服热线');
    // Wrap-up codes are the app's only (the UI translates them); automatic messages have none.
    const codes = db.prepare('SELECT DISTINCT disposition FROM interactions WHERE disposition IS NOT NULL').pluck().all() as string[];
    for (const d of codes) expect(DISPOSITIONS).toContain(d);
    for (const d of ['booking', 'inquiry', 'change', 'cancellation', 'complaint', 'billing', 'callback']) expect(codes).toContain(d);
    expect(count(db, "SELECT count(*) FROM interactions WHERE channel = 'sms' AND direction = 'out' AND (agent_id IS NOT NULL OR disposition IS NOT NULL OR summary IS NULL)")).toBe(0);
  });

  it('has open complaints at every step 1–6, closed ones, and a done record for each completed step', () => {
    const db = a.db;
    expect(db.prepare("SELECT DISTINCT current_step FROM complaints WHERE status = 'open' ORDER BY 1").pluck().all()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(count(db, "SELECT count(*) FROM complaints WHERE status = 'closed' AND closed_at IS NOT NULL")).toBeGreaterThan(0);
    const complaints = db.prepare('SELECT id, status, current_step FROM complaints').all() as { id: string; status: string; current_step: number }[];
    const steps = db.prepare('SELECT step, state FROM complaint_steps WHERE complaint_id = ? AND round = 1 ORDER BY started_at, rowid');
    for (const cpl of complaints) {
      const rows = steps.all(cpl.id) as { step: number; state: string }[];
      const last = cpl.status === 'closed' ? 6 : cpl.current_step;
      // Each step 1…last has a record (a refused remedy or unsatisfied follow-up adds more of steps 3–5).
      expect([...new Set(rows.map((r) => r.step))].sort()).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      expect(rows.at(-1)!.state).toBe(cpl.status === 'open' && rows.at(-1)!.step === last ? 'draft' : 'done');
    }
  });

  it('writes every complaint exactly as the wizard would: valid step data, no step skipped, report columns and links consistent', async () => {
    const { db } = c; // seed 43, 2,000 customers
    const config = DEFAULT_COMPLAINT_FLOW_CONFIG;
    const ids = db.prepare('SELECT id FROM complaints ORDER BY id').pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(20);
    const seen = { rejected: 0, escalated: 0, reopened: 0, fcr: 0, approved: 0, unreached: 0, unsatisfied: 0, manual: 0, callbacks: 0 };
    for (const id of ids) {
      const loaded = loadComplaint(db, id)!;
      const { state, row } = loaded;
      expect(noStepSkipped(state), id).toBe(true);
      for (const r of state.steps) {
        if (r.state === 'done') {
          // A refused remedy is checked as the flow checks it: it needs no approval.
          const { approvedBy: _approval, ...errors } = validateStep(r.step, r.data, { approvalThresholdCents: config.approvalThresholdCents, now: r.completedAt! });
          expect(errors, `${id} step ${r.step} ${JSON.stringify(r.data)}`).toEqual({});
          if (r.step === 4) expect(r.outcome).toMatch(/^(accepted|rejected)$/);
          if (r.step === 5) expect(r.outcome).toBe(r.data.satisfied === true ? 'satisfied' : 'unsatisfied');
          expect(r.completedAt!).toBeLessThanOrEqual(NOW);
        } else expect(r.outcome).toBeNull();
        // SLA clocks from shared sla.ts: step 1's runs on the default severity until the listen record names one.
        const severities = r.step === 1 ? [config.defaultSeverity, state.severity ?? config.defaultSeverity] : [state.severity ?? config.defaultSeverity];
        expect(severities.map((sv) => stepDueAt(r.step, r.startedAt, sv as Severity))).toContain(r.slaDueAt);
      }
      // The listen record decides the complaint's category, subcategory and severity.
      const listen = state.steps.find((r) => r.step === 1 && r.state === 'done');
      if (listen) expect([row.category, row.subcategory, row.severity]).toEqual([listen.data.category, listen.data.subcategory, listen.data.severity]);
      // The report's columns are those the core copies out of the data.
      for (const s of db.prepare('SELECT step, data, root_cause, remedy, amount_cents, currency FROM complaint_steps WHERE complaint_id = ?').all(id) as {
        step: number; data: string; root_cause: string | null; remedy: string | null; amount_cents: number | null; currency: string | null;
      }[]) {
        const d = JSON.parse(s.data) as Record<string, unknown>;
        expect([s.root_cause, s.remedy, s.amount_cents, s.currency]).toEqual([
          s.step === 3 ? (d.rootCause ?? null) : null,
          s.step === 4 ? (d.remedy ?? null) : null,
          s.step === 4 ? (d.amountCents ?? null) : null,
          s.step === 4 ? (d.currency ?? null) : null,
        ]);
        if (s.step === 3 && s.root_cause !== null) expect(ROOT_CAUSES).toContain(s.root_cause);
      }
      // Follow-ups name their callback — a real one, linked to the complaint — or are manual, with the reason.
      for (const r of state.steps.filter((x) => x.step === 5)) {
        if (r.data.callbackId === 'manual') {
          expect(r.data.noCallbackReason).toMatch(/^(no_phone|do_not_contact)$/);
          seen.manual++;
        } else {
          expect(db.prepare("SELECT complaint_id, reason FROM callbacks WHERE id = ?").get(r.data.callbackId)).toEqual({ complaint_id: id, reason: 'complaint_follow_up' });
          seen.callbacks++;
        }
        if (typeof r.data.attempts === 'number' && r.data.attempts > 0) seen.unreached++;
        if (r.outcome === 'unsatisfied') seen.unsatisfied++;
      }
      if (row.follow_up_callback_id !== null) expect(state.steps.some((r) => r.step === 5 && r.data.callbackId === row.follow_up_callback_id)).toBe(true);
      expect(row.awaiting_approval).toBe(isAwaitingApproval(state, config.approvalThresholdCents) ? 1 : 0);
      if (state.status === 'closed') expect(row.first_contact_resolution).toBe(resolvedOnFirstContact(state) ? 1 : 0);
      seen.rejected += state.steps.filter((r) => r.outcome === 'rejected').length;
      seen.escalated += row.escalated;
      seen.approved += state.steps.filter((r) => r.step === 4 && typeof r.data.approvedBy === 'string').length;
      if (state.round > 1) {
        seen.reopened++;
        expect(state.reopens).toHaveLength(state.round - 1);
        expect(state.reopenCount).toBe(state.round - 1);
      }
      seen.fcr += row.first_contact_resolution;
    }
    expect(seen.rejected).toBeGreaterThan(0);
    expect(seen.reopened).toBeGreaterThan(0);
    expect(seen.fcr).toBeGreaterThan(0);
    expect(seen.approved).toBeGreaterThan(0);
    expect(seen.callbacks).toBeGreaterThan(0);
    expect(seen.unreached + seen.unsatisfied).toBeGreaterThan(0);

    // And the app opens them: complaints.get through the core for a sample.
    db.close();
    const core = createCore({ dataDir: c.dir, role: 'supervisor', log: () => {}, reminderIntervalMs: 0, syncIntervalMs: 0 });
    try {
      for (const id of ids.filter((_, i) => i % Math.ceil(ids.length / 12) === 0)) {
        const r = await core.invoke('complaints.get', { id });
        expect(r, id).toMatchObject({ ok: true, value: { id } });
      }
      const report = await core.invoke('complaints.report', { from: NOW - 365 * DAY, to: NOW });
      expect(report).toMatchObject({ ok: true });
    } finally {
      await core.close();
      c.db = openDatabase(c.dir);
    }
  });

  it('has callbacks due today, overdue and done with attempts, and promises some of them overdue', () => {
    const db = a.db;
    const dayStart = Math.floor((NOW + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
    expect(count(db, "SELECT count(*) FROM callbacks WHERE status = 'scheduled' AND window_start >= ? AND window_start < ? AND window_end >= ?", dayStart, dayStart + DAY, NOW)).toBeGreaterThanOrEqual(2);
    expect(count(db, "SELECT count(*) FROM callbacks WHERE status = 'scheduled' AND window_end < ?", NOW)).toBeGreaterThanOrEqual(2);
    expect(count(db, "SELECT count(*) FROM callbacks WHERE status = 'scheduled' AND window_start >= ?", dayStart + DAY)).toBeGreaterThanOrEqual(1);
    expect(count(db, "SELECT count(*) FROM callbacks c WHERE status = 'done' AND attempts > 0 AND attempts = (SELECT count(*) FROM callback_attempts WHERE callback_id = c.id)")).toBeGreaterThanOrEqual(1);
    expect(count(db, "SELECT count(*) FROM callback_attempts WHERE outcome = 'reached'")).toBeGreaterThanOrEqual(1);
    expect(count(db, "SELECT count(*) FROM service_promises WHERE status = 'open' AND due_at < ?", NOW)).toBeGreaterThanOrEqual(1);
    expect(count(db, "SELECT count(*) FROM service_promises WHERE status = 'kept' AND kept_at IS NOT NULL")).toBeGreaterThanOrEqual(1);
    expect(count(db, 'SELECT count(*) FROM service_promises')).toBeGreaterThan(0);
    expect(count(db, 'SELECT count(*) FROM surveys WHERE csat BETWEEN 1 AND 5')).toBe(a.summary.surveys);
  });

  it('stores phones as normalizePhone does: E.164, national significant number and kind', () => {
    const rows = a.db.prepare('SELECT e164, national, kind FROM customer_phones').all() as { e164: string; national: string; kind: string }[];
    const regions = new Set<string>();
    for (const p of rows) {
      const n = normalizePhone(p.e164);
      expect(n, p.e164).not.toBeNull();
      expect({ e164: n!.e164, national: n!.national, kind: n!.kind }).toEqual(p);
      regions.add(n!.region ?? '?');
    }
    for (const r of ['CN', 'HK', 'TW']) expect(regions).toContain(r);
    expect([...regions].some((r) => ['US', 'CA', 'GB', 'AU', 'SG'].includes(r))).toBe(true);
    // Landlines carry the area code of the customer's city (上海 021 → national 21…).
    const shanghai = a.db.prepare("SELECT p.national FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE c.city = '上海' AND p.kind = 'landline'").pluck().all() as string[];
    expect(shanghai.length).toBeGreaterThan(0);
    for (const n of shanghai) expect(n.startsWith('21')).toBe(true);
  });

  it('indexes every customer for search exactly as termRows does, so search finds them by pinyin initials', () => {
    const db = a.db;
    const customers = db.prepare('SELECT id, name, member_no FROM customers ORDER BY id LIMIT 200').all() as { id: string; name: string; member_no: string | null }[];
    const phones = db.prepare('SELECT national FROM customer_phones WHERE customer_id = ? ORDER BY is_primary DESC, id').pluck();
    const emails = db.prepare('SELECT email FROM customer_emails WHERE customer_id = ? ORDER BY is_primary DESC, id').pluck();
    const stored = db.prepare('SELECT term, customer_id, field FROM search_terms WHERE customer_id = ? ORDER BY term, field').raw();
    for (const cu of customers) {
      const expected = termRows(cu.id, { name: cu.name, memberNo: cu.member_no, phonesNational: phones.all(cu.id) as string[], emails: emails.all(cu.id) as string[] });
      expected.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[2] - y[2]));
      expect(stored.all(cu.id)).toEqual(expected);
    }
    expect(count(db, 'SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.customer_id = c.id)')).toBe(0);

    // A 张/王/李 with a three-character name: its initials, computed independently, find it.
    const person = db
      .prepare("SELECT id, name FROM customers WHERE kind = 'person' AND language = 'zh-CN' AND length(name) = 3 AND substr(name, 1, 1) IN ('王', '李', '张') ORDER BY id LIMIT 1")
      .get() as { id: string; name: string };
    const initials = pinyin(person.name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    expect(searchCustomerIds(db, initials, 100).hits.map((h) => h.id)).toContain(person.id);
    const member = db.prepare('SELECT id, member_no FROM customers WHERE member_no IS NOT NULL ORDER BY id LIMIT 1').get() as { id: string; member_no: string };
    expect(searchCustomerIds(db, member.member_no, 10).hits[0]?.id).toBe(member.id);
    const phone = db.prepare("SELECT customer_id, national FROM customer_phones WHERE kind = 'mobile' AND e164 LIKE '+86%' ORDER BY id LIMIT 1").get() as { customer_id: string; national: string };
    expect(searchCustomerIds(db, phone.national, 10).hits.map((h) => h.id)).toContain(phone.customer_id);
  });

  it('leaves a consistent, fully indexed store with the usual settings and no scratch files', () => {
    const db = a.db;
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const fresh = openDatabase(tempDir());
    const indexSql = (d: Database) => d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    expect(indexSql(db)).toEqual(indexSql(fresh));
    fresh.close();
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(count(db, "SELECT count(*) FROM seat_meta WHERE key LIKE 'demo.%'")).toBe(0);
    expect(count(db, 'SELECT count(*) FROM outbox')).toBe(0);
    expect(count(db, 'SELECT count(*) FROM audit_log')).toBe(0);
    expect(readdirSync(a.dir).filter((f) => f.includes('demo'))).toEqual([]);
  });

  it('refuses a store that already holds customers and changes nothing', () => {
    const before = tableHashes(a.db);
    expect(() => generateDemo(a.db, { customers: 10, seed: 1, now: NOW })).toThrow(/already holds customers/);
    expect(tableHashes(a.db)).toEqual(before);
    expect(() => generateDemo(a.db, { customers: 0, seed: 1, now: NOW })).toThrow(/customers must be/);
  });

  it('ensureDemoData generates only into a store without customers', () => {
    const dir = tempDir();
    const first = ensureDemoData(dir, 50, 3, { now: NOW, onProgress: () => {} });
    expect(first?.customers).toBe(50);
    expect(ensureDemoData(dir, 50, 3, { now: NOW, onProgress: () => {} })).toBeNull();
    const db = openDatabase(dir);
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(50);
    db.close();
  });

  it('parses the command line and rejects bad arguments with one-line messages', () => {
    expect(parseDemoArgs(['--data-dir', '/tmp/x', '--customers', '1_000_000', '--seed', '9', '--now', '2025-06-15T02:30:00Z'], 1)).toEqual({
      dataDir: '/tmp/x',
      customers: 1_000_000,
      seed: 9,
      now: NOW,
    });
    expect(parseDemoArgs(['--data-dir', 'd', '--customers', '5'], 123).now).toBe(123);
    expect(() => parseDemoArgs(['--customers', '5'], 1)).toThrow(/--data-dir/);
    expect(() => parseDemoArgs(['--data-dir', 'd'], 1)).toThrow(/--customers/);
    expect(() => parseDemoArgs(['--data-dir', 'd', '--customers', 'ten'], 1)).toThrow(/whole number/);
    expect(() => parseDemoArgs(['--data-dir', 'd', '--customers', '5', '--seed', '-1'], 1)).toThrow(/--seed/);
    expect(() => parseDemoArgs(['--data-dir', 'd', '--customers', '5', '--now', 'soon'], 1)).toThrow(/--now/);
    expect(() => parseDemoArgs(['--data-dir', 'd', '--customers', '5', '--bogus'], 1)).toThrow(/bogus/);
  });
});
