#include "web/api_report_statistics.h"

#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "web/account_pages.h"
#include "web/api_documents.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

namespace json = boost::json;

constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// The JSON members of one row, in the CSV header's order.
constexpr std::string_view kFields[] = {
    "department", "year", "licensing_decisions", "penalties", "enforcement_measures", "fees_10k_yuan"};

// Not cacheable (a push answer), and no CORS header: unlike the public catalogue this is not data for
// other origins' scripts to read.
http::Response finish(http::Response res) {
  res.headers.set("Cache-Control", "no-store");
  res.headers.remove("Access-Control-Allow-Origin");
  return res;
}

http::Response push_error(const http::Request& req, const Error& e,
                          std::optional<int> status = std::nullopt) {
  http::Response res = api_error(req, e);
  if (status) res.status = *status;
  return finish(std::move(res));
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "text/csv; charset=utf-8" → "text/csv".
std::string media_type(const http::Request& req) {
  auto h = req.headers.get("Content-Type");
  if (!h) return {};
  std::string_view t = h->substr(0, h->find(';'));
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  return lower_ascii(t);
}

// RFC 7617: "Basic " base64(username ":" password). nullopt when the value is not that.
std::optional<std::pair<std::string, std::string>> basic_credentials(std::string_view value) {
  if (value.size() < 6 || lower_ascii(value.substr(0, 6)) != "basic ") return std::nullopt;
  std::string_view b64 = value.substr(6);
  while (!b64.empty() && b64.front() == ' ') b64.remove_prefix(1);
  while (!b64.empty() && b64.back() == ' ') b64.remove_suffix(1);
  if (b64.empty() || b64.size() > 4096) return std::nullopt;
  std::string raw(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(), b64.size(),
                        nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  raw.resize(len);
  const size_t colon = raw.find(':');
  if (colon == std::string::npos || !is_valid_utf8(raw)) return std::nullopt;
  return std::pair{raw.substr(0, colon), raw.substr(colon + 1)};
}

// Who is pushing: the Basic credentials when the request has an Authorization header, else the
// session the visitor middleware resolved.
Result<accounts::Principal> caller(WebContext& ctx, const http::Request& req) {
  if (auto header = req.headers.get("Authorization")) {
    auto creds = basic_credentials(*header);
    if (!creds) {
      return std::unexpected(
          Error::unauthenticated("Authorization 应为 HTTP Basic：工作人员用户名:密码 的 Base64 编码"));
    }
    const RequestContext rc = request_context(req);
    auto who = ctx.accounts.authenticate(creds->first, creds->second, rc);
    if (!who) {
      // An empty name or password is just wrong credentials here, not a form to redisplay.
      if (who.error().code() == ErrorCode::kInvalidArgument)
        return std::unexpected(Error::unauthenticated("用户名或密码错误"));
      return std::unexpected(who.error());
    }
    return std::move(*who);
  }
  if (const Visitor& v = visitor_of(req); v.principal) return *v.principal;
  return std::unexpected(
      Error::unauthenticated("请使用 HTTP Basic 认证（工作人员用户名和密码）或登录后再提交"));
}

// A JSON member as the text a CSV cell would hold: strings as given, integers in decimal, other
// numbers as the shortest fixed-notation decimal that reads back as the same double (12.5 → "12.5",
// 0.0125 → "0.0125", never an exponent). nullopt for null, booleans, arrays and objects.
std::optional<std::string> cell_text(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return std::string(v.get_string());
    case json::kind::int64:
      return std::to_string(v.get_int64());
    case json::kind::uint64:
      return std::to_string(v.get_uint64());
    case json::kind::double_: {
      char buf[512];
      auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.get_double(), std::chars_format::fixed);
      if (ec != std::errc()) return std::nullopt;
      return std::string(buf, p);
    }
    default:
      return std::nullopt;
  }
}

