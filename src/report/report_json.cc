#include "report/report_json.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/markup_escape.h"

namespace gk::report {
namespace {

void append_string(std::string& out, std::string_view s) { out += json_quote(s); }

void append_issued(std::string& out, const IssuedCounts& c) {
  out += fmt::format("{{\"issued\":{},\"repealed\":{},\"in_force\":{}}}", c.issued, c.repealed, c.in_force);
}

void append_remedy(std::string& out, const RemedyCounts& c) {
  out += fmt::format("{{\"upheld\":{},\"corrected\":{},\"other\":{},\"pending\":{},\"total\":{}}}", c.upheld,
                     c.corrected, c.other, c.pending, c.total);
}

}  // namespace

std::string to_json(const AnnualReport& r, const JsonOptions& options) {
  std::string out;
  out.reserve(4096);
  out += fmt::format("{{\"year\":{},\"department\":", r.year);
  if (r.department_code.empty())
    out += "null";
  else
    append_string(out, r.department_code);
  const auto& p = r.proactive;
  out += ",\"proactive\":{\"rules\":";
  append_issued(out, p.rules);
  out += ",\"normative_documents\":";
  append_issued(out, p.normative_documents);
  out += fmt::format(
      ",\"licensing_decisions\":{},\"penalties\":{},\"enforcement_measures\":{},\"fees_10k_yuan\":{}}}",
      p.licensing_decisions, p.penalties, p.enforcement_measures, format_amount(p.fees_10k_yuan));
  out += ",\"applications\":{\"columns\":[";
  for (size_t i = 0; i < kApplicationColumns.size(); ++i) {
    if (i) out.push_back(',');
    append_string(out, kApplicationColumns[i]);
  }
  out += "],\"rows\":{";
  for (size_t i = 0; i < kApplicationRows.size(); ++i) {
    if (i) out.push_back(',');
    append_string(out, kApplicationRows[i]);
    out += ":[";
    auto it = r.applications.find(kApplicationRows[i]);
    const Row row = it == r.applications.end() ? Row{} : it->second;
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out.push_back(',');
      out += fmt::format("{}", row[c]);
    }
    out.push_back(']');
  }
  out += "}},\"remedies\":{\"reconsideration\":";
  append_remedy(out, r.reconsideration);
  out += ",\"litigation_direct\":";
  append_remedy(out, r.litigation_direct);
  out += ",\"litigation_after_reconsideration\":";
  append_remedy(out, r.litigation_after_reconsideration);
  out += fmt::format("}},\"fees_yuan\":{},\"check_errors\":[", format_amount(r.fees_yuan));
  for (size_t i = 0; i < r.check_errors.size(); ++i) {
    if (i) out.push_back(',');
    append_string(out, r.check_errors[i]);
  }
  out.push_back(']');
  if (options.text) {
    out += ",\"department_name\":";
    append_string(out, r.department_name);
    out += ",\"text\":{\"overview\":";
    append_string(out, r.overview);
    out += ",\"problems\":";
    append_string(out, r.problems);
    out += ",\"other_matters\":";
    append_string(out, r.other_matters);
    out.push_back('}');
  }
  if (options.drill_down) {
    out += ",\"cells\":{";
    bool first = true;
    for (const auto& [key, ids] : r.cell_cases) {
      if (!first) out.push_back(',');
      first = false;
      append_string(out, key);
      out += ":[";
      for (size_t i = 0; i < ids.size(); ++i) {
        if (i) out.push_back(',');
        out += fmt::format("{}", ids[i]);
      }
      out.push_back(']');
    }
    out.push_back('}');
  }
  out.push_back('}');
  return out;
}

// The parser walks the document with a dotted path ("proactive.rules.issued") so that every error
// names the key it is about.
namespace {

namespace json = boost::json;

Error bad(std::string_view path, std::string_view what) {
  return Error::invalid_field(std::string(path), fmt::format("年度报告 JSON 的 {} {}", path, what));
}

std::string join(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string_view view(const json::string& s) { return {s.data(), s.size()}; }

Result<const json::value*> member(const json::object& o, std::string_view path, std::string_view key) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  if (it == o.end()) return fail(bad(join(path, key), "缺失"));
  return &it->value();
}

Result<const json::object*> object_at(const json::object& o, std::string_view path, std::string_view key) {
  GK_TRY_ASSIGN(v, member(o, path, key));
  if (!v->is_object()) return fail(bad(join(path, key), "不是对象"));
  return &v->get_object();
}

Result<int64_t> as_integer(const json::value& v, std::string_view path) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return static_cast<int64_t>(v.get_uint64());
  return fail(bad(path, "不是整数"));
}

