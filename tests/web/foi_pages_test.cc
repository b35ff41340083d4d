// 依申请公开 as applicants and staff meet it, through the real router, middleware, FoiService and
// SQLite storage: the portal form (field errors, similar answered requests, the receipt with the
// tracking number and query code), the tracking page (right and wrong code), the back-office queue
// (department scope, overdue rows), a handling step (CSRF, redirect), reply letters (PDF, DOCX) and
// the iCalendar export.
#include <gtest/gtest.h>

#include <regex>

#include "http/form.h"
#include "foi_web_test.h"

namespace gk::web_test {
namespace {

using accounts::Principal;
using accounts::Role;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

constexpr const char* kGoodId = "330783199001011235";
constexpr const char* kBadId = "330783199001011234";  // wrong GB 11643 check digit

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields application(std::string id_number, std::string title, std::string dept = "czj") {
  return {{"department", std::move(dept)},
          {"applicant_type", "natural_person"},
          {"name", "张三明"},
          {"id_kind", "resident_id"},
          {"id_number", std::move(id_number)},
          {"phone", "13800001234"},
          {"email", "zhang@example.com"},
          {"address", "浙江省东阳市吴宁街道人民路 1 号"},
          {"title", std::move(title)},
          {"description", "请提供该文件全文及附件"},
          {"form", "paper"},
          {"delivery", "post"}};
}

class FoiPagesTest : public FoiWebTest {
 protected:
  void SetUp() override {
    FoiWebTest::SetUp();
    if (HasFatalFailure()) return;
    add_user("officer", "经办人", "czj", {Role::kFoiOfficer});
    add_user("approver", "负责人", "czj", {Role::kFoiApprover});
    add_user("lawyer", "法制审核员", "czj", {Role::kLegalReviewer});
    add_user("hdz_officer", "横店经办人", "hdz", {Role::kFoiOfficer});
  }

  int64_t open_cases() {
    auto q = foi_->queue(Principal::system(), {});
    EXPECT_TRUE(q) << q.error().to_string();
    return q ? q->total : -1;
  }

};

TEST_F(FoiPagesTest, ApplyFormWorksWithoutJavaScriptAndListsDepartments) {
  Client c;
  auto res = get(c, "/foi/apply");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "政府信息公开申请"));
  EXPECT_TRUE(contains(res.body, "东阳市财政局"));
  EXPECT_TRUE(contains(res.body, "value=\"research_institution\""));
  EXPECT_TRUE(contains(res.body, "name=\"_csrf\""));
  EXPECT_TRUE(contains(res.body, "href=\"/foi/apply\""));  // portal nav
}

TEST_F(FoiPagesTest, BadIdCheckDigitIsAnErrorOnThatFieldAndNothingIsStored) {
  Client c;
  Fields f = application(kBadId, "东阳市2024年财政预算执行情况");
  f.emplace_back("step", "submit");
  auto res = post_form(c, "/foi/apply", "/foi/apply", f);
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(contains(res.body, "id=\"id_number-error\"")) << res.body;
  EXPECT_TRUE(contains(res.body, "aria-invalid=\"true\" aria-describedby=\"id_number-error\""));
  // Nothing typed is lost.
  EXPECT_TRUE(contains(res.body, "value=\"张三明\""));
  EXPECT_TRUE(contains(res.body, std::string("value=\"") + kBadId + "\""));
  EXPECT_TRUE(contains(res.body, "请提供该文件全文及附件"));
  EXPECT_EQ(open_cases(), 0);
}

TEST_F(FoiPagesTest, MissingFieldsAreEachReportedBesideTheirField) {
  Client c;
  auto res =
      post_form(c, "/foi/apply", "/foi/apply", {{"step", "submit"}, {"applicant_type", "natural_person"}});
  EXPECT_EQ(res.status, 400);
  for (const char* f : {"department", "name", "id_number", "phone", "description"})
    EXPECT_TRUE(contains(res.body, std::string("id=\"") + f + "-error\"")) << f;
  EXPECT_EQ(open_cases(), 0);
}

