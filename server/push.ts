import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { HUB_ORIGIN, mergeChange, seatHlc, type FieldClocks, type MergeConflict, type StoredRow } from '../shared/sync/merge';
import { validateChange, type SyncedEntity } from '../shared/sync/entity-schemas';
import type { ChangeFields, OutboxChange, PushResponse, RejectedChange } from '../shared/sync/protocol';
import { HubError } from './errors';
import { SEAT_COLUMNS, seatFromRow, type Seat } from './seats';

export const LIVE_CHANNEL = 'kefu_changes';
/** A seat clock further off than this is logged (SYNC.md). */
export const CLOCK_WARN_MS = 2 * 60_000;

/**
 * Which rows a seat may write. Kept deliberately simple:
 * - nobody writes `branches` through sync (headquarters maintains them on the hub);
 * - a non-admin seat writes `agents` and `teams` rows only of its own branch (seats.branch is
 *   the branch id): both the row's stored branch_id and the incoming one, when set, must be it;
 * - every other synced table is writable by any seat of the organisation.
 */
export function checkScope(seat: Seat, entity: SyncedEntity, incoming: ChangeFields, stored: StoredRow | null): string | null {
  if (entity === 'branches') return 'branches are maintained at headquarters, not by seats';
  if ((entity === 'agents' || entity === 'teams') && seat.role !== 'admin') {
    for (const b of [stored?.fields.branch_id, incoming.branch_id]) {
      if (b !== undefined && b !== null && b !== seat.branch) return `${entity} of branch ${String(b)} belong to another branch`;
    }
  }
  return null;
}

/** One entry for the pull log (`changes`). */
export interface PlannedChange {
  seq: number;
  entity: string;
  entityId: string;
  op: OutboxChange['op'];
  fields: ChangeFields;
  hlc: string;
  origin: string;
}

export interface PushOutcome {
  response: PushResponse;
  skewMs: number;
}

export const rowKey = (entity: string, id: string) => `${entity}\u0000${id}`;

// The steps every writer of synced data takes inside its transaction, in this order (a push, the
// hub's bulk import in server/import/bulk-write.ts): lock the counter row FIRST (lockCounter),
// load the rows it merges into FOR UPDATE (loadRows), then write rows, the pull log and
// conflicts, and advance the counter with a NOTIFY that PostgreSQL sends on commit
// (advanceCounter). The same lock order everywhere: no deadlock, commit-ordered sequences.

/** Locks the single counter row until commit and answers the current server sequence. */
export async function lockCounter(client: pg.PoolClient): Promise<number> {
  const counter = await client.query<{ v: string }>('UPDATE sync_counter SET v = v WHERE id = 1 RETURNING v');
  return Number(counter.rows[0]!.v);
}

/** The stored rows of these (entity, id) pairs, locked until commit, by rowKey. */
export async function loadRows(client: pg.PoolClient, ids: { e: string; i: string }[]): Promise<Map<string, StoredRow>> {
  const loaded = await client.query<{ entity: string; id: string; fields: ChangeFields; clocks: FieldClocks }>(
    `SELECT r.entity, r.id, r.fields, r.clocks FROM rows r
       JOIN jsonb_to_recordset($1::jsonb) AS x(e text, i text) ON r.entity = x.e AND r.id = x.i
     FOR UPDATE OF r`,
    [JSON.stringify(ids)],
  );
  const out = new Map<string, StoredRow>();
  for (const r of loaded.rows) out.set(rowKey(r.entity, r.id), { fields: r.fields, clocks: r.clocks });
  return out;
}

