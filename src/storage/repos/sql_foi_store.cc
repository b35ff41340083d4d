#include "storage/repos/sql_foi_store.h"

#include <string>

#include <fmt/format.h>

#include "storage/repos/sql_audit_log.h"

namespace gk::storage {
namespace {

using foi::CaseEvent;
using foi::FoiCase;
using foi::FoiRemedy;

const char* const kFoiCaseColumnsDef =
    "id, tracking_number, query_code_hash, department_id, applicant_type, applicant_name, id_kind, "
    "id_number, "
    "phone, email, address, contact, description, title, doc_number, provision_form, delivery, channel, "
    "submitted_on, signed_on, confirmed_on, received_on, state, outcome, closed_on, fee_method, "
    "transferred_to, "
    "public_account_id, source_id, version, created_at, updated_at";

constexpr const char* kEventColumns = "case_id, seq, type, event_date, recorded_at, actor, note, data";

constexpr const char* kRemedyColumns =
    "id, case_id, kind, filed_on, decided_on, outcome, note, source_id, version, created_at, updated_at";

// Outcomes of a reply on the substance (rows （一）–（五）): the answered cases similar_answered
// shows and Art. 36(六) compares with.
constexpr const char* kAnsweredOutcomes =
    "'disclosed', 'partially_disclosed', 'withheld_state_secret', 'withheld_prohibited_by_law', "
    "'withheld_security_stability', 'withheld_third_party_rights', 'withheld_internal_affairs', "
    "'withheld_process_information', 'withheld_law_enforcement_files', 'withheld_administrative_query', "
    "'unable_not_held', 'unable_needs_creation', 'unable_unclear_after_clarification', "
    "'not_processed_petition_complaint', 'not_processed_repeat', 'not_processed_publication', "
    "'not_processed_excessive', 'not_processed_confirm_or_reissue'";

sql::Value opt_date(const std::optional<Date>& d) {
  return d ? sql::Value(d->to_string()) : sql::Value(nullptr);
}

std::optional<Date> date_of(const sql::Row& r, size_t i) {
  auto s = r.get_opt_text(i);
  return s ? Date::parse(*s) : std::nullopt;
}

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}



Result<CaseEvent> event_from(const sql::Row& r) {
  CaseEvent e;
  e.case_id = FoiCaseId(r.get_int(0));
  e.seq = static_cast<int>(r.get_int(1));
  auto type = foi::parse_case_event(r.get_text(2));
  if (!type) return fail(Error::internal("unknown foi event type " + r.get_text(2)));
  e.type = *type;
  e.date = Date::parse(r.get_text(3)).value_or(Date());
  e.recorded_at = Instant::from_micros(r.get_int(4));
  e.actor = r.get_text(5);
  e.note = r.get_text(6);
  GK_TRY_ASSIGN(data, foi::decode_event_data(r.get_text(7)));
  e.data = std::move(data);
  return e;
}

FoiRemedy remedy_from(const sql::Row& r) {
  FoiRemedy m;
  m.id = FoiRemedyId(r.get_int(0));
  m.case_id = FoiCaseId(r.get_int(1));
  m.kind = foi::parse_remedy_kind(r.get_text(2)).value_or(foi::RemedyKind::kReconsideration);
  m.filed = Date::parse(r.get_text(3)).value_or(Date());
  m.decided = date_of(r, 4);
  m.outcome = foi::parse_remedy_outcome(r.get_text(5)).value_or(foi::RemedyOutcome::kPending);
  m.note = r.get_text(6);
  m.source_id = r.get_opt_text(7).value_or("");
  m.version = static_cast<int>(r.get_int(8));
  m.created_at = Instant::from_micros(r.get_int(9));
  m.updated_at = Instant::from_micros(r.get_int(10));
  return m;
}

sql::Value opt_text(const std::string& s) { return s.empty() ? sql::Value(nullptr) : sql::Value(s); }

class SqlFoiRepository final : public foi::FoiRepository {
 public:
  explicit SqlFoiRepository(sql::Connection& c) : c_(c) {}

