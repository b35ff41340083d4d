// The annual report as a piece of work (report/annual_report_service.h) over SQL, every body on
// SQLite and PostgreSQL: the filing store (optimistic versions, reminders once each with their
// outbox mail), and the service on top of it — live figures and drafted text until submission, the
// text and its versions, permissions by organ and role, the refusals of 报送, the snapshot that
// freezes a submitted report, reopening, publication through the document library's review, the
// city-wide overview with the deadlines of 条例第四十九条, and the reminders.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "calendar/working_calendar.h"
#include "documents/fake_file_store.h"
#include "documents/workflow.h"
#include "foi/foi_service.h"
#include "library_fixture.h"
#include "report/annual_report_service.h"
#include "report/report_text.h"
#include "report/report_json.h"
#include "report/statistics.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/repos/sql_report_filing_store.h"
#include "storage/repos/sql_statistics_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using report::FilingState;
using report::ReportFiling;
using report::ReportReminder;
using report::ReportStage;
using report::ReportText;

constexpr const char* kResidentId = "11010519491231002X";

Date d(const char* s) { return *Date::parse(s); }
// 10:00 China Standard Time on day `s`.
Instant at(const char* s) { return Instant::from_seconds(int64_t{d(s).days()} * 86400 + 2 * 3600); }

ReportText complete_text() {
  return {"2024年，东阳市财政局认真贯彻落实《中华人民共和国政府信息公开条例》。",
          "一是公开内容不够全面。下一步将加强培训。", "本年度未收取信息处理费。"};
}

class AnnualReportTest : public LibraryTest {
 protected:
  void SetUp() override {
    LibraryTest::SetUp();  // clock: 2024-10-04, inside the report year 2024
    if (HasFatalFailure()) return;
    ASSERT_NE(real_calendar(), nullptr) << "data/calendar/holidays-cn.csv not found (GK_SOURCE_DIR)";
    accounts::Department gov;
    gov.code = "dyszf";
    gov.name = "东阳市人民政府";
    gov.kind = accounts::DepartmentKind::kGovernment;
    GK_ASSERT_OK(accounts_->ensure_departments(Principal::system(), {gov}, ctx_));
    gov_ = department_id("dyszf");
    ASSERT_TRUE(gov_);
    GK_ASSERT_OK(documents_->ensure_columns({gov_}, ctx_));
    documents_->set_file_store(&files_);

    foi_store_ = std::make_unique<storage::SqlFoiStore>(db(), clock_);
    foi_ = std::make_unique<foi::FoiService>(*foi_store_, clock_, [] { return real_calendar(); });
    statistics_store_ = std::make_unique<storage::SqlStatisticsStore>(db(), clock_);
    statistics_ = std::make_unique<report::StatisticsService>(*statistics_store_, clock_);
    filing_store_ = std::make_unique<storage::SqlReportFilingStore>(db(), clock_);
    service_ = std::make_unique<report::AnnualReportService>(
        *foi_store_, *document_store_, *documents_, *statistics_, *filing_store_, *accounts_, clock_);
  }
  void TearDown() override {
    service_.reset();
    filing_store_.reset();
    statistics_.reset();
    statistics_store_.reset();
    foi_.reset();
    foi_store_.reset();
    LibraryTest::TearDown();
  }

  DepartmentId department_id(const std::string& code) {
    auto list = accounts_->list_departments(nullptr);
    if (list)
      for (const auto& dept : *list)
        if (dept.code == code) return dept.id;
    return DepartmentId();
  }

  // An application registered by the department's officer, received on `received`.
  FoiCaseId register_case(DepartmentId dept, const char* received) {
    foi::IntakeForm f;
    f.department = dept;
    f.applicant_type = "natural_person";
    f.name = "张小明";
    f.id_kind = "resident_id";
    f.id_number = kResidentId;
    f.phone = "13812345678";
    f.address = "浙江省东阳市吴宁街道艺海路1号";
    f.description = "请公开2023年东阳市财政预算执行情况";
    f.form = "email";
    f.delivery = "email";
    f.email = "zhang@example.com";
    f.channel = "in_person";
    f.submitted = received;
    const Principal officer = staff(30, "经办人", dept, {Role::kFoiOfficer});
    auto r = foi_->submit(&officer, f, ctx_);
    EXPECT_TRUE(r) << describe(r.error());
    return r ? r->id : FoiCaseId();
  }

