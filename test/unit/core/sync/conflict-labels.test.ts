import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../../electron/core/store/migrations';
import { recordLabel, withRecordLabel } from '../../../../electron/core/sync/conflict-labels';

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

  it('name the branches that wrote each value by their display name, the code when the seat does not know the branch', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.exec(`INSERT INTO branches (id, name, updated_at) VALUES ('sanya', '三亚湾店', 1)`);
    const conflict = {
      id: 'c1', entity: 'customers', entityId: 'x', field: 'notes', winnerValue: 'a', winnerHlc: 'h1', winnerSeat: 's1', loserValue: 'b', loserHlc: 'h0',
      loserSeat: 's2', detectedAt: 1, status: 'open' as const, resolvedAt: null, resolvedBy: null, resolution: null,
      winnerSeatName: '前台 1', winnerBranch: 'sanya', loserSeatName: '前台 2', loserBranch: 'lijiang',
    };
    const shown = withRecordLabel(db, conflict);
    expect(shown.winnerBranch).toBe('三亚湾店');
    expect(shown.loserBranch).toBe('lijiang');
    // An older hub sends no branches: none are made up.
    const { winnerBranch: _w, loserBranch: _l, ...old } = conflict;
    expect('winnerBranch' in withRecordLabel(db, old)).toBe(false);
    db.close();
  });
});
