#include "accounts/accounts_service.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "accounts/login_throttle.h"
#include "core/utf8.h"

namespace gk::accounts {
namespace {

constexpr std::string_view kBadCredentials = "用户名或密码错误";

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_valid_username(std::string_view s) {
  if (s.size() < 3 || s.size() > 32) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

bool is_mobile_number(std::string_view s) {
  // Mainland mobile numbers: 11 digits starting 13–19.
  return s.size() == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_email(std::string_view s) {
  const size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.back() != '.' && s.size() <= 254 && s.find(' ') == std::string_view::npos;
}

audit::AuditEvent event(const Principal& actor, std::string action, std::string target, std::string summary,
                        const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = actor.actor();
  if (actor.kind == Principal::Kind::kStaff) e.department = actor.department;
  e.action = std::move(action);
  e.target = std::move(target);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

}  // namespace

Principal principal_for(const User& u, const Department& d) {
  Principal p;
  p.kind = Principal::Kind::kStaff;
  p.user = u.id;
  p.display_name = u.display_name;
  p.department = d.id;
  p.department_name = d.name;
  p.roles = u.roles;
  return p;
}

Status AccountsService::check_throttle(AccountsRepository& repo, const std::string& subject) {
  const Instant now = clock_.now();
  GK_TRY_ASSIGN(attempts, repo.login_attempts_since(subject, now.plus_seconds(-kThrottleWindowSeconds)));
  const ThrottleDecision d = decide_login(attempts, now);
  if (d.blocked) {
    return fail(Error::failed_precondition(
        fmt::format("登录失败次数过多，请 {} 分钟后再试", (d.retry_after_seconds + 59) / 60)));
  }
  return ok();
}

Result<LoginResult> AccountsService::open_session(AccountsRepository& repo, Principal principal,
                                                  std::optional<UserId> user,
                                                  std::optional<PublicAccountId> account,
                                                  const RequestContext& ctx) {
  const Instant now = clock_.now();
  Session s;
  const std::string token = new_random_token();
  s.token_hash = hash_token(token);
  s.user = user;
  s.public_account = account;
  s.csrf_secret = new_random_token();
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now.plus_seconds(kSessionIdleSeconds);
  s.ip = ctx.ip;
  s.user_agent = ctx.user_agent.substr(0, 256);
  // Abandoned sessions are only deleted when touched; sweep the expired ones at each login (rare
  // and already a write) so the table does not grow without bound.
  GK_TRY_STATUS(repo.delete_expired_sessions(now));
  GK_TRY_STATUS(repo.insert_session(s));
  return LoginResult{token, std::move(principal), s.expires_at};
}

namespace {

Status require_credentials(const std::string& username, std::string_view password) {
  if (!username.empty() && !password.empty()) return ok();
  std::vector<FieldError> f;
  if (username.empty()) f.push_back({"username", "请输入用户名"});
  if (password.empty()) f.push_back({"password", "请输入密码"});
  return fail(Error::invalid("请填写用户名和密码", std::move(f)));
}

}  // namespace

Result<std::optional<Principal>> AccountsService::verify_staff(AccountsRepository& repo, audit::AuditSink& audit,
                                                               const std::string& username, std::string_view password,
                                                               const RequestContext& ctx, UserId* user_id) {
  const std::string subject = "user:" + username;
  GK_TRY_STATUS(check_throttle(repo, subject));
  auto user = repo.find_user_by_username(username);
  if (!user && user.error().code() != ErrorCode::kNotFound) return fail(user.error());
  // Verify against a real hash even for unknown users so timing does not reveal which names exist.
  const bool good = user ? hasher_.verify(password, user->password_hash) : (hasher_.verify(password, hasher_.dummy_hash()), false);
  if (!good || !user->active) {
    GK_TRY_STATUS(repo.record_login_attempt(subject, clock_.now(), false));
    Principal anon;
    anon.kind = Principal::Kind::kPublic;
    anon.display_name = "anonymous";
    auto e = event(anon, "account.login_failed", subject, "密码错误或账号不存在/已停用", ctx);
    e.actor = "anonymous";
    GK_TRY_STATUS(audit.append(e));
    return std::optional<Principal>();
  }
  GK_TRY_ASSIGN(dept, repo.find_department(user->department));
  GK_TRY_STATUS(repo.record_login_attempt(subject, clock_.now(), true));
  if (hasher_.needs_rehash(user->password_hash)) {
    GK_TRY_ASSIGN(h, hasher_.hash(password));
    User updated = *user;
    updated.password_hash = h;
    updated.updated_at = clock_.now();
    GK_TRY_STATUS(repo.update_user(updated));
  }
  if (user_id != nullptr) *user_id = user->id;
  return std::optional<Principal>(principal_for(*user, dept));
}

Result<LoginResult> AccountsService::login(std::string_view username_in, std::string_view password,
                                           const RequestContext& ctx) {
  const std::string username = lower_ascii(trim(username_in));
  GK_TRY_STATUS(require_credentials(username, password));
  std::optional<Result<LoginResult>> outcome;
  Status st = store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    UserId id;
    GK_TRY_ASSIGN(p, verify_staff(repo, audit, username, password, ctx, &id));
    if (!p) {
      outcome = fail(Error::unauthenticated(std::string(kBadCredentials)));
      return ok();  // commit the failed attempt; the error is reported below
    }
    GK_TRY_ASSIGN(result, open_session(repo, *p, id, std::nullopt, ctx));
    GK_TRY_STATUS(audit.append(event(*p, "account.login", fmt::format("user:{}", id.value), "工作人员登录", ctx)));
    outcome = std::move(result);
    return ok();
  });
  if (!st) return fail(st.error());
  return std::move(*outcome);
}

Result<Principal> AccountsService::authenticate(std::string_view username_in, std::string_view password,
                                                const RequestContext& ctx) {
  const std::string username = lower_ascii(trim(username_in));
  GK_TRY_STATUS(require_credentials(username, password));
  std::optional<Principal> verified;
  Status st = store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(p, verify_staff(repo, audit, username, password, ctx, nullptr));
    verified = std::move(p);
    return ok();  // a failed attempt is committed too (throttling, audit)
  });
  if (!st) return fail(st.error());
  if (!verified) return fail(Error::unauthenticated(std::string(kBadCredentials)));
  return std::move(*verified);
}

