#include "storage/repos/sql_change_feed.h"

namespace gk::storage {

Result<std::vector<search::ChangeEvent>> SqlChangeFeed::after(int64_t after, int limit) {
  std::vector<search::ChangeEvent> out;
  GK_TRY_STATUS(db_.read_transaction([&](sql::Connection& c) -> Status {
    GK_TRY_ASSIGN(rs, c.query("SELECT id, topic, payload FROM outbox WHERE id > ? AND topic LIKE 'search:%' "
                              "ORDER BY id LIMIT ?",
                              {after, int64_t{limit}}));
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) {
      std::string topic = r.get_text(1);
      out.push_back({r.get_int(0), topic.substr(std::string_view("search:").size()), r.get_text(2)});
    }
    return ok();
  }));
  return out;
}

Result<int64_t> SqlChangeFeed::last_seq() {
  int64_t last = 0;
  GK_TRY_STATUS(db_.read_transaction([&](sql::Connection& c) -> Status {
    GK_TRY_ASSIGN(rs, c.query("SELECT COALESCE(MAX(id), 0) FROM outbox", {}));
    last = rs.rows.at(0).get_int(0);
    return ok();
  }));
  return last;
}

}  // namespace gk::storage
