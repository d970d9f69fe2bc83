import type { Database, Statement } from 'better-sqlite3';
import { SYNCED_ENTITY_SCHEMAS, isSyncedEntity, validateChange } from '../../../shared/sync/entity-schemas';
import { parseHlc } from '../../../shared/sync/hlc';
import type { ChangeFields, PulledChange } from '../../../shared/sync/protocol';
import { SYNCED_TABLES, keyOf, type Entity } from '../store/entities';
import { stmt } from '../store/statements';

// Applying pulled changes to the seat's store. The caller runs applyBatch inside ONE
// transaction together with the new cursor, so the cursor never moves without its data.
//
// - Rows are written directly with prepared statements: never through change-log.ts, so a
//   pulled change is not put back in this seat's outbox nor audited as a local write.
// - UPDATE first (only the pulled fields), INSERT when no row matched. Not an
//   `INSERT … ON CONFLICT DO UPDATE`: SQLite checks NOT NULL on the would-be inserted row
//   before it sees the conflict, so a partial update of an existing row would fail.
// - The pull log holds every value each field took on the hub, this seat's own writes
//   included, in commit order: replaying it over the store ends with the hub's values. An
//   older value from another seat that the hub logged BEFORE our (acknowledged) write but that
//   we pull after it is overwritten again when the pull reaches our own entry, in the same
//   batch or a later one; our own entry is re-applied as is.
// - A field this seat has a newer pending local change for (an outbox row of the same entity
//   and id, touching that field, with a greater HLC) is skipped: our push carries the newer
//   value and the hub settles the merge; a later entry of the log brings the result (ours,
//   when it won; the winner, logged again by the hub, when it lost). The pulled hlc is the
//   clock of each of its fields (the hub logs fields with different clocks apart).
// - A change that cannot be applied yet is kept in sync_pending, merged per field with later
//   pulls of the same row (newer fields win) and retried after every batch:
//     * an update (or tombstone) of a row this seat does not have: the insert lacks the
//       table's NOT NULL columns (SQLITE_CONSTRAINT_NOTNULL). This happens when the row's
//       insert lost fields in the merge or when a row becomes visible to this seat by an edit;
//     * a parent row not here yet (SQLITE_CONSTRAINT_FOREIGNKEY);
//     * a unique value (member_no, a line's number) still held by another row until a later
//       change frees it (SQLITE_CONSTRAINT_UNIQUE).
//   Data that violates a CHECK or a column type is invalid: logged and skipped, never retried.
// - Invalid changes (unknown table, bad field values per shared/sync/entity-schemas.ts) are
//   logged and skipped; a column the hub knows and this seat does not is dropped (an older
//   seat keeps working with the columns it has).

export interface AppliedBatch {
  applied: number;
  /** Fields not applied because a newer local change is waiting to be pushed. */
  skippedFields: number;
  invalid: number;
  /** Rows waiting in sync_pending after this batch. */
  pending: number;
  entities: Set<string>;
  /** Rows whose derived data or views need a refresh. */
  customerIds: Set<string>;
  callbackIds: Set<string>;
  complaintIds: Set<string>;
  /** The greatest HLC seen (merged into the seat's clock by the caller). */
  maxHlc: string | null;
}

