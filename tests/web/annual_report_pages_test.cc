// 政府信息公开工作年度报告 as the 公开办 and a department meet it, through the real router,
// middleware, AnnualReportService and SQLite storage: the city-wide status table (deadlines, overdue
// in words), department scope (redirect to the own report, 403 on another's), the report in the
// official layout with drill-down links, the drill-down to the cases, the text form (CSRF, stale
// version), 报送 refused and accepted, publication into the 政府信息公开年报 column and its review,
// the downloads, the statistics upload and the public list.
//
// Dates: cases are filed in 2025; "today" is in the 2026 reporting season (departments' deadline
// 2026-01-31, 条例第四十九条).
#include <gtest/gtest.h>

#include <regex>

#include "foi_web_test.h"
#include "http/form.h"

namespace gk::web_test {
namespace {

using accounts::Role;
using Fields = std::vector<std::pair<std::string, std::string>>;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

constexpr const char* kBoundary = "----gkAnnualReportBoundary42";
constexpr const char* kReport = "/admin/annual-reports/2025/czj";

class AnnualReportPagesTest : public FoiWebTest {
 protected:
  void SetUp() override {
    FoiWebTest::SetUp();
    if (HasFatalFailure()) return;
    add_user("gkb", "公开办", "sfb", {Role::kSupervisor});
    add_user("writer", "财政局年报编写人", "czj", {Role::kEditor, Role::kFoiApprover});
    add_user("reviewer", "财政局审核人", "czj", {Role::kReviewer});
    add_user("editor", "财政局信息员", "czj", {Role::kEditor});
    add_user("hdz_officer", "横店经办人", "hdz", {Role::kFoiOfficer});
    std::vector<DepartmentId> all;
    for (const auto& [code, id] : ids_) all.push_back(id);
    auto cols = documents_->ensure_columns(all, ctx_rc_);
    ASSERT_TRUE(cols) << cols.error().to_string();
  }

  void set_today(int y, int m, int d) {
    auto date = Date::from_ymd(y, m, d);
    ASSERT_TRUE(date);
    clock_.set(Instant::from_seconds(int64_t{date->days()} * 86400 + 3600));  // 09:00 China time
  }

  // Two applications to 财政局 received in 2025, one of them answered (partially disclosed).
  std::vector<foi::IntakeResult> file_2025_cases() {
    set_today(2025, 6, 2);
    std::vector<foi::IntakeResult> out{file("2025年财政预算执行情况"), file("2025年政府采购目录")};
    reply_partially(out[0].id);
    set_today(2026, 1, 20);
    return out;
  }

  std::string csrf_of(Client& c, const std::string& page) {
    http::Response res = get(c, page);
    const std::string marker = "name=\"_csrf\" value=\"";
    const size_t at = res.body.find(marker);
    EXPECT_NE(at, std::string::npos) << page;
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    return res.body.substr(start, res.body.find('"', start) - start);
  }

  int report_version() {
    auto v = annual_reports_->get(accounts::Principal::system(), ids_.at("czj"), 2025);
    EXPECT_TRUE(v) << v.error().to_string();
    return v ? v->status.version : -1;
  }

  http::Response save_text(Client& c, int version, const std::string& overview, const std::string& problems,
                           const std::string& other) {
    return post_form(c, kReport, std::string(kReport) + "/text",
                     {{"version", std::to_string(version)},
                      {"overview", overview},
                      {"problems", problems},
                      {"other_matters", other}});
  }

