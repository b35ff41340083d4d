// TopicService: city-wide topic columns (专题栏目, e.g. topic_epidemic 涉疫信息 — 《2021年东阳市政务公开
// 工作要点》一(五) 做好涉疫信息公开) that any department's documents may be put into (through the
// document's columns, DocumentService) and that can be featured on the portal home page. Creating and
// (un)featuring a topic is for admins and supervisors (公开办) and is audited. Thread-safe when the
// store is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/column.h"
#include "documents/document_store.h"

namespace gk::documents {

// What an admin typed. The key is stable (it is the topic's URL, /topics/{key}).
struct TopicDraft {
  std::string key;                // topic_ followed by 1–40 of a–z, 0–9, _
  std::string name;               // 1–30 characters, e.g. 涉疫信息
  std::string update_cycle_days;  // empty: no fixed cycle; else 1–3650
  bool featured = false;
};

// Checks a draft on its own: InvalidArgument with field errors (key, name, update_cycle_days).
[[nodiscard]] Result<Column> parse_topic(const TopicDraft& draft);

class TopicService {
 public:
  explicit TopicService(DocumentStore& store);

  // InvalidArgument for a bad draft or a key already used by another topic.
  [[nodiscard]] Result<ColumnId> create(const accounts::Principal& who, const TopicDraft& draft,
                                        const RequestContext& ctx);
  // Shows (true) or hides (false) the topic on the home page. NotFound for an unknown topic.
  [[nodiscard]] Status set_featured(const accounts::Principal& who, ColumnId id, bool featured,
                                    const RequestContext& ctx);

  // Public: every topic column, in order; the featured ones; one by key (NotFound).
  [[nodiscard]] Result<std::vector<Column>> list();
  [[nodiscard]] Result<std::vector<Column>> featured();
  [[nodiscard]] Result<Column> find(std::string_view key);

 private:
  DocumentStore& store_;
};

}  // namespace gk::documents
