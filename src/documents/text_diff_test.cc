// Tests for the version diff: line and character diffs of Chinese regulation texts, HTML escaping,
// and the size and work bounds.
#include "documents/text_diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "core/utf8.h"

namespace gk::documents {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

DiffSegment Eq(std::string s) { return {DiffOp::kEqual, std::move(s)}; }
DiffSegment Del(std::string s) { return {DiffOp::kRemoved, std::move(s)}; }
DiffSegment Ins(std::string s) { return {DiffOp::kAdded, std::move(s)}; }

constexpr std::string_view kOld =
    "某市政府信息公开办法\n"
    "第一条 为了保障公民依法获取政府信息，制定本办法。\n"
    "第二条 申请人应当自收到补正通知之日起十五个工作日内补正材料。\n"
    "第三条 本办法自2020年1月1日起施行。\n";

// 第二条 amended: 十五 → 二十; 第三条 re-dated; a new 第四条.
constexpr std::string_view kNew =
    "某市政府信息公开办法\n"
    "第一条 为了保障公民依法获取政府信息，制定本办法。\n"
    "第二条 申请人应当自收到补正通知之日起二十个工作日内补正材料。\n"
    "第三条 本办法自2024年1月1日起施行。\n"
    "第四条 本办法由市人民政府办公室负责解释。\n";

std::string Join(const std::vector<DiffSegment>& segs) {
  std::string s;
  for (const auto& x : segs) s += x.text;
  return s;
}

// Old and new texts rebuilt from the rows, one line each.
std::pair<std::string, std::string> Rebuild(const DiffResult& r) {
  std::string a, b;
  for (const DiffRow& row : r.rows) {
    if (row.kind != DiffRow::Kind::kAdded) a += Join(row.old_segments) + "\n";
    if (row.kind != DiffRow::Kind::kRemoved) b += Join(row.new_segments) + "\n";
  }
  return {a, b};
}

TEST(TextDiffTest, IdenticalTextsAreAllEqual) {
  const auto lines = diff_lines(kOld, kOld);
  ASSERT_EQ(lines.size(), 4u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].op, DiffOp::kEqual);
    EXPECT_EQ(lines[i].old_line, static_cast<int>(i + 1));
    EXPECT_EQ(lines[i].new_line, static_cast<int>(i + 1));
  }
  EXPECT_TRUE(diff_lines("", "").empty());
}

TEST(TextDiffTest, LineDiffOfAnAmendedRegulation) {
  const auto lines = diff_lines(kOld, kNew);
  std::vector<std::tuple<DiffOp, int, int>> got;
  for (const auto& l : lines) got.emplace_back(l.op, l.old_line, l.new_line);
  EXPECT_THAT(got, ElementsAre(std::tuple{DiffOp::kEqual, 1, 1}, std::tuple{DiffOp::kEqual, 2, 2},
                               std::tuple{DiffOp::kRemoved, 3, 0}, std::tuple{DiffOp::kRemoved, 4, 0},
                               std::tuple{DiffOp::kAdded, 0, 3}, std::tuple{DiffOp::kAdded, 0, 4},
                               std::tuple{DiffOp::kAdded, 0, 5}));
  EXPECT_EQ(lines[4].text, "第二条 申请人应当自收到补正通知之日起二十个工作日内补正材料。");
}

TEST(TextDiffTest, ChangedArticleIsRefinedByCodePoints) {
  const DiffResult r = diff_rows(kOld, kNew);
  EXPECT_TRUE(r.char_level);
  EXPECT_FALSE(r.truncated);
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.rows[0].kind, DiffRow::Kind::kEqual);
  EXPECT_EQ(r.rows[1].kind, DiffRow::Kind::kEqual);

  const DiffRow& art2 = r.rows[2];
  EXPECT_EQ(art2.kind, DiffRow::Kind::kChanged);
  EXPECT_EQ(art2.old_line, 3);
  EXPECT_EQ(art2.new_line, 3);
  // 十五 → 二十 share 十; the cleanup shows one replacement instead of 二 / 十 / 五 fragments.
  EXPECT_THAT(art2.old_segments, ElementsAre(Eq("第二条 申请人应当自收到补正通知之日起"), Del("十五"),
                                             Eq("个工作日内补正材料。")));
  EXPECT_THAT(art2.new_segments, ElementsAre(Eq("第二条 申请人应当自收到补正通知之日起"), Ins("二十"),
                                             Eq("个工作日内补正材料。")));

  const DiffRow& art3 = r.rows[3];
  EXPECT_EQ(art3.kind, DiffRow::Kind::kChanged);
  EXPECT_THAT(art3.old_segments, ElementsAre(Eq("第三条 本办法自202"), Del("0"), Eq("年1月1日起施行。")));
  EXPECT_THAT(art3.new_segments, ElementsAre(Eq("第三条 本办法自202"), Ins("4"), Eq("年1月1日起施行。")));

  EXPECT_EQ(r.rows[4].kind, DiffRow::Kind::kAdded);
  EXPECT_EQ(r.rows[4].new_line, 5);

  const auto [a, b] = Rebuild(r);
  EXPECT_EQ(a, kOld);
  EXPECT_EQ(b, kNew);
}