TEST_F(FoiPagesTest, PreviewShowsSimilarRequestsAlreadyAnswered) {
  auto answered = file("东阳市2024年度部门预算公开情况");
  reply_partially(answered.id);
  Client c;
  Fields f = application(kGoodId, "东阳市2024年度部门预算");
  f.emplace_back("step", "preview");
  auto res = post_form(c, "/foi/apply", "/foi/apply", f);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "已答复的相似申请"));
  EXPECT_TRUE(contains(res.body, "东阳市2024年度部门预算公开情况")) << res.body;
  EXPECT_TRUE(contains(res.body, "部分公开"));
  EXPECT_TRUE(contains(res.body, "id=\"confirm-submit\""));
  EXPECT_TRUE(contains(res.body, "value=\"张三明\""));  // the form is kept for the confirmation
  EXPECT_EQ(open_cases(), 0) << "a preview stores nothing";
}

TEST_F(FoiPagesTest, SubmitShowsTrackingNumberQueryCodeAndDueDateThenTrackingWorks) {
  Client c;
  Fields f = application(kGoodId, "东阳市2024年财政预算执行情况");
  f.emplace_back("step", "submit");
  auto res = post_form(c, "/foi/apply", "/foi/apply", f);
  ASSERT_EQ(res.status, 200) << res.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(res.body, m,
                                std::regex("id=\"tracking-number\" class=\"foi-code\">(DY2024-\\d{6})<")))
      << res.body;
  const std::string tracking = m[1];
  ASSERT_TRUE(std::regex_search(res.body, m, std::regex("id=\"query-code\" class=\"foi-code\">(\\d{8})<")));
  const std::string code = m[1];
  EXPECT_TRUE(contains(res.body, "请妥善保存申请编号和查询码"));
  // Received 2024-10-01 (国庆 holiday): 20 working days after it, skipping 10-01..07 and counting the 调休
  // Saturday 10-12, is 2024-11-01.
  EXPECT_TRUE(contains(res.body, "2024-11-01")) << res.body;
  EXPECT_EQ(open_cases(), 1);

  Client visitor;
  auto page =
      post_form(visitor, "/foi/track", "/foi/track", {{"tracking_number", tracking}, {"query_code", code}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, tracking));
  EXPECT_TRUE(contains(page.body, "id=\"due-date\">2024-11-01<"));
  EXPECT_TRUE(contains(page.body, "id=\"due-explanation\""));
  EXPECT_TRUE(contains(page.body, "国庆")) << "the explanation names the skipped holidays";
  EXPECT_FALSE(contains(page.body, "张三明")) << "no personal data on the tracking page";
  EXPECT_FALSE(contains(page.body, "id=\"letter\"")) << "no letter before the reply";

  auto wrong = post_form(visitor, "/foi/track", "/foi/track",
                         {{"tracking_number", tracking}, {"query_code", "00000000"}});
  EXPECT_EQ(wrong.status, 404);
  EXPECT_TRUE(contains(wrong.body, "申请编号或查询码不正确"));
  EXPECT_FALSE(contains(wrong.body, "2024-11-01"));
}

TEST_F(FoiPagesTest, TrackingShowsPublicStepsOnlyAndTheLetterOnceReplied) {
  auto r = file("东阳市2024年政府采购意向");
  reply_partially(r.id);
  Client visitor;
  auto page = post_form(visitor, "/foi/track", "/foi/track",
                        {{"tracking_number", r.tracking_number}, {"query_code", r.query_code}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "答复送达") || contains(page.body, "答复")) << page.body;
  EXPECT_FALSE(contains(page.body, "法制审核")) << "internal steps stay internal";
  EXPECT_TRUE(contains(page.body, "id=\"letter-pdf-form\""));
  auto pdf =
      post_form(visitor, "/foi/track", "/foi/track/letter",
                {{"tracking_number", r.tracking_number}, {"query_code", r.query_code}, {"format", "pdf"}});
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 500);
  EXPECT_TRUE(pdf.body.starts_with("%PDF"));
  EXPECT_EQ(pdf.headers.get("Content-Type").value_or(""), "application/pdf");
}

