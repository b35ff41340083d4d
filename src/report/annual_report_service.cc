#include "report/annual_report_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "accounts/permission.h"
#include "core/utf8.h"
#include "documents/workflow.h"
#include "report/annual_report_builder.h"
#include "report/render.h"
#include "report/report_deadline.h"
#include "report/report_json.h"
#include "report/report_text.h"

namespace gk::report {
namespace {

using accounts::Department;
using accounts::Permission;
using accounts::Principal;
using documents::DocumentHeading;
using documents::PublicationState;

// The organ's 政府信息公开年报 column (documents/column.cc, standard_disclosure_columns).
constexpr std::string_view kAnnualReportColumn = "annual_report";
constexpr size_t kMaxSectionCodePoints = 20000;

// Section 四's keys (annual_report_builder.h: drill-down keys "<group>/<column>").
constexpr std::array<std::string_view, 3> kRemedyGroups = {"reconsideration", "litigation_direct",
                                                           "litigation_after_reconsideration"};
constexpr std::array<std::string_view, 4> kRemedyColumns = {"upheld", "corrected", "other", "pending"};
// The leaf rows of section 三's 办理结果 (（一）…（六）), whose union is （七）总计.
constexpr size_t kFirstOutcomeRow = 2, kTotalHandledRow = 23;

template <class Range>
bool contains(const Range& r, std::string_view key) {
  return std::find(std::begin(r), std::end(r), key) != std::end(r);
}

// build_annual_report accepts 2000..9998 (the deadline of 9999's report falls in year 10000).
Status check_year(int year) {
  if (year < 2000 || year > 9998) return fail(Error::invalid_field("year", "年度应在 2000 至 9998 之间"));
  return ok();
}

bool is_city(const Department& d) { return d.kind == accounts::DepartmentKind::kGovernment; }

std::string report_name(const Department& organ, int year) {
  return fmt::format("{}{}年政府信息公开工作年度报告", organ.name, year);
}

std::optional<UserId> user_of(const Principal& who) {
  if (who.kind == Principal::Kind::kStaff && who.user) return who.user;
  return std::nullopt;
}

void put_text(AnnualReport& r, const ReportText& t) {
  r.overview = t.overview;
  r.problems = t.problems;
  r.other_matters = t.other_matters;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

audit::AuditEvent event(const Principal& who, const Department& organ, int year, std::string action,
                        std::string summary, const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  e.department = organ.id;
  e.action = std::move(action);
  e.target = fmt::format("annual_report:{}:{}", organ.id.value, year);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

Result<std::vector<Department>> organs(accounts::AccountsService& accounts, const Principal& who) {
  return accounts.list_departments(&who);
}

Result<Department> find_organ(accounts::AccountsService& accounts, const Principal& who, DepartmentId id) {
  GK_TRY_ASSIGN(all, organs(accounts, who));
  for (auto& d : all)
    if (d.id == id) return std::move(d);
  return fail(Error::not_found("单位不存在"));
}

Result<std::optional<ReportFiling>> load_filing(ReportFilingStore& store, DepartmentId department, int year) {
  std::optional<ReportFiling> out;
  GK_TRY_STATUS(store.read([&](ReportFilingRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(found, repo.find(department, year));
    out = std::move(found);
    return ok();
  }));
  return out;
}

Result<std::vector<ReportFiling>> list_filings(ReportFilingStore& store, int year) {
  std::vector<ReportFiling> out;
  GK_TRY_STATUS(store.read([&](ReportFilingRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(found, repo.list(year));
    out = std::move(found);
    return ok();
  }));
  return out;
}

// The figures computed from the data now: the builder's figures of the scope (the whole city for the
// government organ) and the uploaded statistics, as `gongkai report annual` has always printed them.
Result<AnnualReport> live_report(foi::FoiStore& foi, documents::DocumentStore& docs,
                                 StatisticsService& statistics, const Department& organ, int year,
                                 bool drill_down) {
  const std::optional<DepartmentId> scope =
      is_city(organ) ? std::nullopt : std::optional<DepartmentId>(organ.id);
  GK_TRY_ASSIGN(report,
                build_annual_report(foi, docs, year, scope, is_city(organ) ? std::string() : organ.code,
                                    organ.name, drill_down));
  GK_TRY_ASSIGN(stats, statistics.totals(year, scope));
  report.proactive.licensing_decisions = stats.licensing_decisions;
  report.proactive.penalties = stats.penalties;
  report.proactive.enforcement_measures = stats.enforcement_measures;
  report.proactive.fees_10k_yuan = static_cast<double>(stats.fees_yuan) / 10000.0;
  return report;
}

Result<AnnualReport> snapshot_report(const ReportFiling& f, const Department& organ, bool drill_down) {
  auto parsed = report_from_json(f.snapshot_json);
  if (!parsed) {
    return fail(Error::internal(
        fmt::format("{}的报送快照无法读取：{}", report_name(organ, f.year), parsed.error().message())));
  }
  if (parsed->department_name.empty()) parsed->department_name = organ.name;
  if (!drill_down) parsed->cell_cases.clear();
  return std::move(*parsed);
}

// The document's heading (state, publication instant) of each filing that has one.
Result<std::map<int64_t, DocumentHeading>> headings(documents::DocumentStore& store,
                                                    const std::vector<DocumentId>& ids) {
  std::map<int64_t, DocumentHeading> out;
  if (ids.empty()) return out;
  GK_TRY_STATUS(store.read([&](documents::DocumentRepository& repo, audit::AuditSink&) -> Status {
    out.clear();
    for (DocumentId id : ids) {
      GK_TRY_ASSIGN(h, repo.find_heading(id));
      if (h) out.emplace(id.value, std::move(*h));
    }
    return ok();
  }));
  return out;
}

ReportStatus status_of(const Department& organ, int year, const std::optional<ReportFiling>& f,
                       const DocumentHeading* doc, Instant now) {
  ReportStatus s;
  s.department = organ;
  s.year = year;
  s.deadline = report_deadline(year, organ.kind);
  const Date today = now.local_date();
  s.days_left = s.deadline.days() - today.days();
  if (f) {
    s.version = f->version;
    s.submitted_at = f->submitted_at;
    s.document = f->document;
    if (f->state == FilingState::kDraft) {
      s.stage = ReportStage::kDraft;
    } else if (!f->document) {
      s.stage = ReportStage::kSubmitted;
    } else if (doc && doc->is_public_at(now)) {
      s.stage = ReportStage::kPublished;
      s.published_at = doc->published_at;
    } else {
      // Drafted, in review, returned, scheduled for later or withdrawn: not public.
      s.stage = ReportStage::kInReview;
    }
  }
  s.overdue = s.stage != ReportStage::kPublished && today > s.deadline;
  return s;
}

// The government (the city's report) first, then the list's own order (sort order, id).
void government_first(std::vector<Department>& all) {
  std::stable_partition(all.begin(), all.end(), [](const Department& d) { return is_city(d); });
}

// Who creates the report's document. The library files a document under its creator's department,
// so a city-wide principal (admin, the system) acting for another organ acts as that organ; the
// actor in the audit log stays who it is.
Result<documents::Document> find_document(documents::DocumentStore& store, DocumentId id) {
  std::optional<documents::Document> doc;
  GK_TRY_STATUS(store.read([&](documents::DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(found, repo.find(id));
    doc = std::move(found);
    return ok();
  }));
  return std::move(*doc);
}

Principal acting_for(const Principal& who, const Department& organ) {
  Principal p = who;
  if (who.kind == Principal::Kind::kSystem || (who.is_city_wide() && who.department != organ.id)) {
    p.department = organ.id;
    p.department_name = organ.name;
  }
  return p;
}

}  // namespace

std::string_view report_stage_key(ReportStage s) {
  switch (s) {
    case ReportStage::kNotStarted:
      return "not_started";
    case ReportStage::kDraft:
      return "draft";
    case ReportStage::kSubmitted:
      return "submitted";
    case ReportStage::kInReview:
      return "in_review";
    case ReportStage::kPublished:
      return "published";
  }
  return "not_started";
}

std::string_view report_stage_label(ReportStage s) {
  switch (s) {
    case ReportStage::kNotStarted:
      return "未开始";
    case ReportStage::kDraft:
      return "草稿";
    case ReportStage::kSubmitted:
      return "已报送";
    case ReportStage::kInReview:
      return "发布审核中";
    case ReportStage::kPublished:
      return "已发布";
  }
  return "未开始";
}

AnnualReportService::AnnualReportService(foi::FoiStore& foi, documents::DocumentStore& document_store,
                                         documents::DocumentService& documents, StatisticsService& statistics,
                                         ReportFilingStore& filings, accounts::AccountsService& accounts,
                                         const Clock& clock)
    : foi_(foi),
      document_store_(document_store),
      documents_(documents),
      statistics_(statistics),
      filings_(filings),
      accounts_(accounts),
      clock_(clock) {}

Result<ReportView> AnnualReportService::get(const Principal& who, DepartmentId department, int year,
                                            bool drill_down) {
  return compose(who, department, year, drill_down, /*always_previous=*/true);
}

Result<ReportView> AnnualReportService::compose(const Principal& who, DepartmentId department, int year,
                                             bool drill_down, bool always_previous) {
  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(organ, find_organ(accounts_, who, department));
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewAnnualReport, organ.id));
  GK_TRY_ASSIGN(filing, load_filing(filings_, organ.id, year));
  const bool submitted = filing && filing->state == FilingState::kSubmitted;

