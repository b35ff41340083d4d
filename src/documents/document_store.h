// Ports of the documents module: the repository of documents, versions, relations, columns and
// index-number counters, and the store that runs a unit of work in one transaction with the audit
// sink. Implemented by src/storage (SqlDocumentStore).
// The repository also holds the typed facts of plans, budget reports and service guides (document_facts.h).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_sink.h"
#include "core/error.h"
#include "documents/attachment.h"
#include "documents/budget_report.h"
#include "documents/column.h"
#include "documents/document.h"
#include "documents/document_facts.h"
#include "documents/plan.h"
#include "documents/service_guide.h"
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
  std::optional<DocumentId> after_id;  // only ids greater than this (keyset paging with sort id_asc)
  std::string sort = "published_desc";  // published_desc | published_asc | title | updated_desc | id_asc
  int64_t offset = 0;
  int64_t limit = 20;                  // <= 0: no limit
};

// Filters for the lists of typed facts (document_facts.h). public_at: only documents public then.
struct BudgetReportFilter {
  std::optional<DepartmentId> department;
  int from_year = 0;
  int to_year = 9999;
  std::optional<Instant> public_at;
};

struct GuideFilter {
  std::optional<DepartmentId> department;
  std::string item_contains;            // in 事项名称
  std::optional<Instant> public_at;
  int64_t offset = 0;
  int64_t limit = 20;                   // <= 0: no limit
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
  // Items (without body_html; body_text cut to its first 300 characters) and the total count.
  virtual Result<std::pair<std::vector<Document>, int64_t>> list(const DocumentFilter& f) = 0;

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

  // City-wide columns (no department): the topic columns, e.g. topic_epidemic 涉疫信息.
  virtual Result<std::vector<Column>> city_columns() = 0;
  virtual Status set_column_featured(ColumnId id, bool featured) = 0;  // NotFound when absent

  // Typed facts of documents (document_facts.h). put_* inserts or replaces the row of the document;
  // delete_* is a no-op when there is none. Lists order by document id unless stated.
  // The heading of one document without loading its body; nullopt when there is none.
  virtual Result<std::optional<DocumentHeading>> find_heading(DocumentId id) = 0;
  virtual Result<std::optional<PlanFacts>> find_plan(DocumentId id) = 0;
  virtual Status put_plan(const PlanFacts& p, Instant at) = 0;
  // Conflict while other plans name it as their parent.
  virtual Status delete_plan(DocumentId id) = 0;
  virtual Result<std::vector<std::pair<PlanFacts, DocumentHeading>>> list_plans(std::optional<Instant> public_at) = 0;

  virtual Result<std::optional<BudgetReport>> find_budget_report(DocumentId id) = 0;
  // The document holding the report of this department, year and kind, if any.
  virtual Result<std::optional<DocumentId>> find_budget_report_document(DepartmentId department, int fiscal_year,
                                                                        BudgetKind kind) = 0;
  // Conflict when another document holds the report of the same department, year and kind.
  virtual Status put_budget_report(const BudgetReport& r, Instant at) = 0;
  virtual Status delete_budget_report(DocumentId id) = 0;
  virtual Result<std::vector<std::pair<BudgetReport, DocumentHeading>>> list_budget_reports(
      const BudgetReportFilter& f) = 0;

  virtual Result<std::optional<ServiceGuide>> find_service_guide(DocumentId id) = 0;
  virtual Status put_service_guide(const ServiceGuide& g, Instant at) = 0;
  virtual Status delete_service_guide(DocumentId id) = 0;
  // Items ordered by 事项名称, then id; and the total without paging.
  virtual Result<std::pair<std::vector<std::pair<ServiceGuide, DocumentHeading>>, int64_t>> list_service_guides(
      const GuideFilter& f) = 0;

  // Attachments (table attachments). Conflict when the document already holds the same bytes
  // (document, sha256); a missing document is a Conflict too (foreign key).
  virtual Result<AttachmentId> insert_attachment(const Attachment& a) = 0;
  // The document's attachments in upload order, WITHOUT their extracted text (left empty).
  virtual Result<std::vector<Attachment>> attachments(DocumentId document) = 0;
  // One attachment with its text; NotFound when there is none.
  virtual Result<Attachment> find_attachment(AttachmentId id) = 0;
  // NotFound when there is none.
  virtual Status delete_attachment(AttachmentId id) = 0;
  // How many attachments (of any document) name this storage key.
  virtual Result<int64_t> count_storage_key(std::string_view storage_key) = 0;
};

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;
  using Work = std::function<Status(DocumentRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  // For work that only reads: may run without taking the write lock. Defaults to transact().
  [[nodiscard]] virtual Status read(const Work& work) { return transact(work); }
};

}  // namespace gk::documents
