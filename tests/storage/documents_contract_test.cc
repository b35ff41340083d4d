// The document library over real SQL, on SQLite and PostgreSQL: workflow, index numbers, 文号
// uniqueness, relations and derived validity, public visibility, filters, versions and imports.
#include <gtest/gtest.h>

#include "accounts/accounts_service.h"
#include "accounts/password.h"
#include "documents/document_service.h"
#include "library_fixture.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_document_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using documents::DocumentDraft;
using documents::PublicationState;
using documents::Validity;
using documents::WorkflowAction;

class DocumentsTest : public LibraryTest {
 protected:
  void SetUp() override {
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    editor_ = staff(11, "信息员", czj_, {Role::kEditor});
    reviewer_ = staff(12, "审核人", czj_, {Role::kReviewer});
    other_reviewer_ = staff(13, "他人", sfb_, {Role::kReviewer});
  }

  DocumentDraft draft(std::string title, std::string doc_number = "") {
    DocumentDraft d;
    d.title = std::move(title);
    d.doc_number = std::move(doc_number);
    d.formed_on = "2024-09-20";
    d.written_on = "2024-09-20";
    d.effective_on = "2024-10-01";
    d.genre = "measures";
    d.topic = "finance";
    d.summary = "概述";
    d.body_html = "<p>第一条 正文。</p>";
    return d;
  }

  int version_of(DocumentId id) { return documents_->get(Principal::system(), id)->document.version; }

  // Drafts, submits, approves and publishes now.
  DocumentId publish(DocumentDraft d) {
    auto id = documents_->create(editor_, d, ctx_);
    EXPECT_TRUE(id) << describe(id.error());
    EXPECT_TRUE(documents_->act(editor_, *id, version_of(*id), WorkflowAction::kSubmit, "", ctx_));
    EXPECT_TRUE(documents_->act(reviewer_, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_));
    auto st = documents_->publish(reviewer_, *id, version_of(*id), std::nullopt, ctx_);
    EXPECT_TRUE(st) << describe(st.error());
    return *id;
  }

  Principal editor_, reviewer_, other_reviewer_;
};

TEST_P(DocumentsTest, WorkflowRunsDraftToPublishedAndEveryStepIsAuditedAndVersioned) {
  auto id = documents_->create(editor_, draft("东阳市财政专项资金管理办法", "东财〔2024〕12号"), ctx_);
  GK_ASSERT_OK(id);
  auto v = documents_->get(editor_, *id);
  GK_ASSERT_OK(v);
  EXPECT_EQ(v->document.state, PublicationState::kDraft);
  EXPECT_EQ(v->document.index_number, "czj/2024-00001");
  EXPECT_EQ(v->document.doc_number, "东财〔2024〕12号");
  EXPECT_FALSE(documents_->get_public(*id)) << "drafts are not public";

  GK_ASSERT_OK(documents_->act(editor_, *id, version_of(*id), WorkflowAction::kSubmit, "", ctx_));
  auto own = documents_->act(editor_, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code(), ErrorCode::kPermissionDenied);
  auto foreign = documents_->act(other_reviewer_, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), ErrorCode::kPermissionDenied) << "another department's reviewer";
  auto no_comment = documents_->act(reviewer_, *id, version_of(*id), WorkflowAction::kReturn, " ", ctx_);
  ASSERT_FALSE(no_comment);
  EXPECT_EQ(no_comment.error().fields().at(0).field, "comment");
  GK_ASSERT_OK(documents_->act(reviewer_, *id, version_of(*id), WorkflowAction::kReturn, "请补充施行日期说明", ctx_));
  EXPECT_EQ(documents_->get(editor_, *id)->document.review_comment, "请补充施行日期说明");
  GK_ASSERT_OK(documents_->update(editor_, *id, version_of(*id), draft("东阳市财政专项资金管理办法（修改稿）", "东财〔2024〕12号"), ctx_));
  GK_ASSERT_OK(documents_->act(editor_, *id, version_of(*id), WorkflowAction::kSubmit, "", ctx_));
  GK_ASSERT_OK(documents_->act(reviewer_, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_));
  GK_ASSERT_OK(documents_->publish(reviewer_, *id, version_of(*id), std::nullopt, ctx_));

  auto pub = documents_->get_public(*id);
  GK_ASSERT_OK(pub);
  EXPECT_EQ(pub->document.title, "东阳市财政专项资金管理办法（修改稿）");
  EXPECT_EQ(pub->validity.status, Validity::kInForce);
  auto versions = documents_->versions(editor_, *id);
  GK_ASSERT_OK(versions);
  EXPECT_EQ(versions->size(), 7u);  // create, submit, return, edit, submit, approve, publish
  EXPECT_EQ(versions->front().note, "创建");

  storage::SqlAuditReader reader(db());
  auto page = reader.page({.department = czj_, .before_id = 0, .limit = 20});
  GK_ASSERT_OK(page);
  EXPECT_EQ((*page)[0].action, "document.publish");
  auto verify = storage::verify_audit_log(db());
  GK_ASSERT_OK(verify);
  EXPECT_TRUE(verify->ok) << verify->reason;
}

