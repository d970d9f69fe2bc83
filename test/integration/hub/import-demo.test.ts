import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { SYNCED_TABLES } from '../../../electron/core/store/entities';
import { importDemo } from '../../../server/import/demo';
import { addSeat } from '../../../server/seats';
import { SYNCED_ENTITIES } from '../../../shared/sync/entity-schemas';
import { useHubs } from '../../support/hub';
import { useTestDatabase } from '../../support/postgres';
import { useTempDirs } from '../../support/temp-dir';

// `npm run hub -- import demo`: the seat's demo generator run into a scratch seat store, every
// synced table bulk-written into the hub as the hub's own rows; a seat pulls all of it, and an
// edit of a demo row on the seat is applied at the hub (not parked as unknown_row).

const db = useTestDatabase();
const startHub = useHubs(db);
const tempDir = useTempDirs();

describe('import demo', () => {
  it('a seat pulls the whole demo data set from the hub and its edit of a demo customer is applied', async () => {
    // The hub reads the tables of the seat's SYNCED_TABLES through shared's list (it does not import the seat's code).
    expect(SYNCED_ENTITIES).toEqual([...SYNCED_TABLES]);

    const { url } = await startHub();
    const pool = db.pool(2);
    const chunks: number[] = [];
    const report = await importDemo(pool, { customers: 200, seed: 7, bulk: { chunkSize: 1000, onChunk: (p) => chunks.push(p.done) } });
    expect(report.tables.customers).toBe(200);
    const tableRows = Object.values(report.tables).reduce((a, b) => a + b, 0);
    // complaints.follow_up_callback_id points at a callback that points back at the complaint:
    // written by a second pass, after the callbacks, as an update (a seat could apply neither row first).
    const { rows: linked } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM rows WHERE entity = 'complaints' AND fields ? 'follow_up_callback_id'`);
    expect(Number(linked[0]!.n)).toBeGreaterThan(0);
    const total = tableRows + Number(linked[0]!.n);
    expect(report.write.rows).toBe(total);
    expect(report.write.changes).toBe(total); // one insert per row, one update per link
    expect(chunks).toEqual([...Array(Math.ceil(total / 1000)).keys()].map((i) => Math.min(total, (i + 1) * 1000)));
    const { rows: hubCounts } = await pool.query<{ entity: string; n: string }>('SELECT entity, count(*) AS n FROM rows GROUP BY entity');
    expect(Object.fromEntries(hubCounts.map((r) => [r.entity, Number(r.n)]))).toEqual(
      Object.fromEntries(Object.entries(report.tables).filter(([, n]) => n > 0)),
    );
    const { rows: origins } = await pool.query<{ origin_seat: string; op: string; n: string }>(
      'SELECT origin_seat, op, count(*) AS n FROM changes GROUP BY 1, 2 ORDER BY 2',
    );
    expect(origins).toEqual([
      { origin_seat: 'hub', op: 'insert', n: String(tableRows) },
      { origin_seat: 'hub', op: 'update', n: linked[0]!.n },
    ]);
    // Demo data goes into an empty hub only.
    await expect(importDemo(pool, { customers: 10, seed: 1 })).rejects.toThrow(/already holds customers/);

    const core: Core = createCore({ dataDir: tempDir(), role: 'supervisor', agentName: 'demo-seat', syncIntervalMs: 0, syncTest: { connectLive: null }, log: () => undefined });
    try {
      const { token } = await addSeat(pool, { branch: 'hq', name: `demo-seat-${core.seat.seatId.slice(-6)}`, role: 'supervisor', id: core.seat.seatId });
      expect((await core.invoke('sync.configure', { settings: { hubUrl: url, token } })).ok).toBe(true);
      expect(await core.sync.syncNow()).toMatchObject({ state: 'online', lastError: null });
      for (const t of SYNCED_TABLES) {
        const n = (core.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
        // The seat has its own agent row besides the demo's agents.
        expect(n, t).toBe((report.tables[t] ?? 0) + (t === 'agents' ? 1 : 0));
      }
      expect(core.db.prepare('SELECT count(*) AS n FROM sync_pending').get()).toEqual({ n: 0 });
      // Search works on pulled demo customers (the seat builds search_terms as it pulls).
      const someone = core.db.prepare(
        `SELECT c.id, c.name, p.national FROM customers c JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary = 1
          WHERE c.kind = 'person' ORDER BY c.id LIMIT 1`,
      ).get() as { id: string; name: string; national: string };
      const found = await core.invoke('customers.search', { query: someone.national });
      if (!found.ok) throw new Error(JSON.stringify(found.error));
      expect((found.value as { items: { id: string }[] }).items.map((i) => i.id)).toContain(someone.id);

      // An edit of a demo customer on the seat reaches the hub and is applied.
      const edited = await core.invoke('customers.update', { id: someone.id, patch: { city: '测试市', notes: '座席修改' } });
      expect(edited.ok).toBe(true);
      expect(await core.sync.syncNow()).toMatchObject({ state: 'online', pending: 0, lastError: null });
      const { rows: parked } = await pool.query('SELECT code, reason FROM parked');
      expect(parked).toEqual([]);
      const { rows: hubRow } = await pool.query<{ fields: Record<string, unknown>; clocks: Record<string, { seat: string }> }>(
        `SELECT fields, clocks FROM rows WHERE entity = 'customers' AND id = $1`,
        [someone.id],
      );
      expect(hubRow[0]!.fields).toMatchObject({ city: '测试市', notes: '座席修改', name: someone.name });
      expect(hubRow[0]!.clocks.city!.seat).toBe(core.seat.seatId); // the seat's later write won over the import
      const { rows: conflicts } = await pool.query('SELECT field FROM conflicts');
      expect(conflicts).toEqual([]); // the seat had pulled the imported values: not concurrent
    } finally {
      await core.close();
    }
  });
});
