import type { Migration } from './migration';

// The whole domain of DESIGN.md in one step, so later features add behaviour, not tables.
// Ids are UUIDv7 text, times UTC epoch ms, money integer cents, booleans 0/1.
// Every synced table carries updated_at and deleted_at (tombstones for sync).
export const domainSchema: Migration = {
  version: 10,
  name: 'domain schema',
  up: (db) => {
    db.exec(`
      CREATE TABLE seat_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE branches (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, city TEXT, time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE TABLE teams (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, branch_id TEXT REFERENCES branches(id),
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE TABLE agents (
        id TEXT PRIMARY KEY, name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent','supervisor','admin')),
        team_id TEXT REFERENCES teams(id), branch_id TEXT REFERENCES branches(id),
        extension TEXT, presence TEXT NOT NULL DEFAULT 'offline', presence_at INTEGER,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;

      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('person','organisation')),
        status TEXT NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect','active','churned')),
        member_no TEXT UNIQUE,
        name TEXT NOT NULL, name_pinyin TEXT,
        gender TEXT NOT NULL DEFAULT 'unknown', birth_date TEXT, occupation TEXT, company TEXT,
        province TEXT, city TEXT, address_line TEXT,
        language TEXT NOT NULL DEFAULT 'zh-CN', preferred_channel TEXT NOT NULL DEFAULT 'phone',
        do_not_contact INTEGER NOT NULL DEFAULT 0, marketing_consent INTEGER NOT NULL DEFAULT 0,
        churn_reason TEXT, notes TEXT,
        home_branch_id TEXT REFERENCES branches(id), kam_agent_id TEXT REFERENCES agents(id),
        -- Cached from bookings for lists and ranking; the profile recomputes live.
        tier TEXT NOT NULL DEFAULT 'lead', last_contact_at INTEGER,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE TABLE customer_phones (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
        e164 TEXT NOT NULL, national TEXT NOT NULL, kind TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX customer_phones_customer ON customer_phones(customer_id);
      CREATE INDEX customer_phones_e164 ON customer_phones(e164) WHERE deleted_at IS NULL;
      CREATE INDEX customer_phones_national ON customer_phones(national) WHERE deleted_at IS NULL;
      CREATE TABLE customer_emails (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
        email TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX customer_emails_customer ON customer_emails(customer_id);
      CREATE TABLE customer_preferences (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
        category TEXT NOT NULL, value TEXT NOT NULL,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX customer_preferences_customer ON customer_preferences(customer_id);
      -- 资信: credit standing of an organisation (or a person on account).
      CREATE TABLE credit_standings (
        customer_id TEXT PRIMARY KEY REFERENCES customers(id),
        limit_cents INTEGER NOT NULL DEFAULT 0, rating TEXT NOT NULL DEFAULT 'B',
        overdue_cents INTEGER NOT NULL DEFAULT 0, currency TEXT NOT NULL DEFAULT 'CNY',
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE TABLE org_contacts (
        id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES customers(id),
        person_id TEXT NOT NULL REFERENCES customers(id), title TEXT,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX org_contacts_org ON org_contacts(organisation_id);
      CREATE INDEX org_contacts_person ON org_contacts(person_id);

      -- Prefix-matched keys for search as you type (see shared/domain/search-terms.ts).
      CREATE TABLE search_terms (
        term TEXT NOT NULL, customer_id TEXT NOT NULL, field INTEGER NOT NULL,
        PRIMARY KEY (term, customer_id, field)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX search_terms_customer ON search_terms(customer_id);

      CREATE TABLE bookings (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
        kind TEXT NOT NULL CHECK (kind IN ('tour','hotel','flight','package')),
        status TEXT NOT NULL CHECK (status IN ('confirmed','completed','cancelled')),
        product TEXT NOT NULL, reference TEXT NOT NULL, branch_id TEXT REFERENCES branches(id),
        starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, booked_at INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL, margin_cents INTEGER NOT NULL, currency TEXT NOT NULL DEFAULT 'CNY',
        guests INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX bookings_customer ON bookings(customer_id, booked_at);
      CREATE INDEX bookings_starts ON bookings(starts_at);

      CREATE TABLE interactions (
        id TEXT PRIMARY KEY, customer_id TEXT REFERENCES customers(id),
        channel TEXT NOT NULL, direction TEXT NOT NULL CHECK (direction IN ('in','out')),
        agent_id TEXT REFERENCES agents(id), started_at INTEGER NOT NULL, answered_at INTEGER, ended_at INTEGER,
        duration_s INTEGER, call_id TEXT, linked_id TEXT, from_number TEXT, to_number TEXT,
        queue TEXT, wait_s INTEGER, outcome TEXT, disposition TEXT, summary TEXT,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX interactions_customer ON interactions(customer_id, started_at);
      CREATE INDEX interactions_from ON interactions(from_number, started_at);
      CREATE INDEX interactions_call ON interactions(call_id);

      CREATE TABLE complaints (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
        interaction_id TEXT REFERENCES interactions(id), booking_id TEXT REFERENCES bookings(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
        current_step INTEGER NOT NULL DEFAULT 1 CHECK (current_step BETWEEN 1 AND 6),
        category TEXT, subcategory TEXT, severity TEXT,
        first_contact_resolution INTEGER NOT NULL DEFAULT 0, reopen_count INTEGER NOT NULL DEFAULT 0,
        owner_agent_id TEXT REFERENCES agents(id), team_id TEXT REFERENCES teams(id),
        opened_at INTEGER NOT NULL, closed_at INTEGER, sla_due_at INTEGER,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX complaints_customer ON complaints(customer_id);
      CREATE INDEX complaints_open ON complaints(status, current_step, sla_due_at);
      -- One record per step and round; a reopened complaint adds rounds, history stays.
      CREATE TABLE complaint_steps (
        id TEXT PRIMARY KEY, complaint_id TEXT NOT NULL REFERENCES complaints(id),
        step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 6), round INTEGER NOT NULL DEFAULT 1,
        state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','done')),
        data TEXT NOT NULL DEFAULT '{}', author_agent_id TEXT REFERENCES agents(id),
        started_at INTEGER NOT NULL, completed_at INTEGER, sla_due_at INTEGER,
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX complaint_steps_complaint ON complaint_steps(complaint_id, step, round);

      CREATE TABLE service_promises (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
        complaint_id TEXT REFERENCES complaints(id), description TEXT NOT NULL,
        due_at INTEGER NOT NULL, owner_agent_id TEXT REFERENCES agents(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','kept','broken','cancelled')),
        kept_at INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX service_promises_due ON service_promises(status, due_at);
      CREATE INDEX service_promises_customer ON service_promises(customer_id);

      CREATE TABLE callbacks (
        id TEXT PRIMARY KEY, customer_id TEXT REFERENCES customers(id), phone TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('complaint_follow_up','missed_call','sales_lead','service_promise','other')),
        window_start INTEGER NOT NULL, window_end INTEGER NOT NULL, time_zone TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 2,
        assignee_agent_id TEXT REFERENCES agents(id), assignee_team_id TEXT REFERENCES teams(id),
        status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','done','failed','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        complaint_id TEXT REFERENCES complaints(id), promise_id TEXT REFERENCES service_promises(id),
        interaction_id TEXT REFERENCES interactions(id), note TEXT,
        reminded_at INTEGER, snoozed_until INTEGER, escalated_at INTEGER,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX callbacks_due ON callbacks(status, window_start);
      CREATE INDEX callbacks_assignee ON callbacks(assignee_agent_id, status, window_start);
      CREATE INDEX callbacks_customer ON callbacks(customer_id);
      CREATE TABLE callback_attempts (
        id TEXT PRIMARY KEY, callback_id TEXT NOT NULL REFERENCES callbacks(id),
        agent_id TEXT REFERENCES agents(id), at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('reached','no_answer','busy','voicemail','wrong_number')),
        note TEXT, updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX callback_attempts_callback ON callback_attempts(callback_id);

      CREATE TABLE surveys (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id),
        interaction_id TEXT REFERENCES interactions(id), complaint_id TEXT REFERENCES complaints(id),
        csat INTEGER CHECK (csat BETWEEN 1 AND 5), nps INTEGER CHECK (nps BETWEEN 0 AND 10), comment TEXT,
        answered_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE INDEX surveys_customer ON surveys(customer_id);

      -- Every local change, in order, for the sync hub. seq is this seat's monotonic sequence
      -- (AUTOINCREMENT: never reused, even after the outbox is trimmed).
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
        fields TEXT NOT NULL, hlc TEXT NOT NULL, at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY, at INTEGER NOT NULL, actor_agent_id TEXT,
        action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, at);
    `);
  },
};