Result<LoginResult> AccountsService::login_public(std::string_view login_in, std::string_view password,
                                                  const RequestContext& ctx) {
  const std::string login = lower_ascii(trim(login_in));
  const std::string subject = "public:" + login;
  std::optional<Result<LoginResult>> outcome;
  Status st = store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_STATUS(check_throttle(repo, subject));
    auto acct = repo.find_public_account_by_login(login);
    if (!acct && acct.error().code() != ErrorCode::kNotFound) return fail(acct.error());
    const bool good = acct ? hasher_.verify(password, acct->password_hash)
                           : (hasher_.verify(password, hasher_.dummy_hash()), false);
    GK_TRY_STATUS(repo.record_login_attempt(subject, clock_.now(), good));
    if (!good) {
      outcome = fail(Error::unauthenticated("账号或密码错误"));
      return ok();
    }
    Principal p;
    p.kind = Principal::Kind::kPublic;
    p.public_account = acct->id;
    p.display_name = acct->display_name;
    GK_TRY_ASSIGN(result, open_session(repo, p, std::nullopt, acct->id, ctx));
    GK_TRY_STATUS(audit.append(event(p, "account.public_login", fmt::format("public:{}", acct->id.value), "公众账号登录", ctx)));
    outcome = std::move(result);
    return ok();
  });
  if (!st) return fail(st.error());
  return std::move(*outcome);
}

Result<SessionInfo> AccountsService::resolve_session(std::string_view raw_token) {
  if (raw_token.empty() || raw_token.size() > 128) return fail(Error::unauthenticated("未登录"));
  std::optional<SessionInfo> info;
  Status st = store_.transact([&](AccountsRepository& repo, audit::AuditSink&) -> Status {
    const std::string h = hash_token(raw_token);
    auto s = repo.find_session(h);
    if (!s) {
      if (s.error().code() == ErrorCode::kNotFound) return fail(Error::unauthenticated("未登录"));
      return fail(s.error());
    }
    const Instant now = clock_.now();
    if (s->expires_at <= now || s->created_at.plus_seconds(kSessionAbsoluteSeconds) <= now) {
      GK_TRY_STATUS(repo.delete_session(h));
      return fail(Error::unauthenticated("登录已过期，请重新登录"));
    }
    Principal p;
    if (s->user) {
      GK_TRY_ASSIGN(u, repo.find_user(*s->user));
      if (!u.active) return fail(Error::unauthenticated("账号已停用"));
      GK_TRY_ASSIGN(d, repo.find_department(u.department));
      p = principal_for(u, d);
    } else if (s->public_account) {
      GK_TRY_ASSIGN(a, repo.find_public_account(*s->public_account));
      p.kind = Principal::Kind::kPublic;
      p.public_account = a.id;
      p.display_name = a.display_name;
    } else {
      return fail(Error::unauthenticated("未登录"));
    }
    Instant expires = now.plus_seconds(kSessionIdleSeconds);
    // Touch at most once a minute: reading a page should not cost a write every time.
    if (now.seconds() - s->last_seen_at.seconds() >= 60) {
      GK_TRY_STATUS(repo.touch_session(h, now, expires));
    } else {
      expires = s->expires_at;
    }
    info = SessionInfo{std::move(p), s->csrf_secret, expires};
    return ok();
  });
  if (!st) return fail(st.error());
  return std::move(*info);
}

