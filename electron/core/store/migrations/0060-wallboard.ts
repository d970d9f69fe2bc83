import type { Migration } from './migration';

// The wallboard counts today's calls (and reports a period's contacts) by when they started: one
// index range instead of a scan of every interaction the seat ever logged.
export const wallboardIndexes: Migration = {
  version: 60,
  name: 'wallboard indexes',
  up: (db) => {
    db.exec(`CREATE INDEX interactions_started ON interactions(started_at);`);
  },
};
