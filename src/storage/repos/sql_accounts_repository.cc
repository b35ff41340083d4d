#include "storage/repos/sql_accounts_repository.h"

#include <string>

namespace gk::storage {
namespace {

using accounts::Department;
using accounts::PublicAccount;
using accounts::Session;
using accounts::User;

constexpr const char* kDepartmentColumns = "id, code, name, kind, parent_id, sort_order, created_at, version";
constexpr const char* kUserColumns =
    "id, username, display_name, password_hash, department_id, roles, active, created_at, updated_at, version";
constexpr const char* kPublicColumns = "id, email, phone, display_name, kind, password_hash, created_at, version";
constexpr const char* kSessionColumns =
    "token_hash, user_id, public_account_id, csrf_secret, created_at, last_seen_at, expires_at, ip, user_agent";

sql::Value opt_int(std::optional<int64_t> v) { return v ? sql::Value(*v) : sql::Value(nullptr); }
sql::Value opt_text(const std::optional<std::string>& v) { return v ? sql::Value(*v) : sql::Value(nullptr); }

Department department_from(const sql::Row& r) {
  Department d;
  d.id = DepartmentId(r.get_int(0));
  d.code = r.get_text(1);
  d.name = r.get_text(2);
  d.kind = accounts::parse_department_kind(r.get_text(3)).value_or(accounts::DepartmentKind::kDepartment);
  if (auto p = r.get_opt_int(4)) d.parent = DepartmentId(*p);
  d.sort_order = static_cast<int>(r.get_int(5));
  d.created_at = Instant::from_micros(r.get_int(6));
  d.version = static_cast<int>(r.get_int(7));
  return d;
}

User user_from(const sql::Row& r) {
  User u;
  u.id = UserId(r.get_int(0));
  u.username = r.get_text(1);
  u.display_name = r.get_text(2);
  u.password_hash = r.get_text(3);
  u.department = DepartmentId(r.get_int(4));
  // Unknown role names (from a newer release) are dropped rather than failing the whole login.
  if (auto roles = accounts::parse_roles(r.get_text(5))) u.roles = *roles;
  u.active = r.get_int(6) != 0;
  u.created_at = Instant::from_micros(r.get_int(7));
  u.updated_at = Instant::from_micros(r.get_int(8));
  u.version = static_cast<int>(r.get_int(9));
  return u;
}

PublicAccount public_from(const sql::Row& r) {
  PublicAccount a;
  a.id = PublicAccountId(r.get_int(0));
  a.email = r.get_opt_text(1);
  a.phone = r.get_opt_text(2);
  a.display_name = r.get_text(3);
  a.kind = r.get_text(4) == "firm" ? accounts::PublicAccountKind::kFirm : accounts::PublicAccountKind::kCitizen;
  a.password_hash = r.get_text(5);
  a.created_at = Instant::from_micros(r.get_int(6));
  a.version = static_cast<int>(r.get_int(7));
  return a;
}

Session session_from(const sql::Row& r) {
  Session s;
  s.token_hash = r.get_text(0);
  if (auto u = r.get_opt_int(1)) s.user = UserId(*u);
  if (auto p = r.get_opt_int(2)) s.public_account = PublicAccountId(*p);
  s.csrf_secret = r.get_text(3);
  s.created_at = Instant::from_micros(r.get_int(4));
  s.last_seen_at = Instant::from_micros(r.get_int(5));
  s.expires_at = Instant::from_micros(r.get_int(6));
  s.ip = r.get_text(7);
  s.user_agent = r.get_text(8);
  return s;
}

template <class T, class F>
Result<T> one(Result<sql::ResultSet> rs, F from, std::string what) {
  if (!rs) return fail(rs.error());
  if (rs->rows.empty()) return fail(Error::not_found(std::move(what)));
  return from(rs->rows.front());
}

}  // namespace

Result<std::vector<Department>> SqlAccountsRepository::list_departments() {
  GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kDepartmentColumns +
                                 " FROM departments ORDER BY sort_order, id", {}));
  std::vector<Department> out;
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) out.push_back(department_from(r));
  return out;
}

