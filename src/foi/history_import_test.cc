#include "foi/history_import.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

std::vector<accounts::Department> seeded() {
  auto dept = [](int64_t id, std::string code, std::string name, accounts::DepartmentKind kind) {
    accounts::Department d;
    d.id = DepartmentId(id);
    d.code = std::move(code);
    d.name = std::move(name);
    d.kind = kind;
    return d;
  };
  return {dept(1, "zf", "东阳市人民政府", accounts::DepartmentKind::kGovernment),
          dept(2, "czj", "东阳市财政局", accounts::DepartmentKind::kDepartment),
          dept(3, "sfb", "东阳市人民政府办公室", accounts::DepartmentKind::kOffice)};
}

TEST(HistoryImportTest, DepartmentsResolveByCodeFullNameOrNameWithoutTheCity) {
  const auto ds = seeded();
  EXPECT_EQ(resolve_department("czj", ds).value(), DepartmentId(2));
  EXPECT_EQ(resolve_department("东阳市财政局", ds).value(), DepartmentId(2));
  EXPECT_EQ(resolve_department("市财政局", ds).value(), DepartmentId(2));
  EXPECT_FALSE(resolve_department("财政局", ds));  // the missing prefix is not the city's name
  EXPECT_FALSE(resolve_department("市税务局", ds));
}

TEST(HistoryImportTest, ReadsCaseAndRemedyLines) {
  const auto ds = seeded();
  auto c = parse_history_line(
      R"({"id": 17, "department": "市财政局", "applicant_type": "commercial_enterprise", "received": "2023-12-20", "closed": "2024-01-10", "outcome": "partially_disclosed"})",
      3, ds);
  ASSERT_TRUE(c) << c.error().to_string();
  const auto& hc = std::get<HistoricalCase>(*c);
  EXPECT_EQ(hc.source_id, "17");
  EXPECT_EQ(hc.line, 3);
  EXPECT_EQ(hc.department, DepartmentId(2));
  EXPECT_EQ(hc.applicant_type, ApplicantType::kCommercialEnterprise);
  EXPECT_EQ(hc.outcome, Outcome::kPartiallyDisclosed);
  auto open = parse_history_line(
      R"({"id": "A-1", "department": "czj", "applicant_type": "natural_person", "received": "2024-12-30", "closed": null, "outcome": null})",
      4, ds);
  ASSERT_TRUE(open);
  EXPECT_FALSE(std::get<HistoricalCase>(*open).closed);
  auto r = parse_history_line(
      R"({"request_id": 17, "kind": "litigation_after_reconsideration", "filed": "2024-02-01", "decided": null, "outcome": "pending"})",
      5, ds);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(std::get<HistoricalRemedy>(*r).kind, RemedyKind::kLitigationAfterReconsideration);
}

TEST(HistoryImportTest, BadLinesNameTheirField) {
  const auto ds = seeded();
  struct Row {
    const char* line;
    const char* field;
  };
  const Row rows[] = {
      {"not json", "line"},
      {R"({"department": "czj", "applicant_type": "natural_person", "received": "2024-01-02"})", "id"},
      {R"({"id": 1, "department": "市税务局", "applicant_type": "natural_person", "received": "2024-01-02"})",
       "department"},
      {R"({"id": 1, "department": "czj", "applicant_type": "citizen", "received": "2024-01-02"})",
       "applicant_type"},
      {R"({"id": 1, "department": "czj", "applicant_type": "natural_person", "received": "2024-02-30"})",
       "received"},
      {R"({"id": 1, "department": "czj", "applicant_type": "natural_person", "received": "2024-01-02", "closed": "2024-01-01", "outcome": "disclosed"})",
       "closed"},
      {R"({"id": 1, "department": "czj", "applicant_type": "natural_person", "received": "2024-01-02", "closed": "2024-01-05", "outcome": "（一）"})",
       "outcome"},
      {R"({"id": 1, "department": "czj", "applicant_type": "natural_person", "received": "2024-01-02", "closed": "2024-01-05", "outcome": null})",
       "outcome"},
      {R"({"request_id": 1, "kind": "appeal", "filed": "2024-01-02", "decided": null, "outcome": "pending"})",
       "kind"},
      {R"({"request_id": 1, "kind": "reconsideration", "filed": "2024-01-02", "decided": "2024-03-01", "outcome": "pending"})",
       "outcome"},
  };
  for (const auto& r : rows) {
    auto got = parse_history_line(r.line, 1, ds);
    ASSERT_FALSE(got) << r.line;
    ASSERT_FALSE(got.error().fields().empty()) << r.line;
    EXPECT_EQ(got.error().fields()[0].field, r.field) << r.line;
  }
}

}  // namespace
}  // namespace gk::foi