  Result<report::ReportView> view(DepartmentId dept, int year = 2024, bool drill_down = false) {
    return service_->get(Principal::system(), dept, year, drill_down);
  }
  int version(DepartmentId dept, int year = 2024) {
    auto v = view(dept, year);
    return v ? v->status.version : -1;
  }
  int document_version(DocumentId id) {
    auto v = documents_->get(Principal::system(), id);
    return v ? v->document.version : -1;
  }
  // Saves the text and submits czj's report (the clock must be after the year).
  void save_and_submit(DepartmentId dept, const Principal& editor, const Principal& submitter) {
    GK_ASSERT_OK(service_->save_text(editor, dept, 2024, version(dept), complete_text(), ctx_));
    GK_ASSERT_OK(service_->submit(submitter, dept, 2024, version(dept), ctx_));
  }
  // The library's review of the report's document: approved and published now by a reviewer.
  void approve_and_release(DocumentId id, const Principal& reviewer) {
    GK_ASSERT_OK(
        documents_->act(reviewer, id, document_version(id), documents::WorkflowAction::kApprove, "", ctx_));
    GK_ASSERT_OK(documents_->publish(reviewer, id, document_version(id), std::nullopt, ctx_));
  }

  int64_t count(const std::string& sql) {
    auto lease = db().acquire();
    if (!lease) return -1;
    auto rs = (*lease)->query(sql);
    EXPECT_TRUE(rs) << describe(rs.error());
    return rs ? rs->rows.at(0).get_int(0) : -1;
  }

  Status with_repo(const std::function<Status(report::ReportFilingRepository&)>& work) {
    return filing_store_->transact(
        [&](report::ReportFilingRepository& repo, audit::AuditSink&) -> Status { return work(repo); });
  }

  documents::FakeFileStore files_;
  DepartmentId gov_;
  std::unique_ptr<storage::SqlFoiStore> foi_store_;
  std::unique_ptr<foi::FoiService> foi_;
  std::unique_ptr<storage::SqlStatisticsStore> statistics_store_;
  std::unique_ptr<report::StatisticsService> statistics_;
  std::unique_ptr<storage::SqlReportFilingStore> filing_store_;
  std::unique_ptr<report::AnnualReportService> service_;

  Principal editor() const { return staff(21, "信息员", czj_, {Role::kEditor}); }
  Principal reviewer() const { return staff(22, "审核人", czj_, {Role::kReviewer}); }
  Principal approver() const { return staff(23, "机构负责人", czj_, {Role::kFoiApprover}); }
  Principal analyst() const { return staff(24, "分析员", czj_, {Role::kAnalyst}); }
  Principal outsider() const {
    return staff(25, "他人", sfb_, {Role::kEditor, Role::kReviewer, Role::kFoiApprover},
                 "东阳市人民政府办公室");
  }
  Principal supervisor() const {
    return staff(26, "公开办", sfb_, {Role::kSupervisor}, "东阳市人民政府办公室");
  }
  Principal admin() const { return staff(27, "管理员", sfb_, {Role::kAdmin}, "东阳市人民政府办公室"); }
};

// ---- The store ----

TEST_P(AnnualReportTest, AnnualReportStoreInsertsFindsUpdatesOptimisticallyAndLists) {
  ReportFiling f;
  f.department = czj_;
  f.year = 2024;
  f.text = {"总体", "问题", "其他"};
  f.updated_at = at("2024-10-04");
  f.updated_by = UserId(21);
  GK_ASSERT_OK(with_repo([&](auto& repo) { return repo.insert(f); }));
  auto again = with_repo([&](auto& repo) { return repo.insert(f); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);

  std::optional<ReportFiling> found;
  GK_ASSERT_OK(with_repo([&](auto& repo) -> Status {
    GK_TRY_ASSIGN(x, repo.find(czj_, 2024));
    found = x;
    return ok();
  }));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->state, FilingState::kDraft);
  EXPECT_EQ(found->text, f.text);
  EXPECT_EQ(found->updated_at, at("2024-10-04"));
  EXPECT_EQ(found->updated_by, UserId(21));
  EXPECT_FALSE(found->submitted_at);
  EXPECT_FALSE(found->document);

  ReportFiling next = *found;
  next.state = FilingState::kSubmitted;
  next.snapshot_json = "{\"year\":2024}";
  next.submitted_at = at("2025-01-10");
  next.submitted_by = UserId(22);
  GK_ASSERT_OK(with_repo([&](auto& repo) { return repo.update(next); }));
  auto stale = with_repo([&](auto& repo) { return repo.update(next); });  // still version 1
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  ReportFiling missing = next;
  missing.year = 2023;
  auto absent = with_repo([&](auto& repo) { return repo.update(missing); });
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().code(), ErrorCode::kNotFound);

  ReportFiling other = f;
  other.department = sfb_;
  other.updated_by.reset();
  GK_ASSERT_OK(with_repo([&](auto& repo) { return repo.insert(other); }));
  std::vector<ReportFiling> listed, none;
  GK_ASSERT_OK(with_repo([&](auto& repo) -> Status {
    GK_TRY_ASSIGN(a, repo.list(2024));
    GK_TRY_ASSIGN(b, repo.list(2023));
    listed = a;
    none = b;
    return ok();
  }));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_TRUE(none.empty());
  EXPECT_LT(listed[0].department, listed[1].department);
  const ReportFiling& stored = listed[0].department == czj_ ? listed[0] : listed[1];
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.state, FilingState::kSubmitted);
  EXPECT_EQ(stored.snapshot_json, "{\"year\":2024}");
  EXPECT_EQ(stored.submitted_at, at("2025-01-10"));
  EXPECT_EQ(stored.submitted_by, UserId(22));
  const ReportFiling& plain = listed[0].department == sfb_ ? listed[0] : listed[1];
  EXPECT_FALSE(plain.updated_by);
}