TEST(TextDiffTest, CharDiffCases) {
  struct Case {
    const char* a;
    const char* b;
    std::vector<DiffSegment> want;
  };
  const Case cases[] = {
      {"", "", {}},
      {"相同", "相同", {Eq("相同")}},
      {"", "新增", {Ins("新增")}},
      {"删除", "", {Del("删除")}},
      {"应当在十五日内答复", "应当在二十日内答复", {Eq("应当在"), Del("十五"), Ins("二十"), Eq("日内答复")}},
      {"可以延长答复期限", "可以适当延长答复期限", {Eq("可以"), Ins("适当"), Eq("延长答复期限")}},
      // The short equality 政府 between two insertions at least as long is folded into one replacement.
      {"由市政府负责解释",
       "由市人民政府办公室负责解释",
       {Eq("由市"), Del("政府"), Ins("人民政府办公室"), Eq("负责解释")}},
      {"甲乙丙", "丁戊己", {Del("甲乙丙"), Ins("丁戊己")}},
      {"emoji 😀 ok", "emoji 😃 ok", {Eq("emoji "), Del("😀"), Ins("😃"), Eq(" ok")}},  // 4-byte code points
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.a) + " → " + c.b);
    EXPECT_EQ(diff_chars(c.a, c.b), c.want);
  }
}

TEST(TextDiffTest, DissimilarLinesAreRemovedAndAddedNotChanged) {
  const DiffResult r = diff_rows("第五条 本办法自公布之日起施行。\n", "附件：申请表格式\n");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].kind, DiffRow::Kind::kRemoved);
  EXPECT_EQ(r.rows[1].kind, DiffRow::Kind::kAdded);
}

TEST(TextDiffTest, LineEndingsAndFinalNewline) {
  EXPECT_THAT(diff_lines("甲\r\n乙\r\n", "甲\n乙"), testing::SizeIs(2));
  for (const auto& l : diff_lines("甲\r\n乙\r\n", "甲\n乙")) EXPECT_EQ(l.op, DiffOp::kEqual);
  const auto blank = diff_lines("甲\n\n乙", "甲\n乙");
  ASSERT_EQ(blank.size(), 3u);
  EXPECT_EQ(blank[1].op, DiffOp::kRemoved);
  EXPECT_EQ(blank[1].text, "");
}

TEST(TextDiffTest, HtmlIsEscapedAndMarked) {
  const std::string html =
      diff_html("第一条 <b>旧</b> & \"引号\"\n不变\n", "第一条 <b>新</b> & \"引号\"\n不变\n");
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_EQ(
      html,
      "<div class=\"gk-diff\">\n"
      "<div class=\"gk-diff-line gk-diff-changed-old\" data-old-line=\"1\">第一条 &lt;b&gt;<del>旧</del>"
      "&lt;/b&gt; &amp; &quot;引号&quot;</div>\n"
      "<div class=\"gk-diff-line gk-diff-changed-new\" data-new-line=\"1\">第一条 &lt;b&gt;<ins>新</ins>"
      "&lt;/b&gt; &amp; &quot;引号&quot;</div>\n"
      "<div class=\"gk-diff-line gk-diff-equal\" data-old-line=\"2\" data-new-line=\"2\">不变</div>\n"
      "</div>\n");
}

TEST(TextDiffTest, HtmlOfWholeLineChanges) {
  const std::string html = diff_html("保留\n删去的一条\n", "保留\n<script>alert(1)</script>\n");
  EXPECT_THAT(
      html,
      HasSubstr(
          "<div class=\"gk-diff-line gk-diff-removed\" data-old-line=\"2\"><del>删去的一条</del></div>"));
  EXPECT_THAT(
      html,
      HasSubstr("<div class=\"gk-diff-line gk-diff-added\" data-new-line=\"2\"><ins>&lt;script&gt;alert(1)"
                "&lt;/script&gt;</ins></div>"));
}

TEST(TextDiffTest, InvalidUtf8RendersAsReplacementCharacter) {
  const std::string html = diff_html("坏\xff字节\n", "坏字节\n");
  EXPECT_TRUE(is_valid_utf8(html));
  EXPECT_THAT(html, HasSubstr("<del>\xEF\xBF\xBD</del>"));
}

