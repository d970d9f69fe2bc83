import { describe, expect, it } from 'vitest';
import { formatHlc, hlcReceive, hlcTick, parseHlc, type Hlc } from '../../../../shared/sync/hlc';
import { clampHlc, compareWrite, mergeChange, seatHlc, type IncomingChange, type StoredRow } from '../../../../shared/sync/merge';

const T = Date.UTC(2026, 10, 26, 2, 0, 0);
const h = (ms: number, counter = 0, node = 'n'): string => formatHlc({ ms, counter, node });
const inc = (fields: IncomingChange['fields'], hlc: string, seat: string, seenSeq = 0): IncomingChange => ({ fields, hlc, seat, seenSeq });
/** A row as after an insert by `seat` at `hlc`, logged at server seq `seq`. */
const row = (fields: StoredRow['fields'], hlc: string, seat: string, seq = 1): StoredRow => ({
  fields,
  clocks: Object.fromEntries(Object.keys(fields).map((f) => [f, { hlc, seat, seq }])),
});

describe('HLC clamping at the hub', () => {
  it('caps a seat clock ten minutes ahead at the receive time and reports the skew', () => {
    const ahead = h(T + 10 * 60_000, 3, 'fast');
    const { hlc, skewMs } = clampHlc(ahead, T);
    expect(skewMs).toBe(10 * 60_000);
    expect(parseHlc(hlc)).toEqual({ ms: T, counter: 3, node: 'fast' });
  });

  it('leaves a stamp at or before the receive time alone', () => {
    expect(clampHlc(h(T - 5), T)).toEqual({ hlc: h(T - 5), skewMs: 0 });
  });

  it('a fast seat cannot win against a later write once clamped', () => {
    // Fast seat writes at real time T (its clock says T+10 min), hub receives at T.
    const fast = clampHlc(h(T + 600_000, 0, 'fast'), T).hlc;
    // A correct seat writes one second later, without having seen it.
    const slow = clampHlc(h(T + 1000, 0, 'slow'), T + 1500).hlc;
    const afterFast = mergeChange(null, inc({ name: 'fast' }, fast, 'A'), 1).row;
    const merged = mergeChange(afterFast, inc({ name: 'slow' }, slow, 'B'), 2);
    expect(merged.row.fields.name).toBe('slow');
    expect(merged.conflicts).toHaveLength(1);
  });

  it("keeps a fast seat's writes in their order when both are clamped onto one receive ms", () => {
    // Seat 5 min ahead: two edits of one field, the second with a later ms but a LOWER counter,
    // and a third with the same counter as the first. One push, received at T.
    const first = seatHlc(h(T + 300_000, 3, 'fast'), T, null);
    const second = seatHlc(h(T + 300_010, 0, 'fast'), T, first.hlc);
    const third = seatHlc(h(T + 300_020, 3, 'fast'), T, second.hlc);
    expect(parseHlc(first.hlc)).toEqual({ ms: T, counter: 3, node: 'fast' });
    expect(second.hlc > first.hlc).toBe(true); // clampHlc alone: (T, 0) < (T, 3), the later edit lost
    expect(third.hlc > second.hlc).toBe(true); // clampHlc alone: equal to the first, "the same write"
    expect(second.skewMs).toBe(300_010);
    // The merge keeps the newest value, without a conflict (a seat overwriting its own value).
    let r = mergeChange(null, inc({ id: 'c1', name: 'one' }, first.hlc, 'A'), 1);
    r = mergeChange(r.row, inc({ name: 'two' }, second.hlc, 'A'), 2);
    r = mergeChange(r.row, inc({ name: 'three' }, third.hlc, 'A'), 3);
    expect(r.row.fields.name).toBe('three');
    expect(r.conflicts).toEqual([]);
  });

  it('keeps the order across pushes at the same hub ms, and leaves an in-order stamp alone', () => {
    const a = seatHlc(h(T + 600_000, 9, 'fast'), T, null).hlc;
    const b = seatHlc(h(T + 600_001, 0, 'fast'), T, a).hlc;
    expect(parseHlc(b)).toEqual({ ms: T, counter: 10, node: 'fast' });
    expect(seatHlc(h(T - 5, 0, 'ok'), T, h(T - 10, 4, 'ok'))).toEqual({ hlc: h(T - 5, 0, 'ok'), skewMs: 0 });
    // A hub clock that stepped back still orders the seat's next write after its last one.
    expect(seatHlc(h(T + 1, 0, 'x'), T - 1000, h(T, 2, 'x')).hlc).toBe(h(T, 3, 'x'));
  });

  it('a seat 10 minutes behind stays monotonic and moves past what it pulls', () => {
    let mine: Hlc = { ms: 0, counter: 0, node: 'late' };
    const wall = T - 600_000;
    mine = hlcTick(mine, wall);
    const pulled = parseHlc(h(T, 4, 'other'));
    mine = hlcReceive(mine, pulled, wall);
    const next = hlcTick(mine, wall + 1);
    expect(formatHlc(next) > formatHlc(pulled)).toBe(true);
  });
});

