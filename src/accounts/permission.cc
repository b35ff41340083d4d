#include "accounts/permission.h"

#include <initializer_list>

namespace gk::accounts {
namespace {

struct Rule {
  Permission permission;
  std::string_view name;
  std::initializer_list<Role> roles;  // empty = any staff role
};

// The whole policy. Admin and supervisor are city-wide; everyone else acts within their department.
const Rule kRules[] = {
    {Permission::kUseBackOffice, "use_back_office", {}},
    {Permission::kViewUsers, "view_users", {}},  // colleagues of one's own department; city-wide roles see all
    {Permission::kManageUsers, "manage_users", {Role::kAdmin}},
    {Permission::kViewAuditLog, "view_audit_log", {Role::kAdmin, Role::kSupervisor}},
    {Permission::kManageCalendar, "manage_calendar", {Role::kAdmin}},
    {Permission::kViewDepartments, "view_departments", {}},
    {Permission::kManageDepartments, "manage_departments", {Role::kAdmin}},
    // The 公开办 curates search for the whole site (一网可查), so the supervisor may too.
    {Permission::kManageSearch, "manage_search", {Role::kAdmin, Role::kSupervisor}},
    // 依申请公开. The 公开办 (supervisor) oversees every department's queue but does not need
    // applicants' personal data; those who handle, review or approve a case do (masked otherwise).
    {Permission::kViewFoiCases, "view_foi_cases",
     {Role::kFoiOfficer, Role::kFoiApprover, Role::kLegalReviewer, Role::kSupervisor, Role::kAdmin}},
    {Permission::kViewFoiPersonalData, "view_foi_personal_data",
     {Role::kFoiOfficer, Role::kFoiApprover, Role::kLegalReviewer, Role::kAdmin}},
    {Permission::kHandleFoiCase, "handle_foi_case", {Role::kFoiOfficer}},
    // 条例 Art. 33 ¶2: an extension needs the consent of the head of the GI office.
    {Permission::kApproveFoiCase, "approve_foi_case", {Role::kFoiApprover}},
    {Permission::kReviewFoiCase, "review_foi_case", {Role::kLegalReviewer}},
    {Permission::kManageFoiRemedies, "manage_foi_remedies", {Role::kFoiOfficer, Role::kFoiApprover}},
    {Permission::kImportFoiCases, "import_foi_cases", {Role::kAdmin}},
    {Permission::kUploadReportStatistics, "upload_report_statistics",
     {Role::kAdmin, Role::kSupervisor, Role::kReviewer, Role::kFoiApprover}},
    // 年度报告 (条例 Arts. 49–50): every staff member of a department may read its report; those who
    // write it edit the text; the reviewer or the head of the GI office submits it; the 公开办
    // oversees the city (and reopens a submitted report that must be corrected).
    {Permission::kViewAnnualReport, "view_annual_report", {}},
    {Permission::kEditAnnualReport, "edit_annual_report",
     {Role::kAdmin, Role::kSupervisor, Role::kEditor, Role::kReviewer, Role::kFoiOfficer, Role::kFoiApprover}},
    {Permission::kSubmitAnnualReport, "submit_annual_report",
     {Role::kAdmin, Role::kSupervisor, Role::kReviewer, Role::kFoiApprover}},
    {Permission::kOverseeAnnualReports, "oversee_annual_reports", {Role::kAdmin, Role::kSupervisor}},
};

const Rule& rule_for(Permission p) {
  for (const auto& r : kRules)
    if (r.permission == p) return r;
  return kRules[0];
}

}  // namespace

std::string_view permission_name(Permission p) { return rule_for(p).name; }

Status authorize(const Principal* principal, Permission p, std::optional<DepartmentId> target_department) {
  if (principal == nullptr) return fail(Error::unauthenticated("请先登录"));
  if (principal->kind == Principal::Kind::kSystem) return ok();
  if (principal->kind != Principal::Kind::kStaff) return fail(Error::permission_denied("仅限工作人员访问"));
  const Rule& rule = rule_for(p);
  bool role_ok = rule.roles.size() == 0;
  for (Role r : rule.roles) role_ok = role_ok || principal->has_role(r);
  if (!role_ok) return fail(Error::permission_denied("您的角色无权执行此操作"));
  if (target_department && !principal->is_city_wide() && *target_department != principal->department) {
    return fail(Error::permission_denied("只能操作本单位的数据"));
  }
  return ok();
}

}  // namespace gk::accounts
