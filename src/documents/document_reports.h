// DocumentReports: read-only back-office reports over the document library.
//
//   * timeliness — 《政府信息公开条例》第二十六条: for each proactive document published (and public)
//     in a year, the working days between its formation/change and its publication, its due day and
//     whether it was late (timeliness.h), with summary counts;
//   * expiring  — 行政规范性文件 in force whose validity period (explicit 失效日期, or the default
//     period of ValidityPolicy: 5 years, 2 for 试行/暂行) ends within the warning window (6 months),
//     for the evaluation due before expiry (regulations.md §4.5; validity.h expiring_within).
//
// Scope: staff see their own department; city-wide principals (admin, supervisor, system) see one
// department or the whole city. Asking for another department without a city-wide role is
// PermissionDenied. Nothing is written, so nothing is audited.
//
// The calendar is read through `calendar` on every call (CalendarService::current() snapshots), so a
// holiday notice imported while the server runs is used at once. Thread-safe when the store is.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "calendar/working_calendar.h"
#include "core/date.h"
#include "core/error.h"
#include "documents/document.h"
#include "documents/document_store.h"
#include "documents/timeliness.h"
#include "documents/validity.h"

namespace gk::documents {

struct TimelinessReportRow {
  DocumentId id;
  std::string title;
  std::string index_number;
  std::optional<std::string> doc_number;
  DepartmentId department;
  Timeliness timeliness;
};

struct TimelinessReport {
  int year = 0;
  std::optional<DepartmentId> department;  // nullopt: the whole city
  std::vector<TimelinessReportRow> rows;   // by publication time, then id
  int total = 0;
  int on_time = 0;
  int late = 0;
  int unknown = 0;
  // on_time / (on_time + late): documents whose verdict is unknown are left out rather than
  // counted either way; nullopt when no verdict is known.
  std::optional<double> on_time_rate() const;
};

struct ExpiringRow {
  ExpiryWarning warning;  // id, title, expires (first day no longer in force), days_left, default_period
  std::optional<std::string> doc_number;
  std::optional<std::string> unified_number;
  DepartmentId department;
  std::optional<Date> effective_on;
};

class DocumentReports {
 public:
  using CalendarProvider = std::function<std::shared_ptr<const calendar::WorkingCalendar>()>;

  DocumentReports(DocumentStore& store, CalendarProvider calendar, const Clock& clock,
                  ValidityPolicy policy = {});

  // Published proactive documents of `year` (publication year in China Standard Time) that are
  // public now. `department` nullopt: the principal's own department, or the whole city for a
  // city-wide principal. InvalidArgument (field "year") outside 2000..9999.
  [[nodiscard]] Result<TimelinessReport> timeliness(const accounts::Principal& who, int year,
                                                    std::optional<DepartmentId> department);

  // Public normative documents of the scope (as above) in force today whose expiry falls within the
  // policy's warning window, soonest first.
  [[nodiscard]] Result<std::vector<ExpiringRow>> expiring(const accounts::Principal& who,
                                                          std::optional<DepartmentId> department);

  const ValidityPolicy& policy() const { return policy_; }

 private:
  // The department filter for `who` asking about `department`, after the permission check.
  Result<std::optional<DepartmentId>> scope(const accounts::Principal& who,
                                            std::optional<DepartmentId> department);

  DocumentStore& store_;
  CalendarProvider calendar_;
  const Clock& clock_;
  ValidityPolicy policy_;
};

}  // namespace gk::documents
