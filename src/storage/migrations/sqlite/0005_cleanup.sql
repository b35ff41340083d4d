-- 0005 cleanup (SQLite): campaigns reviewing a department's 行政规范性文件 (规范性文件清理) and the
-- keep / amend / repeal decision on each document of a campaign's batch. Kept column-for-column
-- identical to postgres/0005_cleanup.sql.
-- The batch is fixed when the campaign starts: one cleanup_decisions row per document, with a NULL
-- action (and decider) until it is decided. Repeals take effect through document_relations rows
-- the published notice adds, so validity stays derived.

CREATE TABLE cleanup_campaigns (
  id                  INTEGER PRIMARY KEY,
  department_id       BIGINT NOT NULL REFERENCES departments (id),
  name                TEXT NOT NULL,
  started_on          TEXT NOT NULL,                                 -- 'YYYY-MM-DD'
  published_on        TEXT NULL,                                     -- set once, when the result is published
  notice_document_id  BIGINT NULL REFERENCES documents (id),         -- the notice publishing the result
  created_by          TEXT NOT NULL,
  created_at          BIGINT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  CHECK ((published_on IS NULL) = (notice_document_id IS NULL))
);
CREATE INDEX idx_cleanup_campaigns_department ON cleanup_campaigns (department_id, created_at);

CREATE TABLE cleanup_decisions (
  campaign_id  BIGINT NOT NULL REFERENCES cleanup_campaigns (id) ON DELETE CASCADE,
  document_id  BIGINT NOT NULL REFERENCES documents (id),
  action       TEXT NULL CHECK (action IS NULL OR action IN ('keep', 'amend', 'repeal')),  -- NULL: undecided
  reason       TEXT NOT NULL DEFAULT '',
  decided_by   TEXT NOT NULL DEFAULT '',
  decided_at   BIGINT NULL,
  PRIMARY KEY (campaign_id, document_id),
  CHECK (action IS NULL OR (reason <> '' AND decided_at IS NOT NULL))
);
CREATE INDEX idx_cleanup_decisions_document ON cleanup_decisions (document_id);
