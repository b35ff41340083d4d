// Cleanup campaigns (规范性文件清理) over real SQL, on SQLite and PostgreSQL: the batch of a
// department's normative documents in force, decisions with reasons, publication through a notice
// whose repeal relations flip validity by derivation, permissions, and the audit trail.
#include <gtest/gtest.h>

#include <algorithm>

#include "accounts/accounts_service.h"
#include "accounts/password.h"
#include "documents/cleanup_service.h"
#include "documents/document_service.h"
#include "library_fixture.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_cleanup_store.h"
#include "storage/repos/sql_document_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using documents::CleanupCampaignId;
using documents::CleanupDecision;
using documents::DocumentDraft;
using documents::Validity;
using documents::WorkflowAction;
using Action = CleanupDecision::Action;

class CleanupTest : public LibraryTest {
 protected:
  void SetUp() override {
    clock_.set(Instant::from_seconds(1'727'740'800));  // 2024-10-01 08:00 CST
    ctx_ = RequestContext{"req-cleanup", "10.0.0.3", "gtest"};
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    cleanup_store_ = std::make_unique<storage::SqlCleanupStore>(db(), clock_);
    cleanup_ = std::make_unique<documents::CleanupService>(*cleanup_store_, clock_);
    reviewer_ = staff(12, "审核人", czj_, {Role::kReviewer});
    editor_ = staff(11, "信息员", czj_, {Role::kEditor});
    other_reviewer_ = staff(13, "他单位审核人", sfb_, {Role::kReviewer});
    admin_ = staff(1, "管理员", sfb_, {Role::kAdmin});
  }
  void TearDown() override {
    cleanup_.reset();
    cleanup_store_.reset();
    LibraryTest::TearDown();
  }

  // Drafts in `dept` as the system principal and publishes now.
  DocumentId publish(DepartmentId dept, std::string title, bool normative,
                     std::string effective_on = "2022-01-01", std::string expires_on = "") {
    Principal who = Principal::system();
    who.department = dept;
    who.department_name = dept == czj_ ? "东阳市财政局" : "东阳市人民政府办公室";
    DocumentDraft d;
    d.title = title;
    d.formed_on = "2021-12-20";
    d.effective_on = std::move(effective_on);
    d.expires_on = std::move(expires_on);
    d.topic = "finance";
    d.genre = "measures";
    d.summary = "概述";
    d.body_html = "<p>正文。</p>";
    d.normative = normative;
    if (normative) d.unified_number = "DYCZ-" + std::to_string(++serial_);
    auto id = documents_->create(who, d, ctx_);
    EXPECT_TRUE(id) << describe(id.error());
    if (!id) return DocumentId();
    for (auto a : {WorkflowAction::kSubmit, WorkflowAction::kApprove}) {
      auto st = documents_->act(Principal::system(), *id, version_of(*id), a, "", ctx_);
      EXPECT_TRUE(st) << describe(st.error());
    }
    auto st = documents_->publish(Principal::system(), *id, version_of(*id), std::nullopt, ctx_);
    EXPECT_TRUE(st) << describe(st.error());
    return *id;
  }

  int version_of(DocumentId id) { return documents_->get(Principal::system(), id)->document.version; }
  int campaign_version(CleanupCampaignId id) {
    return cleanup_->get(Principal::system(), id)->campaign.version;
  }

  std::vector<DocumentId> batch_of(CleanupCampaignId id) {
    std::vector<DocumentId> out;
    auto v = cleanup_->get(Principal::system(), id);
    EXPECT_TRUE(v) << describe(v.error());
    if (v)
      for (const auto& i : v->items) out.push_back(i.document);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<audit::AuditEntry> audit_entries() {
    storage::SqlAuditReader reader(db());
    auto page = reader.page({.department = std::nullopt, .before_id = 0, .limit = 200});
    EXPECT_TRUE(page) << describe(page.error());
    return page.value_or(std::vector<audit::AuditEntry>{});
  }

  std::unique_ptr<storage::SqlCleanupStore> cleanup_store_;
  std::unique_ptr<documents::CleanupService> cleanup_;
  Principal reviewer_, editor_, other_reviewer_, admin_;
  int serial_ = 0;
};

TEST_P(CleanupTest, BatchHoldsTheDepartmentsNormativeDocumentsInForceOnly) {
  const DocumentId a = publish(czj_, "东阳市财政专项资金管理办法", true);
  const DocumentId b = publish(czj_, "东阳市政府采购管理暂行办法", true, "2023-06-01");
  const DocumentId expired = publish(czj_, "东阳市旧的收费管理办法", true, "2020-01-01", "2024-01-01");
  const DocumentId future = publish(czj_, "东阳市将来施行的办法", true, "2025-01-01");
  publish(czj_, "关于召开财政工作会议的通知", false);
  publish(sfb_, "东阳市人民政府办公室规范性文件", true);

  auto id = cleanup_->create(reviewer_, czj_, "  2024年度规范性文件清理  ", ctx_);
  GK_ASSERT_OK(id);
  EXPECT_EQ(batch_of(*id), (std::vector<DocumentId>{a, b}));
  (void)expired;
  (void)future;

  auto v = cleanup_->get(reviewer_, *id);
  GK_ASSERT_OK(v);
  EXPECT_EQ(v->campaign.name, "2024年度规范性文件清理");
  EXPECT_EQ(v->campaign.department, czj_);
  EXPECT_EQ(v->campaign.started_on.to_string(), "2024-10-01");
  EXPECT_EQ(v->campaign.total, 2);
  EXPECT_EQ(v->campaign.decided, 0);
  EXPECT_FALSE(v->campaign.published_on);
  EXPECT_EQ(v->campaign.created_by, reviewer_.actor());
  for (const auto& i : v->items) {
    EXPECT_FALSE(i.action);
    EXPECT_FALSE(i.title.empty());
    EXPECT_TRUE(i.is_public);
  }

  auto list = cleanup_->list(reviewer_, std::nullopt);
  GK_ASSERT_OK(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, *id);
  EXPECT_EQ((*list)[0].total, 2);
}

TEST_P(CleanupTest, DepartmentWithoutNormativeDocumentsInForceCannotStartOne) {
  publish(czj_, "关于召开财政工作会议的通知", false);
  auto id = cleanup_->create(reviewer_, czj_, "2024年度清理", ctx_);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), ErrorCode::kFailedPrecondition);
  auto blank = cleanup_->create(reviewer_, czj_, "   ", ctx_);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_FALSE(blank.error().fields().empty());
  EXPECT_EQ(blank.error().fields()[0].field, "name");
}

TEST_P(CleanupTest, DecisionsNeedAReasonAndADocumentOfTheBatchAndDecidingAgainReplaces) {
  const DocumentId a = publish(czj_, "东阳市财政专项资金管理办法", true);
  const DocumentId b = publish(czj_, "东阳市政府采购管理办法", true);
  const DocumentId outside = publish(sfb_, "东阳市人民政府办公室规范性文件", true);
  auto id = cleanup_->create(reviewer_, czj_, "2024年度清理", ctx_);
  GK_ASSERT_OK(id);

  auto blank = cleanup_->decide(reviewer_, *id, a, Action::kKeep, "  ", ctx_);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(blank.error().fields().at(0).field, "reason");
  auto not_in_batch = cleanup_->decide(reviewer_, *id, outside, Action::kKeep, "理由", ctx_);
  ASSERT_FALSE(not_in_batch);
  EXPECT_EQ(not_in_batch.error().code(), ErrorCode::kNotFound);

  const int v0 = campaign_version(*id);
  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, b, Action::kKeep, "符合上位法，继续有效", ctx_));
  clock_.advance_seconds(60);
  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, a, Action::kAmend, "部分条款需修改", ctx_));
  clock_.advance_seconds(60);
  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, b, Action::kRepeal, "  调整对象已消失  ", ctx_));
  EXPECT_GT(campaign_version(*id), v0) << "a decision changes what publication confirms";

  auto v = cleanup_->get(reviewer_, *id);
  GK_ASSERT_OK(v);
  EXPECT_EQ(v->campaign.decided, 2);
  ASSERT_EQ(v->items.size(), 2u);
  // Decision order: a (decided at +60 s) before b (decided again at +120 s).
  EXPECT_EQ(v->items[0].document, a);
  EXPECT_EQ(v->items[0].action, Action::kAmend);
  EXPECT_EQ(v->items[1].document, b);
  EXPECT_EQ(v->items[1].action, Action::kRepeal);
  EXPECT_EQ(v->items[1].reason, "调整对象已消失");
  EXPECT_EQ(v->items[1].decided_by, reviewer_.actor());
  ASSERT_TRUE(v->items[1].decided_at);
  EXPECT_EQ(*v->items[1].decided_at, clock_.now());
  // The list groups keep, amend, repeal.
  ASSERT_EQ(v->list.size(), 2u);
  EXPECT_EQ(v->list[0].decision, "修改");
  EXPECT_EQ(v->list[1].decision, "废止");
  EXPECT_EQ(v->list[1].seq, 2);
}

