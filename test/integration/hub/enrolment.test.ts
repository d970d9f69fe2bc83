import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HUB_MIGRATIONS, migrate } from '../../../server/migrations';
import { addSeat, listSeats } from '../../../server/seats';
import { useTestDatabase } from '../../support/postgres';
import { T0, change, customer, push, useHubs, type TestSeat } from '../../support/hub';

// Enrolment on first contact: `seat add` without --id makes an unbound token, which binds to
// the seat id presented on its first authenticated request, atomically and for good.

const db = useTestDatabase();
const startHub = useHubs(db);

let n = 0;
/** An unbound seat (seat add without --id); `id` is the seat's own id, unknown to the hub yet. */
async function unboundSeat(): Promise<TestSeat> {
  const pool = db.pool(1);
  const name = `enrol-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const { seat, token } = await addSeat(pool, { branch: 'hq', name, enrol: true });
  await pool.end();
  expect(seat.bound).toBe(false);
  return { id: randomUUID(), token, name, seq: 1, cursor: 0 };
}

async function boundSeat(id = randomUUID()): Promise<TestSeat> {
  const pool = db.pool(1);
  const name = `bound-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const { seat, token } = await addSeat(pool, { branch: 'hq', name, id });
  await pool.end();
  expect(seat).toMatchObject({ id, bound: true });
  return { id, token, name, seq: 1, cursor: 0 };
}

/** A pull presenting `seatId` in x-kefu-seat (undefined: no header). */
async function pullAs(url: string, token: string, seatId: string | undefined, after = 0) {
  const res = await fetch(`${url}/v1/pull?after=${after}`, {
    headers: { authorization: `Bearer ${token}`, ...(seatId ? { 'x-kefu-seat': seatId } : {}) },
  });
  return { status: res.status, body: (await res.json()) as { changes?: { entityId: string }[]; error?: { code: string; message: string } } };
}

async function seatRow(name: string) {
  const pool = db.pool(1);
  const seats = await listSeats(pool);
  await pool.end();
  return seats.find((s) => s.name === name)!;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const pool = db.pool(1);
  const { rows } = await pool.query<{ n: string }>(sql, params);
  await pool.end();
  return Number(rows[0]!.n);
}

describe('migration 50 (seats: enrolment on first contact)', () => {
  it('keeps every existing seat bound under its id', async () => {
    const setup = db.pool(1);
    await setup.query('CREATE SCHEMA m50');
    await setup.end();
    const pool = new pg.Pool({ connectionString: db.url, max: 1, options: '-c search_path=m50' });
    pool.on('error', () => undefined);
    try {
      await migrate(pool, HUB_MIGRATIONS.filter((m) => m.version <= 40));
      await pool.query(
        "INSERT INTO seats (id, branch, name, role, token_hash, created_at) VALUES ('seat-old', 'hq', 'old', 'agent', 'h-old', 1234)",
      );
      expect(await migrate(pool)).toBe(50);
      const { rows } = await pool.query<{ id: string; bound_at: string }>('SELECT id, bound_at FROM seats');
      expect(rows).toEqual([{ id: 'seat-old', bound_at: '1234' }]);
      const [old] = await listSeats(pool);
      expect(old).toMatchObject({ id: 'seat-old', bound: true });
    } finally {
      await pool.end();
    }
  });
});