  http::Response multipart(Client& c, const std::string& target, const std::string& csrf,
                           const std::string& file_name, const std::string& bytes) {
    std::string body =
        std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf +
        "\r\n--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2025\r\n--" +
        kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
        "\"\r\nContent-Type: text/csv\r\n\r\n" + bytes + "\r\n--" + kBoundary + "--\r\n";
    http::Request req;
    req.method = "POST";
    req.target = target;
    req.path = target;
    req.body = std::move(body);
    req.headers.set("Content-Type", std::string("multipart/form-data; boundary=") + kBoundary);
    std::string cookies;
    for (const auto& [k, v] : c.cookies) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
    req.headers.set("Cookie", cookies);
    req.remote_ip = "127.0.0.1";
    req.request_id = "test-upload";
    return router_->dispatch(req);
  }
};

TEST_F(AnnualReportPagesTest, CityWideTableListsEveryOrganWithDeadlineAndOverdueInWords) {
  set_today(2026, 2, 3);  // three days after the departments' deadline
  Client c;
  login(c, "gkb");
  auto res = get(c, "/admin/annual-reports");  // default: last year
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "2025 年度全市进度"));
  EXPECT_TRUE(contains(res.body, "id=\"ar-status\""));
  for (const char* organ : {"东阳市财政局", "横店镇人民政府", "东阳市人民政府办公室"})
    EXPECT_TRUE(contains(res.body, organ)) << organ;
  EXPECT_TRUE(contains(res.body, "2026-01-31"));
  EXPECT_TRUE(contains(res.body, "已逾期3天"));
  EXPECT_TRUE(contains(res.body, "ar-due-overdue"));
  EXPECT_TRUE(contains(res.body, "href=\"/admin/annual-reports/2025/czj\""));
  EXPECT_TRUE(
      std::regex_search(res.body, std::regex("已发布 <strong>0 / \\d+</strong>，已报送 <strong>0</strong>")))
      << res.body;
  EXPECT_TRUE(contains(res.body, "<progress id=\"ar-progress\""));
  EXPECT_TRUE(contains(res.body, "<caption>"));

  // The reminder job's notices: every organ's on the city table, the own one on a department's report.
  auto sent = annual_reports_->due_reminders(accounts::Principal::system(), clock_.today(), ctx_rc_);
  ASSERT_TRUE(sent) << sent.error().to_string();
  ASSERT_FALSE(sent->empty());
  res = get(c, "/admin/annual-reports?year=2025");
  EXPECT_TRUE(contains(res.body, "id=\"ar-reminders\""));
  EXPECT_TRUE(contains(res.body, sent->front().message));
  Client w;
  login(w, "writer");
  res = get(w, kReport);
  EXPECT_TRUE(contains(res.body, "id=\"ar-reminders\""));

  set_today(2026, 1, 25);  // six days left: amber, and still in words
  res = get(c, "/admin/annual-reports?year=2025");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, "剩余6天"));
  EXPECT_TRUE(contains(res.body, "ar-due-soon"));
  EXPECT_FALSE(std::regex_search(res.body, std::regex("已逾期\\d+天")));

  EXPECT_EQ(get(c, "/admin/annual-reports?year=20x5").status, 400);
}

TEST_F(AnnualReportPagesTest, BackOfficeHomeShowsLastYearsReportAgainstItsDeadline) {
  set_today(2026, 1, 20);
  Client w;
  login(w, "writer");
  auto res = get(w, "/admin");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, "东阳市财政局2025年度报告：未开始，距发布期限 2026-01-31 还有11天")) << res.body;
  set_today(2026, 2, 3);
  login(w, "writer");  // the session of 20 January has expired
  res = get(w, "/admin");
  EXPECT_TRUE(contains(res.body, "东阳市财政局2025年度报告：未开始，已逾期3天（期限 2026-01-31）")) << res.body;
  EXPECT_TRUE(contains(res.body, "id=\"annual-report-notice\" class=\"flash flash-warning\""));
  Client g;
  login(g, "gkb");
  res = get(g, "/admin");
  EXPECT_TRUE(contains(res.body, "2025年度报告：已发布 0 / ")) << res.body;
}

TEST_F(AnnualReportPagesTest, DepartmentStaffAreSentToTheirOwnReportAndRefusedAnother) {
  set_today(2026, 1, 20);
  Client c;
  login(c, "writer");
  auto res = get(c, "/admin/annual-reports");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.headers.get("Location").value_or(""), "/admin/annual-reports/2025/czj");
  EXPECT_EQ(get(c, "/admin/annual-reports/2025/hdz").status, 403);
  EXPECT_EQ(get(c, "/admin/annual-reports/2025/hdz.pdf").status, 403);
  EXPECT_EQ(get(c, "/admin/annual-reports/2025/nosuch").status, 404);
  Client anonymous;
  EXPECT_EQ(get(anonymous, kReport).status, 303);  // to the login page
}