TEST_P(AnnualReportTest, AnnualReportStoreRecordsEachReminderOnceWithAnOutboxMail) {
  ReportReminder r{czj_,
                   2024,
                   "7",
                   d("2025-01-31"),
                   "东阳市财政局2024年政府信息公开工作年度报告距法定发布期限（2025-01-31）还有7天",
                   at("2025-01-24")};
  bool first = false, second = true, third = false;
  GK_ASSERT_OK(with_repo([&](auto& repo) -> Status {
    GK_TRY_ASSIGN(a, repo.record_reminder(r));
    GK_TRY_ASSIGN(b, repo.record_reminder(r));
    first = a;
    second = b;
    return ok();
  }));
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  ReportReminder later = r;
  later.threshold = "3";
  later.message = "还有3天";
  later.created_at = at("2025-01-28");
  ReportReminder elsewhere = r;
  elsewhere.department = sfb_;
  GK_ASSERT_OK(with_repo([&](auto& repo) -> Status {
    GK_TRY_ASSIGN(a, repo.record_reminder(later));
    GK_TRY_ASSIGN(b, repo.record_reminder(elsewhere));
    third = a && b;
    return ok();
  }));
  EXPECT_TRUE(third);
  EXPECT_EQ(count("SELECT COUNT(*) FROM annual_report_reminders"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'mail:report_reminder'"), 3);

  std::vector<ReportReminder> own, all, one;
  GK_ASSERT_OK(with_repo([&](auto& repo) -> Status {
    GK_TRY_ASSIGN(a, repo.reminders(czj_, 10));
    GK_TRY_ASSIGN(b, repo.reminders(std::nullopt, 10));
    GK_TRY_ASSIGN(c, repo.reminders(std::nullopt, 1));
    own = a;
    all = b;
    one = c;
    return ok();
  }));
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].threshold, "3");  // newest first
  EXPECT_EQ(own[1].threshold, "7");
  EXPECT_EQ(own[1].message, r.message);
  EXPECT_EQ(own[1].deadline, d("2025-01-31"));
  EXPECT_EQ(own[1].created_at, at("2025-01-24"));
  EXPECT_EQ(all.size(), 3u);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].threshold, "3");

  auto lease = db().acquire();
  ASSERT_TRUE(lease);
  auto payload =
      (*lease)->query("SELECT payload FROM outbox WHERE topic = 'mail:report_reminder' ORDER BY id LIMIT 1");
  ASSERT_TRUE(payload);
  const std::string& json = payload->rows.at(0).get_text(0);
  EXPECT_NE(json.find("\"threshold\":\"7\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"deadline\":\"2025-01-31\""), std::string::npos) << json;
  EXPECT_NE(json.find(r.message), std::string::npos) << json;
}

// ---- The service: figures, text, permissions ----

TEST_P(AnnualReportTest, AnnualReportNeverTouchedShowsDraftedTextAndLiveFigures) {
  register_case(czj_, "2024-03-01");
  auto v = service_->get(editor(), czj_, 2024);
  ASSERT_TRUE(v) << describe(v.error());
  EXPECT_EQ(v->status.stage, ReportStage::kNotStarted);
  EXPECT_EQ(v->status.version, 0);
  EXPECT_EQ(v->status.deadline, d("2025-01-31"));
  EXPECT_FALSE(v->status.overdue);
  EXPECT_EQ(v->report.department_code, "czj");
  EXPECT_EQ(v->report.department_name, "东阳市财政局");
  EXPECT_EQ(v->report.applications.at("new_this_year")[6], 1);
  EXPECT_FALSE(v->drafted.overview.empty());
  EXPECT_EQ(v->report.overview, v->drafted.overview);
  EXPECT_EQ(v->report.problems, v->drafted.problems);
  EXPECT_EQ(v->report.other_matters, v->drafted.other_matters);
  ASSERT_TRUE(v->previous);
  EXPECT_EQ(v->previous->year, 2023);
  EXPECT_TRUE(v->report.cell_cases.empty());

  register_case(czj_, "2024-04-01");  // the figures follow the data until submission
  auto again = service_->get(editor(), czj_, 2024, /*drill_down=*/true);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->report.applications.at("new_this_year")[6], 2);
  EXPECT_EQ(again->report.cell_cases.at("new_this_year/natural_person").size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM annual_report_filings"), 0);  // reading writes nothing

  auto bad_year = service_->get(editor(), czj_, 1999);
  ASSERT_FALSE(bad_year);
  EXPECT_EQ(bad_year.error().code(), ErrorCode::kInvalidArgument);
  auto unknown = service_->get(Principal::system(), DepartmentId(9999), 2024);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
}

