#include "fts5_peer.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <unordered_map>
#include <variant>

namespace gk::bench {
namespace {

constexpr int kRowsPerTransaction = 10000;

// SQLite keeps allocation statistics behind one process-wide mutex unless told not to; two
// searching threads then serialise on every malloc. The application would turn it off, so the
// peer does too (before the library initialises, i.e. before the first open).
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Error sqlite_error(sqlite3* db, std::string_view what) {
  return Error::internal(std::string(what) + ": " + sqlite3_errmsg(db));
}

// An FTS5 string: double quotes, embedded quotes doubled.
std::string fts5_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

struct Part {
  std::string_view text;
  bool quoted = false;
};

// Splits the raw query into quoted ("…", “…”) and unquoted parts; an unclosed quote is plain text.
std::vector<Part> split_quotes(std::string_view q) {
  std::vector<Part> parts;
  size_t start = 0, i = 0;
  while (i < q.size()) {
    std::string_view open, close;
    if (q[i] == '"') {
      open = "\"", close = "\"";
    } else if (q.substr(i).starts_with("“")) {
      open = "“", close = "”";
    }
    if (open.empty()) {
      ++i;
      continue;
    }
    const size_t body = i + open.size();
    const size_t end = q.find(close, body);
    if (end == std::string_view::npos) break;
    parts.push_back({q.substr(start, i - start), false});
    parts.push_back({q.substr(body, end - body), true});
    i = start = end + close.size();
  }
  parts.push_back({q.substr(start), false});
  return parts;
}

}  // namespace

std::string fts5_match(const search::TextAnalyzer& analyzer, std::string_view q, bool any) {
  std::vector<std::string> terms;
  std::set<std::string> seen;
  std::vector<search::Word> words;
  for (const Part& p : split_quotes(q)) {
    const std::string normalized = analyzer.normalize(p.text);
    analyzer.words(normalized, p.quoted ? text::SegmentMode::kSearch : text::SegmentMode::kDefault, words);
    if (words.empty()) continue;
    if (p.quoted) {
      std::string phrase;
      for (const auto& w : words) {
        if (!phrase.empty()) phrase += ' ';
        phrase += w.text;
      }
      if (seen.insert("\x01" + phrase).second) terms.push_back(fts5_string(phrase));
    } else {
      for (const auto& w : words) {
        if (seen.insert(std::string(w.text)).second) terms.push_back(fts5_string(w.text));
      }
    }
  }
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += any ? " OR " : " ";
    out += t;
  }
  return out;
}

// ---- writer ------------------------------------------------------------------------------------

Result<std::unique_ptr<Fts5Writer>> Fts5Writer::create(const std::string& path, const search::TextAnalyzer& analyzer) {
  configure_sqlite_once();
  std::error_code ec;
  std::filesystem::remove(path, ec);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    Error e = sqlite_error(db, "open " + path);
    sqlite3_close(db);
    return fail(e);
  }
  std::unique_ptr<Fts5Writer> w(new Fts5Writer(db, analyzer));
  GK_TRY_STATUS(w->exec(
      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
      "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61');"
      "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, key TEXT NOT NULL, kind TEXT, dept TEXT, year INTEGER,"
      " validity TEXT, topic TEXT, genre TEXT, date TEXT, doc_number TEXT, title TEXT, url TEXT);"
      "BEGIN"));
  if (sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, body) VALUES(?1, ?2, ?3)", -1, &w->insert_fts_, nullptr) !=
          SQLITE_OK ||
      sqlite3_prepare_v2(db,
                         "INSERT INTO meta(rowid, key, kind, dept, year, validity, topic, genre, date, doc_number,"
                         " title, url) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                         -1, &w->insert_meta_, nullptr) != SQLITE_OK) {
    return fail(sqlite_error(db, "prepare insert"));
  }
  return w;
}

Fts5Writer::~Fts5Writer() {
  sqlite3_finalize(insert_fts_);
  sqlite3_finalize(insert_meta_);
  sqlite3_close(db_);
}

Status Fts5Writer::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    Error e = Error::internal(std::string("sqlite: ") + (msg ? msg : "?"));
    sqlite3_free(msg);
    return fail(e);
  }
  return ok();
}

std::string Fts5Writer::joined_words(std::string_view text) {
  const std::string normalized = analyzer_.normalize(text);
  analyzer_.words(normalized, text::SegmentMode::kSearch, words_);
  std::string out;
  out.reserve(normalized.size() + words_.size() * 2);
  for (const auto& w : words_) {
    if (!out.empty()) out += ' ';
    out += w.text;
  }
  return out;
}

