#include "app/document_import.h"

#include <algorithm>

#include <boost/json.hpp>
#include <fmt/format.h>

namespace gk::app {
namespace {

std::string str(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return "";
  return std::string(it->value().as_string());
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Dates as found in real corpora: full-width digits (２０１３-01-01), or only a year / a month.
// Returns "YYYY-MM-DD" (a partial date completed with the 1st day/month, *approximate set) or the
// input unchanged when it is not date-like, so validation reports it.
std::string normalize_date(const std::string& raw, bool* approximate) {
  std::string s;
  for (size_t i = 0; i < raw.size();) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    // U+FF10..U+FF19 (full-width digits) are EF BC 90..99; U+FF0D (full-width hyphen) is EF BC 8D.
    if (c == 0xEF && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xBC) {
      const unsigned char d = static_cast<unsigned char>(raw[i + 2]);
      if (d >= 0x90 && d <= 0x99) { s += static_cast<char>('0' + (d - 0x90)); i += 3; continue; }
      if (d == 0x8D) { s += '-'; i += 3; continue; }
    }
    s += raw[i++];
  }
  auto digits = [](std::string_view v) { return !v.empty() && std::all_of(v.begin(), v.end(), ::isdigit); };
  if (s.size() == 4 && digits(s)) {
    if (approximate) *approximate = true;
    return s + "-01-01";
  }
  if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2))) {
    if (approximate) *approximate = true;
    return s + "-01";
  }
  return s;
}

}  // namespace

std::string genre_from_title(std::string_view title) {
  struct Rule {
    std::string_view suffix;
    std::string_view genre;
  };
  static constexpr Rule kRules[] = {
      {"条例", "regulation"}, {"实施细则", "rules"}, {"细则", "rules"},   {"办法", "measures"}, {"规定", "provisions"},
      {"决定", "decision"},   {"通知", "notice"},    {"意见", "opinion"}, {"公告", "announcement"}, {"通告", "circular"},
      {"批复", "reply"},      {"规划", "plan"},      {"方案", "programme"}, {"报告", "report"},   {"指南", "guide"},
      {"令", "order"},        {"函", "letter"},      {"纪要", "minutes"},  {"通报", "bulletin"},
  };
  std::string_view t = title;
  // Drop a trailing bracketed note such as "（2019年修订）" or "(试行)".
  for (std::string_view close : {"）", ")"}) {
    if (ends_with(t, close)) {
      const size_t open = std::max(t.rfind("（") == std::string_view::npos ? 0 : t.rfind("（"),
                                   t.rfind("(") == std::string_view::npos ? 0 : t.rfind("("));
      if (open > 0) t = t.substr(0, open);
    }
  }
  for (const auto& r : kRules)
    if (ends_with(t, r.suffix)) return std::string(r.genre);
  return "other";
}

std::string text_to_html(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) {
      out += "<p>";
      for (char c : line) {
        switch (c) {
          case '&': out += "&amp;"; break;
          case '<': out += "&lt;"; break;
          case '>': out += "&gt;"; break;
          case '"': out += "&quot;"; break;
          default: out += c;
        }
      }
      out += "</p>\n";
    }
    if (nl == text.size()) break;
    start = nl + 1;
  }
  return out;
}

Result<documents::ImportRecord> import_record_from_json(std::string_view line, int line_number,
                                                        const std::vector<ColumnId>& columns_for_rules) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(line, ec);
  if (ec) return fail(Error::invalid("JSON 格式错误：" + ec.message()));
  if (!v.is_object()) return fail(Error::invalid("每行应为一个 JSON 对象"));
  const auto& o = v.as_object();
  documents::ImportRecord r;
  r.line = line_number;
  const std::string id = str(o, "id");
  if (id.empty()) return fail(Error::invalid_field("id", "缺少 id"));
  r.source_key = "corpus:" + id;
  auto& d = r.draft;
  d.title = str(o, "title");
  if (d.title.empty()) return fail(Error::invalid_field("title", "缺少 title"));
  d.doc_number = str(o, "doc_number");
  if (auto issuer = str(o, "issuer"); !issuer.empty()) d.issuers.push_back(issuer);
  bool approximate = false;
  d.written_on = normalize_date(str(o, "date"), &approximate);
  d.effective_on = normalize_date(str(o, "effective_date"), nullptr);
  r.approximate_date = approximate;
  d.formed_on = d.written_on.empty() ? d.effective_on : d.written_on;
  d.genre = genre_from_title(d.title);
  d.topic = "general";
  const std::string level = str(o, "level");
  d.normative = level.find("规范性文件") != std::string::npos;
  d.body_html = text_to_html(str(o, "body"));
  const std::string region = str(o, "region");
  d.summary = level.empty() ? "" : level + (region.empty() || region == "全国" ? "" : "（" + region + "）");
  // Laws, regulations, rules and normative documents belong to 条例 Art. 20(一).
  d.columns = columns_for_rules;
  if (auto day = Date::parse(d.formed_on)) r.published_on = *day;
  return r;
}

}  // namespace gk::app

namespace gk::app {

Result<DemoRecord> demo_record_from_json(
    std::string_view line, int line_number,
    const std::function<std::optional<ColumnId>(const std::string&, const std::string&)>& column_id) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) return fail(Error::invalid(fmt::format("demo line {}: not a JSON object", line_number)));
  const auto& o = v.as_object();
  DemoRecord out;
  out.department = str(o, "department");
  auto& r = out.record;
  r.line = line_number;
  r.source_key = str(o, "key");
  auto& d = r.draft;
  d.title = str(o, "title");
  d.doc_number = str(o, "doc_number");
  d.written_on = str(o, "date");
  d.formed_on = d.written_on;
  d.effective_on = str(o, "effective");
  d.expires_on = str(o, "expires");
  d.genre = str(o, "genre").empty() ? "other" : str(o, "genre");
  d.topic = str(o, "topic").empty() ? "general" : str(o, "topic");
  if (auto it = o.find("normative"); it != o.end() && it->value().is_bool()) d.normative = it->value().as_bool();
  d.unified_number = str(o, "unified_number");
  d.summary = str(o, "summary");
  d.body_html = text_to_html(str(o, "body"));
  if (auto c = column_id(out.department, str(o, "column"))) d.columns.push_back(*c);
  if (auto it = o.find("relations"); it != o.end() && it->value().is_array()) {
    for (const auto& rel : it->value().as_array()) {
      if (!rel.is_array() || rel.as_array().size() != 2) continue;
      auto kind = documents::parse_relation_kind(std::string(rel.as_array()[0].as_string()));
      if (kind) r.relations.emplace_back(*kind, std::string(rel.as_array()[1].as_string()));
    }
  }
  if (auto day = Date::parse(d.written_on)) r.published_on = *day;
  if (r.source_key.empty() || d.title.empty()) {
    return fail(Error::invalid(fmt::format("demo line {}: key and title are required", line_number)));
  }
  return out;
}

}  // namespace gk::app
