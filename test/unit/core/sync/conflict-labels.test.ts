import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../../electron/core/store/migrations';
import { recordLabel } from '../../../../electron/core/sync/conflict-labels';

describe('conflict record labels', () => {
  it('name the customer (member no), the complaint (customer, step) and the callback (customer or phone, window in its zone)', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const at = (iso: string) => Date.parse(iso);
    db.exec(`
      INSERT INTO customers (id, kind, name, member_no, created_at, updated_at) VALUES ('cu1', 'person', '林同步', 'M0001', 1, 1);
      INSERT INTO customers (id, kind, name, created_at, updated_at) VALUES ('cu2', 'person', '王芳', 1, 1);
      INSERT INTO complaints (id, customer_id, current_step, opened_at, updated_at) VALUES ('k1', 'cu2', 3, 1, 1);
    `);
    db.prepare(
      `INSERT INTO callbacks (id, customer_id, phone, reason, window_start, window_end, time_zone, created_at, updated_at)
       VALUES (?, ?, '+8613812345678', 'other', ?, ?, ?, 1, 1)`,
    ).run('cb1', 'cu1', at('2026-05-12T06:00:00Z'), at('2026-05-12T07:00:00Z'), 'Asia/Shanghai');
    db.prepare(
      `INSERT INTO callbacks (id, customer_id, phone, reason, window_start, window_end, time_zone, created_at, updated_at)
       VALUES (?, NULL, '+8613812345678', 'other', ?, ?, ?, 1, 1)`,
    ).run('cb2', at('2026-05-12T15:30:00Z'), at('2026-05-12T16:30:00Z'), 'Asia/Shanghai');

    expect(recordLabel(db, 'customers', 'cu1')).toBe('林同步 (M0001)');
    expect(recordLabel(db, 'customers', 'cu2')).toBe('王芳');
    expect(recordLabel(db, 'complaints', 'k1')).toBe('王芳 · 3/6');
    expect(recordLabel(db, 'callbacks', 'cb1')).toBe('林同步 · 2026-05-12 14:00–15:00');
    expect(recordLabel(db, 'callbacks', 'cb2')).toBe('+8613812345678 · 2026-05-12 23:30–2026-05-13 00:30');
    // Not on this seat, or a kind without a cheap label.
    expect(recordLabel(db, 'customers', 'elsewhere')).toBeNull();
    expect(recordLabel(db, 'customer_phones', 'p1')).toBeNull();
    db.close();
  });
});
