import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import { withRecordLabel } from '../../../electron/core/sync/conflict-labels';
import { listBranches, saveBranch } from '../../../server/branches';
import { addSeat } from '../../../server/seats';
import { useHubs } from '../../support/hub';
import { useTestDatabase } from '../../support/postgres';
import { useTempDirs } from '../../support/temp-dir';

// `npm run hub -- branch add`: headquarters names its branches on the hub (seats may not write
// them); every seat pulls the row, and conflicts then name the branch instead of its code.

const db = useTestDatabase();
const startHub = useHubs(db);
const tempDir = useTempDirs();

describe('branches maintained at headquarters', () => {
  it('adds, renames and lists a branch; a seat pulls it and shows its name', async () => {
    const { url } = await startHub();
    const pool = db.pool(2);
    expect((await saveBranch(pool, { id: 'sanya', name: '三亚湾店', city: '三亚' })).byEntity.branches).toMatchObject({ inserted: 1 });
    // The same again writes nothing; a new name is one update.
    expect((await saveBranch(pool, { id: 'sanya', name: '三亚湾店', city: '三亚' })).changes).toBe(0);
    expect((await saveBranch(pool, { id: 'sanya', name: '三亚海棠湾店', city: '三亚' })).byEntity.branches).toMatchObject({ updated: 1 });
    await saveBranch(pool, { id: 'lijiang', name: '丽江古城店', timeZone: 'Asia/Shanghai' });
    expect(await listBranches(pool)).toEqual([
      { id: 'lijiang', name: '丽江古城店', city: null, timeZone: 'Asia/Shanghai' },
      { id: 'sanya', name: '三亚海棠湾店', city: '三亚', timeZone: 'Asia/Shanghai' },
    ]);
    await expect(saveBranch(pool, { id: 'x', name: 'X', timeZone: 'Mars/Olympus' })).rejects.toThrow(/not a time zone/);
    await expect(saveBranch(pool, { id: 'bad id', name: 'X' })).rejects.toThrow(/branch id/);

    const core = createCore({ dataDir: tempDir(), role: 'supervisor', agentName: 'hq-sup', syncIntervalMs: 0, syncTest: { connectLive: null }, log: () => undefined });
    try {
      const { token } = await addSeat(pool, { branch: 'sanya', name: 'sup', role: 'supervisor', id: core.seat.seatId });
      expect((await core.invoke('sync.configure', { settings: { hubUrl: url, token } })).ok).toBe(true);
      expect(await core.sync.syncNow()).toMatchObject({ state: 'online', lastError: null });
      expect(core.db.prepare('SELECT id, name FROM branches ORDER BY id').all()).toEqual([
        { id: 'lijiang', name: '丽江古城店' },
        { id: 'sanya', name: '三亚海棠湾店' },
      ]);
      const conflict = {
        id: 'c', entity: 'customers', entityId: 'x', field: 'notes', winnerValue: 'a', winnerHlc: 'h1', winnerSeat: 's1', loserValue: 'b', loserHlc: 'h0',
        loserSeat: 's2', detectedAt: 1, status: 'open' as const, resolvedAt: null, resolvedBy: null, resolution: null, winnerBranch: 'sanya', loserBranch: 'lijiang',
      };
      expect(withRecordLabel(core.db, conflict)).toMatchObject({ winnerBranch: '三亚海棠湾店', loserBranch: '丽江古城店' });
    } finally {
      await core.close();
      await pool.end();
    }
  });
});
