// Plans, budget reports, service guides and topic columns over real SQL, on SQLite and PostgreSQL:
// the facts round-trip through the services, the plan system only shows public plans and refuses
// cycles, one budget report per department/year/kind, guides name their missing elements, a document
// is one kind at most, topic columns are unique per key, and every change is audited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accounts/accounts_service.h"
#include "accounts/password.h"
#include "documents/budget_service.h"
#include "documents/document_service.h"
#include "documents/guide_service.h"
#include "documents/plan_service.h"
#include "documents/topic_service.h"
#include "library_fixture.h"
#include "storage/repos/sql_accounts_store.h"
#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_document_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using documents::BudgetCellStatus;
using documents::DocumentDraft;
using documents::PlanDraft;
using documents::WorkflowAction;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class PlansGuidesTest : public LibraryTest {
 protected:
  std::vector<std::pair<std::string, std::string>> departments() const override {
    return {{"fgj", "东阳市发展和改革局"}, {"czj", "东阳市财政局"}};
  }
  void SetUp() override {
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    fgj_ = department("fgj");
    plans_ = std::make_unique<documents::PlanService>(*document_store_, clock_);
    budgets_ = std::make_unique<documents::BudgetService>(*document_store_, clock_);
    guides_ = std::make_unique<documents::GuideService>(*document_store_, clock_);
    topics_ = std::make_unique<documents::TopicService>(*document_store_);
    editor_ = staff(11, fgj_, {Role::kEditor});
    reviewer_ = staff(12, fgj_, {Role::kReviewer});
    czj_editor_ = staff(21, czj_, {Role::kEditor});
    czj_reviewer_ = staff(22, czj_, {Role::kReviewer});
    admin_ = staff(1, fgj_, {Role::kAdmin});
  }
  void TearDown() override {
    topics_.reset();
    guides_.reset();
    budgets_.reset();
    plans_.reset();
    LibraryTest::TearDown();
  }

  static Principal staff(int64_t id, DepartmentId dept, std::vector<Role> roles) {
    return LibraryTest::staff(id, "staff" + std::to_string(id), dept, std::move(roles), "单位");
  }


  static DocumentDraft draft(std::string title) {
    DocumentDraft d;
    d.title = std::move(title);
    d.formed_on = "2024-09-20";
    d.genre = "plan";
    d.topic = "economy";
    d.summary = "概述";
    d.body_html = "<p>正文。</p>";
    return d;
  }

  int version_of(DocumentId id) { return documents_->get(Principal::system(), id)->document.version; }

  DocumentId create(const Principal& editor, DocumentDraft d) {
    auto id = documents_->create(editor, d, ctx_);
    EXPECT_TRUE(id) << describe(id.error());
    return id.value_or(DocumentId());
  }

  void publish(DocumentId id, const Principal& editor, const Principal& reviewer) {
    EXPECT_TRUE(documents_->act(editor, id, version_of(id), WorkflowAction::kSubmit, "", ctx_));
    EXPECT_TRUE(documents_->act(reviewer, id, version_of(id), WorkflowAction::kApprove, "", ctx_));
    auto st = documents_->publish(reviewer, id, version_of(id), std::nullopt, ctx_);
    EXPECT_TRUE(st) << describe(st.error());
  }

  std::vector<std::string> audit_actions() {
    std::vector<std::string> out;
    auto lease = db().acquire();
    EXPECT_TRUE(lease);
    auto rs = (*lease)->query("SELECT action FROM audit_log ORDER BY id");
    EXPECT_TRUE(rs);
    for (const auto& r : rs->rows) out.push_back(r.get_text(0));
    return out;
  }

  static PlanDraft plan(const char* type, const char* from, const char* to,
                        std::optional<DocumentId> parent = {}) {
    return {type, "county", from, to, parent ? std::to_string(parent->value) : ""};
  }

  std::unique_ptr<documents::PlanService> plans_;
  std::unique_ptr<documents::BudgetService> budgets_;
  std::unique_ptr<documents::GuideService> guides_;
  std::unique_ptr<documents::TopicService> topics_;
  DepartmentId fgj_;
  Principal editor_, reviewer_, czj_editor_, czj_reviewer_, admin_;
};

