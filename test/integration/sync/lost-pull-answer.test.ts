import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import type { FetchLike } from '../../../electron/core/sync/hub-client';
import { addSeat } from '../../../server/seats';
import { useHubs } from '../../support/hub';
import { useTestDatabase } from '../../support/postgres';
import { manualClock, useTempDirs } from '../../support/temp-dir';

// Found by convergence.test.ts with SYNC_DROP_PULLS=0.2: the hub used to take a seat's pull
// position (seats.last_pull_seq) from the pull answers it SENT. When an answer is lost on the
// way (or the seat crashes before it applies the batch), the seat never saw those changes, yet
// its next write to the same field — stamped later, so it wins — counted as "saw it" and
// overwrote the other seat's value WITHOUT a conflict record: an acknowledged write disappeared
// silently (SYNC.md: "nothing is dropped silently").
// Now the seat reports with each push the cursor it has APPLIED (PushRequest.cursor, committed
// with the pulled data) and the merge uses that (capped by last_pull_seq).

const db = useTestDatabase();
const startHub = useHubs(db);
const tempDir = useTempDirs();

describe('a pull answer lost after the hub sent it', () => {
  it('still leaves a conflict record when the seat later overwrites the value it never received', async () => {
    const { url } = await startHub();
    const clock = manualClock();
    const cores: Core[] = [];
    const seat = async (name: string, net: FetchLike) => {
      const core = createCore({ dataDir: tempDir(), role: 'supervisor', agentName: name, clock, syncIntervalMs: 0, reminderIntervalMs: 0, syncTest: { fetch: net, connectLive: null }, log: () => undefined });
      cores.push(core);
      const pool = db.pool(1);
      const { token } = await addSeat(pool, { branch: 'hq', name: `${name}-${core.seat.seatId.slice(-6)}`, role: 'supervisor', id: core.seat.seatId });
      await pool.end();
      const r = await core.invoke('sync.configure', { settings: { hubUrl: url, token } });
      expect(r.ok).toBe(true);
      return core;
    };
    const realFetch = globalThis.fetch as unknown as FetchLike;
    let losePulls = false;
    const lossy: FetchLike = async (u, init) => {
      const res = await realFetch(u, init);
      if (losePulls && u.includes('/v1/pull')) throw new TypeError('fetch failed (answer lost)');
      return res;
    };
    try {
      const a = await seat('a', lossy);
      const b = await seat('b', realFetch);
      const created = await a.invoke('customers.create', { customer: { name: '王伟' } });
      const id = (created as { value: { customer: { id: string } } }).value.customer.id;
      await a.sync.syncNow();
      await b.sync.syncNow();

      clock.advance(1_000);
      await b.invoke('customers.update', { id, patch: { notes: 'from B' } });
      expect((await b.sync.syncNow()).state).toBe('online');

      // A's pull reaches the hub (which now counts B's note as seen by A) but the answer is lost.
      losePulls = true;
      expect((await a.sync.syncNow()).state).toBe('offline');
      losePulls = false;

      // A, which never received "from B", writes the field later and syncs: its value wins.
      clock.advance(1_000);
      await a.invoke('customers.update', { id, patch: { notes: 'from A' } });
      expect((await a.sync.syncNow()).state).toBe('online');

      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const row = await c.query<{ notes: string }>("SELECT fields->>'notes' AS notes FROM rows WHERE entity = 'customers' AND id = $1", [id]);
      const conflicts = await c.query<{ loser_value: string }>("SELECT loser_value FROM conflicts WHERE entity_id = $1 AND field = 'notes'", [id]);
      await c.end();
      expect(row.rows[0]?.notes).toBe('from A');
      // B's acknowledged "from B" must survive somewhere: in a conflict record.
      expect(conflicts.rows.map((r) => r.loser_value)).toContain('from B');
    } finally {
      for (const core of cores) await core.close();
    }
  });
});
