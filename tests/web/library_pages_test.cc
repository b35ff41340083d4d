// The typed parts of the library as visitors and staff see them: the plan system (/plans), the budget
// matrix with its gaps (/budgets), service guides (/guides and their elements on the document page),
// featured topic columns on the home page, and the back-office forms that set those facts. Every
// request goes through the real router, middleware and SQLite storage.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "http/form.h"
#include "web_fixture.h"

namespace gk::web_test {
namespace {

using accounts::Principal;
using accounts::Role;
using documents::WorkflowAction;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

size_t count(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

class LibraryPagesTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    if (HasFatalFailure()) return;
    auto depts = accounts_->list_departments(nullptr);
    ASSERT_TRUE(depts);
    for (const auto& d : *depts) ids_[d.code] = d.id;
  }

  Principal staff(int64_t user, const std::string& dept, std::vector<Role> roles) {
    Principal p;
    p.kind = Principal::Kind::kStaff;
    p.user = UserId(user);
    p.display_name = "staff" + std::to_string(user);
    p.department = ids_.at(dept);
    p.department_name = dept;
    p.roles = std::move(roles);
    return p;
  }

  documents::DocumentDraft draft(const std::string& title) {
    documents::DocumentDraft d;
    d.title = title;
    d.formed_on = "2024-09-20";
    d.genre = "plan";
    d.topic = "economy";
    d.summary = "概述";
    d.body_html = "<p>正文。</p>";
    return d;
  }

  int version_of(DocumentId id) { return documents_->get(Principal::system(), id)->document.version; }

  // Drafts a document in `dept`, lets `facts` register its typed facts while it is a draft, then
  // submits, approves and publishes it.
  DocumentId publish(const std::string& dept, documents::DocumentDraft d,
                     const std::function<void(const Principal&, DocumentId)>& facts = {}) {
    const Principal editor = staff(900 + next_++, dept, {Role::kEditor});
    const Principal reviewer = staff(900 + next_++, dept, {Role::kReviewer});
    auto id = documents_->create(editor, d, ctx_);
    EXPECT_TRUE(id) << id.error().to_string();
    if (!id) return DocumentId();
    if (facts) facts(editor, *id);
    EXPECT_TRUE(documents_->act(editor, *id, version_of(*id), WorkflowAction::kSubmit, "", ctx_));
    EXPECT_TRUE(documents_->act(reviewer, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_));
    auto st = documents_->publish(reviewer, *id, version_of(*id), std::nullopt, ctx_);
    EXPECT_TRUE(st) << st.error().to_string();
    return *id;
  }

  documents::ServiceGuide guide(const std::string& item) {
    documents::ServiceGuide g;
    g.item_name = item;
    g.legal_basis = "《中华人民共和国政府采购法》第五十五条";
    g.conditions = "参加政府采购活动的供应商";
    g.materials = "投诉书\n身份证明";
    g.location = "东阳市行政服务中心三楼";
    g.hours = "工作日 8:30—17:00";
    g.phone = "0579-86660000";
    g.procedure = "受理—调查—处理决定";
    return g;
  }