describe('enrolment on first contact', () => {
  it('an unbound token binds on its first push, then works for push and pull', async () => {
    const { url } = await startHub();
    const seat = await unboundSeat();
    expect(await seatRow(seat.name)).toMatchObject({ bound: false });
    // Before it binds, a request that does not say which seat it is cannot be served.
    expect((await pullAs(url, seat.token, undefined)).status).toBe(401);

    const first = await push(url, seat, [change(seat, 'customers', 'e-1', 'insert', customer('e-1', '首次', T0), T0)]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.ackSeq).toBe(1);
    expect(await seatRow(seat.name)).toMatchObject({ id: seat.id, bound: true, lastAckSeq: 1 });

    const second = await push(url, seat, [change(seat, 'customers', 'e-1', 'update', { name: '再次' }, T0 + 1000)]);
    expect(second.status).toBe(200);
    expect(second.body.ackSeq).toBe(2);
    for (const presented of [seat.id, undefined]) {
      const pulled = await pullAs(url, seat.token, presented);
      expect(pulled.status).toBe(200);
      expect(pulled.body.changes!.map((c) => c.entityId)).toEqual(['e-1', 'e-1']);
    }
    expect(await count("SELECT count(*) AS n FROM changes WHERE origin_seat = $1", [seat.id])).toBe(2);
  });

  it('an unbound token also binds on a pull presenting x-kefu-seat', async () => {
    const { url } = await startHub();
    const seat = await unboundSeat();
    expect((await pullAs(url, seat.token, seat.id)).status).toBe(200);
    expect(await seatRow(seat.name)).toMatchObject({ id: seat.id, bound: true });
    const pushed = await push(url, seat, [change(seat, 'customers', 'e-pull', 'insert', customer('e-pull', 'P', T0), T0)]);
    expect(pushed.status).toBe(200);
  });

  it('refuses the token for another seat id once bound (seat_mismatch), applying nothing', async () => {
    const { url } = await startHub();
    const seat = await unboundSeat();
    expect((await push(url, seat, [change(seat, 'customers', 'm-1', 'insert', customer('m-1', 'A', T0), T0)])).status).toBe(200);
    const before = await count('SELECT v AS n FROM sync_counter');

    const intruder: TestSeat = { ...seat, id: randomUUID(), seq: 1 };
    const r = await push(url, intruder, [change(intruder, 'customers', 'm-2', 'insert', customer('m-2', 'B', T0), T0)]);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: { code: 'seat_mismatch' } });
    expect((r.body as unknown as { error: { message: string } }).error.message).toMatch(/belongs to another seat.*new token/);
    expect(await count('SELECT v AS n FROM sync_counter')).toBe(before);
    expect(await count("SELECT count(*) AS n FROM rows WHERE id = 'm-2'")).toBe(0);
    const p = await pullAs(url, seat.token, intruder.id);
    expect(p.status).toBe(409);
    expect(p.body.error?.code).toBe('seat_mismatch');
    expect(await seatRow(seat.name)).toMatchObject({ id: seat.id, lastAckSeq: 1 });
  });

  it('refuses a seat id another token holds (seat_taken) and leaves the token unbound', async () => {
    const { url } = await startHub();
    const owner = await boundSeat();
    const seat = await unboundSeat();
    const r = await push(url, { ...seat, id: owner.id }, [change(seat, 'customers', 't-1', 'insert', customer('t-1', 'T', T0), T0)], {
      seatId: owner.id,
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: { code: 'seat_taken' } });
    expect(await count("SELECT count(*) AS n FROM rows WHERE id = 't-1'")).toBe(0);
    expect(await seatRow(seat.name)).toMatchObject({ bound: false });
    expect(await seatRow(owner.name)).toMatchObject({ id: owner.id, bound: true });
    // The refused token can still bind to the seat it was meant for.
    seat.seq = 1;
    expect((await push(url, seat, [change(seat, 'customers', 't-2', 'insert', customer('t-2', 'T', T0), T0)])).status).toBe(200);
    expect(await seatRow(seat.name)).toMatchObject({ id: seat.id, bound: true });
  });

  it('of concurrent first requests with different ids, exactly one binds', async () => {
    const { url } = await startHub();
    for (let round = 0; round < 3; round++) {
      const seat = await unboundSeat();
      const ids = Array.from({ length: 6 }, () => randomUUID());
      const answers = await Promise.all(
        ids.map((id, i) =>
          i % 2 === 0
            ? pullAs(url, seat.token, id).then((r) => ({ id, status: r.status, code: r.body.error?.code }))
            : push(url, { ...seat, id, seq: 1 }, [change({ ...seat, id, seq: 1 }, 'customers', `race-${round}-${i}`, 'insert', customer(`race-${round}-${i}`, 'R', T0), T0)]).then(
                (r) => ({ id, status: r.status, code: (r.body as { error?: { code: string } }).error?.code }),
              ),
        ),
      );
      const winners = answers.filter((a) => a.status === 200);
      expect(winners, JSON.stringify(answers)).toHaveLength(1);
      expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409 && a.code === 'seat_mismatch'), JSON.stringify(answers)).toBe(true);
      expect(await seatRow(seat.name)).toMatchObject({ id: winners[0]!.id, bound: true });
      // Only the winner's change (if it was a push) is in the log.
      expect(await count('SELECT count(*) AS n FROM rows WHERE id LIKE $1', [`race-${round}-%`])).toBe(ids.indexOf(winners[0]!.id) % 2);
    }
  });

  it('two unbound tokens racing for the same id: one binds, the other is seat_taken', async () => {
    const { url } = await startHub();
    const a = await unboundSeat();
    const b = await unboundSeat();
    const id = randomUUID();
    const answers = await Promise.all([pullAs(url, a.token, id), pullAs(url, b.token, id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.error?.code).toBe('seat_taken');
  });

  it('binds on the live socket too, and refuses an unbound one that does not say who it is', async () => {
    const { url } = await startHub();
    const seat = await unboundSeat();
    const open = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url.replace(/^http/, 'ws') + '/v1/live', { headers: { authorization: `Bearer ${seat.token}`, ...headers } });
        ws.once('open', () => {
          ws.terminate();
          resolve(101);
        });
        ws.once('unexpected-response', (_req, res) => {
          ws.terminate();
          resolve(res.statusCode ?? 0);
        });
        ws.once('error', () => resolve(-1));
      });
    expect(await open({})).toBe(401);
    expect(await open({ 'x-kefu-seat': seat.id })).toBe(101);
    expect(await seatRow(seat.name)).toMatchObject({ id: seat.id, bound: true });
    expect(await open({ 'x-kefu-seat': randomUUID() })).toBe(409);
    expect(await open({})).toBe(101);
  });

  it('--id still registers a seat bound at once, and refuses a placeholder as an id', async () => {
    const { url } = await startHub();
    const seat = await boundSeat();
    expect((await pullAs(url, seat.token, seat.id)).status).toBe(200);
    const r = await push(url, seat, [change(seat, 'customers', 'b-1', 'insert', customer('b-1', 'B', T0), T0)]);
    expect(r.status).toBe(200);
    expect(await seatRow(seat.name)).toMatchObject({ id: seat.id, bound: true, lastAckSeq: 1 });
    const other = await push(url, { ...seat, id: randomUUID() }, [], {});
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'seat_mismatch' } });

    const pool = db.pool(1);
    await expect(addSeat(pool, { branch: 'hq', name: 'placeholder', id: 'unbound:x' })).rejects.toThrow(/cannot be a seat id/);
    await pool.end();
    const unbound = await unboundSeat();
    const bad = await pullAs(url, unbound.token, 'hub');
    expect(bad.status).toBe(400);
    expect(await seatRow(unbound.name)).toMatchObject({ bound: false });
  });
});
