// LawCorpus and DerivedCorpus: the benchmark documents, derived deterministically from
// ../shared/corpus/gov_law_corpus.jsonl (3,572 laws, regulations, judicial interpretations, reports).
//
// Units. Each law's body is split into lines; blank lines are dropped; a heading (第…编/章/节, or a
// line of at most 12 characters that is not an article and does not end in 。) is glued to the next
// line. Each remaining line is a unit (an article, or one 款 of an article, or a paragraph of a
// report) and carries the label of its article (第十二条, from the text) or, before the first article
// and in bodies without articles, 第K段 (its 1-based unit number).
//
// Documents. Pass (w, o) emits, law by law in file order, the windows of w consecutive units that
// start at units o, o+w, o+2w, … and end inside the law; passes run (1,0) (2,0) (2,1) (3,0) (3,1) (3,2)
// (4,0) … until the requested number of documents is reached. Windows never cross laws. Title:
// "<law title> <label of first unit>[至<label of last unit>]"; body: the units joined by "\n";
// metadata: the law's (see law_record()). The first 1,000,000 documents use passes (1,0)…(3,2) in full
// (994,014 documents) and the start of (4,0).
//
// Value types; not thread-safe to mutate, safe to read from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "search/search_record.h"

namespace gk::bench {

struct Law {
  std::string id, title, issuer, doc_number, date, status, level, category;
  std::vector<std::string> units;
  std::vector<std::string> labels;  // one per unit
  uint64_t body_bytes = 0;
};

// Reads gov_law_corpus.jsonl. InvalidArgument names the first malformed line.
[[nodiscard]] Result<std::vector<Law>> load_laws(const std::string& path);

// The stable department code of an issuing body ("org-" + 8 hex digits of its FNV-1a hash).
std::string department_code(std::string_view issuer_name);

// A record carrying `law`'s metadata (kind, 文号, issuer/department, genre, topic, validity, date)
// with the given id, title and body. kind: 司法解释 → "interpretation", 案例/其他 → "faq", everything
// else "document". genre: the 文种 at the end of the title (条例 → regulation, 规定 → provisions …).
// topic: first keyword of a fixed table found in the title (财政 → finance …; "other"). validity from
// status: 有效/长期/试行/暂行 → in_force, 已被修订… → amended, 已失效… → expired, missing/未知 → "".
search::SearchRecord law_record(const Law& law, std::string id, std::string title, std::string body);

class DerivedCorpus {
 public:
  explicit DerivedCorpus(const std::vector<Law>& laws) : laws_(laws) {}

  struct Stats {
    int64_t documents = 0;
    uint64_t text_bytes = 0;   // title + body bytes of the documents emitted
    std::string last_pass;     // "(w,o)" of the last pass used, "complete" or not
  };
  // Emits documents 1..limit (ids "1", "2", …) in order; stops early if `sink` returns false.
  Stats generate(int64_t limit, const std::function<bool(search::SearchRecord&&)>& sink) const;

 private:
  const std::vector<Law>& laws_;
};

}  // namespace gk::bench
