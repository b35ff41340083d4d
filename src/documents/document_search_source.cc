#include "documents/document_search_source.h"

#include <charconv>

#include "documents/taxonomy.h"
#include "documents/validity.h"

namespace gk::documents {

search::SearchRecord DocumentSearchSource::record_of(const DocumentListItem& item,
                                                     const std::pair<std::string, std::string>& dept) {
  const Document& d = item.document;
  search::SearchRecord r;
  r.kind = "document";
  r.id = std::to_string(d.id.value);
  r.title = d.title;
  // The summary (内容概述) is searchable text too; it leads the body so snippets may start there.
  r.body = d.summary.empty() ? d.body_text : d.summary + "\n" + d.body_text;
  r.doc_number = d.doc_number.value_or("");
  r.issuers = d.issuers;
  r.department_code = dept.first;
  r.department_name = dept.second;
  r.genre = d.genre;
  r.genre_label = std::string(label_of(genres(), d.genre).value_or(""));
  r.topic = d.topic;
  r.topic_label = std::string(label_of(topics(), d.topic).value_or(""));
  r.validity = std::string(validity_name(item.validity.status));
  r.validity_label = std::string(validity_label(item.validity.status));
  r.in_force = is_in_force(item.validity.status);
  if (d.published_at) {
    r.date = d.published_at->local_date();
    r.visible_from = *d.published_at;
  }
  r.url = "/documents/" + r.id;
  return r;
}

Status DocumentSearchSource::for_each(const std::function<Status(std::vector<search::SearchRecord>&&)>& sink) {
  return documents_.for_each_indexable(500, [&](std::vector<DocumentListItem>&& items) -> Status {
    std::vector<search::SearchRecord> records;
    records.reserve(items.size());
    for (const auto& item : items) records.push_back(record_of(item, namer_(item.document.department)));
    return sink(std::move(records));
  });
}

Result<std::optional<search::SearchRecord>> DocumentSearchSource::get(std::string_view id) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || end != id.data() + id.size() || value <= 0) {
    return std::optional<search::SearchRecord>();  // not one of ours: nothing to index
  }
  GK_TRY_ASSIGN(item, documents_.indexable(DocumentId(value)));
  if (!item) return std::optional<search::SearchRecord>();
  return std::optional<search::SearchRecord>(record_of(*item, namer_(item->document.department)));
}

Result<int64_t> DocumentSearchSource::count() { return documents_.count_indexable(); }

}  // namespace gk::documents
