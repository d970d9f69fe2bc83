import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { startEmbedded } from '../../server/embedded';
import type { HubLiveMessage, WallboardEvent } from '../../shared/sync/wallboard-protocol';
import { mergeResults, printTable, type Figures } from './results-file';
import { percentile, round } from './stats';

// Wallboard figures (issue 7): 500 simulated seats each send one wallboard event per second
// (alternately presence and a finished queue leg) for a minute through ONE hub, while one
// supervisor socket watches the stream.
//   wallboard.update_p95_ms  p95 over presence events of: time from the POST's acknowledgement
//                            (in the load process) to the first wallboard message on the
//                            supervisor socket whose snapshot shows that event's state (each
//                            event carries a unique agentName marker `s<seat>#<n>`; a snapshot
//                            showing a later marker of the same agent also counts); goal ≤ 1000
//   hub.cpu_pct              the hub process's CPU (user + system) over the load window, % of ONE core
//   hub.rss_mb               the hub process's peak RSS (MB) during the run
// Three processes so each is measured alone: the hub (a child: it reports its own cpuUsage and
// memory over IPC), the load generator (a child: 500 seat timers over keep-alive HTTP), and this
// one (the supervisor socket). PostgreSQL (DATABASE_URL, or an embedded one) runs beside them on
// the same machine and is not counted in hub.cpu_pct.
//
// Standalone: npx tsx test/bench/wallboard-bench.ts [--seconds 60] [--seats 500] [--no-write]

const SELF = fileURLToPath(import.meta.url);
const CHILD_ARGS = { execArgv: ['--import', 'tsx'] };

export interface WallboardBenchResult {
  figures: Figures;
  notes: Record<string, string>;
}

interface HubStats {
  cpuUserUs: number;
  cpuSystemUs: number;
  rssMaxBytes: number;
  at: number;
}

type ToHub = { type: 'stats' } | { type: 'stop' };
type FromHub = { type: 'ready'; url: string } | ({ type: 'stats' } & HubStats);
type ToLoad = { type: 'start'; url: string; seats: Array<{ id: string; token: string }>; seconds: number };
type FromLoad =
  | { type: 'acks'; acks: Array<[seat: number, n: number, ackAt: number]> }
  | { type: 'done'; sent: number; failed: number; postP95Ms: number; postP50Ms: number };

// ---------------------------------------------------------------- hub child