  std::map<std::string, DepartmentId> ids_;
  RequestContext ctx_{"setup", "", ""};
  int next_ = 0;
};

TEST_F(LibraryPagesTest, PlansPageShowsTheCitysPlanSystemAsATreeGroupedByPeriod) {
  const DocumentId master = publish(
      "sfb", draft("东阳市国民经济和社会发展第十四个五年规划纲要"), [&](const Principal& p, DocumentId id) {
        ASSERT_TRUE(plans_->set(p, id, {"master", "county", "2021", "2025", ""}, ctx_));
      });
  const DocumentId special =
      publish("czj", draft("东阳市财政发展“十四五”规划"), [&](const Principal& p, DocumentId id) {
        ASSERT_TRUE(
            plans_->set(p, id, {"special", "county", "2021", "2025", std::to_string(master.value)}, ctx_));
      });
  publish("sfb", draft("东阳市国民经济和社会发展第十三个五年规划纲要"),
          [&](const Principal& p, DocumentId id) {
            ASSERT_TRUE(plans_->set(p, id, {"master", "county", "2016", "2020", ""}, ctx_));
          });
  const Principal editor = staff(950, "czj", {Role::kEditor});
  auto hidden = documents_->create(editor, draft("起草中的专项规划"), ctx_);
  ASSERT_TRUE(hidden);
  ASSERT_TRUE(plans_->set(editor, *hidden,
                          {"special", "county", "2021", "2025", std::to_string(master.value)}, ctx_));

  Client c;
  http::Response res = get(c, "/plans");
  ASSERT_EQ(res.status, 200) << res.body;
  const std::string& b = res.body;
  EXPECT_TRUE(contains(b, "“十四五”（2021—2025年）"));
  EXPECT_TRUE(contains(b, "“十三五”（2016—2020年）"));
  EXPECT_LT(b.find("十四五”（2021"), b.find("十三五”（2016")) << "newest period first";
  // The special plan is nested under the master plan it derives from, and links to its document.
  const size_t root = b.find("/documents/" + std::to_string(master.value) + "\"");
  const size_t child = b.find("/documents/" + std::to_string(special.value) + "\"");
  ASSERT_NE(root, std::string::npos);
  ASSERT_NE(child, std::string::npos);
  EXPECT_TRUE(contains(b.substr(root, child - root), "<ul>")) << "the child sits in the root's list";
  EXPECT_TRUE(contains(b, "东阳市财政局"));
  EXPECT_FALSE(contains(b, "起草中的专项规划")) << "drafts are not public";
  EXPECT_TRUE(contains(b, "href=\"/plans\"")) << "规划 is in the portal navigation";

  http::Response special_only = get(c, "/plans?type=special");
  ASSERT_EQ(special_only.status, 200);
  EXPECT_TRUE(contains(special_only.body, "plan-context")) << "the master plan is shown as context";
  EXPECT_FALSE(contains(special_only.body, "第十三个五年规划纲要"));
  http::Response period = get(c, "/plans?period=2016-2020");
  ASSERT_EQ(period.status, 200);
  EXPECT_FALSE(contains(period.body, "东阳市财政发展“十四五”规划"));
  EXPECT_TRUE(contains(period.body, "第十三个五年规划纲要"));
  EXPECT_EQ(get(c, "/plans?type=overall").status, 400);
  EXPECT_EQ(get(c, "/plans?period=" + http::url_encode("十四五")).status, 400);

  // The plan's document page shows its place in the system.
  http::Response doc = get(c, "/documents/" + std::to_string(special.value));
  ASSERT_EQ(doc.status, 200);
  EXPECT_TRUE(contains(doc.body, "规划信息"));
  EXPECT_TRUE(contains(doc.body, "《东阳市国民经济和社会发展第十四个五年规划纲要》"));
}

TEST_F(LibraryPagesTest, BudgetsPageShowsEachDepartmentsYearsAndMarksTheGapsAsNotDisclosed) {
  const DocumentId b2024 =
      publish("czj", draft("东阳市财政局2024年部门预算"), [&](const Principal& p, DocumentId id) {
        ASSERT_TRUE(budgets_->set(p, id, {std::nullopt, "2024", "budget"}, ctx_));
      });
  Client c;
  http::Response res = get(c, "/budgets");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "2024年度"));
  EXPECT_TRUE(contains(res.body, "2020年度"));
  EXPECT_FALSE(contains(res.body, "2019年度")) << "the latest five years";
  EXPECT_TRUE(contains(res.body, "/documents/" + std::to_string(b2024.value)));
  EXPECT_TRUE(contains(res.body, "未公开"));
  EXPECT_TRUE(contains(res.body, "未到期")) << "2024 final account is due only in 2025";
  // Three departments × 10 cells, one published, three final accounts of 2024 not yet due.
  EXPECT_EQ(count(res.body, ">未公开<"), 26u);
  EXPECT_TRUE(contains(res.body, "东阳市财政局"));
  EXPECT_TRUE(contains(res.body, "横店镇人民政府"));

  http::Response towns = get(c, "/budgets?group=town");
  ASSERT_EQ(towns.status, 200);
  EXPECT_FALSE(contains(towns.body, "东阳市财政局"));
  EXPECT_EQ(get(c, "/budgets?group=nope").status, 400);

  http::Response dept = get(c, "/departments/czj/budgets");
  ASSERT_EQ(dept.status, 200);
  EXPECT_TRUE(contains(dept.body, "东阳市财政局2024年部门预算"));
  EXPECT_TRUE(contains(dept.body, "2015年度")) << "ten years for one department";
  EXPECT_EQ(get(c, "/departments/nope/budgets").status, 404);

  http::Response doc = get(c, "/documents/" + std::to_string(b2024.value));
  EXPECT_TRUE(contains(doc.body, "本文件为东阳市财政局2024年度部门预算"));
}

