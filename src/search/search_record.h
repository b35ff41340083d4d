// SearchRecord: what one public object contributes to the site-wide index (一网可查).
//
// Every searchable kind — documents now; interpretations, FAQs, consultations, datasets, services
// and the FOI reading room later — maps its public objects to this one shape through a
// SearchSource, so the index, the facets and the result page know nothing of the kinds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace gk::search {

struct SearchRecord {
  std::string kind;              // object type, stable key: "document", later "faq", "reading_room" …
  std::string id;                // unique within kind, e.g. "123"
  std::string title;
  std::string body;              // plain text (no markup)
  std::string doc_number;        // 文号 as displayed, "" when none; matched exactly and by prefix
  std::vector<std::string> issuers;  // 发布机构
  std::string department_code;   // disclosing organ, e.g. "czj" ("" for city-wide objects)
  std::string department_name;   // e.g. 市财政局
  std::string genre;             // 文种 key (documents), "" otherwise
  std::string genre_label;
  std::string topic;             // 主题分类 key, "" when none
  std::string topic_label;
  std::string validity;          // validity_name (in_force, amended, repealed, expired, not_yet_in_force) or ""
  std::string validity_label;    // 有效 …
  bool in_force = true;          // ranked above superseded objects when false
  std::optional<Date> date;      // publication day (year facet, date sort)
  Instant visible_from;          // not shown before this instant (scheduled publication)
  std::string url;               // site-relative, e.g. /documents/123
};

}  // namespace gk::search
