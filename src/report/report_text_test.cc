// Drafts of the annual report's text sections: the sentences carry the report's own numbers, the
// change against the previous year is worded and rounded as official reports word it, and zero
// figures read as prose rather than "0件".
#include "report/report_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gk::report {
namespace {

// A report with only the 总计 column (index 6) set; the draft reads nothing else of section 三.
struct ReportBuilder {
  AnnualReport r;
  ReportBuilder() {
    r.year = 2023;
    r.department_code = "czj";
    r.department_name = "东阳市财政局";
    for (auto key : kApplicationRows) r.applications[std::string(key)] = Row{};
  }
  ReportBuilder& total(std::string_view row, int64_t n) {
    r.applications.find(row)->second[6] = n;
    return *this;
  }
  AnnualReport build() const { return r; }
};

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  out.push_back(text.substr(start));
  return out;
}

// 东阳市财政局 2023: 28 new, 3 carried over, 28 handled, 3 carried forward.
AnnualReport current_year() {
  ReportBuilder b;
  b.total("new_this_year", 28)
      .total("carried_over", 3)
      .total("disclosed", 10)
      .total("partially_disclosed", 2)
      .total("withheld_state_secret", 1)
      .total("withheld_third_party_rights", 2)
      .total("unable_not_held", 4)
      .total("unable_needs_creation", 1)
      .total("not_processed_repeat", 3)
      .total("other_fee_unpaid", 2)
      .total("other_other", 3)
      .total("total_handled", 28)
      .total("carried_forward", 3);
  AnnualReport r = b.build();
  r.proactive.normative_documents = {2, 1, 3};
  r.proactive.licensing_decisions = 120;
  r.proactive.penalties = 45;
  r.reconsideration = {1, 1, 0, 1, 3};
  r.litigation_direct = {0, 1, 1, 0, 2};
  r.litigation_after_reconsideration = {0, 0, 0, 1, 1};
  r.fees_yuan = 350.5;
  return r;
}

TEST(ReportTextTest, OverviewStatesTheYearsFigures) {
  const ReportText t = draft_text(current_year(), std::nullopt);
  const auto paragraphs = lines(t.overview);
  ASSERT_EQ(paragraphs.size(), 4u) << t.overview;
  EXPECT_EQ(paragraphs[0],
            "2023年，东阳市财政局按照《中华人民共和国政府信息公开条例》的要求开展政府信息公开工作。"
            "现将本年度主动公开、依申请公开和行政复议、行政诉讼等情况报告如下。");
  EXPECT_EQ(paragraphs[1],
            "（一）主动公开。本年度制发行政规范性文件2件；废止1件；截至年底现行有效行政规范性文件3件。"
            "作出行政许可处理决定120件、行政处罚处理决定45件。");
  EXPECT_EQ(
      paragraphs[2],
      "（二）依申请公开。本年度新收政府信息公开申请28件，上年结转3件。本年度办结28件，其中予以公开10件，"
      "部分公开2件，不予公开3件，无法提供5件，不予处理3件，其他处理5件。结转下年度继续办理3件。");
  EXPECT_EQ(paragraphs[3],
            "（三）行政复议和行政诉讼。本年度因政府信息公开工作被申请行政复议3件；被提起行政诉讼3件"
            "（未经复议直接起诉2件，复议后起诉1件）。上述案件中，结果被纠错2件，截至年底尚未审结2件。");
  EXPECT_FALSE(contains(t.overview, "较上年"));
  EXPECT_FALSE(contains(t.overview, "规章"));
}

TEST(ReportTextTest, ChangeAgainstPreviousYearIsWordedAndRounded) {
  struct Case {
    int64_t previous, current;
    std::string wording;
  };
  const std::vector<Case> cases = {
      {80, 92, "新收政府信息公开申请92件，较上年增加12件，增长15.0%"},
      {15, 12, "新收政府信息公开申请12件，较上年减少3件，下降20.0%"},
      {28, 28, "新收政府信息公开申请28件，与上年持平"},
      {0, 5, "新收政府信息公开申请5件，较上年增加5件，"},  // no percentage after it
      {3, 4, "新收政府信息公开申请4件，较上年增加1件，增长33.3%"},
      {3, 5, "新收政府信息公开申请5件，较上年增加2件，增长66.7%"},  // 66.66… rounds up
      {6, 5, "新收政府信息公开申请5件，较上年减少1件，下降16.7%"},
      {8, 9, "新收政府信息公开申请9件，较上年增加1件，增长12.5%"},
      {7, 0, "未收到政府信息公开申请，较上年减少7件，下降100.0%"},
  };
  for (const auto& c : cases) {
    AnnualReport previous = ReportBuilder().total("new_this_year", c.previous).build();
    previous.year = 2022;
    AnnualReport current =
        ReportBuilder().total("new_this_year", c.current).total("carried_forward", c.current).build();
    const std::string overview = draft_text(current, previous).overview;
    EXPECT_TRUE(contains(overview, c.wording)) << c.previous << "→" << c.current << ": " << overview;
    if (c.previous == 0) {
      EXPECT_FALSE(contains(overview, "增长")) << overview;
    }
  }
}