TEST_P(AnnualReportTest, AnnualReportSaveTextCreatesTheDraftThenUpdatesOnItsVersion) {
  ReportText text = complete_text();
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, text, ctx_));
  auto v = service_->get(editor(), czj_, 2024);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status.stage, ReportStage::kDraft);
  EXPECT_EQ(v->status.version, 1);
  EXPECT_EQ(v->report.overview, text.overview);
  EXPECT_EQ(v->report.problems, text.problems);
  EXPECT_NE(v->drafted.overview, text.overview);  // the draft is still offered beside it

  auto second_create = service_->save_text(editor(), czj_, 2024, 0, text, ctx_);
  ASSERT_FALSE(second_create);
  EXPECT_EQ(second_create.error().code(), ErrorCode::kConflict);
  text.problems = "改进措施已落实。";
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 1, text, ctx_));
  EXPECT_EQ(version(czj_), 2);
  EXPECT_EQ(view(czj_)->report.problems, "改进措施已落实。");
  auto stale = service_->save_text(editor(), czj_, 2024, 1, text, ctx_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);

  ReportText too_long = text;
  too_long.problems.clear();
  for (int i = 0; i < 20001; ++i) too_long.problems += "字";
  auto invalid = service_->save_text(editor(), czj_, 2024, 2, too_long, ctx_);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(invalid.error().fields().size(), 1u);
  EXPECT_EQ(invalid.error().fields()[0].field, "problems");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.text'"), 2);
}

TEST_P(AnnualReportTest, AnnualReportPermissionsFollowTheOrganAndTheRole) {
  auto foreign = service_->get(outsider(), czj_, 2024);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), ErrorCode::kPermissionDenied);
  auto foreign_edit = service_->save_text(outsider(), czj_, 2024, 0, complete_text(), ctx_);
  ASSERT_FALSE(foreign_edit);
  EXPECT_EQ(foreign_edit.error().code(), ErrorCode::kPermissionDenied);
  auto foreign_cells = service_->cell_ids(outsider(), czj_, 2024, "new_this_year", "total");
  ASSERT_FALSE(foreign_cells);
  EXPECT_EQ(foreign_cells.error().code(), ErrorCode::kPermissionDenied);

  EXPECT_TRUE(service_->get(analyst(), czj_, 2024));
  auto analyst_edit = service_->save_text(analyst(), czj_, 2024, 0, complete_text(), ctx_);
  ASSERT_FALSE(analyst_edit);
  EXPECT_EQ(analyst_edit.error().code(), ErrorCode::kPermissionDenied);

  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  clock_.set(at("2025-01-10"));
  auto editor_submit = service_->submit(editor(), czj_, 2024, 1, ctx_);
  ASSERT_FALSE(editor_submit);
  EXPECT_EQ(editor_submit.error().code(), ErrorCode::kPermissionDenied);
  auto foreign_submit = service_->submit(outsider(), czj_, 2024, 1, ctx_);
  ASSERT_FALSE(foreign_submit);
  EXPECT_EQ(foreign_submit.error().code(), ErrorCode::kPermissionDenied);

  EXPECT_TRUE(service_->get(supervisor(), czj_, 2024));  // 公开办: city-wide
  auto editor_overview = service_->overview(editor(), 2024);
  ASSERT_FALSE(editor_overview);
  EXPECT_EQ(editor_overview.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_->overview(supervisor(), 2024));
  auto editor_reminders = service_->due_reminders(editor(), d("2025-01-25"), ctx_);
  ASSERT_FALSE(editor_reminders);
  EXPECT_EQ(editor_reminders.error().code(), ErrorCode::kPermissionDenied);
  GK_ASSERT_OK(service_->submit(approver(), czj_, 2024, 1, ctx_));  // 机构负责人 may
}

// ---- 报送 ----

