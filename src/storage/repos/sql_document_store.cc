#include "storage/repos/sql_document_store.h"

#include <map>
#include <string>

#include <fmt/format.h>

#include "storage/repos/sql_audit_log.h"

namespace gk::storage {
namespace {

using documents::Column;
using documents::Document;
using documents::DocumentFilter;
using documents::DocumentVersion;
using documents::Relation;
using documents::ValidityFacts;

constexpr std::string_view kIssuerSeparator = "；";

constexpr const char* kColumns =
    "id, index_number, title, doc_number, issuers, department_id, written_on, effective_on, expires_on, "
    "formed_on, published_at, topic, genre, disclosure_mode, withheld_reason, normative, unified_number, "
    "summary, body_html, body_text, state, review_comment, source_key, created_by, created_at, updated_at, version";

sql::Value opt_date(const std::optional<Date>& d) { return d ? sql::Value(d->to_string()) : sql::Value(nullptr); }
sql::Value opt_text(const std::optional<std::string>& s) { return s ? sql::Value(*s) : sql::Value(nullptr); }

std::optional<Date> date_of(const sql::Row& r, size_t i) {
  auto s = r.get_opt_text(i);
  return s ? Date::parse(*s) : std::nullopt;
}

std::string join_issuers(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += kIssuerSeparator;
    out += s;
  }
  return out;
}

std::vector<std::string> split_issuers(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t at = s.find(kIssuerSeparator, start);
    if (at == std::string::npos) at = s.size();
    if (at > start) out.push_back(s.substr(start, at - start));
    start = at + kIssuerSeparator.size();
  }
  return out;
}

// The uniqueness key of a normalised 文号 is the number itself: one per issuer, year and serial.
sql::Value doc_number_key(const Document& d) { return opt_text(d.doc_number); }

Document document_from(const sql::Row& r) {
  Document d;
  d.id = DocumentId(r.get_int(0));
  d.index_number = r.get_text(1);
  d.title = r.get_text(2);
  d.doc_number = r.get_opt_text(3);
  d.issuers = split_issuers(r.get_text(4));
  d.department = DepartmentId(r.get_int(5));
  d.written_on = date_of(r, 6);
  d.effective_on = date_of(r, 7);
  d.expires_on = date_of(r, 8);
  d.formed_on = Date::parse(r.get_text(9)).value_or(Date());
  if (auto p = r.get_opt_int(10)) d.published_at = Instant::from_micros(*p);
  d.topic = r.get_text(11);
  d.genre = r.get_text(12);
  d.mode = documents::parse_disclosure_mode(r.get_text(13)).value_or(documents::DisclosureMode::kProactive);
  d.withheld_reason = r.get_text(14);
  d.normative = r.get_int(15) != 0;
  d.unified_number = r.get_opt_text(16);
  d.summary = r.get_text(17);
  d.body_html = r.get_text(18);
  d.body_text = r.get_text(19);
  d.state = documents::parse_publication_state(r.get_text(20)).value_or(documents::PublicationState::kDraft);
  d.review_comment = r.get_text(21);
  d.source_key = r.get_opt_text(22);
  d.created_by = r.get_text(23);
  d.created_at = Instant::from_micros(r.get_int(24));
  d.updated_at = Instant::from_micros(r.get_int(25));
  d.version = static_cast<int>(r.get_int(26));
  return d;
}

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

class SqlDocumentRepository final : public documents::DocumentRepository {
 public:
  explicit SqlDocumentRepository(sql::Connection& c) : c_(c) {}

  // Every change of a document row or of a relation into it is announced in the outbox, in the
  // same transaction, so each node's search index (search/search_source.h: ChangeFeed) picks it up.
  // Done here rather than in the service so no write path can forget it.
  // Readers follow the outbox by id, so ids must become visible in id order. SQLite runs one writer
  // at a time; on PostgreSQL concurrent transactions could commit a higher id before a lower one, so
  // the insert takes a transaction-scoped advisory lock first: outbox writers queue from here to
  // their commit, and ids are handed out in commit order.
  Status announce_change(DocumentId id, Instant at) {
    if (c_.dialect() == sql::Dialect::kPostgres) {
      GK_TRY_STATUS(c_.query("SELECT pg_advisory_xact_lock(7320001)", {}));
    }
    GK_TRY_STATUS(c_.query("INSERT INTO outbox (topic, payload, created_at) VALUES ('search:document', ?, ?)",
                           {std::to_string(id.value), at.micros()}));
    return ok();
  }

