#include "storage/repos/sql_vocabulary_store.h"

#include "storage/repos/sql_audit_log.h"

namespace gk::storage {
namespace {

class SqlVocabularyRepository final : public search::VocabularyRepository {
 public:
  SqlVocabularyRepository(sql::Connection& c, const Clock& clock) : c_(c), clock_(clock) {}

  Result<std::vector<search::VocabularyEntry>> list() override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT id, kind, text, created_by, created_at FROM search_vocabulary ORDER BY id", {}));
    std::vector<search::VocabularyEntry> out;
    for (const auto& r : rs.rows) out.push_back(entry_from(r));
    return out;
  }

  Result<int64_t> add(const search::VocabularyEntry& e) override {
    GK_TRY_ASSIGN(existing, c_.query("SELECT 1 FROM search_vocabulary WHERE kind = ? AND text = ?",
                                     {std::string(search::vocabulary_kind_name(e.kind)), e.text}));
    if (!existing.rows.empty()) return fail(Error::conflict("词库中已有该条目"));
    GK_TRY_ASSIGN(rs, c_.query("INSERT INTO search_vocabulary (kind, text, created_by, created_at) "
                               "VALUES (?, ?, ?, ?) RETURNING id",
                               {std::string(search::vocabulary_kind_name(e.kind)), e.text, e.created_by,
                                clock_.now().micros()}));
    return rs.rows.at(0).get_int(0);
  }

  Result<search::VocabularyEntry> remove(int64_t id) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT id, kind, text, created_by, created_at FROM search_vocabulary WHERE id = ?", {id}));
    if (rs.rows.empty()) return fail(Error::not_found("词库中没有该条目"));
    auto entry = entry_from(rs.rows.at(0));
    GK_TRY_STATUS(c_.query("DELETE FROM search_vocabulary WHERE id = ?", {id}));
    return entry;
  }

 private:
  static search::VocabularyEntry entry_from(const sql::Row& r) {
    search::VocabularyEntry e;
    e.id = r.get_int(0);
    e.kind = r.get_text(1) == "synonyms" ? search::VocabularyKind::kSynonyms : search::VocabularyKind::kWord;
    e.text = r.get_text(2);
    e.created_by = r.get_text(3);
    e.created_at = Instant::from_micros(r.get_int(4));
    return e;
  }

  sql::Connection& c_;
  const Clock& clock_;
};

}  // namespace

Status SqlVocabularyStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlVocabularyRepository repo(c, clock_);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlVocabularyStore::read(const std::function<Status(search::VocabularyRepository&)>& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlVocabularyRepository repo(c, clock_);
    return work(repo);
  });
}

}  // namespace gk::storage