TEST_F(AnnualReportPagesTest, ReportPageShowsTheOfficialTableWithDrillDownLinks) {
  file_2025_cases();
  Client c;
  login(c, "writer");
  auto res = get(c, kReport);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "class=\"gk-annual-report\""));
  EXPECT_FALSE(contains(res.body, "<style>")) << "the site's CSP admits no style element";
  EXPECT_TRUE(contains(res.body, "<caption>"));
  EXPECT_TRUE(contains(res.body, "scope=\"col"));
  EXPECT_TRUE(contains(res.body, "自然人"));
  EXPECT_TRUE(contains(res.body, "本年新收政府信息公开申请数量"));
  // Two new applications from natural persons: the cell links to its drill-down; zero cells do not.
  EXPECT_TRUE(contains(
      res.body,
      "href=\"/admin/annual-reports/2025/czj/cells?row=new_this_year&amp;column=natural_person\">2</a>"))
      << res.body;
  EXPECT_FALSE(contains(res.body, "row=new_this_year&amp;column=commercial_enterprise"));
  EXPECT_TRUE(contains(res.body, "id=\"ar-stage\""));
  EXPECT_TRUE(contains(res.body, "未开始"));
  EXPECT_TRUE(contains(res.body, "2026-01-31"));
  EXPECT_TRUE(contains(res.body, "剩余11天"));
  EXPECT_TRUE(contains(res.body, "name=\"overview\""));
  EXPECT_TRUE(contains(res.body, "使用系统草稿"));
  EXPECT_TRUE(contains(res.body, "与上年（2024 年度）比较"));
  EXPECT_TRUE(contains(res.body, "/admin/annual-reports/2025/czj.pdf"));
  auto csp = res.headers.get("Content-Security-Policy").value_or("");
  EXPECT_TRUE(contains(csp, "style-src 'self'")) << csp;
  EXPECT_FALSE(contains(csp, "script-src 'unsafe-inline'"));
}

TEST_F(AnnualReportPagesTest, DrillDownListsTheCasesOfACell) {
  auto cases = file_2025_cases();
  Client c;
  login(c, "writer");
  auto res = get(c, std::string(kReport) + "/cells?row=new_this_year&column=natural_person");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "本年新收政府信息公开申请数量"));
  EXPECT_TRUE(contains(res.body, "自然人"));
  EXPECT_TRUE(contains(res.body, "<strong>2</strong>"));
  for (const auto& c2 : cases) {
    EXPECT_TRUE(contains(res.body, c2.tracking_number)) << c2.tracking_number;
    EXPECT_TRUE(contains(res.body, "href=\"/admin/foi/" + std::to_string(c2.id.value) + "\""));
  }
  res = get(c, std::string(kReport) + "/cells?row=partially_disclosed&column=total");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, cases[0].tracking_number));
  EXPECT_FALSE(contains(res.body, cases[1].tracking_number));

  // An editor may read the report but not the FOI cases: ids only.
  Client e;
  login(e, "editor");
  res = get(e, std::string(kReport) + "/cells?row=new_this_year&column=natural_person");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "（无权查看）"));
  EXPECT_FALSE(contains(res.body, cases[0].tracking_number));

  EXPECT_EQ(get(c, std::string(kReport) + "/cells?row=nonsense&column=total").status, 400);
}

