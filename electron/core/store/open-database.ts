import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate';

export const DATABASE_FILE = 'kefu.sqlite';

/**
 * Opens (and migrates) the seat's store.
 * WAL lets search read while a write commits. synchronous=FULL: in WAL mode NORMAL only
 * survives a process crash, while FULL also fsyncs the WAL at every commit, so a write we
 * acknowledged survives a power cut or OS crash too — a branch PC on a flaky desk is exactly
 * that case, and a human-paced write pays well under a millisecond to a few ms for it.
 */
export function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: options.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000');
  if (!options.readonly) migrate(db);
  return db;
}
