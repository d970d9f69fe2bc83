import type { Database } from 'better-sqlite3';
import { termRows } from './search-repo';
import { stmt } from './statements';

// The bulk form of customers-repo's refreshCustomerSearchTerms, for writes that bypass the
// customer service in bulk (a sync pull applies thousands of customers per batch).

/**
 * Rebuilds the derived search terms of these customers after a pulled batch, with the same
 * result as customers-repo's refreshCustomerSearchTerms for each id (a live customer's terms
 * from its name, member number, live phones and e-mails; none once it is deleted or gone), but
 * with one read per table for the whole set and multi-row inserts.
 * Runs inside the caller's transaction.
 */
export function refreshSearchTermsOf(db: Database, customerIds: Iterable<string>): void {
  const ids = [...customerIds];
  if (ids.length === 0) return;
  const del = stmt<[string]>(db, 'DELETE FROM search_terms WHERE customer_id IN (SELECT value FROM json_each(?))');
  const ins = stmt<[string, string, number]>(db, `${INSERT_TERMS} (?, ?, ?)`);
  const rows: [string, string, number][] = [];
  for (let i = 0; i < ids.length; i += TERM_CHUNK) {
    const chunk = ids.slice(i, i + TERM_CHUNK);
    const list = JSON.stringify(chunk);
    const customers = stmt<[string], { id: string; name: string; member_no: string | null }>(
      db,
      'SELECT id, name, member_no FROM customers WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL',
    ).all(list);
    if (customers.length > 0) {
      // In customers-repo's order (primary first, then by id), per customer.
      const phones = groupBy(
        stmt<[string], { customer_id: string; national: string }>(
          db,
          `SELECT customer_id, national FROM customer_phones
            WHERE customer_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY customer_id, is_primary DESC, id`,
        ).all(list),
        (r) => r.national,
      );
      const emails = groupBy(
        stmt<[string], { customer_id: string; email: string }>(
          db,
          `SELECT customer_id, email FROM customer_emails
            WHERE customer_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY customer_id, is_primary DESC, id`,
        ).all(list),
        (r) => r.email,
      );
      for (const c of customers) {
        for (const row of termRows(c.id, {
          name: c.name,
          memberNo: c.member_no,
          phonesNational: phones.get(c.id) ?? [],
          emails: emails.get(c.id) ?? [],
        })) {
          rows.push(row);
        }
      }
    }
  }
  for (let i = 0; i < ids.length; i += TERM_CHUNK) del.run(JSON.stringify(ids.slice(i, i + TERM_CHUNK)));
  // Many rows per statement: the per-statement cost is most of a small insert's. (Sorting the rows
  // by term first was measured: no faster, the customer index then takes random inserts.)
  const full = Math.floor(rows.length / TERM_ROWS_PER_INSERT) * TERM_ROWS_PER_INSERT;
  if (full > 0) {
    const insMany = stmt(db, `${INSERT_TERMS} ${Array.from({ length: TERM_ROWS_PER_INSERT }, () => '(?, ?, ?)').join(', ')}`);
    for (let i = 0; i < full; i += TERM_ROWS_PER_INSERT) insMany.run(...rows.slice(i, i + TERM_ROWS_PER_INSERT).flat());
  }
  for (let i = full; i < rows.length; i++) ins.run(...rows[i]!);
}

const INSERT_TERMS = 'INSERT OR IGNORE INTO search_terms (term, customer_id, field) VALUES';
/** Term rows per multi-row INSERT (3 parameters each; SQLite allows 32766). */
const TERM_ROWS_PER_INSERT = 64;

/** Customers per json_each() list in refreshSearchTermsOf. */
const TERM_CHUNK = 500;

function groupBy<R extends { customer_id: string }>(rows: readonly R[], value: (r: R) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.customer_id);
    if (list) list.push(value(r));
    else out.set(r.customer_id, [value(r)]);
  }
  return out;
}
