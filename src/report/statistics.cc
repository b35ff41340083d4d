#include "report/statistics.h"

#include <fmt/format.h>

#include <charconv>

#include "accounts/permission.h"

namespace gk::report {
namespace {

constexpr std::string_view kHeader =
    "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// At most kMaxStatisticsFields fields; a longer line reads as one field more ("…"), which validation
// rejects for its column count.
std::vector<std::string> split(std::string_view line) {
  std::vector<std::string> out;
  size_t at = 0;
  while (true) {
    if (out.size() == static_cast<size_t>(kMaxStatisticsFields)) {
      out.emplace_back("…");
      break;
    }
    const size_t comma = line.find(',', at);
    out.emplace_back(
        trim(line.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at)));
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return out;
}

std::optional<int64_t> count(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// "12.5" 万元 → 125000 yuan; at most 4 decimals, not negative.
std::optional<int64_t> ten_thousands_to_yuan(std::string_view s) {
  const size_t dot = s.find('.');
  auto whole = count(s.substr(0, dot));
  if (!whole || s.empty() || s.front() == '+') return std::nullopt;
  int64_t frac = 0;
  if (dot != std::string_view::npos) {
    std::string_view f = s.substr(dot + 1);
    if (f.empty() || f.size() > 4) return std::nullopt;
    for (char c : f)
      if (c < '0' || c > '9') return std::nullopt;
    std::string padded(f);
    padded.resize(4, '0');
    frac = *count(padded);
  }
  return *whole * 10000 + frac;
}

Error header_error() { return Error::invalid_field("header", fmt::format("表头应为 {}", kHeader)); }

}  // namespace

Result<StatisticsRow> validate_statistics_row(const std::vector<std::string>& fields,
                                              const std::vector<accounts::Department>& departments) {
  if (fields.size() != 6) return std::unexpected(Error::invalid("应有 6 列"));
  std::string_view f[6];
  for (size_t i = 0; i < 6; ++i) f[i] = trim(fields[i]);
  const accounts::Department* dept = nullptr;
  for (const auto& d : departments)
    if (d.code == f[0] || d.name == f[0]) dept = &d;
  if (!dept) return std::unexpected(Error::invalid(fmt::format("未知单位“{}”", f[0])));
  auto year = count(f[1]);
  auto lic = count(f[2]), pen = count(f[3]), enf = count(f[4]);
  auto fees = ten_thousands_to_yuan(f[5]);
  if (!year || *year < 2000 || *year > 9999)
    return std::unexpected(Error::invalid("year: 年度应在 2000 至 9999 之间"));
  if (!lic || !pen || !enf) return std::unexpected(Error::invalid("数量应为非负整数"));
  if (!fees)
    return std::unexpected(Error::invalid("fees_10k_yuan: 收费金额应为非负数，最多 4 位小数（单位：万元）"));
  return StatisticsRow{dept->id, static_cast<int>(*year), *lic, *pen, *enf, *fees};
}

Result<ParsedStatistics> parse_statistics_lines(const std::vector<StatisticsLine>& lines,
                                                const std::vector<accounts::Department>& departments) {
  ParsedStatistics out;
  bool header = false;
  for (const auto& l : lines) {
    if (l.fields.empty()) continue;
    if (!header) {
      if (l.fields.size() != 6) return std::unexpected(header_error());
      std::string joined;
      for (const auto& f : l.fields) {
        if (!joined.empty()) joined += ',';
        joined += trim(f);
      }
      if (joined != kHeader) return std::unexpected(header_error());
      header = true;
      continue;
    }
    auto row = validate_statistics_row(l.fields, departments);
    if (row) {
      out.rows.push_back(*row);
    } else {
      out.rejected.emplace_back(l.line, row.error().message());
    }
  }
  if (!header) return std::unexpected(header_error());
  return out;
}

Result<ParsedStatistics> parse_statistics_csv(std::string_view text,
                                              const std::vector<accounts::Department>& departments) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<StatisticsLine> lines;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line.empty()) continue;  // blank lines are skipped (and not kept)
    if (lines.size() > kMaxStatisticsRows)  // the header and kMaxStatisticsRows data rows
      return std::unexpected(
          Error::invalid_field("file", fmt::format("行数过多（最多 {} 行）", kMaxStatisticsRows)));
    std::vector<std::string> fields = split(line);
    for (const auto& f : fields)
      if (f.size() > kMaxStatisticsFieldBytes)
        return std::unexpected(Error::invalid_field(
            "file", fmt::format("第 {} 行内容过长（每项最多 {} 字节）", line_no, kMaxStatisticsFieldBytes)));
    lines.push_back({line_no, std::move(fields)});
  }
  return parse_statistics_lines(lines, departments);
}

Status StatisticsService::check_may_upload(const accounts::Principal& who) const {
  return accounts::authorize(&who, accounts::Permission::kUploadReportStatistics, who.department);
}

Result<int> StatisticsService::upload(const accounts::Principal& who, const std::vector<StatisticsRow>& rows,
                                      const RequestContext& ctx) {
  for (const auto& r : rows)
    if (Status st = accounts::authorize(&who, accounts::Permission::kUploadReportStatistics, r.department);
        !st)
      return std::unexpected(st.error());
  const Instant at = clock_.now();
  Status st = store_.transact([&](StatisticsRepository& repo, audit::AuditSink& audit) -> Status {
    for (const auto& r : rows) {
      if (Status s = repo.put(r, at); !s) return s;
      audit::AuditEvent e;
      e.actor = who.actor();
      e.department = r.department;
      e.action = "report.statistics";
      e.target = fmt::format("report_statistics:{}:{}", r.department.value, r.year);
      e.summary =
          fmt::format("{} 年 行政许可 {} 件、行政处罚 {} 件、行政强制 {} 件、行政事业性收费 {} 元", r.year,
                      r.licensing_decisions, r.penalties, r.enforcement_measures, r.fees_yuan);
      e.request_id = ctx.request_id;
      e.ip = ctx.ip;
      if (Status s = audit.append(e); !s) return s;
    }
    return {};
  });
  if (!st) return std::unexpected(st.error());
  return static_cast<int>(rows.size());
}

Result<StatisticsRow> StatisticsService::totals(int year, std::optional<DepartmentId> department) {
  StatisticsRow sum;
  sum.year = year;
  if (department) sum.department = *department;
  Status st = store_.read([&](StatisticsRepository& repo, audit::AuditSink&) -> Status {
    auto rows = repo.list(year, department);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      sum.licensing_decisions += r.licensing_decisions;
      sum.penalties += r.penalties;
      sum.enforcement_measures += r.enforcement_measures;
      sum.fees_yuan += r.fees_yuan;
    }
    return {};
  });
  if (!st) return std::unexpected(st.error());
  return sum;
}

}  // namespace gk::report