  ReportView view;
  if (submitted) {
    GK_TRY_ASSIGN(frozen, snapshot_report(*filing, organ, drill_down));
    view.report = std::move(frozen);
  } else {
    GK_TRY_ASSIGN(live, live_report(foi_, document_store_, statistics_, organ, year, drill_down));
    view.report = std::move(live);
  }
  // The year before, for the comparison sentences of the draft and the page: its snapshot once it
  // was submitted (what was reported then), else computed now. The report alone needs it only when
  // its text is the draft.
  const bool saved_text = submitted || (filing && filing->text != ReportText{});
  if (year - 1 >= 2000 && (always_previous || !saved_text)) {
    GK_TRY_ASSIGN(prev_filing, load_filing(filings_, organ.id, year - 1));
    if (prev_filing && prev_filing->state == FilingState::kSubmitted) {
      GK_TRY_ASSIGN(prev, snapshot_report(*prev_filing, organ, false));
      view.previous = std::move(prev);
    } else {
      GK_TRY_ASSIGN(prev, live_report(foi_, document_store_, statistics_, organ, year - 1, false));
      view.previous = std::move(prev);
    }
  }
  view.drafted = draft_text(view.report, view.previous);
  // The text in use: the snapshot's once submitted, else what staff saved, else the draft.
  if (!submitted) put_text(view.report, saved_text ? filing->text : view.drafted);