TEST_P(CleanupTest, PublishingNeedsEveryDecisionThenTheNoticeRepealsAndValidityFlips) {
  const DocumentId keep = publish(czj_, "东阳市财政专项资金管理办法", true);
  const DocumentId amend = publish(czj_, "东阳市非税收入管理办法", true);
  const DocumentId repeal = publish(czj_, "东阳市政府采购管理暂行办法", true, "2023-06-01");
  auto id = cleanup_->create(reviewer_, czj_, "2024年度清理", ctx_);
  GK_ASSERT_OK(id);
  const DocumentId notice = publish(czj_, "关于公布规范性文件清理结果的通知", false, "");
  const DocumentId other_dept_notice = publish(sfb_, "办公室的通知", false, "");

  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, keep, Action::kKeep, "继续有效", ctx_));
  auto early = cleanup_->publish(reviewer_, *id, campaign_version(*id), notice, ctx_);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(early.error().message().find("2 件"), std::string::npos) << early.error().message();

  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, amend, Action::kAmend, "需与新法衔接", ctx_));
  const int stale = campaign_version(*id);
  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, repeal, Action::kRepeal, "已被新规定取代", ctx_));
  auto conflict = cleanup_->publish(reviewer_, *id, stale, notice, ctx_);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code(), ErrorCode::kConflict);

  for (DocumentId bad : {other_dept_notice, repeal, DocumentId(99999)}) {
    auto st = cleanup_->publish(reviewer_, *id, campaign_version(*id), bad, ctx_);
    ASSERT_FALSE(st) << bad.value;
    EXPECT_EQ(st.error().code(), ErrorCode::kInvalidArgument) << describe(st.error());
    EXPECT_EQ(st.error().fields().at(0).field, "notice");
  }
  EXPECT_FALSE(cleanup_->get_public(*id)) << "not public before publication";
  auto before = documents_->get_public(repeal);
  GK_ASSERT_OK(before);
  EXPECT_EQ(before->validity.status, Validity::kInForce);

  GK_ASSERT_OK(cleanup_->publish(reviewer_, *id, campaign_version(*id), notice, ctx_));

  auto repealed = documents_->get_public(repeal);
  GK_ASSERT_OK(repealed);
  EXPECT_EQ(repealed->validity.status, Validity::kRepealed);
  EXPECT_EQ(repealed->validity.successor, notice);
  ASSERT_TRUE(repealed->validity.since);
  EXPECT_EQ(repealed->validity.since->to_string(), "2024-10-01");
  EXPECT_EQ(documents_->get_public(keep)->validity.status, Validity::kInForce);
  EXPECT_EQ(documents_->get_public(amend)->validity.status, Validity::kInForce)
      << "an amend decision changes nothing until the amending document exists";

  auto pub = cleanup_->get_public(*id);
  GK_ASSERT_OK(pub);
  ASSERT_TRUE(pub->campaign.published_on);
  EXPECT_EQ(pub->campaign.published_on->to_string(), "2024-10-01");
  EXPECT_EQ(pub->campaign.notice_document, notice);
  EXPECT_EQ(pub->notice_title, "关于公布规范性文件清理结果的通知");
  ASSERT_EQ(pub->list.size(), 3u);
  EXPECT_EQ(pub->list[0].decision, "继续有效");
  EXPECT_EQ(pub->list[1].decision, "修改");
  EXPECT_EQ(pub->list[2].decision, "废止");
  EXPECT_EQ(pub->list[2].title, "东阳市政府采购管理暂行办法");
  EXPECT_EQ(pub->list[2].reason, "已被新规定取代");

  auto again = cleanup_->publish(reviewer_, *id, campaign_version(*id), notice, ctx_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  auto late = cleanup_->decide(reviewer_, *id, keep, Action::kRepeal, "改主意", ctx_);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(CleanupTest, OnlyTheDepartmentsReviewerOrAnAdminManagesItsCampaigns) {
  const DocumentId a = publish(czj_, "东阳市财政专项资金管理办法", true);
  for (const Principal* who : {&editor_, &other_reviewer_}) {
    auto id = cleanup_->create(*who, czj_, "2024年度清理", ctx_);
    ASSERT_FALSE(id) << who->display_name;
    EXPECT_EQ(id.error().code(), ErrorCode::kPermissionDenied);
  }
  auto id = cleanup_->create(admin_, czj_, "2024年度清理", ctx_);
  GK_ASSERT_OK(id);
  auto denied = cleanup_->decide(editor_, *id, a, Action::kKeep, "理由", ctx_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  // Colleagues of the department read it; other departments do not.
  GK_ASSERT_OK(cleanup_->get(editor_, *id));
  auto other = cleanup_->get(other_reviewer_, *id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kPermissionDenied);
  auto other_list = cleanup_->list(other_reviewer_, czj_);
  ASSERT_FALSE(other_list);
  EXPECT_EQ(other_list.error().code(), ErrorCode::kPermissionDenied);
  auto own_list = cleanup_->list(other_reviewer_, std::nullopt);
  GK_ASSERT_OK(own_list);
  EXPECT_TRUE(own_list->empty());
  auto city = cleanup_->list(admin_, std::nullopt);
  GK_ASSERT_OK(city);
  EXPECT_EQ(city->size(), 1u);
}

TEST_P(CleanupTest, EveryStepIsAuditedAndTheChainVerifies) {
  const DocumentId a = publish(czj_, "东阳市财政专项资金管理办法", true);
  const DocumentId b = publish(czj_, "东阳市政府采购管理办法", true);
  auto id = cleanup_->create(reviewer_, czj_, "2024年度清理", ctx_);
  GK_ASSERT_OK(id);
  const DocumentId notice = publish(czj_, "关于公布规范性文件清理结果的通知", false, "");
  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, a, Action::kKeep, "继续有效", ctx_));
  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, b, Action::kRepeal, "已过时", ctx_));
  GK_ASSERT_OK(cleanup_->publish(reviewer_, *id, campaign_version(*id), notice, ctx_));

  const std::string target = "cleanup_campaign:" + std::to_string(id->value);
  std::vector<std::string> actions;
  for (const auto& e : audit_entries()) {
    if (e.target == target || e.action == "document.relation") actions.push_back(e.action);
    if (e.target == target) {
      EXPECT_EQ(e.actor, reviewer_.actor());
      EXPECT_EQ(e.department, czj_);
      EXPECT_EQ(e.request_id, "req-cleanup");
    }
    if (e.action == "document.relation") {
      EXPECT_EQ(e.target, "document:" + std::to_string(b.value));
      EXPECT_NE(e.summary.find("废止《东阳市政府采购管理办法》"), std::string::npos) << e.summary;
    }
  }
  // Newest first.
  EXPECT_EQ(actions, (std::vector<std::string>{"cleanup.publish", "document.relation", "cleanup.decide",
                                               "cleanup.decide", "cleanup.create"}));
  auto report = storage::verify_audit_log(db());
  GK_ASSERT_OK(report);
  EXPECT_TRUE(report->ok) << report->reason;
}

