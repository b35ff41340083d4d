// Attachments over real SQL, on SQLite and PostgreSQL: the repository (add, list, one copy of the
// same bytes per document, cascade when the document goes) and the service on top of it (version
// note and audit row, limits, duplicates, removal of unreferenced bytes, public visibility).
#include <gtest/gtest.h>

#include "accounts/accounts_service.h"
#include "accounts/password.h"
#include "documents/document_service.h"
#include "documents/fake_file_store.h"
#include "documents/sample_files.h"
#include "library_fixture.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_document_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using documents::Attachment;
using documents::DocumentRepository;
using documents::WorkflowAction;

Status discard(const Result<AttachmentId>& r) {
  if (!r) return fail(r.error());
  return ok();
}

class AttachmentsTest : public LibraryTest {
 protected:
  void SetUp() override {
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    documents_->set_file_store(&files_);
    documents_->set_text_extractor([](std::string_view type, std::string_view bytes) {
      return type.starts_with("text/") ? std::string(bytes) : std::string("extracted");
    });
    editor_ = staff(21, "信息员", czj_, {Role::kEditor});
    reviewer_ = staff(22, "审核人", czj_, {Role::kReviewer});
    other_editor_ = staff(23, "他人", sfb_, {Role::kEditor});
  }

  DocumentId draft(const std::string& title) {
    documents::DocumentDraft d;
    d.title = title;
    d.formed_on = "2024-09-20";
    d.genre = "notice";
    d.topic = "finance";
    d.summary = "概述";
    d.body_html = "<p>正文。</p>";
    auto id = documents_->create(editor_, d, ctx_);
    EXPECT_TRUE(id) << describe(id.error());
    return id.value_or(DocumentId());
  }

  int version_of(DocumentId id) { return documents_->get(Principal::system(), id)->document.version; }

  void publish(DocumentId id) {
    GK_ASSERT_OK(documents_->act(editor_, id, version_of(id), WorkflowAction::kSubmit, "", ctx_));
    GK_ASSERT_OK(documents_->act(reviewer_, id, version_of(id), WorkflowAction::kApprove, "", ctx_));
    GK_ASSERT_OK(documents_->publish(reviewer_, id, version_of(id), std::nullopt, ctx_));
  }

  // A row as the repository stores it (no service rules), for the repository contract.
  static Attachment row(DocumentId doc, std::string name, const std::string& bytes) {
    Attachment a;
    a.document = doc;
    a.file_name = std::move(name);
    a.content_type = "application/pdf";
    a.size = static_cast<int64_t>(bytes.size());
    a.sha256 = documents::sha256_hex(bytes);
    a.storage_key = a.sha256;
    a.text = "第一页的文字";
    a.uploaded_at = Instant::from_seconds(1'728'000'000);
    a.uploaded_by = "user:21 信息员";
    return a;
  }

  int64_t count(const std::string& sql) {
    auto lease = db().acquire();
    EXPECT_TRUE(lease);
    auto rs = (*lease)->query(sql);
    EXPECT_TRUE(rs) << describe(rs.error());
    return rs ? rs->rows.at(0).get_int(0) : -1;
  }

  documents::FakeFileStore files_;
  Principal editor_, reviewer_, other_editor_;
};

TEST_P(AttachmentsTest, RepositoryAddsListsAndFindsAttachments) {
  const DocumentId doc = draft("预算公开");
  AttachmentId first, second;
  GK_ASSERT_OK(document_store_->transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(a, repo.insert_attachment(row(doc, "关于2024年预算的说明.pdf", "bytes one")));
    GK_TRY_ASSIGN(b, repo.insert_attachment(row(doc, "附表.pdf", "bytes two")));
    first = a;
    second = b;
    return ok();
  }));
  EXPECT_LT(first.value, second.value);
  GK_ASSERT_OK(document_store_->transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    auto list = repo.attachments(doc);
    EXPECT_TRUE(list);
    EXPECT_EQ(list->size(), 2u);
    EXPECT_EQ(list->at(0).id, first);
    EXPECT_EQ(list->at(0).file_name, "关于2024年预算的说明.pdf");
    EXPECT_EQ(list->at(0).size, 9);
    EXPECT_EQ(list->at(0).sha256, documents::sha256_hex("bytes one"));
    EXPECT_EQ(list->at(0).uploaded_at, Instant::from_seconds(1'728'000'000));
    EXPECT_EQ(list->at(0).uploaded_by, "user:21 信息员");
    EXPECT_EQ(list->at(0).text, "") << "lists leave the text out";
    EXPECT_EQ(list->at(1).file_name, "附表.pdf");
    auto one = repo.find_attachment(second);
    EXPECT_TRUE(one);
    EXPECT_EQ(one->text, "第一页的文字");
    EXPECT_EQ(one->document, doc);
    EXPECT_EQ(repo.find_attachment(AttachmentId(9999)).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(repo.delete_attachment(AttachmentId(9999)).error().code(), ErrorCode::kNotFound);
    return ok();
  }));
}

