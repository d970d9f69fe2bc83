import type { Migration } from './migration';

// Callback scheduling (issue 4) on top of the 0010 callbacks table:
// - first_due_at: when the callback was first due; the retry policy's give-up clock runs from it
//   (window_start moves with every retry). Backfilled from window_start.
// - callbacks_team: the team queue and the supervisors' per-team lists.
// - callbacks_remind / callbacks_escalate: partial indexes holding only the open callbacks the
//   reminder engine still has to act on, so its scan reads what it fixes and nothing else,
//   whatever the size of the history (500k+ callbacks).
export const callbackScheduling: Migration = {
  version: 30,
  name: 'callback scheduling',
  up: (db) => {
    db.exec(`
      ALTER TABLE callbacks ADD COLUMN first_due_at INTEGER;
      UPDATE callbacks SET first_due_at = window_start WHERE first_due_at IS NULL;
      CREATE INDEX callbacks_team ON callbacks(assignee_team_id, status, window_start);
      CREATE INDEX callbacks_remind ON callbacks(assignee_agent_id, window_start)
        WHERE status = 'scheduled' AND reminded_at IS NULL;
      CREATE INDEX callbacks_escalate ON callbacks(assignee_agent_id, window_end)
        WHERE status = 'scheduled' AND escalated_at IS NULL;
    `);
  },
};
