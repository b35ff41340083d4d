// AccountsRepository over the SQL layer; one instance is bound to one connection (usually inside a
// transaction) and lives no longer than it. SQL is written once with '?' placeholders and runs on
// both engines.
#pragma once

#include "accounts/accounts_store.h"
#include "storage/sql/database.h"

namespace gk::storage {

class SqlAccountsRepository final : public accounts::AccountsRepository {
 public:
  explicit SqlAccountsRepository(sql::Connection& conn) : c_(conn) {}

  Result<std::vector<accounts::Department>> list_departments() override;
  Result<accounts::Department> find_department(DepartmentId id) override;
  Result<accounts::Department> find_department_by_code(std::string_view code) override;
  Result<accounts::Department> find_department_by_name(std::string_view name) override;
  Result<DepartmentId> insert_department(const accounts::Department& d) override;

  Result<accounts::User> find_user(UserId id) override;
  Result<accounts::User> find_user_by_username(std::string_view username) override;
  Result<std::vector<accounts::User>> list_users(std::optional<DepartmentId> department) override;
  Result<UserId> insert_user(const accounts::User& u) override;
  Status update_user(const accounts::User& u) override;

  Result<accounts::PublicAccount> find_public_account(PublicAccountId id) override;
  Result<accounts::PublicAccount> find_public_account_by_login(std::string_view email_or_phone) override;
  Result<PublicAccountId> insert_public_account(const accounts::PublicAccount& a) override;

  Status insert_session(const accounts::Session& s) override;
  Result<accounts::Session> find_session(std::string_view token_hash) override;
  Status touch_session(std::string_view token_hash, Instant last_seen, Instant expires) override;
  Status delete_session(std::string_view token_hash) override;
  Status delete_sessions_of_user(UserId user) override;
  Result<int64_t> delete_expired_sessions(Instant now) override;

  Status record_login_attempt(std::string_view subject, Instant at, bool success) override;
  Result<std::vector<accounts::LoginAttempt>> login_attempts_since(std::string_view subject, Instant since) override;

 private:
  sql::Connection& c_;
};

}  // namespace gk::storage