TEST_P(PlansGuidesTest, PlanFactsRoundTripAndThePublicSystemShowsOnlyPublicPlans) {
  const DocumentId master =
      create(editor_, draft("东阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"));
  GK_ASSERT_OK(plans_->set(editor_, master, plan("master", "2021", "2025"), ctx_));
  publish(master, editor_, reviewer_);
  const DocumentId special = create(editor_, draft("东阳市综合交通运输发展“十四五”规划"));
  auto warnings = plans_->set(editor_, special, plan("special", "2021", "2025", master), ctx_);
  GK_ASSERT_OK(warnings);
  EXPECT_TRUE(warnings->empty());
  publish(special, editor_, reviewer_);
  const DocumentId draft_plan = create(editor_, draft("尚在起草的专项规划"));
  GK_ASSERT_OK(plans_->set(editor_, draft_plan, plan("special", "2021", "2025", master), ctx_));

  auto facts = plans_->get(editor_, special);
  GK_ASSERT_OK(facts);
  ASSERT_TRUE(*facts);
  EXPECT_EQ((*facts)->type, documents::PlanType::kSpecial);
  EXPECT_EQ((*facts)->level, documents::PlanLevel::kCounty);
  EXPECT_EQ((*facts)->period_start_year, 2021);
  EXPECT_EQ((*facts)->parent, master);

  auto sys = plans_->system({});
  GK_ASSERT_OK(sys);
  EXPECT_EQ(sys->total, 2) << "the draft plan is not public";
  ASSERT_EQ(sys->groups.size(), 1u);
  EXPECT_EQ(sys->groups[0].label, "“十四五”（2021—2025年）");
  ASSERT_EQ(sys->groups[0].roots.size(), 1u);
  EXPECT_EQ(sys->groups[0].roots[0].facts.document, master);
  ASSERT_EQ(sys->groups[0].roots[0].children.size(), 1u);
  EXPECT_EQ(sys->groups[0].roots[0].children[0].facts.document, special);
  EXPECT_EQ(sys->documents.at(special.value).title, "东阳市综合交通运输发展“十四五”规划");

  auto pub = plans_->get_public(master);
  GK_ASSERT_OK(pub);
  ASSERT_TRUE(*pub);
  ASSERT_EQ((*pub)->children.size(), 1u);
  EXPECT_EQ((*pub)->children[0].document.id, special);
  EXPECT_FALSE(plans_->get_public(draft_plan)) << "NotFound: the document is not public";

  // Only the plans a department's staff may see are offered as parents: not another department's draft.
  auto candidates = plans_->parent_candidates(czj_editor_, DocumentId(999));
  GK_ASSERT_OK(candidates);
  EXPECT_EQ(candidates->size(), 2u);
}

TEST_P(PlansGuidesTest, ACycleIsRejectedAndTheStoredFactsStay) {
  const DocumentId a = create(editor_, draft("规划甲"));
  const DocumentId b = create(editor_, draft("规划乙"));
  const DocumentId c = create(editor_, draft("规划丙"));
  GK_ASSERT_OK(plans_->set(editor_, a, plan("special", "2021", "2025"), ctx_));
  GK_ASSERT_OK(plans_->set(editor_, b, plan("special", "2021", "2025", a), ctx_));
  GK_ASSERT_OK(plans_->set(editor_, c, plan("special", "2021", "2025", b), ctx_));
  const size_t audited = audit_actions().size();
  auto cycle = plans_->set(editor_, a, plan("special", "2021", "2025", c), ctx_);
  ASSERT_FALSE(cycle);
  EXPECT_EQ(cycle.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(cycle.error().message(), HasSubstr("循环"));
  EXPECT_FALSE((*plans_->get(editor_, a))->parent);
  EXPECT_EQ(audit_actions().size(), audited);

  auto unknown = plans_->set(editor_, a, plan("special", "2021", "2025", DocumentId(9999)), ctx_);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields().at(0).field, "parent");
}

