// Department statistics of the annual report's section 二 (第二十条第（五）（六）（八）项): 行政许可 /
// 行政处罚 / 行政强制 本年处理决定数量 and 行政事业性收费 本年收费金额, which the platform does not
// compute — each department uploads them per year (issue 6, item 1). One row per (department,
// year); an upload replaces the row. Fees are kept in whole yuan (the table shows 万元: 12.5 万元 is
// 125000 yuan), so sums are exact.
//
// CSV (UTF-8, optional BOM, header required, comma-separated, no quoting needed):
//   department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan
//   czj,2023,120,45,3,12.5
// department is the department's code (or its Chinese name); fees_10k_yuan has at most 4 decimals.
//
// Permission kUploadReportStatistics: admin/supervisor for any department, the department's
// reviewer (审核人) or FOI approver (机构负责人) for their own. Each row written is audited
// ("report.statistics"). The store runs a unit of work in one transaction with the audit sink.
// Implemented by src/storage (SqlStatisticsStore). Thread-safe when the store is.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/department.h"
#include "accounts/user.h"
#include "audit/audit_sink.h"
#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/request_context.h"

namespace gk::report {

struct StatisticsRow {
  DepartmentId department;
  int year = 0;
  int64_t licensing_decisions = 0;
  int64_t penalties = 0;
  int64_t enforcement_measures = 0;
  int64_t fees_yuan = 0;  // 行政事业性收费, whole yuan
};

class StatisticsRepository {
 public:
  virtual ~StatisticsRepository() = default;
  // Inserts or replaces the row of (department, year).
  virtual Status put(const StatisticsRow& row, Instant at) = 0;
  // Rows of `year`, of one department or all, by department id.
  virtual Result<std::vector<StatisticsRow>> list(int year, std::optional<DepartmentId> department) = 0;
};

class StatisticsStore {
 public:
  virtual ~StatisticsStore() = default;
  using Work = std::function<Status(StatisticsRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  [[nodiscard]] virtual Status read(const Work& work) { return transact(work); }
};

// Parses the CSV. Lines with an unknown department, a bad year (2000..9999), a negative or
// non-integer count, or a fee with more than 4 decimals are returned in `rejected` as (line, reason);
// InvalidArgument when the header is not the one above.
// Bounds of an upload, CSV and XLSX alike, so a small file cannot take much memory: fields kept per
// row (a row with more reads as kMaxStatisticsFields + 1 fields, so validation rejects it), data rows
// after the header, bytes of one field. Beyond the last two the file is refused (InvalidArgument on
// field "file").
inline constexpr int kMaxStatisticsFields = 8;
inline constexpr size_t kMaxStatisticsRows = 10000;
inline constexpr size_t kMaxStatisticsFieldBytes = 1000;

struct ParsedStatistics {
  std::vector<StatisticsRow> rows;
  std::vector<std::pair<int, std::string>> rejected;
};
[[nodiscard]] Result<ParsedStatistics> parse_statistics_csv(
    std::string_view text, const std::vector<accounts::Department>& departments);

// The validation every way in shares (the CSV and XLSX parsers, the JSON API): one data row as its
// fields in header order, each trimmed of spaces and tabs. The row, or InvalidArgument whose message
// is the reason it is rejected ("应有 6 列", "未知单位“…”", …).
[[nodiscard]] Result<StatisticsRow> validate_statistics_row(
    const std::vector<std::string>& fields, const std::vector<accounts::Department>& departments);

// A table already split into cells, as the CSV and XLSX parsers produce it: `line` is the number a
// rejection is reported under (the CSV line, the worksheet row). Lines with no fields are skipped;
// the first other line must be the header; every later one goes through validate_statistics_row.
struct StatisticsLine {
  int line = 0;
  std::vector<std::string> fields;
};
[[nodiscard]] Result<ParsedStatistics> parse_statistics_lines(
    const std::vector<StatisticsLine>& lines, const std::vector<accounts::Department>& departments);

// The same table as the first worksheet of an XLSX workbook (statistics_xlsx.cc; libzip + expat):
// row 1 the header above, then one row per department; numbers may be numeric or text cells (the
// number text Excel writes, "120.0" or "1.2E2", is read digit by digit as 120; a fee of 12.5 stays
// 12.5); rejections carry the worksheet row number. InvalidArgument on the field "file" ("不是有效的
// XLSX 文件…") when the bytes are not an XLSX workbook, a part inflates past 20 MB or has a DTD;
// on "header" when the header differs. Bounded in what it keeps, whatever the workbook claims: only
// columns A..H of a row are kept (a row with a non-blank cell further right is rejected as having the
// wrong number of columns, "应有 6 列", under its row number); more than 10,000 data rows is
// InvalidArgument "行数过多（最多 10000 行）", a cell over 1,000 bytes is InvalidArgument "第 N 行的单元格
// X 内容过长（最多 1000 字节）", more than 100,000 shared strings likewise (all on the field "file").
[[nodiscard]] Result<ParsedStatistics> parse_statistics_xlsx(
    std::string_view bytes, const std::vector<accounts::Department>& departments);

// An uploaded file, CSV or XLSX by its content (an XLSX file is a zip: "PK\x03\x04").
[[nodiscard]] Result<ParsedStatistics> parse_statistics_file(
    std::string_view bytes, const std::vector<accounts::Department>& departments);

class StatisticsService {
 public:
  StatisticsService(StatisticsStore& store, const Clock& clock) : store_(store), clock_(clock) {}
  // Whether `who` may upload statistics at all: kUploadReportStatistics for the principal's own
  // department (city-wide roles and the system pass). OK, Unauthenticated, or PermissionDenied
  // ("您的角色无权执行此操作"). The upload routes call it before they read or parse a file, so a
  // principal who could never write a row does not get a parser to work on; it does not replace
  // upload()'s per-row check (another department's rows are still refused there). Pure; no I/O.
  [[nodiscard]] Status check_may_upload(const accounts::Principal& who) const;
  // Writes every row in one transaction (all or nothing) after checking the permission for each
  // row's department; returns how many rows were written.
  [[nodiscard]] Result<int> upload(const accounts::Principal& who, const std::vector<StatisticsRow>& rows,
                                   const RequestContext& ctx);
  // The sum over the rows of `year` (one department or all).
  [[nodiscard]] Result<StatisticsRow> totals(int year, std::optional<DepartmentId> department);

 private:
  StatisticsStore& store_;
  const Clock& clock_;
};

}  // namespace gk::report