TEST_P(AnnualReportTest, AnnualReportSubmitIsRefusedWithEmptyTextOrBeforeTheYearEnds) {
  auto unsaved = service_->submit(reviewer(), czj_, 2024, 0, ctx_);
  ASSERT_FALSE(unsaved);
  EXPECT_EQ(unsaved.error().code(), ErrorCode::kFailedPrecondition);

  ReportText text = complete_text();
  text.problems = " \n\t　";  // blank after trimming (U+3000 included)
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, text, ctx_));
  auto refused = service_->submit(reviewer(), czj_, 2024, 1, ctx_);  // 2024-10-04
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message().find("五、存在的主要问题及改进情况"), std::string::npos)
      << refused.error().message();
  EXPECT_NE(refused.error().message().find("2024年度尚未结束"), std::string::npos)
      << refused.error().message();

  clock_.set(at("2024-12-31"));  // the last day of the year is still inside it
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 1, complete_text(), ctx_));
  auto last_day = service_->submit(reviewer(), czj_, 2024, 2, ctx_);
  ASSERT_FALSE(last_day);
  EXPECT_EQ(last_day.error().message().find("五、"), std::string::npos);
  EXPECT_NE(last_day.error().message().find("2024年度尚未结束"), std::string::npos);

  clock_.set(at("2025-01-01"));
  auto stale = service_->submit(reviewer(), czj_, 2024, 1, ctx_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 2, ctx_));
  EXPECT_EQ(view(czj_)->status.stage, ReportStage::kSubmitted);
  auto twice = service_->submit(reviewer(), czj_, 2024, 3, ctx_);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(AnnualReportTest, AnnualReportSubmitFreezesFiguresAndTextInTheSnapshot) {
  const FoiCaseId first = register_case(czj_, "2024-03-01");
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  clock_.set(at("2025-01-10"));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 1, ctx_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.submit'"), 1);

  // A late registration of a 2024 application changes the data, not the submitted report.
  const FoiCaseId late = register_case(czj_, "2024-12-20");
  auto v = service_->get(reviewer(), czj_, 2024, /*drill_down=*/true);
  ASSERT_TRUE(v) << describe(v.error());
  EXPECT_EQ(v->status.stage, ReportStage::kSubmitted);
  EXPECT_EQ(v->status.submitted_at, at("2025-01-10"));
  EXPECT_EQ(v->status.version, 2);
  EXPECT_EQ(v->report.applications.at("new_this_year")[6], 1);
  EXPECT_EQ(v->report.overview, complete_text().overview);
  EXPECT_EQ(v->report.department_name, "东阳市财政局");
  auto cells = service_->cell_ids(reviewer(), czj_, 2024, "new_this_year", "total");
  ASSERT_TRUE(cells) << describe(cells.error());
  EXPECT_EQ(*cells, std::vector<int64_t>{first.value});
  auto forward = service_->cell_ids(reviewer(), czj_, 2024, "carried_forward", "natural_person");
  ASSERT_TRUE(forward);
  EXPECT_EQ(*forward, std::vector<int64_t>{first.value});
  auto handled = service_->cell_ids(reviewer(), czj_, 2024, "total_handled", "total");
  ASSERT_TRUE(handled);
  EXPECT_TRUE(handled->empty());
  auto remedies = service_->cell_ids(reviewer(), czj_, 2024, "reconsideration", "total");
  ASSERT_TRUE(remedies);
  EXPECT_TRUE(remedies->empty());
  auto bad_row = service_->cell_ids(reviewer(), czj_, 2024, "nosuch", "total");
  ASSERT_FALSE(bad_row);
  EXPECT_EQ(bad_row.error().code(), ErrorCode::kInvalidArgument);
  auto bad_column = service_->cell_ids(reviewer(), czj_, 2024, "reconsideration", "natural_person");
  ASSERT_FALSE(bad_column);
  EXPECT_EQ(bad_column.error().code(), ErrorCode::kInvalidArgument);

  // The frozen text cannot be edited; the CLI's report is the snapshot too.
  auto edit = service_->save_text(editor(), czj_, 2024, 2, complete_text(), ctx_);
  ASSERT_FALSE(edit);
  EXPECT_EQ(edit.error().code(), ErrorCode::kFailedPrecondition);
  auto cli = service_->report(Principal::system(), czj_, 2024);
  ASSERT_TRUE(cli);
  EXPECT_EQ(cli->applications.at("new_this_year")[6], 1);
  EXPECT_TRUE(cli->cell_cases.empty());

  // Reopened, the figures follow the data again.
  GK_ASSERT_OK(service_->reopen(reviewer(), czj_, 2024, 2, "补录12月登记的申请", ctx_));
  auto live = service_->get(reviewer(), czj_, 2024, true);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status.stage, ReportStage::kDraft);
  EXPECT_EQ(live->report.applications.at("new_this_year")[6], 2);
  auto both = service_->cell_ids(reviewer(), czj_, 2024, "new_this_year", "total");
  ASSERT_TRUE(both);
  EXPECT_EQ(*both, (std::vector<int64_t>{first.value, late.value}));
}

