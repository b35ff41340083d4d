#include "accounts/permission.h"

#include <gtest/gtest.h>

namespace gk::accounts {
namespace {

Principal staff(std::vector<Role> roles, int64_t dept = 1) {
  Principal p;
  p.kind = Principal::Kind::kStaff;
  p.user = UserId(7);
  p.department = DepartmentId(dept);
  p.roles = std::move(roles);
  return p;
}

TEST(PermissionTest, NoPrincipalIsUnauthenticated) {
  auto st = authorize(nullptr, Permission::kUseBackOffice);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kUnauthenticated);
}

TEST(PermissionTest, RolesAndDepartmentScopeDecide) {
  struct Case {
    std::vector<Role> roles;
    int64_t own_dept;
    Permission permission;
    std::optional<int64_t> target;
    bool allowed;
  };
  const Case cases[] = {
      {{Role::kEditor}, 1, Permission::kUseBackOffice, std::nullopt, true},
      {{Role::kEditor}, 1, Permission::kViewUsers, 1, true},
      {{Role::kEditor}, 1, Permission::kViewUsers, 2, false},       // another department
      {{Role::kSupervisor}, 1, Permission::kViewUsers, 2, true},    // 公开办 is city-wide
      {{Role::kEditor}, 1, Permission::kManageUsers, 1, false},     // role missing
      {{Role::kAdmin}, 1, Permission::kManageUsers, 5, true},
      {{Role::kSupervisor}, 1, Permission::kManageUsers, 1, false},
      {{Role::kSupervisor}, 1, Permission::kViewAuditLog, std::nullopt, true},
      {{Role::kFoiOfficer}, 1, Permission::kViewAuditLog, 1, false},
      {{Role::kAdmin}, 1, Permission::kManageCalendar, std::nullopt, true},
      {{Role::kSupervisor}, 1, Permission::kManageCalendar, std::nullopt, false},
      {{Role::kSupervisor}, 1, Permission::kManageSearch, std::nullopt, true},
      {{Role::kEditor}, 1, Permission::kManageSearch, std::nullopt, false},
      // 依申请公开: handling, approval and legal review stay in the department and in their role.
      {{Role::kFoiOfficer}, 1, Permission::kHandleFoiCase, 1, true},
      {{Role::kFoiOfficer}, 1, Permission::kHandleFoiCase, 2, false},
      {{Role::kFoiOfficer}, 1, Permission::kApproveFoiCase, 1, false},
      {{Role::kFoiApprover}, 1, Permission::kApproveFoiCase, 1, true},
      {{Role::kLegalReviewer}, 1, Permission::kReviewFoiCase, 1, true},
      {{Role::kFoiOfficer}, 1, Permission::kReviewFoiCase, 1, false},
      {{Role::kEditor}, 1, Permission::kViewFoiCases, 1, false},
      {{Role::kSupervisor}, 1, Permission::kViewFoiCases, 2, true},
      {{Role::kSupervisor}, 1, Permission::kViewFoiPersonalData, 2, false},  // oversight sees masked data
      {{Role::kLegalReviewer}, 1, Permission::kViewFoiPersonalData, 1, true},
      {{Role::kAdmin}, 1, Permission::kViewFoiPersonalData, 2, true},
      {{Role::kFoiOfficer}, 1, Permission::kImportFoiCases, std::nullopt, false},
      {{Role::kReviewer}, 1, Permission::kUploadReportStatistics, 1, true},
      {{Role::kReviewer}, 1, Permission::kUploadReportStatistics, 2, false},
      {{Role::kFoiApprover}, 1, Permission::kUploadReportStatistics, 1, true},
      {{Role::kEditor}, 1, Permission::kUploadReportStatistics, 1, false},
      {{Role::kSupervisor}, 1, Permission::kUploadReportStatistics, 2, true},
      {{Role::kAnalyst}, 1, Permission::kViewAnnualReport, 1, true},
      {{Role::kAnalyst}, 1, Permission::kViewAnnualReport, 2, false},
      {{Role::kAnalyst}, 1, Permission::kEditAnnualReport, 1, false},
      {{Role::kEditor}, 1, Permission::kEditAnnualReport, 1, true},
      {{Role::kEditor}, 1, Permission::kSubmitAnnualReport, 1, false},
      {{Role::kFoiApprover}, 1, Permission::kSubmitAnnualReport, 1, true},
      {{Role::kFoiApprover}, 1, Permission::kSubmitAnnualReport, 2, false},
      {{Role::kReviewer}, 1, Permission::kOverseeAnnualReports, 1, false},
      {{Role::kSupervisor}, 1, Permission::kOverseeAnnualReports, std::nullopt, true},
  };
  for (const auto& c : cases) {
    const Principal p = staff(c.roles, c.own_dept);
    auto st = authorize(&p, c.permission, c.target ? std::optional(DepartmentId(*c.target)) : std::nullopt);
    EXPECT_EQ(static_cast<bool>(st), c.allowed) << permission_name(c.permission) << " roles=" << join_roles(c.roles);
    if (!st) {
      EXPECT_EQ(st.error().code(), ErrorCode::kPermissionDenied);
    }
  }
}

TEST(PermissionTest, PublicAccountsNeverReachTheBackOffice) {
  Principal p;
  p.kind = Principal::Kind::kPublic;
  auto st = authorize(&p, Permission::kUseBackOffice);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kPermissionDenied);
}

TEST(PermissionTest, SystemMayDoEverything) {
  const Principal sys = Principal::system();
  EXPECT_TRUE(authorize(&sys, Permission::kManageUsers, DepartmentId(9)));
  EXPECT_EQ(sys.actor(), "system");
}

}  // namespace
}  // namespace gk::accounts