TEST(ReportTextTest, PreviousYearComparesDocumentsDecisionsHandledAndRemedies) {
  AnnualReport previous = current_year();
  previous.year = 2022;
  previous.proactive.normative_documents.issued = 4;
  previous.proactive.licensing_decisions = 100;
  previous.proactive.penalties = 45;
  previous.applications["total_handled"][6] = 20;
  previous.reconsideration.total = 0;
  previous.litigation_direct.total = 4;
  previous.litigation_after_reconsideration.total = 0;
  const std::string overview = draft_text(current_year(), previous).overview;
  EXPECT_TRUE(contains(overview, "制发行政规范性文件2件，较上年减少2件，下降50.0%；")) << overview;
  EXPECT_TRUE(contains(overview,
                       "作出行政许可处理决定120件，较上年增加20件，增长20.0%；"
                       "行政处罚处理决定45件，与上年持平。"))
      << overview;
  EXPECT_TRUE(contains(overview, "本年度办结28件，较上年增加8件，增长40.0%，其中予以公开10件")) << overview;
  EXPECT_TRUE(contains(overview, "被申请行政复议3件，较上年增加3件；")) << overview;
  EXPECT_TRUE(contains(overview, "复议后起诉1件），较上年减少1件，下降25.0%。")) << overview;
}

TEST(ReportTextTest, ZeroYearReadsAsProse) {
  AnnualReport r = ReportBuilder().build();
  r.department_name.clear();
  const ReportText t = draft_text(r, std::nullopt);
  const auto paragraphs = lines(t.overview);
  ASSERT_EQ(paragraphs.size(), 4u) << t.overview;
  EXPECT_TRUE(paragraphs[0].starts_with("2023年，本机关按照")) << paragraphs[0];
  EXPECT_EQ(paragraphs[1],
            "（一）主动公开。本年度未制发行政规范性文件；无废止；截至年底无现行有效的行政规范性文件。");
  EXPECT_EQ(paragraphs[2], "（二）依申请公开。本年度未收到政府信息公开申请，无上年结转的申请。");
  EXPECT_EQ(paragraphs[3],
            "（三）行政复议和行政诉讼。本年度未发生因政府信息公开工作引起的行政复议、行政诉讼案件。");
  EXPECT_FALSE(contains(t.overview, "0件"));
  EXPECT_EQ(t.other_matters, "本年度未收取信息处理费。");
  EXPECT_EQ(t.problems,
            "（一）存在的主要问题。（请根据实际情况补充）\n"
            "（二）改进措施：\n"
            "一是……（请根据实际情况补充）\n"
            "二是……（请根据实际情况补充）");

  AnnualReport previous = r;
  previous.year = 2022;
  const ReportText same = draft_text(r, previous);
  EXPECT_TRUE(contains(same.overview, "本年度未收到政府信息公开申请，与上年持平，无上年结转的申请。"))
      << same.overview;
  EXPECT_TRUE(contains(same.overview, "行政诉讼案件，与上年持平。")) << same.overview;
}

TEST(ReportTextTest, RulesAndFeesAppearOnlyWhenNonZero) {
  AnnualReport r = current_year();
  r.proactive.rules = {1, 0, 2};
  r.proactive.enforcement_measures = 3;
  r.proactive.fees_10k_yuan = 12.5;
  const std::string overview = draft_text(r, std::nullopt).overview;
  EXPECT_TRUE(
      contains(overview, "本年度制发规章1件；无废止；截至年底现行有效规章2件；制发行政规范性文件2件；"))
      << overview;
  EXPECT_TRUE(contains(overview, "行政处罚处理决定45件、行政强制处理决定3件。收取行政事业性收费12.5万元。"))
      << overview;
}

TEST(ReportTextTest, ProblemsNameWhatTheFiguresShow) {
  AnnualReport r = current_year();
  r.check_errors = {"自然人列：一（1）+ 二（0）≠ 三（七）总计（0）+ 四（0）"};
  const ReportText t = draft_text(r, std::nullopt);
  EXPECT_EQ(
      t.problems,
      "（一）存在的主要问题。从本年度统计数据看：\n"
      "1. 因政府信息公开工作引起的行政复议、行政诉讼中有2件结果被纠错，需逐案分析原因，改进答复工作。\n"
      "2. 有3件政府信息公开申请结转下年度继续办理，需跟踪办理进度，确保在法定期限内答复。\n"
      "3. 统计数据存在不一致（自然人列：一（1）+ 二（0）≠ 三（七）总计（0）+ 四（0）），报送前需核对更正。\n"
      "4. ……（请根据实际情况补充）\n"
      "（二）改进措施：\n"
      "一是……（请根据实际情况补充）\n"
      "二是……（请根据实际情况补充）");
}

TEST(ReportTextTest, OtherMattersCiteTheFeeRules) {
  AnnualReport r = current_year();
  EXPECT_EQ(draft_text(r, std::nullopt).other_matters,
            "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度收取信息处理费350.5元。");
  r.fees_yuan = 300;
  EXPECT_TRUE(contains(draft_text(r, std::nullopt).other_matters, "本年度收取信息处理费300元。"));
}

TEST(ReportTextTest, HandledOnlyCarriedOverCasesAndNoneLeft) {
  AnnualReport r =
      ReportBuilder().total("carried_over", 2).total("disclosed", 2).total("total_handled", 2).build();
  const std::string overview = draft_text(r, std::nullopt).overview;
  EXPECT_TRUE(
      contains(overview,
               "（二）依申请公开。本年度未新收政府信息公开申请，上年结转2件。本年度办结2件，其中予以公开2件。"
               "无结转下年度继续办理的申请。"))
      << overview;
  EXPECT_TRUE(contains(overview, "上述案件中") == false);
}

}  // namespace
}  // namespace gk::report
