-- 0009 foi reading room (SQLite): the 依申请公开阅览室 — information released in reply to a request,
-- published with personal data masked (foi/reading_room.h) — and conversions to proactive disclosure
-- (条例 Art. 44: several requests for the same information → a document draft in the library).
-- Kept column-for-column identical to postgres/0009_foi_reading_room.sql.

CREATE TABLE foi_reading_room (
  id               INTEGER PRIMARY KEY,
  case_id          BIGINT NOT NULL REFERENCES foi_cases (id),
  department_id    BIGINT NOT NULL REFERENCES departments (id),
  title            TEXT NOT NULL,               -- masked
  body             TEXT NOT NULL,               -- the released text, masked (plain text)
  outcome          TEXT NOT NULL CHECK (outcome IN ('disclosed', 'partially_disclosed')),
  replied_on       TEXT NOT NULL,               -- the case's closing (reply) date
  masked_count     INTEGER NOT NULL DEFAULT 0,  -- how many personal-data spans the masker replaced
  published_at     BIGINT NOT NULL,
  published_by     TEXT NOT NULL,
  withdrawn_at     BIGINT NULL,
  withdrawn_by     TEXT NOT NULL DEFAULT '',
  withdraw_reason  TEXT NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
-- At most one live (not withdrawn) entry per case; a withdrawn entry may be published again.
CREATE UNIQUE INDEX idx_foi_reading_room_live_case ON foi_reading_room (case_id) WHERE withdrawn_at IS NULL;
-- The public list: newest first.
CREATE INDEX idx_foi_reading_room_published ON foi_reading_room (published_at, id);

-- A conversion to proactive disclosure (Art. 44) and the requests it answers.
CREATE TABLE foi_conversions (
  id             INTEGER PRIMARY KEY,
  department_id  BIGINT NOT NULL REFERENCES departments (id),
  document_id    BIGINT NOT NULL REFERENCES documents (id),
  title          TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  created_at     BIGINT NOT NULL
);
CREATE INDEX idx_foi_conversions_department ON foi_conversions (department_id, created_at);

-- A case joins at most one conversion.
CREATE TABLE foi_conversion_cases (
  conversion_id  BIGINT NOT NULL REFERENCES foi_conversions (id),
  case_id        BIGINT NOT NULL REFERENCES foi_cases (id) UNIQUE,
  PRIMARY KEY (conversion_id, case_id)
);