TEST_P(AttachmentsTest, SameBytesOncePerDocumentButSharedAcrossDocuments) {
  const DocumentId a = draft("甲"), b = draft("乙");
  GK_ASSERT_OK(document_store_->transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_STATUS(repo.insert_attachment(row(a, "x.pdf", "same")));
    return discard(repo.insert_attachment(row(b, "y.pdf", "same")));
  }));
  auto dup = document_store_->transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    return discard(repo.insert_attachment(row(a, "again.pdf", "same")));
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  GK_ASSERT_OK(document_store_->transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    auto n = repo.count_storage_key(documents::sha256_hex("same"));
    EXPECT_TRUE(n);
    EXPECT_EQ(*n, 2);
    return ok();
  }));
}

TEST_P(AttachmentsTest, AttachmentsGoWithTheirDocument) {
  const DocumentId doc = draft("将被删除的文件");
  GK_ASSERT_OK(document_store_->transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    return discard(repo.insert_attachment(row(doc, "a.pdf", "a")));
  }));
  auto orphan = document_store_->transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    return discard(repo.insert_attachment(row(DocumentId(424242), "b.pdf", "b")));
  });
  ASSERT_FALSE(orphan) << "an attachment needs its document";
  EXPECT_EQ(count("SELECT COUNT(*) FROM attachments"), 1);
  GK_ASSERT_OK(db().transaction([&](sql::Connection& c) -> Status {
    GK_TRY_STATUS(c.query("DELETE FROM documents WHERE id = ?", {doc.value}));
    return ok();
  }));
  EXPECT_EQ(count("SELECT COUNT(*) FROM attachments"), 0);
}

TEST_P(AttachmentsTest, ServiceAddsWithVersionNoteAuditAndText) {
  const DocumentId doc = draft("2024年部门预算");
  const int before = version_of(doc);
  const std::string pdf = documents::sample::pdf();
  auto added = documents_->add_attachment(editor_, doc, "C:\\文件\\2024年部门预算.pdf", pdf, ctx_);
  GK_ASSERT_OK(added);
  EXPECT_EQ(added->file_name, "2024年部门预算.pdf");
  EXPECT_EQ(added->content_type, "application/pdf");
  EXPECT_EQ(added->text, "extracted");
  EXPECT_TRUE(files_.contains(documents::sha256_hex(pdf)));
  EXPECT_EQ(version_of(doc), before + 1);
  auto versions = documents_->versions(editor_, doc);
  GK_ASSERT_OK(versions);
  EXPECT_EQ(versions->back().note, "添加附件：2024年部门预算.pdf");
  EXPECT_EQ(versions->back().metadata, versions->at(versions->size() - 2).metadata);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'document.attachment_add'"), 1);
  auto list = documents_->attachments(editor_, doc);
  GK_ASSERT_OK(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).id, added->id);
}