TEST(TextDiffTest, ContextCollapsesLongUnchangedRuns) {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    const std::string line = "第" + std::to_string(i) + "条 内容不变。\n";
    a += line;
    b += i == 10 ? "第10条 内容已修改。\n" : line;
  }
  const std::string html = diff_html(a, b, {.context_lines = 2});
  EXPECT_THAT(html, HasSubstr("（省略未改动的 7 行）"));  // lines 1-7
  EXPECT_THAT(html, HasSubstr("（省略未改动的 8 行）"));  // lines 13-20
  EXPECT_THAT(html, HasSubstr("data-old-line=\"8\""));
  EXPECT_THAT(html, Not(HasSubstr("data-old-line=\"7\"")));
  EXPECT_THAT(html, HasSubstr("data-old-line=\"12\""));
  EXPECT_THAT(html, Not(HasSubstr("data-old-line=\"13\"")));
  EXPECT_EQ(diff_html(a, a, {.context_lines = 3}),
            "<div class=\"gk-diff\">\n<div class=\"gk-diff-skip\">（省略未改动的 20 行）</div>\n</div>\n");
}

TEST(TextDiffTest, RenderSegmentsForSideBySideViews) {
  const std::vector<DiffSegment> segs = {Eq("a<"), Del("b"), Ins("c&")};
  EXPECT_EQ(render_segments_html(segs), "a&lt;<del>b</del><ins>c&amp;</ins>");
}

TEST(TextDiffTest, AboveSizeLimitOnlyLinesAreCompared) {
  std::string a, b;
  std::string line;
  for (int i = 0; i < 99; ++i) line += "政";
  while (utf8_length(a) <= kCharDiffMaxCodePoints) a += line + "\n";
  b = a;
  b.replace(0, 3, "改");  // first line changes one character
  const DiffResult r = diff_rows(a, b);
  EXPECT_FALSE(r.char_level);
  EXPECT_EQ(r.rows[0].kind, DiffRow::Kind::kRemoved);
  EXPECT_EQ(r.rows[1].kind, DiffRow::Kind::kAdded);
  EXPECT_EQ(r.rows[2].kind, DiffRow::Kind::kEqual);
  EXPECT_EQ(Rebuild(r).first, a);
  EXPECT_EQ(Rebuild(r).second, b);
}

TEST(TextDiffTest, WorkBudgetBoundsUnrelatedHugeTexts) {
  std::string a, b;
  for (int i = 0; i < 60'000; ++i) {
    a += "旧" + std::to_string(i) + "\n";
    b += "新" + std::to_string(i) + "\n";
  }
  const DiffResult r = diff_rows(a, b);
  EXPECT_TRUE(r.truncated);
  const auto [ra, rb] = Rebuild(r);
  EXPECT_EQ(ra, a);
  EXPECT_EQ(rb, b);
}

// Line diffs are minimal: the number of equal lines is the longest common subsequence, checked
// against dynamic programming on random texts over a small alphabet (many repeats).
TEST(TextDiffTest, RandomLineDiffsAreCorrectAndMinimal) {
  std::mt19937 rng(7);
  const char* words[] = {"第一条", "第二条", "附则", "", "施行"};
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> la, lb;
    for (int i = rng() % 25; i > 0; --i) la.push_back(words[rng() % 5]);
    for (int i = rng() % 25; i > 0; --i) lb.push_back(words[rng() % 5]);
    std::string a, b;
    for (const auto& l : la) a += l + "\n";
    for (const auto& l : lb) b += l + "\n";

    const auto lines = diff_lines(a, b);
    std::string ra, rb;
    size_t equal = 0;
    for (const auto& l : lines) {
      if (l.op != DiffOp::kAdded) ra += l.text + "\n";
      if (l.op != DiffOp::kRemoved) rb += l.text + "\n";
      equal += l.op == DiffOp::kEqual;
    }
    ASSERT_EQ(ra, a);
    ASSERT_EQ(rb, b);

    std::vector<std::vector<size_t>> lcs(la.size() + 1, std::vector<size_t>(lb.size() + 1, 0));
    for (size_t i = 1; i <= la.size(); ++i) {
      for (size_t j = 1; j <= lb.size(); ++j) {
        lcs[i][j] = la[i - 1] == lb[j - 1] ? lcs[i - 1][j - 1] + 1 : std::max(lcs[i - 1][j], lcs[i][j - 1]);
      }
    }
    ASSERT_EQ(equal, lcs[la.size()][lb.size()]) << a << "---\n" << b;

    const DiffResult r = diff_rows(a, b);
    ASSERT_EQ(Rebuild(r).first, a);
    ASSERT_EQ(Rebuild(r).second, b);
  }
}

}  // namespace
}  // namespace gk::documents
