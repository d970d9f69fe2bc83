import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `This customer database was written by a newer Kefu Desk (schema ${found}; this app knows up to ${supported}). ` +
        'Update the app; the database was left untouched.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export const latestVersion = (migrations: readonly Migration[] = MIGRATIONS): number =>
  migrations.at(-1)?.version ?? 0;

/** Applies every pending migration in one transaction; a failure leaves the file as it was. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(migrations);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}
