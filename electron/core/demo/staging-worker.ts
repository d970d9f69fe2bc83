/**
 * Worker threads that build the demo's biggest tables (search_terms ~19 rows a customer,
 * interactions ~5, bookings ~2.5) in scratch database files while the main thread generates
 * and writes the rest. Their rows arrive in random key order (UUIDv7 ids from times spread over
 * three years, terms in alphabet order), and random inserts into a big B-tree cost a cache miss
 * or a dirtied page each; doing them off the main thread uses the second core. At the end the
 * main thread copies each finished table with `INSERT INTO t SELECT * FROM stage.t`, which SQLite
 * runs as its transfer optimisation — raw records appended in key order, matching indexes
 * included — because the schemas are identical, the target is empty and foreign keys are off.
 *
 * generateDemo is synchronous, so the main thread talks to a worker without an event loop:
 * batches go out with postMessage (queued to the worker at once), progress and completion come
 * back through a SharedArrayBuffer it can Atomics.wait on, and errors through a MessagePort it
 * reads with receiveMessageOnPort.
 *
 * The worker is plain JavaScript evaluated from a string, so it runs the same under tsx, vitest
 * and a bundled Electron main process, without a TypeScript loader or an extra bundle entry.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.shared);
const port = workerData.port;
let db;
const fail = (err) => {
  try { if (db) db.close(); } catch {}
  port.postMessage({ error: String((err && err.stack) || err) });
  Atomics.store(state, 1, 2);
  Atomics.notify(state, 0);
  Atomics.notify(state, 1);
  parentPort.close();
};
try {
  db = new Database(workerData.file);
  // A scratch file: no journal, no fsync, one long transaction; it is deleted after the copy.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -' + workerData.cacheKib);
  db.pragma('temp_store = FILE');
  db.pragma('threads = 2');
  // The parent tables live in the store, not here.
  db.pragma('foreign_keys = OFF');
  const tables = workerData.tables.map((t) => {
    db.exec(t.createSql);
    return { name: t.name, width: t.width, sortBy: t.sortBy, carry: t.carry, insert: db.prepare(t.insertSql), row: new Array(t.width) };
  });
  // Rows are inserted in key order within each batch: consecutive inserts then walk the B-tree
  // left to right through pages already in the CPU cache instead of jumping at random.
  const order = (values, width, sortBy) => {
    const n = values.length / width;
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i * width;
    if (sortBy.length === 0) return idx;
    const [k1, k2] = sortBy;
    idx.sort((a, b) => {
      const x = values[a + k1], y = values[b + k1];
      if (x !== y) return x < y ? -1 : 1;
      if (k2 === undefined) return 0;
      const u = values[a + k2], v = values[b + k2];
      return u < v ? -1 : u > v ? 1 : 0;
    });
    return idx;
  };
  db.exec('BEGIN');
  parentPort.on('message', (m) => {
    try {
      if (m.type === 'batch') {
        for (const t of tables) {
          const values = m.rows[t.name];
          if (!values) continue;
          const { width, insert, row } = t;
          // A null in a carried column repeats the row before (customer ids, sent once each).
          for (const c of t.carry) for (let i = width + c; i < values.length; i += width) if (values[i] === null) values[i] = values[i - width];
          for (const i of order(values, width, t.sortBy)) {
            for (let j = 0; j < width; j++) row[j] = values[i + j];
            insert.run(row);
          }
        }
        Atomics.add(state, 0, 1);
        Atomics.notify(state, 0);
      } else if (m.type === 'finish') {
        db.exec('COMMIT');
        for (const sql of workerData.indexSql) db.exec(sql);
        db.close();
        db = undefined;
        Atomics.store(state, 1, 1);
        Atomics.notify(state, 1);
        port.close();
        parentPort.close();
      }
    } catch (err) {
      fail(err);
    }
  });
} catch (err) {
  fail(err);
}
`;

/** Batches a worker may lag behind before the main thread waits (bounds memory). */
const MAX_IN_FLIGHT = 24;
/** A worker that makes no progress for this long is considered dead. */
const STALL_MS = 15 * 60_000;

export interface StagedTable {
  name: string;
  /** CREATE TABLE exactly as in the store, so the final copy can use the transfer optimisation. */
  createSql: string;
  columns: readonly string[];
  /** Up to two column positions of the table's key, to insert each batch in key order. */
  sortBy: readonly number[];
  /**
   * NOT NULL columns where the sender may write null for "same as the row before" — a customer's
   * id on each of their ~19 search terms need not be serialised 19 times.
   */
  carry: readonly number[];
}

/** Rows per table name, flattened row-major (`columns.length` values a row). */
export type StagedRows = Record<string, (string | number | null)[]>;

export class StagingWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state: Int32Array;
  private sent = 0;

  constructor(
    readonly label: string,
    file: string,
    tables: readonly StagedTable[],
    indexSql: readonly string[],
    cacheKib: number,
  ) {
    const shared = new SharedArrayBuffer(8);
    this.state = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        driver,
        shared,
        port: port2,
        cacheKib,
        indexSql: [...indexSql],
        tables: tables.map((t) => ({
          name: t.name,
          createSql: t.createSql,
          width: t.columns.length,
          sortBy: [...t.sortBy],
          carry: [...t.carry],
          insertSql: `INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`,
        })),
      },
      transferList: [port2],
      // A big young generation: each batch's arrays live until inserted, and scavenging them
      // repeatedly in a small one costs more than the inserts.
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    });
    // Failures are read synchronously from the port; an 'error' event must not crash the process.
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  send(rows: StagedRows): void {
    this.check();
    while (this.sent - Atomics.load(this.state, 0) >= MAX_IN_FLIGHT) this.wait(0, Atomics.load(this.state, 0));
    this.worker.postMessage({ type: 'batch', rows });
    this.sent++;
  }

  /** Asks the worker to commit, build its indexes and close the file; returns at once. */
  finish(): void {
    this.check();
    this.worker.postMessage({ type: 'finish' });
  }

  /** Blocks until the staging file is complete and closed. */
  awaitDone(): void {
    while (Atomics.load(this.state, 1) === 0) this.wait(1, 0);
    this.check();
  }

  terminate(): void {
    this.port.close();
    void this.worker.terminate();
  }

  private wait(index: number, value: number): void {
    const result = Atomics.wait(this.state, index, value, STALL_MS);
    this.check();
    if (result === 'timed-out') throw new Error(`demo: the ${this.label} worker stopped responding`);
  }

  private check(): void {
    if (Atomics.load(this.state, 1) !== 2) return;
    const msg = receiveMessageOnPort(this.port)?.message as { error?: string } | undefined;
    throw new Error(`demo: the ${this.label} worker failed: ${msg?.error ?? 'unknown error'}`);
  }
}
