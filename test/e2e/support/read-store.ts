import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../electron/core/store/open-database';

/** Looks into the host's store read-only (WAL lets it read while the host writes). */
export function readStore<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
