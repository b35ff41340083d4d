// POST /api/v1/report-statistics through the real router, visitor middleware, AccountsService and
// SQL statistics store: HTTP Basic and session authentication, the CSRF exemption for Basic-only
// requests, department scope, and JSON / CSV / XLSX bodies validated all-or-nothing.
#include <gtest/gtest.h>
#include <sodium.h>
#include <xlsxwriter.h>

#include <boost/json.hpp>
#include <fstream>
#include <optional>
#include <sstream>

#include "accounts/login_throttle.h"
#include "web/api_report_statistics.h"
#include "web_fixture.h"

namespace gk::web_test {
namespace {

namespace json = boost::json;
using accounts::Role;

constexpr const char* kPath = "/api/v1/report-statistics";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kCsvHeader =
    "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\n";

std::string base64(std::string_view raw) {
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string basic(const std::string& user, const std::string& password) {
  return "Basic " + base64(user + ":" + password);
}

struct Push {
  std::string body;
  std::string content_type = "application/json";
  std::optional<std::string> authorization;
  Client* client = nullptr;  // sends its cookies
  std::optional<std::string> csrf_header;
};

class ApiReportStatisticsTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    if (HasFatalFailure()) return;
    // The composition root registers the route in routes.cc; until it does, register it here the same way.
    if (router_->route_name("POST", kPath).empty()) {
      router_->post(kPath, [this](http::Request& req) { return web::api_report_statistics(*ctx_, req); },
                    {.name = "api.report_statistics", .body_limit = 2 * 1024 * 1024});
    }
    add_user("czj.reviewer", "财政局审核人", "czj", {Role::kReviewer});
    add_user("czj.editor", "财政局信息员", "czj", {Role::kEditor});
    auto depts = accounts_->list_departments(nullptr);
    ASSERT_TRUE(depts);
    for (const auto& d : *depts) {
      if (d.code == "czj") czj_ = d.id;
      if (d.code == "sfb") sfb_ = d.id;
    }
  }

  http::Response push(const Push& p) {
    http::Request req;
    req.method = "POST";
    req.target = kPath;
    req.path = kPath;
    req.body = p.body;
    req.headers.set("Content-Type", p.content_type);
    if (p.authorization) req.headers.set("Authorization", *p.authorization);
    if (p.csrf_header) req.headers.set("X-CSRF-Token", *p.csrf_header);
    if (p.client) {
      std::string cookie_header;
      for (const auto& [k, v] : p.client->cookies)
        cookie_header += (cookie_header.empty() ? "" : "; ") + k + "=" + v;
      if (!cookie_header.empty()) req.headers.set("Cookie", cookie_header);
    }
    req.remote_ip = "192.0.2.7";
    req.request_id = "api-test";
    return router_->dispatch(req);
  }

  http::Response push_as_reviewer(std::string body, std::string type = "application/json") {
    return push({.body = std::move(body),
                 .content_type = std::move(type),
                 .authorization = basic("czj.reviewer", kPassword)});
  }

  int64_t count(const std::string& sql) {
    auto lease = db_->acquire();
    EXPECT_TRUE(lease);
    auto rs = (*lease)->query(sql);
    EXPECT_TRUE(rs) << sql;
    return rs && !rs->rows.empty() ? rs->rows[0].get_int(0) : -1;
  }

  int64_t rows_written() { return count("SELECT COUNT(*) FROM report_statistics"); }

  static json::value body_of(const http::Response& res) {
    boost::system::error_code ec;
    json::value v = json::parse(res.body, ec);
    EXPECT_FALSE(ec) << res.body;
    return v;
  }

  static std::string error_code(const http::Response& res) {
    json::value v = body_of(res);
    const json::value* e = v.is_object() ? v.as_object().if_contains("error") : nullptr;
    return e ? std::string(e->at("code").as_string()) : "";
  }

  // The CSRF token the layout puts on every page, for a logged-in client.
  std::string page_token(Client& c) {
    http::Response page = get(c, "/admin");
    const std::string marker = "name=\"_csrf\" value=\"";
    const size_t at = page.body.find(marker);
    EXPECT_NE(at, std::string::npos);
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    return page.body.substr(start, page.body.find('"', start) - start);
  }