TEST_P(AttachmentsTest, RefusedUploadsStoreNothing) {
  const DocumentId doc = draft("草稿");
  documents_->set_attachment_limits({.max_file_bytes = 100, .max_per_document = 2});
  auto expect_file_error = [&](const Result<Attachment>& r, std::string_view fragment) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    ASSERT_FALSE(r.error().fields().empty());
    EXPECT_EQ(r.error().fields()[0].field, "file");
    EXPECT_NE(r.error().message().find(fragment), std::string::npos) << r.error().message();
  };
  expect_file_error(documents_->add_attachment(editor_, doc, "report.pdf", documents::sample::exe(), ctx_), "可执行程序");
  expect_file_error(documents_->add_attachment(editor_, doc, "big.txt", std::string(101, 'x'), ctx_), "文件过大");
  expect_file_error(documents_->add_attachment(editor_, doc, "", "", ctx_), "请选择");
  EXPECT_EQ(files_.size(), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM attachments"), 0);

  GK_ASSERT_OK(documents_->add_attachment(editor_, doc, "一.txt", "一", ctx_));
  expect_file_error(documents_->add_attachment(editor_, doc, "重复.txt", "一", ctx_), "已作为附件“一.txt”上传过");
  GK_ASSERT_OK(documents_->add_attachment(editor_, doc, "二.txt", "二", ctx_));
  expect_file_error(documents_->add_attachment(editor_, doc, "三.txt", "三", ctx_), "最多 2 个附件");
  EXPECT_EQ(files_.puts(), 2);

  // A failing disk is not a field error, and leaves no row.
  files_.set_fail_writes(true);
  documents_->set_attachment_limits({});
  auto disk = documents_->add_attachment(editor_, doc, "四.txt", "四", ctx_);
  ASSERT_FALSE(disk);
  EXPECT_EQ(disk.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(count("SELECT COUNT(*) FROM attachments"), 2);
}

TEST_P(AttachmentsTest, OnlyEditorsOfTheDepartmentWhileEditable) {
  const DocumentId doc = draft("权限");
  auto foreign = documents_->add_attachment(other_editor_, doc, "a.txt", "a", ctx_);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), ErrorCode::kPermissionDenied);
  auto reviewer = documents_->add_attachment(reviewer_, doc, "a.txt", "a", ctx_);
  ASSERT_FALSE(reviewer);
  EXPECT_EQ(reviewer.error().code(), ErrorCode::kPermissionDenied);
  auto kept = documents_->add_attachment(editor_, doc, "keep.txt", "keep", ctx_);
  GK_ASSERT_OK(kept);
  GK_ASSERT_OK(documents_->act(editor_, doc, version_of(doc), WorkflowAction::kSubmit, "", ctx_));
  auto submitted = documents_->add_attachment(editor_, doc, "b.txt", "b", ctx_);
  ASSERT_FALSE(submitted);
  EXPECT_EQ(submitted.error().code(), ErrorCode::kFailedPrecondition);
  auto removed = documents_->remove_attachment(editor_, doc, kept->id, ctx_);
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(files_.size(), 1u);
}

TEST_P(AttachmentsTest, RemovalDeletesBytesOnlyWhenNoAttachmentNamesThem) {
  const DocumentId a = draft("甲"), b = draft("乙");
  auto in_a = documents_->add_attachment(editor_, a, "共用.txt", "shared bytes", ctx_);
  auto in_b = documents_->add_attachment(editor_, b, "共用.txt", "shared bytes", ctx_);
  GK_ASSERT_OK(in_a);
  GK_ASSERT_OK(in_b);
  EXPECT_EQ(files_.size(), 1u) << "identical bytes are stored once";
  auto wrong_doc = documents_->remove_attachment(editor_, b, in_a->id, ctx_);
  ASSERT_FALSE(wrong_doc);
  EXPECT_EQ(wrong_doc.error().code(), ErrorCode::kNotFound);
  GK_ASSERT_OK(documents_->remove_attachment(editor_, a, in_a->id, ctx_));
  EXPECT_TRUE(files_.contains(in_b->storage_key)) << "still attached to 乙";
  GK_ASSERT_OK(documents_->remove_attachment(editor_, b, in_b->id, ctx_));
  EXPECT_FALSE(files_.contains(in_b->storage_key));
  EXPECT_EQ(documents_->versions(editor_, b)->back().note, "删除附件：共用.txt");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'document.attachment_remove'"), 2);
}

TEST_P(AttachmentsTest, PublicSeesAttachmentsOfPublicDocumentsOnly) {
  const DocumentId doc = draft("公开文件");
  auto att = documents_->add_attachment(editor_, doc, "附件.txt", "公开内容", ctx_);
  GK_ASSERT_OK(att);
  EXPECT_EQ(documents_->public_attachments(doc).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(documents_->attachment_for_download(doc, att->id).error().code(), ErrorCode::kNotFound);
  auto staff_copy = documents_->staff_attachment_download(editor_, doc, att->id);
  GK_ASSERT_OK(staff_copy);
  EXPECT_EQ(staff_copy->bytes, "公开内容");
  EXPECT_EQ(documents_->staff_attachment_download(other_editor_, doc, att->id).error().code(),
            ErrorCode::kPermissionDenied);

  publish(doc);
  auto list = documents_->public_attachments(doc);
  GK_ASSERT_OK(list);
  EXPECT_EQ(list->size(), 1u);
  auto d = documents_->attachment_for_download(doc, att->id);
  GK_ASSERT_OK(d);
  EXPECT_EQ(d->bytes, "公开内容");
  EXPECT_EQ(d->attachment.file_name, "附件.txt");
  EXPECT_EQ(d->attachment.text, "公开内容");
  const DocumentId other = draft("另一个");
  EXPECT_EQ(documents_->attachment_for_download(other, att->id).error().code(), ErrorCode::kNotFound)
      << "an attachment is reached only through its own document";
}

GK_INSTANTIATE_ENGINE_TESTS(AttachmentsTest);

}  // namespace
}  // namespace gk::storage_test
