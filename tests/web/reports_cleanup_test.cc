// The document library's back-office reports and the cleanup campaign as a browser sees them: the
// 条例 Art. 26 timeliness report (late documents flagged, department scope, CSV), the list of
// normative documents expiring within six months (and the count on the back-office home), and a
// full 规范性文件清理 from the create form to the public result and the repealed document's page.
// The fixture's clock is 2024-10-01 08:00 CST (国庆节: not a working day).
#include <gtest/gtest.h>

#include "web_fixture.h"

namespace gk::web_test {
namespace {

using accounts::Role;

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// The value of the first `name="<field>" value="…"` on a page.
std::string field_value(const std::string& body, const std::string& field) {
  const std::string marker = "name=\"" + field + "\" value=\"";
  const size_t at = body.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return body.substr(start, body.find('"', start) - start);
}

struct Doc {
  std::string title;
  std::string department = "czj";
  std::string formed_on = "2024-09-27";
  bool normative = false;
  std::string effective_on;
  std::string expires_on;
};

class ReportsCleanupTest : public WebFixture {
 protected:
  DepartmentId department(const std::string& code) {
    auto depts = accounts_->list_departments(nullptr);
    EXPECT_TRUE(depts);
    for (const auto& d : *depts)
      if (d.code == code) return d.id;
    ADD_FAILURE() << "no department " << code;
    return {};
  }

  // Drafts as the system principal in the document's department and publishes now.
  DocumentId publish(const Doc& spec) {
    accounts::Principal who = accounts::Principal::system();
    who.department = department(spec.department);
    who.department_name = spec.department;
    documents::DocumentDraft d;
    d.title = spec.title;
    d.formed_on = spec.formed_on;
    d.normative = spec.normative;
    d.effective_on = spec.effective_on;
    d.expires_on = spec.expires_on;
    if (spec.normative) d.unified_number = "DYGS-2024-" + std::to_string(++serial_);
    d.topic = "finance";
    d.summary = "内容概述";
    d.body_html = "<p>正文。</p>";
    const RequestContext rc{"test", "", ""};
    auto id = documents_->create(who, d, rc);
    EXPECT_TRUE(id) << id.error().to_string();
    if (!id) return {};
    auto version = [&] { return documents_->get(accounts::Principal::system(), *id)->document.version; };
    for (auto a : {documents::WorkflowAction::kSubmit, documents::WorkflowAction::kApprove}) {
      Status st = documents_->act(accounts::Principal::system(), *id, version(), a, "", rc);
      EXPECT_TRUE(st) << st.error().to_string();
    }
    Status st = documents_->publish(accounts::Principal::system(), *id, version(), std::nullopt, rc);
    EXPECT_TRUE(st) << st.error().to_string();
    return *id;
  }

  int serial_ = 0;
};

// ---- 条例第二十六条: timeliness ------------------------------------------------------------

TEST_F(ReportsCleanupTest, TimelinessReportFlagsALateDocumentInRed) {
  // Formed 2024-08-01: the 20th working day was 08-29; published 10-01 after 42 working days.
  const DocumentId late = publish({.title = "八月形成的财政信息", .formed_on = "2024-08-01"});
  // Formed 2024-09-27: 09-29 (调休上班) and 09-30 counted, 10-01 (国庆) not; due 10-30.
  const DocumentId on_time = publish({.title = "九月形成的财政信息", .formed_on = "2024-09-27"});
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  Client c;
  login(c, "czj.editor");

  http::Response res = get(c, "/admin/reports/timeliness?year=2024");
  ASSERT_EQ(res.status, 200) << res.body;
  const std::string late_row = "id=\"doc-" + std::to_string(late.value) + "\" class=\"timeliness-late late\"";
  const std::string ok_row = "id=\"doc-" + std::to_string(on_time.value) + "\" class=\"timeliness-on_time\"";
  ASSERT_TRUE(contains(res.body, late_row)) << res.body;
  EXPECT_TRUE(contains(res.body, ok_row)) << res.body;
  const std::string row = res.body.substr(res.body.find(late_row), 1200);
  EXPECT_TRUE(contains(row, "<td>2024-08-01</td>"));
  EXPECT_TRUE(contains(row, "<td>42</td>"));
  EXPECT_TRUE(contains(row, "<td>2024-08-29</td>"));
  EXPECT_TRUE(contains(row, "<strong class=\"overdue\">逾期</strong>"));
  EXPECT_TRUE(contains(res.body, "逾期 1 件"));
  EXPECT_TRUE(contains(res.body, "按时 <strong>1</strong> 件"));
  EXPECT_TRUE(contains(res.body, "按时公开率 <strong>50.0%</strong>"));

  http::Response csv = get(c, "/admin/reports/timeliness.csv?year=2024");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers.get("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(contains(csv.body, "\"八月形成的财政信息\""));
  EXPECT_TRUE(contains(csv.body, "\"2024-08-01\",\"2024-10-01\",\"42\",\"2024-08-29\",\"逾期\""));
  EXPECT_TRUE(contains(csv.body, "按时公开率 50.0%"));

