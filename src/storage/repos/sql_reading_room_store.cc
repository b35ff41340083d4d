#include "storage/repos/sql_reading_room_store.h"

#include "storage/repos/sql_foi_store.h"

#include <string>

#include <fmt/format.h>

#include "storage/repos/sql_audit_log.h"

namespace gk::storage {
namespace {

using foi::Conversion;
using foi::ConversionId;
using foi::FoiCase;
using foi::ReadingRoomEntry;
using foi::ReadingRoomEntryId;

constexpr const char* kEntryColumns =
    "id, case_id, department_id, title, body, outcome, replied_on, masked_count, published_at, published_by, "
    "withdrawn_at, withdrawn_by, withdraw_reason, version, created_at, updated_at";

std::optional<Date> date_of(const sql::Row& r, size_t i) {
  auto s = r.get_opt_text(i);
  return s ? Date::parse(*s) : std::nullopt;
}



ReadingRoomEntry entry_from(const sql::Row& r) {
  ReadingRoomEntry e;
  e.id = ReadingRoomEntryId(r.get_int(0));
  e.case_id = FoiCaseId(r.get_int(1));
  e.department = DepartmentId(r.get_int(2));
  e.title = r.get_text(3);
  e.body = r.get_text(4);
  e.outcome = foi::parse_outcome(r.get_text(5)).value_or(foi::Outcome::kDisclosed);
  e.replied_on = Date::parse(r.get_text(6)).value_or(Date());
  e.masked_count = static_cast<int>(r.get_int(7));
  e.published_at = Instant::from_micros(r.get_int(8));
  e.published_by = r.get_text(9);
  if (auto at = r.get_opt_int(10)) e.withdrawn_at = Instant::from_micros(*at);
  e.withdrawn_by = r.get_text(11);
  e.withdraw_reason = r.get_text(12);
  e.version = static_cast<int>(r.get_int(13));
  e.created_at = Instant::from_micros(r.get_int(14));
  e.updated_at = Instant::from_micros(r.get_int(15));
  return e;
}

class SqlReadingRoomRepository final : public foi::ReadingRoomRepository {
 public:
  explicit SqlReadingRoomRepository(sql::Connection& c) : c_(c) {}

  Result<FoiCase> find_case(FoiCaseId id) override {
    GK_TRY_ASSIGN(rs,
                  c_.query(fmt::format("SELECT {} FROM foi_cases WHERE id = ?", kFoiCaseColumns), {id.value}));
    if (rs.rows.empty()) return fail(Error::not_found("申请不存在"));
    return foi_case_from_row(rs.rows[0]);
  }

  Result<std::vector<FoiCase>> conversion_candidates(std::optional<DepartmentId> department,
                                                     Date since) override {
    std::string q = fmt::format(
        "SELECT {} FROM foi_cases WHERE received_on >= ? "
        "AND (state <> 'closed' OR outcome IN ('disclosed', 'partially_disclosed')) "
        "AND NOT EXISTS (SELECT 1 FROM foi_conversion_cases cc WHERE cc.case_id = foi_cases.id)",
        kFoiCaseColumns);
    std::vector<sql::Value> params{since.to_string()};
    if (department) {
      q += " AND department_id = ?";
      params.emplace_back(department->value);
    }
    q += " ORDER BY received_on, id";
    GK_TRY_ASSIGN(rs, c_.query(q, params));
    std::vector<FoiCase> out;
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) out.push_back(foi_case_from_row(r));
    return out;
  }

  Result<ReadingRoomEntryId> insert_entry(const ReadingRoomEntry& e) override {
    auto rs = c_.query(
        "INSERT INTO foi_reading_room (case_id, department_id, title, body, outcome, replied_on, "
        "masked_count, "
        "published_at, published_by, withdrawn_at, withdrawn_by, withdraw_reason, version, created_at, "
        "updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', '', 1, ?, ?) RETURNING id",
        {e.case_id.value, e.department.value, e.title, e.body, std::string(foi::info(e.outcome).key),
         e.replied_on.to_string(), int64_t{e.masked_count}, e.published_at.micros(), e.published_by,
         e.created_at.micros(), e.updated_at.micros()});
    if (!rs) {
      if (rs.error().code() == ErrorCode::kConflict) {
        return fail(Error::conflict("该申请的公开信息已在阅览室发布"));
      }
      return fail(rs.error());
    }
    return ReadingRoomEntryId(rs->rows.at(0).get_int(0));
  }

  Status update_entry(const ReadingRoomEntry& e) override {
    GK_TRY_ASSIGN(
        rs,
        c_.query("UPDATE foi_reading_room SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ?, "
                 "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                 {e.withdrawn_at ? sql::Value(e.withdrawn_at->micros()) : sql::Value(nullptr), e.withdrawn_by,
                  e.withdraw_reason, e.updated_at.micros(), e.id.value, int64_t{e.version}}));
    if (rs.affected_rows != 1) {
      GK_TRY_ASSIGN(exists, c_.query("SELECT 1 FROM foi_reading_room WHERE id = ?", {e.id.value}));
      if (exists.rows.empty()) return fail(Error::not_found("阅览室信息不存在"));
      return fail(Error::conflict("该信息已被他人修改，请刷新后重试"));
    }
    return ok();
  }

  Result<ReadingRoomEntry> find_entry(ReadingRoomEntryId id) override {
    GK_TRY_ASSIGN(
        rs, c_.query(fmt::format("SELECT {} FROM foi_reading_room WHERE id = ?", kEntryColumns), {id.value}));
    if (rs.rows.empty()) return fail(Error::not_found("阅览室信息不存在"));
    return entry_from(rs.rows[0]);
  }