  std::vector<DocumentId> ids;
  if (filing && filing->document) ids.push_back(*filing->document);
  GK_TRY_ASSIGN(docs, headings(document_store_, ids));
  const DocumentHeading* doc = nullptr;
  if (filing && filing->document) {
    auto it = docs.find(filing->document->value);
    if (it != docs.end()) doc = &it->second;
  }
  view.status = status_of(organ, year, filing, doc, clock_.now());
  return view;
}

Result<AnnualReport> AnnualReportService::report(const Principal& who, DepartmentId department, int year,
                                                 bool drill_down) {
  GK_TRY_ASSIGN(v, compose(who, department, year, drill_down, /*always_previous=*/false));
  return std::move(v.report);
}

Result<std::vector<int64_t>> AnnualReportService::cell_ids(const Principal& who, DepartmentId department,
                                                           int year, std::string_view row,
                                                           std::string_view column) {
  const bool application_row = contains(kApplicationRows, row);
  const bool remedy_row = contains(kRemedyGroups, row);
  const bool document_row = row == "normative_documents" || row == "rules";  // section 二: documents
  if (!application_row && !remedy_row && !document_row) return fail(Error::invalid_field("row", "未知的表格行"));
  const bool known_column =
      application_row ? contains(kApplicationColumns, column)
      : remedy_row    ? (contains(kRemedyColumns, column) || column == "total")
                      : (column == "issued" || column == "repealed" || column == "in_force");
  if (!known_column) return fail(Error::invalid_field("column", "未知的表格列"));

  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(organ, find_organ(accounts_, who, department));
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewAnnualReport, organ.id));
  GK_TRY_ASSIGN(filing, load_filing(filings_, organ.id, year));
  AnnualReport report;
  if (filing && filing->state == FilingState::kSubmitted) {
    GK_TRY_ASSIGN(frozen, snapshot_report(*filing, organ, true));
    report = std::move(frozen);
  } else {
    GK_TRY_ASSIGN(live, live_report(foi_, document_store_, statistics_, organ, year, true));
    report = std::move(live);
  }

  // The drill-down keeps the cells of the six applicant columns (and the four remedy outcomes);
  // 总计 is their union, （七）总计 the union of the leaf rows.
  std::vector<std::string_view> rows{row};
  if (row == kApplicationRows[kTotalHandledRow])
    rows.assign(kApplicationRows.begin() + kFirstOutcomeRow, kApplicationRows.begin() + kTotalHandledRow);
  std::vector<std::string_view> columns{column};
  if (column == "total" && !document_row) {
    if (application_row)
      columns.assign(kApplicationColumns.begin(), kApplicationColumns.end() - 1);
    else
      columns.assign(kRemedyColumns.begin(), kRemedyColumns.end());
  }
  std::vector<int64_t> ids;
  for (std::string_view r : rows) {
    for (std::string_view c : columns) {
      auto it = report.cell_cases.find(fmt::format("{}/{}", r, c));
      if (it != report.cell_cases.end()) ids.insert(ids.end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Status AnnualReportService::save_text(const Principal& who, DepartmentId department, int year,
                                      int expected_version, const ReportText& text,
                                      const RequestContext& ctx) {
  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(organ, find_organ(accounts_, who, department));
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kEditAnnualReport, organ.id));
  std::vector<FieldError> errors;
  const std::pair<std::string_view, const std::string*> sections[] = {
      {"overview", &text.overview}, {"problems", &text.problems}, {"other_matters", &text.other_matters}};
  for (const auto& [field, value] : sections) {
    if (!is_valid_utf8(*value))
      errors.push_back({std::string(field), "含有无效字符"});
    else if (utf8_length(*value) > kMaxSectionCodePoints)
      errors.push_back({std::string(field), fmt::format("不能超过 {} 字", kMaxSectionCodePoints)});
  }
  if (!errors.empty()) return fail(Error::invalid("年度报告正文有误，请修改标记的部分", std::move(errors)));

  const Instant now = clock_.now();
  return filings_.transact([&](ReportFilingRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(current, repo.find(organ.id, year));
    std::string summary;
    if (!current) {
      if (expected_version != 0) return fail(Error::conflict("年度报告已被他人修改，请刷新后重试"));
      ReportFiling f;
      f.department = organ.id;
      f.year = year;
      f.state = FilingState::kDraft;
      f.text = text;
      f.updated_at = now;
      f.updated_by = user_of(who);
      GK_TRY_STATUS(repo.insert(f));
      summary = fmt::format("起草{}", report_name(organ, year));
    } else {
      if (current->state == FilingState::kSubmitted)
        return fail(Error::failed_precondition("年度报告已报送，不能修改正文；如需更正，请先退回为草稿"));
      if (current->version != expected_version)
        return fail(Error::conflict("年度报告已被他人修改，请刷新后重试"));
      current->text = text;
      current->updated_at = now;
      current->updated_by = user_of(who);
      GK_TRY_STATUS(repo.update(*current));
      summary = fmt::format("修改{}正文", report_name(organ, year));
    }
    return audit.append(event(who, organ, year, "report.text", std::move(summary), ctx));
  });
}

Status AnnualReportService::submit(const Principal& who, DepartmentId department, int year,
                                   int expected_version, const RequestContext& ctx) {
  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(organ, find_organ(accounts_, who, department));
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kSubmitAnnualReport, organ.id));
  GK_TRY_ASSIGN(filing, load_filing(filings_, organ.id, year));
  if (!filing) return fail(Error::failed_precondition("年度报告尚未保存，请先编辑并保存正文后再报送"));
  if (filing->state == FilingState::kSubmitted) return fail(Error::failed_precondition("年度报告已报送"));
  if (filing->version != expected_version) return fail(Error::conflict("年度报告已被他人修改，请刷新后重试"));

  GK_TRY_ASSIGN(report, live_report(foi_, document_store_, statistics_, organ, year, /*drill_down=*/true));
  std::vector<std::string> reasons;
  if (!report.check_errors.empty())
    reasons.push_back(fmt::format("表格勾稽关系校验未通过（{}）", join(report.check_errors, "；")));
  const std::pair<std::string_view, const std::string*> sections[] = {
      {"一、总体情况", &filing->text.overview},
      {"五、存在的主要问题及改进情况", &filing->text.problems},
      {"六、其他需要报告的事项", &filing->text.other_matters}};
  for (const auto& [label, value] : sections) {
    if (trim(*value).empty())
      reasons.push_back(fmt::format("“{}”尚未填写", label));
    else if (value->find(kToComplete) != std::string::npos)
      reasons.push_back(fmt::format("“{}”中仍有待补充的内容（{}）", label, kToComplete));
  }
  // The report covers a whole year: it can be final only once the year is over.
  const Date today = clock_.today();
  if (today <= *Date::from_ymd(year, 12, 31))
    reasons.push_back(fmt::format("{}年度尚未结束，{}年1月1日起方可报送", year, year + 1));
  if (!reasons.empty()) return fail(Error::failed_precondition("不能报送：" + join(reasons, "；")));

  put_text(report, filing->text);
  const std::string snapshot = to_json(report, JsonOptions{.text = true, .drill_down = true});
  const Instant now = clock_.now();
  return filings_.transact([&](ReportFilingRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(current, repo.find(organ.id, year));
    if (!current) return fail(Error::not_found("年度报告不存在"));
    if (current->state == FilingState::kSubmitted) return fail(Error::failed_precondition("年度报告已报送"));
    if (current->version != expected_version)
      return fail(Error::conflict("年度报告已被他人修改，请刷新后重试"));
    current->state = FilingState::kSubmitted;
    current->snapshot_json = snapshot;
    current->submitted_at = now;
    current->submitted_by = user_of(who);
    current->updated_at = now;
    current->updated_by = user_of(who);
    GK_TRY_STATUS(repo.update(*current));
    const int64_t handled = report.applications.at("total_handled")[kApplicationColumns.size() - 1];
    return audit.append(
        event(who, organ, year, "report.submit",
              fmt::format("报送{}（办理依申请公开 {} 件）", report_name(organ, year), handled), ctx));
  });
}

