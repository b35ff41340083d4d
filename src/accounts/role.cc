#include "accounts/role.h"

#include <string>

namespace gk::accounts {
namespace {

struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view label;
};

constexpr RoleInfo kRoles[] = {
    {Role::kAdmin, "admin", "系统管理员"},          {Role::kSupervisor, "supervisor", "公开办监管"},
    {Role::kEditor, "editor", "信息员"},            {Role::kReviewer, "reviewer", "审核人"},
    {Role::kFoiOfficer, "foi_officer", "依申请经办人"}, {Role::kFoiApprover, "foi_approver", "机构负责人"},
    {Role::kLegalReviewer, "legal_reviewer", "法律顾问"}, {Role::kAnalyst, "analyst", "分析员"},
    {Role::kDataSteward, "data_steward", "数据管理员"},
};

}  // namespace

std::string_view role_name(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.name;
  return "";
}

std::string_view role_label(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.label;
  return "";
}

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& i : kRoles)
    if (i.name == name) return i.role;
  return std::nullopt;
}

std::optional<std::vector<Role>> parse_roles(std::string_view s) {
  std::vector<Role> out;
  while (!s.empty()) {
    const size_t comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) {
      auto r = parse_role(part);
      if (!r) return std::nullopt;
      bool seen = false;
      for (Role x : out) seen = seen || x == *r;
      if (!seen) out.push_back(*r);
    }
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

std::string join_roles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ',';
    out += role_name(r);
  }
  return out;
}

}  // namespace gk::accounts