  Result<FoiCaseId> insert_case(const FoiCase& c) override {
    GK_TRY_ASSIGN(
        rs, c_.query("INSERT INTO foi_cases (tracking_number, query_code_hash, department_id, "
                     "applicant_type, applicant_name, "
                     "id_kind, id_number, phone, email, address, contact, description, title, doc_number, "
                     "provision_form, "
                     "delivery, channel, submitted_on, signed_on, confirmed_on, received_on, state, outcome, "
                     "closed_on, fee_method, "
                     "transferred_to, public_account_id, source_id, version, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     "?, ?, 1, ?, ?) RETURNING id",
                     {c.tracking_number,
                      c.query_code_hash,
                      c.department.value,
                      std::string(foi::applicant_type_key(c.applicant.type)),
                      c.applicant.name,
                      std::string(foi::id_kind_key(c.applicant.id_kind)),
                      c.applicant.id_number,
                      c.applicant.phone,
                      c.applicant.email,
                      c.applicant.address,
                      c.applicant.contact,
                      c.sought.description,
                      c.sought.title,
                      c.sought.doc_number,
                      std::string(foi::provision_form_key(c.form)),
                      std::string(foi::delivery_key(c.delivery)),
                      std::string(foi::channel_key(c.channel)),
                      opt_date(c.submitted),
                      opt_date(c.signed_on),
                      opt_date(c.confirmed),
                      c.received_on.to_string(),
                      std::string(foi::case_state_key(c.state)),
                      c.outcome ? sql::Value(std::string(foi::info(*c.outcome).key)) : sql::Value(nullptr),
                      opt_date(c.closed_on),
                      c.fee_method ? sql::Value(std::string(foi::fee_method_key(*c.fee_method)))
                                   : sql::Value(nullptr),
                      c.transferred_to,
                      c.public_account ? sql::Value(c.public_account.value) : sql::Value(nullptr),
                      opt_text(c.source_id),
                      c.created_at.micros(),
                      c.updated_at.micros()}));
    return FoiCaseId(rs.rows.at(0).get_int(0));
  }

  Status update_case(const FoiCase& c) override {
    GK_TRY_ASSIGN(
        rs,
        c_.query(
            "UPDATE foi_cases SET state = ?, outcome = ?, closed_on = ?, fee_method = ?, transferred_to = ?, "
            "public_account_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
            {std::string(foi::case_state_key(c.state)),
             c.outcome ? sql::Value(std::string(foi::info(*c.outcome).key)) : sql::Value(nullptr),
             opt_date(c.closed_on),
             c.fee_method ? sql::Value(std::string(foi::fee_method_key(*c.fee_method))) : sql::Value(nullptr),
             c.transferred_to, c.public_account ? sql::Value(c.public_account.value) : sql::Value(nullptr),
             c.updated_at.micros(), c.id.value, int64_t{c.version}}));
    if (rs.affected_rows != 1) {
      GK_TRY_ASSIGN(exists, c_.query("SELECT 1 FROM foi_cases WHERE id = ?", {c.id.value}));
      if (exists.rows.empty()) return fail(Error::not_found("申请不存在"));
      return fail(Error::conflict("该案件已被他人更新，请刷新后重试"));
    }
    return ok();
  }

  Result<FoiCase> find_case(FoiCaseId id) override {
    GK_TRY_ASSIGN(
        rs, c_.query(std::string("SELECT ") + kFoiCaseColumns + " FROM foi_cases WHERE id = ?", {id.value}));
    if (rs.rows.empty()) return fail(Error::not_found("申请不存在"));
    return foi_case_from_row(rs.rows[0]);
  }

  Result<std::optional<FoiCase>> find_by_tracking_number(std::string_view t) override {
    return find_one("tracking_number", t);
  }
  Result<std::optional<FoiCase>> find_by_source_id(std::string_view s) override {
    return find_one("source_id", s);
  }