  DepartmentId czj_, sfb_;
};

constexpr const char* kTwoRows =
    R"({"rows":[{"department":"czj","year":2025,"licensing_decisions":120,"penalties":45,)"
    R"("enforcement_measures":3,"fees_10k_yuan":12.5},)"
    R"({"department":"东阳市财政局","year":"2024","licensing_decisions":"7","penalties":0,)"
    R"("enforcement_measures":0,"fees_10k_yuan":"0.0125"}]})";

TEST_F(ApiReportStatisticsTest, BasicAuthWritesTheRowsAndTheirAuditRowsAndLeavesNoSession) {
  http::Response res = push_as_reviewer(kTwoRows);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(json::serialize(body_of(res)), R"({"written":2,"rejected":[]})");
  EXPECT_EQ(res.headers.get("Cache-Control"), "no-store");
  EXPECT_FALSE(res.headers.contains("Access-Control-Allow-Origin"));
  for (auto sc : res.headers.get_all("Set-Cookie")) EXPECT_FALSE(sc.starts_with("gk_session")) << sc;

  auto y2025 = statistics_->totals(2025, czj_);
  ASSERT_TRUE(y2025);
  EXPECT_EQ(y2025->licensing_decisions, 120);
  EXPECT_EQ(y2025->penalties, 45);
  EXPECT_EQ(y2025->enforcement_measures, 3);
  EXPECT_EQ(y2025->fees_yuan, 125000);  // 12.5 万元
  EXPECT_EQ(statistics_->totals(2024, czj_)->fees_yuan, 125);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.statistics' AND actor LIKE 'user:%'"
                  " AND request_id = 'api-test' AND ip = '192.0.2.7'"),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0) << "Basic authentication opens no session";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('account.login', 'account.logout')"), 0);

  // Pushing again replaces the rows of (department, year).
  ASSERT_EQ(push_as_reviewer(kTwoRows).status, 200);
  EXPECT_EQ(rows_written(), 2);
}

TEST_F(ApiReportStatisticsTest, WrongOrMalformedCredentialsAre401WithoutABrowserChallenge) {
  for (const std::string& auth :
       {basic("czj.reviewer", "wrong-password"), basic("nobody", kPassword), basic("", ""),
        std::string("Basic !!!not-base64!!!"), "Basic " + base64("no-colon")}) {
    http::Response res = push({.body = kTwoRows, .authorization = auth});
    EXPECT_EQ(res.status, 401) << auth << ": " << res.body;
    EXPECT_EQ(error_code(res), "unauthenticated") << auth;
    EXPECT_FALSE(res.headers.contains("WWW-Authenticate"))
        << "a Basic challenge would make browsers cache credentials and send them cross-site";
  }
  EXPECT_EQ(rows_written(), 0);
}

TEST_F(ApiReportStatisticsTest, RepeatedWrongPasswordsAreThrottledWith429) {
  for (int i = 0; i < accounts::kMaxConsecutiveFailures; ++i)
    ASSERT_EQ(push({.body = kTwoRows, .authorization = basic("czj.reviewer", "wrong")}).status, 401);
  http::Response res = push_as_reviewer(kTwoRows);  // even the right password waits now
  EXPECT_EQ(res.status, 429) << res.body;
  EXPECT_EQ(rows_written(), 0);
}

