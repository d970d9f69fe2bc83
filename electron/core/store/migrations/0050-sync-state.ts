import type { Migration } from './migration';

// Synchronisation with the hub (issue 6), seat side (electron/core/sync/):
// - sync_state: one row — the pull cursor (the hub's server sequence, and the hub it belongs to,
//   so pointing the seat at another hub starts over), the last outbox seq the hub acknowledged,
//   when the last full sync worked and the hub's clock offset seen then.
// - outbox_rejected: outbox changes the hub refused for good (validation, permission), parked
//   with the hub's code and reason; shown in sync.parked, never resent, never blocking.
// - sync_pending: pulled changes that could not be applied yet (an update for a row this seat
//   does not have, so the table's NOT NULL columns are missing; a parent row not here yet; a
//   unique value still held by another row). Keyed by row; later pulls merge into it (newer
//   fields win) and every pull retries it. See electron/core/sync/apply-pulled.ts.
// - outbox_entity: the pull's "does this seat have a pending local change to this row" check.
//   (Acknowledged changes need no bookkeeping: the hub sends a seat its own changes back in the
//   pull, so an older value pulled after our push is overwritten again by ours.)
// The seat's hub settings live in seat_meta ('sync.settings').
export const syncState: Migration = {
  version: 50,
  name: 'sync state',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        cursor INTEGER NOT NULL DEFAULT 0,
        cursor_hub TEXT,
        last_ack_seq INTEGER NOT NULL DEFAULT 0,
        last_sync_at INTEGER,
        clock_offset_ms INTEGER
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);

      CREATE TABLE outbox_rejected (
        seq INTEGER PRIMARY KEY,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
        fields TEXT NOT NULL, hlc TEXT NOT NULL, at INTEGER NOT NULL,
        code TEXT NOT NULL, reason TEXT NOT NULL, parked_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sync_pending (
        entity TEXT NOT NULL, entity_id TEXT NOT NULL,
        fields TEXT NOT NULL, hlc TEXT NOT NULL, server_seq INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        PRIMARY KEY (entity, entity_id)
      ) STRICT;

      CREATE INDEX outbox_entity ON outbox(entity, entity_id);
    `);
  },
};