  Result<DocumentId> insert(const Document& d) override {
    GK_TRY_ASSIGN(rs, c_.query(
        "INSERT INTO documents (index_number, title, doc_number, doc_number_key, issuers, department_id, "
        "written_on, effective_on, expires_on, formed_on, published_at, topic, genre, disclosure_mode, "
        "withheld_reason, normative, unified_number, summary, body_html, body_text, state, review_comment, "
        "source_key, created_by, created_at, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
        {d.index_number, d.title, opt_text(d.doc_number), doc_number_key(d), join_issuers(d.issuers),
         d.department.value, opt_date(d.written_on), opt_date(d.effective_on), opt_date(d.expires_on),
         d.formed_on.to_string(), d.published_at ? sql::Value(d.published_at->micros()) : sql::Value(nullptr),
         d.topic, d.genre, std::string(documents::disclosure_mode_name(d.mode)), d.withheld_reason,
         int64_t{d.normative ? 1 : 0}, opt_text(d.unified_number), d.summary, d.body_html, d.body_text,
         std::string(documents::publication_state_name(d.state)), d.review_comment, opt_text(d.source_key),
         d.created_by, d.created_at.micros(), d.updated_at.micros()}));
    const DocumentId id(rs.rows.at(0).get_int(0));
    GK_TRY_STATUS(link_columns(id, d.columns));
    GK_TRY_STATUS(announce_change(id, d.updated_at));
    return id;
  }

  Status update(const Document& d) override {
    GK_TRY_ASSIGN(rs, c_.query(
        "UPDATE documents SET title = ?, doc_number = ?, doc_number_key = ?, issuers = ?, written_on = ?, "
        "effective_on = ?, expires_on = ?, formed_on = ?, published_at = ?, topic = ?, genre = ?, "
        "disclosure_mode = ?, withheld_reason = ?, normative = ?, unified_number = ?, summary = ?, body_html = ?, "
        "body_text = ?, state = ?, review_comment = ?, updated_at = ?, version = version + 1 "
        "WHERE id = ? AND version = ?",
        {d.title, opt_text(d.doc_number), doc_number_key(d), join_issuers(d.issuers), opt_date(d.written_on),
         opt_date(d.effective_on), opt_date(d.expires_on), d.formed_on.to_string(),
         d.published_at ? sql::Value(d.published_at->micros()) : sql::Value(nullptr), d.topic, d.genre,
         std::string(documents::disclosure_mode_name(d.mode)), d.withheld_reason, int64_t{d.normative ? 1 : 0},
         opt_text(d.unified_number), d.summary, d.body_html, d.body_text,
         std::string(documents::publication_state_name(d.state)), d.review_comment, d.updated_at.micros(),
         d.id.value, int64_t{d.version}}));
    if (rs.affected_rows != 1) {
      GK_TRY_ASSIGN(exists, c_.query("SELECT 1 FROM documents WHERE id = ?", {d.id.value}));
      if (exists.rows.empty()) return fail(Error::not_found("文件不存在"));
      return fail(Error::conflict("该文件已被他人修改，请刷新后重试"));
    }
    GK_TRY_STATUS(c_.query("DELETE FROM document_columns WHERE document_id = ?", {d.id.value}));
    GK_TRY_STATUS(announce_change(d.id, d.updated_at));
    // Publishing or withdrawing an amending/repealing document changes its targets' validity.
    GK_TRY_STATUS(c_.query("INSERT INTO outbox (topic, payload, created_at) SELECT 'search:document', "
                           "CAST(to_id AS TEXT), ? FROM document_relations WHERE from_id = ? ORDER BY to_id",
                           {d.updated_at.micros(), d.id.value}));
    return link_columns(d.id, d.columns);
  }

