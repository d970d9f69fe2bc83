import type pg from 'pg';
import { WallboardSettings, type WallboardAlertView, type WallboardSnapshot } from '../../shared/contract/wallboard-schemas';
import {
  DEFAULT_CENTRE_ZONE,
  DEFAULT_WALLBOARD_SETTINGS,
  buildWallboardSnapshot,
  dayStartInZone,
  interactionsToLegs,
  type BranchHealth,
  type InteractionCallRow,
  type LiveWaitingCall,
  type QueueCallRecord,
  type SnapshotPresence,
} from '../../shared/domain/wallboard';
import type { AgentState } from '../../shared/domain/wallboard/types';

/** A seat not heard from for longer than this counts its agents offline (and a command to them as undeliverable). */
export const SEAT_SILENT_MS = 120_000;

export interface CentreSettings {
  settings: WallboardSettings;
  zone: string;
}

interface LegRow {
  id: string;
  seat_id: string;
  call_id: string | null;
  queue: string;
  offered_at: string;
  answered_at: string | null;
  abandoned_at: string | null;
  ended_at: string | null;
  wait_s: number;
  talk_s: number;
  wrap_s: number;
  member: string | null;
}
const num = (v: string | null): number | null => (v === null ? null : Number(v));
export const legFromRow = (r: LegRow): QueueCallRecord => ({
  queue: r.queue,
  offeredAt: Number(r.offered_at),
  answeredAt: num(r.answered_at),
  abandonedAt: num(r.abandoned_at),
  endedAt: num(r.ended_at),
  waitS: r.wait_s,
  talkS: r.talk_s,
  wrapS: r.wrap_s,
  ...(r.call_id !== null ? { callId: r.call_id } : {}),
  member: r.member,
});
export const LEG_COLUMNS = 'id, seat_id, call_id, queue, offered_at, answered_at, abandoned_at, ended_at, wait_s, talk_s, wrap_s, member';

/** Two seats' reports of one PBX leg: same call and queue, offered within this of each other. */
export const SAME_LEG_MS = 60_000;

/**
 * Legs as rows, one per PBX leg. Every seat behind one PBX reports the same legs, each stamped
 * with that seat's own clock at reception, so their offered_at differ by milliseconds (or by the
 * seats' clock skew) and the unique key does not catch them: a leg of another seat with the same
 * call id and queue offered within SAME_LEG_MS is the same leg, counted once (the first kept).
 * Legs of one seat are never merged (its tracker already tells a caller re-queued apart), nor
 * legs without a call id.
 */
export function distinctLegs<R extends LegRow>(rows: readonly R[]): R[] {
  const kept: R[] = [];
  const byCall = new Map<string, R[]>();
  for (const r of [...rows].sort((a, b) => Number(a.offered_at) - Number(b.offered_at) || Number(a.id) - Number(b.id))) {
    if (r.call_id === null) {
      kept.push(r);
      continue;
    }
    const key = `${r.call_id}\u0000${r.queue}`;
    const same = byCall.get(key) ?? [];
    if (same.some((o) => o.seat_id !== r.seat_id && Math.abs(Number(o.offered_at) - Number(r.offered_at)) <= SAME_LEG_MS)) continue;
    same.push(r);
    byCall.set(key, same);
    kept.push(r);
  }
  return kept;
}

export interface LiveRow {
  seat_id: string;
  branch: string;
  queue: string;
  joined_at: string;
  call_id: string | null;
}

/**
 * Callers waiting now, one per PBX caller, from the queue_live rows of the seats heard from
 * lately. Every seat behind one PBX reports the same callers, each stamped with its own clock's
 * joined_at, so the times cannot match them; the call id does:
 * - with a call id: one caller per (queue, call_id) over all the seats given (whatever their
 *   branch), waiting since the earliest joined_at any of them reported (the longest wait seen);
 * - without one (seats of versions that send none): per branch and queue, the list of the seat
 *   reporting the most such callers stands for that branch's PBX (one PBX per branch); branches
 *   add up.
 * A branch and queue with both (older and newer seats side by side, during an upgrade) are two
 * accounts of one PBX queue: the larger stands, i.e. the older seat's list if it holds more callers
 * than the distinct call ids the branch's seats report there (those call ids then count only
 * through other branches' reports of them), else the call ids alone.
 */
