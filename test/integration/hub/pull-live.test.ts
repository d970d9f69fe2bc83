import pg from 'pg';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Conflict, LiveMessage } from '../../../shared/sync/protocol';
import { migrate } from '../../../server/migrations';
import { pruneChanges } from '../../../server/hub';
import { CLOSE_REPLACED, MAX_CLIENT_MESSAGES_PER_MINUTE } from '../../../server/live';
import { useTestDatabase } from '../../support/postgres';
import { T0, change, customer, newSeat, pull, pullAll, push, useHubs, type TestSeat } from '../../support/hub';

// Pull, live notifications, several stateless hub instances on one database, concurrency of
// the server sequence, conflict resolution, migrations.

const db = useTestDatabase();
const startHub = useHubs(db);

function openLive(url: string, seat: TestSeat, how: 'query' | 'header' | 'protocol' = 'query') {
  const base = url.replace(/^http/, 'ws') + '/v1/live';
  const ws =
    how === 'query'
      ? new WebSocket(`${base}?token=${encodeURIComponent(seat.token)}`)
      : how === 'header'
        ? new WebSocket(base, { headers: { authorization: `Bearer ${seat.token}` } })
        : new WebSocket(base, ['kefu.v1', `kefu-token.${seat.token}`]);
  const messages: LiveMessage[] = [];
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as LiveMessage));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return { ws, messages, opened };
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('hub pull', () => {
  it('pages in server order, the reader own changes included (in their place in the log)', async () => {
    const { url } = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db);
    const start = (await pull(url, a, 0, 5000)).body.lastSeq;
    const fromA = Array.from({ length: 5 }, (_, i) => change(a, 'customers', `pg-a${i}`, 'insert', customer(`pg-a${i}`, `A${i}`, T0), T0 + i));
    await push(url, a, fromA);
    await push(url, b, [change(b, 'customers', 'pg-b0', 'insert', customer('pg-b0', 'B0', T0), T0)]);

    const page1 = await pull(url, b, start, 2);
    expect(page1.body.changes.map((c) => c.entityId)).toEqual(['pg-a0', 'pg-a1']);
    expect(page1.body.hasMore).toBe(true);
    const page2 = await pull(url, b, page1.body.lastSeq, 2);
    const page3 = await pull(url, b, page2.body.lastSeq, 2);
    expect(page2.body.changes.map((c) => c.entityId)).toEqual(['pg-a2', 'pg-a3']);
    // pg-b0 is b's own: sent back too, so b can replay the log over what it has.
    expect(page3.body.changes.map((c) => c.entityId)).toEqual(['pg-a4', 'pg-b0']);
    expect(page3.body.changes[1]!.originSeat).toBe(b.id);
    expect(page3.body.hasMore).toBe(false);
    expect(page3.body.lastSeq).toBe(start + 6);
    const seqs = [...page1.body.changes, ...page2.body.changes, ...page3.body.changes].map((c) => c.serverSeq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));

    const toA = await pullAll(url, a, start);
    expect(toA.map((c) => c.entityId)).toEqual(['pg-a0', 'pg-a1', 'pg-a2', 'pg-a3', 'pg-a4', 'pg-b0']);
    expect(toA[5]!.fields).toMatchObject({ name: 'B0' });

    expect((await pull(url, a, 0, 0)).status).toBe(400);
    expect((await pull(url, a, 0, 99_999)).status).toBe(400);
  });
});

