#include "storage/repos/sql_calendar_store.h"

#include "storage/repos/sql_audit_log.h"

namespace gk::storage {
namespace {

class SqlCalendarRepository final : public calendar::CalendarRepository {
 public:
  explicit SqlCalendarRepository(sql::Connection& c) : c_(c) {}

  Result<std::vector<calendar::SpecialDay>> load_days() override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT day, kind, name FROM calendar_days ORDER BY day", {}));
    std::vector<calendar::SpecialDay> out;
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) {
      auto date = Date::parse(r.get_text(0));
      auto kind = calendar::parse_day_kind(r.get_text(1));
      if (!date || !kind) return fail(Error::internal("calendar_days holds a malformed row: " + r.get_text(0)));
      out.push_back({*date, *kind, r.get_text(2)});
    }
    return out;
  }

  Status upsert_days(const std::vector<calendar::SpecialDay>& days, std::string_view source) override {
    for (const auto& d : days) {
      GK_TRY_STATUS(c_.query("INSERT INTO calendar_days (day, kind, name, source) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
                             "source = excluded.source",
                             {d.date.to_string(), std::string(calendar::day_kind_name(d.kind)), d.name,
                              std::string(source)}));
    }
    return ok();
  }

 private:
  sql::Connection& c_;
};

}  // namespace

Status SqlCalendarStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlCalendarRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlCalendarStore::read(const Work& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlCalendarRepository repo(c);
    SqlAuditSink audit(c, clock_);  // a read-only unit of work never appends
    return work(repo, audit);
  });
}

}  // namespace gk::storage
