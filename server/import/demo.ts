import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { SYNCED_ENTITIES, SYNCED_ENTITY_SCHEMAS, entityKey, type SyncedEntity } from '../../shared/sync/entity-schemas';
import type { ChangeFields } from '../../shared/sync/protocol';
import { bulkWrite, type BulkRow, type BulkWriteOptions, type BulkWriteResult } from './bulk-write';

// `npm run hub -- import demo --customers N [--seed S]`
//
// The seat's demo data set (electron/core/demo/) loaded into the hub, so every seat pulls it
// and edits of it sync like any other row. The generator is the seat's own, unchanged: the
// seat's demo command (`npm run demo`, electron/core/demo/demo-cli.ts) fills a temporary seat
// store in a scratch folder (removed afterwards), run as a child process because the hub does
// not import the seat's code (eslint: server/ imports only shared/). Every synced table of that
// store (SYNCED_ENTITIES, the seat's SYNCED_TABLES in the same order, parents first) is then
// bulk-written into the hub as the hub's own rows (bulk-write.ts). search_terms are not
// synced: each seat builds them as it pulls.

export interface DemoImportOptions {
  customers: number;
  seed: number;
  /** Epoch ms the demo's times are relative to (default now). */
  now?: number;
  /** Where the temporary seat store goes (default the OS temp folder). */
  workDir?: string;
  bulk?: BulkWriteOptions;
}

export interface DemoImportReport {
  customers: number;
  /** Generating the seat store (the seat's demo command, in a child process). */
  generateMs: number;
  /** Synced rows per table read from the generated store. */
  tables: Partial<Record<SyncedEntity, number>>;
  write: BulkWriteResult;
}

export class DemoImportError extends Error {}

/** The repository root (the seat's demo command and tsx are found from it). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_CLI = join(ROOT, 'electron/core/demo/demo-cli.ts');
/** The seat store's file in its data folder (electron/core/store/open-database.ts DATABASE_FILE). */
const SEAT_DATABASE_FILE = 'kefu.sqlite';
const MAX_DEMO_CUSTOMERS = 5_000_000;

/** Runs the seat's demo command into `dir`; its progress and summary go to stderr. */
function generateSeatStore(dir: string, customers: number, seed: number, now: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', DEMO_CLI, '--data-dir', dir, '--customers', String(customers), '--seed', String(seed), '--now', String(now)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let tail = '';
    const forward = (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-2000);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new DemoImportError(`the demo generator failed (exit ${code}): ${tail.trim().split('\n').pop() ?? ''}`));
    });
  });
}

/** Refuses a hub that already has customers: like the seat's generator, demo data goes into an empty hub only. */
export async function importDemo(pool: pg.Pool, opts: DemoImportOptions): Promise<DemoImportReport> {
  if (!Number.isSafeInteger(opts.customers) || opts.customers < 1 || opts.customers > MAX_DEMO_CUSTOMERS)
    throw new DemoImportError(`--customers must be a whole number from 1 to ${MAX_DEMO_CUSTOMERS.toLocaleString('en-US')}, got ${opts.customers}`);
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new DemoImportError(`--seed must be a non-negative whole number, got ${opts.seed}`);
  const { rows: has } = await pool.query(`SELECT 1 FROM rows WHERE entity = 'customers' LIMIT 1`);
  if (has.length > 0) throw new DemoImportError('the hub already holds customers; demo data is only loaded into an empty hub (use a new database)');

  const dir = mkdtempSync(join(opts.workDir ?? tmpdir(), 'kefu-hub-demo-'));
  try {
    const started = performance.now();
    await generateSeatStore(dir, opts.customers, opts.seed, opts.now ?? Date.now());
    const generateMs = performance.now() - started;
    const file = join(dir, SEAT_DATABASE_FILE);
    if (!existsSync(file)) throw new DemoImportError(`the demo generator left no store at ${file}`);
    const db = new Database(file, { readonly: true });
    try {
      const tables: Partial<Record<SyncedEntity, number>> = {};
      let total = 0;
      for (const t of SYNCED_ENTITIES) {
        const n = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
        tables[t] = n;
        total += n;
      }
      const forward = forwardReferences(db);
      for (const [t, cols] of forward) total += (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE ${notNull(cols)}`).get() as { n: number }).n;
      const write = await bulkWrite(pool, readSynced(db, forward), total, opts.bulk);
      return { customers: opts.customers, generateMs, tables, write };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Columns that reference a table at or after their own in the pull order (the seat's foreign
 * keys, read from the generated store): complaints.follow_up_callback_id → callbacks, whose
 * callbacks.complaint_id points back. A seat can apply neither row first, so such a column is
 * left out of the row's insert and written by a second pass once every table is in, as a seat
 * writes it (the complaint first, its follow-up callback, then the link).
 */
function forwardReferences(db: Database.Database): Map<SyncedEntity, string[]> {
  const out = new Map<SyncedEntity, string[]>();
  SYNCED_ENTITIES.forEach((entity, i) => {
    const fks = db.prepare(`PRAGMA foreign_key_list(${entity})`).all() as { table: string; from: string }[];
    const cols = fks.filter((f) => SYNCED_ENTITIES.indexOf(f.table as SyncedEntity) >= i).map((f) => f.from);
    if (cols.length > 0) out.set(entity, cols);
  });
  return out;
}

const notNull = (cols: string[]) => cols.map((c) => `${c} IS NOT NULL`).join(' OR ');

/**
 * Every row of every synced table, parents first, as the insert a seat would push (null columns
 * left out, forward references too); then the rows with forward references again, whole (the
 * bulk write logs only the columns the hub does not have yet).
 */
function* readSynced(db: Database.Database, forward: Map<SyncedEntity, string[]>): Generator<BulkRow> {
  const read = function* (entity: SyncedEntity, where: string, skip: string[]): Generator<BulkRow> {
    const columns = Object.keys(SYNCED_ENTITY_SCHEMAS[entity].shape);
    const key = entityKey(entity);
    const stmt = db.prepare(`SELECT ${columns.join(', ')} FROM ${entity}${where} ORDER BY rowid`);
    for (const r of stmt.iterate() as Iterable<Record<string, string | number | null>>) {
      const fields: ChangeFields = {};
      for (const c of columns) {
        const v = r[c];
        if (v !== null && v !== undefined && !skip.includes(c)) fields[c] = v;
      }
      yield { entity, id: String(r[key]), fields };
    }
  };
  for (const entity of SYNCED_ENTITIES) yield* read(entity, '', forward.get(entity) ?? []);
  for (const [entity, cols] of forward) yield* read(entity, ` WHERE ${notNull(cols)}`, []);
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function formatDemoReport(r: DemoImportReport): string {
  const secs = r.write.ms / 1000;
  const lines = [
    `demo data for ${fmt(r.customers)} customers loaded into the hub (seat store generated in ${(r.generateMs / 1000).toFixed(1)} s)`,
    ...Object.entries(r.tables).map(([t, n]) => `  ${t.padEnd(22)} ${fmt(n)}`),
    `  ${fmt(r.write.rows)} rows written in ${secs.toFixed(1)} s (${fmt(Math.round(r.write.rows / Math.max(secs, 0.001)))} rows/s), ${fmt(r.write.chunks)} transactions, server sequence now ${r.write.serverSeq}`,
  ];
  return lines.join('\n');
}
