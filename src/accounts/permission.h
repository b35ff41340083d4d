// Permission: the server-side authorisation rule every service calls before acting.
//
// A permission is granted when the principal holds one of the roles the permission lists AND, for
// department-scoped actions, the target department is the principal's own — unless the principal
// is city-wide (admin, supervisor/公开办, or the system). The table lives in permission.cc so the
// whole policy can be read in one place. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "accounts/user.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::accounts {

enum class Permission {
  kUseBackOffice,      // see /admin at all
  kViewUsers,          // list staff accounts (of the target department)
  kManageUsers,        // create users, reset passwords, change roles
  kViewAuditLog,       // read the audit log (of the target department)
  kManageCalendar,     // import a year's holiday notice
  kViewDepartments,
  kManageDepartments,  // add organs (seeding, restructuring)
  kManageSearch,       // edit the search vocabulary (dictionary words, synonym groups)
  // 依申请公开 (FOI cases, src/foi). Department-scoped unless the principal is city-wide.
  kViewFoiCases,        // queues and case pages (personal data masked)
  kViewFoiPersonalData, // the applicant's personal data unmasked (each view is audited)
  kHandleFoiCase,       // register applications and record handling steps (经办)
  kApproveFoiCase,      // approve extensions and replies (条例 Art. 33 ¶2: the head of the GI office)
  kReviewFoiCase,       // legal review of a drafted reply (法制审核)
  kManageFoiRemedies,   // record 行政复议 / 行政诉讼 cases and their outcomes
  kImportFoiCases,      // load historical cases (`gongkai foi import`)
  // 年度报告 (src/report): a department's 行政许可/处罚/强制 counts and 收费金额 for section 二.
  kUploadReportStatistics,
  kViewAnnualReport,      // the report of a department (figures, text, status); any staff of it
  kEditAnnualReport,      // edit the text sections of a draft report
  kSubmitAnnualReport,    // 报送: freeze the figures and text (the head of the office or the reviewer)
  kOverseeAnnualReports,  // 公开办: every department's status, reopen a submitted report
};

std::string_view permission_name(Permission p);

// OK, Unauthenticated (no principal), or PermissionDenied with a Chinese message.
[[nodiscard]] Status authorize(const Principal* principal, Permission p,
                               std::optional<DepartmentId> target_department = std::nullopt);

}  // namespace gk::accounts
