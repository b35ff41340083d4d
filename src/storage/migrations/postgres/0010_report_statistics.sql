-- 0010 report statistics: the figures of the annual report's section 二 that departments upload
-- (第二十条第（五）（六）（八）项; src/report/statistics.h). One row per department and year; fees in
-- whole yuan (the report shows 万元). Identical in both dialects.
CREATE TABLE report_statistics (
  department_id         BIGINT NOT NULL REFERENCES departments (id),
  year                  INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  licensing_decisions   BIGINT NOT NULL CHECK (licensing_decisions >= 0),
  penalties             BIGINT NOT NULL CHECK (penalties >= 0),
  enforcement_measures  BIGINT NOT NULL CHECK (enforcement_measures >= 0),
  fees_yuan             BIGINT NOT NULL CHECK (fees_yuan >= 0),
  updated_at            BIGINT NOT NULL,
  PRIMARY KEY (department_id, year)
);
CREATE INDEX idx_report_statistics_year ON report_statistics (year, department_id);
