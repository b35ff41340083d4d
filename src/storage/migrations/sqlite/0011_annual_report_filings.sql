-- 0011 annual report filings (src/report/report_filing.h): one row per organ and year — the edited
-- text sections, the state (draft / submitted), the snapshot frozen at submission (JSON), and the
-- document that publishes it in the organ's 政府信息公开年报 column. Reminders of the deadlines of
-- 条例第四十九条, once per organ, year and threshold. submitted_by / updated_by are user ids without a
-- foreign key, as the actor strings of the other tables (the system principal has none). Identical
-- in both dialects.
CREATE TABLE annual_report_filings (
  department_id  BIGINT NOT NULL REFERENCES departments (id),
  year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  state          TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  overview       TEXT NOT NULL,
  problems       TEXT NOT NULL,
  other_matters  TEXT NOT NULL,
  snapshot       TEXT NOT NULL DEFAULT '',
  submitted_at   BIGINT NULL,
  submitted_by   BIGINT NULL,
  document_id    BIGINT NULL REFERENCES documents (id),
  version        INTEGER NOT NULL,
  updated_at     BIGINT NOT NULL,
  updated_by     BIGINT NULL,
  PRIMARY KEY (department_id, year)
);
CREATE INDEX idx_annual_report_filings_year ON annual_report_filings (year, department_id);

CREATE TABLE annual_report_reminders (
  department_id  BIGINT NOT NULL REFERENCES departments (id),
  year           INTEGER NOT NULL,
  threshold      TEXT NOT NULL,
  deadline       TEXT NOT NULL,
  message        TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  PRIMARY KEY (department_id, year, threshold)
);
CREATE INDEX idx_annual_report_reminders_created ON annual_report_reminders (department_id, created_at);
