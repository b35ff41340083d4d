#include "report/report_json.h"

#include <fmt/format.h>

#include <cmath>

namespace gk::report {
namespace {

void append_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (ch < 0x20)
          out += fmt::format("\\u{:04x}", ch);
        else
          out.push_back(static_cast<char>(ch));
    }
  }
  out.push_back('"');
}

// Money: integers print without a fraction ("0", "12"), others with at most 4 decimals, trimmed.
std::string number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<int64_t>(v));
  std::string s = fmt::format("{:.4f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void append_issued(std::string& out, const IssuedCounts& c) {
  out += fmt::format("{{\"issued\":{},\"repealed\":{},\"in_force\":{}}}", c.issued, c.repealed, c.in_force);
}

void append_remedy(std::string& out, const RemedyCounts& c) {
  out += fmt::format("{{\"upheld\":{},\"corrected\":{},\"other\":{},\"pending\":{},\"total\":{}}}", c.upheld,
                     c.corrected, c.other, c.pending, c.total);
}

}  // namespace

std::string to_json(const AnnualReport& r) {
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
      p.licensing_decisions, p.penalties, p.enforcement_measures, number(p.fees_10k_yuan));
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
  out += fmt::format("}},\"fees_yuan\":{},\"check_errors\":[", number(r.fees_yuan));
  for (size_t i = 0; i < r.check_errors.size(); ++i) {
    if (i) out.push_back(',');
    append_string(out, r.check_errors[i]);
  }
  out += "]}";
  return out;
}

}  // namespace gk::report
