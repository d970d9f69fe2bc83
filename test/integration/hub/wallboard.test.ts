import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CentreReport, WallboardSnapshot, type WallboardSettings } from '../../../shared/contract/wallboard-schemas';
import { DEFAULT_WALLBOARD_SETTINGS } from '../../../shared/domain/wallboard';
import type { HubLiveMessage, QueueLeg, WallboardEvent } from '../../../shared/sync/wallboard-protocol';
import { distinctWaiting, type LiveRow } from '../../../server/wallboard/aggregate';
import { useTestDatabase } from '../../support/postgres';
import { T0, newSeat, useHubs, type TestSeat } from '../../support/hub';

// The wallboard on the hub: events in, snapshots out (HTTP and live socket), roles, commands
// across instances, idempotent legs, the centre report. The hub's clock runs from T0 (10:00 in
// Shanghai), so "today" never straddles midnight whatever time the test runs.

const db = useTestDatabase();
const startHub = useHubs(db);
const started = Date.now();
const clock = () => T0 + (Date.now() - started);
const S = 1000;

const auth = (seat: TestSeat) => ({ authorization: `Bearer ${seat.token}`, 'content-type': 'application/json' });
async function post(url: string, seat: TestSeat, path: string, body: unknown) {
  const res = await fetch(url + path, { method: 'POST', headers: auth(seat), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
async function get<T = Record<string, unknown>>(url: string, seat: TestSeat, path: string) {
  const res = await fetch(url + path, { headers: { authorization: `Bearer ${seat.token}` } });
  return { status: res.status, body: (await res.json()) as T };
}
const events = (url: string, seat: TestSeat, evs: WallboardEvent[]) => post(url, seat, '/v1/wallboard/events', { seatId: seat.id, events: evs });

function openLive(url: string, seat: TestSeat) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/live?token=${encodeURIComponent(seat.token)}`);
  const messages: Array<{ at: number; msg: HubLiveMessage }> = [];
  ws.on('message', (data: Buffer) => messages.push({ at: Date.now(), msg: JSON.parse(data.toString('utf8')) as HubLiveMessage }));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, opened };
}
async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function leg(callId: string, queue: string, offeredAt: number, o: { waitS: number; answered?: boolean; talkS?: number }): QueueLeg {
  const at = offeredAt + o.waitS * S;
  return {
    callId,
    queue,
    offeredAt,
    answeredAt: o.answered ? at : null,
    abandonedAt: o.answered ? null : at,
    endedAt: o.answered ? at + (o.talkS ?? 60) * S : at,
    waitS: o.waitS,
    talkS: o.answered ? (o.talkS ?? 60) : 0,
    wrapS: 0,
  };
}

/** A synced row written straight into the hub's merged state (what a push leaves there). */
async function putRow(pool: pg.Pool, entity: string, id: string, fields: Record<string, unknown>) {
  await pool.query(
    `INSERT INTO rows (entity, id, fields, clocks, deleted_at) VALUES ($1, $2, $3, '{}', NULL)
     ON CONFLICT (entity, id) DO UPDATE SET fields = excluded.fields`,
    [entity, id, JSON.stringify({ id, updated_at: T0, ...fields })],
  );
}

describe('wallboard events → snapshot', () => {
  it('figures match hand-computed ones: tracker legs, seat interactions for other queues, waiting, presence, counts', async () => {
    const { url } = await startHub({ now: clock });
    const agent = await newSeat(db, 'agent', 'sh');
    const sup = await newSeat(db, 'supervisor', 'sh');
    const pool = db.pool(2);
    await pool.query('TRUNCATE queue_legs, queue_live, presence, seat_health');
    const base = clock() - 3600 * S;
    // sales (tracker): answered 10 s, 25 s; abandoned 30 s; short abandon 2 s (grace 5 s).
    // SL 80/20 answered of offered = 1 / (2 + 1) = 33.3 %; abandon rate 1/3.
    const legs = [
      leg('c1', 'sales', base, { waitS: 10, answered: true, talkS: 100 }),
      leg('c2', 'sales', base + 60 * S, { waitS: 25, answered: true, talkS: 200 }),
      leg('c3', 'sales', base + 120 * S, { waitS: 30 }),
      leg('c4', 'sales', base + 180 * S, { waitS: 2 }),
    ];
    expect((await events(url, agent, [{ type: 'queue_legs', legs }])).status).toBe(200);
    // vip: no tracker, only a seat's interaction: answered after 4 s queue wait + 6 s ringing.
    await putRow(pool, 'interactions', 'i-vip', {
      channel: 'phone', direction: 'in', queue: 'vip', started_at: base + 4 * S, answered_at: base + 10 * S,
      ended_at: base + 70 * S, duration_s: 60, wait_s: 4, outcome: 'completed', call_id: 'v1',
    });
    // An interaction of a tracked queue is not counted twice.
    await putRow(pool, 'interactions', 'i-sales', {
      channel: 'phone', direction: 'in', queue: 'sales', started_at: base + 10 * S, answered_at: base + 10 * S, outcome: 'answered', call_id: 'c1',
    });
    const now = clock();
    await events(url, agent, [
      { type: 'queue_live', waiting: [{ queue: 'sales', joinedAt: now - 40 * S }, { queue: 'sales', joinedAt: now - 5 * S }] },
      { type: 'presence', agentId: 'ag-1', agentName: 'Li Na', state: 'on_call', since: now - 30 * S },
      { type: 'health', pending: 7, parked: 0 },
    ]);
    await putRow(pool, 'callbacks', 'cb-1', { status: 'scheduled', window_start: now - 3600 * S, window_end: now - 60 * S });
    await putRow(pool, 'callbacks', 'cb-2', { status: 'scheduled', window_start: now - 60 * S, window_end: now + 3600 * S, escalated_at: now });
    await putRow(pool, 'callbacks', 'cb-3', { status: 'done', window_start: now - 3600 * S, window_end: now - 60 * S });
    await putRow(pool, 'complaints', 'co-1', { status: 'open', current_step: 2, sla_due_at: now - S, awaiting_approval: 0 });
    await putRow(pool, 'complaints', 'co-2', { status: 'open', current_step: 4, sla_due_at: now + 3600 * S, awaiting_approval: 1 });
    await putRow(pool, 'service_promises', 'p-1', { status: 'open', due_at: now - S });
    await putRow(pool, 'branches', 'sh', { name: 'Shanghai' });

    const { status, body } = await get<WallboardSnapshot>(url, sup, '/v1/wallboard');
    expect(status).toBe(200);
    const snap = WallboardSnapshot.parse(body);
    const sales = snap.queues.find((q) => q.queue === 'sales')!.figures;
    expect(sales).toMatchObject({ offered: 4, answered: 2, answeredWithinThreshold: 1, abandoned: 1, shortAbandoned: 1, waiting: 2 });
    expect(sales.serviceLevelPct).toBeCloseTo(100 / 3);
    expect(sales.abandonRatePct).toBeCloseTo(100 / 3);
    expect(sales.ahtS).toBe(150);
    expect(sales.longestWaitS).toBeGreaterThanOrEqual(40);
    const vip = snap.queues.find((q) => q.queue === 'vip')!.figures;
    expect(vip).toMatchObject({ offered: 1, answered: 1, answeredWithinThreshold: 1, asaS: 10, ahtS: 60 });
    expect(snap.centre).toMatchObject({ offered: 5, answered: 3, answeredWithinThreshold: 2, abandoned: 1, waiting: 2 });
    expect(snap.centre.serviceLevelPct).toBe(50);
    expect(snap.agents).toEqual([expect.objectContaining({ agentId: 'ag-1', name: 'Li Na', branchId: 'sh', state: 'on_call' })]);
    expect(snap.callbacks).toEqual({ due: 1, overdue: 1, escalated: 1 });
    expect(snap.complaints).toEqual({ openByStep: [0, 1, 0, 1, 0, 0], slaBreached: 1, awaitingApproval: 1 });
    expect(snap.promisesOverdue).toBe(1);
    expect(snap.branches).toEqual([expect.objectContaining({ branchId: 'sh', name: 'Shanghai', pending: 7, parked: 0, conflicts: 0 })]);
    expect(snap.alerts.map((a) => a.id)).toEqual(['callback_overdue', 'complaint_sla', 'service_level:centre', 'service_level:queue:sales']);
    await pool.query("DELETE FROM rows WHERE id IN ('cb-1', 'co-1', 'p-1')");
  });

  it('re-posting legs (a retry, or a second seat on the same PBX) is idempotent', async () => {
    const { url } = await startHub({ now: clock });
    const a = await newSeat(db);
    const b = await newSeat(db);
    const pool = db.pool(1);
    const before = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM queue_legs')).rows[0]!.n);
    const legs = [leg('idem-1', 'q', clock() - 600 * S, { waitS: 5, answered: true }), leg('idem-2', 'q', clock() - 500 * S, { waitS: 50 })];
    const noCallId = { ...leg('x', 'q', clock() - 400 * S, { waitS: 1, answered: true }), callId: undefined };
    for (let i = 0; i < 3; i++) expect((await events(url, a, [{ type: 'queue_legs', legs: [...legs, noCallId] }])).status).toBe(200);
    await events(url, b, [{ type: 'queue_legs', legs }, { type: 'queue_legs', legs }]);
    const after = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM queue_legs')).rows[0]!.n);
    expect(after - before).toBe(3);
  });

  it('callers waiting: two seats on one PBX report the same 2 callers (own clocks) and one a third → 3, by (queue, callId)', async () => {
    const { url } = await startHub({ now: clock });
    const a = await newSeat(db, 'agent', 'wl');
    const b = await newSeat(db, 'agent', 'wl');
    const sup = await newSeat(db, 'supervisor', 'wl');
    const now = clock();
    // Seat b's clock runs 1.5 s behind seat a's: the same callers, other joinedAt.
    const aWaiting = [
      { queue: 'dedup', joinedAt: now - 50 * S, callId: '1795654700.161' },
      { queue: 'dedup', joinedAt: now - 20 * S, callId: '1795654763.162' },
    ];
    const bWaiting = [
      { queue: 'dedup', joinedAt: now - 50 * S - 1500, callId: '1795654700.161' },
      { queue: 'dedup', joinedAt: now - 20 * S - 1500, callId: '1795654763.162' },
      { queue: 'dedup', joinedAt: now - 3 * S, callId: '1795654790.170' },
    ];
    expect((await events(url, a, [{ type: 'queue_live', waiting: aWaiting }])).status).toBe(200);
    expect((await events(url, b, [{ type: 'queue_live', waiting: bWaiting }])).status).toBe(200);
    const pool = db.pool(1);
    const stored = await pool.query<{ call_id: string | null }>('SELECT call_id FROM queue_live WHERE seat_id = $1 ORDER BY joined_at', [b.id]);
    expect(stored.rows.map((r) => r.call_id)).toEqual(['1795654700.161', '1795654763.162', '1795654790.170']);

    const figures = async () => {
      const snap = WallboardSnapshot.parse((await get<WallboardSnapshot>(url, sup, '/v1/wallboard')).body);
      return snap.queues.find((q) => q.queue === 'dedup')?.figures;
    };
    // Not 5 (both lists added up) nor 2 (a's list alone); the longest wait is the earliest report of it.
    const f = await figures();
    expect(f?.waiting).toBe(3);
    expect(f?.longestWaitS).toBeGreaterThanOrEqual(51);

    // A seat of an older version behind another branch's PBX sends no call ids: its list adds up.
    const old = await newSeat(db, 'agent', 'wl-old');
    await events(url, old, [{ type: 'queue_live', waiting: [{ queue: 'dedup', joinedAt: now - 9 * S }, { queue: 'dedup', joinedAt: now - 8 * S }] }]);
    expect((await figures())?.waiting).toBe(5);
    await pool.query('DELETE FROM queue_live WHERE seat_id = ANY($1::text[])', [[a.id, b.id, old.id]]);
    await pool.end();
  });

  it('refuses bad bodies and a seat id that is not the token’s', async () => {
    const { url } = await startHub({ now: clock });
    const a = await newSeat(db);
    const b = await newSeat(db);
    expect((await post(url, a, '/v1/wallboard/events', { seatId: b.id, events: [{ type: 'health', pending: 0, parked: 0 }] })).status).toBe(409);
    expect((await post(url, a, '/v1/wallboard/events', { seatId: a.id, events: [{ type: 'presence', agentId: 'x', agentName: null, state: 'asleep', since: 1 }] })).status).toBe(400);
    expect((await post(url, a, '/v1/wallboard/events', { seatId: a.id, events: [] })).status).toBe(400);
  });
});

describe('distinctWaiting', () => {
  const row = (seat: string, branch: string, queue: string, joinedAt: number, callId: string | null = null): LiveRow => ({
    seat_id: seat, branch, queue, joined_at: String(joinedAt), call_id: callId,
  });
  const count = (rows: LiveRow[]) => {
    const n = new Map<string, number>();
    for (const w of distinctWaiting(rows)) n.set(w.queue, (n.get(w.queue) ?? 0) + 1);
    return Object.fromEntries([...n].sort());
  };

  it('with call ids: once per (queue, callId) across seats and branches, waiting since the earliest report', () => {
    const rows = [row('a', 'sh', 'q', 1000, 'c1'), row('b', 'sh', 'q', 900, 'c1'), row('c', 'bj', 'q', 950, 'c1'), row('a', 'sh', 'r', 1000, 'c1')];
    expect(distinctWaiting(rows)).toEqual([{ queue: 'q', joinedAt: 900 }, { queue: 'r', joinedAt: 1000 }]);
  });

  it('without call ids: per branch and queue the seat reporting the most stands; branches add up', () => {
    const rows = [
      row('a', 'sh', 'q', 1), row('a', 'sh', 'q', 2),
      row('b', 'sh', 'q', 1), row('b', 'sh', 'q', 2), row('b', 'sh', 'q', 3),
      row('c', 'bj', 'q', 5),
      row('a', 'sh', 'r', 7),
    ];
    expect(count(rows)).toEqual({ q: 4, r: 1 });
  });

  it('older and newer seats of one branch (an upgrade) are two accounts of one PBX queue: the larger stands, nobody twice', () => {
    // Both see the same 2 callers: 2, not 4.
    expect(count([row('old', 'sh', 'q', 1), row('old', 'sh', 'q', 2), row('new', 'sh', 'q', 3, 'c1'), row('new', 'sh', 'q', 4, 'c2')])).toEqual({ q: 2 });
    // The older seat sees a third caller the newer one has not yet: its list stands.
    expect(count([row('old', 'sh', 'q', 1), row('old', 'sh', 'q', 2), row('old', 'sh', 'q', 5), row('new', 'sh', 'q', 3, 'c1'), row('new', 'sh', 'q', 4, 'c2')])).toEqual({ q: 3 });
    // Other queues and branches are not affected.
    expect(count([row('old', 'sh', 'q', 1), row('new', 'sh', 'q', 3, 'c1'), row('new', 'sh', 'r', 4, 'c2'), row('x', 'bj', 'q', 4, 'c9')])).toEqual({ q: 2, r: 1 });
  });
});

describe('wallboard roles', () => {
  it('an agent token gets 403 on the wallboard, its settings, commands and reports; a supervisor gets them', async () => {
    const { url } = await startHub({ now: clock });
    const agent = await newSeat(db, 'agent');
    const admin = await newSeat(db, 'admin');
    const q = `from=${T0 - 86_400_000}&to=${T0}`;
    expect((await get(url, agent, '/v1/wallboard')).status).toBe(403);
    expect((await get(url, agent, `/v1/reports/centre?${q}`)).status).toBe(403);
    expect((await get(url, agent, '/v1/wallboard/settings')).status).toBe(403);
    expect((await post(url, agent, '/v1/agents/a1/state', { state: 'break' })).status).toBe(403);
    expect((await get(url, admin, '/v1/wallboard')).status).toBe(200);
    expect((await get(url, admin, `/v1/reports/centre?${q}`)).status).toBe(200);
  });

  it('settings: defaults, validated PUT, used by the next snapshot', async () => {
    const { url } = await startHub({ now: clock });
    const sup = await newSeat(db, 'supervisor');
    expect((await get(url, sup, '/v1/wallboard/settings')).body).toEqual(DEFAULT_WALLBOARD_SETTINGS);
    const bad = await fetch(`${url}/v1/wallboard/settings`, { method: 'PUT', headers: auth(sup), body: JSON.stringify({ ...DEFAULT_WALLBOARD_SETTINGS, serviceLevelThresholdS: 0 }) });
    expect(bad.status).toBe(400);
    const next: WallboardSettings = { ...DEFAULT_WALLBOARD_SETTINGS, serviceLevelThresholdS: 30, serviceLevelFormula: 'answered_of_answered' };
    const ok = await fetch(`${url}/v1/wallboard/settings`, { method: 'PUT', headers: auth(sup), body: JSON.stringify(next) });
    expect(ok.status).toBe(200);
    const snap = (await get<WallboardSnapshot>(url, sup, '/v1/wallboard')).body;
    expect(snap.settings.serviceLevelThresholdS).toBe(30);
    expect(snap.definitionKey).toBe('wallboard.sl.definition.answered_of_answered');
    await fetch(`${url}/v1/wallboard/settings`, { method: 'PUT', headers: auth(sup), body: JSON.stringify(DEFAULT_WALLBOARD_SETTINGS) });
  });
});

describe('wallboard live', () => {
  it('a supervisor socket gets the snapshot within 1 s of a presence event; an agent socket never does', async () => {
    const { url } = await startHub({ now: clock });
    const agent = await newSeat(db, 'agent');
    const sup = await newSeat(db, 'supervisor');
    const supLive = openLive(url, sup);
    const agentLive = openLive(url, agent);
    await Promise.all([supLive.opened, agentLive.opened]);
    await waitFor(() => supLive.messages.some((m) => m.msg.type === 'wallboard')); // the one sent on connect
    const marker = `marker-${Math.random().toString(36).slice(2)}`;
    const sent = Date.now();
    expect((await events(url, agent, [{ type: 'presence', agentId: 'live-1', agentName: marker, state: 'break', since: clock() }])).status).toBe(200);
    await waitFor(() => supLive.messages.some((m) => m.msg.type === 'wallboard' && m.msg.snapshot.agents.some((a) => a.name === marker)), 1000);
    const got = supLive.messages.find((m) => m.msg.type === 'wallboard' && m.msg.snapshot.agents.some((a) => a.name === marker))!;
    expect(got.at - sent).toBeLessThan(1000);
    await sleep(600);
    expect(agentLive.messages.filter((m) => m.msg.type !== 'changed')).toEqual([]);
    supLive.ws.close();
    agentLive.ws.close();
  });

  it('a burst of events is one computation per coalescing window, not one per event or viewer', async () => {
    const { hub, url } = await startHub({ now: clock });
    void hub;
    const agent = await newSeat(db, 'agent');
    const viewers = await Promise.all([newSeat(db, 'supervisor'), newSeat(db, 'supervisor'), newSeat(db, 'admin')]);
    const socks = viewers.map((v) => openLive(url, v));
    await Promise.all(socks.map((s) => s.opened));
    await sleep(400);
    const counts = socks.map((s) => s.messages.filter((m) => m.msg.type === 'wallboard').length);
    const t = Date.now();
    await Promise.all(Array.from({ length: 40 }, (_, i) => events(url, agent, [{ type: 'presence', agentId: `burst-${i}`, agentName: null, state: 'available', since: clock() }])));
    const took = Date.now() - t;
    await sleep(700);
    const got = socks.map((s, i) => s.messages.filter((m) => m.msg.type === 'wallboard').length - counts[i]!);
    // Every viewer got the same messages, and at most one per 250 ms (+ the trailing one).
    expect(new Set(got).size).toBe(1);
    expect(got[0]!).toBeGreaterThanOrEqual(1);
    expect(got[0]!).toBeLessThanOrEqual(Math.ceil((took + 700) / 250) + 1);
    const last = socks[0]!.messages.filter((m) => m.msg.type === 'wallboard').at(-1)!.msg as Extract<HubLiveMessage, { type: 'wallboard' }>;
    expect(last.snapshot.agents.filter((a) => a.agentId.startsWith('burst-'))).toHaveLength(40);
    for (const s of socks) s.ws.close();
  });

  it('commands reach the target seat’s socket on another instance; delivered says whether it is around', async () => {
    const one = await startHub({ now: clock });
    const two = await startHub({ now: clock });
    const target = await newSeat(db, 'agent');
    const other = await newSeat(db, 'agent');
    const sup = await newSeat(db, 'supervisor');
    await events(one.url, target, [{ type: 'presence', agentId: 'cmd-agent', agentName: 'Zhou', state: 'available', since: clock() }]);
    await events(one.url, other, [{ type: 'presence', agentId: 'cmd-other', agentName: 'Wu', state: 'available', since: clock() }]);
    const targetLive = openLive(two.url, target);
    const otherLive = openLive(two.url, other);
    await Promise.all([targetLive.opened, otherLive.opened]);
    const res = await post(one.url, sup, '/v1/agents/cmd-agent/state', { state: 'break' });
    expect(res).toEqual({ status: 200, body: { delivered: true } });
    await waitFor(() => targetLive.messages.some((m) => m.msg.type === 'command'));
    expect(targetLive.messages.find((m) => m.msg.type === 'command')!.msg).toEqual({ type: 'command', agentId: 'cmd-agent', state: 'break', by: sup.name });
    await sleep(200);
    expect(otherLive.messages.some((m) => m.msg.type === 'command')).toBe(false);
    expect((await post(one.url, sup, '/v1/agents/nobody/state', { state: 'offline' })).body).toEqual({ delivered: false });
    expect((await post(one.url, sup, '/v1/agents/cmd-agent/state', { state: 'on_call' })).status).toBe(400);
    targetLive.ws.close();
    otherLive.ws.close();
  });

  it('alert "raised since" is shared by instances (kept in the database)', async () => {
    const one = await startHub({ now: clock });
    const two = await startHub({ now: clock });
    const sup = await newSeat(db, 'supervisor');
    const pool = db.pool(1);
    await putRow(pool, 'callbacks', 'cb-alert', { status: 'scheduled', window_start: clock() - 7200 * S, window_end: clock() - 3600 * S });
    const a = (await get<WallboardSnapshot>(one.url, sup, '/v1/wallboard')).body.alerts.find((x) => x.id === 'callback_overdue')!;
    await sleep(50);
    const b = (await get<WallboardSnapshot>(two.url, sup, '/v1/wallboard')).body.alerts.find((x) => x.id === 'callback_overdue')!;
    expect(b.raisedAt).toBe(a.raisedAt);
    await pool.query("DELETE FROM rows WHERE id = 'cb-alert'");
  });
});

describe('centre report', () => {
  it('contacts, SL by interval, complaints, FCR, callbacks on time, CSAT/NPS, churn over a small data set', async () => {
    const { url } = await startHub({ now: clock });
    const sup = await newSeat(db, 'supervisor');
    const agent = await newSeat(db, 'agent');
    const pool = db.pool(2);
    const from = Date.UTC(2026, 9, 1, 1, 0); // 09:00 Shanghai, a day with nothing else in it
    const to = from + 2 * 3600 * S;
    const m = (min: number) => from + min * 60 * S;
    // Tracker legs: 09:00–10:00: answered 10 s, abandoned 40 s; 10:00–11:00: answered 30 s. One leg outside.
    await events(url, agent, [
      {
        type: 'queue_legs',
        legs: [
          leg('r1', 'sales', m(5), { waitS: 10, answered: true }),
          leg('r2', 'sales', m(20), { waitS: 40 }),
          leg('r3', 'sales', m(70), { waitS: 30, answered: true }),
          leg('r4', 'sales', m(130), { waitS: 1, answered: true }),
        ],
      },
    ]);
    const ix = (id: string, channel: string, disposition: string | null, at: number, extra: Record<string, unknown> = {}) =>
      putRow(pool, 'interactions', id, { channel, direction: 'in', started_at: at, disposition, ...extra });
    await ix('r-i1', 'phone', 'resolved', m(6));
    await ix('r-i2', 'phone', 'callback', m(75));
    await ix('r-i3', 'wechat', 'resolved', m(80));
    await ix('r-i4', 'email', null, m(200)); // outside
    // A queue no tracker reports: missed at every seat it rang → abandoned in 10:00–11:00.
    await ix('r-i5', 'phone', null, m(90), { queue: 'vip', wait_s: 3, ended_at: m(90) + 20 * S, outcome: 'missed', call_id: 'rv1' });
    await putRow(pool, 'complaints', 'r-c1', { category: 'room', opened_at: m(10), status: 'closed', closed_at: m(50), first_contact_resolution: 1 });
    await putRow(pool, 'complaints', 'r-c2', { category: 'room', opened_at: m(15), status: 'closed', closed_at: m(100), first_contact_resolution: 0 });
    await putRow(pool, 'complaints', 'r-c3', { category: 'billing', opened_at: m(30), status: 'open' });
    await putRow(pool, 'complaint_steps', 'r-s1', { complaint_id: 'r-c1', step: 3, round: 1, started_at: m(20), root_cause: 'staff' });
    await putRow(pool, 'complaint_steps', 'r-s2', { complaint_id: 'r-c2', step: 3, round: 1, started_at: m(20), data: JSON.stringify({ rootCause: 'process' }) });
    await putRow(pool, 'complaint_steps', 'r-s3', { complaint_id: 'r-c2', step: 3, round: 2, started_at: m(40), data: JSON.stringify({ rootCause: 'staff' }) });
    // Callbacks: reached inside the window; reached after it; done without an attempt, late.
    await putRow(pool, 'callbacks', 'r-cb1', { status: 'done', window_start: m(0), window_end: m(30), updated_at: m(20) });
    await putRow(pool, 'callback_attempts', 'r-a1', { callback_id: 'r-cb1', at: m(20), outcome: 'reached' });
    await putRow(pool, 'callbacks', 'r-cb2', { status: 'done', window_start: m(0), window_end: m(30), updated_at: m(60) });
    await putRow(pool, 'callback_attempts', 'r-a2', { callback_id: 'r-cb2', at: m(25), outcome: 'no_answer' });
    await putRow(pool, 'callback_attempts', 'r-a3', { callback_id: 'r-cb2', at: m(45), outcome: 'reached' });
    await putRow(pool, 'callbacks', 'r-cb3', { status: 'done', window_start: m(0), window_end: m(30), updated_at: m(90) });
    await putRow(pool, 'surveys', 'r-v1', { answered_at: m(10), csat: 5, nps: 10 });
    await putRow(pool, 'surveys', 'r-v2', { answered_at: m(20), csat: 3, nps: 5 });
    await putRow(pool, 'surveys', 'r-v3', { answered_at: m(30), csat: 4, nps: 9 });
    await putRow(pool, 'customers', 'r-cu1', { status: 'churned', churn_reason: 'price', updated_at: m(50) });
    await putRow(pool, 'customers', 'r-cu2', { status: 'active', churn_reason: null, updated_at: m(50) });

    const { status, body } = await get<CentreReport>(url, sup, `/v1/reports/centre?from=${from}&to=${to}&intervalMinutes=60`);
    expect(status).toBe(200);
    const r = CentreReport.parse(body);
    expect(r.contactsByChannel).toEqual([{ key: 'phone', count: 3 }, { key: 'wechat', count: 1 }]);
    expect(r.contactsByDisposition).toEqual([{ key: 'resolved', count: 2 }, { key: 'callback', count: 1 }, { key: null, count: 1 }]);
    expect(r.intervals.map((i) => [i.label, i.offered, i.answered, i.abandoned, i.serviceLevelPct])).toEqual([
      ['2026-10-01 09:00', 2, 1, 1, 50],
      ['2026-10-01 10:00', 2, 1, 1, 0],
    ]);
    expect(r.complaintsByCategory).toEqual([{ key: 'room', count: 2 }, { key: 'billing', count: 1 }]);
    expect(r.complaintsByRootCause).toEqual([{ key: 'staff', count: 2 }]);
    expect(r.firstContactResolution).toEqual({ resolved: 1, closed: 2, rate: 50 });
    expect(r.callbacksOnTime).toEqual({ onTime: 1, late: 2, rate: 100 / 3 });
    expect(r.csat).toEqual({ responses: 3, mean: 4 });
    expect(r.nps.responses).toBe(3);
    expect(r.nps.score).toBeCloseTo(100 * (2 / 3) - 100 * (1 / 3));
    expect(r.churnReasons).toEqual([{ key: 'price', count: 1 }]);

    const q15 = await get<CentreReport>(url, sup, `/v1/reports/centre?from=${from}&to=${to}&intervalMinutes=15&zone=UTC`);
    expect(q15.body.intervals).toHaveLength(8);
    expect(q15.body.intervals[0]!.label).toBe('2026-10-01 01:00');
    expect((await get(url, sup, `/v1/reports/centre?from=${to}&to=${from}`)).status).toBe(400);
    expect((await get(url, sup, `/v1/reports/centre?from=${from}&to=${to}&intervalMinutes=7`)).status).toBe(400);
    expect((await get(url, sup, `/v1/reports/centre?from=${from}&to=${to}&zone=Mars/Base`)).status).toBe(400);
  });
});
