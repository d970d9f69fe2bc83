import type pg from 'pg';
import { validateChange, type SyncedEntity } from '../../shared/sync/entity-schemas';
import { formatHlc, hlcTick, parseHlc, type Hlc } from '../../shared/sync/hlc';
import { HUB_ORIGIN, mergeChange, type MergeConflict, type StoredRow } from '../../shared/sync/merge';
import type { ChangeFields } from '../../shared/sync/protocol';
import { advanceCounter, loadRows, lockCounter, rowKey, writeChanges, writeConflicts, writeRows, type PlannedChange } from '../push';

// Headquarters' bulk write into the hub (import customers, import demo). The rows are written
// AS THE HUB (origin `hub`, merge.ts HUB_ORIGIN), in chunks, each chunk one transaction that
// takes the same locks in the same order as a push (server/push.ts): the counter row first,
// then the rows it merges into FOR UPDATE. So it is safe while seats push: sequences stay in
// commit order and every chunk is visible to pulls at once; one NOTIFY per chunk wakes the
// online seats.
//
// Stamps: every row gets its own hub HLC, after the wall clock, after the previous row's and
// after the stored clocks of the fields it overwrites, so the import wins over what the hub
// had, and any later seat edit (a seat merges pulled stamps into its clock) wins over the import.
//
// Merge: a row the hub does not have is logged as one insert with all its fields. A row it has
// is merged per field (mergeChange) with only the fields whose value differs (updated_at only
// along with another field), so a re-import of the same data logs nothing. A value a seat wrote
// that the import overwrites is kept as a conflict record (the import did not "see" it in the
// sense of merge.ts: seenSeq 0), so a supervisor can restore the branch's edit; a value the hub
// wrote (an earlier import) is replaced silently. A tombstone stays: an import never undeletes.

export interface BulkRow {
  entity: SyncedEntity;
  id: string;
  /** The full row as an insert (the entity's key column included). */
  fields: ChangeFields;
}

export interface BulkProgress {
  done: number;
  total: number;
  serverSeq: number;
}

export interface BulkWriteOptions {
  /** Rows per transaction (default 2500). */
  chunkSize?: number;
  /** Wall clock (default Date.now). */
  now?: () => number;
  /** Called after each committed chunk. */
  onChunk?: (p: BulkProgress) => void;
}

export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface BulkWriteResult {
  rows: number;
  /** Per entity: rows new to the hub, rows with at least one changed field, rows already as given. */
  byEntity: Partial<Record<SyncedEntity, EntityCounts>>;
  /** Pull log entries written. */
  changes: number;
  conflicts: number;
  chunks: number;
  /** The hub's server sequence after the last chunk. */
  serverSeq: number;
  ms: number;
}

export const DEFAULT_CHUNK = 2500;

/** Fields whose value the stored row already has: they are not written again. */
function changedFields(stored: StoredRow, fields: ChangeFields): ChangeFields {
  const out: ChangeFields = {};
  let any = false;
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'updated_at' || k === 'created_at') continue;
    if ((stored.fields[k] ?? null) !== v) {
      out[k] = v;
      any = true;
    }
  }
  if (any && fields.updated_at !== undefined && fields.updated_at !== (stored.fields.updated_at ?? null)) out.updated_at = fields.updated_at;
  return out;
}

/**
 * Writes `rows` (an iterable read once, `total` long, parents before children) into the hub.
 * Every row is validated with the entity schemas a push is checked with; an invalid row throws
 * before its chunk commits (chunks already committed stay: they are complete, valid rows).
 */
