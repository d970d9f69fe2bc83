import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import type { FetchLike } from '../../../electron/core/sync/hub-client';
import { SYNCED_TABLES, keyOf, type Entity } from '../../../electron/core/store/entities';
import { buildHub, type Hub } from '../../../server/hub';
import { addSeat } from '../../../server/seats';
import { SYNCED_ENTITY_SCHEMAS } from '../../../shared/sync/entity-schemas';
import { compareWrite, seatHlc, type FieldClocks } from '../../../shared/sync/merge';
import type { ChangeFields } from '../../../shared/sync/protocol';
import { useTestDatabase } from '../../support/postgres';
import { useTempDirs } from '../../support/temp-dir';
import { seededRandom } from '../../support/seeded-random';

// The convergence test of issue 6 (SYNC.md "Testing it"): 20 real seats (core + SQLite file)
// on one real hub (fastify + PostgreSQL) make seeded random edits to SHARED customers
// (fields and phones), complaints (start, drafts) and callbacks (create, reschedule, snooze,
// cancel, attempts) through core.invoke, while seats go offline for a while, push answers are
// lost after the hub committed, and the hub restarts in the middle. At the end every seat
// syncs until nothing moves, then:
//   (a) every replica's synced tables equal the hub's `rows`, row by row and column by column;
//   (b) every acknowledged write is present: for each (seat, entity, id, field, value, hlc) the
//       hub's final field is that write or one with a greater (hlc, seat); the greatest write
//       of each field is the hub's value (LWW); a value that was overwritten is either in a
//       conflict record or was overwritten by a write whose seat had seen it.
//
// Seeds: SYNC_SEED=<n> runs that seed; SYNC_SEEDS=<count> (or SOAK_SEEDS, `npm run test:soak`)
// runs that many random seeds; by default the FIXED_SEEDS below (reproducible in CI) plus one
// random seed, printed, to keep exploring. Every failure names its seed.
// Other knobs: SYNC_STEPS (operations + syncs per seed, default 220), SYNC_SERIAL=1 (one seat
// syncs at a time: the hub sees the same order on every run of a seed), SYNC_DROP_PULLS=<p>
// (also lose pull answers after the hub recorded them; see lost-pull-answer.test.ts).
//
// Reproducibility: every choice comes from the seed; what is not (uuidv7 ids, the interleaving
// of concurrent pushes unless SYNC_SERIAL=1) does not change which operation runs when.

const db = useTestDatabase();
const tempDir = useTempDirs();

const SEATS = 20;
const STEPS = Number(process.env.SYNC_STEPS ?? 220);
const SERIAL = process.env.SYNC_SERIAL === '1';
const DROP_PUSH = 0.2;
const DROP_PULL = Number(process.env.SYNC_DROP_PULLS ?? 0);
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);

/**
 * Run on every default run. 944284434 and 69707167 found the pull-applies-an-older-value bug
 * (a seat kept another seat's older value over its own acknowledged newer one, for good).
 * 2398007433 found the clamped-stamps-collide bug: seat 3 (5 min ahead) pushed two edits of one
 * name together, the hub clamped both onto the receive ms with their own counters, and the newer
 * one tied with the older and was dropped as "the same write" (merge.ts "STAMPS", seatHlc).
 */
const FIXED_SEEDS = [944284434, 69707167, 20261126, 2398007433];

function seedList(): number[] {
  if (process.env.SYNC_SEED) return [Number(process.env.SYNC_SEED)];
  const count = process.env.SYNC_SEEDS ?? process.env.SOAK_SEEDS;
  const base = randomBytes(4).readUInt32LE(0);
  const random = (n: number) => Array.from({ length: n }, (_, i) => (base + i * 0x9e3779b1) >>> 0);
  const seeds = count !== undefined ? random(Number(count)) : [...FIXED_SEEDS, ...random(1)];
  console.log(`sync convergence seeds: ${seeds.join(', ')} (rerun one: SYNC_SEED=<seed>)`);
  return seeds;
}

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  const next = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

type Value = string | number | null;

/** One field of one outbox change, as the seat wrote it. */
interface Write {
  seat: string;
  seq: number;
  entity: string;
  id: string;
  field: string;
  value: Value;
  hlc: string;
  /** The seat's applied pull cursor when it wrote: what it had seen of the hub. */
  cursor: number;
}

