#include "app/foi_import.h"

#include <algorithm>
#include <fstream>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "app/app.h"
#include "app/command_support.h"
#include "app/commands.h"
#include "core/utf8.h"
#include "foi/foi_service.h"
#include "foi/history_import.h"
#include "storage/repos/sql_foi_store.h"

namespace gk::app {

int cmd_foi_import(const Config& config, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "gongkai: cannot read {}\n", file);
    return kExitFailure;
  }
  int rc = kExitOk;
  auto opened = open_current(config, rc);
  if (!opened) return rc;
  auto& app = *opened;
  auto departments = all_departments(app);
  if (!departments) return kExitFailure;
  const auto system = accounts::Principal::system();

  std::vector<foi::HistoricalCase> cases;
  std::vector<foi::HistoricalRemedy> remedies;
  std::vector<std::pair<int, std::string>> rejected;
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    auto parsed = foi::parse_history_line(line, line_no, *departments);
    if (!parsed) {
      const auto& e = parsed.error();
      rejected.emplace_back(line_no,
                            e.fields().empty() ? e.message() : e.fields().front().field + ": " + e.message());
    } else if (auto* c = std::get_if<foi::HistoricalCase>(&*parsed)) {
      cases.push_back(std::move(*c));
    } else {
      remedies.push_back(std::get<foi::HistoricalRemedy>(std::move(*parsed)));
    }
  }

  storage::SqlFoiStore store(app.db(), app.clock());
  foi::FoiService service(store, app.clock(), [&app] { return app.calendar().current(); });
  const RequestContext ctx{"cli", "", "gongkai"};
  foi::ImportResult total;
  auto run = [&](const std::vector<foi::HistoricalCase>& cs, const std::vector<foi::HistoricalRemedy>& rs,
                 int first_line, int last_line) -> bool {
    auto r = service.import_history(system, cs, rs, ctx);
    if (!r) {
      fmt::print(stderr, "gongkai: the batch of lines {}–{} failed and was rolled back: {}\n", first_line,
                 last_line, r.error().to_string());
      return false;
    }
    total.cases_inserted += r->cases_inserted;
    total.cases_existing += r->cases_existing;
    total.remedies_inserted += r->remedies_inserted;
    total.remedies_existing += r->remedies_existing;
    for (auto& x : r->rejected) rejected.push_back(std::move(x));
    return true;
  };
  bool ok = true;
  for (size_t at = 0; ok && at < cases.size(); at += kFoiImportBatch) {
    std::vector<foi::HistoricalCase> batch(cases.begin() + at,
                                           cases.begin() + std::min(cases.size(), at + kFoiImportBatch));
    ok = run(batch, {}, batch.front().line, batch.back().line);
  }
  for (size_t at = 0; ok && at < remedies.size(); at += kFoiImportBatch) {
    std::vector<foi::HistoricalRemedy> batch(
        remedies.begin() + at, remedies.begin() + std::min(remedies.size(), at + kFoiImportBatch));
    ok = run({}, batch, batch.front().line, batch.back().line);
  }
  std::sort(rejected.begin(), rejected.end());
  for (const auto& [line, reason] : rejected) fmt::print(stderr, "line {}: {}\n", line, reason);
  fmt::print(
      "imported {} case(s) and {} remedy(ies); {} case(s) and {} remedy(ies) already present; {} line(s) "
      "rejected\n",
      total.cases_inserted, total.remedies_inserted, total.cases_existing, total.remedies_existing,
      rejected.size());
  if (!ok) return kExitFailure;
  return rejected.empty() ? kExitOk : kExitUsage;
}

}  // namespace gk::app
