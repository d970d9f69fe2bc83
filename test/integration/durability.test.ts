import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../electron/core/store/open-database';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const KILLS = Number(process.env.KEFU_DURABILITY_KILLS ?? 20);

/** Deterministic pseudo-random kill delays, so a failure can be replayed. */
function* delays(seed: number) {
  let s = seed >>> 0;
  for (;;) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    yield 5 + (((t ^ (t >>> 14)) >>> 0) % 250);
  }
}

/** Runs the writer until `afterMs` past its first ack, kills it with SIGKILL, returns the acked ids. */
function writeUntilKilled(dataDir: string, afterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/durability-writer.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        if (line === 'ready' || (line.startsWith('ack ') && !timer)) timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('durability', () => {
  it(`keeps every acknowledged write through ${KILLS} kill -9 at random moments, outbox in step with the rows`, async () => {
    const dataDir = tempDir();
    const acked: string[] = [];
    const wait = delays(20261126);
    for (let i = 0; i < KILLS; i++) acked.push(...(await writeUntilKilled(dataDir, wait.next().value as number)));
    expect(acked.length).toBeGreaterThan(KILLS);

    const db = openDatabase(dataDir);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const present = new Set((db.prepare('SELECT id FROM customers').all() as { id: string }[]).map((r) => r.id));
    const missing = acked.filter((id) => !present.has(id));
    expect(missing).toEqual([]);
    // Every row has exactly its insert in the outbox, and the outbox names no row that is not there.
    const inserts = db.prepare("SELECT entity_id FROM outbox WHERE entity = 'customers' AND op = 'insert'").all() as { entity_id: string }[];
    expect(new Set(inserts.map((r) => r.entity_id))).toEqual(present);
    expect(inserts).toHaveLength(present.size);
    const phoneRows = (db.prepare('SELECT count(*) AS n FROM customer_phones').get() as { n: number }).n;
    const phoneInserts = (db.prepare("SELECT count(*) AS n FROM outbox WHERE entity = 'customer_phones'").get() as { n: number }).n;
    expect(phoneInserts).toBe(phoneRows);
    const seqs = (db.prepare('SELECT seq FROM outbox ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    db.close();
    // And the file opens cleanly without WAL recovery tricks.
    new Database(join(dataDir, DATABASE_FILE), { readonly: true }).close();
  }, 180_000);
});