type Value = string | number | null;
const SYNCED = new Set<string>(SYNCED_TABLES);
const RETRYABLE = new Set(['SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Parent links whose views must refresh when a child row changes. */
const PARENT_OF: Partial<Record<Entity, { column: string; into: 'customerIds' | 'callbackIds' | 'complaintIds' }>> = {
  customer_phones: { column: 'customer_id', into: 'customerIds' },
  customer_emails: { column: 'customer_id', into: 'customerIds' },
  callback_attempts: { column: 'callback_id', into: 'callbackIds' },
  complaint_steps: { column: 'complaint_id', into: 'complaintIds' },
};
const SELF_INTO: Partial<Record<Entity, 'customerIds' | 'callbackIds' | 'complaintIds'>> = {
  customers: 'customerIds',
  callbacks: 'callbackIds',
  complaints: 'complaintIds',
};

export function createPullApplier(db: Database, log: (message: string, err?: unknown) => void) {
  const columnCache = new Map<string, Set<string>>();
  const warned = new Set<string>();
  const columnsOf = (table: string): Set<string> => {
    let cols = columnCache.get(table);
    if (!cols) {
      cols = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
      columnCache.set(table, cols);
    }
    return cols;
  };
  const warnOnce = (key: string, message: string, err?: unknown) => {
    if (warned.has(key)) return;
    warned.add(key);
    log(message, err);
  };

  // The UPDATE and INSERT statements of each (table, column set), so a row does not rebuild
  // and look up its SQL text (the pull log repeats a handful of shapes).
  const writeStmts = new Map<string, { cols: string[]; update: Statement | null; insert: Statement }>();
  function writeStmtsFor(entity: Entity, fields: ChangeFields) {
    const key = keyOf(entity);
    const cols = Object.keys(fields)
      .filter((c) => c !== key)
      .sort();
    const shape = `${entity}\u0000${cols.join(',')}`;
    let w = writeStmts.get(shape);
    if (!w) {
      w = {
        cols,
        update: cols.length > 0 ? stmt(db, `UPDATE ${entity} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${key} = ?`) : null,
        insert: stmt(db, `INSERT INTO ${entity} (${[key, ...cols].join(', ')}) VALUES (${[key, ...cols].map(() => '?').join(', ')})`),
      };
      writeStmts.set(shape, w);
    }
    return w;
  }

  /**
   * Writes `fields` to the row; throws the SQLite error when a constraint refuses it.
   * `exists`: whether the row is in the table, when the caller just looked (false skips the UPDATE).
   */
  function write(entity: Entity, id: string, fields: ChangeFields, exists?: boolean): void {
    const { cols, update, insert } = writeStmtsFor(entity, fields);
    const values = cols.map((c) => fields[c] as Value);
    if (exists !== false) {
      if (update) {
        if (update.run(...values, id).changes > 0) return;
      } else if (stmt<[string], { x: number }>(db, `SELECT 1 AS x FROM ${entity} WHERE ${keyOf(entity)} = ?`).get(id)) return;
    }
    insert.run(id, ...values);
  }

  /** Fields of this row with a newer local change still in the outbox (not yet acknowledged by the hub). */
  function newerLocalFields(entity: string, id: string, hlc: string): Set<string> | null {
    const rows = stmt<[string, string, string], { fields: string }>(
      db,
      'SELECT fields FROM outbox WHERE entity = ? AND entity_id = ? AND hlc > ?',
    ).all(entity, id, hlc);
    if (rows.length === 0) return null;
    const out = new Set<string>();
    for (const r of rows) for (const f of Object.keys(JSON.parse(r.fields) as object)) out.add(f);
    return out;
  }

  // Whether sync_pending may hold rows: looked up once per batch and set when a row is parked,
  // so the common case (nothing waiting) skips a lookup per pulled row.
  let pendingMaybe = true;
  const getPending = (entity: string, id: string) =>
    pendingMaybe
      ? stmt<[string, string], { fields: string; hlc: string; server_seq: number; attempts: number }>(
          db,
          'SELECT fields, hlc, server_seq, attempts FROM sync_pending WHERE entity = ? AND entity_id = ?',
        ).get(entity, id)
      : undefined;
  const putPending = (entity: string, id: string, fields: ChangeFields, hlc: string, seq: number, attempts: number, error: string) => {
    pendingMaybe = true;
    return stmt(
      db,
      `INSERT INTO sync_pending (entity, entity_id, fields, hlc, server_seq, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(entity, entity_id) DO UPDATE SET fields = excluded.fields, hlc = excluded.hlc, server_seq = excluded.server_seq,
         attempts = excluded.attempts, last_error = excluded.last_error`,
    ).run(entity, id, JSON.stringify(fields), hlc, seq, attempts, error);
  };
  const dropPending = (entity: string, id: string) =>
    stmt(db, 'DELETE FROM sync_pending WHERE entity = ? AND entity_id = ?').run(entity, id);

  /** The row's parent link column; undefined when the row is not in the table. */
  const parentRow = (entity: Entity, id: string, column: string): Record<string, Value> | undefined =>
    stmt<[string], Record<string, Value>>(db, `SELECT ${column} FROM ${entity} WHERE ${keyOf(entity)} = ?`).get(id);
  const parentOf = (entity: Entity, id: string, column: string): string | null => {
    const v = parentRow(entity, id, column)?.[column];
    return typeof v === 'string' ? v : null;
  };

  /** `written`: the fields just written to the row (a parent link among them is not read back). */
  function note(out: AppliedBatch, entity: Entity, id: string, written: ChangeFields): void {
    out.entities.add(entity);
    const self = SELF_INTO[entity];
    if (self) out[self].add(id);
    const parent = PARENT_OF[entity];
    if (parent) {
      const w = written[parent.column];
      const p = typeof w === 'string' ? w : parentOf(entity, id, parent.column);
      if (p) out[parent.into].add(p);
    }
  }

  /** Tries to write; on a retryable constraint keeps the (merged) fields in sync_pending. Returns whether it was written. */
  function writeOrPark(out: AppliedBatch, entity: Entity, id: string, fields: ChangeFields, hlc: string, seq: number): boolean {
    const pending = getPending(entity, id);
    const merged: ChangeFields = pending ? { ...(JSON.parse(pending.fields) as ChangeFields), ...fields } : fields;
    const stamp = pending && pending.hlc > hlc ? pending.hlc : hlc;
    // A phone or e-mail moving to another customer refreshes the old one's search terms too.
    const parent = PARENT_OF[entity];
    let exists: boolean | undefined;
    if (parent && parent.column in merged) {
      const row = parentRow(entity, id, parent.column);
      exists = row !== undefined;
      const before = row?.[parent.column];
      if (typeof before === 'string' && before) out[parent.into].add(before);
    }
    try {
      write(entity, id, merged, exists);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (RETRYABLE.has(code)) {
        putPending(entity, id, merged, stamp, Math.max(seq, pending?.server_seq ?? 0), (pending?.attempts ?? 0) + 1, code);
        return false;
      }
      if (code.startsWith('SQLITE_CONSTRAINT')) {
        // CHECK or column type: the data itself is wrong for this table.
        log(`pulled ${entity} ${id} (server seq ${seq}) violates the table (${code}); skipped`);
        if (pending) dropPending(entity, id);
        out.invalid++;
        return false;
      }
      throw err;
    }
    if (pending) dropPending(entity, id);
    note(out, entity, id, merged);
    out.applied++;
    return true;
  }

  /** Applies one batch of pulled changes in order. Runs inside the caller's transaction. */
  function applyBatch(changes: readonly PulledChange[]): AppliedBatch {
    const out: AppliedBatch = {
      applied: 0,
      skippedFields: 0,
      invalid: 0,
      pending: 0,
      entities: new Set(),
      customerIds: new Set(),
      callbackIds: new Set(),
      complaintIds: new Set(),
      maxHlc: null,
    };
    const noLocal = !stmt<[], { x: number }>(db, 'SELECT 1 AS x FROM outbox LIMIT 1').get();
    pendingMaybe = !!stmt<[], { x: number }>(db, 'SELECT 1 AS x FROM sync_pending LIMIT 1').get();
    for (const c of changes) {
      try {
        parseHlc(c.hlc);
      } catch {
        log(`pulled change at server seq ${c.serverSeq} has a malformed HLC; skipped`);
        out.invalid++;
        continue;
      }
      if (out.maxHlc === null || c.hlc > out.maxHlc) out.maxHlc = c.hlc;
      if (!SYNCED.has(c.entity) || !isSyncedEntity(c.entity)) {
        warnOnce(`entity:${c.entity}`, `pulled changes for unknown table "${c.entity}" are skipped (a newer hub?)`);
        out.invalid++;
        continue;
      }
      const entity = c.entity as Entity;
      const local = columnsOf(entity);
      const shape = SYNCED_ENTITY_SCHEMAS[c.entity].shape as Record<string, unknown>;
      const fields: ChangeFields = {};
      for (const [k, v] of Object.entries(c.fields)) {
        if (local.has(k) && Object.hasOwn(shape, k)) fields[k] = v;
        else warnOnce(`field:${entity}.${k}`, `pulled field ${entity}.${k} is not known to this seat; dropped`);
      }
      // Pulled changes carry only the fields that won the merge, so any op is checked like an update.
      const rejection = validateChange(entity, 'update', fields, c.entityId);
      if (rejection) {
        log(`pulled change ${entity} ${c.entityId} at server seq ${c.serverSeq} is invalid (${rejection.code}: ${rejection.reason}); skipped`);
        out.invalid++;
        continue;
      }
      if (!noLocal) {
        const newer = newerLocalFields(entity, c.entityId, c.hlc);
        if (newer) {
          for (const f of Object.keys(fields)) {
            if (newer.has(f)) {
              delete fields[f];
              out.skippedFields++;
            }
          }
        }
      }
      if (Object.keys(fields).filter((f) => f !== keyOf(entity)).length === 0) continue;
      writeOrPark(out, entity, c.entityId, fields, c.hlc, c.serverSeq);
    }
    // A waiting row can only become writable once something else was written (its parent, the
    // row freeing a unique value); its own later changes merge into it directly above.
    if (out.applied > 0 && pendingMaybe) retryPending(out);
    out.pending = pendingMaybe ? stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM sync_pending').get()!.n : 0;
    return out;
  }

  /** Retries parked pulled rows until a pass makes no progress (a child waits for its parent). */
  function retryPending(out: AppliedBatch): void {
    for (let pass = 0; pass < 5; pass++) {
      const rows = stmt<[], { entity: string; entity_id: string; fields: string; hlc: string; server_seq: number }>(
        db,
        'SELECT entity, entity_id, fields, hlc, server_seq FROM sync_pending ORDER BY server_seq LIMIT 2000',
      ).all();
      let progress = false;
      for (const r of rows) {
        if (!SYNCED.has(r.entity)) continue;
        // writeOrPark merges the pending fields with these (the same ones) and retries.
        if (writeOrPark(out, r.entity as Entity, r.entity_id, {}, r.hlc, r.server_seq)) progress = true;
      }
      if (!progress) return;
    }
  }

  return { applyBatch };
}
