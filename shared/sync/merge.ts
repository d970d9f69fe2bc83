import { formatHlc, hlcTick, parseHlc } from './hlc';
import type { ChangeFields } from './protocol';

// Per-field last-writer-wins with conflict records (SYNC.md "Merge"). Pure: the hub loads the
// stored row, calls mergeChange, and writes back what it returns.
//
// Every stored field carries a clock { hlc, seat, seq }: the (clamped) HLC of the write that
// set it, the hub seat id that wrote it ('hub' for a supervisor's resolution) and the server
// sequence at which it was written.
//
// STAMPS. The hub merges with a seat write's EFFECTIVE stamp (seatHlc): its HLC clamped to the
// hub's receive time (clampHlc), and kept strictly after the effective stamp of the same seat's
// previous applied write (seats.last_hlc). Clamping alone is not monotonic: a seat running
// ahead whose two writes reach the hub in one push (or in two pushes at the same hub ms) gets
// both clamped to that ms with their own counters, so the later write can come out EQUAL to the
// earlier one (taken below for "the same write again") or SMALLER (it loses to the seat's own
// older write, which counts as seen): either way the seat's newest value was dropped without a
// conflict. The effective stamps of one seat follow its outbox order, as its HLC does.
//
// WINNER. For one field, the incoming write wins when (hlc, seat) is greater than the stored
// field's (hlc, seat): HLC first (its text form sorts like the stamps, node last), then the
// hub seat id as the final tie-break. An identical (hlc, seat) is the same write again: a
// no-op (idempotence).
//
// CONCURRENT. The incoming write from seat I "saw" the stored value S of a field when
//     seat(S) = I                                   (a seat's own older write), or
//     seq(S) <= I's pull cursor  AND  hlc(I) > hlc(S)  (I had pulled S, and, since a seat merges
//                                                     pulled stamps into its HLC, wrote after it).
// Otherwise the two writes are concurrent. Note that a write that LOSES never saw the value it
// loses to (having seen it would have put its HLC past it), so every losing incoming value
// from another seat is concurrent.
//
// CONFLICT. When two concurrent writes set a field to different values, the losing value is
// kept in a conflict record (winner and loser, value, hlc, seat) — whichever side loses, the
// stored one or the incoming one. The same value arriving is not a conflict; neither is a
// seat overwriting its own value, nor a value the writer had seen. updated_at is bookkeeping
// that every edit touches: it merges by LWW like the rest but is never reported.
//
// SEEN. I's pull cursor is the one I reports with its push (PushRequest.cursor): the last server
// sequence it has APPLIED, committed with the pulled data, capped by what the hub sent it. A
// pull answer lost on the way, or a batch the seat crashed before applying, is not "seen".
// Known limit: the cursor is the seat's at PUSH time, so a write made before a pull that
// delivered S but pushed after it, with a higher HLC, counts as "saw". A seat pushes its outbox
// before it pulls, which keeps that window to writes made while a sync round is running; the
// seat must also merge pulled stamps into its HLC (hlcReceive).
//
// DELETE WINS. deleted_at is a field too, with one exception to LWW: a tombstone (non-null)
// beats a concurrent null (an undelete or an insert's null) whatever the clocks say; an
// undelete wins only when it is newer AND saw the delete. Two tombstones merge by LWW without
// a conflict. A concurrent edit of other fields of a deleted row is still applied to those
// fields (nothing is dropped) but the row stays deleted.

export const HUB_ORIGIN = 'hub';
const BOOKKEEPING = new Set(['updated_at']);

export interface FieldClock {
  hlc: string;
  seat: string;
  seq: number;
}
export type FieldClocks = Record<string, FieldClock>;
export type FieldValue = string | number | null;

export interface StoredRow {
  fields: ChangeFields;
  clocks: FieldClocks;
}

export interface IncomingChange {
  fields: ChangeFields;
  /** The effective stamp: already clamped and ordered after the seat's previous write (seatHlc). */
  hlc: string;
  /** Hub seat id of the writer. */
  seat: string;
  /** The server sequence the writer had applied (its pull cursor) when it pushed. */
  seenSeq: number;
}

export interface MergeConflict {
  field: string;
  winnerValue: FieldValue;
  winnerHlc: string;
  winnerSeat: string;
  loserValue: FieldValue;
  loserHlc: string;
  loserSeat: string;
}