TEST_F(AnnualReportPagesTest, NormativeDocumentCellsLeadToTheDocuments) {
  // A 行政规范性文件 of 财政局 published in 2025: issued and in force in the 2025 report.
  set_today(2025, 5, 6);
  accounts::Principal sys = accounts::Principal::system();
  sys.department = ids_.at("czj");
  sys.department_name = "东阳市财政局";
  documents::DocumentDraft d;
  d.title = "东阳市财政局关于规范政府采购意向公开的通知";
  d.doc_number = "东财采〔2025〕3号";
  d.normative = true;
  d.unified_number = "DYCZ-2025-001";
  d.genre = "notice";
  d.topic = "finance";
  d.effective_on = "2025-06-01";
  d.summary = "概述";
  d.body_html = "<p>正文。</p>";
  auto id = documents_->create(sys, d, ctx_rc_);
  ASSERT_TRUE(id) << id.error().to_string();
  auto version = [&] { return documents_->get(accounts::Principal::system(), *id)->document.version; };
  for (auto a : {documents::WorkflowAction::kSubmit, documents::WorkflowAction::kApprove})
    ASSERT_TRUE(documents_->act(accounts::Principal::system(), *id, version(), a, "", ctx_rc_));
  auto published = documents_->publish(accounts::Principal::system(), *id, version(), std::nullopt, ctx_rc_);
  ASSERT_TRUE(published) << published.error().to_string();
  set_today(2026, 1, 20);

  Client c;
  login(c, "writer");
  auto res = get(c, kReport);
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, "cells?row=normative_documents&amp;column=issued\">1</a>")) << res.body;
  res = get(c, std::string(kReport) + "/cells?row=normative_documents&column=in_force");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "行政规范性文件 · 现行有效件数"));
  EXPECT_TRUE(contains(res.body, "href=\"/admin/documents/" + std::to_string(id->value) + "\""));
  EXPECT_TRUE(contains(res.body, "东阳市财政局关于规范政府采购意向公开的通知"));
  EXPECT_TRUE(contains(res.body, "东财采〔2025〕3号"));
  EXPECT_EQ(get(c, std::string(kReport) + "/cells?row=normative_documents&column=total").status, 400);
}

TEST_F(AnnualReportPagesTest, RemedyCellsLeadToTheCasesTheRemediesWereBroughtAgainst) {
  auto cases = file_2025_cases();
  set_today(2025, 8, 1);
  foi::RemedyInput in{"reconsideration", "2025-07-15", "", "pending", ""};
  auto remedy = foi_->add_remedy(accounts::Principal::system(), cases[0].id, in, ctx_rc_);
  ASSERT_TRUE(remedy) << remedy.error().to_string();
  set_today(2026, 1, 20);
  Client c;
  login(c, "writer");
  auto res = get(c, kReport);
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, "cells?row=reconsideration&amp;column=pending\">1</a>")) << res.body;
  res = get(c, std::string(kReport) + "/cells?row=reconsideration&column=pending");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "行政复议"));
  EXPECT_TRUE(contains(res.body, "涉及 <strong>1</strong> 件申请"));
  EXPECT_TRUE(contains(res.body, "href=\"/admin/foi/" + std::to_string(cases[0].id.value) + "\""));
  EXPECT_TRUE(contains(res.body, cases[0].tracking_number));
}

TEST_F(AnnualReportPagesTest, SavingTextPersistsAndAStaleVersionIsAConflict) {
  file_2025_cases();
  Client c;
  login(c, "writer");
  // Without the CSRF token nothing happens.
  EXPECT_EQ(send(c, "POST", std::string(kReport) + "/text", "version=0&overview=x").status, 403);

  auto res = save_text(c, 0, "本年度总体情况：依法做好政府信息公开。", "问题：栏目更新不及时。",
                       "本年度未收取信息处理费。");
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(res.headers.get("Location").value_or(""), std::string(kReport) + "?done=text");
  res = get(c, std::string(kReport) + "?done=text");
  EXPECT_TRUE(contains(res.body, "文字部分已保存"));
  EXPECT_TRUE(contains(res.body, "本年度总体情况：依法做好政府信息公开。"));
  EXPECT_TRUE(contains(res.body, "草稿"));
  EXPECT_EQ(report_version(), 1);

  // A second browser still holding version 0.
  res = save_text(c, 0, "旧版本的文字", "旧", "旧");
  EXPECT_EQ(res.status, 409) << res.body;
  EXPECT_TRUE(contains(res.body, "已被他人修改，请刷新后重试"));
  EXPECT_TRUE(contains(res.body, "旧版本的文字")) << "what was typed is kept";
  auto v = annual_reports_->get(accounts::Principal::system(), ids_.at("czj"), 2025);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->report.overview, "本年度总体情况：依法做好政府信息公开。");

  // ?use_draft=1 offers the system draft in the form (not saved until 保存).
  res = get(c, std::string(kReport) + "?use_draft=1");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, "已填入系统草稿"));
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(res.body, m, std::regex("<textarea id=\"text-overview\"[^>]*>([^<]*)</textarea>")));
  EXPECT_FALSE(m[1].str().empty());
  EXPECT_FALSE(contains(m[1].str(), "本年度总体情况：依法做好政府信息公开。"));
  EXPECT_FALSE(v->drafted.overview.empty());
}

