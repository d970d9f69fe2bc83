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
// - complaints_opened / complaints_closed / complaints_resolved: the report's period and its
//   first-contact resolutions (each a plain count of one range), and the 'any' / closed lists; complaints_category: the report's count per category and subcategory, one
//   small range per pair instead of grouping the whole period;
// - complaints_awaiting: the few waiting for a supervisor's approval;
// - complaint_steps_started / complaint_steps_outcome / complaint_steps_root: done records by
//   step and time, covering the report's mean hours per step, satisfaction (a count per
//   outcome) and root causes (a count per code); complaint_steps_remedy: accepted remedies, one range per remedy and
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

      -- Mean hours per step over long periods: done records summed per UTC day of their start,
      -- kept by triggers whoever writes the row (the core, sync, the demo), so a report reads one
      -- row per day and step instead of every record. Derived and local: not synced.
      CREATE TABLE complaint_step_hours (
        day INTEGER NOT NULL, step INTEGER NOT NULL, n INTEGER NOT NULL, ms INTEGER NOT NULL,
        PRIMARY KEY (day, step)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO complaint_step_hours (day, step, n, ms)
        SELECT started_at / 86400000, step, count(*), sum(completed_at - started_at) FROM complaint_steps
        WHERE state = 'done' AND deleted_at IS NULL AND completed_at IS NOT NULL GROUP BY 1, 2;
      CREATE TRIGGER complaint_step_hours_insert AFTER INSERT ON complaint_steps
        WHEN new.state = 'done' AND new.deleted_at IS NULL AND new.completed_at IS NOT NULL
      BEGIN
        INSERT INTO complaint_step_hours (day, step, n, ms) VALUES (new.started_at / 86400000, new.step, 1, new.completed_at - new.started_at)
          ON CONFLICT (day, step) DO UPDATE SET n = n + 1, ms = ms + excluded.ms;
      END;
      CREATE TRIGGER complaint_step_hours_unset AFTER UPDATE OF step, state, started_at, completed_at, deleted_at ON complaint_steps
        WHEN old.state = 'done' AND old.deleted_at IS NULL AND old.completed_at IS NOT NULL
      BEGIN
        UPDATE complaint_step_hours SET n = n - 1, ms = ms - (old.completed_at - old.started_at)
          WHERE day = old.started_at / 86400000 AND step = old.step;
      END;
      CREATE TRIGGER complaint_step_hours_set AFTER UPDATE OF step, state, started_at, completed_at, deleted_at ON complaint_steps
        WHEN new.state = 'done' AND new.deleted_at IS NULL AND new.completed_at IS NOT NULL
      BEGIN
        INSERT INTO complaint_step_hours (day, step, n, ms) VALUES (new.started_at / 86400000, new.step, 1, new.completed_at - new.started_at)
          ON CONFLICT (day, step) DO UPDATE SET n = n + 1, ms = ms + excluded.ms;
      END;

      -- The report's counts per UTC day, kept by triggers the same way (insert, update, tombstone,
      -- hard delete; a write that changes none of the counted columns costs nothing), so a 90-day
      -- report sums a few hundred summary rows instead of counting 50k complaints and 250k records.
      -- Unknown / absent codes are '' (a primary key column cannot be NULL); the report maps back.
      -- complaint_daily: complaints opened on the day (by category and subcategory) and those
      -- closed on the day (filed under their category), of which resolved on first contact.
      CREATE TABLE complaint_daily (
        day INTEGER NOT NULL, category TEXT NOT NULL, subcategory TEXT NOT NULL,
        opened INTEGER NOT NULL, closed INTEGER NOT NULL, resolved INTEGER NOT NULL,
        PRIMARY KEY (day, category, subcategory)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO complaint_daily (day, category, subcategory, opened, closed, resolved)
        SELECT day, category, subcategory, sum(opened), sum(closed), sum(resolved) FROM (
          SELECT opened_at / 86400000 AS day, coalesce(category, '') AS category, coalesce(subcategory, '') AS subcategory,
                 1 AS opened, 0 AS closed, 0 AS resolved FROM complaints WHERE deleted_at IS NULL
          UNION ALL
          SELECT closed_at / 86400000, coalesce(category, ''), coalesce(subcategory, ''), 0, 1, first_contact_resolution = 1
            FROM complaints WHERE deleted_at IS NULL AND closed_at IS NOT NULL
        ) GROUP BY 1, 2, 3;
      -- complaint_step_daily: done records by UTC day of completion — analyses by root cause
      -- (step 3, code = root_cause), accepted remedies by remedy and currency with their summed
      -- amount (step 4), reached follow-ups by outcome (step 5, code = 'satisfied' | 'unsatisfied').
      CREATE TABLE complaint_step_daily (
        day INTEGER NOT NULL, step INTEGER NOT NULL, code TEXT NOT NULL, currency TEXT NOT NULL,
        n INTEGER NOT NULL, amount INTEGER NOT NULL,
        PRIMARY KEY (day, step, code, currency)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO complaint_step_daily (day, step, code, currency, n, amount)
        SELECT s.completed_at / 86400000, s.step, CASE s.step WHEN 3 THEN coalesce(s.root_cause, '') WHEN 4 THEN coalesce(s.remedy, '') ELSE s.outcome END, CASE s.step WHEN 4 THEN coalesce(s.currency, '') ELSE '' END, count(*), sum(CASE s.step WHEN 4 THEN coalesce(s.amount_cents, 0) ELSE 0 END) FROM complaint_steps s
        WHERE s.state = 'done' AND s.deleted_at IS NULL AND s.completed_at IS NOT NULL AND (s.step = 3 OR (s.step = 4 AND s.outcome = 'accepted') OR (s.step = 5 AND s.outcome IN ('satisfied', 'unsatisfied'))) GROUP BY 1, 2, 3, 4;
      CREATE TRIGGER complaint_step_daily_insert AFTER INSERT ON complaint_steps BEGIN
        INSERT INTO complaint_step_daily (day, step, code, currency, n, amount)
          SELECT new.completed_at / 86400000, new.step, CASE new.step WHEN 3 THEN coalesce(new.root_cause, '') WHEN 4 THEN coalesce(new.remedy, '') ELSE new.outcome END, CASE new.step WHEN 4 THEN coalesce(new.currency, '') ELSE '' END, 1, CASE new.step WHEN 4 THEN coalesce(new.amount_cents, 0) ELSE 0 END WHERE new.state = 'done' AND new.deleted_at IS NULL AND new.completed_at IS NOT NULL AND (new.step = 3 OR (new.step = 4 AND new.outcome = 'accepted') OR (new.step = 5 AND new.outcome IN ('satisfied', 'unsatisfied')))
          ON CONFLICT (day, step, code, currency) DO UPDATE SET n = n + 1, amount = amount + excluded.amount;
      END;
      CREATE TRIGGER complaint_step_daily_update AFTER UPDATE OF step, state, outcome, root_cause, remedy, currency, amount_cents, completed_at, deleted_at ON complaint_steps
        WHEN old.step IS NOT new.step OR old.state IS NOT new.state OR old.outcome IS NOT new.outcome OR old.root_cause IS NOT new.root_cause OR old.remedy IS NOT new.remedy OR old.currency IS NOT new.currency OR old.amount_cents IS NOT new.amount_cents OR old.completed_at IS NOT new.completed_at OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        UPDATE complaint_step_daily SET n = n - 1, amount = amount - CASE old.step WHEN 4 THEN coalesce(old.amount_cents, 0) ELSE 0 END
          WHERE old.state = 'done' AND old.deleted_at IS NULL AND old.completed_at IS NOT NULL AND (old.step = 3 OR (old.step = 4 AND old.outcome = 'accepted') OR (old.step = 5 AND old.outcome IN ('satisfied', 'unsatisfied'))) AND (day, step, code, currency) = (old.completed_at / 86400000, old.step, CASE old.step WHEN 3 THEN coalesce(old.root_cause, '') WHEN 4 THEN coalesce(old.remedy, '') ELSE old.outcome END, CASE old.step WHEN 4 THEN coalesce(old.currency, '') ELSE '' END);
        INSERT INTO complaint_step_daily (day, step, code, currency, n, amount)
          SELECT new.completed_at / 86400000, new.step, CASE new.step WHEN 3 THEN coalesce(new.root_cause, '') WHEN 4 THEN coalesce(new.remedy, '') ELSE new.outcome END, CASE new.step WHEN 4 THEN coalesce(new.currency, '') ELSE '' END, 1, CASE new.step WHEN 4 THEN coalesce(new.amount_cents, 0) ELSE 0 END WHERE new.state = 'done' AND new.deleted_at IS NULL AND new.completed_at IS NOT NULL AND (new.step = 3 OR (new.step = 4 AND new.outcome = 'accepted') OR (new.step = 5 AND new.outcome IN ('satisfied', 'unsatisfied')))
          ON CONFLICT (day, step, code, currency) DO UPDATE SET n = n + 1, amount = amount + excluded.amount;
      END;
      CREATE TRIGGER complaint_step_daily_delete AFTER DELETE ON complaint_steps BEGIN
        UPDATE complaint_step_daily SET n = n - 1, amount = amount - CASE old.step WHEN 4 THEN coalesce(old.amount_cents, 0) ELSE 0 END
          WHERE old.state = 'done' AND old.deleted_at IS NULL AND old.completed_at IS NOT NULL AND (old.step = 3 OR (old.step = 4 AND old.outcome = 'accepted') OR (old.step = 5 AND old.outcome IN ('satisfied', 'unsatisfied'))) AND (day, step, code, currency) = (old.completed_at / 86400000, old.step, CASE old.step WHEN 3 THEN coalesce(old.root_cause, '') WHEN 4 THEN coalesce(old.remedy, '') ELSE old.outcome END, CASE old.step WHEN 4 THEN coalesce(old.currency, '') ELSE '' END);
      END;
      CREATE TRIGGER complaint_step_hours_delete AFTER DELETE ON complaint_steps
        WHEN old.state = 'done' AND old.deleted_at IS NULL AND old.completed_at IS NOT NULL
      BEGIN
        UPDATE complaint_step_hours SET n = n - 1, ms = ms - (old.completed_at - old.started_at)
          WHERE day = old.started_at / 86400000 AND step = old.step;
      END;
      CREATE TRIGGER complaint_daily_insert AFTER INSERT ON complaints BEGIN
        INSERT INTO complaint_daily (day, category, subcategory, opened, closed, resolved)
          SELECT new.opened_at / 86400000, coalesce(new.category, ''), coalesce(new.subcategory, ''), 1, 0, 0 WHERE new.deleted_at IS NULL
          ON CONFLICT (day, category, subcategory) DO UPDATE SET opened = opened + 1;
        INSERT INTO complaint_daily (day, category, subcategory, opened, closed, resolved)
          SELECT new.closed_at / 86400000, coalesce(new.category, ''), coalesce(new.subcategory, ''), 0, 1, new.first_contact_resolution = 1
          WHERE new.deleted_at IS NULL AND new.closed_at IS NOT NULL
          ON CONFLICT (day, category, subcategory) DO UPDATE SET closed = closed + 1, resolved = resolved + excluded.resolved;
      END;
      CREATE TRIGGER complaint_daily_update AFTER UPDATE OF opened_at, category, subcategory, closed_at, first_contact_resolution, deleted_at ON complaints
        WHEN old.opened_at IS NOT new.opened_at OR old.category IS NOT new.category OR old.subcategory IS NOT new.subcategory OR old.closed_at IS NOT new.closed_at OR old.first_contact_resolution IS NOT new.first_contact_resolution OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        UPDATE complaint_daily SET opened = opened - 1
          WHERE old.deleted_at IS NULL AND (day, category, subcategory) = (old.opened_at / 86400000, coalesce(old.category, ''), coalesce(old.subcategory, ''));
        UPDATE complaint_daily SET closed = closed - 1, resolved = resolved - (old.first_contact_resolution = 1)
          WHERE old.deleted_at IS NULL AND old.closed_at IS NOT NULL
            AND (day, category, subcategory) = (old.closed_at / 86400000, coalesce(old.category, ''), coalesce(old.subcategory, ''));
        INSERT INTO complaint_daily (day, category, subcategory, opened, closed, resolved)
          SELECT new.opened_at / 86400000, coalesce(new.category, ''), coalesce(new.subcategory, ''), 1, 0, 0 WHERE new.deleted_at IS NULL
          ON CONFLICT (day, category, subcategory) DO UPDATE SET opened = opened + 1;
        INSERT INTO complaint_daily (day, category, subcategory, opened, closed, resolved)
          SELECT new.closed_at / 86400000, coalesce(new.category, ''), coalesce(new.subcategory, ''), 0, 1, new.first_contact_resolution = 1
          WHERE new.deleted_at IS NULL AND new.closed_at IS NOT NULL
          ON CONFLICT (day, category, subcategory) DO UPDATE SET closed = closed + 1, resolved = resolved + excluded.resolved;
      END;
      CREATE TRIGGER complaint_daily_delete AFTER DELETE ON complaints BEGIN
        UPDATE complaint_daily SET opened = opened - 1
          WHERE old.deleted_at IS NULL AND (day, category, subcategory) = (old.opened_at / 86400000, coalesce(old.category, ''), coalesce(old.subcategory, ''));
        UPDATE complaint_daily SET closed = closed - 1, resolved = resolved - (old.first_contact_resolution = 1)
          WHERE old.deleted_at IS NULL AND old.closed_at IS NOT NULL
            AND (day, category, subcategory) = (old.closed_at / 86400000, coalesce(old.category, ''), coalesce(old.subcategory, ''));
      END;

      CREATE INDEX complaints_owner ON complaints(owner_agent_id, status, sla_due_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_team ON complaints(team_id, status, sla_due_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_team_opened ON complaints(team_id, opened_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_category ON complaints(category, subcategory, opened_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_due ON complaints(status, sla_due_at, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_opened ON complaints(opened_at, category, subcategory, deleted_at) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_closed ON complaints(closed_at, deleted_at) WHERE closed_at IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX complaints_resolved ON complaints(closed_at, first_contact_resolution, deleted_at)
        WHERE first_contact_resolution = 1 AND closed_at IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX complaints_awaiting ON complaints(team_id, owner_agent_id, awaiting_approval, status, deleted_at) WHERE awaiting_approval = 1 AND status = 'open' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_started ON complaint_steps(step, started_at, completed_at, state, deleted_at) WHERE state = 'done' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_root ON complaint_steps(root_cause, completed_at, step, state, deleted_at) WHERE step = 3 AND state = 'done' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_remedy ON complaint_steps(remedy, currency, completed_at, amount_cents, step, state, outcome, deleted_at)
        WHERE step = 4 AND state = 'done' AND outcome = 'accepted' AND deleted_at IS NULL;
      CREATE INDEX complaint_steps_outcome ON complaint_steps(step, outcome, completed_at, state, deleted_at) WHERE state = 'done' AND deleted_at IS NULL;
    `);
  },
};