  Result<std::pair<std::vector<FoiCase>, int64_t>> list_cases(const foi::CaseFilter& f) override {
    std::string where = " WHERE 1 = 1";
    std::vector<sql::Value> params;
    if (f.department) {
      where += " AND department_id = ?";
      params.emplace_back(f.department->value);
    }
    if (f.public_account) {
      where += " AND public_account_id = ?";
      params.emplace_back(f.public_account->value);
    }
    if (f.open_only) where += " AND state <> 'closed'";
    if (f.state) {
      where += " AND state = ?";
      params.emplace_back(std::string(foi::case_state_key(*f.state)));
    }
    GK_TRY_ASSIGN(count, c_.query("SELECT COUNT(*) FROM foi_cases" + where, params));
    std::string q = std::string("SELECT ") + kFoiCaseColumns + " FROM foi_cases" + where + " ORDER BY id";
    if (f.limit > 0) {
      q += " LIMIT ? OFFSET ?";
      params.emplace_back(f.limit);
      params.emplace_back(f.offset);
    }
    GK_TRY_ASSIGN(rs, c_.query(q, params));
    std::vector<FoiCase> out;
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) out.push_back(foi_case_from_row(r));
    return std::pair{std::move(out), count.rows.at(0).get_int(0)};
  }

  Result<std::vector<FoiCase>> answered_cases(int limit) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kFoiCaseColumns +
                                   " FROM foi_cases WHERE state = 'closed' AND outcome IN (" +
                                   kAnsweredOutcomes + ") ORDER BY closed_on DESC, id DESC LIMIT ?",
                               {int64_t{limit}}));
    std::vector<FoiCase> out;
    for (const auto& r : rs.rows) out.push_back(foi_case_from_row(r));
    return out;
  }

  Result<std::vector<FoiCase>> cases_of_applicant(std::string_view id_number) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kFoiCaseColumns +
                                   " FROM foi_cases WHERE id_number = ? ORDER BY id",
                               {std::string(id_number)}));
    std::vector<FoiCase> out;
    for (const auto& r : rs.rows) out.push_back(foi_case_from_row(r));
    return out;
  }

  Result<int64_t> count_applications(std::string_view id_number, Date from, Date to,
                                     FoiCaseId up_to) override {
    GK_TRY_ASSIGN(rs, c_.query("SELECT COUNT(*) FROM foi_cases WHERE id_number = ? AND received_on >= ? AND "
                               "received_on <= ? AND id <= ?",
                               {std::string(id_number), from.to_string(), to.to_string(), up_to.value}));
    return rs.rows.at(0).get_int(0);
  }

  Result<int64_t> next_serial(std::string_view series) override {
    GK_TRY_STATUS(c_.query(
        "INSERT INTO index_counters (series, next_serial) VALUES (?, 1) ON CONFLICT (series) DO NOTHING",
        {std::string(series)}));
    GK_TRY_ASSIGN(rs, c_.query("UPDATE index_counters SET next_serial = next_serial + 1 WHERE series = ? "
                               "RETURNING next_serial - 1",
                               {std::string(series)}));
    return rs.rows.at(0).get_int(0);
  }

  Status append_event(const CaseEvent& e) override {
    GK_TRY_STATUS(c_.query(
        "INSERT INTO foi_case_events (case_id, seq, type, event_date, recorded_at, actor, note, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {e.case_id.value, int64_t{e.seq}, std::string(foi::case_event_key(e.type)), e.date.to_string(),
         e.recorded_at.micros(), e.actor, e.note, foi::encode_event_data(e.data)}));
    return ok();
  }

  Result<std::vector<CaseEvent>> events(FoiCaseId id) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kEventColumns +
                                   " FROM foi_case_events WHERE case_id = ? ORDER BY seq",
                               {id.value}));
    return events_from(rs);
  }

  Result<std::vector<CaseEvent>> clock_events(const std::vector<FoiCaseId>& ids) override {
    std::vector<CaseEvent> out;
    // In chunks, so a city-wide queue does not build one statement with a million parameters.
    constexpr size_t kChunk = 500;
    for (size_t at = 0; at < ids.size(); at += kChunk) {
      const size_t n = std::min(kChunk, ids.size() - at);
      std::vector<sql::Value> params;
      params.reserve(n);
      for (size_t i = 0; i < n; ++i) params.emplace_back(ids[at + i].value);
      GK_TRY_ASSIGN(
          rs,
          c_.query(std::string("SELECT ") + kEventColumns + " FROM foi_case_events WHERE case_id IN (" +
                       placeholders(n) +
                       ") AND type IN ('supplement_requested', 'supplement_received', 'third_party_sent', "
                       "'third_party_replied', 'agency_consult_sent', 'agency_consult_replied', "
                       "'extension_approved', 'fee_notice', 'fee_paid') ORDER BY case_id, seq",
                   params));
      GK_TRY_ASSIGN(part, events_from(rs));
      for (auto& e : part) out.push_back(std::move(e));
    }
    return out;
  }

  Result<FoiRemedyId> insert_remedy(const FoiRemedy& r) override {
    GK_TRY_ASSIGN(
        rs,
        c_.query("INSERT INTO foi_remedies (case_id, kind, filed_on, decided_on, outcome, note, source_id, "
                 "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                 {r.case_id.value, std::string(foi::remedy_kind_key(r.kind)), r.filed.to_string(),
                  opt_date(r.decided), std::string(foi::remedy_outcome_key(r.outcome)), r.note,
                  opt_text(r.source_id), r.created_at.micros(), r.updated_at.micros()}));
    return FoiRemedyId(rs.rows.at(0).get_int(0));
  }

  Status update_remedy(const FoiRemedy& r) override {
    GK_TRY_ASSIGN(
        rs, c_.query("UPDATE foi_remedies SET kind = ?, filed_on = ?, decided_on = ?, outcome = ?, note = ?, "
                     "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                     {std::string(foi::remedy_kind_key(r.kind)), r.filed.to_string(), opt_date(r.decided),
                      std::string(foi::remedy_outcome_key(r.outcome)), r.note, r.updated_at.micros(),
                      r.id.value, int64_t{r.version}}));
    if (rs.affected_rows != 1) {
      GK_TRY_ASSIGN(exists, c_.query("SELECT 1 FROM foi_remedies WHERE id = ?", {r.id.value}));
      if (exists.rows.empty()) return fail(Error::not_found("复议或诉讼记录不存在"));
      return fail(Error::conflict("该记录已被他人修改，请刷新后重试"));
    }
    return ok();
  }

  Result<FoiRemedy> find_remedy(FoiRemedyId id) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kRemedyColumns + " FROM foi_remedies WHERE id = ?",
                               {id.value}));
    if (rs.rows.empty()) return fail(Error::not_found("复议或诉讼记录不存在"));
    return remedy_from(rs.rows[0]);
  }

  Result<std::optional<FoiRemedy>> find_remedy_by_source_id(std::string_view s) override {
    GK_TRY_ASSIGN(rs,
                  c_.query(std::string("SELECT ") + kRemedyColumns + " FROM foi_remedies WHERE source_id = ?",
                           {std::string(s)}));
    if (rs.rows.empty()) return std::optional<FoiRemedy>();
    return std::optional<FoiRemedy>(remedy_from(rs.rows[0]));
  }

  Result<std::vector<FoiRemedy>> remedies(FoiCaseId id) override {
    GK_TRY_ASSIGN(rs, c_.query(std::string("SELECT ") + kRemedyColumns +
                                   " FROM foi_remedies WHERE case_id = ? ORDER BY filed_on, id",
                               {id.value}));
    std::vector<FoiRemedy> out;
    for (const auto& r : rs.rows) out.push_back(remedy_from(r));
    return out;
  }

  Status for_each_report_row(Date from, Date to, std::optional<DepartmentId> department,
                             const std::function<Status(const foi::CaseReportRow&)>& sink) override {
    std::string q =
        "SELECT id, department_id, applicant_type, received_on, closed_on, outcome FROM foi_cases "
        "WHERE received_on <= ? AND (closed_on IS NULL OR closed_on >= ?)";
    std::vector<sql::Value> params{to.to_string(), from.to_string()};
    if (department) {
      q += " AND department_id = ?";
      params.emplace_back(department->value);
    }
    q += " ORDER BY id";
    GK_TRY_ASSIGN(rs, c_.query(q, params));
    for (const auto& r : rs.rows) {
      foi::CaseReportRow row;
      row.id = FoiCaseId(r.get_int(0));
      row.department = DepartmentId(r.get_int(1));
      row.applicant_type =
          foi::parse_applicant_type(r.get_text(2)).value_or(foi::ApplicantType::kNaturalPerson);
      row.received_on = Date::parse(r.get_text(3)).value_or(Date());
      row.closed_on = date_of(r, 4);
      if (auto o = r.get_opt_text(5)) row.outcome = foi::parse_outcome(*o);
      GK_TRY_STATUS(sink(row));
    }
    return ok();
  }

  Result<std::vector<CaseEvent>> fee_events(Date to, std::optional<DepartmentId> department) override {
    std::string q = std::string("SELECT ") + kEventColumns +
                    " FROM foi_case_events WHERE type IN ('fee_notice', 'fee_paid') AND event_date <= ?";
    std::vector<sql::Value> params{to.to_string()};
    if (department) {
      q += " AND case_id IN (SELECT id FROM foi_cases WHERE department_id = ?)";
      params.emplace_back(department->value);
    }
    q += " ORDER BY case_id, seq";
    GK_TRY_ASSIGN(rs, c_.query(q, params));
    return events_from(rs);
  }

  Status for_each_remedy_row(Date from, Date to, std::optional<DepartmentId> department,
                             const std::function<Status(const foi::RemedyReportRow&)>& sink) override {
    std::string q =
        "SELECT r.id, r.case_id, c.department_id, r.kind, r.outcome, r.filed_on, r.decided_on FROM "
        "foi_remedies r "
        "JOIN foi_cases c ON c.id = r.case_id WHERE r.filed_on <= ? AND (r.decided_on IS NULL OR "
        "r.decided_on >= ?)";
    std::vector<sql::Value> params{to.to_string(), from.to_string()};
    if (department) {
      q += " AND c.department_id = ?";
      params.emplace_back(department->value);
    }
    q += " ORDER BY r.id";
    GK_TRY_ASSIGN(rs, c_.query(q, params));
    for (const auto& r : rs.rows) {
      foi::RemedyReportRow row;
      row.id = FoiRemedyId(r.get_int(0));
      row.case_id = FoiCaseId(r.get_int(1));
      row.department = DepartmentId(r.get_int(2));
      row.kind = foi::parse_remedy_kind(r.get_text(3)).value_or(foi::RemedyKind::kReconsideration);
      row.outcome = foi::parse_remedy_outcome(r.get_text(4)).value_or(foi::RemedyOutcome::kPending);
      row.filed = Date::parse(r.get_text(5)).value_or(Date());
      row.decided = date_of(r, 6);
      GK_TRY_STATUS(sink(row));
    }
    return ok();
  }

  Result<bool> record_reminder(FoiCaseId id, std::string_view threshold, Date due, Instant at) override {
    GK_TRY_ASSIGN(
        rs, c_.query("INSERT INTO foi_reminders (case_id, threshold, due_on, sent_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (case_id, threshold, due_on) DO NOTHING",
                     {id.value, std::string(threshold), due.to_string(), at.micros()}));
    return rs.affected_rows == 1;
  }

  Status add_notification(const foi::Notification& n) override {
    GK_TRY_STATUS(
        c_.query("INSERT INTO foi_notifications (department_id, case_id, kind, message, created_at) "
                 "VALUES (?, ?, ?, ?, ?)",
                 {n.department.value, n.case_id ? sql::Value(n.case_id.value) : sql::Value(nullptr), n.kind,
                  n.message, n.created_at.micros()}));
    return ok();
  }

  Result<std::vector<foi::Notification>> notifications(DepartmentId department, int limit) override {
    GK_TRY_ASSIGN(
        rs,
        c_.query("SELECT id, department_id, case_id, kind, message, created_at, read_at "
                 "FROM foi_notifications WHERE department_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                 {department.value, int64_t{limit}}));
    std::vector<foi::Notification> out;
    for (const auto& r : rs.rows) {
      foi::Notification n;
      n.id = r.get_int(0);
      n.department = DepartmentId(r.get_int(1));
      n.case_id = FoiCaseId(r.get_opt_int(2).value_or(0));
      n.kind = r.get_text(3);
      n.message = r.get_text(4);
      n.created_at = Instant::from_micros(r.get_int(5));
      if (auto at = r.get_opt_int(6)) n.read_at = Instant::from_micros(*at);
      out.push_back(std::move(n));
    }
    return out;
  }

  Status add_outbox(std::string_view topic, std::string_view payload, Instant at) override {
    // Outbox readers follow ids in commit order (see SqlDocumentRepository::announce_change).
    if (c_.dialect() == sql::Dialect::kPostgres) {
      GK_TRY_STATUS(c_.query("SELECT pg_advisory_xact_lock(7320001)", {}));
    }
    GK_TRY_STATUS(c_.query("INSERT INTO outbox (topic, payload, created_at) VALUES (?, ?, ?)",
                           {std::string(topic), std::string(payload), at.micros()}));
    return ok();
  }

  Status record_lookup(std::string_view subject, Instant at, bool success) override {
    GK_TRY_STATUS(c_.query("INSERT INTO login_attempts (subject, at, success) VALUES (?, ?, ?)",
                           {std::string(subject), at.micros(), int64_t{success ? 1 : 0}}));
    return ok();
  }

  Result<std::vector<accounts::LoginAttempt>> lookups_since(std::string_view subject,
                                                            Instant since) override {
    GK_TRY_ASSIGN(
        rs, c_.query("SELECT at, success FROM login_attempts WHERE subject = ? AND at >= ? ORDER BY at, id",
                     {std::string(subject), since.micros()}));
    std::vector<accounts::LoginAttempt> out;
    for (const auto& r : rs.rows) out.push_back({Instant::from_micros(r.get_int(0)), r.get_int(1) != 0});
    return out;
  }

 private:
  Result<std::optional<FoiCase>> find_one(std::string_view column, std::string_view value) {
    GK_TRY_ASSIGN(rs, c_.query(fmt::format("SELECT {} FROM foi_cases WHERE {} = ?", kFoiCaseColumns, column),
                               {std::string(value)}));
    if (rs.rows.empty()) return std::optional<FoiCase>();
    return std::optional<FoiCase>(foi_case_from_row(rs.rows[0]));
  }

  static Result<std::vector<CaseEvent>> events_from(const sql::ResultSet& rs) {
    std::vector<CaseEvent> out;
    out.reserve(rs.rows.size());
    for (const auto& r : rs.rows) {
      GK_TRY_ASSIGN(e, event_from(r));
      out.push_back(std::move(e));
    }
    return out;
  }

  sql::Connection& c_;
};

}  // namespace

