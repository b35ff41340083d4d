#include "storage/repos/sql_cleanup_store.h"

#include <string>

#include "storage/repos/sql_audit_log.h"
#include "storage/repos/sql_document_store.h"

namespace gk::storage {
namespace {

using documents::CleanupCampaignId;
using documents::CleanupCampaignRecord;
using documents::CleanupItemRecord;

constexpr const char* kCampaignColumns =
    "c.id, c.department_id, c.name, c.started_on, c.published_on, c.notice_document_id, c.created_by, "
    "c.created_at, c.version, "
    "(SELECT COUNT(*) FROM cleanup_decisions d WHERE d.campaign_id = c.id), "
    "(SELECT COUNT(*) FROM cleanup_decisions d WHERE d.campaign_id = c.id AND d.action IS NOT NULL)";

Result<CleanupCampaignRecord> campaign_from(const sql::Row& r) {
  CleanupCampaignRecord c;
  c.id = CleanupCampaignId(r.get_int(0));
  c.department = DepartmentId(r.get_int(1));
  c.name = r.get_text(2);
  auto started = Date::parse(r.get_text(3));
  if (!started)
    return fail(Error::internal("cleanup_campaigns holds a malformed started_on: " + r.get_text(3)));
  c.started_on = *started;
  if (auto p = r.get_opt_text(4)) {
    auto d = Date::parse(*p);
    if (!d) return fail(Error::internal("cleanup_campaigns holds a malformed published_on: " + *p));
    c.published_on = *d;
  }
  if (auto n = r.get_opt_int(5)) c.notice_document = DocumentId(*n);
  c.created_by = r.get_text(6);
  c.created_at = Instant::from_micros(r.get_int(7));
  c.version = static_cast<int>(r.get_int(8));
  c.total = static_cast<int>(r.get_int(9));
  c.decided = static_cast<int>(r.get_int(10));
  return c;
}

class SqlCleanupRepository final : public documents::CleanupRepository {
 public:
  explicit SqlCleanupRepository(sql::Connection& c) : c_(c) {}

  Result<CleanupCampaignId> insert_campaign(const CleanupCampaignRecord& c,
                                            const std::vector<DocumentId>& batch) override {
    GK_TRY_ASSIGN(rs, c_.query("INSERT INTO cleanup_campaigns (department_id, name, started_on, created_by, "
                               "created_at, version) VALUES (?, ?, ?, ?, ?, 1) RETURNING id",
                               {c.department.value, c.name, c.started_on.to_string(), c.created_by,
                                c.created_at.micros()}));
    const CleanupCampaignId id(rs.rows.at(0).get_int(0));
    for (DocumentId doc : batch) {
      GK_TRY_STATUS(c_.query("INSERT INTO cleanup_decisions (campaign_id, document_id) VALUES (?, ?)",
                             {id.value, doc.value}));
    }
    return id;
  }

  Result<CleanupCampaignRecord> find_campaign(CleanupCampaignId id) override {
    GK_TRY_ASSIGN(
        rs, c_.query(std::string("SELECT ") + kCampaignColumns + " FROM cleanup_campaigns c WHERE c.id = ?",
                     {id.value}));
    if (rs.rows.empty()) return fail(Error::not_found("清理工作不存在"));
    return campaign_from(rs.rows[0]);
  }

  Result<std::vector<CleanupCampaignRecord>> list_campaigns(std::optional<DepartmentId> department) override {
    std::string sql = std::string("SELECT ") + kCampaignColumns + " FROM cleanup_campaigns c";
    std::vector<sql::Value> params;
    if (department) {
      sql += " WHERE c.department_id = ?";
      params.emplace_back(department->value);
    }
    GK_TRY_ASSIGN(rs, c_.query(sql + " ORDER BY c.created_at DESC, c.id DESC", params));
    std::vector<CleanupCampaignRecord> out;
    for (const auto& r : rs.rows) {
      GK_TRY_ASSIGN(c, campaign_from(r));
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::vector<CleanupItemRecord>> items(CleanupCampaignId id) override {
    // Decided rows in decision order, then the undecided ones. The CASE keeps both engines' NULL
    // ordering out of it.
    GK_TRY_ASSIGN(
        rs, c_.query("SELECT document_id, action, reason, decided_by, decided_at FROM cleanup_decisions "
                     "WHERE campaign_id = ? "
                     "ORDER BY CASE WHEN action IS NULL THEN 1 ELSE 0 END, decided_at, document_id",
                     {id.value}));
    std::vector<CleanupItemRecord> out;
    for (const auto& r : rs.rows) {
      CleanupItemRecord i;
      i.document = DocumentId(r.get_int(0));
      if (auto a = r.get_opt_text(1)) {
        i.action = documents::parse_cleanup_action(*a);
        if (!i.action) return fail(Error::internal("cleanup_decisions holds an unknown action " + *a));
      }
      i.reason = r.get_text(2);
      i.decided_by = r.get_text(3);
      if (auto at = r.get_opt_int(4)) i.decided_at = Instant::from_micros(*at);
      out.push_back(std::move(i));
    }
    return out;
  }

  Status decide(CleanupCampaignId id, const CleanupItemRecord& d) override {
    if (!d.action || !d.decided_at)
      return fail(Error::internal("a cleanup decision needs an action and a time"));
    GK_TRY_ASSIGN(
        rs, c_.query("UPDATE cleanup_decisions SET action = ?, reason = ?, decided_by = ?, decided_at = ? "
                     "WHERE campaign_id = ? AND document_id = ?",
                     {std::string(documents::cleanup_action_name(*d.action)), d.reason, d.decided_by,
                      d.decided_at->micros(), id.value, d.document.value}));
    if (rs.affected_rows != 1) return fail(Error::not_found("该文件不在本次清理范围内"));
    return ok();
  }

  Status update_campaign(const CleanupCampaignRecord& c) override {
    GK_TRY_ASSIGN(rs,
                  c_.query("UPDATE cleanup_campaigns SET published_on = ?, notice_document_id = ?, "
                           "version = version + 1 WHERE id = ? AND version = ?",
                           {c.published_on ? sql::Value(c.published_on->to_string()) : sql::Value(nullptr),
                            c.notice_document ? sql::Value(c.notice_document->value) : sql::Value(nullptr),
                            c.id.value, int64_t{c.version}}));
    if (rs.affected_rows != 1) {
      GK_TRY_ASSIGN(exists, c_.query("SELECT 1 FROM cleanup_campaigns WHERE id = ?", {c.id.value}));
      if (exists.rows.empty()) return fail(Error::not_found("清理工作不存在"));
      return fail(Error::conflict("清理工作已被他人修改，请刷新后重试"));
    }
    return ok();
  }

  Status touch_campaign(CleanupCampaignId id) override {
    GK_TRY_ASSIGN(rs,
                  c_.query("UPDATE cleanup_campaigns SET version = version + 1 WHERE id = ?", {id.value}));
    if (rs.affected_rows != 1) return fail(Error::not_found("清理工作不存在"));
    return ok();
  }

 private:
  sql::Connection& c_;
};

}  // namespace

Status SqlCleanupStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlCleanupRepository cleanup(c);
    auto documents = make_sql_document_repository(c);
    SqlAuditSink audit(c, clock_);
    return work(cleanup, *documents, audit);
  });
}

}  // namespace gk::storage
