import type { Database, Statement } from 'better-sqlite3';
import {
  normalizeSearchQuery,
  rankMatch,
  searchTermsFor,
  type SearchField,
} from '../../../shared/domain/search-terms';

// search_terms.field holds a small integer; the order here is the on-disk encoding.
export const FIELD_CODES: readonly SearchField[] = ['name', 'pinyin', 'initials', 'phone', 'email', 'member'];
const CODE_OF = new Map(FIELD_CODES.map((f, i) => [f, i] as const));
export const fieldCode = (f: SearchField): number => CODE_OF.get(f)!;

/** Everything at or after `prefix` that still starts with it sorts below this bound. */
export const prefixUpperBound = (prefix: string): string => `${prefix}\u{10FFFF}`;

export interface TermSource {
  name: string;
  memberNo: string | null;
  phonesNational: readonly string[];
  emails: readonly string[];
}

export function termRows(customerId: string, source: TermSource): [string, string, number][] {
  return searchTermsFor(source).map((t) => [t.term.toLowerCase(), customerId, fieldCode(t.field)]);
}

const statements = new WeakMap<Database, { del: Statement; ins: Statement; range: Statement; memberRange: Statement }>();
function stmts(db: Database) {
  let s = statements.get(db);
  if (!s) {
    s = {
      del: db.prepare('DELETE FROM search_terms WHERE customer_id = ?'),
      ins: db.prepare('INSERT OR IGNORE INTO search_terms (term, customer_id, field) VALUES (?, ?, ?)'),
      range: db.prepare('SELECT term, customer_id AS id, field FROM search_terms WHERE term >= ? AND term < ? LIMIT ?'),
      memberRange: db.prepare(
        `SELECT term, customer_id AS id, field FROM search_terms WHERE term >= ? AND term < ? AND field = ${fieldCode('member')} LIMIT ?`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/** Derived data: rewritten with the customer's row, never synced itself. */
export function replaceSearchTerms(db: Database, customerId: string, source: TermSource): void {
  const s = stmts(db);
  s.del.run(customerId);
  for (const row of termRows(customerId, source)) s.ins.run(...row);
}

export interface SearchHit {
  id: string;
  field: SearchField;
  rank: number;
}

/**
 * Prefix range scan on the term index, then ranking of the bounded candidate set:
 * exact matches first, then by field (member, phone, name, …). `more` tells the UI that the
 * query matched more customers than it shows, so the agent keeps typing.
 */
export function searchCustomerIds(db: Database, rawQuery: string, limit: number): { hits: SearchHit[]; more: boolean } {
  const q = normalizeSearchQuery(rawQuery);
  if (q.kind === 'empty') return { hits: [], more: false };
  const term = q.term.toLowerCase();
  const candidateCap = limit * 4 + 1;
  const s = stmts(db);
  // Fewer than four digits could be any phone; only member numbers are specific enough.
  const rows = (q.kind === 'digits' && term.length < 4 ? s.memberRange : s.range).all(
    term,
    prefixUpperBound(term),
    candidateCap,
  ) as { term: string; id: string; field: number }[];
  const best = new Map<string, SearchHit>();
  for (const r of rows) {
    const field = FIELD_CODES[r.field]!;
    const rank = rankMatch(r.term, term, field);
    const prev = best.get(r.id);
    if (!prev || rank < prev.rank) best.set(r.id, { id: r.id, field, rank });
  }
  const hits = [...best.values()].sort((a, b) => a.rank - b.rank).slice(0, limit);
  return { hits, more: best.size > limit || rows.length === candidateCap };
}