TEST_P(PlansGuidesTest, APlanWithChildrenCannotBeRemoved) {
  const DocumentId a = create(editor_, draft("总体规划"));
  const DocumentId b = create(editor_, draft("专项规划"));
  GK_ASSERT_OK(plans_->set(editor_, a, plan("master", "2021", "2025"), ctx_));
  GK_ASSERT_OK(plans_->set(editor_, b, plan("special", "2021", "2025", a), ctx_));
  auto st = plans_->remove(editor_, a, ctx_);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kFailedPrecondition);
  GK_ASSERT_OK(plans_->remove(editor_, b, ctx_));
  GK_ASSERT_OK(plans_->remove(editor_, a, ctx_));
  EXPECT_FALSE(*plans_->get(editor_, a));
}

TEST_P(PlansGuidesTest, WhoMaySetFactsDependsOnTheDocumentsState) {
  const DocumentId id = create(editor_, draft("东阳市“十四五”历史文化名城保护规划"));
  publish(id, editor_, reviewer_);
  // Published: the editor may no longer change it; the department's reviewer may classify it.
  auto by_editor = plans_->set(editor_, id, plan("special", "2021", "2025"), ctx_);
  ASSERT_FALSE(by_editor);
  EXPECT_EQ(by_editor.error().code(), ErrorCode::kPermissionDenied);
  auto other_dept = plans_->set(czj_reviewer_, id, plan("special", "2021", "2025"), ctx_);
  ASSERT_FALSE(other_dept);
  EXPECT_EQ(other_dept.error().code(), ErrorCode::kPermissionDenied);
  GK_ASSERT_OK(plans_->set(reviewer_, id, plan("special", "2021", "2025"), ctx_));
  // Guide elements are content: not on a published document, whoever asks.
  documents::ServiceGuide g;
  g.item_name = g.legal_basis = g.conditions = g.materials = g.location = g.hours = g.procedure = "x";
  g.phone = "0579-1";
  auto guide = guides_->set(admin_, id, g, ctx_);
  ASSERT_FALSE(guide);
  EXPECT_EQ(guide.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(PlansGuidesTest, ADocumentIsOneKindAtMost) {
  const DocumentId id = create(czj_editor_, draft("东阳市财政局2024年部门预算"));
  GK_ASSERT_OK(budgets_->set(czj_editor_, id, {std::nullopt, "2024", "budget"}, ctx_));
  auto as_plan = plans_->set(czj_editor_, id, plan("special", "2021", "2025"), ctx_);
  ASSERT_FALSE(as_plan);
  EXPECT_EQ(as_plan.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(as_plan.error().message(), HasSubstr("已登记为预决算"));
}

TEST_P(PlansGuidesTest, OneBudgetReportPerDepartmentYearAndKindAndTheMatrixShowsTheGaps) {
  const DocumentId b2024 = create(czj_editor_, draft("东阳市财政局2024年部门预算"));
  GK_ASSERT_OK(budgets_->set(czj_editor_, b2024, {std::nullopt, "2024", "budget"}, ctx_));
  publish(b2024, czj_editor_, czj_reviewer_);
  const DocumentId f2023 = create(czj_editor_, draft("东阳市财政局2023年部门决算"));
  GK_ASSERT_OK(budgets_->set(czj_editor_, f2023, {std::nullopt, "2023", "final_account"}, ctx_));
  publish(f2023, czj_editor_, czj_reviewer_);
  const DocumentId unpublished = create(czj_editor_, draft("东阳市财政局2022年部门预算（未发布）"));
  GK_ASSERT_OK(budgets_->set(czj_editor_, unpublished, {std::nullopt, "2022", "budget"}, ctx_));

  const DocumentId dup = create(czj_editor_, draft("重复的2024年部门预算"));
  auto st = budgets_->set(czj_editor_, dup, {std::nullopt, "2024", "budget"}, ctx_);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(st.error().fields().at(0).message, HasSubstr(std::to_string(b2024.value)));
  auto this_year_final = budgets_->set(czj_editor_, dup, {std::nullopt, "2024", "final_account"}, ctx_);
  ASSERT_FALSE(this_year_final) << "2024 has not ended";
  auto other_dept = budgets_->set(czj_editor_, dup, {fgj_, "2023", "budget"}, ctx_);
  ASSERT_FALSE(other_dept);
  EXPECT_EQ(other_dept.error().code(), ErrorCode::kPermissionDenied);

  const documents::BudgetDepartment depts[] = {{czj_, "czj", "东阳市财政局"},
                                               {fgj_, "fgj", "东阳市发展和改革局"}};
  auto m = budgets_->matrix(depts, 5);
  GK_ASSERT_OK(m);
  EXPECT_THAT(m->years, ElementsAre(2024, 2023, 2022, 2021, 2020));
  const auto& czj_row = m->rows.at(0);
  EXPECT_EQ(czj_row.years[0].budget.status, BudgetCellStatus::kPublished);
  EXPECT_EQ(czj_row.years[0].budget.report->report.document, b2024);
  EXPECT_EQ(czj_row.years[0].final_account.status, BudgetCellStatus::kNotYetDue);
  EXPECT_EQ(czj_row.years[1].final_account.status, BudgetCellStatus::kPublished);
  EXPECT_EQ(czj_row.years[2].budget.status, BudgetCellStatus::kMissing)
      << "an unpublished report is still a gap";
  EXPECT_EQ(czj_row.missing, 7);
  EXPECT_EQ(m->rows.at(1).missing, 9);

  auto facts = budgets_->get_public(b2024);
  GK_ASSERT_OK(facts);
  ASSERT_TRUE(*facts);
  EXPECT_EQ((*facts)->department, czj_);
  EXPECT_EQ((*facts)->fiscal_year, 2024);
}

TEST_P(PlansGuidesTest, GuidesNameTheirMissingElementsAndListOnlyPublicOnes) {
  const DocumentId id = create(czj_editor_, draft("政府采购供应商投诉处理办事指南"));
  documents::ServiceGuide g;
  g.item_name = "政府采购投诉处理";
  g.conditions = "参加政府采购活动的供应商";
  g.location = "东阳市行政服务中心";
  g.hours = "工作日";
  g.phone = "0579-86660000";
  auto incomplete = guides_->set(czj_editor_, id, g, ctx_);
  ASSERT_FALSE(incomplete);
  EXPECT_EQ(incomplete.error().message(), "办事指南缺少必备要素：设定依据、办理材料、办理流程");
  g.legal_basis = "《政府采购质疑和投诉办法》（财政部令第94号）";
  g.materials = "投诉书\n身份证明";
  g.procedure = "受理—调查—决定";
  g.fee = "不收费";
  GK_ASSERT_OK(guides_->set(czj_editor_, id, g, ctx_));
  const DocumentId other = create(editor_, draft("企业投资项目备案办事指南"));
  documents::ServiceGuide g2 = g;
  g2.item_name = "企业投资项目备案";
  GK_ASSERT_OK(guides_->set(editor_, other, g2, ctx_));

  auto before = guides_->list_public({});
  GK_ASSERT_OK(before);
  EXPECT_EQ(before->total, 0) << "drafts are not listed";
  publish(id, czj_editor_, czj_reviewer_);
  publish(other, editor_, reviewer_);

  auto all = guides_->list_public({});
  GK_ASSERT_OK(all);
  EXPECT_EQ(all->total, 2);
  auto czj_only = guides_->list_public({czj_, "", 1, 20});
  GK_ASSERT_OK(czj_only);
  ASSERT_EQ(czj_only->items.size(), 1u);
  EXPECT_EQ(czj_only->items[0].guide.materials, "投诉书\n身份证明");
  EXPECT_EQ(czj_only->items[0].guide.fee, "不收费");
  EXPECT_EQ(czj_only->items[0].guide.online_url, "");
  auto by_name = guides_->list_public({std::nullopt, "备案", 1, 20});
  GK_ASSERT_OK(by_name);
  ASSERT_EQ(by_name->items.size(), 1u);
  EXPECT_EQ(by_name->items[0].document.id, other);
  auto percent = guides_->list_public({std::nullopt, "%", 1, 20});
  GK_ASSERT_OK(percent);
  EXPECT_EQ(percent->total, 0) << "LIKE wildcards are escaped";
}

TEST_P(PlansGuidesTest, TopicColumnsAreCityWideUniqueFeaturedAndHoldAnyDepartmentsDocuments) {
  auto denied = topics_->create(czj_editor_, {"topic_epidemic", "涉疫信息", "", true}, ctx_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  auto topic = topics_->create(admin_, {"topic_epidemic", "涉疫信息", "7", false}, ctx_);
  GK_ASSERT_OK(topic);
  auto dup = topics_->create(admin_, {"topic_epidemic", "涉疫信息（重复）", "", false}, ctx_);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().fields().at(0).field, "key");

  // Two departments put documents into it through the document's columns.
  DocumentDraft d1 = draft("关于做好冬春季疫情防控工作的通知");
  d1.columns = {*topic};
  const DocumentId one = create(czj_editor_, d1);
  publish(one, czj_editor_, czj_reviewer_);
  DocumentDraft d2 = draft("疫苗接种点公告");
  d2.columns = {*topic};
  const DocumentId two = create(editor_, d2);
  publish(two, editor_, reviewer_);
  documents::DocumentQuery q;
  q.column = *topic;
  auto page = documents_->list_public(q);
  GK_ASSERT_OK(page);
  EXPECT_EQ(page->total, 2);

  auto none = topics_->featured();
  GK_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  GK_ASSERT_OK(topics_->set_featured(admin_, *topic, true, ctx_));
  auto featured = topics_->featured();
  GK_ASSERT_OK(featured);
  ASSERT_EQ(featured->size(), 1u);
  EXPECT_EQ((*featured)[0].name, "涉疫信息");
  EXPECT_EQ((*featured)[0].update_cycle_days, 7);
  EXPECT_FALSE(topics_->set_featured(czj_reviewer_, *topic, false, ctx_));
  auto found = topics_->find("topic_epidemic");
  GK_ASSERT_OK(found);
  EXPECT_TRUE(found->featured);
  EXPECT_EQ(topics_->find("topic_none").error().code(), ErrorCode::kNotFound);

  // The database itself refuses a second city-wide column with the same key.
  Status raw = document_store_->transact([&](documents::DocumentRepository& repo, audit::AuditSink&) -> Status {
    documents::Column c;
    c.key = "topic_epidemic";
    c.name = "重复";
    GK_TRY_STATUS(repo.insert_column(c));
    return ok();
  });
  ASSERT_FALSE(raw);
  EXPECT_EQ(raw.error().code(), ErrorCode::kConflict);
}

TEST_P(PlansGuidesTest, EveryChangeOfFactsIsAudited) {
  const DocumentId p = create(editor_, draft("规划"));
  GK_ASSERT_OK(plans_->set(editor_, p, plan("master", "2021", "2025"), ctx_));
  GK_ASSERT_OK(plans_->set(editor_, p, plan("master", "2021", "2025"), ctx_));  // unchanged: no row
  GK_ASSERT_OK(plans_->remove(editor_, p, ctx_));
  const DocumentId b = create(czj_editor_, draft("预算"));
  GK_ASSERT_OK(budgets_->set(czj_editor_, b, {std::nullopt, "2024", "budget"}, ctx_));
  GK_ASSERT_OK(budgets_->remove(czj_editor_, b, ctx_));
  auto topic = topics_->create(admin_, {"topic_flood", "防汛防台", "", true}, ctx_);
  GK_ASSERT_OK(topic);
  GK_ASSERT_OK(topics_->set_featured(admin_, *topic, false, ctx_));
  std::vector<std::string> ours;
  for (const auto& a : audit_actions()) {
    if (a.find("plan") != std::string::npos || a.find("budget") != std::string::npos ||
        a.starts_with("column.")) {
      ours.push_back(a);
    }
  }
  EXPECT_THAT(ours, ElementsAre("document.plan_set", "document.plan_remove", "document.budget_report_set",
                                "document.budget_report_remove", "column.topic_create", "column.unfeature"));
  auto verified = storage::verify_audit_log(db());
  GK_ASSERT_OK(verified);
  EXPECT_TRUE(verified->ok) << verified->reason;
}

GK_INSTANTIATE_ENGINE_TESTS(PlansGuidesTest);

}  // namespace
}  // namespace gk::storage_test