Status AccountsService::logout(std::string_view raw_token, const RequestContext& ctx) {
  return store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    const std::string h = hash_token(raw_token);
    auto s = repo.find_session(h);
    if (!s) return s.error().code() == ErrorCode::kNotFound ? ok() : Status(fail(s.error()));
    GK_TRY_STATUS(repo.delete_session(h));
    audit::AuditEvent e;
    e.actor = s->user ? fmt::format("user:{}", s->user->value) : fmt::format("public:{}", s->public_account->value);
    e.action = "account.logout";
    e.target = e.actor;
    e.summary = "退出登录";
    e.request_id = ctx.request_id;
    e.ip = ctx.ip;
    return audit.append(e);
  });
}

Status AccountsService::change_password(const Principal& who, std::string_view current, std::string_view next,
                                        const RequestContext& ctx) {
  if (who.kind != Principal::Kind::kStaff) return fail(Error::permission_denied("仅限工作人员"));
  if (Status p = check_password_policy(next); !p) {
    return fail(Error::invalid(p.error().message(), {{"new_password", p.error().message()}}));
  }
  return store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(u, repo.find_user(who.user));
    if (!hasher_.verify(current, u.password_hash)) {
      return fail(Error::invalid("当前密码不正确", {{"current_password", "当前密码不正确"}}));
    }
    GK_TRY_ASSIGN(h, hasher_.hash(next));
    u.password_hash = h;
    u.updated_at = clock_.now();
    GK_TRY_STATUS(repo.update_user(u));
    return audit.append(event(who, "account.password_change", fmt::format("user:{}", u.id.value), "修改本人密码", ctx));
  });
}

Status AccountsService::reset_password(const Principal& actor, std::string_view username, std::string_view next,
                                       const RequestContext& ctx) {
  GK_TRY_STATUS(check_password_policy(next));
  return store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(u, repo.find_user_by_username(lower_ascii(username)));
    GK_TRY_STATUS(authorize(&actor, Permission::kManageUsers, u.department));
    GK_TRY_ASSIGN(h, hasher_.hash(next));
    u.password_hash = h;
    u.updated_at = clock_.now();
    GK_TRY_STATUS(repo.update_user(u));
    GK_TRY_STATUS(repo.delete_sessions_of_user(u.id));
    return audit.append(
        event(actor, "account.password_reset", fmt::format("user:{}", u.id.value), "重置 " + u.username + " 的密码", ctx));
  });
}

Result<UserId> AccountsService::create_user(const Principal& actor, const NewUser& nu, const RequestContext& ctx) {
  std::vector<FieldError> errors;
  const std::string username = lower_ascii(trim(nu.username));
  const std::string display = trim(nu.display_name);
  if (!is_valid_username(username)) errors.push_back({"username", "用户名须为 3–32 位小写字母、数字或 _ . -"});
  if (display.empty() || utf8_length(display) > 40) errors.push_back({"display_name", "请填写姓名（不超过 40 字）"});
  if (nu.roles.empty()) errors.push_back({"roles", "至少选择一个角色"});
  if (Status p = check_password_policy(nu.password); !p) errors.push_back({"password", p.error().message()});
  if (!errors.empty()) return fail(Error::invalid("用户信息有误", std::move(errors)));

  UserId id;
  Status st = store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    auto dept = repo.find_department_by_code(nu.department_code);
    if (!dept) dept = repo.find_department_by_name(nu.department_code);
    if (!dept) return fail(Error::invalid_field("department", "单位不存在：" + nu.department_code));
    GK_TRY_STATUS(authorize(&actor, Permission::kManageUsers, dept->id));
    GK_TRY_ASSIGN(h, hasher_.hash(nu.password));
    User u;
    u.username = username;
    u.display_name = display;
    u.password_hash = h;
    u.department = dept->id;
    u.roles = nu.roles;
    u.created_at = u.updated_at = clock_.now();
    auto inserted = repo.insert_user(u);
    if (!inserted) {
      if (inserted.error().code() == ErrorCode::kConflict) {
        return fail(Error::invalid_field("username", "用户名已存在：" + username));
      }
      return fail(inserted.error());
    }
    id = *inserted;
    return audit.append(event(actor, "account.user_create", fmt::format("user:{}", id.value),
                              fmt::format("创建用户 {}（{}，{}）", username, dept->name, join_roles(nu.roles)), ctx));
  });
  if (!st) return fail(st.error());
  return id;
}

