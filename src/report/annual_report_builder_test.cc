// The builder on a fixture year (2023) with cases across both year boundaries, every outcome, every
// applicant column and remedies decided after the year; its JSON against tests/golden/.
#include "report/annual_report_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "foi/applicant.h"
#include "foi/outcome.h"
#include "report/report_json.h"

namespace gk::report {
namespace {

using foi::ApplicantType;
using foi::Outcome;
using foi::RemedyKind;
using foi::RemedyOutcome;

Date d(std::string_view s) { return *Date::parse(s); }

foi::CaseReportRow kase(int64_t id, ApplicantType t, std::string_view received,
                        std::optional<std::string_view> closed = {}, std::optional<Outcome> o = {}) {
  foi::CaseReportRow r;
  r.id = FoiCaseId(id);
  r.department = DepartmentId(1);
  r.applicant_type = t;
  r.received_on = d(received);
  if (closed) r.closed_on = d(*closed);
  r.outcome = o;
  return r;
}

foi::RemedyReportRow remedy(int64_t id, RemedyKind k, std::string_view filed,
                            std::optional<std::string_view> decided, RemedyOutcome o) {
  foi::RemedyReportRow r;
  r.id = FoiRemedyId(id);
  r.case_id = FoiCaseId(1);
  r.department = DepartmentId(1);
  r.kind = k;
  r.filed = d(filed);
  if (decided) r.decided = d(*decided);
  r.outcome = o;
  return r;
}

// The fixture year 2023 of 东阳市财政局 (czj).
AnnualReport fixture_report(bool drill_down = true) {
  AnnualReportBuilder b(2023, "czj", "东阳市财政局", drill_down);
  using enum ApplicantType;
  b.add_case(kase(1, kNaturalPerson, "2023-03-01", "2023-03-20", Outcome::kDisclosed));
  b.add_case(
      kase(2, kNaturalPerson, "2022-12-20", "2023-01-10", Outcome::kPartiallyDisclosed));  // carried over
  b.add_case(kase(3, kNaturalPerson, "2022-11-01", "2022-12-01", Outcome::kDisclosed));  // closed before: out
  b.add_case(kase(4, kCommercialEnterprise, "2023-12-25"));                              // carried forward
  b.add_case(kase(5, kCommercialEnterprise, "2022-12-28", "2024-01-05", Outcome::kWithheldThirdPartyRights));
  b.add_case(kase(6, kResearchInstitution, "2024-01-02"));  // received after: out
  b.add_case(kase(7, kSocialWelfareOrganization, "2023-05-05", "2023-06-01", Outcome::kUnableNotHeld));
  b.add_case(kase(8, kLegalServiceInstitution, "2023-07-01", "2023-07-20", Outcome::kNotProcessedRepeat));
  b.add_case(kase(9, kOtherOrganization, "2023-08-01", "2023-08-30", Outcome::kOtherFeeUnpaid));
  b.add_case(kase(10, kNaturalPerson, "2023-01-01", "2023-12-31", Outcome::kWithheldStateSecret));
  b.add_case(kase(11, kNaturalPerson, "2022-12-31"));  // carried over and forward
  b.add_case(kase(12, kResearchInstitution, "2023-02-02", "2023-02-20", Outcome::kOtherNoClarification));
  for (const auto& info : foi::outcomes())  // one natural-person case per outcome
    b.add_case(
        kase(100 + static_cast<int>(info.outcome), kNaturalPerson, "2023-04-03", "2023-05-04", info.outcome));

  b.add_remedy(remedy(1, RemedyKind::kReconsideration, "2023-03-01", "2023-05-01", RemedyOutcome::kUpheld));
  b.add_remedy(
      remedy(2, RemedyKind::kReconsideration, "2023-06-01", "2024-02-01", RemedyOutcome::kCorrected));
  b.add_remedy(
      remedy(3, RemedyKind::kLitigationDirect, "2023-09-01", "2023-11-01", RemedyOutcome::kCorrected));
  b.add_remedy(remedy(4, RemedyKind::kLitigationAfterReconsideration, "2023-10-01", std::nullopt,
                      RemedyOutcome::kPending));
  b.add_remedy(
      remedy(5, RemedyKind::kReconsideration, "2022-12-01", "2023-02-01", RemedyOutcome::kOther));  // out
  b.add_remedy(remedy(6, RemedyKind::kLitigationDirect, "2023-04-01", "2023-08-01", RemedyOutcome::kOther));

  b.add_document({.id = 71, .rule = false, .issued = true, .repealed = false, .in_force = true});
  b.add_document({.id = 72, .rule = false, .issued = true, .repealed = false, .in_force = true});
  b.add_document({.id = 73, .rule = false, .issued = false, .repealed = true, .in_force = false});
  b.add_document({.id = 74, .rule = false, .issued = false, .repealed = false, .in_force = true});
  b.add_statistics(
      {.licensing_decisions = 120, .penalties = 45, .enforcement_measures = 3, .fees_10k_yuan = 12.5});
  b.add_fee(300);
  b.add_fee(50.5);
  return b.finish();
}

TEST(AnnualReportTest, RowAndColumnKeysMatchOutcomesAndApplicantTypes) {
  const auto outs = foi::outcomes();
  ASSERT_EQ(outs.size(), 21u);
  for (size_t i = 0; i < outs.size(); ++i) EXPECT_EQ(outs[i].key, kApplicationRows[2 + i]);
  const auto types = foi::applicant_types();
  ASSERT_EQ(types.size(), 6u);
  for (size_t i = 0; i < types.size(); ++i) EXPECT_EQ(types[i].key, kApplicationColumns[i]);
  for (auto k : kApplicationRows) EXPECT_FALSE(application_row_label(k).empty()) << k;
  for (auto k : kApplicationColumns) EXPECT_FALSE(application_column_label(k).empty()) << k;
  EXPECT_EQ(application_row_label("new_this_year"), "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(application_column_label("total"), "总计");
}

TEST(AnnualReportBuilderTest, FixtureYearCountsEveryCell) {
  const AnnualReport r = fixture_report();
  EXPECT_EQ(r.year, 2023);
  //                      自然人 商业 科研 公益 法律 其他 总计
  const std::map<std::string, Row, std::less<>> expected = {
      {"new_this_year", {23, 1, 1, 1, 1, 1, 28}},
      {"carried_over", {2, 1, 0, 0, 0, 0, 3}},
      {"disclosed", {2, 0, 0, 0, 0, 0, 2}},
      {"partially_disclosed", {2, 0, 0, 0, 0, 0, 2}},
      {"withheld_state_secret", {2, 0, 0, 0, 0, 0, 2}},
      {"withheld_prohibited_by_law", {1, 0, 0, 0, 0, 0, 1}},
      {"withheld_security_stability", {1, 0, 0, 0, 0, 0, 1}},
      {"withheld_third_party_rights", {1, 0, 0, 0, 0, 0, 1}},  // case 5 closed in 2024: not here
      {"withheld_internal_affairs", {1, 0, 0, 0, 0, 0, 1}},
      {"withheld_process_information", {1, 0, 0, 0, 0, 0, 1}},
      {"withheld_law_enforcement_files", {1, 0, 0, 0, 0, 0, 1}},
      {"withheld_administrative_query", {1, 0, 0, 0, 0, 0, 1}},
      {"unable_not_held", {1, 0, 0, 1, 0, 0, 2}},
      {"unable_needs_creation", {1, 0, 0, 0, 0, 0, 1}},
      {"unable_unclear_after_clarification", {1, 0, 0, 0, 0, 0, 1}},
      {"not_processed_petition_complaint", {1, 0, 0, 0, 0, 0, 1}},
      {"not_processed_repeat", {1, 0, 0, 0, 1, 0, 2}},
      {"not_processed_publication", {1, 0, 0, 0, 0, 0, 1}},
      {"not_processed_excessive", {1, 0, 0, 0, 0, 0, 1}},
      {"not_processed_confirm_or_reissue", {1, 0, 0, 0, 0, 0, 1}},
      {"other_no_clarification", {1, 0, 1, 0, 0, 0, 2}},
      {"other_fee_unpaid", {1, 0, 0, 0, 0, 1, 2}},
      {"other_other", {1, 0, 0, 0, 0, 0, 1}},
      {"total_handled", {24, 0, 1, 1, 1, 1, 28}},
      {"carried_forward", {1, 2, 0, 0, 0, 0, 3}},
  };
  ASSERT_EQ(r.applications.size(), kApplicationRows.size());
  for (auto key : kApplicationRows) {
    ASSERT_TRUE(expected.contains(key)) << key;
    EXPECT_EQ(r.applications.at(std::string(key)), expected.find(key)->second) << key;
  }
  EXPECT_TRUE(r.check_errors.empty()) << r.check_errors.front();

  EXPECT_EQ(r.reconsideration.upheld, 1);
  EXPECT_EQ(r.reconsideration.corrected, 0);
  EXPECT_EQ(r.reconsideration.pending, 1);  // decided 2024-02-01: pending at the end of 2023
  EXPECT_EQ(r.reconsideration.total, 2);    // remedy 5 was filed in 2022
  EXPECT_EQ(r.litigation_direct.corrected, 1);
  EXPECT_EQ(r.litigation_direct.other, 1);
  EXPECT_EQ(r.litigation_direct.total, 2);
  EXPECT_EQ(r.litigation_after_reconsideration.pending, 1);
  EXPECT_EQ(r.litigation_after_reconsideration.total, 1);

  EXPECT_EQ(r.proactive.normative_documents.issued, 2);
  EXPECT_EQ(r.proactive.normative_documents.repealed, 1);
  EXPECT_EQ(r.proactive.normative_documents.in_force, 3);
  EXPECT_EQ(r.proactive.rules.issued, 0);
  EXPECT_EQ(r.proactive.licensing_decisions, 120);
  EXPECT_DOUBLE_EQ(r.proactive.fees_10k_yuan, 12.5);
  EXPECT_DOUBLE_EQ(r.fees_yuan, 350.5);
}

TEST(AnnualReportBuilderTest, CellsDrillDownToTheirCases) {
  const AnnualReport r = fixture_report();
  EXPECT_EQ(r.cell_cases.at("carried_over/natural_person"), (std::vector<int64_t>{2, 11}));
  EXPECT_EQ(r.cell_cases.at("carried_forward/commercial_enterprise"), (std::vector<int64_t>{4, 5}));
  // Section 四 cells lead to the cases the remedies were brought against, each case once.
  EXPECT_EQ(r.cell_cases.at("reconsideration/pending"), (std::vector<int64_t>{1}));
  EXPECT_EQ(r.cell_cases.at("litigation_direct/other"), (std::vector<int64_t>{1}));
  EXPECT_FALSE(r.cell_cases.contains("new_this_year/natural_person") &&
               std::ranges::find(r.cell_cases.at("new_this_year/natural_person"), 3) !=
                   r.cell_cases.at("new_this_year/natural_person").end());
  // Section 二's cells lead to their documents.
  EXPECT_EQ(r.cell_cases.at("normative_documents/issued"), (std::vector<int64_t>{71, 72}));
  EXPECT_EQ(r.cell_cases.at("normative_documents/repealed"), (std::vector<int64_t>{73}));
  EXPECT_EQ(r.cell_cases.at("normative_documents/in_force"), (std::vector<int64_t>{71, 72, 74}));
  EXPECT_FALSE(r.cell_cases.contains("rules/issued"));
  EXPECT_TRUE(fixture_report(false).cell_cases.empty());
}

TEST(AnnualReportBuilderTest, BrokenTableFailsTheCrossChecks) {
  AnnualReport r = fixture_report();
  r.applications.at("disclosed")[0] += 1;  // a leaf row no longer adds up
  auto errors = check_report(r);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("（七）总计"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("总计"), std::string::npos) << errors[1];

  r = fixture_report();
  r.applications.at("carried_forward")[1] += 1;
  r.applications.at("carried_forward")[6] += 1;
  errors = check_report(r);
  ASSERT_EQ(errors.size(), 2u);  // 商业企业 and 总计 columns: 一 + 二 ≠ 三（七）+ 四
  EXPECT_NE(errors[0].find("一（1）+ 二（1）≠ 三（七）总计（0）+ 四（3）"), std::string::npos) << errors[0];

  r = fixture_report();
  r.reconsideration.total = 5;
  EXPECT_EQ(check_report(r).size(), 1u);
}

TEST(AnnualReportBuilderTest, FeesAreThoseOfFeePaidEventsInTheYear) {
  auto ev = [](int64_t id, int seq, foi::CaseEventType t, std::string_view date,
               std::optional<int64_t> yuan = {}) {
    foi::CaseEvent e;
    e.case_id = FoiCaseId(id);
    e.seq = seq;
    e.type = t;
    e.date = d(date);
    e.data.fee_yuan = yuan;
    return e;
  };
  using enum foi::CaseEventType;
  AnnualReportBuilder b(2023, "", "东阳市人民政府");
  b.add_fee_events({ev(1, 2, kFeeNotice, "2022-12-20", 100),
                    ev(1, 3, kFeePaid, "2023-01-05"),  // paid in 2023
                    ev(2, 2, kFeeNotice, "2023-03-01", 1100), ev(2, 3, kFeePaid, "2023-03-08"),
                    ev(3, 2, kFeeNotice, "2023-12-20", 70), ev(3, 3, kFeePaid, "2024-01-03"),  // paid in 2024
                    ev(4, 2, kFeeNotice, "2022-05-01", 40), ev(4, 3, kFeePaid, "2022-05-03"),  // paid in 2022
                    ev(5, 2, kFeeNotice, "2023-06-01", 200)});                                 // never paid
  EXPECT_DOUBLE_EQ(b.finish().fees_yuan, 1200);
}

TEST(AnnualReportBuilderTest, JsonMatchesGoldenFile) {
  const char* src = std::getenv("GK_SOURCE_DIR");
  const std::string path = std::string(src ? src : ".") + "/tests/golden/annual_report_2023.json";
  const std::string actual = to_json(fixture_report()) + "\n";
  if (std::getenv("GK_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path;
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(actual, golden.str());
}

TEST(AnnualReportJsonTest, CityWideDepartmentIsNullAndErrorsAreEscaped) {
  AnnualReport r;
  r.year = 2024;
  r.check_errors = {"a\"b"};
  const std::string j = to_json(r);
  EXPECT_NE(j.find("\"department\":null"), std::string::npos);
  EXPECT_NE(j.find("\"check_errors\":[\"a\\\"b\"]"), std::string::npos);
  EXPECT_NE(j.find("\"new_this_year\":[0,0,0,0,0,0,0]"), std::string::npos);
}

}  // namespace
}  // namespace gk::report