Result<int64_t> integer_at(const json::object& o, std::string_view path, std::string_view key) {
  GK_TRY_ASSIGN(v, member(o, path, key));
  return as_integer(*v, join(path, key));
}

Result<double> number_at(const json::object& o, std::string_view path, std::string_view key) {
  GK_TRY_ASSIGN(v, member(o, path, key));
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return fail(bad(join(path, key), "不是数字"));
}

Result<std::string> string_at(const json::object& o, std::string_view path, std::string_view key) {
  GK_TRY_ASSIGN(v, member(o, path, key));
  if (!v->is_string()) return fail(bad(join(path, key), "不是字符串"));
  return std::string(view(v->get_string()));
}

Result<IssuedCounts> parse_issued(const json::object& o, std::string_view path, std::string_view key) {
  GK_TRY_ASSIGN(c, object_at(o, path, key));
  const std::string p = join(path, key);
  IssuedCounts out;
  GK_TRY_ASSIGN(issued, integer_at(*c, p, "issued"));
  GK_TRY_ASSIGN(repealed, integer_at(*c, p, "repealed"));
  GK_TRY_ASSIGN(in_force, integer_at(*c, p, "in_force"));
  out.issued = issued;
  out.repealed = repealed;
  out.in_force = in_force;
  return out;
}

Result<RemedyCounts> parse_remedy(const json::object& o, std::string_view path, std::string_view key) {
  GK_TRY_ASSIGN(c, object_at(o, path, key));
  const std::string p = join(path, key);
  RemedyCounts out;
  GK_TRY_ASSIGN(upheld, integer_at(*c, p, "upheld"));
  GK_TRY_ASSIGN(corrected, integer_at(*c, p, "corrected"));
  GK_TRY_ASSIGN(other, integer_at(*c, p, "other"));
  GK_TRY_ASSIGN(pending, integer_at(*c, p, "pending"));
  GK_TRY_ASSIGN(total, integer_at(*c, p, "total"));
  out = {upheld, corrected, other, pending, total};
  return out;
}

Status parse_proactive(const json::object& root, Proactive& out) {
  GK_TRY_ASSIGN(p, object_at(root, "", "proactive"));
  GK_TRY_ASSIGN(rules, parse_issued(*p, "proactive", "rules"));
  GK_TRY_ASSIGN(normative, parse_issued(*p, "proactive", "normative_documents"));
  GK_TRY_ASSIGN(licensing, integer_at(*p, "proactive", "licensing_decisions"));
  GK_TRY_ASSIGN(penalties, integer_at(*p, "proactive", "penalties"));
  GK_TRY_ASSIGN(enforcement, integer_at(*p, "proactive", "enforcement_measures"));
  GK_TRY_ASSIGN(fees, number_at(*p, "proactive", "fees_10k_yuan"));
  out.rules = rules;
  out.normative_documents = normative;
  out.licensing_decisions = licensing;
  out.penalties = penalties;
  out.enforcement_measures = enforcement;
  out.fees_10k_yuan = fees;
  return ok();
}

Status parse_applications(const json::object& root, AnnualReport& out) {
  GK_TRY_ASSIGN(a, object_at(root, "", "applications"));
  GK_TRY_ASSIGN(columns, member(*a, "applications", "columns"));
  const auto* cols = columns->if_array();
  bool columns_ok = cols && cols->size() == kApplicationColumns.size();
  for (size_t i = 0; columns_ok && i < kApplicationColumns.size(); ++i)
    columns_ok = (*cols)[i].is_string() && view((*cols)[i].get_string()) == kApplicationColumns[i];
  if (!columns_ok) return fail(bad("applications.columns", "不是 7 个规定的列名"));
  GK_TRY_ASSIGN(rows, object_at(*a, "applications", "rows"));
  for (const auto& kv : *rows) {
    const std::string_view key(kv.key().data(), kv.key().size());
    const std::string path = join("applications.rows", key);
    if (std::find(kApplicationRows.begin(), kApplicationRows.end(), key) == kApplicationRows.end())
      return fail(bad(path, "不是已知的行"));
    const auto* values = kv.value().if_array();
    if (!values || values->size() != kApplicationColumns.size()) return fail(bad(path, "不是 7 个整数"));
    Row row{};
    for (size_t c = 0; c < row.size(); ++c) {
      auto n = as_integer((*values)[c], path);
      if (!n) return fail(bad(path, "不是 7 个整数"));
      row[c] = *n;
    }
    out.applications[std::string(key)] = row;
  }
  for (auto key : kApplicationRows)
    if (!out.applications.contains(key)) return fail(bad(join("applications.rows", key), "缺失"));
  return ok();
}