TEST_F(AnnualReportPagesTest, SubmitIsRefusedWithTheServiceReason) {
  file_2025_cases();
  Client c;
  login(c, "writer");
  ASSERT_EQ(save_text(c, 0, "总体情况。", "", "其他事项。").status, 303);  // 五 left empty
  auto res = post_form(c, kReport, std::string(kReport) + "/submit", {{"version", "1"}});
  EXPECT_EQ(res.status, 409) << res.body;
  EXPECT_TRUE(contains(res.body, "flash-error"));
  EXPECT_TRUE(contains(res.body, "id=\"submit-error\""));
  auto v = annual_reports_->get(accounts::Principal::system(), ids_.at("czj"), 2025);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status.stage, report::ReportStage::kDraft);

  // The year must have ended: a 2026 report cannot be submitted in January 2026.
  const std::string current = "/admin/annual-reports/2026/czj";
  ASSERT_EQ(post_form(c, current, current + "/text",
                      {{"version", "0"}, {"overview", "a"}, {"problems", "b"}, {"other_matters", "c"}})
                .status,
            303);
  res = post_form(c, current, current + "/submit", {{"version", "1"}});
  EXPECT_EQ(res.status, 409);
  EXPECT_TRUE(contains(res.body, "flash-error"));
}

TEST_F(AnnualReportPagesTest, SubmitPublishReviewAndThePublicList) {
  file_2025_cases();
  Client c;
  login(c, "writer");
  ASSERT_EQ(save_text(c, 0, "总体情况。", "存在的问题。", "其他事项。").status, 303);
  auto res = post_form(c, kReport, std::string(kReport) + "/submit", {{"version", "1"}});
  ASSERT_EQ(res.status, 303) << res.body;
  res = get(c, std::string(kReport) + "?done=submit");
  EXPECT_TRUE(contains(res.body, "年度报告已报送"));
  EXPECT_TRUE(contains(res.body, "已报送"));
  EXPECT_TRUE(contains(res.body, "id=\"ar-publish-form\""));
  EXPECT_TRUE(contains(res.body, "文字部分已冻结"));
  EXPECT_FALSE(contains(res.body, "id=\"ar-text-form\""));

  res = post_form(c, kReport, std::string(kReport) + "/publish", {});
  ASSERT_EQ(res.status, 303) << res.body;
  const std::string location(res.headers.get("Location").value_or(""));
  std::smatch m;
  ASSERT_TRUE(std::regex_match(location, m, std::regex("/admin/documents/(\\d+)"))) << location;
  const int64_t doc_id = std::stoll(m[1].str());
  res = get(c, kReport);
  EXPECT_TRUE(contains(res.body, "发布审核中"));
  EXPECT_TRUE(contains(res.body, "href=\"/admin/documents/" + std::to_string(doc_id) + "\""));
  EXPECT_FALSE(contains(res.body, "id=\"ar-reopen-form\""))
      << "a report with a document is returned in the library";

  // The department's reviewer approves and publishes the document in the library.
  Client r;
  login(r, "reviewer");
  auto version = [&] {
    auto d = documents_->get(accounts::Principal::system(), DocumentId(doc_id));
    EXPECT_TRUE(d) << d.error().to_string();
    return d ? std::to_string(d->document.version) : std::string("0");
  };
  const std::string doc_page = "/admin/documents/" + std::to_string(doc_id);
  res = post_form(r, doc_page, doc_page + "/action", {{"action", "approve"}, {"version", version()}});
  ASSERT_EQ(res.status, 303) << res.body;
  res = post_form(r, doc_page, doc_page + "/publish", {{"version", version()}, {"publish_at", ""}});
  ASSERT_EQ(res.status, 303) << res.body;

  res = get(c, kReport);
  EXPECT_TRUE(contains(res.body, "已发布"));

  Client visitor;
  res = get(visitor, "/annual-reports");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "2025 年度"));
  EXPECT_TRUE(contains(res.body, "东阳市财政局2025年政府信息公开工作年度报告"));
  EXPECT_TRUE(contains(res.body, "href=\"/documents/" + std::to_string(doc_id) + "\""));
  EXPECT_TRUE(contains(get(visitor, "/annual-reports?year=2024").body, "暂无已发布的年度报告"));
  EXPECT_TRUE(contains(get(visitor, "/").body, "href=\"/annual-reports\""));

  Client g;
  login(g, "gkb");
  res = get(g, "/admin/annual-reports?year=2025");
  EXPECT_TRUE(
      std::regex_search(res.body, std::regex("已发布 <strong>1 / \\d+</strong>，已报送 <strong>1</strong>")))
      << res.body;
}

