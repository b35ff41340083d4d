-- 0004 plans, budgets and guides (SQLite): typed facts of documents that are plans (规划), budgets or
-- final accounts (预算/决算) or service guides (办事指南), one row per document beside its documents
-- row; and the uniqueness of city-wide topic columns. Kept column-for-column identical to
-- postgres/0004_plans_budgets_guides.sql. Moments are BIGINT microseconds UTC.

-- The city's plan system: each plan names the plan it derives from (its parent). The parent must be a
-- plan itself, hence the reference to plans, not to documents; cycles are refused by the service.
CREATE TABLE plans (
  document_id         BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  plan_type           TEXT NOT NULL CHECK (plan_type IN ('master', 'special', 'regional', 'spatial')),  -- 总体/专项/区域/空间
  level               TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  period_start_year   INTEGER NOT NULL CHECK (period_start_year BETWEEN 1949 AND 2100),
  period_end_year     INTEGER NOT NULL CHECK (period_end_year BETWEEN 1949 AND 2100),
  parent_document_id  BIGINT NULL REFERENCES plans (document_id),
  updated_at          BIGINT NOT NULL,
  CHECK (period_start_year <= period_end_year),
  CHECK (parent_document_id IS NULL OR parent_document_id <> document_id)
);
CREATE INDEX idx_plans_parent ON plans (parent_document_id);

-- 部门预算/决算 (预算法 第十四条): one report per department, fiscal year and kind.
CREATE TABLE budget_reports (
  document_id    BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  department_id  BIGINT NOT NULL REFERENCES departments (id),  -- whose budget (normally the document's department)
  fiscal_year    INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1949 AND 2100),
  kind           TEXT NOT NULL CHECK (kind IN ('budget', 'final_account')),
  updated_at     BIGINT NOT NULL,
  UNIQUE (department_id, fiscal_year, kind)
);
CREATE INDEX idx_budget_reports_year ON budget_reports (fiscal_year);

-- 办事指南: the eight required elements are NOT NULL and non-empty; three are optional.
CREATE TABLE service_guides (
  document_id  BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  item_name    TEXT NOT NULL CHECK (item_name <> ''),    -- 事项名称
  legal_basis  TEXT NOT NULL CHECK (legal_basis <> ''),  -- 设定依据
  conditions   TEXT NOT NULL CHECK (conditions <> ''),   -- 申请条件
  materials    TEXT NOT NULL CHECK (materials <> ''),    -- 办理材料
  location     TEXT NOT NULL CHECK (location <> ''),     -- 办理地点
  hours        TEXT NOT NULL CHECK (hours <> ''),        -- 办理时间
  phone        TEXT NOT NULL CHECK (phone <> ''),        -- 联系电话
  procedure    TEXT NOT NULL CHECK (procedure <> ''),    -- 办理流程
  online_url   TEXT NULL,                                -- 网上办理地址
  fee          TEXT NULL,                                -- 收费标准
  time_limit   TEXT NULL,                                -- 办理时限
  updated_at   BIGINT NOT NULL
);
CREATE INDEX idx_service_guides_item ON service_guides (item_name);

-- UNIQUE (department_id, key) of 0002 does not cover city-wide columns (NULL department_id values are
-- distinct): one topic column per key.
CREATE UNIQUE INDEX idx_columns_city_key ON columns (key) WHERE department_id IS NULL;
