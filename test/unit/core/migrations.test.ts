import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, latestVersion, migrate } from '../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { DATABASE_FILE, openDatabase } from '../../../electron/core/store/open-database';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered in steps of 10, strictly ascending', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version % 10).toBe(0);
      if (i > 0) expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
    });
  });

  it('0010 creates the whole domain schema with foreign keys enforced', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 10))).toBe(10);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'agents', 'audit_log', 'bookings', 'branches', 'callback_attempts', 'callbacks', 'complaint_steps', 'complaints',
        'credit_standings', 'customer_emails', 'customer_phones', 'customer_preferences', 'customers', 'interactions',
        'org_contacts', 'outbox', 'search_terms', 'seat_meta', 'service_promises', 'surveys', 'teams',
      ]),
    );
    expect(() =>
      db.prepare("INSERT INTO customer_phones (id, customer_id, e164, national, kind, updated_at) VALUES ('p', 'nobody', '+8613800000000', '13800000000', 'mobile', 1)").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO complaints (id, customer_id, current_step, opened_at, updated_at) VALUES ('c', 'x', 7, 1, 1)").run()).toThrow();
  });

  it('0020 adds phone_lines on top of a 0010 store: one live line per number, digits only', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    db.prepare("INSERT INTO branches (id, name, updated_at) VALUES ('b1', '锦程酒店·杭州西湖店', 1)").run();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 20))).toBe(20);
    expect(tables(db)).toContain('phone_lines');
    const insert = db.prepare('INSERT INTO phone_lines (id, number, name, branch_id, updated_at, deleted_at) VALUES (?, ?, ?, ?, 1, ?)');
    insert.run('l1', '057187654321', '锦程酒店·杭州西湖店 预订热线', 'b1', null);
    expect(() => insert.run('l2', '057187654321', 'duplicate', null, null)).toThrow(/UNIQUE/);
    // A deleted line frees its number for a new one.
    insert.run('l3', '4008001234', 'old hotline', null, 5);
    insert.run('l4', '4008001234', '锦程旅游 全国客服热线', null, null);
    for (const bad of ['', '0571-8765', '+8657187654321', 'abc']) {
      expect(() => insert.run(`bad-${bad}`, bad, 'bad', null, null), bad).toThrow(/CHECK/);
    }
    expect(() => insert.run('l5', '02161234567', 'no such branch', 'nowhere', null)).toThrow(/FOREIGN KEY/);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT name FROM phone_lines WHERE number = ? AND deleted_at IS NULL").all('1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/USING INDEX phone_lines_number/);
  });

  it('0030 adds first_due_at (backfilled) and the callback queue / reminder indexes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 20));
    db.prepare(
      "INSERT INTO callbacks (id, phone, reason, window_start, window_end, time_zone, created_at, updated_at) VALUES ('cb1', '+8613812345678', 'other', 1000, 2000, 'Asia/Shanghai', 1, 1)",
    ).run();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 30))).toBe(30);
    expect(db.prepare("SELECT first_due_at FROM callbacks WHERE id = 'cb1'").get()).toEqual({ first_due_at: 1000 });
    // The reminder engine names its partial indexes (INDEXED BY fails if the query cannot use them).
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join();
    expect(plan("SELECT id FROM callbacks WHERE assignee_team_id = 't' AND status = 'scheduled' ORDER BY window_start")).toMatch(/callbacks_team/);
    expect(
      plan("SELECT id FROM callbacks INDEXED BY callbacks_remind WHERE assignee_agent_id = 'a' AND status = 'scheduled' AND reminded_at IS NULL AND window_start <= 5"),
    ).toMatch(/callbacks_remind/);
    expect(
      plan("SELECT id FROM callbacks INDEXED BY callbacks_escalate WHERE assignee_agent_id = 'a' AND status = 'scheduled' AND escalated_at IS NULL AND window_end <= 5"),
    ).toMatch(/callbacks_escalate/);
  });

  it('0040 adds the complaint wizard columns (backfilled) and the list / report indexes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 30));
    db.exec(`
      INSERT INTO customers (id, kind, name, created_at, updated_at) VALUES ('cu', 'person', '王芳', 1, 1);
      INSERT INTO interactions (id, customer_id, channel, direction, started_at, updated_at) VALUES ('i1', 'cu', 'phone', 'in', 1, 1);
      INSERT INTO complaints (id, customer_id, interaction_id, status, current_step, opened_at, updated_at) VALUES ('k1', 'cu', 'i1', 'open', 6, 1, 1);
      INSERT INTO complaints (id, customer_id, opened_at, updated_at) VALUES ('k2', 'cu', 1, 1);
      INSERT INTO complaint_steps (id, complaint_id, step, round, state, data, started_at, updated_at) VALUES
        ('s3', 'k1', 3, 1, 'done', '{"rootCause":"supplier"}', 1, 1),
        ('s4', 'k1', 4, 1, 'done', '{"remedy":"refund","amountCents":1200,"currency":"CNY"}', 1, 1),
        ('s5', 'k1', 5, 1, 'done', '{"reached":true,"satisfied":false}', 1, 1),
        ('s5b', 'k1', 5, 2, 'done', '{"reached":true,"satisfied":true}', 2, 2),
        ('s6', 'k1', 6, 2, 'draft', 'not json', 2, 2);
    `);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 40))).toBe(40);
    expect(db.prepare("SELECT id, source, first_contact, escalated, round, reopens, follow_up_callback_id, awaiting_approval FROM complaints ORDER BY id").all()).toEqual([
      { id: 'k1', source: 'call', first_contact: 1, escalated: 0, round: 2, reopens: '[]', follow_up_callback_id: null, awaiting_approval: 0 },
      { id: 'k2', source: 'call', first_contact: 0, escalated: 0, round: 1, reopens: '[]', follow_up_callback_id: null, awaiting_approval: 0 },
    ]);
    expect(db.prepare('SELECT id, outcome, contact_id, root_cause, remedy, amount_cents, currency FROM complaint_steps ORDER BY id').all()).toEqual([
      { id: 's3', outcome: null, contact_id: null, root_cause: 'supplier', remedy: null, amount_cents: null, currency: null },
      { id: 's4', outcome: 'accepted', contact_id: null, root_cause: null, remedy: 'refund', amount_cents: 1200, currency: 'CNY' },
      { id: 's5', outcome: 'unsatisfied', contact_id: null, root_cause: null, remedy: null, amount_cents: null, currency: null },
      { id: 's5b', outcome: 'satisfied', contact_id: null, root_cause: null, remedy: null, amount_cents: null, currency: null },
      { id: 's6', outcome: null, contact_id: null, root_cause: null, remedy: null, amount_cents: null, currency: null },
    ]);
    // The report's per-day counts (complaint_daily, complaint_step_daily), backfilled too; the random-run test
    // (complaints/report-summaries) checks their triggers against a recount.
    expect(db.prepare('SELECT * FROM complaint_daily').all()).toEqual([{ day: 0, category: '', subcategory: '', opened: 2, closed: 0, resolved: 0 }]);
    expect(db.prepare('SELECT * FROM complaint_step_daily').all()).toEqual([]); // no done record with a completion time
    // Hours per step and UTC day of start, backfilled and then kept by triggers (insert, edit, tombstone).
    const hours = () => db.prepare('SELECT day, step, n, ms FROM complaint_step_hours WHERE n > 0 ORDER BY day, step').all();
    expect(hours()).toEqual([]); // the backfill found no done record with a completion time
    db.exec("UPDATE complaint_steps SET completed_at = started_at + 60 WHERE id IN ('s4', 's5')");
    expect(db.prepare('SELECT day, step, code, currency, n, amount FROM complaint_step_daily WHERE n > 0 ORDER BY step').all()).toEqual([
      { day: 0, step: 4, code: 'refund', currency: 'CNY', n: 1, amount: 1200 },
      { day: 0, step: 5, code: 'unsatisfied', currency: '', n: 1, amount: 0 },
    ]);
    expect(hours()).toEqual([
      { day: 0, step: 4, n: 1, ms: 60 },
      { day: 0, step: 5, n: 1, ms: 60 },
    ]);
    db.exec("UPDATE complaint_steps SET completed_at = NULL WHERE id IN ('s4', 's5')");
    const DAY = 86_400_000;
    db.prepare("INSERT INTO complaint_steps (id, complaint_id, step, state, started_at, completed_at, updated_at) VALUES ('x', 'k2', 1, 'done', ?, ?, 1)").run(DAY + 5, DAY + 3_605);
    db.prepare("INSERT INTO complaint_steps (id, complaint_id, step, state, started_at, updated_at) VALUES ('y', 'k2', 2, 'draft', ?, 1)").run(DAY + 10);
    db.prepare("UPDATE complaint_steps SET state = 'done', completed_at = ? WHERE id = 'y'").run(DAY + 1_010);
    db.prepare("UPDATE complaint_steps SET completed_at = ?, updated_at = 2 WHERE id = 'x'").run(DAY + 7_205);
    expect(hours()).toEqual([
      { day: 1, step: 1, n: 1, ms: 7_200 },
      { day: 1, step: 2, n: 1, ms: 1_000 },
    ]);
    db.prepare("UPDATE complaint_steps SET deleted_at = 3 WHERE id = 'x'").run();
    expect(hours()).toEqual([{ day: 1, step: 2, n: 1, ms: 1_000 }]);

    expect(() => db.prepare("UPDATE complaints SET source = 'fax' WHERE id = 'k2'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE complaint_steps SET outcome = 'maybe' WHERE id = 's6'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE complaints SET follow_up_callback_id = 'nope' WHERE id = 'k2'").run()).toThrow(/FOREIGN KEY/);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join();
    expect(plan("SELECT id FROM complaints WHERE owner_agent_id = 'a' AND status = 'open' AND deleted_at IS NULL AND sla_due_at IS NOT NULL ORDER BY sla_due_at")).toMatch(/complaints_owner/);
    expect(plan("SELECT id FROM complaints WHERE team_id = 't' AND status = 'open' AND deleted_at IS NULL AND sla_due_at IS NOT NULL ORDER BY sla_due_at")).toMatch(/complaints_team/);
    expect(plan("SELECT category, count(*) FROM complaints WHERE opened_at >= 1 AND opened_at < 2 AND deleted_at IS NULL GROUP BY category")).toMatch(/COVERING INDEX complaints_opened/);
    expect(plan("SELECT count(*) FROM complaints WHERE closed_at >= 1 AND closed_at < 2 AND deleted_at IS NULL")).toMatch(/COVERING INDEX complaints_closed/);
    expect(
      plan("SELECT count(*) FROM complaints INDEXED BY complaints_resolved WHERE first_contact_resolution = 1 AND closed_at >= 1 AND closed_at < 2 AND deleted_at IS NULL"),
    ).toMatch(/COVERING INDEX complaints_resolved/);
    expect(plan("SELECT count(*) FROM complaints INDEXED BY complaints_awaiting WHERE team_id = 't' AND awaiting_approval = 1 AND status = 'open' AND deleted_at IS NULL")).toMatch(/complaints_awaiting/);
    expect(
      plan("SELECT step, avg(completed_at - started_at) FROM complaint_steps WHERE step IN (1,2,3,4,5,6) AND state = 'done' AND deleted_at IS NULL AND started_at >= 1 AND started_at < 2 GROUP BY step"),
    ).toMatch(/COVERING INDEX complaint_steps_started/);
    expect(plan("SELECT id FROM complaints WHERE team_id = 't' AND deleted_at IS NULL ORDER BY opened_at DESC LIMIT 5")).toMatch(/complaints_team_opened/);
    expect(
      plan("SELECT count(*) FROM complaints WHERE category = 'staff' AND subcategory = 'guide' AND opened_at >= 1 AND opened_at < 2 AND deleted_at IS NULL"),
    ).toMatch(/COVERING INDEX complaints_category/);
    expect(
      plan("SELECT count(*) FROM complaint_steps WHERE root_cause = 'supplier' AND step = 3 AND state = 'done' AND deleted_at IS NULL AND completed_at >= 1 AND completed_at < 2"),
    ).toMatch(/COVERING INDEX complaint_steps_root/);
    expect(
      plan(
        "SELECT count(*), sum(amount_cents) FROM complaint_steps INDEXED BY complaint_steps_remedy WHERE remedy = 'refund' AND currency = 'CNY' AND completed_at >= 1 AND completed_at < 2 AND step = 4 AND state = 'done' AND outcome = 'accepted' AND deleted_at IS NULL",
      ),
    ).toMatch(/COVERING INDEX complaint_steps_remedy/);
    expect(
      plan("SELECT count(*) FROM complaint_steps WHERE step = 5 AND outcome = 'satisfied' AND state = 'done' AND deleted_at IS NULL AND completed_at >= 1 AND completed_at < 2"),
    ).toMatch(/COVERING INDEX complaint_steps_outcome \(step=\? AND outcome=\? AND completed_at>\? AND completed_at<\?\)/);
  });

  it('opens a new store at the latest version in WAL mode with synchronous FULL', () => {
    const db = openDatabase(tempDir());
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a store written by a newer version and leaves it untouched', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, DATABASE_FILE));
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.pragma(`user_version = ${latestVersion() + 10}`);
    raw.close();
    expect(() => openDatabase(dir)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(dir)).toThrow(/newer Kefu Desk/);
    const after = new Database(join(dir, DATABASE_FILE));
    expect(after.pragma('user_version', { simple: true })).toBe(latestVersion() + 10);
    expect(tables(after)).toEqual(['from_the_future']);
    after.close();
  });

  it('applies all pending migrations in one transaction: a failing step leaves nothing behind', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: latestVersion() + 10, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('is a no-op on an up-to-date store', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    expect(migrate(db)).toBe(latestVersion());
    db.close();
  });
});