Status AnnualReportService::reopen(const Principal& who, DepartmentId department, int year,
                                   int expected_version, std::string_view reason, const RequestContext& ctx) {
  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(organ, find_organ(accounts_, who, department));
  if (Status oversee = accounts::authorize(&who, Permission::kOverseeAnnualReports, organ.id); !oversee)
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kSubmitAnnualReport, organ.id));
  const std::string why = trim(reason);
  if (why.empty()) return fail(Error::invalid_field("reason", "请填写退回原因"));
  if (utf8_length(why) > 500) return fail(Error::invalid_field("reason", "退回原因不能超过 500 字"));

  // The publishing document, if any, must be back with its editors (draft, returned by the reviewer,
  // or withdrawn after publication): publish() brings it up to date from the new snapshot.
  GK_TRY_ASSIGN(filing, load_filing(filings_, organ.id, year));
  if (filing && filing->document) {
    GK_TRY_ASSIGN(doc, find_document(document_store_, *filing->document));
    if (doc.state == PublicationState::kSubmitted || doc.state == PublicationState::kApproved)
      return fail(Error::failed_precondition("年度报告的公开文件正在发布审核中，请审核人先在文件库中退回该文件"));
    if (doc.state == PublicationState::kPublished)
      return fail(Error::failed_precondition("年度报告已发布，如需更正请先在文件库中撤回该文件"));
  }
  const Instant now = clock_.now();
  return filings_.transact([&](ReportFilingRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(current, repo.find(organ.id, year));
    if (!current || current->state != FilingState::kSubmitted)
      return fail(Error::failed_precondition("年度报告尚未报送，无需退回"));
    if (current->document != (filing ? filing->document : std::nullopt))
      return fail(Error::conflict("年度报告已被他人修改，请刷新后重试"));
    if (current->version != expected_version)
      return fail(Error::conflict("年度报告已被他人修改，请刷新后重试"));
    current->state = FilingState::kDraft;
    current->snapshot_json.clear();
    current->submitted_at.reset();
    current->submitted_by.reset();
    current->updated_at = now;
    current->updated_by = user_of(who);
    GK_TRY_STATUS(repo.update(*current));
    return audit.append(event(who, organ, year, "report.reopen",
                              fmt::format("退回{}为草稿：{}", report_name(organ, year), why), ctx));
  });
}