TEST_F(AnnualReportPagesTest, ReopenNeedsAReason) {
  file_2025_cases();
  Client c;
  login(c, "writer");
  ASSERT_EQ(save_text(c, 0, "总体情况。", "存在的问题。", "其他事项。").status, 303);
  ASSERT_EQ(post_form(c, kReport, std::string(kReport) + "/submit", {{"version", "1"}}).status, 303);
  Client g;
  login(g, "gkb");
  auto res = post_form(g, kReport, std::string(kReport) + "/reopen", {{"version", "2"}, {"reason", " "}});
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(contains(res.body, "请说明退回修改的理由"));
  res = post_form(g, kReport, std::string(kReport) + "/reopen", {{"version", "2"}, {"reason", "数据有误"}});
  ASSERT_EQ(res.status, 303) << res.body;
  auto v = annual_reports_->get(accounts::Principal::system(), ids_.at("czj"), 2025);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status.stage, report::ReportStage::kDraft);
}

TEST_F(AnnualReportPagesTest, DownloadsHaveTheirTypesAndChineseFileNames) {
  file_2025_cases();
  Client c;
  login(c, "writer");
  auto pdf = get(c, std::string(kReport) + ".pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 500);
  EXPECT_EQ(pdf.headers.get("Content-Type").value_or(""), "application/pdf");
  EXPECT_TRUE(pdf.body.starts_with("%PDF"));
  const std::string name = "东阳市财政局2025年政府信息公开工作年度报告.pdf";
  const std::string disposition(pdf.headers.get("Content-Disposition").value_or(""));
  EXPECT_TRUE(contains(disposition, "filename*=UTF-8''" + http::url_encode(name))) << disposition;
  EXPECT_TRUE(contains(disposition, "filename=\"annual-report-2025-czj.pdf\""));

  auto docx = get(c, std::string(kReport) + ".docx");
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.headers.get("Content-Type").value_or(""),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_TRUE(docx.body.starts_with("PK"));
  auto xlsx = get(c, std::string(kReport) + ".xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.headers.get("Content-Type").value_or(""),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  auto json = get(c, std::string(kReport) + ".json");
  ASSERT_EQ(json.status, 200);
  EXPECT_TRUE(contains(json.headers.get("Content-Type").value_or(""), "application/json"));
  EXPECT_TRUE(contains(json.body, "\"year\":2025"));
  EXPECT_TRUE(contains(json.body, "\"text\""));
  EXPECT_TRUE(contains(json.body, "\"cells\""));
  EXPECT_EQ(get(c, std::string(kReport) + ".exe").status, 404);
}

TEST_F(AnnualReportPagesTest, StatisticsUploadByCsv) {
  set_today(2026, 1, 20);
  Client c;
  login(c, "writer");
  auto page = get(c, "/admin/annual-reports/statistics");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body,
                       "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan"));
  EXPECT_TRUE(contains(page.body, "enctype=\"multipart/form-data\""));
  const std::string csrf = csrf_of(c, "/admin/annual-reports/statistics");
  auto res = multipart(c, "/admin/annual-reports/statistics", csrf, "统计.csv",
                       "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\n"
                       "czj,2025,120,45,3,12.5\n"
                       "nosuch,2025,1,1,1,1\n");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "id=\"statistics-written\">1<"));
  EXPECT_TRUE(contains(res.body, "id=\"statistics-rejected\""));
  EXPECT_TRUE(contains(res.body, "<td>3</td>")) << "the rejected line is named";
  auto totals = statistics_->totals(2025, ids_.at("czj"));
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->licensing_decisions, 120);
  EXPECT_EQ(totals->fees_yuan, 125000);
  page = get(c, "/admin/annual-reports/statistics?year=2025");
  EXPECT_TRUE(contains(page.body, "<td>120</td>"));
  EXPECT_TRUE(contains(page.body, "<td>12.5</td>"));

  // A bad header is one clear error; without the token nothing is read.
  res = multipart(c, "/admin/annual-reports/statistics", csrf, "bad.csv", "a,b,c\n1,2,3\n");
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(contains(res.body, "flash-error"));
  EXPECT_EQ(multipart(c, "/admin/annual-reports/statistics", "", "x.csv", "x").status, 403);
}

