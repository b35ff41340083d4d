#include "foi/history_import.h"

#include <fmt/format.h>
#include <boost/json.hpp>

namespace gk::foi {
namespace {

namespace json = boost::json;

Result<std::string> id_field(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null())
    return fail(Error::invalid_field(std::string(key), fmt::format("缺少 {}", key)));
  if (it->value().is_string() && !it->value().as_string().empty())
    return std::string(it->value().as_string());
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  if (it->value().is_uint64()) return std::to_string(it->value().as_uint64());
  return fail(Error::invalid_field(std::string(key), fmt::format("{} 应为字符串或整数", key)));
}

Result<std::string> text_field(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) {
    return fail(Error::invalid_field(std::string(key), fmt::format("缺少 {}（字符串）", key)));
  }
  return std::string(it->value().as_string());
}

// nullopt for a missing or null value.
Result<std::optional<Date>> date_field(const json::object& o, std::string_view key, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) return fail(Error::invalid_field(std::string(key), fmt::format("缺少 {}", key)));
    return std::optional<Date>();
  }
  if (!it->value().is_string())
    return fail(Error::invalid_field(std::string(key), fmt::format("{} 应为 YYYY-MM-DD", key)));
  auto d = Date::parse(std::string(it->value().as_string()));
  if (!d)
    return fail(Error::invalid_field(std::string(key), fmt::format("{} 不是有效日期（YYYY-MM-DD）", key)));
  return std::optional<Date>(*d);
}

Result<std::optional<std::string>> opt_text_field(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<std::string>();
  if (!it->value().is_string())
    return fail(Error::invalid_field(std::string(key), fmt::format("{} 应为字符串或 null", key)));
  return std::optional<std::string>(std::string(it->value().as_string()));
}

}  // namespace

Result<DepartmentId> resolve_department(std::string_view text,
                                        const std::vector<accounts::Department>& departments) {
  for (const auto& d : departments)
    if (d.code == text || d.name == text) return d.id;
  // "市财政局" → "东阳市财政局": the text leaves out only the place name, so it starts with 市, 县 or
  // 区 and ends the name of exactly one department.
  std::optional<DepartmentId> found;
  if (text.starts_with("市") || text.starts_with("县") || text.starts_with("区")) {
    for (const auto& d : departments) {
      if (d.name.size() > text.size() && d.name.ends_with(text)) {
        if (found) return fail(Error::invalid_field("department", fmt::format("机关“{}”不唯一", text)));
        found = d.id;
      }
    }
  }
  if (!found) return fail(Error::invalid_field("department", fmt::format("未知的机关“{}”", text)));
  return *found;
}

Result<HistoryLine> parse_history_line(std::string_view line, int line_number,
                                       const std::vector<accounts::Department>& departments) {
  boost::system::error_code ec;
  json::value v = json::parse(line, ec);
  if (ec || !v.is_object()) return fail(Error::invalid_field("line", "不是 JSON 对象"));
  const auto& o = v.as_object();
  if (o.contains("request_id")) {
    HistoricalRemedy r;
    r.line = line_number;
    GK_TRY_ASSIGN(request_id, id_field(o, "request_id"));
    r.request_id = request_id;
    GK_TRY_ASSIGN(kind_text, text_field(o, "kind"));
    auto kind = parse_remedy_kind(kind_text);
    if (!kind) return fail(Error::invalid_field("kind", fmt::format("未知的 kind “{}”", kind_text)));
    r.kind = *kind;
    GK_TRY_ASSIGN(filed, date_field(o, "filed", true));
    r.filed = *filed;
    GK_TRY_ASSIGN(decided, date_field(o, "decided", false));
    r.decided = decided;
    GK_TRY_ASSIGN(outcome_text, text_field(o, "outcome"));
    auto outcome = parse_remedy_outcome(outcome_text);
    if (!outcome)
      return fail(Error::invalid_field("outcome", fmt::format("未知的 outcome “{}”", outcome_text)));
    r.outcome = *outcome;
    if (r.decided && *r.decided < r.filed) return fail(Error::invalid_field("decided", "decided 早于 filed"));
    if (r.decided.has_value() == (r.outcome == RemedyOutcome::kPending)) {
      return fail(Error::invalid_field("outcome", r.decided
                                                      ? "已审结（decided 非空）的 outcome 不能是 pending"
                                                      : "未审结（decided 为 null）的 outcome 应为 pending"));
    }
    return HistoryLine(std::move(r));
  }
  HistoricalCase c;
  c.line = line_number;
  GK_TRY_ASSIGN(id, id_field(o, "id"));
  c.source_id = id;
  GK_TRY_ASSIGN(dept_text, text_field(o, "department"));
  GK_TRY_ASSIGN(dept, resolve_department(dept_text, departments));
  c.department = dept;
  GK_TRY_ASSIGN(type_text, text_field(o, "applicant_type"));
  auto type = parse_applicant_type(type_text);
  if (!type)
    return fail(Error::invalid_field("applicant_type", fmt::format("未知的 applicant_type “{}”", type_text)));
  c.applicant_type = *type;
  GK_TRY_ASSIGN(received, date_field(o, "received", true));
  c.received = *received;
  GK_TRY_ASSIGN(closed, date_field(o, "closed", false));
  c.closed = closed;
  GK_TRY_ASSIGN(outcome_text, opt_text_field(o, "outcome"));
  if (outcome_text) {
    c.outcome = parse_outcome(*outcome_text);
    if (!c.outcome)
      return fail(Error::invalid_field(
          "outcome", fmt::format("未知的 outcome “{}”（应为年度报告表的行键）", *outcome_text)));
  }
  if (c.closed && *c.closed < c.received) return fail(Error::invalid_field("closed", "closed 早于 received"));
  if (c.closed.has_value() != c.outcome.has_value()) {
    return fail(Error::invalid_field("outcome", c.closed ? "已办结（closed 非空）的申请须有 outcome"
                                                         : "未办结（closed 为 null）的申请不能有 outcome"));
  }
  return HistoryLine(std::move(c));
}

}  // namespace gk::foi