TEST_F(LibraryPagesTest, GuidesAreListedAndTheirElementsShownOnTheDocumentPage) {
  const DocumentId id =
      publish("czj", draft("政府采购投诉处理办事指南"), [&](const Principal& p, DocumentId doc) {
        ASSERT_TRUE(guides_->set(p, doc, guide("政府采购投诉处理"), ctx_));
      });
  publish("hdz", draft("农村宅基地审批办事指南"), [&](const Principal& p, DocumentId doc) {
    ASSERT_TRUE(guides_->set(p, doc, guide("农村宅基地审批"), ctx_));
  });
  Client c;
  http::Response list = get(c, "/guides");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(contains(list.body, "政府采购投诉处理"));
  EXPECT_TRUE(contains(list.body, "农村宅基地审批"));
  EXPECT_TRUE(contains(list.body, "0579-86660000"));
  http::Response czj = get(c, "/guides?department=czj");
  EXPECT_TRUE(contains(czj.body, "政府采购投诉处理"));
  EXPECT_FALSE(contains(czj.body, "农村宅基地审批"));
  http::Response search = get(c, "/guides?q=" + http::url_encode("宅基地"));
  EXPECT_FALSE(contains(search.body, "政府采购投诉处理"));
  EXPECT_TRUE(contains(search.body, "农村宅基地审批"));
  EXPECT_EQ(get(c, "/guides?department=nope").status, 400);

  http::Response doc = get(c, "/documents/" + std::to_string(id.value));
  ASSERT_EQ(doc.status, 200);
  for (const char* label :
       {"事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程"}) {
    EXPECT_TRUE(contains(doc.body, std::string("<th scope=\"row\">") + label + "</th>")) << label;
  }
  EXPECT_TRUE(contains(doc.body, "《中华人民共和国政府采购法》第五十五条"));
  EXPECT_FALSE(contains(doc.body, "收费标准")) << "optional elements left empty are not shown";
}

TEST_F(LibraryPagesTest, AFeaturedTopicShowsOnTheHomePageWithItsLatestDocuments) {
  auto topic = topics_->create(Principal::system(), {"topic_epidemic", "涉疫信息", "7", true}, ctx_);
  ASSERT_TRUE(topic) << topic.error().to_string();
  for (int i = 1; i <= 6; ++i) {
    auto d = draft("疫情防控通告第" + std::to_string(i) + "号");
    d.columns = {*topic};
    clock_.advance_seconds(60);
    publish(i % 2 ? "czj" : "hdz", d);
  }
  Client c;
  http::Response home = get(c, "/");
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_TRUE(contains(home.body, "涉疫信息"));
  EXPECT_TRUE(contains(home.body, "疫情防控通告第6号"));
  EXPECT_TRUE(contains(home.body, "疫情防控通告第2号"));
  EXPECT_FALSE(contains(home.body, "疫情防控通告第1号")) << "the latest five";
  EXPECT_TRUE(contains(home.body, "href=\"/topics/topic_epidemic\""));

  http::Response page = get(c, "/topics/topic_epidemic");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "疫情防控通告第1号"));
  EXPECT_EQ(get(c, "/topics/topic_none").status, 404);

  ASSERT_TRUE(topics_->set_featured(Principal::system(), *topic, false, ctx_));
  EXPECT_FALSE(contains(get(c, "/").body, "疫情防控通告第6号"));
}