export function distinctWaiting(rows: readonly LiveRow[]): LiveWaitingCall[] {
  const branchQueue = (r: LiveRow) => `${r.branch}\u0000${r.queue}`;
  const ids = new Map<string, Set<string>>();
  const legacy = new Map<string, Map<string, LiveRow[]>>();
  for (const r of rows) {
    const k = branchQueue(r);
    if (r.call_id !== null) {
      const set = ids.get(k) ?? new Set<string>();
      set.add(r.call_id);
      ids.set(k, set);
      continue;
    }
    const bySeat = legacy.get(k) ?? new Map<string, LiveRow[]>();
    legacy.set(k, bySeat);
    const list = bySeat.get(r.seat_id);
    if (list) list.push(r);
    else bySeat.set(r.seat_id, [r]);
  }
  const out: LiveWaitingCall[] = [];
  const legacyStands = new Set<string>();
  for (const [k, bySeat] of legacy) {
    let pick: LiveRow[] = [];
    let pickSeat = '';
    for (const [seat, list] of bySeat) {
      if (list.length > pick.length || (list.length === pick.length && seat < pickSeat)) {
        pick = list;
        pickSeat = seat;
      }
    }
    if (pick.length <= (ids.get(k)?.size ?? 0)) continue;
    legacyStands.add(k);
    for (const r of pick) out.push({ queue: r.queue, joinedAt: Number(r.joined_at) });
  }
  const byCall = new Map<string, LiveWaitingCall>();
  for (const r of rows) {
    if (r.call_id === null || legacyStands.has(branchQueue(r))) continue;
    const key = `${r.queue}\u0000${r.call_id}`;
    const joinedAt = Number(r.joined_at);
    const known = byCall.get(key);
    if (!known || joinedAt < known.joinedAt) byCall.set(key, { queue: r.queue, joinedAt });
  }
  return out.concat([...byCall.values()]);
}

export function interactionFromFields(id: string, f: Record<string, unknown>): InteractionCallRow {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id,
    channel: s(f.channel) ?? '',
    direction: s(f.direction),
    queue: s(f.queue),
    started_at: n(f.started_at) ?? Number.NaN,
    answered_at: n(f.answered_at),
    ended_at: n(f.ended_at),
    wait_s: n(f.wait_s),
    duration_s: n(f.duration_s),
    outcome: s(f.outcome),
    call_id: s(f.call_id),
    linked_id: s(f.linked_id),
    agent_id: s(f.agent_id),
    deleted_at: n(f.deleted_at),
  };
}

/** Interaction legs whose call was offered in [from, to), for queues not in `exclude`. Rings start after the offer: read from an hour earlier. */
export async function interactionLegs(db: pg.Pool, from: number, to: number, exclude: readonly string[]): Promise<QueueCallRecord[]> {
  const { rows } = await db.query<{ id: string; fields: Record<string, unknown> }>(
    `SELECT id, fields FROM rows
      WHERE entity = 'interactions' AND deleted_at IS NULL
        AND kefu_num(fields->'started_at') >= $1 AND kefu_num(fields->'started_at') < $2
        AND fields->>'queue' IS NOT NULL AND NOT (fields->>'queue' = ANY($3::text[]))`,
    [from - 3_600_000, to + 3_600_000, exclude],
  );
  return interactionsToLegs(rows.map((r) => interactionFromFields(r.id, r.fields))).filter((l) => l.offeredAt >= from && l.offeredAt < to);
}

export async function readCentreSettings(db: pg.Pool | pg.PoolClient): Promise<CentreSettings> {
  const { rows } = await db.query<{ settings: unknown; zone: string }>('SELECT settings, zone FROM wallboard_settings WHERE id = 1');
  const parsed = WallboardSettings.safeParse(rows[0]?.settings);
  return { settings: parsed.success ? parsed.data : DEFAULT_WALLBOARD_SETTINGS, zone: rows[0]?.zone ?? DEFAULT_CENTRE_ZONE };
}

/**
 * Today's tracker legs, kept per hub process and topped up incrementally: each read fetches the
 * legs of transactions that were not yet visible at the previous read (tx >= that read's
 * snapshot xmin; anything invisible then was running or not yet started, so its xid is at least
 * that xmin), deduplicated by id. It is a cache of the table, rebuilt from it on a new day or a
 * restart, so the hub stays stateless.
 */
class LegCache {
  private since = -1;
  private xmin: string | null = null;
  private readonly legs = new Map<string, LegRow>();