TEST_P(AnnualReportTest, AnnualReportReopenNeedsAReasonAndOnlyBeforeADocumentExists) {
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  auto draft = service_->reopen(supervisor(), czj_, 2024, 1, "理由", ctx_);
  ASSERT_FALSE(draft);
  EXPECT_EQ(draft.error().code(), ErrorCode::kFailedPrecondition);

  clock_.set(at("2025-01-10"));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 1, ctx_));
  auto no_reason = service_->reopen(supervisor(), czj_, 2024, 2, "  ", ctx_);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code(), ErrorCode::kInvalidArgument);
  auto by_editor = service_->reopen(editor(), czj_, 2024, 2, "理由", ctx_);
  ASSERT_FALSE(by_editor);
  EXPECT_EQ(by_editor.error().code(), ErrorCode::kPermissionDenied);
  auto stale = service_->reopen(supervisor(), czj_, 2024, 1, "理由", ctx_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  GK_ASSERT_OK(service_->reopen(supervisor(), czj_, 2024, 2, "数据有误，请更正", ctx_));  // 公开办
  EXPECT_EQ(view(czj_)->status.stage, ReportStage::kDraft);
  EXPECT_FALSE(view(czj_)->status.submitted_at);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.reopen' AND summary LIKE '%数据有误%'"),
      1);

  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 3, ctx_));
  GK_ASSERT_OK(service_->publish(editor(), czj_, 2024, ctx_));
  auto published = service_->reopen(reviewer(), czj_, 2024, version(czj_), "理由", ctx_);
  ASSERT_FALSE(published);
  EXPECT_EQ(published.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(AnnualReportTest, AnnualReportWithTheDraftsPlacesToCompleteIsNotSubmitted) {
  clock_.set(at("2025-01-10"));
  auto v = view(czj_);
  ASSERT_TRUE(v);
  ASSERT_NE(v->drafted.problems.find(report::kToComplete), std::string::npos);
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, v->drafted, ctx_));  // the draft as it is
  auto refused = service_->submit(reviewer(), czj_, 2024, 1, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message().find("“五、存在的主要问题及改进情况”中仍有待补充的内容"), std::string::npos)
      << refused.error().message();
  ReportText done = v->drafted;
  done.problems = complete_text().problems;
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 1, done, ctx_));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 2, ctx_));
}

TEST_P(AnnualReportTest, AnnualReportReturnedByTheReviewerIsReopenedAndItsDocumentUpdatedOnRepublish) {
  register_case(czj_, "2024-03-01");
  clock_.set(at("2025-01-10"));
  save_and_submit(czj_, editor(), reviewer());
  auto first = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_TRUE(first) << describe(first.error());
  // In review: the report cannot be reopened until the reviewer returns the document.
  auto in_review = service_->reopen(reviewer(), czj_, 2024, version(czj_), "数字有误", ctx_);
  ASSERT_FALSE(in_review);
  EXPECT_EQ(in_review.error().code(), ErrorCode::kFailedPrecondition);
  GK_ASSERT_OK(documents_->act(reviewer(), *first, document_version(*first), documents::WorkflowAction::kReturn,
                               "第三部分数字有误", ctx_));
  GK_ASSERT_OK(service_->reopen(reviewer(), czj_, 2024, version(czj_), "审核退回：数字有误", ctx_));
  EXPECT_EQ(view(czj_)->status.stage, ReportStage::kDraft);

  // A case registered since then enters the figures; the corrected report is submitted again and
  // the same document carries the new body and a new PDF, back in review.
  clock_.set(at("2024-06-01"));
  register_case(czj_, "2024-06-01");
  clock_.set(at("2025-01-12"));
  ReportText corrected = complete_text();
  corrected.overview += "（更正版）";
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, version(czj_), corrected, ctx_));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, version(czj_), ctx_));
  auto again = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_TRUE(again) << describe(again.error());
  EXPECT_EQ(*again, *first);
  auto doc = documents_->get(Principal::system(), *first);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->document.state, documents::PublicationState::kSubmitted);
  EXPECT_NE(doc->document.body_html.find("（更正版）"), std::string::npos);
  auto pdfs = documents_->attachments(Principal::system(), *first);
  ASSERT_TRUE(pdfs);
  ASSERT_EQ(pdfs->size(), 1u) << "the earlier PDF gave way to the new one";
  EXPECT_EQ((*pdfs)[0].content_type, "application/pdf");
  EXPECT_EQ(view(czj_)->status.stage, ReportStage::kInReview);
  EXPECT_EQ(view(czj_)->report.applications.at("new_this_year")[6], 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE title LIKE '%2024年政府信息公开工作年度报告'"), 1);

  // Published, the report is corrected only after the document is withdrawn.
  approve_and_release(*first, reviewer());
  EXPECT_EQ(view(czj_)->status.stage, ReportStage::kPublished);
  auto published = service_->reopen(reviewer(), czj_, 2024, version(czj_), "再次更正", ctx_);
  ASSERT_FALSE(published);
  EXPECT_EQ(published.error().code(), ErrorCode::kFailedPrecondition);
}

// ---- Publication ----

