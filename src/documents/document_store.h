// Ports of the documents module: the repository of documents, versions, relations, columns and
// index-number counters, and the store that runs a unit of work in one transaction with the audit
// sink. Implemented by src/storage (SqlDocumentStore).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_sink.h"
#include "core/error.h"
#include "documents/column.h"
#include "documents/document.h"
#include "documents/validity.h"

namespace gk::documents {

struct DocumentVersion {
  DocumentId document;
  int version = 0;
  std::string title;
  std::string body_html;
  std::string metadata;  // JSON snapshot of the other fields
  std::string changed_by;
  Instant changed_at;
  std::string note;      // the workflow action or comment that produced it
};

// Filters the repository evaluates in SQL. Validity is filtered by the service (it is derived).
struct DocumentFilter {
  std::optional<DepartmentId> department;
  std::optional<ColumnId> column;
  std::string topic, genre;
  std::optional<int> year;
  std::optional<bool> normative;
  std::optional<PublicationState> state;
  std::optional<Instant> public_at;   // only documents public at this instant (published, proactive, due)
  std::string title_contains;
  std::string sort = "published_desc";
  int64_t offset = 0;
  int64_t limit = 20;                  // <= 0: no limit
};

class DocumentRepository {
 public:
  virtual ~DocumentRepository() = default;

  // Conflict when the index number, 文号 (per issuer and year), 统一编号 or source key is taken.
  virtual Result<DocumentId> insert(const Document& d) = 0;
  // Optimistic on d.version (stale → Conflict); bumps the version; replaces the column links.
  virtual Status update(const Document& d) = 0;
  virtual Result<Document> find(DocumentId id) = 0;
  virtual Result<std::optional<Document>> find_by_source_key(std::string_view key) = 0;
  // The document holding this normalised 文号, if any.
  virtual Result<std::optional<DocumentId>> find_id_by_doc_number(std::string_view doc_number) = 0;
  virtual Result<std::vector<Document>> find_many(const std::vector<DocumentId>& ids) = 0;
  virtual Result<std::pair<std::vector<Document>, int64_t>> list(const DocumentFilter& f) = 0;  // items, total

  // Next serial of an index-number series (starts at 1); increments the counter.
  virtual Result<int64_t> next_serial(std::string_view series) = 0;

  virtual Status add_version(const DocumentVersion& v) = 0;
  virtual Result<std::vector<DocumentVersion>> versions(DocumentId id) = 0;

  virtual Status add_relation(const Relation& r, Instant at) = 0;  // Conflict on a duplicate
  virtual Result<std::vector<Relation>> relations_of(const std::vector<DocumentId>& ids) = 0;  // either end
  virtual Result<std::vector<Relation>> all_relations() = 0;
  // Validity facts of these documents (for relation partners, whatever their state).
  virtual Result<std::vector<ValidityFacts>> facts(const std::vector<DocumentId>& ids) = 0;
  // Ids of every document ever published (validity graph nodes).
  virtual Result<std::vector<DocumentId>> all_ids() = 0;

  virtual Result<std::vector<Column>> columns(std::optional<DepartmentId> department) = 0;
  virtual Result<ColumnId> insert_column(const Column& c) = 0;
};

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;
  using Work = std::function<Status(DocumentRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
};

}  // namespace gk::documents