export interface MergeResult {
  /** The row after the merge. */
  row: StoredRow;
  /** Incoming fields that won (the change the hub logs for pull). */
  won: ChangeFields;
  /** Incoming fields that lost to the stored value. */
  lost: string[];
  conflicts: MergeConflict[];
  /** deleted_at after the merge (null when live). */
  deletedAt: number | null;
}

/** Compares two field writes by (hlc, seat). */
export function compareWrite(a: { hlc: string; seat: string }, b: { hlc: string; seat: string }): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.seat < b.seat ? -1 : a.seat > b.seat ? 1 : 0;
}

/**
 * Caps a seat's HLC physical time at the hub's receive time, so a seat whose clock runs ahead
 * cannot win every conflict until the real time catches up. skewMs > 0 is how far ahead it was.
 */
export function clampHlc(hlc: string, receivedAt: number): { hlc: string; skewMs: number } {
  const h = parseHlc(hlc);
  if (h.ms <= receivedAt) return { hlc, skewMs: 0 };
  return { hlc: formatHlc({ ms: receivedAt, counter: h.counter, node: h.node }), skewMs: h.ms - receivedAt };
}

/**
 * The stamp the hub merges a seat's write with: clampHlc, then strictly after `last`, the
 * effective stamp of the same seat's previous applied write (null when none is known). A write
 * at or below `last` (clamped onto the same receive ms, or a hub clock that stepped back) takes
 * the next tick after `last`. skewMs is clampHlc's.
 */
export function seatHlc(hlc: string, receivedAt: number, last: string | null): { hlc: string; skewMs: number } {
  const clamped = clampHlc(hlc, receivedAt);
  if (last === null || clamped.hlc > last) return clamped;
  const prev = parseHlc(last);
  const next = hlcTick({ ...prev, node: parseHlc(hlc).node }, prev.ms);
  return { hlc: formatHlc(next), skewMs: clamped.skewMs };
}

function sawStored(stored: FieldClock, inc: IncomingChange): boolean {
  return stored.seat === inc.seat || (stored.seq <= inc.seenSeq && inc.hlc > stored.hlc);
}

/**
 * Merges one incoming change into the stored row (null when the hub has none). `seq` is the
 * server sequence this change is logged at; it becomes the clock seq of the fields it wins.
 */
export function mergeChange(stored: StoredRow | null, inc: IncomingChange, seq: number): MergeResult {
  const fields: ChangeFields = { ...(stored?.fields ?? {}) };
  const clocks: FieldClocks = { ...(stored?.clocks ?? {}) };
  const won: ChangeFields = {};
  const lost: string[] = [];
  const conflicts: MergeConflict[] = [];
  const incomingClock: FieldClock = { hlc: inc.hlc, seat: inc.seat, seq };

  for (const [field, value] of Object.entries(inc.fields)) {
    const clock = clocks[field];
    if (!clock) {
      fields[field] = value;
      clocks[field] = incomingClock;
      won[field] = value;
      continue;
    }
    const order = compareWrite(inc, clock);
    if (order === 0) continue; // the same write again
    const current = fields[field] ?? null;
    const concurrent = !sawStored(clock, inc);
    let incomingWins = order > 0;
    let report = concurrent && current !== value && !BOOKKEEPING.has(field);
    if (field === 'deleted_at') {
      if (value !== null && current === null) incomingWins = true; // delete wins
      else if (value === null && current !== null) incomingWins = incomingWins && !concurrent; // undelete must have seen it
      else report = false; // two tombstones, or two nulls
    }
    if (incomingWins) {
      if (report) conflicts.push(conflict(field, value, inc.hlc, inc.seat, current, clock.hlc, clock.seat));
      fields[field] = value;
      clocks[field] = incomingClock;
      won[field] = value;
    } else {
      if (report) conflicts.push(conflict(field, current, clock.hlc, clock.seat, value, inc.hlc, inc.seat));
      lost.push(field);
    }
  }
  const deletedAt = fields.deleted_at;
  return { row: { fields, clocks }, won, lost, conflicts, deletedAt: typeof deletedAt === 'number' ? deletedAt : null };
}

function conflict(field: string, wv: FieldValue, wh: string, ws: string, lv: FieldValue, lh: string, ls: string): MergeConflict {
  return { field, winnerValue: wv, winnerHlc: wh, winnerSeat: ws, loserValue: lv, loserHlc: lh, loserSeat: ls };
}