TEST_P(DocumentsTest, StaleVersionIsConflictAndChangesNothing) {
  auto id = documents_->create(editor_, draft("并发编辑的文件"), ctx_);
  GK_ASSERT_OK(id);
  const int v = version_of(*id);
  GK_ASSERT_OK(documents_->update(editor_, *id, v, draft("第一次保存"), ctx_));
  auto stale = documents_->update(editor_, *id, v, draft("第二次保存（基于旧版本）"), ctx_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(documents_->get(editor_, *id)->document.title, "第一次保存");
}

TEST_P(DocumentsTest, DuplicateDocNumberForTheSameIssuerAndYearIsAFieldError) {
  GK_ASSERT_OK(documents_->create(editor_, draft("文件甲", "东财〔2024〕7号"), ctx_));
  auto dup = documents_->create(editor_, draft("文件乙", "东财 [2024] 007号"), ctx_);  // same number, noisy
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(dup.error().fields().at(0).field, "doc_number");
  GK_ASSERT_OK(documents_->create(editor_, draft("文件丙", "东财〔2023〕7号"), ctx_));  // another year is fine
}

TEST_P(DocumentsTest, BadInputIsRejectedFieldByFieldAndNothingIsStored) {
  DocumentDraft d = draft("");
  d.expires_on = "2024-01-01";  // before 施行
  d.effective_on = "2024-10-01";
  d.written_on = "2024-02-30";
  d.body_html = "<p>正文</p><img src=x onerror=alert(1)>";
  auto r = documents_->create(editor_, d, ctx_);
  ASSERT_FALSE(r);
  std::set<std::string> fields;
  for (const auto& f : r.error().fields()) fields.insert(f.field);
  EXPECT_TRUE(fields.contains("title"));
  EXPECT_TRUE(fields.contains("written_on"));
  EXPECT_TRUE(fields.contains("body"));
  auto list = documents_->list_staff(editor_, {}, std::nullopt);
  GK_ASSERT_OK(list);
  EXPECT_EQ(list->total, 0);
}

TEST_P(DocumentsTest, PublishingASuccessorThatRepealsFlipsValidityAndNamesTheSuccessor) {
  const DocumentId old_id = publish(draft("东阳市停车管理办法（试行）"));
  EXPECT_EQ(documents_->get_public(old_id)->validity.status, Validity::kInForce);
  DocumentDraft successor = draft("东阳市停车管理办法");
  successor.relations.emplace_back(documents::RelationKind::kRepeals, old_id);
  successor.effective_on = "2024-10-04";
  successor.formed_on = "2024-10-04";
  auto new_id = documents_->create(editor_, successor, ctx_);
  GK_ASSERT_OK(new_id);
  EXPECT_EQ(documents_->get_public(old_id)->validity.status, Validity::kInForce) << "a draft repeals nothing";
  GK_ASSERT_OK(documents_->act(editor_, *new_id, version_of(*new_id), WorkflowAction::kSubmit, "", ctx_));
  GK_ASSERT_OK(documents_->act(reviewer_, *new_id, version_of(*new_id), WorkflowAction::kApprove, "", ctx_));
  GK_ASSERT_OK(documents_->publish(reviewer_, *new_id, version_of(*new_id), std::nullopt, ctx_));
  auto old_view = documents_->get_public(old_id);
  GK_ASSERT_OK(old_view);
  EXPECT_EQ(old_view->validity.status, Validity::kRepealed);
  EXPECT_EQ(old_view->validity.successor, *new_id);

  documents::DocumentQuery in_force;
  in_force.validity = Validity::kInForce;
  auto page = documents_->list_public(in_force);
  GK_ASSERT_OK(page);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].document.id, *new_id);
}