  EXPECT_TRUE(contains(get(c, "/admin/reports/timeliness?year=2023").body,
                       "已公开主动公开文件 <strong>0</strong> 件"));
  EXPECT_EQ(get(c, "/admin/reports/timeliness?year=24").status, 400);
}

TEST_F(ReportsCleanupTest, TimelinessReportIsScopedToTheStaffsDepartment) {
  publish({.title = "财政局的文件"});
  publish({.title = "横店镇的文件", .department = "hdz"});
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  add_user("city.supervisor", "公开办", "sfb", {Role::kSupervisor});
  Client staff;
  login(staff, "czj.editor");
  http::Response own = get(staff, "/admin/reports/timeliness?year=2024");
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, "财政局的文件"));
  EXPECT_FALSE(contains(own.body, "横店镇的文件"));
  EXPECT_EQ(get(staff, "/admin/reports/timeliness?year=2024&department=hdz").status, 403);
  EXPECT_EQ(get(staff, "/admin/reports/timeliness.csv?year=2024&department=hdz").status, 403);
  EXPECT_EQ(get(staff, "/admin/reports/expiring?department=hdz").status, 403);
  EXPECT_EQ(get(staff, "/admin/reports/timeliness?department=nosuch").status, 400);

  Client city;
  login(city, "city.supervisor");
  http::Response all = get(city, "/admin/reports/timeliness?year=2024");
  ASSERT_EQ(all.status, 200);
  EXPECT_TRUE(contains(all.body, "财政局的文件"));
  EXPECT_TRUE(contains(all.body, "横店镇的文件"));
  http::Response one = get(city, "/admin/reports/timeliness?year=2024&department=hdz");
  ASSERT_EQ(one.status, 200);
  EXPECT_FALSE(contains(one.body, "财政局的文件"));
  EXPECT_TRUE(contains(one.body, "横店镇的文件"));
}

// ---- Expiry warnings -----------------------------------------------------------------------------

TEST_F(ReportsCleanupTest, ExpiringListShowsADefaultFiveYearPeriodEndingWithinSixMonths) {
  // In force since 2020-01-01 without 失效日期: the default 5 years end on 2025-01-01, 92 days away.
  const DocumentId old =
      publish({.title = "东阳市财政专项资金管理办法", .normative = true, .effective_on = "2020-01-01"});
  publish(
      {.title = "东阳市政府采购管理暂行办法", .normative = true, .effective_on = "2023-01-01"});  // 2 years
  publish(
      {.title = "东阳市非税收入管理办法", .normative = true, .effective_on = "2023-01-01"});  // until 2028
  publish({.title = "东阳市收费管理办法",
           .normative = true,
           .effective_on = "2022-01-01",
           .expires_on = "2024-12-01"});
  publish(
      {.title = "横店镇规范性文件", .department = "hdz", .normative = true, .effective_on = "2020-01-01"});
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  Client c;
  login(c, "czj.editor");

  http::Response res = get(c, "/admin/reports/expiring");
  ASSERT_EQ(res.status, 200) << res.body;
  const std::string marker = "id=\"doc-" + std::to_string(old.value) + "\"";
  ASSERT_TRUE(contains(res.body, marker)) << res.body;
  const std::string row = res.body.substr(res.body.find(marker), 1200);
  EXPECT_TRUE(contains(row, "<td>2024-12-31</td>")) << "有效期至: the last day in force";
  EXPECT_TRUE(contains(row, "92 天"));
  EXPECT_TRUE(contains(row, "默认有效期（5 年）"));
  EXPECT_TRUE(contains(res.body, "默认有效期（2 年）")) << "试行/暂行: 2 years";
  EXPECT_TRUE(contains(res.body, "文件规定的失效日期"));
  EXPECT_FALSE(contains(res.body, "东阳市非税收入管理办法"));
  EXPECT_FALSE(contains(res.body, "横店镇规范性文件")) << "another department's document";
  EXPECT_TRUE(contains(res.body, "<strong>3</strong> 件规范性文件将在 6 个月内到期"));
  // The soonest expiry comes first.
  EXPECT_LT(res.body.find("东阳市收费管理办法"), res.body.find("东阳市财政专项资金管理办法"));

  http::Response home = get(c, "/admin");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(contains(home.body, "3 件规范性文件将在 6 个月内到期")) << home.body;
}

// ---- Cleanup campaign ----------------------------------------------------------------------------

