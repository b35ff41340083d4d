// DocumentService: the document library's use cases — drafting, the publishing workflow, relations
// between documents, public reading (with validity derived on the fly), versions and diffs, and the
// import of existing corpora. Every state change writes the document, a version snapshot where the
// content changed, and one audit row in one transaction. Permission checks happen here.
// Thread-safe when the store is (the SQL store takes a pooled connection per unit of work).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "documents/attachment.h"
#include "documents/column.h"
#include "documents/document.h"
#include "documents/document_store.h"
#include "documents/file_store.h"
#include "documents/relation.h"
#include "documents/validity.h"
#include "documents/workflow.h"

namespace gk::documents {

// What an editor fills in. Dates as typed ("YYYY-MM-DD" or empty); the service validates them.
struct DocumentDraft {
  std::string title;
  std::string doc_number;                 // raw 文号 as typed; empty for none
  std::vector<std::string> issuers;       // 发布机构; empty → the department's name
  std::string written_on, effective_on, expires_on, formed_on;
  std::string topic = "other";
  std::string genre = "other";
  std::string mode = "proactive";
  std::string withheld_reason;
  bool normative = false;
  std::string unified_number;
  std::string summary;
  std::string body_html;
  std::vector<ColumnId> columns;
  std::vector<std::pair<RelationKind, DocumentId>> relations;  // this document amends/repeals/… target
};

// A finding of a pre-publish check. Blocking findings stop publication; warnings are shown.
struct CheckFinding {
  bool blocking = false;
  std::string check;    // e.g. "metadata", "timeliness", later "personal_data", "wording"
  std::string message;  // Chinese, for the reviewer
};

// Later modules (personal-data and wording scanners) plug in here.
using PrePublishCheck = std::function<std::vector<CheckFinding>(const Document&)>;

struct DocumentView {
  Document document;
  ValidityState validity;
  std::string department_name;
  std::vector<Relation> outgoing;  // this document amends/repeals/… these
  std::vector<Relation> incoming;  // these amend/repeal/… this document
  std::vector<std::pair<DocumentId, std::string>> related_titles;  // titles of both directions' documents
};

struct DocumentQuery {
  std::optional<DepartmentId> department;
  std::optional<ColumnId> column;
  std::string topic, genre;
  std::optional<int> year;                 // publication year
  std::optional<bool> normative;
  std::optional<Validity> validity;        // filter on derived validity (today)
  std::string title_contains;
  std::string sort = "published_desc";     // published_desc | published_asc | title
  int page = 1;
  int per_page = 20;                       // 1..100
};

struct DocumentListItem {
  Document document;
  ValidityState validity;
  std::string department_name;
};

struct DocumentPage {
  std::vector<DocumentListItem> items;
  int64_t total = 0;
  int page = 1;
  int per_page = 20;
};

// One document of an imported corpus (e.g. gov_law_corpus.jsonl), already mapped to our fields.
struct ImportRecord {
  std::string source_key;        // stable id in the source; a second import skips it
  DocumentDraft draft;
  std::optional<Date> published_on;  // historical publication day; nullopt → imported as draft
  int line = 0;                  // for the report
  bool approximate_date = false; // the source gave only a year or month (completed with the 1st)
  // Relations to documents of the same or an earlier import, by their source keys.
  std::vector<std::pair<RelationKind, std::string>> relations;
};

// An attachment with its bytes, for a download.
struct AttachmentDownload {
  Attachment attachment;
  std::string bytes;
};

// Extracts plain text from a file of the (sniffed) `content_type`; "" when there is none or it
// failed (the extractor logs why). Must not throw.
using TextExtractor = std::function<std::string(std::string_view content_type, std::string_view bytes)>;

struct ImportBatchResult {
  int inserted = 0;
  int skipped_existing = 0;
  int versions_sharing_number = 0;  // later versions that repeated an earlier version's 文号
  std::vector<std::pair<int, std::string>> rejected;  // line, reason (validation failures)
};

class DocumentService {
 public:
  // `dept_code` names a department for index numbers; it is never called inside a transaction.
  DocumentService(DocumentStore& store, const Clock& clock, std::function<std::string(DepartmentId)> dept_code);

  void add_pre_publish_check(PrePublishCheck check) { checks_.push_back(std::move(check)); }

  [[nodiscard]] Result<DocumentId> create(const accounts::Principal& who, const DocumentDraft& draft,
                                          const RequestContext& ctx);
  [[nodiscard]] Status update(const accounts::Principal& who, DocumentId id, int expected_version,
                              const DocumentDraft& draft, const RequestContext& ctx);
  // submit, approve, return (comment required), withdraw (reason required), revise.
  [[nodiscard]] Status act(const accounts::Principal& who, DocumentId id, int expected_version,
                           WorkflowAction action, std::string comment, const RequestContext& ctx);
  // Publishes an approved document now or at `at` (a future instant schedules it). Blocking
  // pre-publish findings → FailedPrecondition listing them.
  [[nodiscard]] Status publish(const accounts::Principal& who, DocumentId id, int expected_version,
                               std::optional<Instant> at, const RequestContext& ctx);
  [[nodiscard]] Result<std::vector<CheckFinding>> check(const accounts::Principal& who, DocumentId id);

  // Staff view (any state, own department unless city-wide).
  [[nodiscard]] Result<DocumentView> get(const accounts::Principal& who, DocumentId id);
  // Public view: NotFound unless the document is public now.
  [[nodiscard]] Result<DocumentView> get_public(DocumentId id);
  [[nodiscard]] Result<DocumentPage> list_public(const DocumentQuery& q);
  [[nodiscard]] Result<DocumentPage> list_staff(const accounts::Principal& who, const DocumentQuery& q,
                                                std::optional<PublicationState> state);

