-- 0001 foundation (SQLite): organisation, accounts, sessions, audit chain, calendar, settings, outbox.
-- Kept column-for-column identical to postgres/0001_foundation.sql. Times are BIGINT microseconds
-- since the epoch (UTC); booleans are INTEGER 0/1; enum-like columns hold stable English names.

CREATE TABLE departments (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('government', 'office', 'department', 'township')),
  parent_id   BIGINT NULL REFERENCES departments (id),
  sort_order  INTEGER NOT NULL DEFAULT 0,
  created_at  BIGINT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  department_id  BIGINT NOT NULL REFERENCES departments (id),
  roles          TEXT NOT NULL DEFAULT '',  -- comma-separated stable role names
  active         INTEGER NOT NULL DEFAULT 1,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX idx_users_department_id ON users (department_id);

CREATE TABLE public_accounts (
  id             INTEGER PRIMARY KEY,
  email          TEXT UNIQUE,
  phone          TEXT UNIQUE,
  display_name   TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('citizen', 'firm')),
  password_hash  TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash         TEXT PRIMARY KEY,
  user_id            BIGINT NULL REFERENCES users (id) ON DELETE CASCADE,
  public_account_id  BIGINT NULL REFERENCES public_accounts (id) ON DELETE CASCADE,
  csrf_secret        TEXT NOT NULL,
  created_at         BIGINT NOT NULL,
  last_seen_at       BIGINT NOT NULL,
  expires_at         BIGINT NOT NULL,
  ip                 TEXT NOT NULL DEFAULT '',
  user_agent         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);
CREATE INDEX idx_sessions_user_id ON sessions (user_id);
CREATE INDEX idx_sessions_public_account_id ON sessions (public_account_id);

CREATE TABLE login_attempts (
  id       INTEGER PRIMARY KEY,
  subject  TEXT NOT NULL,
  at       BIGINT NOT NULL,
  success  INTEGER NOT NULL
);
CREATE INDEX idx_login_attempts_subject_at ON login_attempts (subject, at);

-- Hash-chained, append-only audit trail: hash = H(prev_hash || row), prev_hash = the previous row's hash.
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             BIGINT NOT NULL,
  actor          TEXT NOT NULL,
  department_id  BIGINT NULL,
  action         TEXT NOT NULL,
  target         TEXT NOT NULL DEFAULT '',
  summary        TEXT NOT NULL DEFAULT '',
  request_id     TEXT NOT NULL DEFAULT '',
  ip             TEXT NOT NULL DEFAULT '',
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The chain's head. Writers UPDATE it in the same transaction as their audit_log INSERT, which
-- serialises appends on both engines.
CREATE TABLE audit_head (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id    BIGINT NOT NULL,
  last_hash  TEXT NOT NULL
);
INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (1, 0, '');

CREATE TABLE calendar_days (
  day     TEXT PRIMARY KEY,  -- YYYY-MM-DD
  kind    TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name    TEXT NOT NULL,
  source  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY,
  topic         TEXT NOT NULL,
  payload       TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  processed_at  BIGINT NULL
);
CREATE INDEX idx_outbox_processed_at ON outbox (processed_at);
