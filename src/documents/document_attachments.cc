// DocumentService: the attachment use cases (declared in document_service.h).
//
// Order of work in add_attachment, and why:
//   1. pure checks of the upload (name, size, type by content) — no I/O for a bad file;
//   2. a read-only unit of work: may `who` edit this document now, is there room, is it a duplicate —
//      so nothing is extracted or written for a request that will be refused;
//   3. text extraction and the write to the file store, OUTSIDE any transaction (they are slow, and a
//      transaction body may run more than once);
//   4. one transaction re-checking 2 and writing the row, a version note and the audit row.
// If 4 fails, the bytes are removed again unless some attachment already names them.
//
// Known window: removing the last attachment holding some bytes while another document uploads the
// very same bytes can, between the remover's reference count and its delete, leave the new row
// without its file. The download then fails loudly (Internal, logged); re-uploading repairs it.
#include <fmt/format.h>

#include "accounts/permission.h"
#include "documents/content_type.h"
#include "documents/document_service.h"
#include "documents/workflow.h"

namespace gk::documents {
namespace {

using accounts::Principal;

std::string megabytes(int64_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

audit::AuditEvent attachment_event(const Principal& who, const Document& d, std::string action, std::string summary,
                                   const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  e.department = d.department;
  e.action = std::move(action);
  e.target = fmt::format("document:{}", d.id.value);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

// Attachments are content: they change only when the document itself could be edited.
Status check_editable(const Principal& who, const Document& doc) {
  GK_TRY_STATUS(may_take(who, doc, WorkflowAction::kEdit));
  if (!next_state(doc.state, WorkflowAction::kEdit)) {
    return fail(Error::failed_precondition(fmt::format("文件当前状态为“{}”，不能增删附件（仅草稿或退回修改的文件可以）",
                                                       publication_state_label(doc.state))));
  }
  return ok();
}

// Room for one more, and not the same bytes twice.
Status check_room(const std::vector<Attachment>& existing, const std::string& sha256, const AttachmentLimits& limits) {
  for (const auto& a : existing) {
    if (a.sha256 == sha256) {
      return fail(Error::invalid_field("file", fmt::format("该文件已作为附件“{}”上传过", a.file_name)));
    }
  }
  if (static_cast<int>(existing.size()) >= limits.max_per_document) {
    return fail(Error::invalid_field("file", fmt::format("每个文件最多 {} 个附件，请先删除不需要的附件", limits.max_per_document)));
  }
  return ok();
}

// Bumps the document's version and writes a version row whose snapshot repeats the latest one (the
// metadata did not change) with `note` — so the history shows when attachments changed, and a
// reviewer holding an older version gets a Conflict.
Status note_version(DocumentRepository& repo, Document doc, const Principal& who, Instant now, std::string note) {
  doc.updated_at = now;
  GK_TRY_STATUS(repo.update(doc));
  GK_TRY_ASSIGN(history, repo.versions(doc.id));
  const std::string metadata = history.empty() ? std::string("{}") : history.back().metadata;
  return repo.add_version({doc.id, doc.version + 1, doc.title, doc.body_html, metadata, who.actor(), now,
                           std::move(note)});
}

// The stored bytes of `a`. A row without its blob is a fault of the server, not of the request.
Result<std::string> load_blob(FileStore& files, const Attachment& a) {
  auto bytes = files.get(a.storage_key);
  if (!bytes && bytes.error().code() == ErrorCode::kNotFound) {
    return fail(Error::internal(fmt::format("attachment {} of document {}: blob {} missing from the file store",
                                            a.id.value, a.document.value, a.storage_key)));
  }
  return bytes;
}

}  // namespace

Result<Attachment> DocumentService::add_attachment(const Principal& who, DocumentId id, std::string_view file_name,
                                                   std::string_view bytes, const RequestContext& ctx) {
  if (!files_) return fail(Error::failed_precondition("附件存储未配置"));
  if (file_name.empty() && bytes.empty()) return fail(Error::invalid_field("file", "请选择要上传的文件"));

  // 1. The upload itself.
  Attachment a;
  GK_TRY_ASSIGN(name, sanitize_file_name(file_name));
  a.file_name = std::move(name);
  a.size = static_cast<int64_t>(bytes.size());
  if (a.size > attachment_limits_.max_file_bytes) {
    return fail(Error::invalid_field("file", fmt::format("文件过大（{}），单个附件不能超过 {}", megabytes(a.size),
                                                         megabytes(attachment_limits_.max_file_bytes))));
  }
  GK_TRY_ASSIGN(type, check_file_type(a.file_name, bytes));
  a.content_type = type.mime;
  a.sha256 = sha256_hex(bytes);
  a.storage_key = a.sha256;
  a.document = id;
  a.uploaded_by = who.actor();

  // 2. May it be added?
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(check_editable(who, doc));
    GK_TRY_ASSIGN(existing, repo.attachments(id));
    return check_room(existing, a.sha256, attachment_limits_);
  }));

