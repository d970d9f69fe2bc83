/**
 * Bulk-load tuning for the demo import: drop the secondary indexes and build them once at the
 * end (one sort each instead of millions of random B-tree inserts), and relax durability while
 * loading. The dropped indexes' SQL is kept in seat_meta in the same transaction as the DROP, so
 * a load killed half-way never leaves a store that silently lacks its indexes: the next demo
 * run (or ensureDemoData) rebuilds them first.
 */
import type { Database } from 'better-sqlite3';

const META_KEY = 'demo.dropped_indexes';

export interface IndexDef {
  name: string;
  sql: string;
}

/** Drops every explicitly created index on `tables`; returns what was dropped, in creation order. */
export function dropSecondaryIndexes(db: Database, tables: readonly string[]): IndexDef[] {
  return db.transaction(() => {
    const pending = pendingIndexes(db);
    const found = db
      .prepare<[], IndexDef & { tbl_name: string }>(
        "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid",
      )
      .all()
      .filter((i) => tables.includes(i.tbl_name))
      .map(({ name, sql }) => ({ name, sql }));
    const all = [...pending, ...found];
    db.prepare('INSERT INTO seat_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      META_KEY,
      JSON.stringify(all),
    );
    for (const i of found) db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
    return all;
  })();
}

/** Indexes a previous (possibly interrupted) load dropped and has not rebuilt yet. */
export function pendingIndexes(db: Database): IndexDef[] {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM seat_meta WHERE key = ?').get(META_KEY);
  return row ? (JSON.parse(row.value) as IndexDef[]) : [];
}

/** Builds the dropped indexes one by one; each is committed together with its removal from the list. */
export function recreateIndexes(db: Database, onIndex?: (done: number, total: number, name: string) => void): number {
  const all = pendingIndexes(db);
  const save = db.prepare('UPDATE seat_meta SET value = ? WHERE key = ?');
  all.forEach((index, i) => {
    db.transaction(() => {
      db.exec(index.sql.replace(/^CREATE (UNIQUE )?INDEX /i, (m) => `${m}IF NOT EXISTS `));
      save.run(JSON.stringify(all.slice(i + 1)), META_KEY);
    })();
    onIndex?.(i + 1, all.length, index.name);
  });
  db.prepare('DELETE FROM seat_meta WHERE key = ?').run(META_KEY);
  return all.length;
}