TEST_F(FoiPagesTest, QueueIsScopedToTheDepartmentAndMarksOverdueCases) {
  auto early = file("东阳市财政局2024年度决算");
  file("横店镇2024年度财政预算", "hdz");
  // 60 days later the first case is long overdue; a fresh one is not.
  clock_.advance_seconds(60 * 86400);
  file("东阳市财政局政府债务情况");
  Client officer;
  login(officer, "officer");
  auto res = get(officer, "/admin/foi");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "东阳市财政局2024年度决算"));
  EXPECT_TRUE(contains(res.body, "东阳市财政局政府债务情况"));
  EXPECT_FALSE(contains(res.body, "横店镇2024年度财政预算")) << "other departments' cases stay out";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      res.body, m,
      std::regex("<tr class=\"foi-row foi-due-(\\w+)\" data-tracking=\"" + early.tracking_number + "\"")));
  EXPECT_EQ(m[1], "overdue");
  EXPECT_TRUE(contains(res.body, "已超期")) << "overdue is said in words, not colour only";
  // Sorted by due date: the overdue case comes first.
  EXPECT_LT(res.body.find(early.tracking_number), res.body.find("东阳市财政局政府债务情况"));
  EXPECT_TRUE(contains(res.body, "href=\"/admin/foi\""));  // back-office nav

  Client hdz;
  login(hdz, "hdz_officer");
  auto other = get(hdz, "/admin/foi/" + std::to_string(early.id.value));
  EXPECT_EQ(other.status, 403);
}

TEST_F(FoiPagesTest, TheQueueShowsTheReminderJobsNotifications) {
  auto early = file("东阳市财政局2024年度决算");
  clock_.advance_seconds(60 * 86400);
  Client officer;
  login(officer, "officer");
  EXPECT_FALSE(contains(get(officer, "/admin/foi").body, "期限提醒")) << "nothing before the job ran";
  auto sent = foi_->due_reminders(Principal::system(), clock_.today(), ctx_rc_);
  ASSERT_TRUE(sent) << sent.error().to_string();
  ASSERT_FALSE(sent->empty());
  auto res = get(officer, "/admin/foi");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(contains(res.body, "期限提醒"));
  EXPECT_TRUE(contains(res.body, early.tracking_number));
  EXPECT_TRUE(contains(res.body, "/admin/foi/" + std::to_string(early.id.value)));
}

TEST_F(FoiPagesTest, StepWithoutCsrfIsRefused) {
  auto r = file("东阳市2024年国有资产报告");
  Client officer;
  login(officer, "officer");
  auto res = send(officer, "POST", "/admin/foi/" + std::to_string(r.id.value) + "/events",
                  "type=supplement_requested&version=1&date=2024-10-01&deadline=2024-10-20");
  EXPECT_EQ(res.status, 403);
  auto cv = foi_->get(Principal::system(), r.id, ctx_rc_);
  ASSERT_TRUE(cv);
  EXPECT_EQ(cv->events.size(), 1u);
}