TEST_F(ApiReportStatisticsTest, AnotherDepartmentsRowsAre403AndNothingIsWritten) {
  const std::string mixed =
      R"({"rows":[{"department":"czj","year":2025,"licensing_decisions":1,"penalties":1,"enforcement_measures":1,"fees_10k_yuan":1},)"
      R"({"department":"sfb","year":2025,"licensing_decisions":1,"penalties":1,"enforcement_measures":1,"fees_10k_yuan":1}]})";
  http::Response res = push_as_reviewer(mixed);
  EXPECT_EQ(res.status, 403) << res.body;
  EXPECT_EQ(error_code(res), "permission_denied");
  // A 信息员 may not upload statistics even for the own department.
  http::Response editor = push({.body = kTwoRows, .authorization = basic("czj.editor", kPassword)});
  EXPECT_EQ(editor.status, 403) << editor.body;
  EXPECT_EQ(rows_written(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.statistics'"), 0);
}

TEST_F(ApiReportStatisticsTest, CallersWhoMayNotUploadAre403BeforeTheBodyIsParsed) {
  add_user("czj.analyst", "财政局分析员", "czj", {Role::kAnalyst});
  // Bodies that would be 400 or 415 for someone allowed to upload: a workbook that is not one, a
  // CSV that is not UTF-8, broken JSON, an unsupported type. For an editor or an analyst each is 403,
  // so the permission was decided before any parser saw the body.
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {std::string("PK\x03\x04", 4) + "not really a zip", kXlsxType},
      {std::string("PK\x03\x04", 4) + "still not a zip", "application/octet-stream"},
      {std::string(kCsvHeader) + "\xff\xfe,2025\n", "text/csv"},
      {"{not json", "application/json"},
      {"department=czj", "application/x-www-form-urlencoded"}};
  for (const char* user : {"czj.editor", "czj.analyst"}) {
    for (const auto& [body, type] : bodies) {
      http::Response res =
          push({.body = body, .content_type = type, .authorization = basic(user, kPassword)});
      EXPECT_EQ(res.status, 403) << user << " " << type << ": " << res.body;
      EXPECT_EQ(error_code(res), "permission_denied") << user << " " << type;
    }
  }
  // The same bodies from the department's reviewer reach the parsers.
  EXPECT_EQ(push_as_reviewer(bodies[0].first, bodies[0].second).status, 400);
  EXPECT_EQ(push_as_reviewer(bodies[2].first, bodies[2].second).status, 400);
  EXPECT_EQ(push_as_reviewer(bodies[4].first, bodies[4].second).status, 415);
  EXPECT_EQ(rows_written(), 0);
}

TEST_F(ApiReportStatisticsTest, WithoutCredentialsTheRequestMeetsTheCsrfCheck) {
  // No Authorization and no session: nothing exempts the request, so the visitor middleware's CSRF
  // check answers first (403) — the handler's own 401 is for credentials that are present but wrong.
  http::Response none = push({.body = kTwoRows});
  EXPECT_EQ(none.status, 403) << none.body;
  // Another scheme is not Basic: no exemption either.
  http::Response bearer = push({.body = kTwoRows, .authorization = "Bearer abc"});
  EXPECT_EQ(bearer.status, 403);
  EXPECT_EQ(rows_written(), 0);
}

TEST_F(ApiReportStatisticsTest, JsonRowsWithErrorsAre422AndNothingIsWritten) {
  const std::string body =
      R"({"rows":[)"
      R"({"department":"czj","year":2025,"licensing_decisions":1,"penalties":2,"enforcement_measures":3,"fees_10k_yuan":4},)"
      R"({"department":"czj","year":2025,"licensing_decisions":1,"penalties":2,"enforcement_measures":3},)"
      R"({"department":"czj","year":2025,"licensing_decisions":true,"penalties":2,"enforcement_measures":3,"fees_10k_yuan":4},)"
      R"({"department":"nosuch","year":2025,"licensing_decisions":1,"penalties":2,"enforcement_measures":3,"fees_10k_yuan":4},)"
      R"({"department":"czj","year":1999,"licensing_decisions":1,"penalties":2,"enforcement_measures":3,"fees_10k_yuan":4},)"
      R"({"department":"czj","year":2025,"licensing_decisions":1.5,"penalties":2,"enforcement_measures":3,"fees_10k_yuan":4},)"
      R"({"department":"czj","year":2025,"licensing_decisions":1,"penalties":-2,"enforcement_measures":3,"fees_10k_yuan":4},)"
      R"({"department":"czj","year":2025,"licensing_decisions":1,"penalties":2,"enforcement_measures":3,"fees_10k_yuan":1.23456},)"
      R"("czj"]})";
  http::Response res = push_as_reviewer(body);
  ASSERT_EQ(res.status, 422) << res.body;
  json::value v = body_of(res);
  EXPECT_EQ(v.at("written").as_int64(), 0);
  const json::array& rejected = v.at("rejected").as_array();
  ASSERT_EQ(rejected.size(), 8u) << res.body;
  std::vector<std::pair<int64_t, std::string>> got;
  for (const auto& r : rejected)
    got.emplace_back(r.at("line").as_int64(), std::string(r.at("reason").as_string()));
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {2, "缺少 fees_10k_yuan"},
      {3, "licensing_decisions: 应为数字或字符串"},
      {4, "未知单位“nosuch”"},
      {5, "year: 年度应在 2000 至 9999 之间"},
      {6, "数量应为非负整数"},
      {7, "数量应为非负整数"},
      {8, "fees_10k_yuan: 收费金额应为非负数，最多 4 位小数（单位：万元）"},
      {9, "应为对象"}};
  EXPECT_EQ(got, expected);
  EXPECT_EQ(rows_written(), 0) << "all or nothing: the valid first row is not written either";
}