Result<std::vector<User>> AccountsService::list_users(const Principal& actor,
                                                      std::optional<DepartmentId> department) {
  // Without a department filter a department-scoped viewer sees only their own department.
  if (!department && !actor.is_city_wide()) department = actor.department;
  GK_TRY_STATUS(authorize(&actor, Permission::kViewUsers, department));
  std::optional<std::vector<User>> users;
  Status st = store_.read([&](AccountsRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(list, repo.list_users(department));
    users = std::move(list);
    return ok();
  });
  if (!st) return fail(st.error());
  for (auto& u : *users) u.password_hash.clear();  // never hand hashes to views
  return std::move(*users);
}

Result<std::vector<Department>> AccountsService::list_departments(const Principal*) {
  // The list of organs is public information (条例 Art. 20(二)).
  const Instant now = clock_.now();
  {
    std::lock_guard lock(departments_mu_);
    if (departments_ && now.seconds() - departments_loaded_at_.seconds() < kDepartmentCacheSeconds &&
        now >= departments_loaded_at_) {
      return *departments_;
    }
  }
  std::optional<std::vector<Department>> out;
  Status st = store_.read([&](AccountsRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(list, repo.list_departments());
    out = std::move(list);
    return ok();
  });
  if (!st) return fail(st.error());
  std::lock_guard lock(departments_mu_);
  departments_ = std::make_shared<const std::vector<Department>>(*out);
  departments_loaded_at_ = now;
  return std::move(*out);
}

Result<int> AccountsService::ensure_departments(const Principal& actor, const std::vector<Department>& list,
                                                const RequestContext& ctx) {
  GK_TRY_STATUS(authorize(&actor, Permission::kManageDepartments));
  int added = 0;
  Status st = store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    added = 0;
    for (const Department& d : list) {
      auto existing = repo.find_department_by_code(d.code);
      if (existing) continue;
      if (existing.error().code() != ErrorCode::kNotFound) return fail(existing.error());
      Department nd = d;
      nd.created_at = clock_.now();
      GK_TRY_ASSIGN(id, repo.insert_department(nd));
      GK_TRY_STATUS(audit.append(event(actor, "account.department_create", fmt::format("department:{}", id.value),
                                       "新增单位 " + d.name + "（" + d.code + "）", ctx)));
      ++added;
    }
    return ok();
  });
  if (!st) return fail(st.error());
  if (added > 0) {
    std::lock_guard lock(departments_mu_);
    departments_.reset();
  }
  return added;
}

Result<PublicAccountId> AccountsService::register_public_account(const NewPublicAccount& na,
                                                                 const RequestContext& ctx) {
  const std::string login = lower_ascii(trim(na.login));
  std::vector<FieldError> errors;
  const bool phone = is_mobile_number(login);
  if (!phone && !is_email(login)) errors.push_back({"login", "请填写有效的电子邮箱或手机号码"});
  const std::string display = trim(na.display_name);
  if (display.empty() || utf8_length(display) > 60) errors.push_back({"display_name", "请填写姓名或单位名称"});
  if (Status p = check_password_policy(na.password); !p) errors.push_back({"password", p.error().message()});
  if (!errors.empty()) return fail(Error::invalid("注册信息有误", std::move(errors)));
  PublicAccountId id;
  Status st = store_.transact([&](AccountsRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(h, hasher_.hash(na.password));
    PublicAccount a;
    if (phone) a.phone = login; else a.email = login;
    a.display_name = display;
    a.kind = na.kind;
    a.password_hash = h;
    a.created_at = clock_.now();
    auto inserted = repo.insert_public_account(a);
    if (!inserted) {
      if (inserted.error().code() == ErrorCode::kConflict) {
        return fail(Error::invalid_field("login", "该账号已注册"));
      }
      return fail(inserted.error());
    }
    id = *inserted;
    audit::AuditEvent e;
    e.actor = fmt::format("public:{}", id.value);
    e.action = "account.public_register";
    e.target = e.actor;
    e.summary = na.kind == PublicAccountKind::kFirm ? "法人账号注册" : "自然人账号注册";
    e.request_id = ctx.request_id;
    e.ip = ctx.ip;
    return audit.append(e);
  });
  if (!st) return fail(st.error());
  return id;
}

}  // namespace gk::accounts