TEST_P(DocumentsTest, RelationCyclesAndUnknownTargetsAreRejected) {
  const DocumentId a = publish(draft("文件A"));
  DocumentDraft b = draft("文件B");
  b.relations.emplace_back(documents::RelationKind::kAmends, a);
  auto b_id = documents_->create(editor_, b, ctx_);
  GK_ASSERT_OK(b_id);
  // A repealing B would close a cycle A ← B ← A.
  auto v = documents_->get(editor_, a);
  GK_ASSERT_OK(v);
  DocumentDraft unknown = draft("文件C");
  unknown.relations.emplace_back(documents::RelationKind::kRepeals, DocumentId(999999));
  auto c = documents_->create(editor_, unknown, ctx_);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().fields().at(0).field, "relation");
  DocumentDraft cyc = draft("文件A的修改稿");
  auto cyc_doc = documents_->create(editor_, cyc, ctx_);
  GK_ASSERT_OK(cyc_doc);
  DocumentDraft back = draft("文件B的修改稿");
  back.relations.emplace_back(documents::RelationKind::kRepeals, *b_id);
  GK_ASSERT_OK(documents_->update(editor_, *cyc_doc, version_of(*cyc_doc), back, ctx_));
  DocumentDraft close = draft("文件B（再改）");
  close.relations.emplace_back(documents::RelationKind::kAmends, *cyc_doc);
  auto closing = documents_->update(editor_, *b_id, version_of(*b_id), close, ctx_);
  ASSERT_FALSE(closing);
  EXPECT_EQ(closing.error().fields().at(0).field, "relation");
}

TEST_P(DocumentsTest, ScheduledPublicationIsInvisibleUntilItsTime) {
  auto id = documents_->create(editor_, draft("定时发布的通知"), ctx_);
  GK_ASSERT_OK(id);
  GK_ASSERT_OK(documents_->act(editor_, *id, version_of(*id), WorkflowAction::kSubmit, "", ctx_));
  GK_ASSERT_OK(documents_->act(reviewer_, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_));
  GK_ASSERT_OK(documents_->publish(reviewer_, *id, version_of(*id), clock_.now().plus_seconds(3600), ctx_));
  EXPECT_FALSE(documents_->get_public(*id));
  EXPECT_EQ(documents_->list_public({})->total, 0);
  clock_.advance_seconds(3601);
  EXPECT_TRUE(documents_->get_public(*id));
  EXPECT_EQ(documents_->list_public({})->total, 1);
}

TEST_P(DocumentsTest, NormativeDocumentsNeedAUnifiedNumberBeforePublication) {
  DocumentDraft d = draft("东阳市某规范性文件");
  d.normative = true;
  auto id = documents_->create(editor_, d, ctx_);
  GK_ASSERT_OK(id);
  GK_ASSERT_OK(documents_->act(editor_, *id, version_of(*id), WorkflowAction::kSubmit, "", ctx_));
  GK_ASSERT_OK(documents_->act(reviewer_, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_));
  auto blocked = documents_->publish(reviewer_, *id, version_of(*id), std::nullopt, ctx_);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(blocked.error().message().find("统一编号"), std::string::npos);
}