async function hubChild(): Promise<void> {
  const { buildHub } = await import('../../server/hub');
  const hub = await buildHub({ databaseUrl: process.env.KEFU_BENCH_DB!, log: false, limits: { rateMax: 1_000_000 } });
  const url = await hub.listen();
  let rssMax = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }, 100);
  const send = (m: FromHub) => process.send!(m);
  process.on('message', (m: ToHub) => {
    if (m.type === 'stats') {
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
      const cpu = process.cpuUsage();
      send({ type: 'stats', cpuUserUs: cpu.user, cpuSystemUs: cpu.system, rssMaxBytes: rssMax, at: Date.now() });
    } else if (m.type === 'stop') {
      clearInterval(sampler);
      void hub.close().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', url });
}

// ---------------------------------------------------------------- load child

async function loadChild(): Promise<void> {
  const start = await new Promise<ToLoad>((res) => process.once('message', (m: ToLoad) => res(m)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(start.url);
  const acks: Array<[number, number, number]> = [];
  const postMs: number[] = [];
  let sent = 0;
  let failed = 0;
  const post = (token: string, body: string) =>
    new Promise<number>((res) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: '/v1/wallboard/events',
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (resp) => {
          resp.resume();
          resp.on('end', () => res(resp.statusCode ?? 0));
        },
      );
      req.on('error', () => res(0));
      req.end(body);
    });
  const flush = setInterval(() => {
    if (acks.length > 0) process.send!({ type: 'acks', acks: acks.splice(0) } satisfies FromLoad);
  }, 200);
  const t0 = Date.now() + 200;
  const end = t0 + start.seconds * 1000;
  const counters = start.seats.map(() => 0);
  await Promise.all(
    start.seats.map(async (seat, i) => {
      // Spread the seats over the second; each sends once per second, presence and a leg in turn.
      let next = t0 + Math.floor((i * 1000) / start.seats.length);
      while (next < end) {
        const wait = next - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const n = ++counters[i]!;
        const now = Date.now();
        const event: WallboardEvent =
          n % 2 === 1
            ? { type: 'presence', agentId: `bench-agent-${i}`, agentName: `s${i}#${n}`, state: n % 4 === 1 ? 'on_call' : 'available', since: now }
            : {
                type: 'queue_legs',
                legs: [
                  {
                    callId: `bench-${i}-${n}`,
                    queue: `q${i % 8}`,
                    offeredAt: now - 30_000,
                    answeredAt: n % 6 === 0 ? null : now - 30_000 + (n % 40) * 1000,
                    abandonedAt: n % 6 === 0 ? now - 5_000 : null,
                    endedAt: now,
                    waitS: n % 6 === 0 ? 25 : n % 40,
                    talkS: n % 6 === 0 ? 0 : 30 - (n % 40) * 0.5,
                    wrapS: 0,
                  },
                ],
              };
        const body = JSON.stringify({ seatId: seat.id, events: [event] });
        const t = performance.now();
        const status = await post(seat.token, body);
        const ackAt = Date.now();
        postMs.push(performance.now() - t);
        sent++;
        if (status !== 200) failed++;
        else if (event.type === 'presence') acks.push([i, n, ackAt]);
        next += 1000;
      }
    }),
  );
  clearInterval(flush);
  if (acks.length > 0) process.send!({ type: 'acks', acks: acks.splice(0) } satisfies FromLoad);
  process.send!({ type: 'done', sent, failed, postP95Ms: percentile(postMs, 95), postP50Ms: percentile(postMs, 50) } satisfies FromLoad);
  agent.destroy();
  setTimeout(() => process.exit(0), 100);
}

// ---------------------------------------------------------------- parent

function ask<T>(child: ChildProcess, msg: unknown, pick: (m: unknown) => T | undefined): Promise<T> {
  return new Promise((res, rej) => {
    const on = (m: unknown) => {
      const v = pick(m);
      if (v !== undefined) {
        child.off('message', on);
        res(v);
      }
    };
    child.on('message', on);
    child.once('exit', (code) => rej(new Error(`child exited (${code})`)));
    if (msg !== null) child.send(msg as object);
  });
}

export async function runWallboardBench(opts: { seconds?: number; seats?: number; log?: (m: string) => void } = {}): Promise<WallboardBenchResult> {
  const seconds = opts.seconds ?? 60;
  const seatCount = opts.seats ?? 500;
  const log = opts.log ?? ((m: string) => console.log(m));

  let stopPg = async () => undefined as void;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-wb-pg-'));
    chmodSync(dir, 0o755);
    log('starting an embedded PostgreSQL…');
    const server = await startEmbedded(join(dir, 'data'), { database: 'postgres', quiet: true });
    adminUrl = server.url;
    stopPg = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `kefu_wb_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();

  const hub = fork(SELF, [], { ...CHILD_ARGS, env: { ...process.env, KEFU_WB_ROLE: 'hub', KEFU_BENCH_DB: dbUrl } });
  const load = fork(SELF, [], { ...CHILD_ARGS, env: { ...process.env, KEFU_WB_ROLE: 'load' } });
  let ws: WebSocket | null = null;
  try {
    const url = await ask(hub, null, (m) => ((m as FromHub).type === 'ready' ? (m as { url: string }).url : undefined));
    log(`hub (pid ${hub.pid}) on ${url}; adding ${seatCount} seats…`);
    const { addSeat } = await import('../../server/seats');
    const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
    pool.on('error', () => undefined);
    const branches = 20;
    const seats: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < seatCount; i += 50) {
      const made = await Promise.all(
        Array.from({ length: Math.min(50, seatCount - i) }, (_, k) => addSeat(pool, { branch: `br-${(i + k) % branches}`, name: `bench-seat-${i + k}` })),
      );
      for (const m of made) seats.push({ id: m.seat.id, token: m.token });
    }
    const sup = await addSeat(pool, { branch: 'br-0', name: 'bench-supervisor', role: 'supervisor' });
    await pool.end();

    // The supervisor socket: the first time each agent's marker counter reaches n.
    const seen = new Map<number, { n: number; at: number[] }>(); // seat → counters seen, first time each
    let wallboardMessages = 0;
    let lastBytes = 0;
    ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/live?token=${encodeURIComponent(sup.token)}`);
    ws.on('message', (data: Buffer) => {
      const at = Date.now();
      const msg = JSON.parse(data.toString('utf8')) as HubLiveMessage;
      if (msg.type !== 'wallboard') return;
      wallboardMessages++;
      lastBytes = data.length;
      for (const a of msg.snapshot.agents) {
        const m = /^s(\d+)#(\d+)$/.exec(a.name ?? '');
        if (!m) continue;
        const seat = Number(m[1]);
        const n = Number(m[2]);
        const s = seen.get(seat) ?? { n: 0, at: [] };
        for (let k = s.n + 1; k <= n; k++) s.at[k] = at;
        s.n = Math.max(s.n, n);
        seen.set(seat, s);
      }
    });
    await new Promise<void>((res, rej) => {
      ws!.once('open', () => res());
      ws!.once('error', rej);
    });

    const acks: Array<[number, number, number]> = [];
    load.on('message', (m: FromLoad) => {
      if (m.type === 'acks') acks.push(...m.acks);
    });
    const statsOf = () => ask<HubStats>(hub, { type: 'stats' } satisfies ToHub, (m) => ((m as FromHub).type === 'stats' ? (m as HubStats) : undefined));
    const before = await statsOf();
    log(`load: ${seatCount} seats × 1 event/s for ${seconds} s…`);
    const done = ask(load, { type: 'start', url, seats, seconds } satisfies ToLoad, (m) => ((m as FromLoad).type === 'done' ? (m as Extract<FromLoad, { type: 'done' }>) : undefined));
    const result = await done;
    const after = await statsOf();
    await new Promise((r) => setTimeout(r, 1500)); // the last events' snapshots

    const latencies: number[] = [];
    let missed = 0;
    for (const [seat, n, ackAt] of acks) {
      const at = seen.get(seat)?.at[n];
      if (at === undefined) missed++;
      else latencies.push(Math.max(0, at - ackAt));
    }
    const wallS = (after.at - before.at) / 1000;
    const cpuPct = ((after.cpuUserUs - before.cpuUserUs + after.cpuSystemUs - before.cpuSystemUs) / 1e6 / wallS) * 100;
    const p95 = percentile(latencies, 95);
    log(
      `sent ${result.sent} (${result.failed} failed), POST p50 ${round(result.postP50Ms, 1)} ms p95 ${round(result.postP95Ms, 1)} ms; ` +
        `${wallboardMessages} wallboard messages (${Math.round(lastBytes / 1024)} KB each); ${latencies.length} presence events seen, ${missed} never; ` +
        `update p50 ${round(percentile(latencies, 50), 1)} ms p95 ${round(p95, 1)} ms max ${round(Math.max(...latencies), 1)} ms`,
    );
    const figures: Figures = {
      'wallboard.update_p95_ms': round(p95, 1),
      'hub.cpu_pct': round(cpuPct, 1),
      'hub.rss_mb': round(after.rssMaxBytes / 1024 / 1024, 1),
    };
    const where = process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL';
    const notes = {
      'wallboard.update_p95_ms': `${seatCount} seats × 1 event/s (presence / queue leg in turn) for ${seconds} s; POST ack → first supervisor wallboard message showing it, over ${latencies.length} presence events (${missed} never shown); goal ≤ 1000; ${where}`,
      'hub.cpu_pct': `hub process user+system CPU over ${round(wallS, 1)} s, % of one core (PostgreSQL and load not included; ${result.sent} events, ${result.failed} failed)`,
      'hub.rss_mb': 'hub process peak RSS (sampled every 100 ms)',
    };
    return { figures, notes };
  } finally {
    ws?.close();
    if (load.connected) load.kill();
    if (hub.connected) {
      hub.send({ type: 'stop' } satisfies ToHub);
      await new Promise((r) => {
        const t = setTimeout(() => {
          hub.kill();
          r(undefined);
        }, 5000);
        hub.once('exit', () => {
          clearTimeout(t);
          r(undefined);
        });
      });
    }
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    await stopPg();
  }
}

const role = process.env.KEFU_WB_ROLE;
if (role === 'hub') await hubChild();
else if (role === 'load') await loadChild();
else if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '60' }, seats: { type: 'string', default: '500' }, 'no-write': { type: 'boolean', default: false } },
  });
  const result = await runWallboardBench({ seconds: Number(values.seconds), seats: Number(values.seats) });
  console.log('');
  printTable(result.figures, result.notes);
  if (!values['no-write']) {
    mergeResults(resolve(import.meta.dirname, '../../bench/results.json'), result.figures);
    console.log('\nwritten to bench/results.json');
  }
  process.exit(0);
}
