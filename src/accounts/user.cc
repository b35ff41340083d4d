#include "accounts/user.h"

#include <algorithm>

#include <fmt/format.h>

namespace gk::accounts {

bool User::has_role(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool Principal::has_role(Role r) const {
  return kind == Kind::kSystem || std::find(roles.begin(), roles.end(), r) != roles.end();
}

bool Principal::is_city_wide() const {
  return kind == Kind::kSystem || has_role(Role::kAdmin) || has_role(Role::kSupervisor);
}

std::string Principal::actor() const {
  switch (kind) {
    case Kind::kStaff: return fmt::format("user:{} {}", user.value, display_name);
    case Kind::kPublic: return fmt::format("public:{} {}", public_account.value, display_name);
    case Kind::kSystem: return "system";
  }
  return "system";
}

Principal Principal::system() {
  Principal p;
  p.kind = Kind::kSystem;
  p.display_name = "system";
  return p;
}

}  // namespace gk::accounts