describe('per-field last-writer-wins', () => {
  const base = row({ id: 'c1', name: 'Wang', city: 'Hangzhou', updated_at: T }, h(T, 0, 'a'), 'A', 1);

  it('applies an insert on an empty row', () => {
    const r = mergeChange(null, inc({ id: 'c1', name: 'Li' }, h(T), 'A'), 1);
    expect(r.row.fields).toEqual({ id: 'c1', name: 'Li' });
    expect(r.won).toEqual({ id: 'c1', name: 'Li' });
    expect(r.row.clocks.name).toEqual({ hlc: h(T), seat: 'A', seq: 1 });
    expect(r.conflicts).toEqual([]);
  });

  it('merges fields independently: two seats editing different fields both keep theirs', () => {
    // Both had pulled the insert (seq 1); neither saw the other's edit.
    const a = mergeChange(base, inc({ name: 'Wang Wei', updated_at: T + 10 }, h(T + 10, 0, 'a'), 'A', 1), 2);
    const b = mergeChange(a.row, inc({ city: 'Suzhou', updated_at: T + 5 }, h(T + 5, 0, 'b'), 'B', 1), 3);
    expect(b.row.fields).toMatchObject({ name: 'Wang Wei', city: 'Suzhou', updated_at: T + 10 });
    expect(b.lost).toEqual(['updated_at']);
    expect(b.conflicts).toEqual([]); // updated_at is bookkeeping, never a conflict
  });

  it('a concurrent later write wins and the overwritten value is kept in a conflict', () => {
    const r = mergeChange(base, inc({ name: 'Zhang' }, h(T + 50, 0, 'b'), 'B', 0), 2);
    expect(r.row.fields.name).toBe('Zhang');
    expect(r.conflicts).toEqual([
      { field: 'name', winnerValue: 'Zhang', winnerHlc: h(T + 50, 0, 'b'), winnerSeat: 'B', loserValue: 'Wang', loserHlc: h(T, 0, 'a'), loserSeat: 'A' },
    ]);
  });

  it('a concurrent earlier write loses and its value is kept in a conflict', () => {
    const r = mergeChange(base, inc({ name: 'Zhang' }, h(T - 50, 0, 'b'), 'B', 5), 2);
    expect(r.row.fields.name).toBe('Wang');
    expect(r.lost).toEqual(['name']);
    expect(r.won).toEqual({});
    expect(r.conflicts[0]).toMatchObject({ winnerValue: 'Wang', loserValue: 'Zhang', loserSeat: 'B' });
  });

  it('no conflict when the writer had pulled the value it overwrites', () => {
    const r = mergeChange(base, inc({ name: 'Zhang' }, h(T + 50, 0, 'b'), 'B', 1), 2);
    expect(r.row.fields.name).toBe('Zhang');
    expect(r.conflicts).toEqual([]);
  });

  it('no conflict when the same value arrives concurrently', () => {
    const r = mergeChange(base, inc({ name: 'Wang' }, h(T + 50, 0, 'b'), 'B', 0), 2);
    expect(r.conflicts).toEqual([]);
    expect(r.row.clocks.name?.seat).toBe('B');
  });

  it('no conflict when a seat overwrites its own value', () => {
    const r = mergeChange(base, inc({ name: 'Wang Wei' }, h(T + 50, 0, 'a'), 'A', 0), 2);
    expect(r.row.fields.name).toBe('Wang Wei');
    expect(r.conflicts).toEqual([]);
  });

  it('breaks an exact HLC tie by seat id', () => {
    const stamp = h(T + 7, 0, 'same-node');
    const fromA = mergeChange(base, inc({ city: 'A-city' }, stamp, 'A2'), 2);
    const then = mergeChange(fromA.row, inc({ city: 'B-city' }, stamp, 'B2'), 3);
    expect(then.row.fields.city).toBe('B-city');
    const other = mergeChange(base, inc({ city: 'B-city' }, stamp, 'B2'), 2);
    const thenA = mergeChange(other.row, inc({ city: 'A-city' }, stamp, 'A2'), 3);
    expect(thenA.row.fields.city).toBe('B-city');
    expect(compareWrite({ hlc: stamp, seat: 'A2' }, { hlc: stamp, seat: 'B2' })).toBeLessThan(0);
  });

  it('is idempotent: the same change twice changes nothing the second time', () => {
    const c = inc({ name: 'Zhang', city: 'Ningbo' }, h(T + 50, 0, 'b'), 'B', 0);
    const once = mergeChange(base, c, 2);
    const twice = mergeChange(once.row, c, 3);
    expect(twice.row).toEqual(once.row);
    expect(twice.won).toEqual({});
    expect(twice.lost).toEqual([]);
    expect(twice.conflicts).toEqual([]);
  });

  it('converges whatever the order the hub receives concurrent writes in', () => {
    const writes = [
      inc({ name: 'x', city: 'p' }, h(T + 3, 0, 'a'), 'A'),
      inc({ name: 'y' }, h(T + 9, 0, 'b'), 'B'),
      inc({ city: 'q', name: 'z' }, h(T + 6, 0, 'c'), 'C'),
    ];
    const orders = [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]];
    const results = orders.map((o) => o.reduce<StoredRow>((r, i, k) => mergeChange(r, writes[i]!, 10 + k).row, base));
    for (const r of results) expect({ name: r.fields.name, city: r.fields.city }).toEqual({ name: 'y', city: 'q' });
  });
});