  async read(db: pg.Pool, since: number): Promise<QueueCallRecord[]> {
    if (since !== this.since) {
      this.since = since;
      this.xmin = null;
      this.legs.clear();
    }
    const snap = await db.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
    const { rows } = await db.query<LegRow>(
      `SELECT ${LEG_COLUMNS} FROM queue_legs WHERE offered_at >= $1 AND ($2::xid8 IS NULL OR tx >= $2::xid8)`,
      [since, this.xmin],
    );
    for (const r of rows) this.legs.set(r.id, r);
    this.xmin = snap.rows[0]!.xmin;
    return distinctLegs([...this.legs.values()]).map(legFromRow);
  }
}

/** Builds the centre's snapshot from the database. One per hub process; computations are serialised. */
export class WallboardAggregator {
  private readonly legCache = new LegCache();
  private chain: Promise<unknown> = Promise.resolve();
  computations = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number,
  ) {}

  compute(): Promise<WallboardSnapshot> {
    const run = this.chain.then(() => this.computeNow());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async computeNow(): Promise<WallboardSnapshot> {
    this.computations++;
    const db = this.pool;
    const now = this.now();
    const [{ settings, zone }, previous] = await Promise.all([
      readCentreSettings(db),
      db.query<{ alerts: WallboardAlertView[]; computed_at: string }>('SELECT alerts, computed_at FROM wallboard_alerts WHERE id = 1'),
    ]);
    const since = dayStartInZone(now, zone);
    const [trackerLegs, waiting, presence, counts, branches] = await Promise.all([
      this.legCache.read(db, since),
      this.waiting(now),
      this.presence(now),
      this.counts(now),
      this.branches(),
    ]);
    const trackerQueues = [...new Set(trackerLegs.map((l) => l.queue))];
    const seatLegs = await interactionLegs(db, since, now + 1, trackerQueues);
    const previousAlerts = previous.rows[0]?.alerts ?? [];
    const snapshot = buildWallboardSnapshot({
      now,
      since,
      source: 'hub',
      settings,
      legs: trackerLegs.concat(seatLegs),
      waiting,
      presence,
      callbacks: counts.callbacks,
      complaints: counts.complaints,
      promisesOverdue: counts.promisesOverdue,
      branches,
      previousAlerts,
    });
    await this.saveAlerts(previousAlerts, snapshot.alerts, now);
    return snapshot;
  }

  /**
   * Keeps the active alerts for the next computation, on any instance. Written only when the set
   * of (id, raisedAt) changed, and only over an older computation: two instances computing at
   * once both read the same previous alerts, so they agree on raisedAt; whichever writes last
   * wins, and the loser's view differs at most by an alert raised or cleared in the same instant.
   */
  private async saveAlerts(previous: readonly WallboardAlertView[], next: readonly WallboardAlertView[], now: number): Promise<void> {
    const sig = (a: readonly WallboardAlertView[]) => a.map((x) => `${x.id}@${x.raisedAt}`).join('|');
    if (sig(previous) === sig(next)) return;
    await this.pool.query('UPDATE wallboard_alerts SET alerts = $1, computed_at = $2 WHERE id = 1 AND computed_at <= $2', [JSON.stringify(next), now]);
  }

  /** Callers waiting, as reported by the seats heard from in the last 2 min, one per PBX caller (distinctWaiting). */
  private async waiting(now: number): Promise<LiveWaitingCall[]> {
    const { rows } = await this.pool.query<LiveRow>(
      `SELECT q.seat_id, s.branch, q.queue, q.joined_at, q.call_id
         FROM queue_live q JOIN seats s ON s.id = q.seat_id
        WHERE s.revoked_at IS NULL AND s.last_seen_at > $1`,
      [now - SEAT_SILENT_MS],
    );
    return distinctWaiting(rows);
  }

  /** Agents whose seat was not heard from for over 2 min are offline since it was last heard. */
  private async presence(now: number): Promise<SnapshotPresence[]> {
    const { rows } = await this.pool.query<{ agent_id: string; agent_name: string | null; branch: string | null; state: AgentState; since: string; heard: string }>(
      `SELECT p.agent_id, p.agent_name, p.branch, p.state, p.since, GREATEST(p.updated_at, coalesce(s.last_seen_at, 0)) AS heard
         FROM presence p LEFT JOIN seats s ON s.id = p.seat_id`,
    );
    return rows.map((r) => {
      const heard = Number(r.heard);
      const stale = now - heard > SEAT_SILENT_MS && r.state !== 'offline';
      return {
        agentId: r.agent_id,
        ...(r.agent_name !== null ? { name: r.agent_name } : {}),
        branchId: r.branch,
        state: stale ? 'offline' : r.state,
        since: stale ? Math.max(heard, Number(r.since)) : Number(r.since),
      };
    });
  }

  /**
   * Open callbacks, complaints and promises from the synced rows, with the seat's definitions
   * (electron/core/store/*-repo.ts): a callback is open while 'scheduled'; due when
   * window_start <= now < window_end, overdue when window_end <= now, escalated when escalated_at
   * is set. A complaint is open while 'open'; by current_step; SLA breached when sla_due_at <= now;
   * awaiting approval when awaiting_approval = 1. A promise is overdue when 'open' and due_at <= now.
   */
  private async counts(now: number) {
    const { rows } = await this.pool.query<{
      cb: { due: number; overdue: number; escalated: number };
      co: Array<{ step: number; n: number; breached: number; awaiting: number }>;
      pr: number;
    }>(
      `WITH cb AS (
         SELECT count(*) FILTER (WHERE kefu_num(fields->'window_start') <= $1 AND kefu_num(fields->'window_end') > $1)::int AS due,
                count(*) FILTER (WHERE kefu_num(fields->'window_end') <= $1)::int AS overdue,
                count(*) FILTER (WHERE fields->>'escalated_at' IS NOT NULL)::int AS escalated
           FROM rows WHERE entity = 'callbacks' AND coalesce(fields->>'status', 'scheduled') = 'scheduled' AND deleted_at IS NULL),
       co AS (
         SELECT coalesce(kefu_num(fields->'current_step'), 1)::int AS step, count(*)::int AS n,
                count(*) FILTER (WHERE kefu_num(fields->'sla_due_at') <= $1)::int AS breached,
                count(*) FILTER (WHERE kefu_num(fields->'awaiting_approval') = 1)::int AS awaiting
           FROM rows WHERE entity = 'complaints' AND coalesce(fields->>'status', 'open') = 'open' AND deleted_at IS NULL
          GROUP BY 1)
       SELECT (SELECT row_to_json(cb) FROM cb) AS cb,
              (SELECT coalesce(json_agg(co), '[]'::json) FROM co) AS co,
              (SELECT count(*)::int FROM rows WHERE entity = 'service_promises' AND coalesce(fields->>'status', 'open') = 'open'
                  AND deleted_at IS NULL AND kefu_num(fields->'due_at') <= $1) AS pr`,
      [now],
    );
    const r = rows[0]!;
    const openByStep = [0, 0, 0, 0, 0, 0];
    let slaBreached = 0;
    let awaitingApproval = 0;
    for (const c of r.co) {
      const i = Math.min(6, Math.max(1, c.step)) - 1;
      openByStep[i]! += c.n;
      slaBreached += c.breached;
      awaitingApproval += c.awaiting;
    }
    return { callbacks: r.cb, complaints: { openByStep, slaBreached, awaitingApproval }, promisesOverdue: r.pr };
  }

  /**
   * Sync health per branch, over its live seats: last seen = the latest seat contact (push, pull,
   * wallboard post); pending = sum of the seats' reported backlogs (null when none reported);
   * parked = changes the hub parked for its seats; conflicts = open conflicts whose losing value
   * came from one of its seats.
   */
  private async branches(): Promise<BranchHealth[]> {
    const { rows } = await this.pool.query<{ branch: string; name: string | null; last_seen: string | null; pending: string | null; parked: string; conflicts: string }>(
      `WITH s AS (SELECT id, branch, last_seen_at FROM seats WHERE revoked_at IS NULL),
            b AS (SELECT s.branch, max(s.last_seen_at) AS last_seen, sum(h.pending) AS pending
                    FROM s LEFT JOIN seat_health h ON h.seat_id = s.id GROUP BY s.branch),
            pk AS (SELECT s.branch, count(*) AS n FROM parked p JOIN s ON s.id = p.seat_id GROUP BY s.branch),
            cf AS (SELECT s.branch, count(*) AS n FROM conflicts c JOIN s ON s.id = c.loser_seat WHERE c.status = 'open' GROUP BY s.branch)
       SELECT b.branch, r.fields->>'name' AS name, b.last_seen, b.pending, coalesce(pk.n, 0) AS parked, coalesce(cf.n, 0) AS conflicts
         FROM b LEFT JOIN pk ON pk.branch = b.branch LEFT JOIN cf ON cf.branch = b.branch
         LEFT JOIN rows r ON r.entity = 'branches' AND r.id = b.branch`,
    );
    return rows.map((r) => ({
      branchId: r.branch,
      name: r.name,
      lastSeenAt: num(r.last_seen),
      pending: r.pending === null ? null : Number(r.pending),
      parked: Number(r.parked),
      conflicts: Number(r.conflicts),
    }));
  }
}