const char* const kFoiCaseColumns = kFoiCaseColumnsDef;

foi::FoiCase foi_case_from_row(const sql::Row& r) {
  using foi::FoiCase;
  FoiCase c;
  c.id = FoiCaseId(r.get_int(0));
  c.tracking_number = r.get_text(1);
  c.query_code_hash = r.get_text(2);
  c.department = DepartmentId(r.get_int(3));
  c.applicant.type = foi::parse_applicant_type(r.get_text(4)).value_or(foi::ApplicantType::kNaturalPerson);
  c.applicant.name = r.get_text(5);
  c.applicant.id_kind = foi::parse_id_kind(r.get_text(6)).value_or(foi::IdKind::kOther);
  c.applicant.id_number = r.get_text(7);
  c.applicant.phone = r.get_text(8);
  c.applicant.email = r.get_text(9);
  c.applicant.address = r.get_text(10);
  c.applicant.contact = r.get_text(11);
  c.sought.description = r.get_text(12);
  c.sought.title = r.get_text(13);
  c.sought.doc_number = r.get_text(14);
  c.form = foi::parse_provision_form(r.get_text(15)).value_or(foi::ProvisionForm::kPaper);
  c.delivery = foi::parse_delivery(r.get_text(16)).value_or(foi::Delivery::kPost);
  c.channel = foi::parse_channel(r.get_text(17)).value_or(foi::Channel::kOnline);
  c.submitted = date_of(r, 18);
  c.signed_on = date_of(r, 19);
  c.confirmed = date_of(r, 20);
  c.received_on = Date::parse(r.get_text(21)).value_or(Date());
  c.state = foi::parse_case_state(r.get_text(22)).value_or(foi::CaseState::kOpen);
  if (auto o = r.get_opt_text(23)) c.outcome = foi::parse_outcome(*o);
  c.closed_on = date_of(r, 24);
  if (auto m = r.get_opt_text(25)) c.fee_method = foi::parse_fee_method(*m);
  c.transferred_to = r.get_text(26);
  c.public_account = PublicAccountId(r.get_opt_int(27).value_or(0));
  c.source_id = r.get_opt_text(28).value_or("");
  c.version = static_cast<int>(r.get_int(29));
  c.created_at = Instant::from_micros(r.get_int(30));
  c.updated_at = Instant::from_micros(r.get_int(31));
  return c;
}

Status SqlFoiStore::transact(const Work& work) {
  return db_.transaction([&](sql::Connection& c) -> Status {
    SqlFoiRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

Status SqlFoiStore::read(const Work& work) {
  return db_.read_transaction([&](sql::Connection& c) -> Status {
    SqlFoiRepository repo(c);
    SqlAuditSink audit(c, clock_);
    return work(repo, audit);
  });
}

}  // namespace gk::storage