  // 3. Text and bytes.
  if (extract_) {
    try {
      a.text = clean_extracted_text(extract_(a.content_type, bytes));
    } catch (...) {
      a.text.clear();  // extraction is best effort by contract
    }
  }
  GK_TRY_STATUS(files_->put(a.storage_key, bytes));

  // 4. The row, the version note and the audit row.
  a.uploaded_at = clock_.now();
  Status written = store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(check_editable(who, doc));
    GK_TRY_ASSIGN(existing, repo.attachments(id));
    GK_TRY_STATUS(check_room(existing, a.sha256, attachment_limits_));
    auto new_id = repo.insert_attachment(a);
    if (!new_id) {
      if (new_id.error().code() != ErrorCode::kConflict) return fail(new_id.error());
      return fail(Error::invalid_field("file", "该文件已作为附件上传过"));
    }
    a.id = *new_id;
    GK_TRY_STATUS(note_version(repo, doc, who, a.uploaded_at, "添加附件：" + a.file_name));
    return audit.append(attachment_event(
        who, doc, "document.attachment_add",
        fmt::format("为《{}》添加附件“{}”（{}，{}）", doc.title, a.file_name, megabytes(a.size), a.content_type), ctx));
  });
  if (!written) {
    bool referenced = true;
    (void)store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
      GK_TRY_ASSIGN(n, repo.count_storage_key(a.storage_key));
      referenced = n > 0;
      return ok();
    });
    if (!referenced) (void)files_->remove(a.storage_key);
    return fail(written.error());
  }
  return a;
}

Status DocumentService::remove_attachment(const Principal& who, DocumentId id, AttachmentId attachment,
                                          const RequestContext& ctx) {
  if (!files_) return fail(Error::failed_precondition("附件存储未配置"));
  std::string key;
  int64_t remaining = 1;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(check_editable(who, doc));
    GK_TRY_ASSIGN(a, repo.find_attachment(attachment));
    if (a.document != id) return fail(Error::not_found("附件不存在"));
    GK_TRY_STATUS(repo.delete_attachment(attachment));
    GK_TRY_STATUS(note_version(repo, doc, who, clock_.now(), "删除附件：" + a.file_name));
    GK_TRY_ASSIGN(n, repo.count_storage_key(a.storage_key));
    key = a.storage_key;
    remaining = n;
    return audit.append(attachment_event(who, doc, "document.attachment_remove",
                                         fmt::format("删除《{}》的附件“{}”", doc.title, a.file_name), ctx));
  }));
  // After the commit: a failed delete only leaves an unreferenced blob behind.
  if (remaining == 0) (void)files_->remove(key);
  return ok();
}

Result<std::vector<Attachment>> DocumentService::attachments(const Principal& who, DocumentId id) {
  std::vector<Attachment> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    if (who.kind != Principal::Kind::kSystem) {
      GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, doc.department));
    }
    GK_TRY_ASSIGN(list, repo.attachments(id));
    out = std::move(list);
    return ok();
  }));
  return out;
}

Result<std::vector<Attachment>> DocumentService::public_attachments(DocumentId id) {
  std::vector<Attachment> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    auto doc = repo.find(id);
    if (!doc || !doc->is_public_at(clock_.now())) return fail(Error::not_found("该文件不存在或尚未公开"));
    GK_TRY_ASSIGN(list, repo.attachments(id));
    out = std::move(list);
    return ok();
  }));
  return out;
}

Result<AttachmentDownload> DocumentService::attachment_for_download(DocumentId id, AttachmentId attachment) {
  if (!files_) return fail(Error::failed_precondition("附件存储未配置"));
  AttachmentDownload d;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    auto doc = repo.find(id);
    if (!doc || !doc->is_public_at(clock_.now())) return fail(Error::not_found("该文件不存在或尚未公开"));
    auto a = repo.find_attachment(attachment);
    if (!a || a->document != id) return fail(Error::not_found("附件不存在"));
    d.attachment = std::move(*a);
    return ok();
  }));
  GK_TRY_ASSIGN(bytes, load_blob(*files_, d.attachment));
  d.bytes = std::move(bytes);
  return d;
}

Result<AttachmentDownload> DocumentService::staff_attachment_download(const Principal& who, DocumentId id,
                                                                      AttachmentId attachment) {
  if (!files_) return fail(Error::failed_precondition("附件存储未配置"));
  AttachmentDownload d;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    if (who.kind != Principal::Kind::kSystem) {
      GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, doc.department));
    }
    auto a = repo.find_attachment(attachment);
    if (!a || a->document != id) return fail(Error::not_found("附件不存在"));
    d.attachment = std::move(*a);
    return ok();
  }));
  GK_TRY_ASSIGN(bytes, load_blob(*files_, d.attachment));
  d.bytes = std::move(bytes);
  return d;
}

}  // namespace gk::documents