/** Upserts merged rows (their whole fields and clocks). */
export async function writeRows(
  client: pg.PoolClient,
  rows: { entity: string; id: string; fields: ChangeFields; clocks: FieldClocks; deleted_at: number | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO rows (entity, id, fields, clocks, deleted_at)
       SELECT entity, id, fields, clocks, deleted_at
         FROM jsonb_to_recordset($1::jsonb) AS x(entity text, id text, fields jsonb, clocks jsonb, deleted_at bigint)
     ON CONFLICT (entity, id) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks, deleted_at = excluded.deleted_at`,
    [JSON.stringify(rows)],
  );
}

/** Appends entries to the pull log, all at time `now`. */
export async function writeChanges(client: pg.PoolClient, planned: PlannedChange[], now: number): Promise<void> {
  if (planned.length === 0) return;
  await client.query(
    `INSERT INTO changes (server_seq, entity, entity_id, op, fields, hlc, origin_seat, at)
       SELECT seq, entity, entity_id, op, fields, hlc, origin, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, entity text, entity_id text, op text, fields jsonb, hlc text, origin text)`,
    [JSON.stringify(planned.map((p) => ({ ...p, entity_id: p.entityId }))), now],
  );
}

/** Records merge conflicts (a value overwritten by a concurrent write) for supervisors. */
export async function writeConflicts(
  client: pg.PoolClient,
  conflicts: (MergeConflict & { entity: string; entityId: string })[],
  now: number,
): Promise<void> {
  if (conflicts.length === 0) return;
  await client.query(
    `INSERT INTO conflicts (id, entity, entity_id, field, winner_value, winner_hlc, winner_seat, loser_value, loser_hlc, loser_seat, detected_at)
       SELECT id, entity, entity_id, field, COALESCE(wv, 'null'::jsonb), wh, ws, COALESCE(lv, 'null'::jsonb), lh, ls, $2
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id text, entity text, entity_id text, field text, wv jsonb, wh text, ws text, lv jsonb, lh text, ls text)`,
    [
      JSON.stringify(
        conflicts.map((k) => ({
          id: randomUUID(),
          entity: k.entity,
          entity_id: k.entityId,
          field: k.field,
          wv: k.winnerValue,
          wh: k.winnerHlc,
          ws: k.winnerSeat,
          lv: k.loserValue,
          lh: k.loserHlc,
          ls: k.loserSeat,
        })),
      ),
      now,
    ],
  );
}

/** Stores the new server sequence (the counter row is locked) and notifies live listeners on commit. */
export async function advanceCounter(client: pg.PoolClient, next: number): Promise<void> {
  await client.query('UPDATE sync_counter SET v = $1 WHERE id = 1', [next]);
  // Sent by PostgreSQL only when this transaction commits.
  await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, String(next)]);
}

/**
 * Applies one push in ONE transaction: lock the seat, skip what it already acknowledged, refuse
 * a gap, lock the server counter, merge every change, log what won, park what is refused,
 * record conflicts, advance the seat's ack and notify live listeners on commit.
 * `cursor` is the pull cursor the seat reports it has applied (PushRequest.cursor).
 */
export async function applyPush(
  pool: pg.Pool,
  seat: Seat,
  changes: OutboxChange[],
  now: number,
  log: { warn: (obj: object, msg: string) => void },
  cursor: number,
): Promise<PushOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const seatRes = await client.query(`SELECT ${SEAT_COLUMNS}, last_hlc FROM seats WHERE id = $1 FOR UPDATE`, [seat.id]);
    const locked = seatRes.rows[0] ? seatFromRow(seatRes.rows[0]) : null;
    if (!locked || locked.revokedAt !== null) throw new HubError('unauthorized', 'seat revoked');
    // The effective stamp of this seat's last applied write: each new one is kept after it.
    let lastHlc = (seatRes.rows[0] as { last_hlc: string | null }).last_hlc;
    const lastAck = locked.lastAckSeq;
    // What the writer had seen of the hub: the cursor it has applied, never more than it was sent
    // (a seat cannot have applied what it never got; a hub restored from a backup knows less).
    const seenSeq = Math.min(cursor, locked.lastPullSeq);
    const fresh = changes.filter((c) => c.seq > lastAck);
    const first = fresh[0];
    if (first && first.seq > lastAck + 1) {
      throw new HubError('sequence_gap', `expected seq ${lastAck + 1}, got ${first.seq}`, { expectedSeq: lastAck + 1 });
    }
    // Changes already applied: answer with what was parked for them, so a seat whose answer was
    // lost still learns about its rejections.
    const rejected: RejectedChange[] = [];
    const old = changes.filter((c) => c.seq <= lastAck);
    if (old.length > 0) {
      const { rows } = await client.query<{ seq: string; code: string; reason: string }>(
        'SELECT seq, code, reason FROM parked WHERE seat_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
        [seat.id, old[0]!.seq, old[old.length - 1]!.seq],
      );
      for (const r of rows) rejected.push({ seq: Number(r.seq), code: r.code, reason: r.reason });
    }
    if (fresh.length === 0) {
      const { rows } = await client.query<{ v: string }>('SELECT v FROM sync_counter WHERE id = 1');
      await client.query('UPDATE seats SET last_seen_at = $2 WHERE id = $1', [seat.id, now]);
      await client.query('COMMIT');
      return { response: { ackSeq: lastAck, rejected, serverTime: now, serverSeq: Number(rows[0]!.v) }, skewMs: 0 };
    }

    // The counter row lock orders this transaction against every other writer until commit.
    const base = await lockCounter(client);
    let next = base;

    const ids = [...new Map(fresh.map((c) => [rowKey(c.entity, c.entityId), { e: c.entity, i: c.entityId }])).values()];
    const loaded = await loadRows(client, ids);
    const state = new Map<string, StoredRow & { deletedAt: number | null }>();
    for (const [k, r] of loaded) state.set(k, { fields: r.fields, clocks: r.clocks, deletedAt: null });
    const dirty = new Set<string>();

    const planned: PlannedChange[] = [];
    const conflicts: (MergeConflict & { entity: string; entityId: string })[] = [];
    const parked: { seq: number; code: string; reason: string; change: OutboxChange }[] = [];
    let skewMs = 0;

    for (const c of fresh) {
      const reject = (code: string, reason: string) => parked.push({ seq: c.seq, code, reason, change: c });
      const invalid = validateChange(c.entity, c.op, c.fields, c.entityId);
      if (invalid) {
        reject(invalid.code, invalid.reason);
        continue;
      }
      const entity = c.entity as SyncedEntity;
      let hlc: string;
      try {
        // Clamped to the receive time, and after the seat's previous write (merge.ts "STAMPS"):
        // two writes clamped onto the same ms must not tie or swap.
        const clamped = seatHlc(c.hlc, now, lastHlc);
        hlc = clamped.hlc;
        skewMs = Math.max(skewMs, clamped.skewMs);
      } catch {
        reject('invalid', `not a hybrid logical clock stamp: ${c.hlc.slice(0, 40)}`);
        continue;
      }
      const key = rowKey(entity, c.entityId);
      const stored = state.get(key) ?? null;
      const forbidden = checkScope(seat, entity, c.fields, stored);
      if (forbidden) {
        reject('forbidden', forbidden);
        continue;
      }
      if (!stored && c.op !== 'insert') {
        reject('unknown_row', `${entity} ${c.entityId} does not exist on the hub`);
        continue;
      }
      const seq = next + 1;
      const merged = mergeChange(stored, { fields: c.fields, hlc, seat: seat.id, seenSeq }, seq);
      lastHlc = hlc;
      state.set(key, { ...merged.row, deletedAt: merged.deletedAt });
      dirty.add(key);
      if (Object.keys(merged.won).length > 0) {
        next = seq;
        planned.push({ seq, entity, entityId: c.entityId, op: c.op, fields: merged.won, hlc, origin: seat.id });
      }
      if (merged.lost.length > 0) {
        // The writer still shows its losing values: log the winners again, from the hub, so it
        // converges on the next pull. One entry per winning clock: a pulled change's hlc is the
        // clock of each of its fields (a seat compares it with its pending writes per field; a
        // single max stamp would make an older winner look newer than the seat's own write).
        const byHlc = new Map<string, ChangeFields>();
        for (const f of merged.lost) {
          const h = merged.row.clocks[f]?.hlc ?? '';
          const fields = byHlc.get(h) ?? {};
          fields[f] = merged.row.fields[f] ?? null;
          byHlc.set(h, fields);
        }
        for (const [h, fields] of [...byHlc].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          next += 1;
          planned.push({ seq: next, entity, entityId: c.entityId, op: 'update', fields, hlc: h, origin: HUB_ORIGIN });
        }
      }
      for (const k of merged.conflicts) conflicts.push({ ...k, entity, entityId: c.entityId });
    }

    await writeRows(
      client,
      [...dirty].map((k) => {
        const [entity, id] = k.split('\u0000') as [string, string];
        const s = state.get(k)!;
        return { entity, id, fields: s.fields, clocks: s.clocks, deleted_at: s.deletedAt };
      }),
    );
    await writeChanges(client, planned, now);
    await writeConflicts(client, conflicts, now);
    if (parked.length > 0) {
      await client.query(
        `INSERT INTO parked (seat_id, seq, code, reason, change, at)
           SELECT $2, seq, code, reason, change, $3
             FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, code text, reason text, change jsonb)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(parked), seat.id, now],
      );
      for (const p of parked) rejected.push({ seq: p.seq, code: p.code, reason: p.reason });
    }
    if (next > base) await advanceCounter(client, next);
    const ackSeq = fresh[fresh.length - 1]!.seq;
    // How far ahead the seat's clock runs, seen from its newest stamps (behind cannot be told
    // from changes written offline); 0 when not ahead.
    const aheadAt = Math.max(0, ...fresh.map((c) => c.at - now));
    const offset = Math.max(skewMs, aheadAt);
    await client.query('UPDATE seats SET last_ack_seq = $2, last_seen_at = $3, clock_offset_ms = $4, last_hlc = $5 WHERE id = $1', [
      seat.id,
      ackSeq,
      now,
      offset,
      lastHlc,
    ]);
    await client.query('COMMIT');
    if (offset > CLOCK_WARN_MS) log.warn({ seat: seat.name, aheadMs: offset }, 'seat clock runs ahead of the hub; its stamps are clamped');
    rejected.sort((a, b) => a.seq - b.seq);
    return { response: { ackSeq, rejected, serverTime: now, serverSeq: next }, skewMs: offset };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
