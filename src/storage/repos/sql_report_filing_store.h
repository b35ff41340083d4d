// ReportFilingStore over SQL (tables annual_report_filings and annual_report_reminders, migration
// 0011; reminders also write an `outbox` row). Thread-safe; each unit of work takes a pooled
// connection and runs in one transaction with its audit rows.
#pragma once

#include "core/date.h"
#include "report/report_filing.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlReportFilingStore final : public report::ReportFilingStore {
 public:
  SqlReportFilingStore(sql::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status transact(const Work& work) override;
  Status read(const Work& work) override;

 private:
  sql::Database& db_;
  const Clock& clock_;
};

}  // namespace gk::storage