describe('several hub instances on one database', () => {
  it('push to one, pull from the other; a socket on the other hears about it', async () => {
    const one = await startHub();
    const two = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db);
    const cursor = (await pull(two.url, b, 0, 5000)).body.lastSeq;
    const live = openLive(two.url, b, 'query');
    await live.opened;
    await waitFor(() => live.messages.length >= 1); // the hello with the current sequence
    const pushed = await push(one.url, a, [change(a, 'customers', 'multi-1', 'insert', customer('multi-1', 'Multi', T0), T0)]);
    const started = Date.now();
    await waitFor(() => live.messages.some((m) => m.serverSeq === pushed.body.serverSeq));
    expect(Date.now() - started).toBeLessThan(1000);
    const got = await pullAll(two.url, b, cursor);
    expect(got.map((c) => c.entityId)).toEqual(['multi-1']);
    live.ws.close();
  });

  it('accepts the token as a header or a subprotocol, refuses a socket without one', async () => {
    const { url } = await startHub();
    const a = await newSeat(db);
    const viaHeader = openLive(url, a, 'header');
    await viaHeader.opened;
    const viaProtocol = openLive(url, a, 'protocol');
    await viaProtocol.opened;
    expect(viaProtocol.ws.protocol).toBe('kefu.v1');
    const bad = openLive(url, { ...a, token: 'kfs_wrong' }, 'query');
    await expect(bad.opened).rejects.toThrow(/401/);
    viaHeader.ws.close();
    viaProtocol.ws.close();
  });

  it('keeps at most two live sockets per seat (the oldest is replaced) and cuts off a client that keeps sending', async () => {
    const { url } = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db);
    const closes: Array<{ which: string; code: number }> = [];
    const open = async (seat: TestSeat, which: string) => {
      const l = openLive(url, seat, 'query');
      l.ws.on('close', (code) => closes.push({ which, code }));
      await l.opened;
      return l;
    };
    const first = await open(a, 'a1');
    const second = await open(a, 'a2');
    const other = await open(b, 'b1');
    await new Promise((r) => setTimeout(r, 100));
    expect(closes).toEqual([]);
    const third = await open(a, 'a3');
    await waitFor(() => closes.length === 1);
    expect(closes).toEqual([{ which: 'a1', code: CLOSE_REPLACED }]);
    expect([second, third, other].map((l) => l.ws.readyState)).toEqual([WebSocket.OPEN, WebSocket.OPEN, WebSocket.OPEN]);

    // Seats only listen: a flood of messages closes that socket (1008), nobody else's.
    for (let i = 0; i <= MAX_CLIENT_MESSAGES_PER_MINUTE; i++) other.ws.send('x');
    await waitFor(() => closes.length === 2);
    expect(closes[1]).toEqual({ which: 'b1', code: 1008 });
    expect(second.ws.readyState).toBe(WebSocket.OPEN);
    first.ws.close();
    second.ws.close();
    third.ws.close();
  });

  it('concurrent pushes from many seats get gap-free sequences that a concurrent puller never skips', async () => {
    const hubs = [await startHub(), await startHub()];
    const seats = await Promise.all(Array.from({ length: 8 }, () => newSeat(db)));
    const reader = await newSeat(db);
    const start = (await pull(hubs[0]!.url, reader, 0, 5000)).body.lastSeq;
    let done = false;
    const seen: number[] = [];
    // A seat pulling in a loop while the pushes commit: it must end up with every sequence.
    const poller = (async () => {
      let cursor = start;
      for (;;) {
        const finished = done;
        const r = await pull(hubs[1]!.url, reader, cursor, 50);
        seen.push(...r.body.changes.map((c) => c.serverSeq));
        cursor = r.body.lastSeq;
        if (finished && !r.body.hasMore) return cursor;
      }
    })();
    await Promise.all(
      seats.map(async (s, k) => {
        for (let round = 0; round < 5; round++) {
          const batch = Array.from({ length: 4 }, (_, i) =>
            change(s, 'customers', `cc-${k}-${round}-${i}`, 'insert', customer(`cc-${k}-${round}-${i}`, 'C', T0), T0 + round),
          );
          const r = await push(hubs[(k + round) % 2]!.url, s, batch);
          expect(r.status).toBe(200);
        }
      }),
    );
    done = true;
    const end = await poller;
    const expected = Array.from({ length: 8 * 5 * 4 }, (_, i) => start + 1 + i);
    expect(end).toBe(start + 160);
    expect(seen).toEqual(expected);
  });
});

