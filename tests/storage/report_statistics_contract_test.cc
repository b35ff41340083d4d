// Department statistics of the annual report (report/statistics.h) over SQL, every body on SQLite
// and PostgreSQL: a CSV upload writes one row per department and year and one audit row each; a
// second upload replaces the row; totals sum a year's rows; permissions; and build_annual_report
// reading the document library and the FOI tables of the scope.
#include "documents/workflow.h"
#include "library_fixture.h"
#include "report/annual_report_builder.h"
#include "report/statistics.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/repos/sql_statistics_store.h"

namespace gk::storage_test {
namespace {

using accounts::Role;

class ReportStatisticsTest : public LibraryTest {
 protected:
  void SetUp() override {
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = std::make_unique<storage::SqlStatisticsStore>(db(), clock_);
    service_ = std::make_unique<report::StatisticsService>(*store_, clock_);
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    LibraryTest::TearDown();
  }
  int64_t count(const std::string& sql) {
    auto lease = db().acquire();
    EXPECT_TRUE(lease);
    auto rs = (*lease)->query(sql);
    EXPECT_TRUE(rs) << describe(rs.error());
    return rs ? rs->rows.at(0).get_int(0) : -1;
  }
  std::vector<accounts::Department> depts() {
    const auto system = accounts::Principal::system();
    auto d = accounts_->list_departments(&system);
    EXPECT_TRUE(d);
    return d ? *d : std::vector<accounts::Department>{};
  }
  std::unique_ptr<storage::SqlStatisticsStore> store_;
  std::unique_ptr<report::StatisticsService> service_;
};

TEST_P(ReportStatisticsTest, UploadWritesAuditsReplacesAndSums) {
  auto parsed = report::parse_statistics_csv(
      "\xEF\xBB\xBF"
      "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\r\n"
      "czj,2023,120,45,3,12.5\r\n"
      "东阳市人民政府办公室,2023,7,0,0,0.0125\r\n"
      "nosuch,2023,1,1,1,1\r\n"
      "czj,2023,-1,1,1,1\r\n"
      "czj,2023,1,1,1,1.23456\r\n"
      "czj,2022,9,9,9,9\r\n",
      depts());
  ASSERT_TRUE(parsed) << describe(parsed.error());
  ASSERT_EQ(parsed->rows.size(), 3u);
  ASSERT_EQ(parsed->rejected.size(), 3u);
  EXPECT_EQ(parsed->rejected[0].first, 4);
  EXPECT_EQ(parsed->rows[0].fees_yuan, 125000);
  EXPECT_EQ(parsed->rows[1].fees_yuan, 125);

  auto written = service_->upload(accounts::Principal::system(), parsed->rows, ctx_);
  ASSERT_TRUE(written) << describe(written.error());
  EXPECT_EQ(*written, 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM report_statistics"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.statistics'"), 3);

  auto city = service_->totals(2023, std::nullopt);
  ASSERT_TRUE(city);
  EXPECT_EQ(city->licensing_decisions, 127);
  EXPECT_EQ(city->fees_yuan, 125125);
  auto czj = service_->totals(2023, czj_);
  ASSERT_TRUE(czj);
  EXPECT_EQ(czj->penalties, 45);

  // A second upload replaces the row of (department, year).
  report::StatisticsRow again = parsed->rows[0];
  again.penalties = 50;
  ASSERT_TRUE(service_->upload(accounts::Principal::system(), {again}, ctx_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM report_statistics"), 3);
  EXPECT_EQ(service_->totals(2023, czj_)->penalties, 50);
}

TEST_P(ReportStatisticsTest, OnlyTheDepartmentsOwnReviewerOrTheCityMayUpload) {
  report::StatisticsRow row{czj_, 2023, 1, 2, 3, 4};
  EXPECT_TRUE(service_->upload(staff(7, "审核", czj_, {Role::kReviewer}), {row}, ctx_));
  EXPECT_TRUE(service_->upload(staff(8, "公开办", sfb_, {Role::kSupervisor}), {row}, ctx_));
  auto other = service_->upload(staff(9, "他人", sfb_, {Role::kReviewer}), {row}, ctx_);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kPermissionDenied);
  auto editor = service_->upload(staff(10, "信息员", czj_, {Role::kEditor}), {row}, ctx_);
  ASSERT_FALSE(editor);
  EXPECT_EQ(editor.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_FALSE(report::parse_statistics_csv("department,year\nczj,2023\n", depts()));
}

// build_annual_report over both engines: a published 行政规范性文件 of 2024 counts as issued and in
// force in 2024 (and not at all in 2023); the FOI part is empty and the cross-checks hold.
TEST_P(ReportStatisticsTest, AnnualReportReadsTheNormativeDocumentsOfTheScope) {
  const auto editor = staff(11, "信息员", czj_, {Role::kEditor});
  const auto reviewer = staff(12, "审核人", czj_, {Role::kReviewer});
  documents::DocumentDraft d;
  d.title = "东阳市财政局关于某事项的管理办法";
  d.formed_on = "2024-09-20";
  d.written_on = "2024-09-20";
  d.effective_on = "2024-10-01";
  d.genre = "measures";
  d.topic = "finance";
  d.summary = "概述";
  d.body_html = "<p>第一条 正文。</p>";
  d.normative = true;
  d.unified_number = "DYCZ-1";
  auto id = documents_->create(editor, d, ctx_);
  ASSERT_TRUE(id) << describe(id.error());
  auto version = [&] { return documents_->get(accounts::Principal::system(), *id)->document.version; };
  ASSERT_TRUE(documents_->act(editor, *id, version(), documents::WorkflowAction::kSubmit, "", ctx_));
  ASSERT_TRUE(documents_->act(reviewer, *id, version(), documents::WorkflowAction::kApprove, "", ctx_));
  auto published = documents_->publish(reviewer, *id, version(), std::nullopt, ctx_);
  ASSERT_TRUE(published) << describe(published.error());

  storage::SqlFoiStore foi(db(), clock_);
  auto r2024 = report::build_annual_report(foi, *document_store_, 2024, czj_, "czj", "东阳市财政局");
  ASSERT_TRUE(r2024) << describe(r2024.error());
  EXPECT_EQ(r2024->proactive.normative_documents.issued, 1);
  EXPECT_EQ(r2024->proactive.normative_documents.in_force, 1);
  EXPECT_EQ(r2024->proactive.normative_documents.repealed, 0);
  EXPECT_TRUE(r2024->check_errors.empty());
  auto other = report::build_annual_report(foi, *document_store_, 2024, sfb_, "sfb", "东阳市人民政府办公室");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->proactive.normative_documents.issued, 0);
  auto r2023 = report::build_annual_report(foi, *document_store_, 2023, std::nullopt, "", "东阳市人民政府");
  ASSERT_TRUE(r2023);
  EXPECT_EQ(r2023->proactive.normative_documents.in_force, 0);
  EXPECT_EQ(r2023->applications.at("total_handled")[6], 0);
  EXPECT_FALSE(report::build_annual_report(foi, *document_store_, 1999, std::nullopt, "", ""));
}

GK_INSTANTIATE_ENGINE_TESTS(ReportStatisticsTest);

}  // namespace
}  // namespace gk::storage_test