TEST_P(DocumentsTest, FiltersAndPagingWorkOnBothEngines) {
  for (int i = 1; i <= 7; ++i) {
    DocumentDraft d = draft("财政文件第" + std::to_string(i) + "号");
    if (i % 2 == 0) d.topic = "general";
    publish(d);
    clock_.advance_seconds(60);
  }
  documents::DocumentQuery q;
  q.per_page = 3;
  auto p1 = documents_->list_public(q);
  GK_ASSERT_OK(p1);
  EXPECT_EQ(p1->total, 7);
  ASSERT_EQ(p1->items.size(), 3u);
  EXPECT_EQ(p1->items[0].document.title, "财政文件第7号") << "newest first";
  q.page = 3;
  EXPECT_EQ(documents_->list_public(q)->items.size(), 1u);
  q.page = 9;
  EXPECT_TRUE(documents_->list_public(q)->items.empty()) << "a page beyond the end is empty, not an error";
  documents::DocumentQuery topic;
  topic.topic = "general";
  EXPECT_EQ(documents_->list_public(topic)->total, 3);
  documents::DocumentQuery title;
  title.title_contains = "第5";
  EXPECT_EQ(documents_->list_public(title)->total, 1);
  documents::DocumentQuery wildcard;
  wildcard.title_contains = "%";
  EXPECT_EQ(documents_->list_public(wildcard)->total, 0) << "LIKE wildcards are escaped";
  documents::DocumentQuery year;
  year.year = 2024;
  EXPECT_EQ(documents_->list_public(year)->total, 7);
  year.year = 2023;
  EXPECT_EQ(documents_->list_public(year)->total, 0);
}

TEST_P(DocumentsTest, ImportIsIdempotentAndLinksVersionsByTitle) {
  std::vector<documents::ImportRecord> records;
  for (int i = 0; i < 3; ++i) {
    documents::ImportRecord r;
    r.source_key = "corpus:test-" + std::to_string(i);
    r.draft = draft(i < 2 ? "中华人民共和国某某条例" : "另一部条例");
    r.draft.written_on = r.draft.formed_on = i == 0 ? "2010-01-01" : "2020-01-01";
    r.draft.effective_on = i == 0 ? "2010-03-01" : "2020-03-01";
    r.published_on = Date::parse(r.draft.written_on);
    r.line = i + 1;
    records.push_back(r);
  }
  Principal importer = Principal::system();
  auto first = documents_->import_batch(importer, sfb_, records, ctx_);
  GK_ASSERT_OK(first);
  EXPECT_EQ(first->inserted, 3);
  auto again = documents_->import_batch(importer, sfb_, records, ctx_);
  GK_ASSERT_OK(again);
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->skipped_existing, 3);
  auto linked = documents_->link_versions_by_title(importer, {"corpus:test-0", "corpus:test-1", "corpus:test-2"}, ctx_);
  GK_ASSERT_OK(linked);
  EXPECT_EQ(*linked, 1);
  EXPECT_EQ(*documents_->link_versions_by_title(importer, {"corpus:test-0", "corpus:test-1"}, ctx_), 0);
  documents::DocumentQuery q;
  q.validity = Validity::kRepealed;
  auto repealed = documents_->list_public(q);
  GK_ASSERT_OK(repealed);
  ASSERT_EQ(repealed->total, 1);
  EXPECT_EQ(repealed->items[0].document.effective_on, Date::parse("2010-03-01"));
}

TEST_P(DocumentsTest, StaffSeeOnlyTheirDepartmentsDocuments) {
  GK_ASSERT_OK(documents_->create(editor_, draft("财政局草稿"), ctx_));
  auto own = documents_->list_staff(editor_, {}, std::nullopt);
  GK_ASSERT_OK(own);
  EXPECT_EQ(own->total, 1);
  auto other = documents_->list_staff(other_reviewer_, {}, std::nullopt);
  GK_ASSERT_OK(other);
  EXPECT_EQ(other->total, 0);
  documents::DocumentQuery q;
  q.department = czj_;
  auto denied = documents_->list_staff(other_reviewer_, q, std::nullopt);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
}

GK_INSTANTIATE_ENGINE_TESTS(DocumentsTest);

}  // namespace
}  // namespace gk::storage_test
