import type pg from 'pg';
import type { WallboardEvent } from '../../shared/sync/wallboard-protocol';
import type { Seat } from '../seats';

export const WALLBOARD_CHANNEL = 'kefu_wallboard';

// One POST of wallboard events = ONE SQL statement (data-modifying CTEs): atomic without a
// BEGIN/COMMIT round trip each, and its pg_notify fires on commit. Within one post the last
// presence per agent, the last queue_live and the last health win; legs are all inserted, a leg
// already known (same key) is skipped, so re-posts are idempotent.
//
// A presence older than the stored one (posts overtaking each other) does not overwrite it.
// The commit does not wait for its WAL flush (synchronous_commit off for this transaction only):
// this is live state that the next post (a second later) replaces, so a database crash may lose
// the last fraction of a second of it, and in exchange hundreds of seats posting every second do
// not each wait for a disk flush. Sync pushes keep the server's full durability.
//
// Every post also marks the seat as heard from (seats.last_seen_at), which is what "offline
// after 2 min" and "branch last seen" read.

export async function writeWallboardEvents(pool: pg.Pool, seat: Seat, events: readonly WallboardEvent[], now: number): Promise<{ legsInserted: number }> {
  const presence = new Map<string, Extract<WallboardEvent, { type: 'presence' }>>();
  const legs: Array<Record<string, unknown>> = [];
  let live: Extract<WallboardEvent, { type: 'queue_live' }> | null = null;
  let health: Extract<WallboardEvent, { type: 'health' }> | null = null;
  for (const e of events) {
    if (e.type === 'presence') {
      const prior = presence.get(e.agentId);
      if (!prior || prior.since <= e.since) presence.set(e.agentId, e);
    } else if (e.type === 'queue_legs') {
      for (const l of e.legs) {
        legs.push({
          leg_key: l.callId ?? `seat:${seat.id}`,
          call_id: l.callId ?? null,
          queue: l.queue,
          offered_at: l.offeredAt,
          answered_at: l.answeredAt,
          abandoned_at: l.abandonedAt,
          ended_at: l.endedAt,
          wait_s: l.waitS,
          talk_s: l.talkS,
          wrap_s: l.wrapS,
          member: l.member ?? null,
        });
      }
    } else if (e.type === 'queue_live') live = e;
    else health = e;
  }

  const params: unknown[] = [seat.id, now];
  const p = (v: unknown) => `$${params.push(v)}`;
  const ctes: string[] = ['seen AS (UPDATE seats SET last_seen_at = GREATEST(coalesce(last_seen_at, 0), $2) WHERE id = $1)'];
  if (presence.size > 0) {
    const rows = [...presence.values()].map((e) => ({ agent_id: e.agentId, agent_name: e.agentName, state: e.state, since: e.since }));
    ctes.push(`pres AS (
      INSERT INTO presence (agent_id, seat_id, agent_name, branch, state, since, updated_at)
      SELECT x.agent_id, $1, x.agent_name, ${p(seat.branch)}, x.state, x.since, $2
        FROM jsonb_to_recordset(${p(JSON.stringify(rows))}::jsonb) AS x(agent_id text, agent_name text, state text, since bigint)
      ON CONFLICT (agent_id) DO UPDATE SET seat_id = excluded.seat_id, agent_name = excluded.agent_name, branch = excluded.branch,
        state = excluded.state, since = excluded.since, updated_at = excluded.updated_at
      WHERE presence.since <= excluded.since)`);
  }
  if (legs.length > 0) {
    ctes.push(`legs AS (
      INSERT INTO queue_legs (seat_id, leg_key, call_id, queue, offered_at, answered_at, abandoned_at, ended_at, wait_s, talk_s, wrap_s, member, received_at)
      SELECT $1, x.leg_key, x.call_id, x.queue, x.offered_at, x.answered_at, x.abandoned_at, x.ended_at, x.wait_s, x.talk_s, x.wrap_s, x.member, $2
        FROM jsonb_to_recordset(${p(JSON.stringify(legs))}::jsonb) AS x(leg_key text, call_id text, queue text, offered_at bigint,
          answered_at bigint, abandoned_at bigint, ended_at bigint, wait_s double precision, talk_s double precision, wrap_s double precision, member text)
      ON CONFLICT (leg_key, queue, offered_at) DO NOTHING
      RETURNING 1)`);
  }
  if (live) {
    const rows = live.waiting.map((w) => ({ queue: w.queue, joined_at: w.joinedAt, call_id: w.callId ?? null }));
    ctes.push('live_del AS (DELETE FROM queue_live WHERE seat_id = $1)');
    ctes.push(`live_ins AS (
      INSERT INTO queue_live (seat_id, queue, joined_at, call_id)
      SELECT $1, x.queue, x.joined_at, x.call_id FROM jsonb_to_recordset(${p(JSON.stringify(rows))}::jsonb) AS x(queue text, joined_at bigint, call_id text))`);
  }
  if (health) {
    ctes.push(`health AS (
      INSERT INTO seat_health (seat_id, pending, parked, reported_at) VALUES ($1, ${p(health.pending)}, ${p(health.parked)}, $2)
      ON CONFLICT (seat_id) DO UPDATE SET pending = excluded.pending, parked = excluded.parked, reported_at = excluded.reported_at)`);
  }
  const sql = `WITH ${ctes.join(',\n')}
    SELECT set_config('synchronous_commit', 'off', true) AS sc, pg_notify('${WALLBOARD_CHANNEL}', '') AS n, ${legs.length > 0 ? '(SELECT count(*) FROM legs)' : '0'}::int AS inserted`;
  const { rows } = await pool.query<{ inserted: number }>(sql, params);
  return { legsInserted: rows[0]?.inserted ?? 0 };
}
