// Reading a JSON Lines corpus of documents (the fields of shared/corpus/gov_law_corpus.jsonl) into
// ImportRecords: the mapping from the source's fields to ours lives here, the import itself in
// DocumentService::import_batch. Pure functions; thread-safe.
#pragma once

#include <string>
#include <functional>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "documents/document_service.h"

namespace gk::app {

// Maps one JSON line. InvalidArgument (with the reason) for malformed JSON or missing id/title.
Result<documents::ImportRecord> import_record_from_json(std::string_view line, int line_number,
                                                        const std::vector<ColumnId>& columns_for_rules);

// Maps one line of data/seed/demo-documents.jsonl (our own demo format: key, department, title,
// doc_number, date, effective, expires, genre, topic, normative, unified_number, column, summary, body,
// relations [[kind, key]]). `column_id` resolves (department code, column key) to an id.
struct DemoRecord {
  std::string department;
  documents::ImportRecord record;
};
Result<DemoRecord> demo_record_from_json(std::string_view line, int line_number,
                                         const std::function<std::optional<ColumnId>(const std::string&, const std::string&)>& column_id);

// Plain text (paragraphs separated by newlines) → escaped HTML paragraphs.
std::string text_to_html(std::string_view text);

// 体裁 from the title's ending (…条例 → regulation, …办法 → measures, …通知 → notice, …).
std::string genre_from_title(std::string_view title);

}  // namespace gk::app
