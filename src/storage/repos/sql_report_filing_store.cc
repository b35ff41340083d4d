#include "storage/repos/sql_report_filing_store.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/markup_escape.h"
#include "storage/repos/sql_audit_log.h"

namespace gk::storage {
namespace {

using report::FilingState;
using report::ReportFiling;
using report::ReportReminder;

constexpr const char* kFilingColumns =
    "department_id, year, state, overview, problems, other_matters, snapshot, submitted_at, submitted_by, "
    "document_id, version, updated_at, updated_by";

sql::Value optional_id(int64_t v) { return v != 0 ? sql::Value(v) : sql::Value(nullptr); }

template <class T>
sql::Value optional_value(const std::optional<T>& id) {
  return id ? optional_id(id->value) : sql::Value(nullptr);
}

sql::Value optional_instant(const std::optional<Instant>& at) {
  return at ? sql::Value(at->micros()) : sql::Value(nullptr);
}

Result<ReportFiling> filing_from_row(const sql::Row& r) {
  ReportFiling f;
  f.department = DepartmentId(r.get_int(0));
  f.year = static_cast<int>(r.get_int(1));
  auto state = report::parse_filing_state(r.get_text(2));
  if (!state) return fail(Error::internal("annual_report_filings: unknown state " + r.get_text(2)));
  f.state = *state;
  f.text.overview = r.get_text(3);
  f.text.problems = r.get_text(4);
  f.text.other_matters = r.get_text(5);
  f.snapshot_json = r.get_text(6);
  if (auto v = r.get_opt_int(7)) f.submitted_at = Instant::from_micros(*v);
  if (auto v = r.get_opt_int(8)) f.submitted_by = UserId(*v);
  if (auto v = r.get_opt_int(9)) f.document = DocumentId(*v);
  f.version = static_cast<int>(r.get_int(10));
  f.updated_at = Instant::from_micros(r.get_int(11));
  if (auto v = r.get_opt_int(12)) f.updated_by = UserId(*v);
  return f;
}

class SqlReportFilingRepository final : public report::ReportFilingRepository {
 public:
  explicit SqlReportFilingRepository(sql::Connection& c) : c_(c) {}

  Result<std::optional<ReportFiling>> find(DepartmentId department, int year) override {
    GK_TRY_ASSIGN(
        rs, c_.query(fmt::format("SELECT {} FROM annual_report_filings WHERE department_id = ? AND year = ?",
                                 kFilingColumns),
                     {department.value, int64_t{year}}));
    if (rs.rows.empty()) return std::optional<ReportFiling>();
    GK_TRY_ASSIGN(f, filing_from_row(rs.rows.front()));
    return std::optional<ReportFiling>(std::move(f));
  }

  Status insert(const ReportFiling& f) override {
    GK_TRY_STATUS(c_.query(
        fmt::format("INSERT INTO annual_report_filings ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                    kFilingColumns),
        {f.department.value, int64_t{f.year}, std::string(report::filing_state_key(f.state)), f.text.overview,
         f.text.problems, f.text.other_matters, f.snapshot_json, optional_instant(f.submitted_at),
         optional_value(f.submitted_by), optional_value(f.document), f.updated_at.micros(),
         optional_value(f.updated_by)}));
    return ok();
  }

  Status update(const ReportFiling& f) override {
    GK_TRY_ASSIGN(
        rs,
        c_.query("UPDATE annual_report_filings SET state = ?, overview = ?, problems = ?, other_matters = ?, "
                 "snapshot = ?, submitted_at = ?, submitted_by = ?, document_id = ?, version = version + 1, "
                 "updated_at = ?, updated_by = ? WHERE department_id = ? AND year = ? AND version = ?",
                 {std::string(report::filing_state_key(f.state)), f.text.overview, f.text.problems,
                  f.text.other_matters, f.snapshot_json, optional_instant(f.submitted_at),
                  optional_value(f.submitted_by), optional_value(f.document), f.updated_at.micros(),
                  optional_value(f.updated_by), f.department.value, int64_t{f.year}, int64_t{f.version}}));
    if (rs.affected_rows == 1) return ok();
    GK_TRY_ASSIGN(exists, c_.query("SELECT 1 FROM annual_report_filings WHERE department_id = ? AND year = ?",
                                   {f.department.value, int64_t{f.year}}));
    if (exists.rows.empty()) return fail(Error::not_found("年度报告不存在"));
    return fail(Error::conflict("年度报告已被他人修改，请刷新后重试"));
  }

  Result<std::vector<ReportFiling>> list(int year) override {
    GK_TRY_ASSIGN(
        rs, c_.query(fmt::format("SELECT {} FROM annual_report_filings WHERE year = ? ORDER BY department_id",
                                 kFilingColumns),
                     {int64_t{year}}));
    std::vector<ReportFiling> out;
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) {
      GK_TRY_ASSIGN(f, filing_from_row(r));
      out.push_back(std::move(f));
    }
    return out;
  }

  Result<bool> record_reminder(const ReportReminder& r) override {
    GK_TRY_ASSIGN(
        rs, c_.query("INSERT INTO annual_report_reminders (department_id, year, threshold, deadline, "
                     "message, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (department_id, year, threshold) DO NOTHING",
                     {r.department.value, int64_t{r.year}, r.threshold, r.deadline.to_string(), r.message,
                      r.created_at.micros()}));
    if (rs.affected_rows != 1) return false;
    // Outbox readers follow ids in commit order (see SqlDocumentRepository::announce_change).
    if (c_.dialect() == sql::Dialect::kPostgres)
      GK_TRY_STATUS(c_.query("SELECT pg_advisory_xact_lock(7320001)", {}));
    const std::string payload = fmt::format(
        R"({{"department":{},"year":{},"threshold":{},"deadline":"{}","message":{}}})", r.department.value,
        r.year, json_quote(r.threshold), r.deadline.to_string(), json_quote(r.message));
    GK_TRY_STATUS(c_.query("INSERT INTO outbox (topic, payload, created_at) VALUES (?, ?, ?)",
                           {std::string("mail:report_reminder"), payload, r.created_at.micros()}));
    return true;
  }

  Result<std::vector<ReportReminder>> reminders(std::optional<DepartmentId> department, int limit) override {
    std::string q =
        "SELECT department_id, year, threshold, deadline, message, created_at FROM annual_report_reminders";
    std::vector<sql::Value> params;
    if (department) {
      q += " WHERE department_id = ?";
      params.emplace_back(department->value);
    }
    q += " ORDER BY created_at DESC, year DESC, department_id, threshold LIMIT ?";
    params.emplace_back(int64_t{limit});
    GK_TRY_ASSIGN(rs, c_.query(q, params));
    std::vector<ReportReminder> out;
    out.reserve(rs.rows.size());
    for (const auto& row : rs.rows) {
      ReportReminder r;
      r.department = DepartmentId(row.get_int(0));
      r.year = static_cast<int>(row.get_int(1));
      r.threshold = row.get_text(2);
      auto deadline = Date::parse(row.get_text(3));
      if (!deadline) return fail(Error::internal("annual_report_reminders: bad deadline " + row.get_text(3)));
      r.deadline = *deadline;
      r.message = row.get_text(4);
      r.created_at = Instant::from_micros(row.get_int(5));
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  sql::Connection& c_;
};

}  // namespace

Status SqlReportFilingStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlReportFilingRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlReportFilingStore::read(const Work& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlReportFilingRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

}  // namespace gk::storage