Status Fts5Writer::add(const search::SearchRecord& r) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string title = joined_words(r.title);
  const std::string body = joined_words(r.body);
  analysis_seconds_ += seconds_since(t0);
  ++rowid_;
  sqlite3_bind_int64(insert_fts_, 1, rowid_);
  sqlite3_bind_text(insert_fts_, 2, title.data(), static_cast<int>(title.size()), SQLITE_STATIC);
  sqlite3_bind_text(insert_fts_, 3, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
  if (sqlite3_step(insert_fts_) != SQLITE_DONE) return fail(sqlite_error(db_, "insert fts"));
  sqlite3_reset(insert_fts_);
  const std::string date = r.date ? r.date->to_string() : std::string();
  sqlite3_bind_int64(insert_meta_, 1, rowid_);
  const std::string* texts[] = {&r.id, &r.kind, &r.department_code};
  for (int i = 0; i < 3; ++i) {
    sqlite3_bind_text(insert_meta_, 2 + i, texts[i]->data(), static_cast<int>(texts[i]->size()), SQLITE_STATIC);
  }
  if (r.date) {
    sqlite3_bind_int(insert_meta_, 5, r.date->year());
  } else {
    sqlite3_bind_null(insert_meta_, 5);
  }
  const std::string* more[] = {&r.validity, &r.topic, &r.genre, &date, &r.doc_number, &r.title, &r.url};
  for (int i = 0; i < 7; ++i) {
    sqlite3_bind_text(insert_meta_, 6 + i, more[i]->data(), static_cast<int>(more[i]->size()), SQLITE_STATIC);
  }
  if (sqlite3_step(insert_meta_) != SQLITE_DONE) return fail(sqlite_error(db_, "insert meta"));
  sqlite3_reset(insert_meta_);
  if (++in_batch_ == kRowsPerTransaction) {
    in_batch_ = 0;
    GK_TRY_STATUS(exec("COMMIT; BEGIN"));
  }
  return ok();
}

Status Fts5Writer::finish() {
  GK_TRY_STATUS(exec("COMMIT"));
  return exec("INSERT INTO t(t) VALUES('optimize')");
}

// ---- searcher ----------------------------------------------------------------------------------

Result<std::unique_ptr<Fts5Searcher>> Fts5Searcher::open(const std::string& path,
                                                         const search::TextAnalyzer& analyzer) {
  configure_sqlite_once();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    Error e = sqlite_error(db, "open " + path);
    sqlite3_close(db);
    return fail(e);
  }
  // The OS page cache holds the database either way; mmap saves the copy into SQLite's own cache.
  sqlite3_exec(db, "PRAGMA mmap_size=17179869184; PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
  return std::unique_ptr<Fts5Searcher>(new Fts5Searcher(db, analyzer));
}

Fts5Searcher::~Fts5Searcher() {
  for (auto& [sql, st] : statements_) sqlite3_finalize(st);
  sqlite3_close(db_);
}

Result<sqlite3_stmt*> Fts5Searcher::prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
    return fail(sqlite_error(db_, "prepare " + sql));
  }
  statements_.emplace(sql, st);
  return st;
}

