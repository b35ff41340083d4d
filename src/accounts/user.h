// Staff user and public (citizen/firm) account, and the Principal a request acts as.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/role.h"
#include "core/date.h"
#include "core/ids.h"

namespace gk::accounts {

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  std::string password_hash;  // Argon2id PHC string; never leaves the accounts module's callers' logs
  DepartmentId department;
  std::vector<Role> roles;
  bool active = true;
  Instant created_at;
  Instant updated_at;
  int version = 1;

  bool has_role(Role r) const;
};

enum class PublicAccountKind { kCitizen, kFirm };

struct PublicAccount {
  PublicAccountId id;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::string display_name;
  PublicAccountKind kind = PublicAccountKind::kCitizen;
  std::string password_hash;
  Instant created_at;
  int version = 1;
};

// Who a request acts as. Staff principals carry their department and roles; public principals
// carry only their account id. Anonymous visitors have no Principal at all.
struct Principal {
  enum class Kind { kStaff, kPublic, kSystem };
  Kind kind = Kind::kStaff;
  UserId user;
  PublicAccountId public_account;
  std::string display_name;
  DepartmentId department;
  std::string department_name;
  std::vector<Role> roles;

  bool has_role(Role r) const;
  bool is_city_wide() const;  // admin, supervisor or system
  // "user:12 张三", "public:7 李四", "system" — the actor string written to the audit log.
  std::string actor() const;

  static Principal system();  // the CLI and jobs act as this; holds every right
};

}  // namespace gk::accounts