TEST_P(AnnualReportTest, AnnualReportPublishCreatesTheDocumentInTheAnnualReportColumnAndSubmitsIt) {
  register_case(czj_, "2024-03-01");
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  auto not_submitted = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_FALSE(not_submitted);
  EXPECT_EQ(not_submitted.error().code(), ErrorCode::kFailedPrecondition);

  clock_.set(at("2025-01-10"));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 1, ctx_));
  auto foreign = service_->publish(outsider(), czj_, 2024, ctx_);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), ErrorCode::kPermissionDenied);
  auto id = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_TRUE(id) << describe(id.error());

  auto doc = documents_->get(Principal::system(), *id);
  ASSERT_TRUE(doc) << describe(doc.error());
  EXPECT_EQ(doc->document.title, "东阳市财政局2024年政府信息公开工作年度报告");
  EXPECT_EQ(doc->document.department, czj_);
  EXPECT_EQ(doc->document.state, documents::PublicationState::kSubmitted);
  auto columns = documents_->columns(czj_);
  ASSERT_TRUE(columns);
  std::optional<ColumnId> annual;
  for (const auto& c : *columns)
    if (c.key == "annual_report") annual = c.id;
  ASSERT_TRUE(annual);
  EXPECT_EQ(doc->document.columns, std::vector<ColumnId>{*annual});
  // The body keeps the official tables through the library's sanitiser.
  EXPECT_NE(doc->document.body_html.find("<table>"), std::string::npos);
  EXPECT_NE(doc->document.body_html.find("rowspan"), std::string::npos);
  EXPECT_NE(doc->document.body_html.find(complete_text().overview), std::string::npos);
  auto attachments = documents_->attachments(editor(), *id);
  ASSERT_TRUE(attachments);
  ASSERT_EQ(attachments->size(), 1u);
  EXPECT_EQ((*attachments)[0].content_type, "application/pdf");
  EXPECT_EQ((*attachments)[0].file_name, "东阳市财政局2024年政府信息公开工作年度报告.pdf");

  auto v = view(czj_);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status.stage, ReportStage::kInReview);
  EXPECT_EQ(v->status.document, *id);
  EXPECT_FALSE(v->status.published_at);
  auto again = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.publish'"), 1);

  // The library's review by another user: once public, the report counts as published.
  approve_and_release(*id, reviewer());
  clock_.advance_seconds(60);
  auto published = view(czj_);
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status.stage, ReportStage::kPublished);
  ASSERT_TRUE(published->status.published_at);
  EXPECT_EQ(*published->status.published_at, at("2025-01-10"));
  EXPECT_FALSE(published->status.overdue);
}

TEST_P(AnnualReportTest, AnnualReportPublishRetriedAfterAFailedAttachmentCompletesTheSameDocument) {
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  clock_.set(at("2025-01-10"));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 1, ctx_));
  files_.set_fail_writes(true);  // the PDF cannot be stored
  auto failed = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code(), ErrorCode::kUnavailable);
  auto half = view(czj_);
  ASSERT_TRUE(half);
  ASSERT_TRUE(half->status.document);  // recorded right after creation
  EXPECT_EQ(half->status.stage, ReportStage::kInReview);

  files_.set_fail_writes(false);
  auto id = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_TRUE(id) << describe(id.error());
  EXPECT_EQ(*id, *half->status.document);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 1);
  auto attachments = documents_->attachments(editor(), *id);
  ASSERT_TRUE(attachments);
  EXPECT_EQ(attachments->size(), 1u);
  EXPECT_EQ(documents_->get(Principal::system(), *id)->document.state,
            documents::PublicationState::kSubmitted);
}

TEST_P(AnnualReportTest, AnnualReportAdminPublishesIntoTheOrgansColumn) {
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  clock_.set(at("2025-01-10"));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 1, ctx_));
  auto reviewer_publish = service_->publish(reviewer(), czj_, 2024, ctx_);  // no editor role
  ASSERT_FALSE(reviewer_publish);
  EXPECT_EQ(reviewer_publish.error().code(), ErrorCode::kPermissionDenied);
  auto id = service_->publish(admin(), czj_, 2024, ctx_);
  ASSERT_TRUE(id) << describe(id.error());
  auto doc = documents_->get(Principal::system(), *id);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->document.department, czj_);
  EXPECT_EQ(doc->document.issuers, std::vector<std::string>{"东阳市财政局"});
  EXPECT_EQ(doc->document.state, documents::PublicationState::kSubmitted);
}

// ---- The city ----

TEST_P(AnnualReportTest, AnnualReportOfTheGovernmentCoversTheWholeCity) {
  register_case(czj_, "2024-03-01");
  register_case(sfb_, "2024-05-06");
  GK_ASSERT_OK(statistics_->upload(Principal::system(),
                                   {{czj_, 2024, 120, 45, 3, 125000}, {sfb_, 2024, 7, 0, 0, 125}}, ctx_));
  auto city = service_->get(supervisor(), gov_, 2024);
  ASSERT_TRUE(city) << describe(city.error());
  EXPECT_EQ(city->report.department_code, "");
  EXPECT_EQ(city->report.department_name, "东阳市人民政府");
  EXPECT_EQ(city->report.applications.at("new_this_year")[6], 2);
  EXPECT_EQ(city->report.proactive.licensing_decisions, 127);
  EXPECT_DOUBLE_EQ(city->report.proactive.fees_10k_yuan, 12.5125);
  EXPECT_EQ(city->status.deadline, d("2025-03-31"));
  EXPECT_TRUE(report::to_json(city->report).starts_with("{\"year\":2024,\"department\":null,"));
  auto czj = service_->report(Principal::system(), czj_, 2024);
  ASSERT_TRUE(czj);
  EXPECT_EQ(czj->applications.at("new_this_year")[6], 1);
  EXPECT_EQ(czj->proactive.penalties, 45);
  EXPECT_TRUE(report::to_json(*czj).starts_with("{\"year\":2024,\"department\":\"czj\","));
}

