// FakeAccountsStore: an in-memory AccountsStore for tests. A unit of work runs on a copy of the
// state that replaces the real state only when the work returns OK, so rollback behaves as in SQL.
// Audit events go to a RecordingAuditSink (also rolled back). Not thread-safe.
#pragma once

#include <algorithm>
#include <map>

#include "accounts/accounts_store.h"
#include "audit/recording_audit_sink.h"

namespace gk::accounts {

class FakeAccountsStore final : public AccountsStore {
 public:
  struct State {
    std::vector<Department> departments;
    std::vector<User> users;
    std::vector<PublicAccount> public_accounts;
    std::map<std::string, Session> sessions;
    std::vector<std::pair<std::string, LoginAttempt>> attempts;
    std::vector<audit::AuditEvent> audit;
    int64_t next_id = 1;
  };

  Status transact(const Work& work) override {
    State copy = state_;
    Repo repo(copy);
    audit::RecordingAuditSink sink;
    Status st = work(repo, sink);
    if (!st) return st;
    for (const auto& e : sink.events()) copy.audit.push_back(e);
    state_ = std::move(copy);
    return ok();
  }

  const State& state() const { return state_; }
  State& mutable_state() { return state_; }

 private:
  class Repo final : public AccountsRepository {
   public:
    explicit Repo(State& s) : s_(s) {}
    Result<std::vector<Department>> list_departments() override { return s_.departments; }
    Result<Department> find_department(DepartmentId id) override {
      for (const auto& d : s_.departments)
        if (d.id == id) return d;
      return fail(Error::not_found("department"));
    }
    Result<Department> find_department_by_code(std::string_view code) override {
      for (const auto& d : s_.departments)
        if (d.code == code) return d;
      return fail(Error::not_found("department"));
    }
    Result<Department> find_department_by_name(std::string_view name) override {
      for (const auto& d : s_.departments)
        if (d.name == name) return d;
      return fail(Error::not_found("department"));
    }
    Result<DepartmentId> insert_department(const Department& d) override {
      for (const auto& x : s_.departments)
        if (x.code == d.code || x.name == d.name) return fail(Error::conflict("duplicate department"));
      Department n = d;
      n.id = DepartmentId(s_.next_id++);
      s_.departments.push_back(n);
      return n.id;
    }
    Result<User> find_user(UserId id) override {
      for (const auto& u : s_.users)
        if (u.id == id) return u;
      return fail(Error::not_found("user"));
    }
    Result<User> find_user_by_username(std::string_view name) override {
      for (const auto& u : s_.users)
        if (u.username == name) return u;
      return fail(Error::not_found("user"));
    }
    Result<std::vector<User>> list_users(std::optional<DepartmentId> dept) override {
      std::vector<User> out;
      for (const auto& u : s_.users)
        if (!dept || u.department == *dept) out.push_back(u);
      return out;
    }
    Result<UserId> insert_user(const User& u) override {
      for (const auto& x : s_.users)
        if (x.username == u.username) return fail(Error::conflict("duplicate username"));
      User n = u;
      n.id = UserId(s_.next_id++);
      n.version = 1;
      s_.users.push_back(n);
      return n.id;
    }
    Status update_user(const User& u) override {
      for (auto& x : s_.users) {
        if (x.id != u.id) continue;
        if (x.version != u.version) return fail(Error::conflict("stale"));
        x = u;
        x.version = u.version + 1;
        return ok();
      }
      return fail(Error::not_found("user"));
    }
    Result<PublicAccount> find_public_account(PublicAccountId id) override {
      for (const auto& a : s_.public_accounts)
        if (a.id == id) return a;
      return fail(Error::not_found("account"));
    }
    Result<PublicAccount> find_public_account_by_login(std::string_view login) override {
      for (const auto& a : s_.public_accounts)
        if (a.email == std::optional<std::string>(login) || a.phone == std::optional<std::string>(login)) return a;
      return fail(Error::not_found("account"));
    }
    Result<PublicAccountId> insert_public_account(const PublicAccount& a) override {
      for (const auto& x : s_.public_accounts)
        if ((a.email && x.email == a.email) || (a.phone && x.phone == a.phone)) return fail(Error::conflict("dup"));
      PublicAccount n = a;
      n.id = PublicAccountId(s_.next_id++);
      s_.public_accounts.push_back(n);
      return n.id;
    }
    Status insert_session(const Session& s) override {
      s_.sessions[s.token_hash] = s;
      return ok();
    }
    Result<Session> find_session(std::string_view h) override {
      auto it = s_.sessions.find(std::string(h));
      if (it == s_.sessions.end()) return fail(Error::not_found("session"));
      return it->second;
    }
    Status touch_session(std::string_view h, Instant last, Instant exp) override {
      auto it = s_.sessions.find(std::string(h));
      if (it != s_.sessions.end()) {
        it->second.last_seen_at = last;
        it->second.expires_at = exp;
      }
      return ok();
    }
    Status delete_session(std::string_view h) override {
      s_.sessions.erase(std::string(h));
      return ok();
    }
    Status delete_sessions_of_user(UserId u) override {
      std::erase_if(s_.sessions, [&](const auto& kv) { return kv.second.user == std::optional<UserId>(u); });
      return ok();
    }
    Result<int64_t> delete_expired_sessions(Instant now) override {
      return static_cast<int64_t>(std::erase_if(s_.sessions, [&](const auto& kv) { return kv.second.expires_at <= now; }));
    }
    Status record_login_attempt(std::string_view subject, Instant at, bool success) override {
      s_.attempts.push_back({std::string(subject), LoginAttempt{at, success}});
      return ok();
    }
    Result<std::vector<LoginAttempt>> login_attempts_since(std::string_view subject, Instant since) override {
      std::vector<LoginAttempt> out;
      for (const auto& [s, a] : s_.attempts)
        if (s == subject && a.at >= since) out.push_back(a);
      return out;
    }

   private:
    State& s_;
  };

  State state_;
};

}  // namespace gk::accounts
