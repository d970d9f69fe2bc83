import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import type { Conflict, SyncStatus } from '../../../shared/contract/sync-schemas';
import { createCore, type Core } from '../../../electron/core/create-core';
import type { FetchLike } from '../../../electron/core/sync/hub-client';
import { addSeat } from '../../../server/seats';
import { useHubs } from '../../support/hub';
import { useTestDatabase } from '../../support/postgres';
import { useTempDirs } from '../../support/temp-dir';

// Real seats (core + SQLite) on a real hub (fastify + PostgreSQL): what one seat writes, the
// other sees; a seat that edits offline converges when it reconnects, and the field it lost is
// in a conflict record.

const db = useTestDatabase();
const startHub = useHubs(db);
const tempDir = useTempDirs();

async function value<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function until(what: string, fn: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Seat {
  core: Core;
  /** Cuts this seat off the network (every request fails as if the link were down). */
  offline: boolean;
}

const cores: Core[] = [];
/**
 * A seat core configured with a token of the hub. By default the hub knows the seat by its own id
 * (`seat add … --id`); `enrol` adds it without --id (the token binds on the first sync); `token`
 * configures it with a token made for another seat.
 */
async function seatOn(url: string, name: string, auto = false, how: { enrol?: boolean; token?: string } = {}): Promise<Seat & { token: string }> {
  const seat: Seat & { token: string } = { core: null as unknown as Core, offline: false, token: '' };
  const net: FetchLike = (u, init) =>
    seat.offline ? Promise.reject(new TypeError('fetch failed')) : (globalThis.fetch as unknown as FetchLike)(u, init);
  seat.core = createCore({
    dataDir: tempDir(),
    role: 'supervisor',
    agentName: name,
    syncIntervalMs: auto ? 60_000 : 0,
    syncTest: { fetch: net, ...(auto ? { debounceMs: 50 } : { connectLive: null }) },
    log: () => undefined,
  });
  cores.push(seat.core);
  let token = how.token;
  if (token === undefined) {
    const pool = db.pool(1);
    const seatName = `${name}-${seat.core.seat.seatId.slice(-6)}`;
    const id = how.enrol ? undefined : seat.core.seat.seatId;
    ({ token } = await addSeat(pool, { branch: 'hq', name: seatName, role: 'supervisor', id, enrol: how.enrol }));
    await pool.end();
  }
  seat.token = token;
  await value(seat.core.invoke('sync.configure', { settings: { hubUrl: url, token } }));
  return seat;
}

const customerRow = (core: Core, id: string) =>
  core.db.prepare('SELECT name, city, notes, deleted_at FROM customers WHERE id = ?').get(id) as
    | { name: string; city: string | null; notes: string | null; deleted_at: number | null }
    | undefined;

describe('seat ⇄ hub', () => {
  it('an edit on one seat appears on the other after sync; an offline edit converges on reconnect and the lost value is a conflict', async () => {
    const { url } = await startHub();
    const a = await seatOn(url, 'seat-a');
    const b = await seatOn(url, 'seat-b');
    try {
      const p = await value<CustomerProfile>(a.core.invoke('customers.create', { customer: { name: '王伟', phones: ['13812345678'], city: '北京' } }));
      const id = p.customer.id;
      expect(await a.core.sync.syncNow()).toMatchObject({ state: 'online', pending: 0, lastError: null });
      expect(await b.core.sync.syncNow()).toMatchObject({ state: 'online', lastError: null });
      expect(customerRow(b.core, id)).toMatchObject({ name: '王伟', city: '北京' });
      const found = await value<{ items: { id: string }[] }>(b.core.invoke('customers.search', { query: '12345678' }));
      expect(found.items.map((i) => i.id)).toContain(id);

      // B edits; A sees it.
      await value(b.core.invoke('customers.update', { id, patch: { city: '杭州' } }));
      await b.core.sync.syncNow();
      await a.core.sync.syncNow();
      expect(customerRow(a.core, id)).toMatchObject({ city: '杭州' });
      const outboxA = a.core.db.prepare('SELECT count(*) AS n FROM outbox').get();
      expect(outboxA).toEqual({ n: 0 }); // pulled, not re-queued

      // A goes offline and edits city and notes; B then edits city too (later, online).
      a.offline = true;
      await value(a.core.invoke('customers.update', { id, patch: { city: '上海', notes: 'VIP 客户，偏好高层房' } }));
      const offline = await a.core.sync.syncNow();
      expect(offline).toMatchObject({ state: 'offline', lastError: 'sync.errors.offline' });
      expect(offline.pending).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 5));
      await value(b.core.invoke('customers.update', { id, patch: { city: '成都' } }));
      await b.core.sync.syncNow();

      // A reconnects: both converge — B's later city, A's notes.
      a.offline = false;
      expect(await a.core.sync.syncNow()).toMatchObject({ state: 'online', pending: 0 });
      await b.core.sync.syncNow();
      for (const s of [a, b]) expect(customerRow(s.core, id)).toMatchObject({ name: '王伟', city: '成都', notes: 'VIP 客户，偏好高层房' });

      // The reverse order: B's edit reaches the hub first, A's later edit wins; A pushes before
      // it pulls, so the pull brings B's older value — it must not overwrite A's newer one.
      await value(b.core.invoke('customers.update', { id, patch: { occupation: '工程师' } }));
      await b.core.sync.syncNow();
      await new Promise((r) => setTimeout(r, 5));
      await value(a.core.invoke('customers.update', { id, patch: { occupation: '建筑师' } }));
      await a.core.sync.syncNow();
      await b.core.sync.syncNow();
      const occupation = (core: Core) => (core.db.prepare('SELECT occupation FROM customers WHERE id = ?').get(id) as { occupation: string }).occupation;
      expect([occupation(a.core), occupation(b.core)]).toEqual(['建筑师', '建筑师']);

      const conflicts = await value<{ conflicts: Conflict[] }>(a.core.invoke('sync.conflicts', { status: 'open' }));
      const city = conflicts.conflicts.find((c) => c.entityId === id && c.field === 'city');
      expect(city).toMatchObject({ winnerValue: '成都', loserValue: '上海', recordLabel: '王伟' }); // named from the seat's store

      // The supervisor keeps the lost value: it is written back and reaches both seats.
      expect(await value(b.core.invoke('sync.resolveConflict', { id: city!.id, keep: 'loser' }))).toMatchObject({ recordLabel: '王伟' });
      await a.core.sync.syncNow();
      await b.core.sync.syncNow();
      for (const s of [a, b]) expect(customerRow(s.core, id)).toMatchObject({ city: '上海' });
    } finally {
      for (const c of cores.splice(0)) await c.close();
    }
  });

  it('in the background: a write on one seat reaches the other through the live socket without anyone asking', async () => {
    const { url, hub } = await startHub();
    const a = await seatOn(url, 'live-a', true);
    const b = await seatOn(url, 'live-b', true);
    try {
      await until('both online', () => a.core.sync.status().state === 'online' && b.core.sync.status().state === 'online');
      await until('both live sockets open', () => hub.live.clientCount === 2);
      const pulled: string[][] = [];
      b.core.subscribe((e, p) => {
        if (e === 'sync.pulled') pulled.push((p as { entities: string[] }).entities);
      });
      const started = Date.now();
      const p = await value<CustomerProfile>(a.core.invoke('customers.create', { customer: { name: '李娜' } }));
      await until('seen on b', () => customerRow(b.core, p.customer.id) !== undefined, 3_000);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(pulled.flat()).toContain('customers');
      const status: SyncStatus = b.core.sync.status();
      expect(status).toMatchObject({ state: 'online', lastError: null });
    } finally {
      for (const c of cores.splice(0)) await c.close();
    }
  });

  it('a seat configured with the token of `seat add` without --id binds itself and syncs; its token then refuses another seat', async () => {
    const { url, hub } = await startHub();
    const a = await seatOn(url, 'enrol-a', true, { enrol: true });
    const b = await seatOn(url, 'enrol-b', true);
    try {
      // The first cycle (pull) and the live socket both present a's id; the token binds to it once.
      await until('both online', () => a.core.sync.status().state === 'online' && b.core.sync.status().state === 'online');
      await until('both live sockets open', () => hub.live.clientCount === 2);
      const { rows } = await hub.pool.query<{ id: string; bound_at: string | null }>('SELECT id, bound_at FROM seats WHERE name LIKE $1', ['enrol-a-%']);
      expect(rows).toEqual([{ id: a.core.seat.seatId, bound_at: expect.any(String) as unknown }]);

      const p = await value<CustomerProfile>(a.core.invoke('customers.create', { customer: { name: '赵敏' } }));
      await until('seen on b', () => customerRow(b.core, p.customer.id) !== undefined, 3_000);
      expect(a.core.sync.status()).toMatchObject({ pending: 0, lastError: null });

      // Another seat given a's token is refused, with a message the sync panel can show.
      const c = await seatOn(url, 'enrol-c', false, { token: a.token });
      expect(await c.core.sync.syncNow()).toMatchObject({ state: 'unauthorized', lastError: 'sync.errors.seatMismatch' });
      expect(await a.core.sync.syncNow()).toMatchObject({ state: 'online', lastError: null });
    } finally {
      for (const c of cores.splice(0)) await c.close();
    }
  });
});