TEST_P(AnnualReportTest, AnnualReportOverviewListsEveryOrganWithDeadlinesAndOverdueFlags) {
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  clock_.set(at("2025-02-05"));
  auto all = service_->overview(supervisor(), 2024);
  ASSERT_TRUE(all) << describe(all.error());
  ASSERT_EQ(all->size(), 3u);
  const auto& gov = (*all)[0];
  EXPECT_EQ(gov.department.id, gov_);  // the government first
  EXPECT_EQ(gov.deadline, d("2025-03-31"));
  EXPECT_EQ(gov.days_left, 54);
  EXPECT_FALSE(gov.overdue);
  EXPECT_EQ(gov.stage, ReportStage::kNotStarted);
  for (size_t i = 1; i < all->size(); ++i) {
    const auto& s = (*all)[i];
    EXPECT_EQ(s.deadline, d("2025-01-31")) << s.department.name;
    EXPECT_EQ(s.days_left, -5);
    EXPECT_TRUE(s.overdue);
    EXPECT_EQ(s.stage, s.department.id == czj_ ? ReportStage::kDraft : ReportStage::kNotStarted);
    EXPECT_EQ(s.version, s.department.id == czj_ ? 1 : 0);
  }
}

// ---- Reminders ----

TEST_P(AnnualReportTest, AnnualReportDueRemindersAreSentOncePerThresholdAndSkipPublishedReports) {
  clock_.set(at("2025-01-25"));
  auto sent = service_->due_reminders(Principal::system(), d("2025-01-25"), ctx_);
  ASSERT_TRUE(sent) << describe(sent.error());
  ASSERT_EQ(sent->size(), 2u);  // the departments (6 days left); the government has 65
  for (const auto& r : *sent) {
    EXPECT_EQ(r.year, 2024);
    EXPECT_EQ(r.threshold, "7");
    EXPECT_EQ(r.deadline, d("2025-01-31"));
  }
  const auto& czj = (*sent)[0].department == czj_ ? (*sent)[0] : (*sent)[1];
  EXPECT_EQ(czj.message, "东阳市财政局2024年政府信息公开工作年度报告距法定发布期限（2025-01-31）还有6天");
  auto again = service_->due_reminders(Principal::system(), d("2025-01-25"), ctx_);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'mail:report_reminder'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.reminders'"), 1);

  // czj publishes its report; after the deadline only the other department is reminded.
  save_and_submit(czj_, editor(), reviewer());
  auto id = service_->publish(editor(), czj_, 2024, ctx_);
  ASSERT_TRUE(id) << describe(id.error());
  approve_and_release(*id, reviewer());
  clock_.set(at("2025-02-03"));
  auto overdue = service_->due_reminders(admin(), d("2025-02-03"), ctx_);
  ASSERT_TRUE(overdue) << describe(overdue.error());
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ((*overdue)[0].department, sfb_);
  EXPECT_EQ((*overdue)[0].threshold, "overdue");
  EXPECT_NE((*overdue)[0].message.find("第四十九条"), std::string::npos) << (*overdue)[0].message;
  EXPECT_NE((*overdue)[0].message.find("2025-01-31"), std::string::npos);

  auto own = service_->reminders(editor());
  ASSERT_TRUE(own);
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].department, czj_);
  auto everyone = service_->reminders(supervisor());
  ASSERT_TRUE(everyone);
  ASSERT_EQ(everyone->size(), 3u);
  EXPECT_EQ((*everyone)[0].threshold, "overdue");                                        // newest first
  auto too_early = service_->due_reminders(Principal::system(), d("2025-01-05"), ctx_);  // 26 days left
  ASSERT_TRUE(too_early);
  EXPECT_TRUE(too_early->empty());
}

TEST_P(AnnualReportTest, AnnualReportChangesWriteOneAuditRowEach) {
  GK_ASSERT_OK(service_->save_text(editor(), czj_, 2024, 0, complete_text(), ctx_));
  clock_.set(at("2025-01-10"));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 1, ctx_));
  GK_ASSERT_OK(service_->reopen(reviewer(), czj_, 2024, 2, "更正", ctx_));
  GK_ASSERT_OK(service_->submit(reviewer(), czj_, 2024, 3, ctx_));
  GK_ASSERT_OK(service_->publish(editor(), czj_, 2024, ctx_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'report.%' AND target = 'annual_report:" +
                  std::to_string(czj_.value) + ":2024'"),
            5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.submit' AND actor LIKE 'user:22 %'"),
            2);
}

GK_INSTANTIATE_ENGINE_TESTS(AnnualReportTest);

}  // namespace
}  // namespace gk::storage_test
