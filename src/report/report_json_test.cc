// The JSON contract's extras (text, cells) and its parser: options off leave the contract as it was,
// every option's output parses back into the same report, and malformed input names its key.
#include "report/report_json.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace gk::report {
namespace {

// A report whose every number differs, so that a field read into the wrong place shows.
AnnualReport sample_report() {
  AnnualReport r;
  r.year = 2023;
  r.department_code = "czj";
  r.department_name = "东阳市财政局";
  r.proactive.rules = {1, 2, 3};
  r.proactive.normative_documents = {4, 5, 6};
  r.proactive.licensing_decisions = 120;
  r.proactive.penalties = 45;
  r.proactive.enforcement_measures = 3;
  r.proactive.fees_10k_yuan = 12.3456;
  for (size_t i = 0; i < kApplicationRows.size(); ++i) {
    Row row;
    for (size_t c = 0; c < row.size(); ++c) row[c] = static_cast<int64_t>(i * 10 + c);
    r.applications[std::string(kApplicationRows[i])] = row;
  }
  r.reconsideration = {1, 2, 3, 4, 10};
  r.litigation_direct = {5, 6, 7, 8, 26};
  r.litigation_after_reconsideration = {9, 10, 11, 12, 42};
  r.fees_yuan = 350.5;
  r.check_errors = {"自然人列：一（1）+ 二（0）≠ 三（七）总计（0）+ 四（0）", "a \"quoted\" one"};
  r.cell_cases = {{"disclosed/natural_person", {1, 7, 9000000000}},
                  {"reconsideration/corrected", {3}},
                  {"carried_forward/other_organization", {}}};
  r.overview = "2023年，东阳市财政局……\n（一）主动公开。本年度制发“行政规范性文件”4件。";
  r.problems = "引号 \" 反斜杠 \\ 制表\t回车\r控制\x01字符\n（请根据实际情况补充）";
  r.other_matters = "本年度未收取信息处理费。";
  return r;
}

constexpr JsonOptions kAll{.text = true, .drill_down = true};

Error parse_error(std::string_view json) {
  auto r = report_from_json(json);
  EXPECT_FALSE(r.has_value()) << json;
  return r ? Error::internal("parsed") : r.error();
}

std::string field_of(const Error& e) { return e.fields().empty() ? "" : e.fields().front().field; }

// `json` with the first occurrence of `from` replaced by `to`.
std::string replaced(std::string json, std::string_view from, std::string_view to) {
  const auto at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) json.replace(at, from.size(), to);
  return json;
}

TEST(AnnualReportJsonTest, OptionsOffIsTheContract) {
  const AnnualReport r = sample_report();
  const std::string plain = to_json(r);
  EXPECT_EQ(to_json(r, JsonOptions{}), plain);
  EXPECT_EQ(plain.find("department_name"), std::string::npos);
  EXPECT_EQ(plain.find("\"text\""), std::string::npos);
  EXPECT_EQ(plain.find("\"cells\""), std::string::npos);
  EXPECT_TRUE(plain.ends_with(
      R"("check_errors":["自然人列：一（1）+ 二（0）≠ 三（七）总计（0）+ 四（0）","a \"quoted\" one"]})"))
      << plain;
}

TEST(AnnualReportJsonTest, ExtrasFollowCheckErrorsInOrder) {
  AnnualReport r = sample_report();
  r.check_errors.clear();
  r.overview = "甲\n乙";
  r.problems = "丙";
  r.other_matters = "丁";
  r.cell_cases = {{"b/x", {2, 3}}, {"a/y", {1}}};
  const std::string plain = to_json(r);
  const std::string base = plain.substr(0, plain.size() - 1);  // without the closing brace
  EXPECT_EQ(
      to_json(r, {.text = true}),
      base +
          R"(,"department_name":"东阳市财政局","text":{"overview":"甲\n乙","problems":"丙","other_matters":"丁"}})");
  EXPECT_EQ(to_json(r, {.drill_down = true}), base + R"(,"cells":{"a/y":[1],"b/x":[2,3]}})");
  EXPECT_EQ(to_json(r, kAll),
            base + R"(,"department_name":"东阳市财政局","text":{"overview":"甲\n乙","problems":"丙",)"
                   R"("other_matters":"丁"},"cells":{"a/y":[1],"b/x":[2,3]}})");
  r.cell_cases.clear();
  EXPECT_EQ(to_json(r, {.drill_down = true}), base + R"(,"cells":{}})");
}

