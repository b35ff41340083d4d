-- 0002 documents (SQLite): the document library, its versions and relations, the disclosure
-- columns, index-number counters. Kept column-for-column identical to postgres/0002_documents.sql.
-- Legal dates (成文/施行/失效/形成或变更) are TEXT 'YYYY-MM-DD' (they sort correctly); moments are
-- BIGINT microseconds UTC. Validity is NOT stored: it is derived from dates and relations.

CREATE TABLE columns (
  id                 INTEGER PRIMARY KEY,
  department_id      BIGINT NULL REFERENCES departments (id),  -- NULL: a city-wide topic column
  parent_id          BIGINT NULL REFERENCES columns (id),
  key                TEXT NOT NULL,        -- stable: guide, system, statutory, art20_01 … art20_15, annual_report, topic_…
  name               TEXT NOT NULL,
  update_cycle_days  INTEGER NULL,         -- expected update cycle; NULL = no fixed cycle
  sort_order         INTEGER NOT NULL DEFAULT 0,
  featured           INTEGER NOT NULL DEFAULT 0,  -- shown on the portal home page (e.g. 涉疫信息)
  created_at         BIGINT NOT NULL,
  UNIQUE (department_id, key)
);
CREATE INDEX idx_columns_parent ON columns (parent_id);

CREATE TABLE documents (
  id               INTEGER PRIMARY KEY,
  index_number     TEXT NOT NULL UNIQUE,   -- 索引号
  title            TEXT NOT NULL,
  doc_number       TEXT NULL,              -- 文号, normalised
  doc_number_key   TEXT NULL UNIQUE,       -- issuer|year|serial: one 文号 per issuer and year
  issuers          TEXT NOT NULL DEFAULT '',  -- 发布机构, '；'-separated, in order
  department_id    BIGINT NOT NULL REFERENCES departments (id),
  written_on       TEXT NULL,              -- 成文日期
  effective_on     TEXT NULL,              -- 施行日期
  expires_on       TEXT NULL,              -- 失效日期
  formed_on        TEXT NOT NULL,          -- 形成或者变更之日 (条例 Art. 26)
  published_at     BIGINT NULL,            -- 发布 (may lie in the future: scheduled)
  topic            TEXT NOT NULL DEFAULT 'other',
  genre            TEXT NOT NULL DEFAULT 'other',
  disclosure_mode  TEXT NOT NULL DEFAULT 'proactive' CHECK (disclosure_mode IN ('proactive', 'on_request', 'not_disclosed')),
  withheld_reason  TEXT NOT NULL DEFAULT '',
  normative        INTEGER NOT NULL DEFAULT 0,  -- 行政规范性文件
  unified_number   TEXT NULL UNIQUE,       -- 统一编号 of a normative document
  summary          TEXT NOT NULL DEFAULT '',
  body_html        TEXT NOT NULL DEFAULT '',
  body_text        TEXT NOT NULL DEFAULT '',
  state            TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'published', 'withdrawn')),
  review_comment   TEXT NOT NULL DEFAULT '',
  source_key       TEXT NULL UNIQUE,       -- id in an imported corpus; makes imports idempotent
  created_by       TEXT NOT NULL DEFAULT '',
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX idx_documents_department ON documents (department_id, state);
CREATE INDEX idx_documents_published ON documents (state, published_at);
CREATE INDEX idx_documents_effective ON documents (effective_on);

CREATE TABLE document_columns (
  document_id  BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  column_id    BIGINT NOT NULL REFERENCES columns (id),
  PRIMARY KEY (document_id, column_id)
);
CREATE INDEX idx_document_columns_column ON document_columns (column_id);

CREATE TABLE document_versions (
  id           INTEGER PRIMARY KEY,
  document_id  BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  title        TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  metadata     TEXT NOT NULL,             -- JSON snapshot of the other fields
  changed_by   TEXT NOT NULL,
  changed_at   BIGINT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  UNIQUE (document_id, version)
);

CREATE TABLE document_relations (
  id          INTEGER PRIMARY KEY,
  from_id     BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('amends', 'repeals', 'replaces', 'implements', 'interprets')),
  to_id       BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  created_at  BIGINT NOT NULL,
  UNIQUE (from_id, kind, to_id)
);
CREATE INDEX idx_document_relations_to ON document_relations (to_id);

CREATE TABLE index_counters (
  series       TEXT PRIMARY KEY,          -- the index-number pattern formatted without its serial
  next_serial  BIGINT NOT NULL
);
