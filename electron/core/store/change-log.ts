import { v7 as uuidv7 } from 'uuid';
import { keyOf, type Entity } from './entities';
import { stmt } from './statements';
import type { WriteContext } from './write-context';

export type Row = Record<string, string | number | null>;
export type ChangeOp = 'insert' | 'update' | 'delete';

/**
 * Appends one change to the outbox and its audit row. Callers run it inside the same
 * transaction as the row change, so the three can never disagree.
 */
function logChange(ctx: WriteContext, entity: Entity, id: string, op: ChangeOp, fields: Row, action: string): void {
  const at = ctx.clock.now();
  stmt(ctx.db, 'INSERT INTO outbox (entity, entity_id, op, fields, hlc, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    entity,
    id,
    op,
    JSON.stringify(fields),
    ctx.nextHlc(),
    at,
  );
  // The audit row names the fields, not their values: personal data stays in its own table.
  stmt(ctx.db, 'INSERT INTO audit_log (id, at, actor_agent_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    uuidv7(),
    at,
    ctx.actorId,
    action,
    entity,
    id,
    JSON.stringify({ op, fields: Object.keys(fields) }),
  );
}

export function insertRow(ctx: WriteContext, entity: Entity, row: Row, action = `${entity}.insert`): void {
  const cols = Object.keys(row);
  const sql = `INSERT INTO ${entity} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  ctx.db.transaction(() => {
    stmt(ctx.db, sql).run(...cols.map((c) => row[c]));
    logChange(ctx, entity, String(row[keyOf(entity)]), 'insert', row, action);
  })();
}

/** Updates only the columns whose value differs; returns the changed fields ({} when none). */
export function updateRow(ctx: WriteContext, entity: Entity, id: string, patch: Row, action = `${entity}.update`): Row {
  const key = keyOf(entity);
  return ctx.db.transaction(() => {
    const current = stmt(ctx.db, `SELECT * FROM ${entity} WHERE ${key} = ?`).get(id) as Row | undefined;
    if (!current) throw new Error(`${entity} ${id} does not exist`);
    const changed: Row = {};
    for (const [col, value] of Object.entries(patch)) {
      if (col === 'updated_at') continue;
      if (current[col] !== value) changed[col] = value;
    }
    if (Object.keys(changed).length === 0) return changed;
    if ('updated_at' in current) changed.updated_at = patch.updated_at ?? ctx.clock.now();
    const cols = Object.keys(changed);
    stmt(ctx.db, `UPDATE ${entity} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${key} = ?`).run(
      ...cols.map((c) => changed[c]),
      id,
    );
    logChange(ctx, entity, id, 'update', changed, action);
    return changed;
  })();
}

/** Deletes are tombstones, so the delete itself can sync. */
export function deleteRow(ctx: WriteContext, entity: Entity, id: string, action = `${entity}.delete`): void {
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    const res = stmt(ctx.db, `UPDATE ${entity} SET deleted_at = ?, updated_at = ? WHERE ${keyOf(entity)} = ? AND deleted_at IS NULL`).run(
      now,
      now,
      id,
    );
    if (res.changes > 0) logChange(ctx, entity, id, 'delete', { deleted_at: now, updated_at: now }, action);
  })();
}

/** A read of full personal data, audited but not synced as a change. */
export function auditRead(ctx: WriteContext, entity: Entity, id: string, what: string): void {
  stmt(ctx.db, 'INSERT INTO audit_log (id, at, actor_agent_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    uuidv7(),
    ctx.clock.now(),
    ctx.actorId,
    'read_personal_data',
    entity,
    id,
    JSON.stringify({ what }),
  );
}

/**
 * An audit entry for a domain event that is more than its row changes (a complaint's
 * `complaint.completeStep`, with the step and round): detail holds codes and numbers, never
 * personal data. Runs inside the caller's transaction; not synced.
 */
export function auditAction(ctx: WriteContext, entity: Entity, id: string, action: string, detail: Record<string, unknown>): void {
  stmt(ctx.db, 'INSERT INTO audit_log (id, at, actor_agent_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    uuidv7(),
    ctx.clock.now(),
    ctx.actorId,
    action,
    entity,
    id,
    JSON.stringify(detail),
  );
}