TEST_F(FoiPagesTest, CasePageOffersAllowedStepsAndRecordsOne) {
  auto r = file("东阳市2024年国有资产报告");
  Client officer;
  login(officer, "officer");
  const std::string page = "/admin/foi/" + std::to_string(r.id.value);
  auto res = get(officer, page);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(contains(res.body, "id=\"step-supplement_requested\""));
  EXPECT_FALSE(contains(res.body, "id=\"step-supplement_received\"")) << "not before a 补正 notice";
  EXPECT_FALSE(contains(res.body, "id=\"step-approved\"")) << "an officer does not approve";
  EXPECT_TRUE(contains(res.body, "李*")) << "masked by default";
  EXPECT_TRUE(contains(res.body, "显示完整个人信息"));
  auto revealed = get(officer, page + "?reveal=1");
  EXPECT_TRUE(contains(revealed.body, "id=\"applicant-name\">李四<"));

  // A deadline before the notice: the error sits on the deadline field of that form.
  auto bad = post_form(officer, page, page + "/events",
                       {{"type", "supplement_requested"},
                        {"version", "1"},
                        {"date", "2024-10-01"},
                        {"deadline", "2024-09-30"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "id=\"supplement_requested-deadline-error\"")) << bad.body;

  auto ok = post_form(officer, page, page + "/events",
                      {{"type", "supplement_requested"},
                       {"version", "1"},
                       {"date", "2024-10-01"},
                       {"deadline", "2024-10-20"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  auto after = get(officer, page);
  EXPECT_TRUE(contains(after.body, "待补正"));
  EXPECT_TRUE(contains(after.body, "id=\"step-supplement_received\""));
  EXPECT_TRUE(contains(after.body, "id=\"due-date-stopped\""));

  // A stale version is a conflict shown on the page.
  auto stale = post_form(officer, page, page + "/events",
                         {{"type", "supplement_received"}, {"version", "1"}, {"date", "2024-10-01"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(contains(stale.body, "已被他人更新"));
}

TEST_F(FoiPagesTest, ReplyLettersArePdfAndDocx) {
  auto r = file("东阳市2024年政府采购意向");
  Client officer;
  login(officer, "officer");
  const std::string base = "/admin/foi/" + std::to_string(r.id.value);
  EXPECT_EQ(get(officer, base + "/letter.pdf").status, 409) << "no letter before a draft reply";
  reply_partially(r.id);
  auto pdf = get(officer, base + "/letter.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 400);
  EXPECT_TRUE(pdf.body.starts_with("%PDF"));
  auto docx = get(officer, base + "/letter.docx");
  ASSERT_EQ(docx.status, 200) << docx.body.substr(0, 400);
  EXPECT_TRUE(docx.body.starts_with("PK\x03\x04")) << "a DOCX is a zip";
  EXPECT_TRUE(contains(docx.headers.get("Content-Disposition").value_or(""), r.tracking_number));
}

TEST_F(FoiPagesTest, CalendarExportHasOneAllDayEventPerOpenCase) {
  auto a = file("东阳市2024年财政预算执行情况");
  file("东阳市2024年政府债务");
  file("横店镇防汛预案", "hdz");
  Client officer;
  login(officer, "officer");
  auto res = get(officer, "/admin/foi/calendar.ics");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("Content-Type").value_or(""), "text/calendar; charset=utf-8");
  EXPECT_TRUE(res.body.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(res.body.ends_with("END:VCALENDAR\r\n"));
  size_t events = 0;
  for (size_t at = res.body.find("BEGIN:VEVENT"); at != std::string::npos;
       at = res.body.find("BEGIN:VEVENT", at + 1))
    ++events;
  EXPECT_EQ(events, 2u) << "the officer's department only";
  EXPECT_TRUE(contains(res.body, "UID:foi-case-" + std::to_string(a.id.value) + "@gongkai\r\n"));
  EXPECT_TRUE(contains(res.body, "DTSTART;VALUE=DATE:20241101\r\n"));
  EXPECT_TRUE(contains(res.body, a.tracking_number));
}

TEST_F(FoiPagesTest, StaffRegisterAPostedLetterWithItsSignedDate) {
  Client officer;
  login(officer, "officer");
  Fields f = application(kGoodId, "东阳市2023年度决算");
  f.emplace_back("channel", "post_signed");
  auto missing = post_form(officer, "/admin/foi/new", "/admin/foi/new", f);
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(contains(missing.body, "id=\"signed-error\"")) << missing.body;
  f.emplace_back("signed_on", "2024-09-27");
  auto ok = post_form(officer, "/admin/foi/new", "/admin/foi/new", f);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(contains(ok.body, "id=\"query-code\""));
  EXPECT_TRUE(contains(ok.body, "2024-09-27"));
}

}  // namespace
}  // namespace gk::web_test
