-- 0007 search (SQLite): the staff-added search vocabulary (words the segmenter keeps whole, synonym
-- groups), and an index for reading the outbox by topic. The search index itself is derived data in
-- <data_dir>/search, not in the database.
CREATE TABLE search_vocabulary (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('word', 'synonyms')),
  text        TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  UNIQUE (kind, text)
);
