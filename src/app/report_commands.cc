// `gongkai report annual`: the statutory annual report (issue 6) computed from the database and
// rendered in one format (report/render.h; json is the contract of report/report_json.h), and the
// import of department statistics (CSV or XLSX).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "accounts/department.h"
#include "accounts/session.h"
#include "app/app.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "report/render.h"
#include "report/report_json.h"

namespace gk::app {

int cmd_report_annual(const Config& config, int year, const std::string& department,
                      const std::string& format, const std::string& out, bool drill_down) {
  bool known = false;
  for (auto f : report::kRenderFormats) known = known || f == format;
  if (!known) {
    fmt::print(stderr, "gongkai: unknown format '{}' (json, html, pdf, docx or xlsx)\n", format);
    return kExitUsage;
  }
  int rc = kExitOk;
  auto opened = open_current(config, rc);
  if (!opened) return rc;
  auto& app = *opened;
  auto departments = all_departments(app);
  if (!departments) return kExitFailure;
  const auto system = accounts::Principal::system();
  // No --department: the government organ's report, whose figures are the whole city's.
  const accounts::Department* organ = nullptr;
  for (const auto& d : *departments) {
    if (department.empty() ? d.kind == accounts::DepartmentKind::kGovernment : d.code == department) organ = &d;
  }
  if (!organ) {
    if (department.empty())
      fmt::print(stderr, "gongkai: no government organ in the database (run `gongkai seed`)\n");
    else
      fmt::print(stderr, "gongkai: unknown department '{}'\n", department);
    return department.empty() ? kExitFailure : kExitUsage;
  }
  auto report = app.annual_reports().report(system, organ->id, year, drill_down);
  if (!report) {
    fmt::print(stderr, "gongkai: {}\n", report.error().to_string());
    return report.error().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  auto bytes = format == "json" ? Result<std::string>(report::to_json(*report, {.drill_down = drill_down}))
                                : report::render(*report, format);
  if (!bytes) {
    fmt::print(stderr, "gongkai: {}\n", bytes.error().to_string());
    return kExitFailure;
  }
  if (format == "json") bytes->push_back('\n');
  if (out.empty()) {
    fmt::print("{}", *bytes);
    return kExitOk;
  }
  std::ofstream file(out, std::ios::binary);
  file << *bytes;
  if (!file.flush()) {
    fmt::print(stderr, "gongkai: cannot write {}\n", out);
    return kExitFailure;
  }
  return kExitOk;
}

int cmd_report_statistics_import(const Config& config, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "gongkai: cannot read {}\n", file);
    return kExitFailure;
  }
  std::stringstream text;
  text << in.rdbuf();
  int rc = kExitOk;
  auto opened = open_current(config, rc);
  if (!opened) return rc;
  auto& app = *opened;
  auto departments = all_departments(app);
  if (!departments) return kExitFailure;
  const auto system = accounts::Principal::system();
  auto parsed = report::parse_statistics_file(text.str(), *departments);
  if (!parsed) {
    fmt::print(stderr, "gongkai: {}\n", parsed.error().to_string());
    return kExitUsage;
  }
  for (const auto& [line, reason] : parsed->rejected) fmt::print(stderr, "line {}: {}\n", line, reason);
  auto written = app.statistics().upload(system, parsed->rows, RequestContext{"cli", "", ""});
  if (!written) {
    fmt::print(stderr, "gongkai: {}\n", written.error().to_string());
    return kExitFailure;
  }
  fmt::print("imported {} statistics row(s), rejected {}\n", *written, parsed->rejected.size());
  return parsed->rejected.empty() ? kExitOk : kExitUsage;
}

}  // namespace gk::app
