import type pg from 'pg';
import { WALLBOARD_LIVE_CALL_ID_MIGRATION, WALLBOARD_MIGRATION } from './wallboard/migration';

// The hub's schema, numbered in steps of 10 like the seat's. Applied on start inside one
// transaction holding an advisory lock, so several hub instances starting together apply each
// step once; a database migrated by a newer hub is refused rather than misread.

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  {
    version: 10,
    name: 'sync hub',
    sql: `
      CREATE TABLE seats (
        id text PRIMARY KEY,
        branch text NOT NULL,
        name text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('agent','supervisor','admin')),
        token_hash text NOT NULL UNIQUE,
        created_at bigint NOT NULL,
        revoked_at bigint,
        last_seen_at bigint,
        last_ack_seq bigint NOT NULL DEFAULT 0,
        last_pull_seq bigint NOT NULL DEFAULT 0,
        clock_offset_ms bigint NOT NULL DEFAULT 0
      );
      -- The server sequence: ONE row, updated first by every transaction that logs changes, so
      -- sequences become visible in commit order (SYNC.md). pruned_through: changes at or below
      -- it are gone (retention horizon); a cursor below it must resynchronise.
      CREATE TABLE sync_counter (
        id int PRIMARY KEY CHECK (id = 1),
        v bigint NOT NULL,
        pruned_through bigint NOT NULL DEFAULT 0
      );
      INSERT INTO sync_counter (id, v) VALUES (1, 0);
      -- The merged state of every synced row: column -> value, column -> {hlc, seat, seq}.
      CREATE TABLE rows (
        entity text NOT NULL,
        id text NOT NULL,
        fields jsonb NOT NULL,
        clocks jsonb NOT NULL,
        deleted_at bigint,
        PRIMARY KEY (entity, id)
      );
      -- The pull log: what won, in commit order. The primary key is the pull index.
      CREATE TABLE changes (
        server_seq bigint PRIMARY KEY,
        entity text NOT NULL,
        entity_id text NOT NULL,
        op text NOT NULL CHECK (op IN ('insert','update','delete')),
        fields jsonb NOT NULL,
        hlc text NOT NULL,
        origin_seat text NOT NULL,
        at bigint NOT NULL
      );
      CREATE INDEX changes_at ON changes (at);
      CREATE TABLE parked (
        seat_id text NOT NULL,
        seq bigint NOT NULL,
        code text NOT NULL,
        reason text NOT NULL,
        change jsonb NOT NULL,
        at bigint NOT NULL,
        PRIMARY KEY (seat_id, seq)
      );
      CREATE TABLE conflicts (
        id text PRIMARY KEY,
        entity text NOT NULL,
        entity_id text NOT NULL,
        field text NOT NULL,
        winner_value jsonb NOT NULL,
        winner_hlc text NOT NULL,
        winner_seat text NOT NULL,
        loser_value jsonb NOT NULL,
        loser_hlc text NOT NULL,
        loser_seat text NOT NULL,
        detected_at bigint NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
        resolved_at bigint,
        resolved_by text,
        resolution text CHECK (resolution IN ('winner','loser'))
      );
      CREATE INDEX conflicts_status ON conflicts (status, detected_at);
      CREATE INDEX conflicts_row ON conflicts (entity, entity_id);
    `,
  },
  WALLBOARD_MIGRATION,
  WALLBOARD_LIVE_CALL_ID_MIGRATION,
  {
    version: 40,
    name: 'sync: a seat write stamp follows the seat previous one',
    // The effective (clamped) stamp of each seat's last applied write: the next one is kept
    // strictly after it (shared/sync/merge.ts seatHlc). Seeded from the log for existing seats.
    sql: `
      ALTER TABLE seats ADD COLUMN last_hlc text;
      UPDATE seats s SET last_hlc = (SELECT max(c.hlc) FROM changes c WHERE c.origin_seat = s.id);
    `,
  },
  {
    version: 50,
    name: 'seats: enrolment on first contact',
    // A seat added without --id is unbound: its row carries a placeholder id ('unbound:' + UUID,
    // never referenced by any data) and bound_at NULL until the seat's first authenticated
    // request binds the token to the id the seat presents (server/seats.ts bindSeat). Seats that
    // exist already were registered under their own id: they are bound since their creation.
    sql: `
      ALTER TABLE seats ADD COLUMN bound_at bigint;
      UPDATE seats SET bound_at = created_at;
    `,
  },
];

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]!.version;
/** pg_advisory_xact_lock key: 'kefu' + 1. */
const MIGRATION_LOCK = 0x6b656675_01;

export async function migrate(pool: pg.Pool, migrations: readonly HubMigration[] = HUB_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS hub_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)',
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM hub_migrations');
    const current = rows[0]?.v ?? 0;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new Error(`The hub database is at schema ${current}, newer than this hub (${latest}): update the hub.`);
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO hub_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
    }
    await client.query('COMMIT');
    return latest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