export async function bulkWrite(pool: pg.Pool, rows: Iterable<BulkRow>, total: number, opts: BulkWriteOptions = {}): Promise<BulkWriteResult> {
  const started = performance.now();
  const chunkSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  const wall = opts.now ?? Date.now;
  const result: BulkWriteResult = { rows: 0, byEntity: {}, changes: 0, conflicts: 0, chunks: 0, serverSeq: 0, ms: 0 };
  let last: Hlc = { ms: 0, counter: 0, node: HUB_ORIGIN };
  const stamp = (after: string | null, at: number): string => {
    if (after !== null && after >= formatHlc(last)) {
      const p = parseHlc(after);
      last = { ms: p.ms, counter: p.counter, node: HUB_ORIGIN };
    }
    last = hlcTick(last, at);
    return formatHlc(last);
  };
  const count = (entity: SyncedEntity, what: keyof EntityCounts) => {
    const c = (result.byEntity[entity] ??= { inserted: 0, updated: 0, unchanged: 0 });
    c[what] += 1;
  };

  let chunk: BulkRow[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const batch = chunk;
    chunk = [];
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Same lock order as a push: the counter row first, then the rows.
      const base = await lockCounter(client);
      let next = base;
      const keys = new Map<string, { e: string; i: string }>();
      for (const r of batch) keys.set(rowKey(r.entity, r.id), { e: r.entity, i: r.id });
      const stored = await loadRows(client, [...keys.values()]);
      const state = new Map<string, StoredRow & { deletedAt: number | null }>();
      const planned: PlannedChange[] = [];
      const conflicts: (MergeConflict & { entity: string; entityId: string })[] = [];
      const at = wall();
      for (const r of batch) {
        const key = rowKey(r.entity, r.id);
        const before = state.get(key) ?? stored.get(key) ?? null;
        const fields = before ? changedFields(before, r.fields) : r.fields;
        if (Object.keys(fields).length === 0) {
          count(r.entity, 'unchanged');
          continue;
        }
        let after: string | null = null;
        if (before) for (const f of Object.keys(fields)) { const h = before.clocks[f]?.hlc; if (h !== undefined && (after === null || h > after)) after = h; }
        const hlc = stamp(after, at);
        const seq = next + 1;
        const merged = mergeChange(before, { fields, hlc, seat: HUB_ORIGIN, seenSeq: 0 }, seq);
        state.set(key, { ...merged.row, deletedAt: merged.deletedAt });
        for (const k of merged.conflicts) conflicts.push({ ...k, entity: r.entity, entityId: r.id });
        if (Object.keys(merged.won).length > 0) {
          next = seq;
          planned.push({ seq, entity: r.entity, entityId: r.id, op: before ? 'update' : 'insert', fields: merged.won, hlc, origin: HUB_ORIGIN });
        }
        count(r.entity, before ? 'updated' : 'inserted');
      }
      await writeRows(
        client,
        [...state].map(([k, s]) => {
          const [entity, id] = k.split('\u0000') as [string, string];
          return { entity, id, fields: s.fields, clocks: s.clocks, deleted_at: s.deletedAt };
        }),
      );
      await writeChanges(client, planned, at);
      await writeConflicts(client, conflicts, at);
      if (next > base) await advanceCounter(client, next);
      await client.query('COMMIT');
      result.changes += planned.length;
      result.conflicts += conflicts.length;
      result.serverSeq = next;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    result.rows += batch.length;
    result.chunks += 1;
    opts.onChunk?.({ done: result.rows, total, serverSeq: result.serverSeq });
  };

  for (const r of rows) {
    const invalid = validateChange(r.entity, 'insert', r.fields, r.id);
    if (invalid) throw new Error(`${r.entity} ${r.id} is not a valid row (${invalid.code}): ${invalid.reason}`);
    chunk.push(r);
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();
  if (result.chunks === 0) {
    const { rows: c } = await pool.query<{ v: string }>('SELECT v FROM sync_counter WHERE id = 1');
    result.serverSeq = Number(c[0]!.v);
  }
  result.ms = performance.now() - started;
  return result;
}

/** `12,345/67,890 rows (18%)` */
export function progressLine(p: BulkProgress, prefix: string): string {
  const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
  return `${prefix}: ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} rows (${pct}%) written, server seq ${p.serverSeq}`;
}
