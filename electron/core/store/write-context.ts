import type { Database } from 'better-sqlite3';
import { formatHlc, hlcTick, parseHlc, type Hlc } from '../../../shared/sync/hlc';
import type { Clock } from '../clock';

/** What every write needs: the store, who is writing, the time, and this seat's HLC. */
export interface WriteContext {
  readonly db: Database;
  readonly seatId: string;
  readonly actorId: string | null;
  readonly clock: Clock;
  /** Next HLC stamp; persisted in seat_meta inside the caller's transaction. */
  nextHlc(): string;
}

export function createWriteContext(db: Database, seatId: string, actorId: string | null, clock: Clock): WriteContext {
  const saved = db.prepare<[], { value: string }>("SELECT value FROM seat_meta WHERE key = 'hlc'").get();
  let last: Hlc = saved ? parseHlc(saved.value) : { ms: 0, counter: 0, node: seatId };
  const save = db.prepare("INSERT INTO seat_meta (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  return {
    db,
    seatId,
    actorId,
    clock,
    nextHlc() {
      const next = hlcTick(last, clock.now());
      const text = formatHlc(next);
      save.run(text);
      // Only adopt the stamp once it is saved; a rolled-back transaction re-issues a later one,
      // which is still monotonic.
      last = next;
      return text;
    },
  };
}
