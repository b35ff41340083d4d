// Search vocabulary (检索词库): the words the segmenter must keep whole and the synonym and
// abbreviation groups the search expands (发改局 ↔ 发展和改革局). Two layers: the shipped files in
// data/dict/ (gov.txt: jieba user-dictionary format; synonyms.txt: one group per line, members
// separated by spaces or commas) and the entries staff add in the back office, stored in the
// database with an audit row each. The effective vocabulary is the union.
//
// Changing the vocabulary affects queries at once (the composition root hands the new segmenter and
// synonym groups to SearchService); documents indexed earlier keep their terms until
// `gongkai search reindex` (the admin page says so).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "audit/audit_sink.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "text/segmenter.h"

namespace gk::search {

enum class VocabularyKind { kWord, kSynonyms };
std::string_view vocabulary_kind_name(VocabularyKind k);  // "word", "synonyms"

struct VocabularyEntry {
  int64_t id = 0;
  VocabularyKind kind = VocabularyKind::kWord;
  std::string text;         // kWord: the word; kSynonyms: the group, members separated by one space
  std::string created_by;   // actor string
  Instant created_at;
};

// Port: the staff-added entries. The storage layer implements it; add/remove run with their audit
// row in one transaction (`transact`).
class VocabularyRepository {
 public:
  virtual ~VocabularyRepository() = default;
  [[nodiscard]] virtual Result<std::vector<VocabularyEntry>> list() = 0;
  // Stores `e` stamped with the store's clock (e.created_at is ignored). Conflict when the same kind
  // and text exist.
  [[nodiscard]] virtual Result<int64_t> add(const VocabularyEntry& e) = 0;
  // NotFound when there is no such entry.
  [[nodiscard]] virtual Result<VocabularyEntry> remove(int64_t id) = 0;
};

class VocabularyStore {
 public:
  virtual ~VocabularyStore() = default;
  using Work = std::function<Status(VocabularyRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  [[nodiscard]] virtual Status read(const std::function<Status(VocabularyRepository&)>& work) = 0;
};

// The effective vocabulary, ready for the segmenter and the search service.
struct Vocabulary {
  std::vector<text::UserWord> words;
  std::vector<std::vector<std::string>> synonym_groups;
};

class VocabularyService {
 public:
  // `dict_dir` holds gov.txt and synonyms.txt (a missing file is an empty layer).
  VocabularyService(VocabularyStore& store, std::string dict_dir);

  // Called after every successful change with the new effective vocabulary.
  void on_change(std::function<void(const Vocabulary&)> listener) { listener_ = std::move(listener); }

  // Staff entries (any staff member may read; the admin page lists them).
  [[nodiscard]] Result<std::vector<VocabularyEntry>> entries(const accounts::Principal& who);
  // Adds a dictionary word (1–20 characters, no whitespace). Requires kManageSearch.
  [[nodiscard]] Result<int64_t> add_word(const accounts::Principal& who, std::string_view word,
                                         const RequestContext& ctx);
  // Adds a synonym group of 2–10 distinct terms (each 1–30 characters). Requires kManageSearch.
  [[nodiscard]] Result<int64_t> add_synonyms(const accounts::Principal& who, const std::vector<std::string>& terms,
                                             const RequestContext& ctx);
  [[nodiscard]] Status remove(const accounts::Principal& who, int64_t id, const RequestContext& ctx);

  // Shipped files + staff entries. InvalidArgument names a malformed shipped file line.
  [[nodiscard]] Result<Vocabulary> effective();

 private:
  [[nodiscard]] Status changed();
  VocabularyStore& store_;
  std::string dict_dir_;
  std::function<void(const Vocabulary&)> listener_;
};

// Parses synonyms.txt content: one group per line, members separated by spaces, commas or 、;
// '#' starts a comment. InvalidArgument names the line of a group with fewer than two members.
[[nodiscard]] Result<std::vector<std::vector<std::string>>> parse_synonyms(std::string_view content);

}  // namespace gk::search