Result<DocumentId> AnnualReportService::publish(const Principal& who, DepartmentId department, int year,
                                                const RequestContext& ctx) {
  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(organ, find_organ(accounts_, who, department));
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewAnnualReport, organ.id));
  GK_TRY_ASSIGN(filing, load_filing(filings_, organ.id, year));
  if (!filing || filing->state != FilingState::kSubmitted)
    return fail(Error::failed_precondition("年度报告尚未报送，不能发布"));
  const Principal acting = acting_for(who, organ);
  const std::string title = report_name(organ, year);
  GK_TRY_ASSIGN(report, snapshot_report(*filing, organ, false));

  // The document: the report in the official layout as its body (the library's sanitiser keeps its
  // tables and spans), the same layout as a PDF attachment for printing and archiving.
  GK_TRY_ASSIGN(body, render(report, "html", HtmlOptions{.full_page = false, .show_check_errors = false, .title = false}));
  GK_TRY_ASSIGN(columns, documents_.columns(organ.id));
  std::optional<ColumnId> column;
  for (const auto& c : columns)
    if (c.key == kAnnualReportColumn && c.department == organ.id) column = c.id;
  if (!column) return fail(Error::failed_precondition(fmt::format("{}没有“政府信息公开年报”栏目", organ.name)));
  documents::DocumentDraft draft;
  draft.title = title;
  draft.topic = "general";
  draft.genre = "report";
  draft.mode = "proactive";
  draft.summary = fmt::format("{}，依据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制。", title);
  draft.body_html = std::move(body);
  draft.columns = {*column};

  std::optional<DocumentId> id = filing->document;
  if (!id) {
    // Claim the publication first (the version moves on), so that of two simultaneous calls — a
    // double click — only one creates a document, and a report reopened and submitted again in the
    // meantime is not published with its old snapshot.
    const Instant now = clock_.now();
    GK_TRY_STATUS(filings_.transact([&](ReportFilingRepository& repo, audit::AuditSink&) -> Status {
      GK_TRY_ASSIGN(current, repo.find(organ.id, year));
      if (!current || current->state != FilingState::kSubmitted || current->version != filing->version ||
          current->document)
        return fail(Error::conflict("年度报告已被他人修改或发布，请刷新后查看"));
      current->updated_at = now;
      current->updated_by = user_of(who);
      return repo.update(*current);
    }));
    GK_TRY_ASSIGN(created, documents_.create(acting, draft, ctx));
    id = created;
    // Recorded at once, so that a retry after a failure below completes this document instead of
    // creating another.
    GK_TRY_STATUS(filings_.transact([&](ReportFilingRepository& repo, audit::AuditSink& audit) -> Status {
      GK_TRY_ASSIGN(current, repo.find(organ.id, year));
      if (!current || current->version != filing->version + 1 || current->document)
        return fail(Error::conflict("年度报告已被他人修改或发布，请刷新后查看"));
      current->document = created;
      current->updated_at = clock_.now();
      GK_TRY_STATUS(repo.update(*current));
      return audit.append(event(who, organ, year, "report.publish",
                                fmt::format("发布{}：生成文件 {} 并提交审核", title, created.value), ctx));
    }));
  } else {
    GK_TRY_ASSIGN(existing, find_document(document_store_, *id));
    if (existing.state != PublicationState::kDraft && existing.state != PublicationState::kReturned &&
        existing.state != PublicationState::kWithdrawn)
      return *id;  // in the library's review, or published: nothing to do here
    GK_TRY_STATUS(filings_.transact([&](ReportFilingRepository&, audit::AuditSink& audit) -> Status {
      return audit.append(event(who, organ, year, "report.publish",
                                fmt::format("发布{}：更新文件 {} 并重新提交审核", title, id->value), ctx));
    }));
  }

  // Bring the document up to date with the snapshot while it is with its editors — a first call, a
  // retry after a failure below, or a report reopened after the reviewer returned (or the organ
  // withdrew) its document — and submit it to the library's review.
  GK_TRY_ASSIGN(doc, find_document(document_store_, *id));
  if (doc.state == PublicationState::kWithdrawn) {
    GK_TRY_STATUS(documents_.act(acting, *id, doc.version, documents::WorkflowAction::kRevise, "", ctx));
    GK_TRY_ASSIGN(revised, find_document(document_store_, *id));
    doc = std::move(revised);
  }
  if (doc.state != PublicationState::kDraft && doc.state != PublicationState::kReturned) return *id;
  GK_TRY_STATUS(documents_.update(acting, *id, doc.version, draft, ctx));
  // The PDF of an earlier snapshot (or of a failed attempt) gives way to this one.
  GK_TRY_ASSIGN(pdf, render(report, "pdf"));
  GK_TRY_ASSIGN(attached, documents_.attachments(acting, *id));
  for (const auto& a : attached)
    if (a.content_type == "application/pdf") GK_TRY_STATUS(documents_.remove_attachment(acting, *id, a.id, ctx));
  GK_TRY_STATUS(documents_.add_attachment(acting, *id, title + ".pdf", pdf, ctx));
  GK_TRY_ASSIGN(ready, find_document(document_store_, *id));
  GK_TRY_STATUS(documents_.act(acting, *id, ready.version, documents::WorkflowAction::kSubmit, "", ctx));
  return *id;
}