Result<report::ParsedStatistics> parse_json(std::string_view body,
                                            const std::vector<accounts::Department>& depts) {
  boost::system::error_code ec;
  json::value doc = json::parse(body, ec);
  if (ec) return std::unexpected(Error::invalid_field("body", "请求体不是有效的 JSON"));
  const json::object* obj = doc.if_object();
  const json::value* rows = obj ? obj->if_contains("rows") : nullptr;
  if (!rows || !rows->is_array())
    return std::unexpected(Error::invalid_field("rows", "请求体应为 {\"rows\": [ … ]}"));
  report::ParsedStatistics out;
  int line = 0;
  for (const json::value& item : rows->get_array()) {
    ++line;
    const json::object* row = item.if_object();
    if (!row) {
      out.rejected.emplace_back(line, "应为对象");
      continue;
    }
    std::vector<std::string> fields;
    std::string problem;
    for (std::string_view name : kFields) {
      const json::value* v = row->if_contains(name);
      auto text = v ? cell_text(*v) : std::nullopt;
      if (!text) {
        problem = v ? fmt::format("{}: 应为数字或字符串", name) : fmt::format("缺少 {}", name);
        break;
      }
      fields.push_back(std::move(*text));
    }
    if (!problem.empty()) {
      out.rejected.emplace_back(line, std::move(problem));
      continue;
    }
    auto valid = report::validate_statistics_row(fields, depts);
    if (valid) {
      out.rows.push_back(*valid);
    } else {
      out.rejected.emplace_back(line, valid.error().message());
    }
  }
  return out;
}

// The rows of the body, by its Content-Type; the int is the status for an error (400 or 415).
Result<report::ParsedStatistics> parse_body(const http::Request& req,
                                            const std::vector<accounts::Department>& depts, int& status) {
  status = 400;
  const std::string type = media_type(req);
  if (type == "application/json") return parse_json(req.body, depts);
  if (type == "text/csv") {
    if (!is_valid_utf8(req.body))
      return std::unexpected(
          Error::invalid_field("body", "CSV 应为 UTF-8 编码（Excel 请另存为“CSV UTF-8”）"));
    return report::parse_statistics_csv(req.body, depts);
  }
  if (type == kXlsxType) return report::parse_statistics_xlsx(req.body, depts);
  if (type == "application/octet-stream") return report::parse_statistics_file(req.body, depts);
  status = 415;
  return std::unexpected(Error::invalid_field(
      "Content-Type", fmt::format("Content-Type 应为 application/json、text/csv 或 {}", kXlsxType)));
}

json::object answer(int written, const std::vector<std::pair<int, std::string>>& rejected) {
  json::array list;
  for (const auto& [line, reason] : rejected) {
    json::object r;
    r["line"] = line;
    r["reason"] = reason;
    list.push_back(std::move(r));
  }
  json::object body;
  body["written"] = written;
  body["rejected"] = std::move(list);
  return body;
}

}  // namespace

http::Response api_report_statistics(WebContext& ctx, http::Request& req) {
  if (!ctx.statistics) return push_error(req, Error::unavailable("report statistics are not configured"));
  auto who = caller(ctx, req);
  if (!who) {
    // Throttled logins come back as FailedPrecondition; a machine client understands 429.
    const bool throttled = who.error().code() == ErrorCode::kFailedPrecondition;
    return push_error(req, who.error(), throttled ? std::optional<int>(429) : std::nullopt);
  }
  // Before the body is looked at: a caller who may not upload any statistics (an editor, an analyst)
  // gets 403 without a parser running over what it sent.
  if (Status may = ctx.statistics->check_may_upload(*who); !may) return push_error(req, may.error());
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return push_error(req, depts.error());
  int status = 400;
  auto parsed = parse_body(req, *depts, status);
  if (!parsed) return push_error(req, parsed.error(), status);
  if (parsed->rows.empty() && parsed->rejected.empty())
    return push_error(req, Error::invalid_field("rows", "没有数据行"));
  if (!parsed->rejected.empty())
    return finish(api_response(req, json::serialize(answer(0, parsed->rejected)), 422));
  auto written = ctx.statistics->upload(*who, parsed->rows, request_context(req));
  if (!written) return push_error(req, written.error());
  return finish(api_response(req, json::serialize(answer(*written, {}))));
}

}  // namespace gk::web