  // ---- For the site-wide search index (document_search_source.h) ----
  // Every document that is or will become public (published, proactively disclosed — scheduled ones
  // included, the index hides them until their time), with its full text and today's derived
  // validity, in batches of up to `batch`, ordered by id. Stops at the first error of `sink`.
  [[nodiscard]] Status for_each_indexable(int batch, const std::function<Status(std::vector<DocumentListItem>&&)>& sink);
  // Document `id` in that form, or nullopt when it must not be in the index (draft, withdrawn,
  // not proactively disclosed, deleted).
  [[nodiscard]] Result<std::optional<DocumentListItem>> indexable(DocumentId id);
  // How many documents for_each_indexable() will consider (published ones).
  [[nodiscard]] Result<int64_t> count_indexable();

  [[nodiscard]] Result<std::vector<DocumentVersion>> versions(const accounts::Principal& who, DocumentId id);

  // Imports `records` into `department` in ONE transaction: a database failure leaves nothing of the
  // batch written. Records that fail validation are reported and skipped; existing source keys are
  // skipped (idempotent). One audit row per batch. Requires the system principal or an admin.
  [[nodiscard]] Result<ImportBatchResult> import_batch(const accounts::Principal& who, DepartmentId department,
                                                       const std::vector<ImportRecord>& records,
                                                       const RequestContext& ctx);
  // Links successive versions of the same title (older → newer) with kReplaces relations, so an
  // outdated version shows as superseded. Returns how many relations were added. Idempotent.
  [[nodiscard]] Result<int> link_versions_by_title(const accounts::Principal& who,
                                                   const std::vector<std::string>& source_keys,
                                                   const RequestContext& ctx);

  [[nodiscard]] Result<std::vector<Column>> columns(std::optional<DepartmentId> department);
  // The document imported under `source_key`, if any (for seeding facts onto imported documents).
  [[nodiscard]] Result<std::optional<DocumentId>> find_by_source_key(std::string_view source_key);
  // Creates the standard column tree for each department that lacks it. Idempotent.
  [[nodiscard]] Result<int> ensure_columns(const std::vector<DepartmentId>& departments, const RequestContext& ctx);

  // ---- Attachments (附件); implemented in document_attachments.cc ----
  // Wiring, done once by the composition root before serving. Without a file store the attachment
  // methods fail with FailedPrecondition; without an extractor attachments carry no text.
  void set_file_store(FileStore* files) { files_ = files; }
  void set_text_extractor(TextExtractor extract) { extract_ = std::move(extract); }
  void set_attachment_limits(AttachmentLimits limits) { attachment_limits_ = limits; }
  const AttachmentLimits& attachment_limits() const { return attachment_limits_; }

  // Adds `bytes`, uploaded as `file_name`, to document `id`. Only while the document may be edited
  // by `who` (editor of its department, state draft or returned: PermissionDenied /
  // FailedPrecondition otherwise). InvalidArgument on field "file" — nothing stored — for an empty,
  // oversize or disallowed/disguised file (content_type.h), an unusable name, more than
  // max_per_document attachments, or the same bytes already attached. The bytes
  // go to the file store first, then the row, a version note ("添加附件…", the document's version
  // is bumped) and the audit row in one transaction. Text extraction failure is not an error.
  [[nodiscard]] Result<Attachment> add_attachment(const accounts::Principal& who, DocumentId id,
                                                  std::string_view file_name, std::string_view bytes,
                                                  const RequestContext& ctx);
  // Removes an attachment of document `id` (same permission and states as adding; NotFound when the
  // attachment belongs to another document). Its bytes leave the file store once no attachment of
  // any document names them.
  [[nodiscard]] Status remove_attachment(const accounts::Principal& who, DocumentId id, AttachmentId attachment,
                                         const RequestContext& ctx);
  // Staff: the attachments of a document they may see (as get()); text not loaded.
  [[nodiscard]] Result<std::vector<Attachment>> attachments(const accounts::Principal& who, DocumentId id);
  // Public: the attachments of a document that is public now; NotFound otherwise. Text not loaded.
  [[nodiscard]] Result<std::vector<Attachment>> public_attachments(DocumentId id);
  // Public download: NotFound unless the document is public now and the attachment is its own.
  [[nodiscard]] Result<AttachmentDownload> attachment_for_download(DocumentId id, AttachmentId attachment);
  // Staff download, any state, with the same scope as get().
  [[nodiscard]] Result<AttachmentDownload> staff_attachment_download(const accounts::Principal& who, DocumentId id,
                                                                     AttachmentId attachment);

 private:
  Result<Document> build(const accounts::Principal& who, const DocumentDraft& d, Document base);
  Result<DocumentView> view_of(DocumentRepository& repo, Document doc);
  Result<DocumentPage> list(DocumentFilter f, const DocumentQuery& q);
  Status transition(const accounts::Principal& who, DocumentId id, int expected_version, WorkflowAction action,
                    std::string comment, std::optional<Instant> publish_at, const RequestContext& ctx);
  std::vector<CheckFinding> run_checks(const Document& doc) const;
  Status check_columns(DocumentRepository& repo, const Document& doc);
  Status add_relations(DocumentRepository& repo, DocumentId from,
                       const std::vector<std::pair<RelationKind, DocumentId>>& relations);
  // Turns a storage Conflict on a unique column into the field error an editor can act on.
  static Error explain_conflict(const Error& e);

  DocumentStore& store_;
  const Clock& clock_;
  std::function<std::string(DepartmentId)> dept_code_;
  std::vector<PrePublishCheck> checks_;
  FileStore* files_ = nullptr;
  TextExtractor extract_;
  AttachmentLimits attachment_limits_;
};

}  // namespace gk::documents