describe('conflict resolution', () => {
  it('lists open conflicts to supervisors only; keeping the loser writes it back as a new change', async () => {
    const { url } = await startHub();
    const a = await newSeat(db);
    const b = await newSeat(db, 'agent', 'hotel-hangzhou');
    const sup = await newSeat(db, 'supervisor');
    await push(url, a, [change(a, 'customers', 'res-1', 'insert', customer('res-1', 'Wang', T0), T0)]);
    await pull(url, b, 0, 5000);
    await push(url, a, [change(a, 'customers', 'res-1', 'update', { name: 'A-name' }, T0 + 20)]);
    await push(url, b, [change(b, 'customers', 'res-1', 'update', { name: 'B-name' }, T0 + 10)]);

    const agentList = await fetch(`${url}/v1/conflicts?status=open`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(agentList.status).toBe(403);
    const listRes = await fetch(`${url}/v1/conflicts?status=open`, { headers: { authorization: `Bearer ${sup.token}` } });
    const list = ((await listRes.json()) as { conflicts: Conflict[] }).conflicts.filter((c) => c.entityId === 'res-1');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ field: 'name', winnerValue: 'A-name', loserValue: 'B-name', winnerSeat: a.id, loserSeat: b.id, status: 'open' });
    // Who wrote each value, by name and branch (joined from the seats table), not only by id.
    expect(list[0]).toMatchObject({ winnerSeatName: a.name, winnerBranch: 'hq', loserSeatName: b.name, loserBranch: 'hotel-hangzhou' });

    const cursor = (await pull(url, a, 0, 5000)).body.lastSeq;
    const live = openLive(url, a);
    await live.opened;
    const resolve = await fetch(`${url}/v1/conflicts/${list[0]!.id}/resolve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sup.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ keep: 'loser' }),
    });
    expect(resolve.status).toBe(200);
    const resolved = (await resolve.json()) as Conflict;
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'loser', resolvedBy: sup.name, winnerSeatName: a.name, loserBranch: 'hotel-hangzhou' });
    const back = await pullAll(url, a, cursor);
    expect(back).toMatchObject([{ entityId: 'res-1', originSeat: 'hub', fields: { name: 'B-name' } }]);
    await waitFor(() => live.messages.some((m) => m.serverSeq === back[0]!.serverSeq));
    live.ws.close();

    // A later ordinary edit that saw the resolution merges without a new conflict.
    await push(url, a, [change(a, 'customers', 'res-1', 'update', { name: 'Final' }, Date.now() + 1)]);
    const open = await fetch(`${url}/v1/conflicts?status=open`, { headers: { authorization: `Bearer ${sup.token}` } });
    expect(((await open.json()) as { conflicts: Conflict[] }).conflicts.filter((c) => c.entityId === 'res-1')).toEqual([]);
  });
});

describe('migrations', () => {
  it('run once when instances start together, and refuse a newer database', async () => {
    const pools = [db.pool(2), db.pool(2), db.pool(2)];
    const versions = await Promise.all(pools.map((p) => migrate(p)));
    expect(new Set(versions).size).toBe(1);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query("INSERT INTO hub_migrations (version, name, applied_at) VALUES (9990, 'from the future', 0)");
    await expect(migrate(pools[0]!)).rejects.toThrow(/newer than this hub/);
    await c.query('DELETE FROM hub_migrations WHERE version = 9990');
    await c.end();
  });
});

// Last: pruning moves the horizon for every later test of this file.
describe('retention', () => {
  it('answers 410 resync_required below the retention horizon', async () => {
    const { url, hub } = await startHub();
    const a = await newSeat(db);
    await push(url, a, [change(a, 'customers', 'ret-1', 'insert', customer('ret-1', 'R', T0), T0)]);
    await push(url, a, [change(a, 'customers', 'ret-2', 'insert', customer('ret-2', 'R', T0), T0)]);
    const through = await pruneChanges(hub.pool, Date.now() + 1);
    expect(through).toBeGreaterThan(0);
    const r = await pull(url, a, 0);
    expect(r.status).toBe(410);
    expect(r.body).toMatchObject({ error: { code: 'resync_required' } });
    expect((await pull(url, a, through)).status).toBe(200);
  });
});
