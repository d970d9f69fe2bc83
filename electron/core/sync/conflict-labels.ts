import type { Database } from 'better-sqlite3';
import type { Conflict } from '../../../shared/contract/sync-schemas';
import { stmt } from '../store/statements';

// A label for the record a hub conflict is about, read from this seat's store, so a supervisor
// sees which customer (complaint, callback) it concerns instead of a row id. Language-neutral
// text (names, numbers, times): the renderer puts it in its own sentence. Null when the record is
// not on this seat or its kind has no cheap label.

interface CustomerRow {
  name: string;
  member_no: string | null;
}
interface ComplaintRow {
  name: string | null;
  current_step: number;
}
interface CallbackRow {
  name: string | null;
  phone: string;
  window_start: number;
  window_end: number;
  time_zone: string;
}

const customerLabel = (c: CustomerRow): string => (c.member_no ? `${c.name} (${c.member_no})` : c.name);

/** "2025-05-12 14:00" in the zone (UTC when the zone is unknown to this runtime). */
function wallTime(ms: number, timeZone: string): string {
  const parts = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  let p: Record<string, string>;
  try {
    p = parts(timeZone);
  } catch {
    p = parts('UTC');
  }
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2025-05-12 14:00–15:00", the end with its date only when it falls on another day. */
function windowText(start: number, end: number, timeZone: string): string {
  const from = wallTime(start, timeZone);
  const to = wallTime(end, timeZone);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)}` : `${from}–${to}`;
}

export function recordLabel(db: Database, entity: string, id: string): string | null {
  switch (entity) {
    case 'customers': {
      const c = stmt<[string], CustomerRow>(db, 'SELECT name, member_no FROM customers WHERE id = ?').get(id);
      return c ? customerLabel(c) : null;
    }
    case 'complaints': {
      const c = stmt<[string], ComplaintRow>(
        db,
        'SELECT cu.name, co.current_step FROM complaints co LEFT JOIN customers cu ON cu.id = co.customer_id WHERE co.id = ?',
      ).get(id);
      return c ? `${c.name ?? '?'} · ${c.current_step}/6` : null;
    }
    case 'callbacks': {
      const c = stmt<[string], CallbackRow>(
        db,
        `SELECT cu.name, cb.phone, cb.window_start, cb.window_end, cb.time_zone
           FROM callbacks cb LEFT JOIN customers cu ON cu.id = cb.customer_id WHERE cb.id = ?`,
      ).get(id);
      return c ? `${c.name ?? c.phone} · ${windowText(c.window_start, c.window_end, c.time_zone)}` : null;
    }
    default:
      return null;
  }
}

/** The branch's name (branches are maintained at headquarters and pulled); the code when this seat has no such branch. */
export function branchName(db: Database, code: string | null | undefined): string | null | undefined {
  if (!code) return code;
  return stmt<[string], { name: string }>(db, 'SELECT name FROM branches WHERE id = ? AND deleted_at IS NULL').get(code)?.name ?? code;
}

export const withRecordLabel = (db: Database, c: Conflict): Conflict => ({
  ...c,
  recordLabel: recordLabel(db, c.entity, c.entityId),
  ...(c.winnerBranch !== undefined ? { winnerBranch: branchName(db, c.winnerBranch) } : {}),
  ...(c.loserBranch !== undefined ? { loserBranch: branchName(db, c.loserBranch) } : {}),
});