describe('deletes', () => {
  const live = row({ id: 'c1', name: 'Wang', deleted_at: null }, h(T, 0, 'a'), 'A', 1);

  it('a delete wins over a concurrent later edit; the edit still lands on its field', () => {
    const del = mergeChange(live, inc({ deleted_at: T + 1, updated_at: T + 1 }, h(T + 1, 0, 'a'), 'A', 1), 2);
    const edit = mergeChange(del.row, inc({ name: 'Li' }, h(T + 100, 0, 'b'), 'B', 1), 3);
    expect(edit.deletedAt).toBe(T + 1);
    expect(edit.row.fields.name).toBe('Li');
  });

  it('a delete beats a concurrent undelete with a later clock, and the undelete is kept as a conflict', () => {
    const del = mergeChange(live, inc({ deleted_at: T + 1 }, h(T + 1, 0, 'a'), 'A', 1), 2);
    const undelete = mergeChange(del.row, inc({ deleted_at: null }, h(T + 100, 0, 'b'), 'B', 1), 3);
    expect(undelete.deletedAt).toBe(T + 1);
    expect(undelete.conflicts).toMatchObject([{ field: 'deleted_at', winnerValue: T + 1, loserValue: null }]);
  });

  it('a delete with an older clock still beats a live value it did not see', () => {
    const edited = mergeChange(live, inc({ deleted_at: null, name: 'Li' }, h(T + 100, 0, 'b'), 'B', 0), 2);
    const del = mergeChange(edited.row, inc({ deleted_at: T + 5 }, h(T + 5, 0, 'c'), 'C', 1), 3);
    expect(del.deletedAt).toBe(T + 5);
  });

  it('an undelete after seeing the delete is an ordinary newer write', () => {
    const del = mergeChange(live, inc({ deleted_at: T + 1 }, h(T + 1, 0, 'a'), 'A', 1), 2);
    const undelete = mergeChange(del.row, inc({ deleted_at: null }, h(T + 100, 0, 'b'), 'B', 2), 3);
    expect(undelete.deletedAt).toBeNull();
    expect(undelete.conflicts).toEqual([]);
  });
});