TEST(AnnualReportJsonTest, RoundTripRestoresEveryField) {
  const AnnualReport r = sample_report();
  const std::string json = to_json(r, kAll);
  auto parsed = report_from_json(json);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  const AnnualReport& p = *parsed;
  EXPECT_EQ(to_json(p, kAll), json);

  EXPECT_EQ(p.year, 2023);
  EXPECT_EQ(p.department_code, "czj");
  EXPECT_EQ(p.department_name, "东阳市财政局");
  EXPECT_EQ(p.proactive.rules.in_force, 3);
  EXPECT_EQ(p.proactive.normative_documents.issued, 4);
  EXPECT_EQ(p.proactive.normative_documents.repealed, 5);
  EXPECT_EQ(p.proactive.licensing_decisions, 120);
  EXPECT_EQ(p.proactive.penalties, 45);
  EXPECT_EQ(p.proactive.enforcement_measures, 3);
  EXPECT_DOUBLE_EQ(p.proactive.fees_10k_yuan, 12.3456);
  EXPECT_EQ(p.applications, r.applications);
  EXPECT_EQ(p.litigation_after_reconsideration.corrected, 10);
  EXPECT_EQ(p.litigation_direct.total, 26);
  EXPECT_EQ(p.reconsideration.pending, 4);
  EXPECT_DOUBLE_EQ(p.fees_yuan, 350.5);
  EXPECT_EQ(p.check_errors, r.check_errors);
  EXPECT_EQ(p.cell_cases, r.cell_cases);
  EXPECT_EQ(p.overview, r.overview);
  EXPECT_EQ(p.problems, r.problems);
  EXPECT_EQ(p.other_matters, r.other_matters);
}

TEST(AnnualReportJsonTest, PlainContractParsesWithoutExtras) {
  AnnualReport r = sample_report();
  r.department_code.clear();  // city-wide: "department":null
  const std::string json = to_json(r);
  ASSERT_NE(json.find(R"("department":null)"), std::string::npos);
  auto parsed = report_from_json(json);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_EQ(parsed->department_code, "");
  EXPECT_EQ(parsed->department_name, "");
  EXPECT_EQ(parsed->overview, "");
  EXPECT_TRUE(parsed->cell_cases.empty());
  EXPECT_EQ(to_json(*parsed), json);

  auto with_text = report_from_json(to_json(r, {.text = true}));
  ASSERT_TRUE(with_text.has_value());
  EXPECT_EQ(with_text->department_name, "东阳市财政局");
  EXPECT_TRUE(with_text->cell_cases.empty());
}

TEST(AnnualReportJsonTest, GoldenFileParses) {
  const char* src = std::getenv("GK_SOURCE_DIR");
  std::ifstream in(std::string(src ? src : ".") + "/tests/golden/annual_report_2023.json", std::ios::binary);
  ASSERT_TRUE(in) << "set GK_SOURCE_DIR";
  std::stringstream golden;
  golden << in.rdbuf();
  auto parsed = report_from_json(golden.str());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_EQ(parsed->department_code, "czj");
  EXPECT_DOUBLE_EQ(parsed->proactive.fees_10k_yuan, 12.5);
  EXPECT_EQ(parsed->applications.at("new_this_year"), (Row{23, 1, 1, 1, 1, 1, 28}));
  EXPECT_EQ(to_json(*parsed) + "\n", golden.str());
}

TEST(AnnualReportJsonTest, MalformedInputNamesTheKey) {
  const std::string good = to_json(sample_report(), kAll);
  struct Case {
    std::string json;
    std::string field;
  };
  const std::vector<Case> cases = {
      {replaced(good, R"("year":2023,)", ""), "year"},
      {replaced(good, R"("year":2023)", R"("year":"2023")"), "year"},
      {replaced(good, R"("department":"czj")", R"("department":7)"), "department"},
      {replaced(good, R"("issued":1,)", ""), "proactive.rules.issued"},
      {replaced(good, R"("penalties":45)", R"("penalties":4.5)"), "proactive.penalties"},
      {replaced(good, R"("fees_10k_yuan":12.3456)", R"("fees_10k_yuan":"12")"), "proactive.fees_10k_yuan"},
      {replaced(good, R"("natural_person",)", ""), "applications.columns"},
      {replaced(good, R"("disclosed":[20,21,22,23,24,25,26])", R"("disclosed":[20,21,22,23,24,25])"),
       "applications.rows.disclosed"},
      {replaced(good, R"("disclosed":[20,)", R"("disclosed":[-1.5,)"), "applications.rows.disclosed"},
      {replaced(good, R"("carried_forward":)", R"("carried_onward":)"), "applications.rows.carried_onward"},
      {replaced(good, R"("carried_over":[10,11,12,13,14,15,16],)", ""), "applications.rows.carried_over"},
      {replaced(good, R"("litigation_direct":{"upheld":5,)", R"("litigation_direct":{)"),
       "remedies.litigation_direct.upheld"},
      {replaced(good, R"("remedies":)", R"("remedy":)"), "remedies"},
      {replaced(good, R"("fees_yuan":350.5)", R"("fees_yuan":null)"), "fees_yuan"},
      {replaced(good, R"("check_errors":[)", R"("check_errors":[1,)"), "check_errors"},
      {replaced(good, R"("department_name":"东阳市财政局")", R"("department_name":false)"),
       "department_name"},
      {replaced(good, R"("problems":)", R"("problem":)"), "text.problems"},
      {replaced(good, R"("cells":{)", R"("cells":{"x/y":["1"],)"), "cells.x/y"},
      {"{\"year\":2023", "json"},
      {"[1,2]", "json"},
      {"", "json"},
  };
  for (const auto& c : cases) {
    const Error e = parse_error(c.json);
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(field_of(e), c.field) << e.to_string();
    if (c.field != "json") {
      EXPECT_NE(e.message().find(c.field), std::string::npos) << e.message();
    }
  }
}

}  // namespace
}  // namespace gk::report