Result<PeerResults> Fts5Searcher::search(const search::SearchQuery& query, PeerVariant variant, bool any) {
  PeerResults out;
  const std::string match = fts5_match(analyzer_, query.q, any);
  if (match.empty()) {
    out.total = 0;
    return out;
  }
  using Bind = std::variant<std::string, int>;
  std::vector<Bind> binds{match};
  std::string where = " WHERE t MATCH ?1";
  auto filter = [&](const char* column, const std::string& v) {
    if (v.empty()) return;
    binds.emplace_back(v);
    where += std::string(" AND m.") + column + " = ?" + std::to_string(binds.size());
  };
  filter("kind", query.type);
  filter("dept", query.department);
  filter("validity", query.validity);
  filter("topic", query.topic);
  filter("genre", query.genre);
  if (query.year) {
    binds.emplace_back(*query.year);
    where += " AND m.year = ?" + std::to_string(binds.size());
  }
  const bool by_date = query.sort == "date";
  const bool join = binds.size() > 1 || by_date;
  const std::string from = join ? " FROM t CROSS JOIN meta m ON m.rowid = t.rowid" : " FROM t";
  auto bind_all = [&](sqlite3_stmt* st) {
    for (size_t i = 0; i < binds.size(); ++i) {
      if (const auto* s = std::get_if<std::string>(&binds[i])) {
        sqlite3_bind_text(st, static_cast<int>(i + 1), s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      } else {
        sqlite3_bind_int(st, static_cast<int>(i + 1), std::get<int>(binds[i]));
      }
    }
  };

  // 1. The top hits: rowid and score only.
  const int limit = query.per_page;
  const int offset = (query.page - 1) * query.per_page;
  GK_TRY_ASSIGN(top, prepare("SELECT t.rowid, bm25(t, 10.0, 1.0) AS score" + from + where + " ORDER BY " +
                             (by_date ? "m.date DESC, score" : "score") + " LIMIT " + std::to_string(limit) +
                             " OFFSET " + std::to_string(offset)));
  bind_all(top);
  std::vector<int64_t> rowids;
  int rc;
  while ((rc = sqlite3_step(top)) == SQLITE_ROW) {
    rowids.push_back(sqlite3_column_int64(top, 0));
    PeerHit h;
    h.score = -sqlite3_column_double(top, 1);
    out.hits.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return fail(sqlite_error(db_, "top hits"));

  // 2. Display fields of those hits (and, for a page, the highlighted title and the snippet).
  GK_TRY_ASSIGN(meta, prepare("SELECT key, title FROM meta WHERE rowid = ?1"));
  for (size_t i = 0; i < rowids.size(); ++i) {
    sqlite3_reset(meta);
    sqlite3_bind_int64(meta, 1, rowids[i]);
    if (sqlite3_step(meta) == SQLITE_ROW) {
      out.hits[i].id = reinterpret_cast<const char*>(sqlite3_column_text(meta, 0));
      out.hits[i].title = reinterpret_cast<const char*>(sqlite3_column_text(meta, 1));
    }
  }
  if (variant == PeerVariant::kIdsOnly) return out;

  GK_TRY_ASSIGN(snip, prepare("SELECT highlight(t, 0, '<em>', '</em>'), snippet(t, 1, '<em>', '</em>', '…', 24)"
                              " FROM t WHERE t MATCH ?1 AND rowid = ?2"));
  for (size_t i = 0; i < rowids.size(); ++i) {
    sqlite3_reset(snip);
    sqlite3_bind_text(snip, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
    sqlite3_bind_int64(snip, 2, rowids[i]);
    if (sqlite3_step(snip) == SQLITE_ROW) {
      out.hits[i].title_html = reinterpret_cast<const char*>(sqlite3_column_text(snip, 0));
      out.hits[i].snippet_html = reinterpret_cast<const char*>(sqlite3_column_text(snip, 1));
    }
  }

  if (variant == PeerVariant::kNoFacets) return out;

  // 3. Facet counts over the first kExactCountLimit matches (as ours does), then the exact total:
  // the count of the scan when it ended early, else a count(*) over every match.
  GK_TRY_ASSIGN(facets, prepare("SELECT m.kind, m.dept, m.year, m.validity, m.topic, m.genre FROM t CROSS JOIN meta m"
                                " ON m.rowid = t.rowid" + where + " LIMIT " +
                                std::to_string(search::kExactCountLimit)));
  bind_all(facets);
  static constexpr const char* kNames[] = {"type", "department", "year", "validity", "topic", "genre"};
  std::unordered_map<std::string, int64_t> counts[6];
  int64_t total = 0;
  while ((rc = sqlite3_step(facets)) == SQLITE_ROW) {
    ++total;
    for (int c = 0; c < 6; ++c) {
      const auto* v = reinterpret_cast<const char*>(sqlite3_column_text(facets, c));
      if (v && *v) ++counts[c][v];
    }
  }
  if (rc != SQLITE_DONE) return fail(sqlite_error(db_, "facets"));
  if (total == search::kExactCountLimit) {
    GK_TRY_ASSIGN(count, prepare("SELECT count(*)" + from + where));
    bind_all(count);
    if (sqlite3_step(count) != SQLITE_ROW) return fail(sqlite_error(db_, "count"));
    total = sqlite3_column_int64(count, 0);
  }
  out.total = total;
  for (int c = 0; c < 6; ++c) out.facets[kNames[c]] = std::map<std::string, int64_t>(counts[c].begin(), counts[c].end());
  return out;
}

}  // namespace gk::bench