TEST_P(CleanupTest, ANoticeThatAlreadyAmendsTheDocumentCannotAlsoRepealIt) {
  const DocumentId a = publish(czj_, "东阳市财政专项资金管理办法", true);
  auto id = cleanup_->create(reviewer_, czj_, "2024年度清理", ctx_);
  GK_ASSERT_OK(id);
  Principal who = Principal::system();
  who.department = czj_;
  DocumentDraft d;
  d.title = "关于修改和公布清理结果的通知";
  d.formed_on = "2024-09-30";
  d.topic = "finance";
  d.summary = "概述";
  d.body_html = "<p>正文。</p>";
  d.relations = {{documents::RelationKind::kAmends, a}};
  auto notice = documents_->create(who, d, ctx_);
  GK_ASSERT_OK(notice);
  for (auto act : {WorkflowAction::kSubmit, WorkflowAction::kApprove})
    GK_ASSERT_OK(documents_->act(Principal::system(), *notice, version_of(*notice), act, "", ctx_));
  GK_ASSERT_OK(documents_->publish(Principal::system(), *notice, version_of(*notice), std::nullopt, ctx_));
  GK_ASSERT_OK(cleanup_->decide(reviewer_, *id, a, Action::kRepeal, "废止", ctx_));
  auto st = cleanup_->publish(reviewer_, *id, campaign_version(*id), *notice, ctx_);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kConflict) << describe(st.error());
  // Nothing of the failed publication was kept.
  auto v = cleanup_->get(reviewer_, *id);
  GK_ASSERT_OK(v);
  EXPECT_FALSE(v->campaign.published_on);
  EXPECT_EQ(documents_->get_public(a)->validity.status, Validity::kAmended);
}

GK_INSTANTIATE_ENGINE_TESTS(CleanupTest);

}  // namespace
}  // namespace gk::storage_test