Status parse_remedies(const json::object& root, AnnualReport& out) {
  GK_TRY_ASSIGN(m, object_at(root, "", "remedies"));
  GK_TRY_ASSIGN(reconsideration, parse_remedy(*m, "remedies", "reconsideration"));
  GK_TRY_ASSIGN(direct, parse_remedy(*m, "remedies", "litigation_direct"));
  GK_TRY_ASSIGN(after, parse_remedy(*m, "remedies", "litigation_after_reconsideration"));
  out.reconsideration = reconsideration;
  out.litigation_direct = direct;
  out.litigation_after_reconsideration = after;
  return ok();
}

Status parse_extras(const json::object& root, AnnualReport& out) {
  if (root.contains("department_name")) {
    GK_TRY_ASSIGN(name, string_at(root, "", "department_name"));
    out.department_name = std::move(name);
  }
  if (root.contains("text")) {
    GK_TRY_ASSIGN(t, object_at(root, "", "text"));
    GK_TRY_ASSIGN(overview, string_at(*t, "text", "overview"));
    GK_TRY_ASSIGN(problems, string_at(*t, "text", "problems"));
    GK_TRY_ASSIGN(other, string_at(*t, "text", "other_matters"));
    out.overview = std::move(overview);
    out.problems = std::move(problems);
    out.other_matters = std::move(other);
  }
  if (root.contains("cells")) {
    GK_TRY_ASSIGN(cells, object_at(root, "", "cells"));
    for (const auto& kv : *cells) {
      const std::string key(kv.key().data(), kv.key().size());
      const std::string path = join("cells", key);
      const auto* ids = kv.value().if_array();
      if (!ids) return fail(bad(path, "不是整数数组"));
      std::vector<int64_t> list;
      list.reserve(ids->size());
      for (const auto& id : *ids) {
        auto n = as_integer(id, path);
        if (!n) return fail(bad(path, "不是整数数组"));
        list.push_back(*n);
      }
      out.cell_cases[key] = std::move(list);
    }
  }
  return ok();
}

}  // namespace

Result<AnnualReport> report_from_json(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return fail(Error::invalid_field("json", fmt::format("年度报告 JSON 无法解析：{}", ec.message())));
  if (!doc.is_object()) return fail(Error::invalid_field("json", "年度报告 JSON 不是对象"));
  const json::object& root = doc.get_object();

  AnnualReport r;
  GK_TRY_ASSIGN(year, integer_at(root, "", "year"));
  if (year < std::numeric_limits<int>::min() || year > std::numeric_limits<int>::max())
    return fail(bad("year", "超出范围"));
  r.year = static_cast<int>(year);
  GK_TRY_ASSIGN(department, member(root, "", "department"));
  if (department->is_string())
    r.department_code = std::string(view(department->get_string()));
  else if (!department->is_null())
    return fail(bad("department", "不是字符串或 null"));
  GK_TRY_STATUS(parse_proactive(root, r.proactive));
  GK_TRY_STATUS(parse_applications(root, r));
  GK_TRY_STATUS(parse_remedies(root, r));
  GK_TRY_ASSIGN(fees, number_at(root, "", "fees_yuan"));
  r.fees_yuan = fees;
  GK_TRY_ASSIGN(errors, member(root, "", "check_errors"));
  const auto* list = errors->if_array();
  if (!list) return fail(bad("check_errors", "不是字符串数组"));
  for (const auto& e : *list) {
    if (!e.is_string()) return fail(bad("check_errors", "不是字符串数组"));
    r.check_errors.emplace_back(view(e.get_string()));
  }
  GK_TRY_STATUS(parse_extras(root, r));
  return r;
}

}  // namespace gk::report
