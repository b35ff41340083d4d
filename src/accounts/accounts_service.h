// AccountsService: staff and public logins, sessions, passwords, users and departments.
//
// Every state-changing call writes its change and one audit row in the same transaction (through
// AccountsStore). Permission checks happen here, not in handlers. Thread-safe as long as the store,
// clock and hasher are (they are in production: the store takes a pooled connection per call).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts_store.h"
#include "accounts/password.h"
#include "accounts/permission.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"

namespace gk::accounts {

// Staff sessions end after this much inactivity, and never live longer than the absolute limit.
inline constexpr int64_t kSessionIdleSeconds = 2 * 3600;
inline constexpr int64_t kSessionAbsoluteSeconds = 12 * 3600;
// Every portal page lists the organs, which change a few times a year: the list is served from
// memory for this long. Another node (or `gongkai seed`) adding a department is seen within it;
// this process's own changes are seen at once.
inline constexpr int64_t kDepartmentCacheSeconds = 10;

struct LoginResult {
  std::string session_token;  // raw token for the cookie; only its hash is stored
  Principal principal;
  Instant expires_at;
};

struct SessionInfo {
  Principal principal;
  std::string csrf_secret;
  Instant expires_at;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string department_code;  // or the department's full name
  std::vector<Role> roles;
  std::string password;
};

struct NewPublicAccount {
  std::string login;  // e-mail address or mainland mobile number
  std::string display_name;
  PublicAccountKind kind = PublicAccountKind::kCitizen;
  std::string password;
};

class AccountsService {
 public:
  AccountsService(AccountsStore& store, const Clock& clock, const PasswordHasher& hasher)
      : store_(store), clock_(clock), hasher_(hasher) {}

  // Unauthenticated "用户名或密码错误" for any wrong name/password (no user enumeration);
  // FailedPrecondition with the wait time when the subject is throttled.
  [[nodiscard]] Result<LoginResult> login(std::string_view username, std::string_view password,
                                          const RequestContext& ctx);
  // Checks a staff login without opening a session, for machine clients of the API (HTTP Basic):
  // the same validation, throttling, constant-time verification and failure audit as login(). No
  // session and no success audit row — the action the credentials are used for is audited under the
  // returned principal.
  [[nodiscard]] Result<Principal> authenticate(std::string_view username, std::string_view password,
                                               const RequestContext& ctx);
  [[nodiscard]] Result<LoginResult> login_public(std::string_view login, std::string_view password,
                                                 const RequestContext& ctx);
  // Unauthenticated when the token is unknown or expired; extends the idle window otherwise.
  [[nodiscard]] Result<SessionInfo> resolve_session(std::string_view raw_token);
  [[nodiscard]] Status logout(std::string_view raw_token, const RequestContext& ctx);

  [[nodiscard]] Status change_password(const Principal& who, std::string_view current, std::string_view next,
                                       const RequestContext& ctx);
  // Admin (or system) sets another user's password; all their sessions end.
  [[nodiscard]] Status reset_password(const Principal& actor, std::string_view username, std::string_view next,
                                      const RequestContext& ctx);
  [[nodiscard]] Result<UserId> create_user(const Principal& actor, const NewUser& u, const RequestContext& ctx);
  [[nodiscard]] Result<std::vector<User>> list_users(const Principal& actor,
                                                     std::optional<DepartmentId> department);
  [[nodiscard]] Result<std::vector<Department>> list_departments(const Principal* actor);
  // Inserts the departments whose code does not exist yet and returns how many were added; one
  // audit row per department added. Idempotent.
  [[nodiscard]] Result<int> ensure_departments(const Principal& actor, const std::vector<Department>& list,
                                               const RequestContext& ctx);
  [[nodiscard]] Result<PublicAccountId> register_public_account(const NewPublicAccount& a,
                                                                const RequestContext& ctx);

 private:
  Result<LoginResult> open_session(AccountsRepository& repo, Principal principal, std::optional<UserId> user,
                                   std::optional<PublicAccountId> account, const RequestContext& ctx);
  Status check_throttle(AccountsRepository& repo, const std::string& subject);
  // Inside a unit of work: throttle, verify (a dummy hash for unknown names), record the attempt and
  // audit a failure. nullopt for bad credentials — the caller commits the attempt and then fails.
  Result<std::optional<Principal>> verify_staff(AccountsRepository& repo, audit::AuditSink& audit,
                                                const std::string& username, std::string_view password,
                                                const RequestContext& ctx, UserId* user_id);

  AccountsStore& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;

  mutable std::mutex departments_mu_;
  std::shared_ptr<const std::vector<Department>> departments_;  // guarded by departments_mu_
  Instant departments_loaded_at_;
};

// Builds the Principal for a staff user (department name resolved by the caller).
Principal principal_for(const User& u, const Department& d);

}  // namespace gk::accounts
