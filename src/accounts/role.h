// Role: what a staff member may do. Roles combine with the user's department to decide access
// (see permission.h). Persisted as stable lower-case names, never ordinals.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace gk::accounts {

enum class Role {
  kAdmin,          // 系统管理员: users, departments, calendar, settings; city-wide
  kSupervisor,     // 公开办 (市府办): city-wide oversight, inspections, annual report
  kEditor,         // 信息员: drafts documents for their department
  kReviewer,       // 审核人: approves their department's documents
  kFoiOfficer,     // 经办人: handles their department's FOI requests
  kFoiApprover,    // 机构负责人: approves FOI replies and extensions
  kLegalReviewer,  // 法律顾问: legal review of FOI replies
  kAnalyst,        // 分析员: hotline and statistics, read-only
  kDataSteward,    // 数据管理员: open datasets
};

inline constexpr Role kAllRoles[] = {Role::kAdmin,       Role::kSupervisor,  Role::kEditor,
                                     Role::kReviewer,    Role::kFoiOfficer,  Role::kFoiApprover,
                                     Role::kLegalReviewer, Role::kAnalyst,   Role::kDataSteward};

std::string_view role_name(Role r);   // "admin", "foi_officer", ...
std::string_view role_label(Role r);  // Chinese label for pages
std::optional<Role> parse_role(std::string_view name);

// "editor,reviewer" <-> {kEditor, kReviewer}; unknown names are rejected by parse_roles.
std::optional<std::vector<Role>> parse_roles(std::string_view comma_separated);
std::string join_roles(const std::vector<Role>& roles);

}  // namespace gk::accounts