interface SimSeat {
  index: number;
  core: Core;
  id: string;
  rng: Rng;
  offline: boolean;
  offlineUntil: number;
  /** Highest outbox seq already copied into the model. */
  captured: number;
  /** Hub receive time of each seq, from the first push answer that acknowledged it (lost or not). */
  ackTime: Map<number, number>;
  /** The HLC of every outbox change (seq → stamp), fields or not: the hub orders a seat's stamps over all of them. */
  stamps: Map<number, string>;
  lastAck: number;
  dropped: { push: number; pull: number };
}

interface Stats {
  ops: Record<string, { ok: number; refused: number }>;
  syncs: number;
  failedSyncs: number;
  offlinePeriods: number;
  writes: number;
  conflicts: number;
  supersededSeen: number;
  valueCollisions: number;
}

const PHONES = ['13800000001', '13800000002', '13800000003', '13911112222', '02087654321', '13600001111'];
const ZONE = 'Asia/Shanghai';

async function run(seed: number): Promise<void> {
  const rng = prng(seed);
  let simNow = T0;
  const SKEW = [0, 0, 0, 5 * 60_000, -3 * 60_000]; // seat 3 runs 5 min ahead (clamped by the hub), seat 4 behind
  let uniq = 0;
  const text = (what: string) => `${what}-${seed.toString(36)}-${++uniq}`;

  // A fresh database per seed, on the same server as the file's.
  const name = `kefu_conv_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(db.url);
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);

  const startHub = async (port: number): Promise<{ hub: Hub; base: string }> => {
    const hub = await buildHub({ databaseUrl: url, log: false, now: () => simNow, limits: { rateMax: 1_000_000 } });
    const base = await hub.listen({ port });
    return { hub, base };
  };
  const first0 = await startHub(0);
  let hub = first0.hub;
  const hubUrl = first0.base;
  const port = Number(new URL(hubUrl).port);

  const seats: SimSeat[] = [];
  const model: Write[] = [];
  const stats: Stats = { ops: {}, syncs: 0, failedSyncs: 0, offlinePeriods: 0, writes: 0, conflicts: 0, supersededSeen: 0, valueCollisions: 0 };
  const coreLogs: string[] = [];

  try {
    for (let i = 0; i < SEATS; i++) {
      const seat: SimSeat = {
        index: i,
        core: null as unknown as Core,
        id: '',
        rng: prng((seed ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0),
        offline: false,
        offlineUntil: -1,
        captured: 0,
        ackTime: new Map(),
        stamps: new Map(),
        lastAck: 0,
        dropped: { push: 0, pull: 0 },
      };
      const skew = SKEW[i] ?? 0;
      const net: FetchLike = async (reqUrl, init) => {
        if (seat.offline) throw new TypeError('fetch failed (seat offline)');
        const res = await fetch(reqUrl, init as RequestInit);
        const body: unknown = await res.json().catch(() => undefined);
        const isPush = init.method === 'POST' && reqUrl.includes('/v1/push');
        if (isPush && res.status === 200) {
          const r = body as { ackSeq: number; serverTime: number };
          for (let s = seat.lastAck + 1; s <= r.ackSeq; s++) if (!seat.ackTime.has(s)) seat.ackTime.set(s, r.serverTime);
          seat.lastAck = Math.max(seat.lastAck, r.ackSeq);
        }
        // The hub has committed; the answer never reaches the seat.
        if (res.status === 200 && isPush && seat.rng.chance(DROP_PUSH)) {
          seat.dropped.push++;
          throw new TypeError('fetch failed (answer lost)');
        }
        if (res.status === 200 && !isPush && reqUrl.includes('/v1/pull') && DROP_PULL > 0 && seat.rng.chance(DROP_PULL)) {
          seat.dropped.pull++;
          throw new TypeError('fetch failed (answer lost)');
        }
        return { status: res.status, json: async () => body, headers: res.headers };
      };
      seat.core = createCore({
        dataDir: tempDir(),
        role: 'supervisor',
        agentName: `seat-${i}`,
        clock: { now: () => simNow + skew },
        reminderIntervalMs: 0,
        syncIntervalMs: 0,
        syncTest: { fetch: net, connectLive: null },
        log: (m) => coreLogs.push(`seat ${i}: ${m}`),
      });
      seat.id = seat.core.seat.seatId;
      const { token } = await addSeat(pool, { branch: 'hq', name: `conv-${seed}-${i}-${seat.id.slice(-6)}`, role: 'supervisor', id: seat.id });
      const r = await seat.core.invoke('sync.configure', { settings: { hubUrl, token } });
      if (!r.ok) throw new Error(`sync.configure: ${JSON.stringify(r.error)}`);
      seats.push(seat);
      capture(seat);
    }

    // ---------- model capture ----------
    function capture(seat: SimSeat): void {
      const cursor = (seat.core.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: number }).cursor;
      const rows = seat.core.db
        .prepare('SELECT seq, entity, entity_id, fields, hlc FROM outbox WHERE seq > ? ORDER BY seq')
        .all(seat.captured) as { seq: number; entity: string; entity_id: string; fields: string; hlc: string }[];
      for (const r of rows) {
        seat.stamps.set(r.seq, r.hlc);
        const key = keyOf(r.entity as Entity);
        for (const [field, value] of Object.entries(JSON.parse(r.fields) as ChangeFields)) {
          if (field === key) continue;
          model.push({ seat: seat.id, seq: r.seq, entity: r.entity, id: r.entity_id, field, value, hlc: r.hlc, cursor });
        }
        seat.captured = r.seq;
      }
    }

    const invoke = async (seat: SimSeat, channel: string, input: unknown): Promise<unknown> => {
      const r = await seat.core.invoke(channel, input);
      const s = (stats.ops[channel] ??= { ok: 0, refused: 0 });
      if (r.ok) s.ok++;
      else {
        s.refused++;
        if (r.error.code === 'internal') throw new Error(`seat ${seat.index} ${channel}: internal error ${JSON.stringify(r.error)} (seed ${seed})`);
      }
      capture(seat);
      return r.ok ? r.value : null;
    };

    const sync = async (seat: SimSeat) => {
      stats.syncs++;
      const st = await seat.core.sync.syncNow();
      if (st.state !== 'online') stats.failedSyncs++;
      capture(seat); // nothing new is expected; a sync must not write to the outbox
      return st;
    };

    const liveIds = (seat: SimSeat, sql: string): string[] => (seat.core.db.prepare(sql).all() as { id: string }[]).map((r) => r.id);

    // ---------- the shared starting set, made on seat 0 and synced to all ----------
    const s0 = seats[0]!;
    for (let i = 0; i < 8; i++) {
      const profile = (await invoke(s0, 'customers.create', {
        customer: { name: text('客户'), city: text('城市'), phones: [rng.pick(PHONES)], notes: text('备注') },
      })) as { customer: { id: string } };
      if (i < 4) await invoke(s0, 'complaints.start', { customerId: profile.customer.id, source: 'profile' });
      if (i < 6) {
        await invoke(s0, 'callbacks.create', {
          callback: { customerId: profile.customer.id, phone: rng.pick(PHONES), reason: 'other', windowStart: simNow + 3_600_000, windowEnd: simNow + 7_200_000, timeZone: ZONE },
        });
      }
    }
    if (stats.ops['complaints.start']?.ok === 0) throw new Error('complaints.start refused: the complaint service is unavailable');
    for (const s of seats) await sync(s);
    for (const s of seats) await sync(s); // everyone has everyone's agent row too

    // ---------- random operations ----------
    const customerOp = async (seat: SimSeat) => {
      const ids = liveIds(seat, 'SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id');
      if (ids.length === 0 || seat.rng.chance(0.04)) {
        await invoke(seat, 'customers.create', { customer: { name: text('新客户'), phones: [seat.rng.pick(PHONES)] } });
        return;
      }
      const patch: Record<string, unknown> = {};
      const r = seat.rng;
      if (r.chance(0.45)) patch.name = text('名');
      if (r.chance(0.45)) patch.notes = text('备注');
      if (r.chance(0.3)) patch.city = text('城');
      if (r.chance(0.2)) patch.occupation = text('职业');
      if (r.chance(0.2)) patch.doNotContact = r.chance(0.5);
      if (r.chance(0.2)) patch.marketingConsent = r.chance(0.5);
      if (r.chance(0.15)) patch.status = r.pick(['prospect', 'active', 'churned']);
      if (r.chance(0.25)) patch.phones = [...new Set([r.pick(PHONES), r.pick(PHONES)])].slice(0, r.int(1, 2));
      if (Object.keys(patch).length === 0) patch.notes = text('备注');
      await invoke(seat, 'customers.update', { id: seat.rng.pick(ids), patch });
    };

    const complaintOp = async (seat: SimSeat) => {
      const open = seat.core.db
        .prepare("SELECT id, current_step FROM complaints WHERE deleted_at IS NULL AND status = 'open' ORDER BY id")
        .all() as { id: string; current_step: number }[];
      if (open.length === 0 || seat.rng.chance(0.15)) {
        const ids = liveIds(seat, 'SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id');
        await invoke(seat, 'complaints.start', { customerId: seat.rng.pick(ids), source: seat.rng.pick(['call', 'profile', 'search']) });
        return;
      }
      const c = seat.rng.pick(open);
      const data: Record<string, string> = {};
      if (seat.rng.chance(0.7)) data.summary = text('诉求');
      if (seat.rng.chance(0.5)) data.detail = text('详情');
      if (Object.keys(data).length === 0) data.summary = text('诉求');
      await invoke(seat, 'complaints.saveDraft', { id: c.id, step: c.current_step, data });
    };

    const callbackOp = async (seat: SimSeat) => {
      const r = seat.rng;
      const ids = liveIds(seat, "SELECT id FROM callbacks WHERE deleted_at IS NULL AND status = 'scheduled' ORDER BY id");
      const now = simNow;
      const what = ids.length === 0 ? 'create' : r.pick(['create', 'reschedule', 'reschedule', 'snooze', 'attempt', 'attempt', 'cancel']);
      if (what === 'create') {
        const customers = liveIds(seat, 'SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id');
        const start = now + r.int(1, 48) * 1_800_000;
        await invoke(seat, 'callbacks.create', {
          callback: { customerId: r.pick(customers), phone: r.pick(PHONES), reason: r.pick(['complaint_follow_up', 'missed_call', 'sales_lead', 'other']), windowStart: start, windowEnd: start + r.int(1, 4) * 1_800_000, timeZone: ZONE, priority: r.pick([1, 2, 3]), note: text('回电') },
        });
        return;
      }
      const id = r.pick(ids);
      if (what === 'reschedule') {
        const start = now + r.int(1, 72) * 1_800_000;
        await invoke(seat, 'callbacks.reschedule', { id, windowStart: start, windowEnd: start + r.int(1, 4) * 1_800_000 });
      } else if (what === 'snooze') await invoke(seat, 'callbacks.snooze', { id, minutes: r.int(5, 240) });
      else if (what === 'attempt') await invoke(seat, 'callbacks.recordAttempt', { id, outcome: r.pick(['reached', 'no_answer', 'busy', 'voicemail']), note: r.chance(0.5) ? text('尝试') : null });
      else await invoke(seat, 'callbacks.cancel', { id });
    };

    const restartAt = Math.floor(STEPS / 2);
    for (let step = 0; step < STEPS; step++) {
      simNow += rng.int(0, 20_000);
      for (const s of seats) {
        if (s.offline && step >= s.offlineUntil) s.offline = false;
      }
      if (step === restartAt) {
        // The hub goes away in the middle of the run: some seats try and fail meanwhile, then a
        // new hub process starts on the same database and port.
        await hub.close();
        for (let k = 0; k < 3; k++) await sync(rng.pick(seats));
        ({ hub } = await startHub(port));
        continue;
      }
      const roll = rng.next();
      if (roll < 0.68) {
        const seat = rng.pick(seats);
        const kind = rng.next();
        if (kind < 0.45) await customerOp(seat);
        else if (kind < 0.65) await complaintOp(seat);
        else await callbackOp(seat);
      } else if (roll < 0.94) {
        const group = [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.pick(seats)))];
        if (SERIAL) for (const s of group) await sync(s);
        else await Promise.all(group.map(sync));
      } else {
        const seat = rng.pick(seats);
        if (!seat.offline) {
          seat.offline = true;
          seat.offlineUntil = step + rng.int(10, 80);
          stats.offlinePeriods++;
        }
      }
    }

    // ---------- quiesce: everyone online, no lost answers, sync until nothing moves ----------
    for (const s of seats) s.offline = false;
    const counter = async () => Number((await pool.query<{ v: string }>('SELECT v FROM sync_counter WHERE id = 1')).rows[0]!.v);
    let quiet = false;
    for (let round = 0; round < 8 && !quiet; round++) {
      const before = await counter();
      for (const s of seats) {
        // Lost answers stay possible here: retry a few times as the background loop would.
        for (let t = 0; t < 6; t++) if ((await sync(s)).state === 'online') break;
      }
      const after = await counter();
      quiet =
        before === after &&
        seats.every((s) => {
          const st = s.core.sync.status();
          const cur = (s.core.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: number }).cursor;
          return st.state === 'online' && st.pending === 0 && cur === after;
        });
    }
    const failures: string[] = [];
    if (!quiet) failures.push('the seats did not quiesce within 8 full sync rounds');

    // ---------- (a) every replica equals the hub ----------
    const hubRows = await pool.query<{ entity: string; id: string; fields: ChangeFields; clocks: FieldClocks }>('SELECT entity, id, fields, clocks FROM rows');
    const hubBy = new Map<string, { fields: ChangeFields; clocks: FieldClocks }>();
    const hubCount = new Map<string, number>();
    for (const r of hubRows.rows) {
      hubBy.set(`${r.entity}\u0000${r.id}`, r);
      hubCount.set(r.entity, (hubCount.get(r.entity) ?? 0) + 1);
    }
    const columnsOf = (entity: Entity) => Object.keys(SYNCED_ENTITY_SCHEMAS[entity].shape as object);
    const first = new Map<string, Record<string, Value>>();
    const divergent: { entity: string; id: string; field: string }[] = [];
    for (const s of seats) {
      const d = s.core.db;
      for (const [table, n] of [
        ['outbox', 0],
        ['outbox_rejected', 0],
        ['sync_pending', 0],
      ] as const) {
        const got = (d.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        if (got !== n) failures.push(`seat ${s.index}: ${got} row(s) left in ${table}`);
      }
      for (const entity of SYNCED_TABLES) {
        const key = keyOf(entity);
        const rows = d.prepare(`SELECT * FROM ${entity}`).all() as Record<string, Value>[];
        if (rows.length !== (hubCount.get(entity) ?? 0)) failures.push(`seat ${s.index}: ${entity} has ${rows.length} rows, the hub ${hubCount.get(entity) ?? 0}`);
        for (const row of rows) {
          const id = String(row[key]);
          const h = hubBy.get(`${entity}\u0000${id}`);
          if (!h) {
            failures.push(`seat ${s.index}: ${entity} ${id} is not on the hub`);
            continue;
          }
          for (const col of columnsOf(entity)) {
            if (col === key) continue;
            const mine = row[col] ?? null;
            if (Object.hasOwn(h.fields, col)) {
              if (mine !== (h.fields[col] ?? null)) {
                failures.push(`seat ${s.index}: ${entity} ${id}.${col} = ${JSON.stringify(mine)}, hub ${JSON.stringify(h.fields[col])} @ ${JSON.stringify(h.clocks[col])}`);
                divergent.push({ entity, id, field: col });
              }
            } else {
              // Never written by anyone: the column default, the same on every seat.
              const ref = first.get(`${entity}\u0000${id}`);
              if (!ref) first.set(`${entity}\u0000${id}`, row);
              else if ((ref[col] ?? null) !== mine) failures.push(`seat ${s.index}: ${entity} ${id}.${col} (not on the hub) = ${JSON.stringify(mine)}, seat 0 ${JSON.stringify(ref[col])}`);
            }
          }
        }
      }
    }

    // ---------- (b) every acknowledged write is present ----------
    const seatBy = new Map(seats.map((s) => [s.id, s]));
    const logged = await pool.query<{ server_seq: string; entity: string; entity_id: string; fields: ChangeFields; hlc: string; origin_seat: string }>(
      "SELECT server_seq, entity, entity_id, fields, hlc, origin_seat FROM changes WHERE origin_seat <> 'hub'",
    );
    /** seat|entity|id|hlc|field → server seq at which the hub logged that write (it won on arrival). */
    const logSeq = new Map<string, number>();
    for (const c of logged.rows) for (const f of Object.keys(c.fields)) logSeq.set(`${c.origin_seat}|${c.entity}|${c.entity_id}|${c.hlc}|${f}`, Number(c.server_seq));
    const conflictRows = await pool.query<{ entity: string; entity_id: string; field: string; loser_value: Value; loser_hlc: string; loser_seat: string; winner_value: Value }>(
      'SELECT entity, entity_id, field, loser_value, loser_hlc, loser_seat, winner_value FROM conflicts',
    );
    stats.conflicts = conflictRows.rows.length;
    const conflictKey = (e: string, id: string, f: string) => `${e}|${id}|${f}`;
    const conflictsBy = new Map<string, typeof conflictRows.rows>();
    for (const c of conflictRows.rows) {
      const k = conflictKey(c.entity, c.entity_id, c.field);
      conflictsBy.set(k, [...(conflictsBy.get(k) ?? []), c]);
    }

    // The stamp the hub merged each write with: its HLC clamped to the hub's time when the push
    // that applied it arrived (the first answer acknowledging it), and kept after the seat's
    // previous applied write (seatHlc), chained over the seat's outbox in seq order. Every change
    // a seat pushes is applied here (nothing may be parked: checked above).
    const effectiveBy = new Map<string, Map<number, string>>();
    for (const s of seats) {
      const eff = new Map<number, string>();
      let last: string | null = null;
      for (const [seq, hlc] of [...s.stamps].sort(([a], [b]) => a - b)) {
        const at = s.ackTime.get(seq);
        if (at === undefined) continue;
        last = seatHlc(hlc, at, last).hlc;
        eff.set(seq, last);
      }
      effectiveBy.set(s.id, eff);
    }
    const effective = (w: Write) => effectiveBy.get(w.seat)?.get(w.seq) ?? null;
    const byField = new Map<string, (Write & { eff: string })[]>();
    for (const w of model) {
      const eff = effective(w);
      if (eff === null) {
        failures.push(`seat ${seatBy.get(w.seat)!.index} seq ${w.seq} (${w.entity}.${w.field}) was never acknowledged`);
        continue;
      }
      const k = conflictKey(w.entity, w.id, w.field);
      byField.set(k, [...(byField.get(k) ?? []), { ...w, eff }]);
    }
    stats.writes = model.length;
    for (const [k, writes] of byField) {
      const [entity, id, field] = k.split('|') as [string, string, string];
      const h = hubBy.get(`${entity}\u0000${id}`);
      const where = (w: Write) => `${entity} ${id}.${field} = ${JSON.stringify(w.value)} (seat ${seatBy.get(w.seat)!.index} seq ${w.seq} hlc ${w.hlc})`;
      if (!h) {
        failures.push(`${entity} ${id} is not on the hub although ${writes.length} write(s) to it were acknowledged`);
        continue;
      }
      const final = h.fields[field] ?? null;
      const clock = h.clocks[field];
      if (!clock) {
        failures.push(`${entity} ${id}.${field}: no clock on the hub`);
        continue;
      }
      const top = writes.reduce((a, b) => (compareWrite({ hlc: b.eff, seat: b.seat }, { hlc: a.eff, seat: a.seat }) > 0 ? b : a));
      if (field === 'deleted_at') {
        // Delete wins: one acknowledged tombstone keeps the row deleted (no undelete here).
        if (writes.some((w) => w.value !== null) && final === null) failures.push(`${entity} ${id}: acknowledged delete lost`);
        continue;
      }
      if (top.value !== final || top.eff !== clock.hlc || top.seat !== clock.seat) {
        failures.push(`${entity} ${id}.${field}: hub has ${JSON.stringify(final)} @ ${clock.hlc}/${clock.seat}, the greatest acknowledged write is ${where(top)}`);
      }
      for (const w of writes) {
        if (compareWrite({ hlc: clock.hlc, seat: clock.seat }, { hlc: w.eff, seat: w.seat }) < 0) failures.push(`${where(w)}: the hub's field is older (${clock.hlc})`);
        if (w.value === final || field === 'updated_at') continue;
        // Overwritten: by a conflict record (the lost value kept), or by a write whose seat had seen it.
        const recorded = (conflictsBy.get(k) ?? []).some((c) => c.loser_value === w.value && c.loser_seat === w.seat && c.loser_hlc === w.eff);
        if (recorded) continue;
        const seq = logSeq.get(`${w.seat}|${entity}|${id}|${w.eff}|${field}`);
        const seenBy = writes.find(
          (o) => compareWrite({ hlc: o.eff, seat: o.seat }, { hlc: w.eff, seat: w.seat }) > 0 && ((o.seat === w.seat && o.seq > w.seq) || (seq !== undefined && o.cursor >= seq)),
        );
        if (seenBy) {
          stats.supersededSeen++;
          continue;
        }
        // Small value sets (booleans, enums): the same value from another write may stand for it.
        if (writes.some((o) => o !== w && o.value === w.value) || (conflictsBy.get(k) ?? []).some((c) => c.loser_value === w.value || c.winner_value === w.value)) {
          stats.valueCollisions++;
          continue;
        }
        failures.push(`${where(w)}: overwritten by ${JSON.stringify(final)} with no conflict record and no writer that had seen it`);
        if (!divergent.some((d) => d.entity === entity && d.id === id && d.field === field)) divergent.push({ entity, id, field });
      }
    }

    // The history of each divergent field, to read next to the failure.
    for (const d of divergent.slice(0, 3)) {
      for (const w of model.filter((m) => m.entity === d.entity && m.id === d.id && m.field === d.field)) {
        failures.push(`  history ${d.entity}.${d.field}: seat ${seatBy.get(w.seat)!.index} seq ${w.seq} = ${JSON.stringify(w.value)} hlc ${w.hlc} acked@${seatBy.get(w.seat)!.ackTime.get(w.seq)} cursor ${w.cursor} logged@${logSeq.get(`${w.seat}|${w.entity}|${w.id}|${effective(w)}|${w.field}`) ?? '-'}`);
      }
      for (const c of conflictsBy.get(conflictKey(d.entity, d.id, d.field)) ?? []) {
        failures.push(`  conflict ${d.entity}.${d.field}: winner ${JSON.stringify(c.winner_value)}, loser ${JSON.stringify(c.loser_value)} @ ${c.loser_hlc} seat ${seatBy.get(c.loser_seat)?.index ?? c.loser_seat}`);
      }
    }
    const dropped = seats.reduce((a, s) => ({ push: a.push + s.dropped.push, pull: a.pull + s.dropped.pull }), { push: 0, pull: 0 });
    const summary = { seed, steps: STEPS, ...stats, dropped, hubSeq: await counter(), hubRows: hubRows.rows.length };
    if (failures.length > 0) {
      const msg = [`SYNC CONVERGENCE FAILED — seed ${seed} (rerun: SYNC_SEED=${seed}${SERIAL ? ' SYNC_SERIAL=1' : ''} npx vitest run --project core test/integration/sync/convergence.test.ts)`, JSON.stringify(summary), ...failures.slice(0, 40), ...(failures.length > 40 ? [`… ${failures.length - 40} more`] : []), 'seat log (last 20):', ...coreLogs.slice(-20)].join('\n');
      console.error(msg);
      expect.fail(msg);
    }
    console.log(`convergence ok: ${JSON.stringify(summary)}`);
    expect(stats.ops['complaints.saveDraft']?.ok ?? 0).toBeGreaterThan(0);
    expect(dropped.push).toBeGreaterThan(0);
  } catch (err) {
    if (err instanceof Error && !err.message.includes(`seed ${seed}`)) err.message = `seed ${seed}: ${err.message}`;
    throw err;
  } finally {
    for (const s of seats) await s.core.close().catch(() => undefined);
    await hub.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await c.end();
  }
}

describe('sync convergence: 20 seats, one hub', () => {
  for (const seed of seedList()) {
    it(`seed ${seed}: every replica equals the hub and no acknowledged write is lost`, () => run(seed), 240_000);
  }
});
