-- 0003 attachments (SQLite): files attached to documents. Kept column-for-column identical to
-- postgres/0003_attachments.sql. The bytes live in the file store (<data_dir>/files by default),
-- named by storage_key (the SHA-256 of the bytes, so identical files are stored once); this table
-- holds what the site shows and searches. Moments are BIGINT microseconds UTC.

CREATE TABLE attachments (
  id              INTEGER PRIMARY KEY,
  document_id     BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  file_name       TEXT NOT NULL,             -- original name, UTF-8, sanitised (no path, no control characters)
  content_type    TEXT NOT NULL,             -- recognised from the bytes, not from the name
  size_bytes      BIGINT NOT NULL CHECK (size_bytes >= 0),
  sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
  storage_key     TEXT NOT NULL,
  extracted_text  TEXT NOT NULL DEFAULT '',  -- for search and the pre-publish scanners
  uploaded_at     BIGINT NOT NULL,
  uploaded_by     TEXT NOT NULL,
  UNIQUE (document_id, sha256)               -- one document never holds the same bytes twice
);
CREATE INDEX idx_attachments_storage_key ON attachments (storage_key);
