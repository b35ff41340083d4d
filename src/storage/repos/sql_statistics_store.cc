#include "storage/repos/sql_statistics_store.h"

#include <string>
#include <vector>

#include "storage/repos/sql_audit_log.h"

namespace gk::storage {
namespace {

class SqlStatisticsRepository final : public report::StatisticsRepository {
 public:
  explicit SqlStatisticsRepository(sql::Connection& c) : c_(c) {}

  Status put(const report::StatisticsRow& r, Instant at) override {
    auto rs = c_.query(
        "INSERT INTO report_statistics (department_id, year, licensing_decisions, penalties, "
        "enforcement_measures, "
        "fees_yuan, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (department_id, year) DO UPDATE SET "
        "licensing_decisions = excluded.licensing_decisions, penalties = excluded.penalties, "
        "enforcement_measures = excluded.enforcement_measures, fees_yuan = excluded.fees_yuan, "
        "updated_at = excluded.updated_at",
        {r.department.value, static_cast<int64_t>(r.year), r.licensing_decisions, r.penalties,
         r.enforcement_measures, r.fees_yuan, at.micros()});
    if (!rs) return std::unexpected(rs.error());
    return {};
  }

  Result<std::vector<report::StatisticsRow>> list(int year, std::optional<DepartmentId> department) override {
    std::string q =
        "SELECT department_id, year, licensing_decisions, penalties, enforcement_measures, fees_yuan "
        "FROM report_statistics WHERE year = ?";
    std::vector<sql::Value> params{static_cast<int64_t>(year)};
    if (department) {
      q += " AND department_id = ?";
      params.emplace_back(department->value);
    }
    q += " ORDER BY department_id";
    auto rs = c_.query(q, params);
    if (!rs) return std::unexpected(rs.error());
    std::vector<report::StatisticsRow> out;
    for (const auto& r : rs->rows)
      out.push_back({DepartmentId(r.get_int(0)), static_cast<int>(r.get_int(1)), r.get_int(2), r.get_int(3),
                     r.get_int(4), r.get_int(5)});
    return out;
  }

 private:
  sql::Connection& c_;
};

}  // namespace

Status SqlStatisticsStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlStatisticsRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlStatisticsStore::read(const Work& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlStatisticsRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

}  // namespace gk::storage