Result<Department> SqlAccountsRepository::find_department(DepartmentId id) {
  return one<Department>(
      c_.query(std::string("SELECT ") + kDepartmentColumns + " FROM departments WHERE id = ?", {id.value}),
      department_from, "单位不存在");
}

Result<Department> SqlAccountsRepository::find_department_by_code(std::string_view code) {
  return one<Department>(c_.query(std::string("SELECT ") + kDepartmentColumns + " FROM departments WHERE code = ?",
                                  {std::string(code)}),
                         department_from, "单位不存在：" + std::string(code));
}

Result<Department> SqlAccountsRepository::find_department_by_name(std::string_view name) {
  return one<Department>(c_.query(std::string("SELECT ") + kDepartmentColumns + " FROM departments WHERE name = ?",
                                  {std::string(name)}),
                         department_from, "单位不存在：" + std::string(name));
}

Result<DepartmentId> SqlAccountsRepository::insert_department(const Department& d) {
  GK_TRY_ASSIGN(rs, c_.query("INSERT INTO departments (code, name, kind, parent_id, sort_order, created_at, version) "
                             "VALUES (?, ?, ?, ?, ?, ?, 1) RETURNING id",
                             {d.code, d.name, std::string(accounts::department_kind_name(d.kind)),
                              opt_int(d.parent ? std::optional<int64_t>(d.parent->value) : std::nullopt),
                              int64_t{d.sort_order}, d.created_at.micros()}));
  return DepartmentId(rs.rows.at(0).get_int(0));
}

Result<User> SqlAccountsRepository::find_user(UserId id) {
  return one<User>(c_.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {id.value}),
                   user_from, "用户不存在");
}

Result<User> SqlAccountsRepository::find_user_by_username(std::string_view username) {
  return one<User>(
      c_.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?", {std::string(username)}),
      user_from, "用户不存在");
}

Result<std::vector<User>> SqlAccountsRepository::list_users(std::optional<DepartmentId> department) {
  Result<sql::ResultSet> rs =
      department ? c_.query(std::string("SELECT ") + kUserColumns +
                                " FROM users WHERE department_id = ? ORDER BY username",
                            {department->value})
                 : c_.query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username", {});
  if (!rs) return fail(rs.error());
  std::vector<User> out;
  for (const auto& r : rs->rows) out.push_back(user_from(r));
  return out;
}

Result<UserId> SqlAccountsRepository::insert_user(const User& u) {
  GK_TRY_ASSIGN(rs, c_.query("INSERT INTO users (username, display_name, password_hash, department_id, roles, "
                             "active, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
                             {u.username, u.display_name, u.password_hash, u.department.value,
                              accounts::join_roles(u.roles), int64_t{u.active ? 1 : 0}, u.created_at.micros(),
                              u.updated_at.micros()}));
  return UserId(rs.rows.at(0).get_int(0));
}

Status SqlAccountsRepository::update_user(const User& u) {
  GK_TRY_ASSIGN(rs, c_.query("UPDATE users SET display_name = ?, password_hash = ?, department_id = ?, roles = ?, "
                             "active = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                             {u.display_name, u.password_hash, u.department.value, accounts::join_roles(u.roles),
                              int64_t{u.active ? 1 : 0}, u.updated_at.micros(), u.id.value, int64_t{u.version}}));
  if (rs.affected_rows == 1) return ok();
  GK_TRY_ASSIGN(exists, c_.query("SELECT 1 FROM users WHERE id = ?", {u.id.value}));
  if (exists.rows.empty()) return fail(Error::not_found("用户不存在"));
  return fail(Error::conflict("该用户已被他人修改，请刷新后重试"));
}

