import type { HubMigration } from '../migrations';

// The wallboard's tables (issue 7). Live state, not replicated data: seats post it to
// /v1/wallboard/events and nothing of it goes through the pull log.
//
// - presence: one row per agent (its latest state); the seat that reported it is where a
//   supervisor's command for that agent is delivered.
// - queue_legs: finished legs from the seats' AMI queue trackers. A seat retries a post whose
//   answer it lost: the unique key (leg_key = callId, or 'seat:<id>' without one; queue;
//   offered_at) makes such a re-post a no-op. It does NOT merge several seats behind one PBX
//   reporting the same leg: each stamps offered_at with its own clock, so their rows differ and
//   are all stored; the hub counts them once when it reads them (distinctLegs() in aggregate.ts).
//   `tx` (the inserting transaction's id) lets each hub process read only legs committed since
//   its last read (see aggregate.ts), instead of the whole day every time.
// - queue_live: callers waiting now, per reporting seat; each post replaces that seat's rows.
//   call_id (migration 30) is the tracker's call id, NULL from seats that send none.
// - seat_health: each seat's outbox backlog (pending, parked), for "sync health per branch".
// - wallboard_settings: one row (the settings JSON, and the centre's zone for "today").
// - wallboard_alerts: one row, the active alerts of the last computation, so "raised since"
//   survives a restart and every instance agrees on it.
// - kefu_num(jsonb): a jsonb number as numeric, NULL for anything else. Never raises, so the
//   expression indexes over synced rows below can never make a push fail.
export const WALLBOARD_MIGRATION: HubMigration = {
  version: 20,
  name: 'wallboard',
  sql: `
    CREATE FUNCTION kefu_num(v jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN v::numeric END $$;

    CREATE TABLE presence (
      agent_id text PRIMARY KEY,
      seat_id text NOT NULL,
      agent_name text,
      branch text,
      state text NOT NULL,
      since bigint NOT NULL,
      updated_at bigint NOT NULL
    );
    CREATE INDEX presence_seat ON presence (seat_id);

    CREATE TABLE queue_legs (
      id bigserial PRIMARY KEY,
      tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
      seat_id text NOT NULL,
      leg_key text NOT NULL,
      call_id text,
      queue text NOT NULL,
      offered_at bigint NOT NULL,
      answered_at bigint,
      abandoned_at bigint,
      ended_at bigint,
      wait_s double precision NOT NULL,
      talk_s double precision NOT NULL,
      wrap_s double precision NOT NULL,
      member text,
      received_at bigint NOT NULL,
      UNIQUE (leg_key, queue, offered_at)
    );
    CREATE INDEX queue_legs_offered ON queue_legs (offered_at);
    CREATE INDEX queue_legs_tx ON queue_legs (tx);

    CREATE TABLE queue_live (
      seat_id text NOT NULL,
      queue text NOT NULL,
      joined_at bigint NOT NULL
    );
    CREATE INDEX queue_live_seat ON queue_live (seat_id);

    CREATE TABLE seat_health (
      seat_id text PRIMARY KEY,
      pending int NOT NULL,
      parked int NOT NULL,
      reported_at bigint NOT NULL
    );

    CREATE TABLE wallboard_settings (
      id int PRIMARY KEY CHECK (id = 1),
      settings jsonb,
      zone text NOT NULL DEFAULT 'Asia/Shanghai',
      updated_at bigint,
      updated_by text
    );
    INSERT INTO wallboard_settings (id) VALUES (1);

    CREATE TABLE wallboard_alerts (
      id int PRIMARY KEY CHECK (id = 1),
      alerts jsonb NOT NULL,
      computed_at bigint NOT NULL
    );
    INSERT INTO wallboard_alerts (id, alerts, computed_at) VALUES (1, '[]', 0);

    -- The wallboard's reads over synced rows: today's call interactions, and the open
    -- callbacks, complaints and promises (small sets found without scanning every row).
    CREATE INDEX rows_interactions_started ON rows (kefu_num(fields->'started_at')) WHERE entity = 'interactions';
    CREATE INDEX rows_callbacks_open ON rows (id)
      WHERE entity = 'callbacks' AND coalesce(fields->>'status', 'scheduled') = 'scheduled' AND deleted_at IS NULL;
    CREATE INDEX rows_complaints_open ON rows (id)
      WHERE entity = 'complaints' AND coalesce(fields->>'status', 'open') = 'open' AND deleted_at IS NULL;
    CREATE INDEX rows_attempts_callback ON rows ((fields->>'callback_id')) WHERE entity = 'callback_attempts';
    CREATE INDEX rows_promises_open ON rows (id)
      WHERE entity = 'service_promises' AND coalesce(fields->>'status', 'open') = 'open' AND deleted_at IS NULL;
  `,
};

// queue_live.call_id: the waiting caller's call id (AMI Linkedid / Uniqueid) as the seat's tracker
// knows it, so the hub counts a caller reported by several seats behind one PBX once, by
// (queue, call_id), instead of taking one seat's list per branch. NULL for seats that send none.
export const WALLBOARD_LIVE_CALL_ID_MIGRATION: HubMigration = {
  version: 30,
  name: 'wallboard: queue_live call_id',
  sql: `
    ALTER TABLE queue_live ADD COLUMN call_id text;
  `,
};