TEST_F(AnnualReportPagesTest, StatisticsUploadIsRefusedBeforeTheFileIsParsedForStaffWithoutThePermission) {
  set_today(2026, 1, 20);
  add_user("analyst", "财政局分析员", "czj", {Role::kAnalyst});
  // A workbook that is no workbook (400 for someone allowed to upload) and a valid CSV of the own
  // department: both 403 for a 信息员 or an 分析员, with the refusal on the page and nothing written.
  const std::string broken_xlsx = std::string("PK\x03\x04", 4) + "not really a zip";
  const std::string csv =
      "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\n"
      "czj,2025,120,45,3,12.5\n";
  for (const char* user : {"editor", "analyst"}) {
    Client c;
    login(c, user);
    const std::string csrf = csrf_of(c, "/admin/annual-reports/statistics");
    for (const std::string& bytes : {broken_xlsx, csv}) {
      auto res = multipart(c, "/admin/annual-reports/statistics", csrf, "统计.xlsx", bytes);
      EXPECT_EQ(res.status, 403) << user << ": " << res.body;
      EXPECT_TRUE(contains(res.body, "flash-error")) << user;
      EXPECT_FALSE(contains(res.body, "不是有效的 XLSX 文件")) << user << ": the file was parsed";
    }
  }
  auto totals = statistics_->totals(2025, ids_.at("czj"));
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->licensing_decisions, 0);

  // The department's reviewer gets the parser's answer for the same broken workbook.
  Client r;
  login(r, "reviewer");
  auto res = multipart(r, "/admin/annual-reports/statistics", csrf_of(r, "/admin/annual-reports/statistics"),
                       "统计.xlsx", broken_xlsx);
  EXPECT_EQ(res.status, 400) << res.body;
  EXPECT_TRUE(contains(res.body, "不是有效的 XLSX 文件")) << res.body;
}

TEST_F(AnnualReportPagesTest, PagesAnswer503WithoutTheService) {
  ctx_->annual_reports = nullptr;
  ctx_->statistics = nullptr;
  Client c;
  login(c, "gkb");
  EXPECT_EQ(get(c, "/admin/annual-reports").status, 503);
  EXPECT_EQ(get(c, kReport).status, 503);
  EXPECT_EQ(get(c, "/admin/annual-reports/statistics").status, 503);
}

}  // namespace
}  // namespace gk::web_test