TEST_F(ReportsCleanupTest, FullCleanupCampaignFlipsARepealedDocumentsValidityOnItsPublicPage) {
  const DocumentId keep =
      publish({.title = "东阳市财政专项资金管理办法", .normative = true, .effective_on = "2022-01-01"});
  const DocumentId repeal =
      publish({.title = "东阳市政府采购管理暂行办法", .normative = true, .effective_on = "2023-01-01"});
  add_user("czj.reviewer", "财政审核人", "czj", {Role::kReviewer});
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  Client c;
  login(c, "czj.reviewer");

  http::Response created =
      post_form(c, "/admin/cleanup", "/admin/cleanup", {{"name", "2024年度规范性文件清理"}});
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string location(created.headers.get("Location").value_or(""));
  ASSERT_TRUE(location.starts_with("/admin/cleanup/")) << location;
  const std::string page = location.substr(0, location.find('?'));
  const std::string id = page.substr(std::string("/admin/cleanup/").size());

  http::Response batch = get(c, page);
  ASSERT_EQ(batch.status, 200);
  EXPECT_TRUE(contains(batch.body, "<strong>0/2</strong>"));
  EXPECT_TRUE(contains(batch.body, "东阳市政府采购管理暂行办法"));
  EXPECT_EQ(get(c, "/cleanup/" + id).status, 404) << "not public before publication";

  // A decision needs a reason: the page comes back with the error on that row.
  http::Response blank =
      post_form(c, page, page + "/decide",
                {{"document", std::to_string(keep.value)}, {"action", "keep"}, {"reason", " "}});
  EXPECT_EQ(blank.status, 400);
  EXPECT_TRUE(contains(blank.body, "请填写清理意见的理由"));

  ASSERT_EQ(post_form(c, page, page + "/decide",
                      {{"document", std::to_string(keep.value)},
                       {"action", "keep"},
                       {"reason", "符合现行法律法规，继续有效"}})
                .status,
            303);
  ASSERT_EQ(post_form(c, page, page + "/decide",
                      {{"document", std::to_string(repeal.value)},
                       {"action", "repeal"},
                       {"reason", "试行期满，已被新办法取代"}})
                .status,
            303);
  batch = get(c, page);
  EXPECT_TRUE(contains(batch.body, "<strong>2/2</strong>"));
  ASSERT_TRUE(contains(batch.body, "cleanup-publish-form"));

  // Colleagues without the reviewer role read the batch but get no forms, and cannot post.
  Client editor;
  login(editor, "czj.editor");
  http::Response read_only = get(editor, page);
  ASSERT_EQ(read_only.status, 200);
  EXPECT_FALSE(contains(read_only.body, "cleanup-publish-form"));
  EXPECT_EQ(post_form(editor, page, page + "/decide",
                      {{"document", std::to_string(keep.value)}, {"action", "repeal"}, {"reason", "越权"}})
                .status,
            403);

  const DocumentId notice = publish({.title = "关于公布2024年度规范性文件清理结果的通知"});
  EXPECT_FALSE(contains(get(c, "/documents/" + std::to_string(repeal.value)).body, "validity-repealed"));
  http::Response published =
      post_form(c, page, page + "/publish",
                {{"notice", std::to_string(notice.value)}, {"version", field_value(batch.body, "version")}});
  ASSERT_EQ(published.status, 303) << published.body;

  Client visitor;
  http::Response result = get(visitor, "/cleanup/" + id);
  ASSERT_EQ(result.status, 200);
  EXPECT_TRUE(contains(result.body, "2024年度规范性文件清理清理结果"));
  EXPECT_TRUE(contains(result.body, "继续有效的规范性文件（1 件）"));
  EXPECT_TRUE(contains(result.body, "废止的规范性文件（1 件）"));
  EXPECT_TRUE(contains(result.body, "修改的规范性文件（0 件）"));
  EXPECT_TRUE(contains(result.body, "符合现行法律法规，继续有效"));
  EXPECT_TRUE(contains(result.body, "试行期满，已被新办法取代"));
  EXPECT_TRUE(contains(result.body, "/documents/" + std::to_string(notice.value)));

  http::Response doc = get(visitor, "/documents/" + std::to_string(repeal.value));
  ASSERT_EQ(doc.status, 200);
  EXPECT_TRUE(contains(doc.body, "validity-banner validity-repealed")) << doc.body;
  EXPECT_TRUE(contains(doc.body, "2024-10-01 起被《关于公布2024年度规范性文件清理结果的通知》废止"));
  EXPECT_FALSE(contains(get(visitor, "/documents/" + std::to_string(keep.value)).body, "validity-banner"));

  // Published: no more forms, and the normative list no longer counts the repealed document in force.
  EXPECT_FALSE(contains(get(c, page).body, "cleanup-publish-form"));
  http::Response normative = get(visitor, "/normative");
  EXPECT_TRUE(contains(normative.body, "东阳市财政专项资金管理办法"));
  EXPECT_FALSE(contains(normative.body, "东阳市政府采购管理暂行办法"));
}

TEST_F(ReportsCleanupTest, OnlyReviewersAndAdminsSeeTheCreateForm) {
  publish({.title = "东阳市财政专项资金管理办法", .normative = true, .effective_on = "2022-01-01"});
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  Client c;
  login(c, "czj.editor");
  http::Response list = get(c, "/admin/cleanup");
  ASSERT_EQ(list.status, 200);
  EXPECT_FALSE(contains(list.body, "cleanup-create-form"));
  EXPECT_EQ(post_form(c, "/admin/cleanup", "/admin/cleanup", {{"name", "越权清理"}}).status, 403);
}

}  // namespace
}  // namespace gk::web_test
