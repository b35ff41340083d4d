// Ports of the accounts module: the repository it reads and writes through, and the store that runs
// a unit of work in one transaction together with the audit sink (so a change and its audit row
// commit or roll back together). Implemented by src/storage; faked in tests.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "accounts/department.h"
#include "accounts/session.h"
#include "accounts/user.h"
#include "audit/audit_sink.h"
#include "core/error.h"

namespace gk::accounts {

class AccountsRepository {
 public:
  virtual ~AccountsRepository() = default;

  virtual Result<std::vector<Department>> list_departments() = 0;
  virtual Result<Department> find_department(DepartmentId id) = 0;  // NotFound
  virtual Result<Department> find_department_by_code(std::string_view code) = 0;
  virtual Result<Department> find_department_by_name(std::string_view name) = 0;
  virtual Result<DepartmentId> insert_department(const Department& d) = 0;  // Conflict on duplicate code/name

  virtual Result<User> find_user(UserId id) = 0;
  virtual Result<User> find_user_by_username(std::string_view username) = 0;
  virtual Result<std::vector<User>> list_users(std::optional<DepartmentId> department) = 0;
  virtual Result<UserId> insert_user(const User& u) = 0;  // Conflict on duplicate username
  // Writes every mutable field when u.version matches the stored one and bumps it; a stale
  // version is Conflict.
  virtual Status update_user(const User& u) = 0;

  virtual Result<PublicAccount> find_public_account(PublicAccountId id) = 0;
  virtual Result<PublicAccount> find_public_account_by_login(std::string_view email_or_phone) = 0;
  virtual Result<PublicAccountId> insert_public_account(const PublicAccount& a) = 0;

  virtual Status insert_session(const Session& s) = 0;
  virtual Result<Session> find_session(std::string_view token_hash) = 0;
  virtual Status touch_session(std::string_view token_hash, Instant last_seen, Instant expires) = 0;
  virtual Status delete_session(std::string_view token_hash) = 0;
  virtual Status delete_sessions_of_user(UserId user) = 0;
  virtual Result<int64_t> delete_expired_sessions(Instant now) = 0;

  virtual Status record_login_attempt(std::string_view subject, Instant at, bool success) = 0;
  // Attempts for `subject` at or after `since`, oldest first.
  virtual Result<std::vector<LoginAttempt>> login_attempts_since(std::string_view subject, Instant since) = 0;
};

class AccountsStore {
 public:
  virtual ~AccountsStore() = default;
  using Work = std::function<Status(AccountsRepository&, audit::AuditSink&)>;
  // Runs `work` in one transaction: committed when it returns OK, rolled back otherwise.
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  // For work that only reads: may run without taking the write lock. Defaults to transact().
  [[nodiscard]] virtual Status read(const Work& work) { return transact(work); }
};

}  // namespace gk::accounts