  Result<std::optional<ReadingRoomEntry>> live_entry(FoiCaseId case_id) override {
    GK_TRY_ASSIGN(
        rs, c_.query(fmt::format("SELECT {} FROM foi_reading_room WHERE case_id = ? AND withdrawn_at IS NULL",
                                 kEntryColumns),
                     {case_id.value}));
    if (rs.rows.empty()) return std::optional<ReadingRoomEntry>();
    return std::optional<ReadingRoomEntry>(entry_from(rs.rows[0]));
  }

  Result<std::pair<std::vector<ReadingRoomEntry>, int64_t>> list_live(int64_t offset,
                                                                      int64_t limit) override {
    GK_TRY_ASSIGN(count, c_.query("SELECT COUNT(*) FROM foi_reading_room WHERE withdrawn_at IS NULL", {}));
    GK_TRY_ASSIGN(rs, c_.query(fmt::format("SELECT {} FROM foi_reading_room WHERE withdrawn_at IS NULL "
                                           "ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?",
                                           kEntryColumns),
                               {limit, offset}));
    std::vector<ReadingRoomEntry> out;
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) out.push_back(entry_from(r));
    return std::pair{std::move(out), count.rows.at(0).get_int(0)};
  }

  Result<std::vector<ReadingRoomEntry>> live_after(ReadingRoomEntryId after_id, int limit) override {
    GK_TRY_ASSIGN(
        rs, c_.query(fmt::format("SELECT {} FROM foi_reading_room WHERE withdrawn_at IS NULL AND id > ? "
                                 "ORDER BY id LIMIT ?",
                                 kEntryColumns),
                     {after_id.value, int64_t{limit}}));
    std::vector<ReadingRoomEntry> out;
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) out.push_back(entry_from(r));
    return out;
  }

  Result<int64_t> count_live() override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT COUNT(*) FROM foi_reading_room WHERE withdrawn_at IS NULL", {}));
    return rs.rows.at(0).get_int(0);
  }

  Status announce_change(ReadingRoomEntryId id, Instant at) override {
    // Outbox readers follow ids in commit order (see SqlDocumentRepository::announce_change).
    if (c_.dialect() == sql::Dialect::kPostgres) {
      GK_TRY_STATUS(c_.query("SELECT pg_advisory_xact_lock(7320001)", {}));
    }
    GK_TRY_STATUS(
        c_.query("INSERT INTO outbox (topic, payload, created_at) VALUES ('search:reading_room', ?, ?)",
                 {std::to_string(id.value), at.micros()}));
    return ok();
  }

  Result<ConversionId> insert_conversion(const Conversion& c) override {
    GK_TRY_ASSIGN(
        rs,
        c_.query("INSERT INTO foi_conversions (department_id, document_id, title, created_by, created_at) "
                 "VALUES (?, ?, ?, ?, ?) RETURNING id",
                 {c.department.value, c.document.value, c.title, c.created_by, c.created_at.micros()}));
    const ConversionId id(rs.rows.at(0).get_int(0));
    for (FoiCaseId case_id : c.cases) {
      auto linked = c_.query("INSERT INTO foi_conversion_cases (conversion_id, case_id) VALUES (?, ?)",
                             {id.value, case_id.value});
      if (!linked) {
        if (linked.error().code() == ErrorCode::kConflict) {
          return fail(Error::conflict(fmt::format("申请 {} 已转为主动公开", case_id.value)));
        }
        return fail(linked.error());
      }
    }
    return id;
  }

  Result<std::vector<Conversion>> conversions(std::optional<DepartmentId> department, int limit) override {
    std::string q =
        "SELECT id, department_id, document_id, title, created_by, created_at FROM foi_conversions";
    std::vector<sql::Value> params;
    if (department) {
      q += " WHERE department_id = ?";
      params.emplace_back(department->value);
    }
    q += " ORDER BY created_at DESC, id DESC LIMIT ?";
    params.emplace_back(int64_t{limit});
    GK_TRY_ASSIGN(rs, c_.query(q, params));
    std::vector<Conversion> out;
    for (const auto& r : rs.rows) {
      Conversion c;
      c.id = ConversionId(r.get_int(0));
      c.department = DepartmentId(r.get_int(1));
      c.document = DocumentId(r.get_int(2));
      c.title = r.get_text(3);
      c.created_by = r.get_text(4);
      c.created_at = Instant::from_micros(r.get_int(5));
      GK_TRY_ASSIGN(
          links, c_.query("SELECT case_id FROM foi_conversion_cases WHERE conversion_id = ? ORDER BY case_id",
                          {c.id.value}));
      for (const auto& l : links.rows) c.cases.emplace_back(l.get_int(0));
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::optional<ConversionId>> conversion_of(FoiCaseId case_id) override {
    GK_TRY_ASSIGN(
        rs, c_.query("SELECT conversion_id FROM foi_conversion_cases WHERE case_id = ?", {case_id.value}));
    if (rs.rows.empty()) return std::optional<ConversionId>();
    return std::optional<ConversionId>(ConversionId(rs.rows[0].get_int(0)));
  }

 private:
  sql::Connection& c_;
};

}  // namespace

Status SqlReadingRoomStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlReadingRoomRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlReadingRoomStore::read(const Work& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlReadingRoomRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

}  // namespace gk::storage