Result<std::vector<ReportStatus>> AnnualReportService::overview(const Principal& who, int year) {
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kOverseeAnnualReports));
  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(all, organs(accounts_, who));
  government_first(all);
  GK_TRY_ASSIGN(filings, list_filings(filings_, year));
  std::map<int64_t, ReportFiling> by_organ;
  std::vector<DocumentId> ids;
  for (auto& f : filings) {
    if (f.document) ids.push_back(*f.document);
    by_organ.emplace(f.department.value, std::move(f));
  }
  GK_TRY_ASSIGN(docs, headings(document_store_, ids));
  const Instant now = clock_.now();
  std::vector<ReportStatus> out;
  out.reserve(all.size());
  for (const auto& organ : all) {
    std::optional<ReportFiling> filing;
    if (auto it = by_organ.find(organ.id.value); it != by_organ.end()) filing = it->second;
    const DocumentHeading* doc = nullptr;
    if (filing && filing->document)
      if (auto it = docs.find(filing->document->value); it != docs.end()) doc = &it->second;
    out.push_back(status_of(organ, year, filing, doc, now));
  }
  return out;
}

Result<std::vector<ReportReminder>> AnnualReportService::due_reminders(const Principal& who, Date today,
                                                                       const RequestContext& ctx) {
  if (who.kind != Principal::Kind::kSystem &&
      !(who.kind == Principal::Kind::kStaff && who.has_role(accounts::Role::kAdmin)))
    return fail(Error::permission_denied("只有系统任务或管理员可以发送年度报告提醒"));
  const int year = today.year() - 1;
  GK_TRY_STATUS(check_year(year));
  GK_TRY_ASSIGN(statuses, overview(who, year));
  const Instant now = clock_.now();
  std::vector<ReportReminder> due;
  for (const auto& s : statuses) {
    const auto threshold = reminder_threshold(year, s.deadline, today);
    if (!threshold || s.stage == ReportStage::kPublished) continue;
    const int left = s.deadline.days() - today.days();
    const std::string name = report_name(s.department, year);
    const std::string deadline = s.deadline.to_string();
    ReportReminder r;
    r.department = s.department.id;
    r.year = year;
    r.threshold = std::string(*threshold);
    r.deadline = s.deadline;
    if (left < 0)
      r.message = fmt::format("{}已超过法定发布期限（{}）{}天，请依照《政府信息公开条例》第四十九条尽快发布",
                              name, deadline, -left);
    else if (left == 0)
      r.message = fmt::format("{}今日到达法定发布期限（{}），请尽快发布", name, deadline);
    else
      r.message = fmt::format("{}距法定发布期限（{}）还有{}天", name, deadline, left);
    r.created_at = now;
    due.push_back(std::move(r));
  }
  std::vector<ReportReminder> sent;
  GK_TRY_STATUS(filings_.transact([&](ReportFilingRepository& repo, audit::AuditSink& audit) -> Status {
    sent.clear();
    for (const auto& r : due) {
      GK_TRY_ASSIGN(fresh, repo.record_reminder(r));
      if (fresh) sent.push_back(r);
    }
    if (sent.empty()) return ok();
    audit::AuditEvent e;
    e.actor = who.actor();
    e.action = "report.reminders";
    e.target = fmt::format("annual_report:{}", year);
    e.summary = fmt::format("发送{}年政府信息公开工作年度报告发布期限提醒 {} 条（{}）", year, sent.size(),
                            today.to_string());
    e.request_id = ctx.request_id;
    e.ip = ctx.ip;
    return audit.append(e);
  }));
  return sent;
}

Result<std::vector<ReportReminder>> AnnualReportService::reminders(const Principal& who, int limit,
                                                                   std::optional<DepartmentId> organ) {
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewAnnualReport, organ.value_or(who.department)));
  const std::optional<DepartmentId> scope =
      organ ? organ : (who.is_city_wide() ? std::nullopt : std::optional<DepartmentId>(who.department));
  std::vector<ReportReminder> out;
  GK_TRY_STATUS(filings_.read([&](ReportFilingRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(found, repo.reminders(scope, std::clamp(limit, 1, 500)));
    out = std::move(found);
    return ok();
  }));
  return out;
}

}  // namespace gk::report