TEST_F(ApiReportStatisticsTest, BadBodiesAre400And415) {
  for (const std::string& body : {std::string("{not json"), std::string(R"({"rows":{}})"), std::string("[]"),
                                  std::string(R"({"rows":[]})")}) {
    http::Response res = push_as_reviewer(body);
    EXPECT_EQ(res.status, 400) << body << ": " << res.body;
    EXPECT_EQ(error_code(res), "invalid_argument") << body;
  }
  http::Response form = push_as_reviewer("department=czj", "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415) << form.body;
  EXPECT_EQ(error_code(form), "invalid_argument");
  EXPECT_EQ(rows_written(), 0);
}

TEST_F(ApiReportStatisticsTest, AcceptsACsvBody) {
  http::Response res =
      push_as_reviewer(std::string(kCsvHeader) + "czj,2025,120,45,3,12.5\n东阳市财政局,2024,7,0,0,0\n",
                       "text/csv; charset=utf-8");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(body_of(res).at("written").as_int64(), 2);
  EXPECT_EQ(statistics_->totals(2025, czj_)->fees_yuan, 125000);

  // Rejections carry the CSV line (the header is line 1).
  http::Response bad =
      push_as_reviewer(std::string(kCsvHeader) + "czj,2023,1,1,1,1\nczj,2023,x,1,1,1\n", "text/csv");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(json::serialize(body_of(bad)),
            R"({"written":0,"rejected":[{"line":3,"reason":"数量应为非负整数"}]})");

  http::Response header = push_as_reviewer("单位,年度\nczj,2023\n", "text/csv");
  EXPECT_EQ(header.status, 400);
  EXPECT_NE(header.body.find("表头应为"), std::string::npos) << header.body;
  // Excel's default "CSV" in Chinese Windows is GBK: refused rather than read as unknown departments.
  http::Response gbk =
      push_as_reviewer(std::string(kCsvHeader) + "\xB6\xAB\xD1\xF4,2023,1,1,1,1\n", "text/csv");
  EXPECT_EQ(gbk.status, 400);
  EXPECT_NE(gbk.body.find("UTF-8"), std::string::npos) << gbk.body;
  EXPECT_EQ(rows_written(), 2);
}

std::string workbook(const std::filesystem::path& dir) {
  const auto path = dir / "statistics.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  const char* header[] = {"department",           "year",         "licensing_decisions", "penalties",
                          "enforcement_measures", "fees_10k_yuan"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "东阳市财政局", nullptr);
  const double values[] = {2025, 120, 45, 3, 12.5};
  for (int c = 0; c < 5; ++c)
    worksheet_write_number(ws, 1, static_cast<lxw_col_t>(c + 1), values[c], nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_F(ApiReportStatisticsTest, AcceptsAnXlsxBody) {
  const std::string xlsx = workbook(dir_);
  http::Response res = push_as_reviewer(xlsx, kXlsxType);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(body_of(res).at("written").as_int64(), 1);
  auto row = statistics_->totals(2025, czj_);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->licensing_decisions, 120);
  EXPECT_EQ(row->fees_yuan, 125000);
  // application/octet-stream: told apart by content.
  EXPECT_EQ(push_as_reviewer(xlsx, "application/octet-stream").status, 200);

  http::Response not_xlsx = push_as_reviewer("department,year\n", kXlsxType);
  EXPECT_EQ(not_xlsx.status, 400);
  EXPECT_NE(not_xlsx.body.find("不是有效的 XLSX 文件"), std::string::npos) << not_xlsx.body;
}

TEST_F(ApiReportStatisticsTest, SessionCookieNeedsTheCsrfToken) {
  Client c;
  login(c, "czj.reviewer");
  http::Response no_token = push({.body = kTwoRows, .client = &c});
  EXPECT_EQ(no_token.status, 403) << no_token.body;
  // Basic credentials beside the session cookie do not lift the check.
  http::Response both =
      push({.body = kTwoRows, .authorization = basic("czj.reviewer", kPassword), .client = &c});
  EXPECT_EQ(both.status, 403) << both.body;
  EXPECT_EQ(rows_written(), 0);

  http::Response with_token = push({.body = kTwoRows, .client = &c, .csrf_header = page_token(c)});
  ASSERT_EQ(with_token.status, 200) << with_token.body;
  EXPECT_EQ(rows_written(), 2);
}

TEST_F(ApiReportStatisticsTest, AnswersUnavailableWithoutTheStatisticsService) {
  ctx_->statistics = nullptr;
  http::Response res = push_as_reviewer(kTwoRows);
  EXPECT_EQ(res.status, 503) << res.body;
  EXPECT_EQ(error_code(res), "unavailable");
}

TEST_F(ApiReportStatisticsTest, OpenApiDocumentDescribesThePush) {
  Client c;
  http::Response res = get(c, "/static/openapi.json");
  ASSERT_EQ(res.status, 200);
  json::value spec = body_of(res);
  const json::value& op = spec.at("paths").at("/api/v1/report-statistics").at("post");
  for (const char* status : {"200", "401", "403", "415", "422", "429"})
    EXPECT_TRUE(op.at("responses").as_object().contains(status)) << status;
  EXPECT_TRUE(spec.at("components").at("securitySchemes").as_object().contains("basicAuth"));
}

}  // namespace
}  // namespace gk::web_test
