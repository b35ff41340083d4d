-- 0008 foi (SQLite): on-request disclosure (依申请公开) — cases, their append-only event logs,
-- remedies (行政复议/行政诉讼), reminders sent, and in-site notifications. Kept column-for-column
-- identical to postgres/0008_foi.sql. Legal dates are TEXT 'YYYY-MM-DD'; moments BIGINT microseconds.
-- The reply clock is NOT stored: it is computed from the events and the calendar.

CREATE TABLE foi_cases (
  id                 INTEGER PRIMARY KEY,
  tracking_number    TEXT NOT NULL UNIQUE,
  query_code_hash    TEXT NOT NULL DEFAULT '',   -- hex BLAKE2b of "<tracking>:<code>"; '' for imported cases
  department_id      BIGINT NOT NULL REFERENCES departments (id),
  applicant_type     TEXT NOT NULL CHECK (applicant_type IN ('natural_person', 'commercial_enterprise',
                       'research_institution', 'social_welfare_organization', 'legal_service_institution',
                       'other_organization')),
  applicant_name     TEXT NOT NULL DEFAULT '',
  id_kind            TEXT NOT NULL CHECK (id_kind IN ('resident_id', 'credit_code', 'other')),
  id_number          TEXT NOT NULL DEFAULT '',
  phone              TEXT NOT NULL DEFAULT '',
  email              TEXT NOT NULL DEFAULT '',
  address            TEXT NOT NULL DEFAULT '',
  contact            TEXT NOT NULL DEFAULT '',
  description        TEXT NOT NULL DEFAULT '',
  title              TEXT NOT NULL DEFAULT '',
  doc_number         TEXT NOT NULL DEFAULT '',
  provision_form     TEXT NOT NULL CHECK (provision_form IN ('paper', 'email', 'disc', 'collect', 'inspect')),
  delivery           TEXT NOT NULL CHECK (delivery IN ('post', 'email', 'collect', 'online')),
  channel            TEXT NOT NULL CHECK (channel IN ('in_person', 'post_signed', 'post_unsigned', 'online', 'fax', 'email')),
  submitted_on       TEXT NULL,
  signed_on          TEXT NULL,
  confirmed_on       TEXT NULL,
  received_on        TEXT NOT NULL,              -- 条例 Art. 31, derived from the channel and the dates above
  state              TEXT NOT NULL CHECK (state IN ('open', 'awaiting_supplement', 'awaiting_fee', 'drafted',
                       'reviewed', 'approved', 'closed')),
  outcome            TEXT NULL,                  -- annual-report leaf row key (foi/outcome.h) once closed
  closed_on          TEXT NULL,
  fee_method         TEXT NULL CHECK (fee_method IN ('per_request', 'per_page')),
  transferred_to     TEXT NOT NULL DEFAULT '',
  public_account_id  BIGINT NULL REFERENCES public_accounts (id),
  source_id          TEXT NULL UNIQUE,           -- id in an imported history; makes `foi import` idempotent
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL,
  CHECK ((state = 'closed') = (outcome IS NOT NULL AND closed_on IS NOT NULL))
);
-- Annual report: cases of a department received / closed in a period, by applicant type × outcome.
CREATE INDEX idx_foi_cases_received ON foi_cases (department_id, received_on, closed_on, outcome, applicant_type);
CREATE INDEX idx_foi_cases_closed ON foi_cases (department_id, closed_on, received_on, outcome, applicant_type);
-- Queues: open cases of a department.
CREATE INDEX idx_foi_cases_state ON foi_cases (state, department_id);
CREATE INDEX idx_foi_cases_id_number ON foi_cases (id_number, received_on);
CREATE INDEX idx_foi_cases_public_account ON foi_cases (public_account_id);

-- The append-only log of each case: never updated or deleted.
CREATE TABLE foi_case_events (
  id           INTEGER PRIMARY KEY,
  case_id      BIGINT NOT NULL REFERENCES foi_cases (id),
  seq          INTEGER NOT NULL,
  type         TEXT NOT NULL,
  event_date   TEXT NOT NULL,                   -- the legal date
  recorded_at  BIGINT NOT NULL,
  actor        TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  data         TEXT NOT NULL DEFAULT '{}',      -- small JSON object (foi/case_event.h: EventData)
  UNIQUE (case_id, seq)
);

CREATE TRIGGER foi_case_events_no_update BEFORE UPDATE ON foi_case_events
BEGIN
  SELECT RAISE(ABORT, 'foi_case_events is append-only');
END;

CREATE TRIGGER foi_case_events_no_delete BEFORE DELETE ON foi_case_events
BEGIN
  SELECT RAISE(ABORT, 'foi_case_events is append-only');
END;

CREATE TABLE foi_remedies (
  id          INTEGER PRIMARY KEY,
  case_id     BIGINT NOT NULL REFERENCES foi_cases (id),
  kind        TEXT NOT NULL CHECK (kind IN ('reconsideration', 'litigation_direct', 'litigation_after_reconsideration')),
  filed_on    TEXT NOT NULL,
  decided_on  TEXT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('upheld', 'corrected', 'other', 'pending')),
  note        TEXT NOT NULL DEFAULT '',
  source_id   TEXT NULL UNIQUE,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX idx_foi_remedies_case ON foi_remedies (case_id);
CREATE INDEX idx_foi_remedies_filed ON foi_remedies (filed_on, decided_on);

-- Reminders already sent: one per case, threshold ('5', '3', '1', 'overdue') and due date.
CREATE TABLE foi_reminders (
  case_id    BIGINT NOT NULL REFERENCES foi_cases (id),
  threshold  TEXT NOT NULL,
  due_on     TEXT NOT NULL,
  sent_at    BIGINT NOT NULL,
  PRIMARY KEY (case_id, threshold, due_on)
);

-- In-site notifications for a department's FOI staff.
CREATE TABLE foi_notifications (
  id             INTEGER PRIMARY KEY,
  department_id  BIGINT NOT NULL REFERENCES departments (id),
  case_id        BIGINT NULL REFERENCES foi_cases (id),
  kind           TEXT NOT NULL,
  message        TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  read_at        BIGINT NULL
);
CREATE INDEX idx_foi_notifications_department ON foi_notifications (department_id, created_at);