TEST_F(LibraryPagesTest, EditorSetsFactsOnTheDocumentsAdminPage) {
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  Client c;
  login(c, "czj.editor");
  auto id = documents_->create(staff(960, "czj", {Role::kEditor}), draft("政府采购投诉处理办事指南"), ctx_);
  ASSERT_TRUE(id);
  const std::string page = "/admin/documents/" + std::to_string(id->value);
  http::Response admin = get(c, page);
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_TRUE(contains(admin.body, "办事指南要素"));

  // A reversed plan period is a field error next to the field; nothing is registered.
  http::Response bad_plan = post_form(c, page, page + "/plan",
                                      {{"plan_type", "special"},
                                       {"plan_level", "county"},
                                       {"period_start_year", "2025"},
                                       {"period_end_year", "2021"}});
  EXPECT_EQ(bad_plan.status, 400);
  EXPECT_TRUE(contains(bad_plan.body, "<p class=\"field-error\">规划期截止年份不能早于起始年份</p>"));

  http::Response missing = post_form(c, page, page + "/guide",
                                     {{"item_name", "政府采购投诉处理"},
                                      {"conditions", "供应商"},
                                      {"location", "行政服务中心"},
                                      {"hours", "工作日"},
                                      {"phone", "0579-86660000"}});
  ASSERT_EQ(missing.status, 400) << missing.body;
  EXPECT_TRUE(contains(missing.body, "办事指南缺少必备要素：设定依据、办理材料、办理流程"));
  EXPECT_TRUE(contains(missing.body, "value=\"政府采购投诉处理\"")) << "typed values are kept";

  http::Response saved = post_form(c, page, page + "/guide",
                                   {{"item_name", "政府采购投诉处理"},
                                    {"legal_basis", "政府采购法"},
                                    {"conditions", "供应商"},
                                    {"materials", "投诉书"},
                                    {"location", "行政服务中心"},
                                    {"hours", "工作日"},
                                    {"phone", "0579-86660000"},
                                    {"procedure", "受理—处理"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto g = guides_->get(Principal::system(), *id);
  ASSERT_TRUE(g && *g);
  EXPECT_EQ((*g)->materials, "投诉书");
  EXPECT_TRUE(contains(get(c, page).body, "办事指南要素（已填写）"));

  // Once it is a guide, it cannot also be a plan: no plan form, and a forged post is refused.
  EXPECT_TRUE(contains(get(c, page).body, "该文件已登记为办事指南；一份文件只能是一种类型。"));
  http::Response second_kind = post_form(c, page, page + "/plan",
                                         {{"plan_type", "special"},
                                          {"plan_level", "county"},
                                          {"period_start_year", "2021"},
                                          {"period_end_year", "2025"}});
  EXPECT_EQ(second_kind.status, 409);
  EXPECT_TRUE(contains(second_kind.body, "该文件已登记为办事指南"));
}

TEST_F(LibraryPagesTest, OnlyAdminsAndSupervisorsManageTopics) {
  add_user("admin.one", "管理员", "sfb", {Role::kAdmin});
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  Client editor;
  login(editor, "czj.editor");
  http::Response list = get(editor, "/admin/topics");
  ASSERT_EQ(list.status, 200);
  EXPECT_FALSE(contains(list.body, "id=\"topic-form\""));
  http::Response refused =
      post_form(editor, "/admin/topics", "/admin/topics", {{"key", "topic_epidemic"}, {"name", "涉疫信息"}});
  EXPECT_EQ(refused.status, 403);

  Client admin;
  login(admin, "admin.one");
  http::Response bad =
      post_form(admin, "/admin/topics", "/admin/topics", {{"key", "epidemic"}, {"name", "涉疫信息"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "value=\"涉疫信息\""));
  http::Response created = post_form(admin, "/admin/topics", "/admin/topics",
                                     {{"key", "topic_epidemic"}, {"name", "涉疫信息"}, {"featured", "1"}});
  ASSERT_EQ(created.status, 303) << created.body;
  auto featured = topics_->featured();
  ASSERT_TRUE(featured);
  ASSERT_EQ(featured->size(), 1u);
  http::Response off =
      post_form(admin, "/admin/topics",
                "/admin/topics/" + std::to_string((*featured)[0].id.value) + "/feature", {{"featured", "0"}});
  ASSERT_EQ(off.status, 303);
  EXPECT_TRUE(topics_->featured()->empty());
  EXPECT_TRUE(contains(get(admin, "/admin/audit").body, "新建专题栏目“涉疫信息”"));

  // An editor may now put a document into the topic from the document form.
  http::Response form = get(editor, "/admin/documents/new");
  EXPECT_TRUE(contains(form.body, "专题：涉疫信息"));
}

}  // namespace
}  // namespace gk::web_test
