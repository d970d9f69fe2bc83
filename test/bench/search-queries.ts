import type { Database } from 'better-sqlite3';

export interface QueryCase {
  kind: string;
  query: string;
}

/**
 * Realistic queries drawn from the data set itself: what an agent types for a customer they
 * have on the line — the name, its pinyin keystroke by keystroke, initials, a 4+ digit run of
 * a phone, the email's start, the member number.
 */
export function sampleQueries(db: Database, count: number, seed = 7): QueryCase[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const maxRow = (db.prepare('SELECT max(rowid) AS m FROM customers').get() as { m: number }).m;
  const byRowid = db.prepare('SELECT id, name, member_no FROM customers WHERE rowid = ?');
  const terms = db.prepare('SELECT term, field FROM search_terms WHERE customer_id = ?');
  const cases: QueryCase[] = [];
  while (cases.length < count) {
    const c = byRowid.get(1 + Math.floor(rand() * maxRow)) as { id: string; name: string; member_no: string | null } | undefined;
    if (!c) continue;
    const rows = terms.all(c.id) as { term: string; field: number }[];
    const of = (field: number) => rows.filter((r) => r.field === field).map((r) => r.term);
    // Field codes as in electron/core/store/search-repo.ts FIELD_CODES.
    const pinyin = of(1).sort((a, b) => b.length - a.length)[0];
    const initials = of(2)[0];
    const phone = of(3).sort((a, b) => b.length - a.length)[0];
    const email = of(4)[0];
    const pick = Math.floor(rand() * 6);
    if (pick === 0) cases.push({ kind: 'name', query: c.name });
    else if (pick === 1 && pinyin) for (let i = 1; i <= pinyin.length; i++) cases.push({ kind: 'pinyin-typing', query: pinyin.slice(0, i) });
    else if (pick === 2 && initials) cases.push({ kind: 'initials', query: initials });
    else if (pick === 3 && phone) {
      const start = Math.floor(rand() * Math.max(1, phone.length - 4));
      const len = 4 + Math.floor(rand() * (phone.length - start - 3));
      cases.push({ kind: 'phone-run', query: phone.slice(start, start + len) });
    } else if (pick === 4 && email) cases.push({ kind: 'email', query: email.slice(0, Math.max(3, email.indexOf('@'))) });
    else if (c.member_no) cases.push({ kind: 'member', query: c.member_no });
  }
  return cases.slice(0, count);
}
