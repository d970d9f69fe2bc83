import type { Database as Db } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { refreshCustomerSearchTerms } from '../../../../electron/core/store/customers-repo';
import { openDatabase } from '../../../../electron/core/store/open-database';
import { refreshSearchTermsOf } from '../../../../electron/core/store/search-refresh';
import { createPullApplier } from '../../../../electron/core/sync/apply-pulled';
import type { PulledChange } from '../../../../shared/sync/protocol';
import { useTempDirs } from '../../../support/temp-dir';
import { hlcAt } from './helpers';

const tempDir = useTempDirs();
const T = Date.UTC(2026, 10, 26);
const uid = (prefix: string, i: number) => `01900000-0000-7000-${prefix}-${i.toString(16).padStart(12, '0')}`;

function addCustomer(db: Db, id: string, name: string, extra: { memberNo?: string; deleted?: boolean } = {}): void {
  db.prepare('INSERT INTO customers (id, kind, name, member_no, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    'person',
    name,
    extra.memberNo ?? null,
    T,
    T,
    extra.deleted ? T : null,
  );
}
function addPhone(db: Db, id: string, customerId: string, national: string, primary: 0 | 1, deleted = false): void {
  db.prepare('INSERT INTO customer_phones (id, customer_id, e164, national, kind, is_primary, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    customerId,
    `+86${national}`,
    national,
    'mobile',
    primary,
    T,
    deleted ? T : null,
  );
}
function addEmail(db: Db, id: string, customerId: string, email: string, primary: 0 | 1): void {
  db.prepare('INSERT INTO customer_emails (id, customer_id, email, is_primary, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, customerId, email, primary, T);
}
const terms = (db: Db) => db.prepare('SELECT term, customer_id, field FROM search_terms ORDER BY term, customer_id, field').all();
const stale = (db: Db, ids: readonly string[]) => {
  db.prepare('DELETE FROM search_terms').run();
  for (const id of ids) db.prepare('INSERT INTO search_terms (term, customer_id, field) VALUES (?, ?, 0)').run(`stale-${id}`, id);
};

describe('pulled batches: search terms and parent links', () => {
  it('refreshSearchTermsOf leaves exactly the terms refreshCustomerSearchTerms leaves, one customer at a time', () => {
    const db = openDatabase(tempDir());
    const ids: string[] = [];
    // Enough customers for several id chunks and multi-row inserts, with every kind of source.
    for (let i = 1; i <= 1200; i++) {
      const id = uid('8000', i);
      ids.push(id);
      const name = i % 7 === 0 ? `José Smith ${i}` : i % 11 === 0 ? '杭州西湖国际旅行社有限公司' : i % 13 === 0 ? '约翰·史密斯' : `欧阳客户${i}`;
      addCustomer(db, id, name, { memberNo: i % 5 === 0 ? `HY-${String(i).padStart(6, '0')}` : undefined, deleted: i % 17 === 0 });
      if (i % 3 !== 0) addPhone(db, uid('9000', i), id, `139${String(i).padStart(8, '0')}`, 1);
      if (i % 4 === 0) addPhone(db, uid('9100', i), id, `021${String(i).padStart(8, '0')}`, 0);
      if (i % 6 === 0) addPhone(db, uid('9200', i), id, `137${String(i).padStart(8, '0')}`, 0, true);
      if (i % 2 === 0) addEmail(db, uid('a000', i), id, `Kunde.${i}@Example.com`, 1);
    }
    const gone = uid('8000', 99_999); // not in the table: its terms go
    const all = [...ids, gone];

    stale(db, all);
    db.transaction(() => {
      for (const id of all) refreshCustomerSearchTerms(db, id);
    })();
    const expected = terms(db);
    expect(expected.length).toBeGreaterThan(10_000);

    stale(db, all);
    db.transaction(() => refreshSearchTermsOf(db, new Set(all)))();
    expect(terms(db)).toEqual(expected);

    // Only the given customers are touched.
    stale(db, all);
    refreshSearchTermsOf(db, [ids[0]!]);
    expect(terms(db).filter((t) => (t as { customer_id: string }).customer_id !== ids[0]).length).toBe(all.length - 1);
    refreshSearchTermsOf(db, []);
    db.close();
  });

  it('a pulled phone moving to another customer refreshes both; a new row is inserted, an existing one updated', () => {
    const db = openDatabase(tempDir());
    const a = uid('8000', 1);
    const b = uid('8000', 2);
    const phone = uid('9000', 1);
    addCustomer(db, a, '陈静');
    addCustomer(db, b, '王伟');
    const applier = createPullApplier(db, () => undefined);
    const change = (seq: number, fields: PulledChange['fields']): PulledChange => ({
      serverSeq: seq,
      entity: 'customer_phones',
      entityId: phone,
      op: seq === 1 ? 'insert' : 'update',
      fields,
      hlc: hlcAt(T + seq),
      originSeat: 'other-seat',
    });
    const first = db.transaction(() =>
      applier.applyBatch([change(1, { id: phone, customer_id: a, e164: '+8613911112222', national: '13911112222', kind: 'mobile', updated_at: T })]),
    )();
    expect(first.applied).toBe(1);
    expect([...first.customerIds]).toEqual([a]);
    expect(first.pending).toBe(0);

    const moved = db.transaction(() => applier.applyBatch([change(2, { customer_id: b, updated_at: T + 2 })]))();
    expect(moved.applied).toBe(1);
    expect([...moved.customerIds].sort()).toEqual([a, b].sort());
    expect(db.prepare('SELECT customer_id, national FROM customer_phones WHERE id = ?').get(phone)).toEqual({ customer_id: b, national: '13911112222' });

    // Without the parent link the parent is read back from the row.
    const edited = db.transaction(() => applier.applyBatch([change(3, { is_primary: 1, updated_at: T + 3 })]))();
    expect([...edited.customerIds]).toEqual([b]);
    db.close();
  });

  it('a child whose parent is not here yet waits in sync_pending and is written in the batch that brings the parent', () => {
    const db = openDatabase(tempDir());
    const c = uid('8000', 1);
    const phone = uid('9000', 1);
    const applier = createPullApplier(db, () => undefined);
    const phoneChange: PulledChange = {
      serverSeq: 1,
      entity: 'customer_phones',
      entityId: phone,
      op: 'insert',
      fields: { id: phone, customer_id: c, e164: '+8613911112222', national: '13911112222', kind: 'mobile', updated_at: T },
      hlc: hlcAt(T),
      originSeat: 'other-seat',
    };
    const parked = db.transaction(() => applier.applyBatch([phoneChange]))();
    expect(parked).toMatchObject({ applied: 0, pending: 1 });
    const customer: PulledChange = {
      serverSeq: 2,
      entity: 'customers',
      entityId: c,
      op: 'insert',
      fields: { id: c, kind: 'person', name: '陈静', created_at: T, updated_at: T },
      hlc: hlcAt(T + 1),
      originSeat: 'other-seat',
    };
    const done = db.transaction(() => applier.applyBatch([customer]))();
    expect(done).toMatchObject({ applied: 2, pending: 0 });
    expect(db.prepare('SELECT customer_id FROM customer_phones WHERE id = ?').get(phone)).toEqual({ customer_id: c });
    db.close();
  });
});
