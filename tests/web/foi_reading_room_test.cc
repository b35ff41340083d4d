// The reading room (依申请公开阅览室) and conversions to proactive disclosure (条例第四十四条) through
// the real router, middleware, ReadingRoomService / ConversionService and SQLite storage:
// publishing a replied case's released text from the back office (field errors inline), the
// portal list and entry without the applicant's personal data, withdrawal, CSRF, and converting a
// group of requests for the same information into a document draft.
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

constexpr const char* kName = "李四明";
constexpr const char* kIdNumber = "330783198512120041";
constexpr const char* kPhone = "13900001111";

class FoiReadingRoomTest : public FoiWebTest {
 protected:
  void SetUp() override {
    applicant_name_ = kName;
    FoiWebTest::SetUp();
    if (HasFatalFailure()) return;
    add_user("officer", "经办人", "czj", {Role::kFoiOfficer});
    add_user("officer_editor", "经办人兼信息员", "czj", {Role::kFoiOfficer, Role::kEditor});
  }

  static std::string form_page(FoiCaseId id) {
    return "/admin/foi/" + std::to_string(id.value) + "/reading-room";
  }

  int64_t live_entries() {
    auto page = reading_room_->list_public(1, 100);
    EXPECT_TRUE(page) << page.error().to_string();
    return page ? page->total : -1;
  }

  // Publishes case `id` through the form as `c`; returns the entry id shown on the portal list.
  std::string publish(Client& c, FoiCaseId id, const std::string& title, const std::string& body) {
    auto res = post_form(c, form_page(id), form_page(id), {{"title", title}, {"body", body}});
    EXPECT_EQ(res.status, 303) << res.body;
    EXPECT_EQ(res.headers.get("Location").value_or(""), form_page(id) + "?done=published");
    Client visitor;
    auto list = get(visitor, "/foi/reading-room");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(list.body, m, std::regex("href=\"/foi/reading-room/(\\d+)\"")))
        << list.body;
    return m.empty() ? "" : m[1].str();
  }

};

TEST_F(FoiReadingRoomTest, PublishedPartialReplyIsOnThePortalWithoutTheApplicantsData) {
  auto r = file("东阳市2024年政府采购意向");
  reply_partially(r.id);
  Client officer;
  login(officer, "officer");
  auto case_page = get(officer, "/admin/foi/" + std::to_string(r.id.value));
  ASSERT_EQ(case_page.status, 200) << case_page.body;
  EXPECT_TRUE(contains(case_page.body, "href=\"" + form_page(r.id) + "\""))
      << "the replied case links to the form";

  auto form = get(officer, form_page(r.id));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(contains(form.body, "id=\"reading-room-form\""));
  EXPECT_TRUE(contains(form.body, "value=\"东阳市2024年政府采购意向\""))
      << "the title starts from the request";
  EXPECT_TRUE(contains(form.body, "部分公开"));

  // A missing body is an error on that field; what was typed stays.
  auto bad = post_form(officer, form_page(r.id), form_page(r.id),
                       {{"title", "采购意向（部分公开）"}, {"body", " "}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "id=\"body-error\"")) << bad.body;
  EXPECT_TRUE(contains(bad.body, "value=\"采购意向（部分公开）\""));
  EXPECT_EQ(live_entries(), 0);

  const std::string body = std::string("申请人") + kName + "（身份证号 " + kIdNumber + "，电话 " + kPhone +
                           "）申请的信息如下：\n2024年政府采购意向共 12 项。\n<script>alert(1)</script>";
  const std::string entry = publish(officer, r.id, "东阳市2024年政府采购意向", body);
  ASSERT_FALSE(entry.empty());
  EXPECT_EQ(live_entries(), 1);

  Client visitor;
  auto list = get(visitor, "/foi/reading-room");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(contains(list.body, "依申请公开阅览室"));
  EXPECT_TRUE(contains(list.body, "东阳市2024年政府采购意向"));
  EXPECT_TRUE(contains(list.body, "东阳市财政局"));
  auto page = get(visitor, "/foi/reading-room/" + entry);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "id=\"entry-outcome\">部分公开<"));
  EXPECT_TRUE(contains(page.body, "id=\"entry-department\">东阳市财政局<"));
  EXPECT_TRUE(contains(page.body, "id=\"entry-replied-on\">2024-10-01<"));
  EXPECT_TRUE(contains(page.body, "<p>2024年政府采购意向共 12 项。</p>")) << "one paragraph per line";
  EXPECT_TRUE(contains(page.body, "&lt;script&gt;")) << "the released text is escaped";
  EXPECT_FALSE(contains(page.body, "<script>alert(1)"));
  for (const auto* secret : {kName, kIdNumber, kPhone}) {
    EXPECT_FALSE(contains(page.body, secret)) << secret;
    EXPECT_FALSE(contains(list.body, secret)) << secret;
  }

  // Published once: the form page now shows the live entry, and a second publish is a conflict.
  auto again = get(officer, form_page(r.id));
  EXPECT_TRUE(contains(again.body, "id=\"reading-room-live\""));
  EXPECT_FALSE(contains(again.body, "id=\"reading-room-form\""));
  auto second =
      post_form(officer, form_page(r.id), form_page(r.id), {{"title", "再次发布"}, {"body", "正文"}});
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(live_entries(), 1);
}

