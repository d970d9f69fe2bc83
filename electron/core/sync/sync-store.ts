import type { Database } from 'better-sqlite3';
import { SyncSettings, type ParkedChange } from '../../../shared/contract/sync-schemas';
import type { OutboxChange, RejectedChange } from '../../../shared/sync/protocol';
import { openSecret, sealSecret, type SecretBox } from '../secrets';
import { setMeta } from '../session';
import { stmt } from '../store/statements';

// The seat's sync bookkeeping in its own store (migration 0050): settings, cursor, outbox
// trimming and parking. Synchronous, like the other repositories.

/** seat_meta key of the hub settings (JSON SyncSettings; the token sealed by the seat's SecretBox). */
export const SYNC_SETTINGS_KEY = 'sync.settings';

export function loadSyncSettings(db: Database, secrets: SecretBox, log: (m: string, e?: unknown) => void): SyncSettings | null {
  const raw = stmt<[string], { value: string }>(db, 'SELECT value FROM seat_meta WHERE key = ?').get(SYNC_SETTINGS_KEY)?.value;
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as { token?: unknown };
    if (typeof stored.token === 'string') stored.token = openSecret(secrets, stored.token);
    const parsed = SyncSettings.safeParse(stored);
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  log('the stored hub settings are unreadable; sync is off until they are set again');
  return null;
}

export function saveSyncSettings(db: Database, secrets: SecretBox, settings: SyncSettings | null): void {
  setMeta(db, SYNC_SETTINGS_KEY, settings ? JSON.stringify({ ...settings, token: sealSecret(secrets, settings.token) }) : '');
}

export interface SyncStateRow {
  cursor: number;
  cursor_hub: string | null;
  last_ack_seq: number;
  last_sync_at: number | null;
  clock_offset_ms: number | null;
}

export const readSyncState = (db: Database): SyncStateRow =>
  stmt<[], SyncStateRow>(db, 'SELECT cursor, cursor_hub, last_ack_seq, last_sync_at, clock_offset_ms FROM sync_state WHERE id = 1').get()!;

/** The pull cursor for this hub: a cursor taken from another hub means nothing here, start over. */
export function cursorFor(db: Database, hubUrl: string): number {
  const s = readSyncState(db);
  if (s.cursor_hub === hubUrl) return s.cursor;
  stmt(db, 'UPDATE sync_state SET cursor = 0, cursor_hub = ? WHERE id = 1').run(hubUrl);
  return 0;
}

export const setCursor = (db: Database, cursor: number): void =>
  void stmt(db, 'UPDATE sync_state SET cursor = ? WHERE id = 1').run(cursor);

export const markSynced = (db: Database, at: number, clockOffsetMs: number | null): void =>
  void stmt(db, 'UPDATE sync_state SET last_sync_at = ?, clock_offset_ms = coalesce(?, clock_offset_ms) WHERE id = 1').run(at, clockOffsetMs);

/** Outbox changes not yet acknowledged. seqs are consecutive (trimmed from the head only), so max − min + 1 is exact and O(log n). */
export function pendingCount(db: Database): number {
  const r = stmt<[], { n: number | null }>(db, 'SELECT max(seq) - min(seq) + 1 AS n FROM outbox').get();
  return r?.n ?? 0;
}

export const parkedCount = (db: Database): number =>
  stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM outbox_rejected').get()!.n;

interface OutboxRow {
  seq: number;
  entity: string;
  entity_id: string;
  op: OutboxChange['op'];
  fields: string;
  hlc: string;
  at: number;
}

/** The next push batch, in seq order. */
export function readOutbox(db: Database, limit: number): OutboxChange[] {
  return stmt<[number], OutboxRow>(db, 'SELECT seq, entity, entity_id, op, fields, hlc, at FROM outbox ORDER BY seq LIMIT ?')
    .all(limit)
    .map((r) => ({
      seq: r.seq,
      entity: r.entity,
      entityId: r.entity_id,
      op: r.op,
      fields: JSON.parse(r.fields) as OutboxChange['fields'],
      hlc: r.hlc,
      at: r.at,
    }));
}

export const firstOutboxSeq = (db: Database): number | null =>
  stmt<[], { s: number | null }>(db, 'SELECT min(seq) AS s FROM outbox').get()?.s ?? null;

/**
 * The hub's answer to a push, in one transaction: rejected changes move to outbox_rejected and
 * everything up to ackSeq leaves the outbox. Repeating it (a resend answered again) is harmless.
 * Nothing is kept of the accepted changes: the hub sends every seat its own changes back in the
 * pull, in their place in the log, so an older value pulled after our push is overwritten again
 * by ours (or by the value that beat ours) before the pull is done.
 */
export function applyAck(db: Database, ackSeq: number, rejected: readonly RejectedChange[], now: number): void {
  db.transaction(() => {
    const park = stmt(
      db,
      `INSERT OR REPLACE INTO outbox_rejected (seq, entity, entity_id, op, fields, hlc, at, code, reason, parked_at)
       SELECT seq, entity, entity_id, op, fields, hlc, at, ?, ?, ? FROM outbox WHERE seq = ?`,
    );
    const drop = stmt(db, 'DELETE FROM outbox WHERE seq = ?');
    for (const r of rejected) {
      if (r.seq > ackSeq) continue;
      park.run(r.code, r.reason.slice(0, 2000), now, r.seq);
      drop.run(r.seq);
    }
    stmt(db, 'DELETE FROM outbox WHERE seq <= ?').run(ackSeq);
    stmt(db, 'UPDATE sync_state SET last_ack_seq = max(last_ack_seq, ?) WHERE id = 1').run(ackSeq);
  })();
}

export function listParked(db: Database): ParkedChange[] {
  return stmt<[], OutboxRow & { code: string; reason: string; parked_at: number }>(
    db,
    'SELECT seq, entity, entity_id, op, fields, hlc, at, code, reason, parked_at FROM outbox_rejected ORDER BY seq DESC LIMIT 1000',
  )
    .all()
    .map((r) => ({
      seq: r.seq,
      entity: r.entity,
      entityId: r.entity_id,
      op: r.op,
      // The renderer sees which fields, not their values (personal data stays in its table).
      fields: Object.keys(JSON.parse(r.fields) as object),
      code: r.code,
      reason: r.reason,
      at: r.at,
    }));
}