  Result<Document> find(DocumentId id) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kColumns + " FROM documents WHERE id = ?", {id.value}));
    if (rs.rows.empty()) return fail(Error::not_found("文件不存在"));
    Document d = document_from(rs.rows[0]);
    GK_TRY_STATUS(load_columns({&d}));
    return d;
  }

  Result<std::optional<Document>> find_by_source_key(std::string_view key) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kColumns + " FROM documents WHERE source_key = ?",
                               {std::string(key)}));
    if (rs.rows.empty()) return std::optional<Document>();
    Document d = document_from(rs.rows[0]);
    GK_TRY_STATUS(load_columns({&d}));
    return std::optional<Document>(std::move(d));
  }

  Result<std::optional<DocumentId>> find_id_by_doc_number(std::string_view doc_number) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT id FROM documents WHERE doc_number_key = ?", {std::string(doc_number)}));
    if (rs.rows.empty()) return std::optional<DocumentId>();
    return std::optional<DocumentId>(DocumentId(rs.rows[0].get_int(0)));
  }

  Result<std::vector<Document>> find_many(const std::vector<DocumentId>& ids) override {
    std::vector<Document> out;
    if (ids.empty()) return out;
    std::vector<sql::Value> params;
    for (auto id : ids) params.emplace_back(id.value);
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kColumns + " FROM documents WHERE id IN (" +
                                   placeholders(ids.size()) + ")",
                               params));
    for (const auto& r : rs.rows) out.push_back(document_from(r));
    std::vector<Document*> ptrs;
    for (auto& d : out) ptrs.push_back(&d);
    GK_TRY_STATUS(load_columns(ptrs));
    return out;
  }

  Result<std::pair<std::vector<Document>, int64_t>> list(const DocumentFilter& f) override {
    std::string where = " WHERE 1 = 1";
    std::vector<sql::Value> params;
    if (f.department) {
      where += " AND d.department_id = ?";
      params.emplace_back(f.department->value);
    }
    if (f.column) {
      where += " AND EXISTS (SELECT 1 FROM document_columns dc WHERE dc.document_id = d.id AND "
               "(dc.column_id = ? OR dc.column_id IN (SELECT id FROM columns WHERE parent_id = ?)))";
      params.emplace_back(f.column->value);
      params.emplace_back(f.column->value);
    }
    if (!f.topic.empty()) {
      where += " AND d.topic = ?";
      params.emplace_back(f.topic);
    }
    if (!f.genre.empty()) {
      where += " AND d.genre = ?";
      params.emplace_back(f.genre);
    }
    if (f.year) {
      // Years are counted in China Standard Time, like every date on the site.
      const Instant from = Instant::from_seconds(
          static_cast<int64_t>(Date::from_ymd(*f.year, 1, 1)->days()) * 86400 - 8 * 3600);
      const Instant to = Instant::from_seconds(
          static_cast<int64_t>(Date::from_ymd(*f.year + 1, 1, 1)->days()) * 86400 - 8 * 3600);
      where += " AND d.published_at >= ? AND d.published_at < ?";
      params.emplace_back(from.micros());
      params.emplace_back(to.micros());
    }
    if (f.normative) {
      where += " AND d.normative = ?";
      params.emplace_back(int64_t{*f.normative ? 1 : 0});
    }
    if (f.state) {
      where += " AND d.state = ?";
      params.emplace_back(std::string(documents::publication_state_name(*f.state)));
    }
    if (f.after_id) {
      where += " AND d.id > ?";
      params.emplace_back(f.after_id->value);
    }
    if (f.public_at) {
      where += " AND d.state = 'published' AND d.disclosure_mode = 'proactive' AND d.published_at <= ?";
      params.emplace_back(f.public_at->micros());
    }
    if (!f.title_contains.empty()) {
      // instr() / strpos() would differ between engines; LIKE with escaped wildcards runs on both.
      std::string pattern = "%";
      for (char ch : f.title_contains) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
      }
      pattern += "%";
      where += " AND d.title LIKE ? ESCAPE '\\'";
      params.emplace_back(pattern);
    }
    GK_TRY_ASSIGN(count, c_.query("SELECT COUNT(*) FROM documents d" + where, params));
    std::string order = " ORDER BY d.published_at DESC, d.id DESC";
    if (f.sort == "published_asc") order = " ORDER BY d.published_at ASC, d.id ASC";
    if (f.sort == "title") order = " ORDER BY d.title ASC, d.id ASC";
    if (f.sort == "updated_desc") order = " ORDER BY d.updated_at DESC, d.id DESC";
    if (f.sort == "id_asc") order = " ORDER BY d.id ASC";
    // Lists never show bodies; reading them (often 100 KB each, twice) would dominate the page.
    // DocumentFilter results therefore carry no body_html and only the first 300 characters of text.
    std::string sql = std::string("SELECT ") + prefixed_columns(/*with_bodies=*/false) + " FROM documents d" + where + order;
    if (f.limit > 0) {
      sql += " LIMIT ? OFFSET ?";
      params.emplace_back(f.limit);
      params.emplace_back(f.offset);
    }
    GK_TRY_ASSIGN(rs, c_.query(sql, params));
    std::vector<Document> items;
    for (const auto& r : rs.rows) items.push_back(document_from(r));
    std::vector<Document*> ptrs;
    for (auto& d : items) ptrs.push_back(&d);
    GK_TRY_STATUS(load_columns(ptrs));
    return std::pair{std::move(items), count.rows.at(0).get_int(0)};
  }

  Result<int64_t> next_serial(std::string_view series) override {
    GK_TRY_STATUS(c_.query("INSERT INTO index_counters (series, next_serial) VALUES (?, 1) ON CONFLICT (series) DO NOTHING",
                           {std::string(series)}));
    GK_TRY_ASSIGN(rs, c_.query("UPDATE index_counters SET next_serial = next_serial + 1 WHERE series = ? "
                               "RETURNING next_serial - 1",
                               {std::string(series)}));
    return rs.rows.at(0).get_int(0);
  }

  Status add_version(const DocumentVersion& v) override {
    GK_TRY_STATUS(c_.query("INSERT INTO document_versions (document_id, version, title, body_html, metadata, "
                           "changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           {v.document.value, int64_t{v.version}, v.title, v.body_html, v.metadata, v.changed_by,
                            v.changed_at.micros(), v.note}));
    return ok();
  }

  Result<std::vector<DocumentVersion>> versions(DocumentId id) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT version, title, body_html, metadata, changed_by, changed_at, note "
                               "FROM document_versions WHERE document_id = ? ORDER BY version",
                               {id.value}));
    std::vector<DocumentVersion> out;
    for (const auto& r : rs.rows) {
      out.push_back({id, static_cast<int>(r.get_int(0)), r.get_text(1), r.get_text(2), r.get_text(3),
                     r.get_text(4), Instant::from_micros(r.get_int(5)), r.get_text(6)});
    }
    return out;
  }

  Status add_relation(const Relation& rel, Instant at) override {
    GK_TRY_STATUS(c_.query("INSERT INTO document_relations (from_id, kind, to_id, created_at) VALUES (?, ?, ?, ?)",
                           {rel.from.value, std::string(documents::relation_kind_name(rel.kind)), rel.to.value,
                            at.micros()}));
    // The target's derived validity (已修改/已废止) changed with this relation.
    return announce_change(rel.to, at);
  }

  Result<std::vector<Relation>> relations_of(const std::vector<DocumentId>& ids) override {
    if (ids.empty()) return std::vector<Relation>();
    std::vector<sql::Value> params;
    for (auto id : ids) params.emplace_back(id.value);
    for (auto id : ids) params.emplace_back(id.value);
    return relations_where("r.from_id IN (" + placeholders(ids.size()) + ") OR r.to_id IN (" +
                               placeholders(ids.size()) + ")",
                           params);
  }

  Result<std::vector<Relation>> all_relations() override { return relations_where("1 = 1", {}); }

  Result<std::vector<ValidityFacts>> facts(const std::vector<DocumentId>& ids) override {
    std::vector<ValidityFacts> out;
    if (ids.empty()) return out;
    std::vector<sql::Value> params;
    for (auto id : ids) params.emplace_back(id.value);
    GK_TRY_ASSIGN(rs, c_.query("SELECT id, title, effective_on, expires_on, published_at, normative, state "
                               "FROM documents WHERE id IN (" + placeholders(ids.size()) + ")",
                               params));
    for (const auto& r : rs.rows) out.push_back(facts_from(r));
    return out;
  }

  Result<std::vector<DocumentId>> all_ids() override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT id FROM documents ORDER BY id", {}));
    std::vector<DocumentId> out;
    for (const auto& r : rs.rows) out.emplace_back(r.get_int(0));
    return out;
  }

  Result<std::vector<Column>> columns(std::optional<DepartmentId> department) override {
    Result<sql::ResultSet> rs =
        department ? c_.query("SELECT id, department_id, parent_id, key, name, update_cycle_days, sort_order, featured "
                              "FROM columns WHERE department_id = ? ORDER BY sort_order, id",
                              {department->value})
                   : c_.query("SELECT id, department_id, parent_id, key, name, update_cycle_days, sort_order, featured "
                              "FROM columns ORDER BY department_id, sort_order, id",
                              {});
    if (!rs) return fail(rs.error());
    std::vector<Column> out;
    for (const auto& r : rs->rows) {
      Column c;
      c.id = ColumnId(r.get_int(0));
      if (auto d = r.get_opt_int(1)) c.department = DepartmentId(*d);
      if (auto p = r.get_opt_int(2)) c.parent = ColumnId(*p);
      c.key = r.get_text(3);
      c.name = r.get_text(4);
      if (auto u = r.get_opt_int(5)) c.update_cycle_days = static_cast<int>(*u);
      c.sort_order = static_cast<int>(r.get_int(6));
      c.featured = r.get_int(7) != 0;
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<ColumnId> insert_column(const Column& c) override {
    GK_TRY_ASSIGN(rs, c_.query("INSERT INTO columns (department_id, parent_id, key, name, update_cycle_days, "
                               "sort_order, featured, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0) RETURNING id",
                               {c.department ? sql::Value(c.department->value) : sql::Value(nullptr),
                                c.parent ? sql::Value(c.parent->value) : sql::Value(nullptr), c.key, c.name,
                                c.update_cycle_days ? sql::Value(int64_t{*c.update_cycle_days}) : sql::Value(nullptr),
                                int64_t{c.sort_order}, int64_t{c.featured ? 1 : 0}}));
    return ColumnId(rs.rows.at(0).get_int(0));
  }

  // ---- City-wide topic columns and the typed facts of plans, budget reports and service guides ----

  Result<std::vector<Column>> city_columns() override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT id, department_id, parent_id, key, name, update_cycle_days, sort_order, featured "
                               "FROM columns WHERE department_id IS NULL ORDER BY sort_order, id",
                               {}));
    std::vector<Column> out;
    for (const auto& r : rs.rows) {
      Column c;
      c.id = ColumnId(r.get_int(0));
      if (auto p = r.get_opt_int(2)) c.parent = ColumnId(*p);
      c.key = r.get_text(3);
      c.name = r.get_text(4);
      if (auto u = r.get_opt_int(5)) c.update_cycle_days = static_cast<int>(*u);
      c.sort_order = static_cast<int>(r.get_int(6));
      c.featured = r.get_int(7) != 0;
      out.push_back(std::move(c));
    }
    return out;
  }

  Status set_column_featured(ColumnId id, bool featured) override {
    GK_TRY_ASSIGN(rs, c_.query("UPDATE columns SET featured = ? WHERE id = ? AND department_id IS NULL",
                               {int64_t{featured ? 1 : 0}, id.value}));
    if (rs.affected_rows != 1) return fail(Error::not_found("专题栏目不存在"));
    return ok();
  }

  Result<std::optional<documents::DocumentHeading>> find_heading(DocumentId id) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kHeadingColumns + " FROM documents d WHERE d.id = ?", {id.value}));
    if (rs.rows.empty()) return std::optional<documents::DocumentHeading>();
    return std::optional<documents::DocumentHeading>(heading_from(rs.rows[0], 0));
  }

  Result<std::optional<documents::PlanFacts>> find_plan(DocumentId id) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT document_id, plan_type, level, period_start_year, period_end_year, "
                               "parent_document_id FROM plans WHERE document_id = ?",
                               {id.value}));
    if (rs.rows.empty()) return std::optional<documents::PlanFacts>();
    GK_TRY_ASSIGN(p, plan_from(rs.rows[0], 0));
    return std::optional<documents::PlanFacts>(std::move(p));
  }

  Status put_plan(const documents::PlanFacts& p, Instant at) override {
    GK_TRY_STATUS(c_.query(
        "INSERT INTO plans (document_id, plan_type, level, period_start_year, period_end_year, parent_document_id, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
        "plan_type = excluded.plan_type, level = excluded.level, period_start_year = excluded.period_start_year, "
        "period_end_year = excluded.period_end_year, parent_document_id = excluded.parent_document_id, "
        "updated_at = excluded.updated_at",
        {p.document.value, std::string(documents::plan_type_name(p.type)),
         std::string(documents::plan_level_name(p.level)), int64_t{p.period_start_year}, int64_t{p.period_end_year},
         p.parent ? sql::Value(p.parent->value) : sql::Value(nullptr), at.micros()}));
    return ok();
  }

  Status delete_plan(DocumentId id) override {
    // Checked first: a failed statement would leave the transaction unable to commit.
    GK_TRY_ASSIGN(kids, c_.query("SELECT COUNT(*) FROM plans WHERE parent_document_id = ?", {id.value}));
    if (const int64_t n = kids.rows.at(0).get_int(0); n > 0) {
      return fail(Error::conflict(fmt::format("还有 {} 个规划以该规划为上级规划", n)));
    }
    GK_TRY_STATUS(c_.query("DELETE FROM plans WHERE document_id = ?", {id.value}));
    return ok();
  }

  Result<std::vector<std::pair<documents::PlanFacts, documents::DocumentHeading>>> list_plans(
      std::optional<Instant> public_at) override {
    std::string sql = std::string("SELECT p.document_id, p.plan_type, p.level, p.period_start_year, p.period_end_year, "
                                  "p.parent_document_id, ") +
                      kHeadingColumns + " FROM plans p JOIN documents d ON d.id = p.document_id";
    std::vector<sql::Value> params;
    if (public_at) {
      sql += std::string(" WHERE") + kPublicCondition;
      params.emplace_back(public_at->micros());
    }
    GK_TRY_ASSIGN(rs, c_.query(sql + " ORDER BY p.document_id", params));
    std::vector<std::pair<documents::PlanFacts, documents::DocumentHeading>> out;
    for (const auto& r : rs.rows) {
      GK_TRY_ASSIGN(p, plan_from(r, 0));
      out.emplace_back(std::move(p), heading_from(r, 6));
    }
    return out;
  }

  Result<std::optional<documents::BudgetReport>> find_budget_report(DocumentId id) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT document_id, department_id, fiscal_year, kind FROM budget_reports "
                               "WHERE document_id = ?",
                               {id.value}));
    if (rs.rows.empty()) return std::optional<documents::BudgetReport>();
    GK_TRY_ASSIGN(b, budget_from(rs.rows[0], 0));
    return std::optional<documents::BudgetReport>(std::move(b));
  }

  Result<std::optional<DocumentId>> find_budget_report_document(DepartmentId department, int fiscal_year,
                                                                documents::BudgetKind kind) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT document_id FROM budget_reports WHERE department_id = ? AND fiscal_year = ? "
                               "AND kind = ?",
                               {department.value, int64_t{fiscal_year}, std::string(documents::budget_kind_name(kind))}));
    if (rs.rows.empty()) return std::optional<DocumentId>();
    return std::optional<DocumentId>(DocumentId(rs.rows[0].get_int(0)));
  }

  Status put_budget_report(const documents::BudgetReport& b, Instant at) override {
    GK_TRY_STATUS(c_.query(
        "INSERT INTO budget_reports (document_id, department_id, fiscal_year, kind, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (document_id) DO UPDATE SET department_id = excluded.department_id, "
        "fiscal_year = excluded.fiscal_year, kind = excluded.kind, updated_at = excluded.updated_at",
        {b.document.value, b.department.value, int64_t{b.fiscal_year}, std::string(documents::budget_kind_name(b.kind)),
         at.micros()}));
    return ok();
  }

  Status delete_budget_report(DocumentId id) override {
    GK_TRY_STATUS(c_.query("DELETE FROM budget_reports WHERE document_id = ?", {id.value}));
    return ok();
  }

  Result<std::vector<std::pair<documents::BudgetReport, documents::DocumentHeading>>> list_budget_reports(
      const documents::BudgetReportFilter& f) override {
    std::string sql = std::string("SELECT b.document_id, b.department_id, b.fiscal_year, b.kind, ") + kHeadingColumns +
                      " FROM budget_reports b JOIN documents d ON d.id = b.document_id "
                      "WHERE b.fiscal_year >= ? AND b.fiscal_year <= ?";
    std::vector<sql::Value> params{int64_t{f.from_year}, int64_t{f.to_year}};
    if (f.department) {
      sql += " AND b.department_id = ?";
      params.emplace_back(f.department->value);
    }
    if (f.public_at) {
      sql += std::string(" AND") + kPublicCondition;
      params.emplace_back(f.public_at->micros());
    }
    GK_TRY_ASSIGN(rs, c_.query(sql + " ORDER BY b.document_id", params));
    std::vector<std::pair<documents::BudgetReport, documents::DocumentHeading>> out;
    for (const auto& r : rs.rows) {
      GK_TRY_ASSIGN(b, budget_from(r, 0));
      out.emplace_back(std::move(b), heading_from(r, 4));
    }
    return out;
  }

  Result<std::optional<documents::ServiceGuide>> find_service_guide(DocumentId id) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kGuideColumns + " FROM service_guides g WHERE g.document_id = ?",
                               {id.value}));
    if (rs.rows.empty()) return std::optional<documents::ServiceGuide>();
    return std::optional<documents::ServiceGuide>(guide_from(rs.rows[0], 0));
  }

  Status put_service_guide(const documents::ServiceGuide& g, Instant at) override {
    auto opt = [](const std::string& s) { return s.empty() ? sql::Value(nullptr) : sql::Value(s); };
    GK_TRY_STATUS(c_.query(
        "INSERT INTO service_guides (document_id, item_name, legal_basis, conditions, materials, location, hours, "
        "phone, procedure, online_url, fee, time_limit, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (document_id) DO UPDATE SET item_name = excluded.item_name, "
        "legal_basis = excluded.legal_basis, conditions = excluded.conditions, materials = excluded.materials, "
        "location = excluded.location, hours = excluded.hours, phone = excluded.phone, "
        "procedure = excluded.procedure, online_url = excluded.online_url, fee = excluded.fee, "
        "time_limit = excluded.time_limit, updated_at = excluded.updated_at",
        {g.document.value, g.item_name, g.legal_basis, g.conditions, g.materials, g.location, g.hours, g.phone,
         g.procedure, opt(g.online_url), opt(g.fee), opt(g.time_limit), at.micros()}));
    return ok();
  }

  Status delete_service_guide(DocumentId id) override {
    GK_TRY_STATUS(c_.query("DELETE FROM service_guides WHERE document_id = ?", {id.value}));
    return ok();
  }

  Result<std::pair<std::vector<std::pair<documents::ServiceGuide, documents::DocumentHeading>>, int64_t>>
  list_service_guides(const documents::GuideFilter& f) override {
    std::string where = " WHERE 1 = 1";
    std::vector<sql::Value> params;
    if (f.department) {
      where += " AND d.department_id = ?";
      params.emplace_back(f.department->value);
    }
    if (!f.item_contains.empty()) {
      std::string pattern = "%";
      for (char ch : f.item_contains) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
      }
      where += " AND g.item_name LIKE ? ESCAPE '\\'";
      params.emplace_back(pattern + "%");
    }
    if (f.public_at) {
      where += std::string(" AND") + kPublicCondition;
      params.emplace_back(f.public_at->micros());
    }
    const std::string from = " FROM service_guides g JOIN documents d ON d.id = g.document_id";
    GK_TRY_ASSIGN(count, c_.query("SELECT COUNT(*)" + from + where, params));
    std::string sql = std::string("SELECT ") + kGuideColumns + ", " + kHeadingColumns + from + where +
                      " ORDER BY g.item_name, g.document_id";
    if (f.limit > 0) {
      sql += " LIMIT ? OFFSET ?";
      params.emplace_back(f.limit);
      params.emplace_back(f.offset);
    }
    GK_TRY_ASSIGN(rs, c_.query(sql, params));
    std::vector<std::pair<documents::ServiceGuide, documents::DocumentHeading>> out;
    for (const auto& r : rs.rows) out.emplace_back(guide_from(r, 0), heading_from(r, 12));
    return std::pair{std::move(out), count.rows.at(0).get_int(0)};
  }

  // The document columns lists of facts show, and the condition of being public (as Document::is_public_at).
  static constexpr const char* kHeadingColumns =
      "d.id, d.title, d.doc_number, d.department_id, d.state, d.disclosure_mode, d.published_at, d.formed_on";
  static constexpr const char* kPublicCondition =
      " d.state = 'published' AND d.disclosure_mode = 'proactive' AND d.published_at <= ?";
  static constexpr const char* kGuideColumns =
      "g.document_id, g.item_name, g.legal_basis, g.conditions, g.materials, g.location, g.hours, g.phone, "
      "g.procedure, g.online_url, g.fee, g.time_limit";

  static documents::DocumentHeading heading_from(const sql::Row& r, size_t i) {
    documents::DocumentHeading h;
    h.id = DocumentId(r.get_int(i));
    h.title = r.get_text(i + 1);
    h.doc_number = r.get_opt_text(i + 2);
    h.department = DepartmentId(r.get_int(i + 3));
    h.state = documents::parse_publication_state(r.get_text(i + 4)).value_or(documents::PublicationState::kDraft);
    h.mode = documents::parse_disclosure_mode(r.get_text(i + 5)).value_or(documents::DisclosureMode::kProactive);
    if (auto p = r.get_opt_int(i + 6)) h.published_at = Instant::from_micros(*p);
    h.formed_on = Date::parse(r.get_text(i + 7)).value_or(Date());
    return h;
  }

  static Result<documents::PlanFacts> plan_from(const sql::Row& r, size_t i) {
    auto type = documents::parse_plan_type(r.get_text(i + 1));
    auto level = documents::parse_plan_level(r.get_text(i + 2));
    if (!type || !level) return fail(Error::internal("unknown plan type or level " + r.get_text(i + 1)));
    documents::PlanFacts p;
    p.document = DocumentId(r.get_int(i));
    p.type = *type;
    p.level = *level;
    p.period_start_year = static_cast<int>(r.get_int(i + 3));
    p.period_end_year = static_cast<int>(r.get_int(i + 4));
    if (auto parent = r.get_opt_int(i + 5)) p.parent = DocumentId(*parent);
    return p;
  }

  static Result<documents::BudgetReport> budget_from(const sql::Row& r, size_t i) {
    auto kind = documents::parse_budget_kind(r.get_text(i + 3));
    if (!kind) return fail(Error::internal("unknown budget report kind " + r.get_text(i + 3)));
    return documents::BudgetReport{DocumentId(r.get_int(i)), DepartmentId(r.get_int(i + 1)),
                                   static_cast<int>(r.get_int(i + 2)), *kind};
  }

  static documents::ServiceGuide guide_from(const sql::Row& r, size_t i) {
    documents::ServiceGuide g;
    g.document = DocumentId(r.get_int(i));
    g.item_name = r.get_text(i + 1);
    g.legal_basis = r.get_text(i + 2);
    g.conditions = r.get_text(i + 3);
    g.materials = r.get_text(i + 4);
    g.location = r.get_text(i + 5);
    g.hours = r.get_text(i + 6);
    g.phone = r.get_text(i + 7);
    g.procedure = r.get_text(i + 8);
    g.online_url = r.get_opt_text(i + 9).value_or("");
    g.fee = r.get_opt_text(i + 10).value_or("");
    g.time_limit = r.get_opt_text(i + 11).value_or("");
    return g;
  }

  Result<AttachmentId> insert_attachment(const documents::Attachment& a) override {
    GK_TRY_ASSIGN(rs, c_.query("INSERT INTO attachments (document_id, file_name, content_type, size_bytes, sha256, "
                               "storage_key, extracted_text, uploaded_at, uploaded_by) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               {a.document.value, a.file_name, a.content_type, a.size, a.sha256, a.storage_key,
                                a.text, a.uploaded_at.micros(), a.uploaded_by}));
    return AttachmentId(rs.rows.at(0).get_int(0));
  }

  Result<std::vector<documents::Attachment>> attachments(DocumentId document) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT id, document_id, file_name, content_type, size_bytes, sha256, storage_key, '', "
                               "uploaded_at, uploaded_by FROM attachments WHERE document_id = ? ORDER BY id",
                               {document.value}));
    std::vector<documents::Attachment> out;
    for (const auto& r : rs.rows) out.push_back(attachment_from(r));
    return out;
  }

  Result<documents::Attachment> find_attachment(AttachmentId id) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT id, document_id, file_name, content_type, size_bytes, sha256, storage_key, "
                               "extracted_text, uploaded_at, uploaded_by FROM attachments WHERE id = ?",
                               {id.value}));
    if (rs.rows.empty()) return fail(Error::not_found("附件不存在"));
    return attachment_from(rs.rows[0]);
  }

  Status delete_attachment(AttachmentId id) override {
    GK_TRY_ASSIGN(rs, c_.query("DELETE FROM attachments WHERE id = ?", {id.value}));
    if (rs.affected_rows != 1) return fail(Error::not_found("附件不存在"));
    return ok();
  }

  Result<int64_t> count_storage_key(std::string_view storage_key) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT COUNT(*) FROM attachments WHERE storage_key = ?", {std::string(storage_key)}));
    return rs.rows.at(0).get_int(0);
  }

 private:
  static documents::Attachment attachment_from(const sql::Row& r) {
    documents::Attachment a;
    a.id = AttachmentId(r.get_int(0));
    a.document = DocumentId(r.get_int(1));
    a.file_name = r.get_text(2);
    a.content_type = r.get_text(3);
    a.size = r.get_int(4);
    a.sha256 = r.get_text(5);
    a.storage_key = r.get_text(6);
    a.text = r.get_text(7);
    a.uploaded_at = Instant::from_micros(r.get_int(8));
    a.uploaded_by = r.get_text(9);
    return a;
  }

  static std::string prefixed_columns(bool with_bodies = true) {
    std::string out;
    std::string_view cols(kColumns);
    size_t start = 0;
    while (start < cols.size()) {
      size_t comma = cols.find(',', start);
      if (comma == std::string_view::npos) comma = cols.size();
      std::string_view name = cols.substr(start, comma - start);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      if (!out.empty()) out += ", ";
      if (!with_bodies && name == "body_html") {
        out += "'' AS body_html";
      } else if (!with_bodies && name == "body_text") {
        out += "substr(d.body_text, 1, 300) AS body_text";  // enough for excerpts (feeds, lists)
      } else {
        out += "d.";
        out += name;
      }
      start = comma + 1;
    }
    return out;
  }

  static ValidityFacts facts_from(const sql::Row& r) {
    ValidityFacts f;
    f.id = DocumentId(r.get_int(0));
    f.title = r.get_text(1);
    f.effective = date_of(r, 2);
    f.expires = date_of(r, 3);
    if (auto p = r.get_opt_int(4); p && r.get_text(6) == "published") {
      f.published = Instant::from_micros(*p).local_date();
    }
    f.normative = r.get_int(5) != 0;
    return f;
  }

  Result<std::vector<Relation>> relations_where(const std::string& cond, const std::vector<sql::Value>& params) {
    // The relation takes effect when the acting document does; only published acting documents count.
    GK_TRY_ASSIGN(rs, c_.query("SELECT r.from_id, r.kind, r.to_id, f.effective_on, f.published_at, f.state "
                               "FROM document_relations r JOIN documents f ON f.id = r.from_id WHERE " + cond +
                                   " ORDER BY r.id",
                               params));
    std::vector<Relation> out;
    for (const auto& r : rs.rows) {
      auto kind = documents::parse_relation_kind(r.get_text(1));
      if (!kind) return fail(Error::internal("unknown relation kind " + r.get_text(1)));
      Relation rel;
      rel.from = DocumentId(r.get_int(0));
      rel.kind = *kind;
      rel.to = DocumentId(r.get_int(2));
      rel.from_effective = date_of(r, 3);
      if (!rel.from_effective) {
        if (auto p = r.get_opt_int(4)) rel.from_effective = Instant::from_micros(*p).local_date();
      }
      if (r.get_text(5) != "published") rel.from_effective.reset();  // not in effect until published
      out.push_back(rel);
    }
    return out;
  }

  Status link_columns(DocumentId id, const std::vector<ColumnId>& columns) {
    for (ColumnId c : columns) {
      GK_TRY_STATUS(c_.query("INSERT INTO document_columns (document_id, column_id) VALUES (?, ?)", {id.value, c.value}));
    }
    return ok();
  }

  Status load_columns(const std::vector<Document*>& docs) {
    if (docs.empty()) return ok();
    std::map<int64_t, Document*> by_id;
    std::vector<sql::Value> params;
    for (auto* d : docs) {
      d->columns.clear();
      by_id[d->id.value] = d;
      params.emplace_back(d->id.value);
    }
    GK_TRY_ASSIGN(rs, c_.query("SELECT document_id, column_id FROM document_columns WHERE document_id IN (" +
                                   placeholders(docs.size()) + ") ORDER BY column_id",
                               params));
    for (const auto& r : rs.rows) by_id[r.get_int(0)]->columns.emplace_back(r.get_int(1));
    return ok();
  }

  sql::Connection& c_;
};

}  // namespace

Status SqlDocumentStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlDocumentRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlDocumentStore::read(const Work& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlDocumentRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

std::unique_ptr<documents::DocumentRepository> make_sql_document_repository(sql::Connection& c) {
  return std::make_unique<SqlDocumentRepository>(c);
}

}  // namespace gk::storage