Result<PublicAccount> SqlAccountsRepository::find_public_account(PublicAccountId id) {
  return one<PublicAccount>(
      c_.query(std::string("SELECT ") + kPublicColumns + " FROM public_accounts WHERE id = ?", {id.value}),
      public_from, "账号不存在");
}

Result<PublicAccount> SqlAccountsRepository::find_public_account_by_login(std::string_view login) {
  const std::string l(login);
  return one<PublicAccount>(c_.query(std::string("SELECT ") + kPublicColumns +
                                         " FROM public_accounts WHERE email = ? OR phone = ?",
                                     {l, l}),
                            public_from, "账号不存在");
}

Result<PublicAccountId> SqlAccountsRepository::insert_public_account(const PublicAccount& a) {
  GK_TRY_ASSIGN(rs, c_.query("INSERT INTO public_accounts (email, phone, display_name, kind, password_hash, "
                             "created_at, version) VALUES (?, ?, ?, ?, ?, ?, 1) RETURNING id",
                             {opt_text(a.email), opt_text(a.phone), a.display_name,
                              std::string(a.kind == accounts::PublicAccountKind::kFirm ? "firm" : "citizen"),
                              a.password_hash, a.created_at.micros()}));
  return PublicAccountId(rs.rows.at(0).get_int(0));
}

Status SqlAccountsRepository::insert_session(const Session& s) {
  GK_TRY_STATUS(c_.query(std::string("INSERT INTO sessions (") + kSessionColumns +
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         {s.token_hash, opt_int(s.user ? std::optional<int64_t>(s.user->value) : std::nullopt),
                          opt_int(s.public_account ? std::optional<int64_t>(s.public_account->value) : std::nullopt),
                          s.csrf_secret, s.created_at.micros(), s.last_seen_at.micros(), s.expires_at.micros(), s.ip,
                          s.user_agent}));
  return ok();
}

Result<Session> SqlAccountsRepository::find_session(std::string_view token_hash) {
  return one<Session>(c_.query(std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE token_hash = ?",
                               {std::string(token_hash)}),
                      session_from, "会话不存在");
}

Status SqlAccountsRepository::touch_session(std::string_view token_hash, Instant last_seen, Instant expires) {
  GK_TRY_STATUS(c_.query("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
                         {last_seen.micros(), expires.micros(), std::string(token_hash)}));
  return ok();
}

Status SqlAccountsRepository::delete_session(std::string_view token_hash) {
  GK_TRY_STATUS(c_.query("DELETE FROM sessions WHERE token_hash = ?", {std::string(token_hash)}));
  return ok();
}

Status SqlAccountsRepository::delete_sessions_of_user(UserId user) {
  GK_TRY_STATUS(c_.query("DELETE FROM sessions WHERE user_id = ?", {user.value}));
  return ok();
}

Result<int64_t> SqlAccountsRepository::delete_expired_sessions(Instant now) {
  GK_TRY_ASSIGN(rs, c_.query("DELETE FROM sessions WHERE expires_at <= ?", {now.micros()}));
  return rs.affected_rows;
}

Status SqlAccountsRepository::record_login_attempt(std::string_view subject, Instant at, bool success) {
  GK_TRY_STATUS(c_.query("INSERT INTO login_attempts (subject, at, success) VALUES (?, ?, ?)",
                         {std::string(subject), at.micros(), int64_t{success ? 1 : 0}}));
  return ok();
}

Result<std::vector<accounts::LoginAttempt>> SqlAccountsRepository::login_attempts_since(std::string_view subject,
                                                                                        Instant since) {
  GK_TRY_ASSIGN(rs, c_.query("SELECT at, success FROM login_attempts WHERE subject = ? AND at >= ? ORDER BY at, id",
                             {std::string(subject), since.micros()}));
  std::vector<accounts::LoginAttempt> out;
  for (const auto& r : rs.rows) out.push_back({Instant::from_micros(r.get_int(0)), r.get_int(1) != 0});
  return out;
}

}  // namespace gk::storage
