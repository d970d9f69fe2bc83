import type { Database } from 'better-sqlite3';
import { compareHlc, formatHlc, hlcReceive, hlcTick, parseHlc, type Hlc } from '../../../shared/sync/hlc';
import type { Clock } from '../clock';

/** What every write needs: the store, who is writing, the time, and this seat's HLC. */
export interface WriteContext {
  readonly db: Database;
  readonly seatId: string;
  readonly actorId: string | null;
  readonly clock: Clock;
  /** Next HLC stamp; persisted in seat_meta inside the caller's transaction. */
  nextHlc(): string;
  /**
   * Merges a stamp pulled from the hub (hlcReceive), so this seat's next stamps come after it.
   * Persisted inside the caller's transaction, like nextHlc.
   */
  receiveHlc(remote: string): void;
  /**
   * Called after each outbox stamp is issued (inside the writer's transaction, which may still
   * roll back): the sync engine uses it to push soon. Returns the unsubscribe function.
   */
  onStamp(listener: () => void): () => void;
}

export function createWriteContext(db: Database, seatId: string, actorId: string | null, clock: Clock): WriteContext {
  const saved = db.prepare<[], { value: string }>("SELECT value FROM seat_meta WHERE key = 'hlc'").get();
  let last: Hlc = saved ? parseHlc(saved.value) : { ms: 0, counter: 0, node: seatId };
  const save = db.prepare("INSERT INTO seat_meta (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const listeners = new Set<() => void>();
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
      for (const l of listeners) l();
      return text;
    },
    receiveHlc(remote) {
      const r = parseHlc(remote);
      const next = hlcReceive(last, r, clock.now());
      if (compareHlc(next, last) <= 0) return;
      save.run(formatHlc(next));
      last = next;
    },
    onStamp(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
