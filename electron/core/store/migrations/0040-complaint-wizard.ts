import type { Migration } from './migration';

// The complaint wizard (issue 5) on top of the 0010 complaints / complaint_steps tables.
//
// complaints gains what the pure flow (shared/domain/complaint-flow) keeps in its state:
// - source ('call' | 'profile' | 'search'), first_contact (started during the customer's first
//   contact about the problem; the contact itself is interaction_id), escalated, round (1, +1 per
//   reopen), reopens (JSON array of { at, actorId, reason, round }: history is never rewritten);
// - follow_up_callback_id: the callback that carries step 5's call;
// - awaiting_approval: step 4's amount is above the approval threshold and nobody approved it
//   yet (kept by the core after every event, so lists and badge counts need no JSON).
// complaint_steps gains outcome ('accepted' | 'rejected' | 'unsatisfied' | 'satisfied'),
// contact_id (the interaction during which the record was last written), and the report's
// figures copied out of its data JSON by the core on every write — root_cause (step 3), remedy,
// amount_cents, currency (step 4) — so the report reads one covering index, never the JSON
// (json_extract over 200k solve records costs 10× the index scan).
//
// Existing rows are backfilled: round from their step records, first_contact for those started
// from a contact, outcome of done solve / follow-up records and the report columns from their data.
//
// Indexes, for lists and the report at 200k complaints (1M+ step records), all partial on live
// rows (deleted_at IS NULL); the columns of the partial condition are repeated at the end, since
// SQLite only counts an index as covering when it holds every column the query names, so counts
// and report sums are answered from the index alone:
// - complaints_owner / complaints_team: 'mine' and 'team' lists, open ones in due order;
//   complaints_team_opened: the team's 'any' list, newest first;
// - complaints_due: supervisors' 'all' list and overdue counts;
// - complaints_opened / complaints_closed: the report's period (covering FCR) and the 'any' /
//   closed lists; complaints_category: the report's count per category and subcategory, one
//   small range per pair instead of grouping the whole period;
// - complaints_awaiting: the few waiting for a supervisor's approval;
// - complaint_steps_started / complaint_steps_completed / complaint_steps_root: done records by
//   step and time, covering the report's mean hours per step and satisfaction, and (one range
//   per code) root causes; complaint_steps_remedy: accepted remedies, one range per remedy and
//   currency (no sort of the period's solve records).
export const complaintWizard: Migration = {
  version: 40,
  name: 'complaint wizard',
  up: (db) => {
    db.exec(`
      ALTER TABLE complaints ADD COLUMN source TEXT NOT NULL DEFAULT 'call' CHECK (source IN ('call','profile','search'));
      ALTER TABLE complaints ADD COLUMN first_contact INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE complaints ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE complaints ADD COLUMN round INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE complaints ADD COLUMN reopens TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE complaints ADD COLUMN follow_up_callback_id TEXT REFERENCES callbacks(id);
      ALTER TABLE complaints ADD COLUMN awaiting_approval INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE complaint_steps ADD COLUMN outcome TEXT CHECK (outcome IN ('accepted','rejected','unsatisfied','satisfied'));
      ALTER TABLE complaint_steps ADD COLUMN contact_id TEXT;
      ALTER TABLE complaint_steps ADD COLUMN root_cause TEXT;
      ALTER TABLE complaint_steps ADD COLUMN remedy TEXT;
      ALTER TABLE complaint_steps ADD COLUMN amount_cents INTEGER;
      ALTER TABLE complaint_steps ADD COLUMN currency TEXT;

      UPDATE complaints SET first_contact = 1 WHERE interaction_id IS NOT NULL;
      UPDATE complaints SET round = coalesce((SELECT max(s.round) FROM complaint_steps s WHERE s.complaint_id = complaints.id), 1);
      UPDATE complaint_steps SET outcome = 'accepted' WHERE step = 4 AND state = 'done';
      UPDATE complaint_steps SET outcome = CASE json_extract(data, '$.satisfied') WHEN 1 THEN 'satisfied' WHEN 0 THEN 'unsatisfied' END
        WHERE step = 5 AND state = 'done' AND json_valid(data);
      UPDATE complaint_steps SET root_cause = json_extract(data, '$.rootCause') WHERE step = 3 AND json_valid(data)
        AND json_type(data, '$.rootCause') = 'text';
      UPDATE complaint_steps SET
          remedy = CASE json_type(data, '$.remedy') WHEN 'text' THEN json_extract(data, '$.remedy') END,
          amount_cents = CASE json_type(data, '$.amountCents') WHEN 'integer' THEN json_extract(data, '$.amountCents') END,
          currency = CASE json_type(data, '$.currency') WHEN 'text' THEN json_extract(data, '$.currency') END
        WHERE step = 4 AND json_valid(data);

      CREATE INDEX complaints_owner ON complaints(owner_agent_id, status, sla_due_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_team ON complaints(team_id, status, sla_due_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_team_opened ON complaints(team_id, opened_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_category ON complaints(category, subcategory, opened_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_due ON complaints(status, sla_due_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_opened ON complaints(opened_at, category, subcategory, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_closed ON complaints(closed_at, first_contact_resolution, deleted_at) WHERE closed_at IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX complaints_awaiting ON complaints(team_id, owner_agent_id, awaiting_approval, status, deleted_at) WHERE awaiting_approval = 1 AND status = 'open' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_started ON complaint_steps(step, started_at, completed_at, state, deleted_at) WHERE state = 'done' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_root ON complaint_steps(root_cause, completed_at, step, state, deleted_at) WHERE step = 3 AND state = 'done' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_remedy ON complaint_steps(remedy, currency, completed_at, amount_cents, step, state, outcome, deleted_at)
        WHERE step = 4 AND state = 'done' AND outcome = 'accepted' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_completed ON complaint_steps(step, completed_at, outcome, complaint_id, root_cause, remedy, currency, amount_cents, state, deleted_at)
        WHERE state = 'done' AND deleted_at IS NULL;
    `);
  },
};