TEST_F(FoiReadingRoomTest, OnlyRepliedDisclosuresCanBePublished) {
  auto open = file("东阳市2024年国有资产报告");
  Client officer;
  login(officer, "officer");
  auto form = get(officer, form_page(open.id));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(contains(form.body, "id=\"not-publishable\""));
  EXPECT_FALSE(contains(form.body, "id=\"reading-room-form\""));
  auto case_page = get(officer, "/admin/foi/" + std::to_string(open.id.value));
  EXPECT_FALSE(contains(case_page.body, "id=\"reading-room-publish\"")) << "no link before the reply";
}

TEST_F(FoiReadingRoomTest, WithdrawNeedsAReasonAndTakesTheEntryOffThePortal) {
  auto r = file("东阳市2024年政府采购意向");
  reply_partially(r.id);
  Client officer;
  login(officer, "officer");
  const std::string entry = publish(officer, r.id, "东阳市2024年政府采购意向", "采购意向共 12 项。");
  ASSERT_FALSE(entry.empty());
  const std::string action = "/admin/foi/reading-room/" + entry + "/withdraw";

  auto no_reason = post_form(officer, form_page(r.id), action, {{"version", "1"}, {"reason", ""}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(contains(no_reason.body, "id=\"reason-error\"")) << no_reason.body;
  EXPECT_EQ(live_entries(), 1);

  auto ok = post_form(officer, form_page(r.id), action, {{"version", "1"}, {"reason", "误含第三方信息"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.headers.get("Location").value_or(""), form_page(r.id) + "?done=withdrawn");
  EXPECT_EQ(live_entries(), 0);
  Client visitor;
  auto list = get(visitor, "/foi/reading-room");
  EXPECT_FALSE(contains(list.body, "东阳市2024年政府采购意向"));
  EXPECT_TRUE(contains(list.body, "id=\"reading-room-empty\""));
  EXPECT_EQ(get(visitor, "/foi/reading-room/" + entry).status, 404);
  // Withdrawn: the case may be published again.
  EXPECT_TRUE(contains(get(officer, form_page(r.id)).body, "id=\"reading-room-form\""));
}

TEST_F(FoiReadingRoomTest, PostsWithoutCsrfAreRefused) {
  auto r = file("东阳市2024年政府采购意向");
  reply_partially(r.id);
  Client officer;
  login(officer, "officer");
  auto res = send(officer, "POST", form_page(r.id), "title=x&body=y");
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(live_entries(), 0);

  const std::string entry = publish(officer, r.id, "东阳市2024年政府采购意向", "采购意向共 12 项。");
  ASSERT_FALSE(entry.empty());
  auto withdraw =
      send(officer, "POST", "/admin/foi/reading-room/" + entry + "/withdraw", "version=1&reason=x");
  EXPECT_EQ(withdraw.status, 403);
  EXPECT_EQ(live_entries(), 1);

  auto convert = send(officer, "POST", "/admin/foi/conversions", "case_ids%5B%5D=1&case_ids%5B%5D=2");
  EXPECT_EQ(convert.status, 403);
}

TEST_F(FoiReadingRoomTest, PortalAndQueueLinkToTheNewPages) {
  Client visitor;
  EXPECT_TRUE(contains(get(visitor, "/foi/apply").body, "href=\"/foi/reading-room\""));
  Client officer;
  login(officer, "officer");
  EXPECT_TRUE(contains(get(officer, "/admin/foi").body, "href=\"/admin/foi/conversions\""));
}

TEST_F(FoiReadingRoomTest, SimilarRepliedRequestsConvertIntoADocumentDraft) {
  auto a = file("东阳市2024年政府采购意向");
  auto b = file("请公开东阳市2024年政府采购意向");
  auto other = file("横店影视城消防验收意见");
  reply_partially(a.id);
  reply_partially(b.id);

  Client c;
  login(c, "officer_editor");
  auto page = get(c, "/admin/foi/conversions");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "id=\"group-1\""));
  EXPECT_FALSE(contains(page.body, "id=\"group-2\"")) << "one group";
  EXPECT_TRUE(contains(page.body, a.tracking_number));
  EXPECT_TRUE(contains(page.body, b.tracking_number));
  EXPECT_FALSE(contains(page.body, other.tracking_number)) << "a different request is not suggested";
  EXPECT_FALSE(contains(page.body, kName)) << "requests are shown masked";

  auto res =
      post_form(c, "/admin/foi/conversions", "/admin/foi/conversions",
                {{"case_ids[]", std::to_string(a.id.value)}, {"case_ids[]", std::to_string(b.id.value)}});
  ASSERT_EQ(res.status, 303) << res.body;
  const std::string location = std::string(res.headers.get("Location").value_or(""));
  std::smatch m;
  ASSERT_TRUE(std::regex_match(location, m, std::regex("/admin/documents/(\\d+)"))) << location;
  auto draft = get(c, location);
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_TRUE(contains(draft.body, "政府采购意向"));

  auto after = get(c, "/admin/foi/conversions");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_TRUE(contains(after.body, "id=\"no-suggestions\"")) << "converted cases leave the suggestions";
  EXPECT_TRUE(contains(after.body, "href=\"" + location + "\""));

  // A second conversion of the same cases (a stale page) is a conflict shown on the page.
  auto again =
      send(c, "POST", "/admin/foi/conversions",
           "case_ids%5B%5D=" + std::to_string(a.id.value) + "&case_ids%5B%5D=" + std::to_string(b.id.value) +
               "&_csrf=" + http::url_encode(c.last_csrf));
  EXPECT_EQ(again.status, 409) << again.body;
}

TEST_F(FoiReadingRoomTest, ConvertingNeedsTheEditorRoleForTheDraft) {
  auto a = file("东阳市2024年政府采购意向");
  auto b = file("请公开东阳市2024年政府采购意向");
  reply_partially(a.id);
  reply_partially(b.id);
  Client officer;
  login(officer, "officer");
  auto res =
      post_form(officer, "/admin/foi/conversions", "/admin/foi/conversions",
                {{"case_ids[]", std::to_string(a.id.value)}, {"case_ids[]", std::to_string(b.id.value)}});
  EXPECT_EQ(res.status, 403) << res.body;
  auto done = conversions_->conversions(Principal::system(), std::nullopt);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_TRUE(done->empty());
}

}  // namespace
}  // namespace gk::web_test
