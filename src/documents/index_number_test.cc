#include "documents/index_number.h"

#include <gtest/gtest.h>

#include <set>

namespace gk::documents {
namespace {

IndexNumberInputs inputs(std::string dept, int year, int64_t serial, std::string category = "") {
  return IndexNumberInputs{std::move(dept), year, serial, std::move(category)};
}

struct FormatCase {
  std::string_view pattern;
  IndexNumberInputs in;
  std::string_view formatted;
  std::string_view series_key;
};

void PrintTo(const FormatCase& c, std::ostream* os) { *os << c.pattern << " -> " << c.formatted; }

const FormatCase kFormatCases[] = {
    {kDefaultIndexNumberPattern, inputs("001008", 2024, 42), "001008/2024-00042", "001008/2024-"},
    {kDefaultIndexNumberPattern, inputs("001008", 2024, 1), "001008/2024-00001", "001008/2024-"},
    {kDefaultIndexNumberPattern, inputs("001008", 2025, 1), "001008/2025-00001", "001008/2025-"},
    // a serial wider than the width is printed in full, never truncated
    {kDefaultIndexNumberPattern, inputs("001008", 2024, 123456), "001008/2024-123456", "001008/2024-"},
    {"{dept}-{category}-{year}-{serial:4}", inputs("330783-DY01", 2024, 7, "0201"),
     "330783-DY01-0201-2024-0007", "330783-DY01-0201-2024-"},
    {"{serial:3}/{dept}", inputs("A", 2024, 5), "005/A", "/A"},
    {"东阳{year}第{serial:6}号", inputs("x", 2024, 12), "东阳2024第000012号", "东阳2024第号"},
    {"{{{dept}}}-{serial:2}", inputs("D", 2024, 3), "{D}-03", "{D}-"},
    {"{year}{serial:1}", inputs("D", 987, 9), "09879", "0987"},
};

class IndexNumberFormatTest : public testing::TestWithParam<FormatCase> {};

TEST_P(IndexNumberFormatTest, FormatsAndNamesTheSeries) {
  const FormatCase& c = GetParam();
  auto p = IndexNumberPattern::parse(c.pattern);
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  EXPECT_EQ(p->format(c.in), c.formatted);
  EXPECT_EQ(p->series_key(c.in), c.series_key);
  EXPECT_EQ(p->pattern(), c.pattern);
}

INSTANTIATE_TEST_SUITE_P(Patterns, IndexNumberFormatTest, testing::ValuesIn(kFormatCases));

TEST(IndexNumberTest, DefaultPatternParses) {
  auto p = IndexNumberPattern::parse(kDefaultIndexNumberPattern);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->serial_width(), 5);
  EXPECT_FALSE(p->uses_category());
  EXPECT_TRUE(IndexNumberPattern::parse("{category}{serial:2}")->uses_category());
}

TEST(IndexNumberTest, OneSeriesPerDepartmentAndYearGivesDistinctNumbers) {
  auto p = IndexNumberPattern::parse(kDefaultIndexNumberPattern);
  ASSERT_TRUE(p.has_value());
  std::set<std::string> numbers;
  std::set<std::string> series;
  for (std::string dept : {"001008", "001009"}) {
    for (int year : {2024, 2025}) {
      for (int64_t serial = 1; serial <= 50; ++serial) {
        numbers.insert(p->format(inputs(dept, year, serial)));
        series.insert(p->series_key(inputs(dept, year, serial)));
      }
    }
  }
  EXPECT_EQ(numbers.size(), 200u);
  EXPECT_EQ(series.size(), 4u);
}

struct BadPatternCase {
  std::string_view pattern;
  std::string_view message_part;
};

void PrintTo(const BadPatternCase& c, std::ostream* os) { *os << c.pattern; }

constexpr BadPatternCase kBadPatterns[] = {
    {"", "必须包含序号"},
    {"{dept}/{year}", "必须包含序号"},
    {"{dept}/{yr}-{serial:5}", "未知的占位符 {yr}"},
    {"{dept}/{year:2}-{serial:5}", "未知的占位符 {year:2}"},
    {"{DEPT}-{serial:5}", "未知的占位符 {DEPT}"},
    {"{dept}-{serial}", "须写明位数"},
    {"{dept}-{serial:}", "须写明位数"},
    {"{dept}-{serial:x}", "须写明位数"},
    {"{dept}-{serial:-1}", "须写明位数"},
    {"{dept}-{serial:0}", "1 至 10"},
    {"{dept}-{serial:11}", "1 至 10"},
    {"{dept}-{serial:123}", "须写明位数"},
    {"{serial:3}-{serial:3}", "只能包含一个"},
    {"{dept-{serial:5}", "未知的占位符"},
    {"{dept}/{year}-{serial:5", "没有对应的"},
    {"{dept}}/{serial:5}", "多余的"},
    {"\xFF{serial:5}", "无效的字符编码"},
};

class IndexNumberBadPatternTest : public testing::TestWithParam<BadPatternCase> {};

TEST_P(IndexNumberBadPatternTest, IsAFieldError) {
  const BadPatternCase& c = GetParam();
  auto p = IndexNumberPattern::parse(c.pattern);
  ASSERT_FALSE(p.has_value()) << c.pattern;
  EXPECT_EQ(p.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(p.error().fields().size(), 1u);
  EXPECT_EQ(p.error().fields()[0].field, "index_number_pattern");
  EXPECT_NE(p.error().fields()[0].message.find(c.message_part), std::string::npos)
      << p.error().fields()[0].message;
}

INSTANTIATE_TEST_SUITE_P(Invalid, IndexNumberBadPatternTest, testing::ValuesIn(kBadPatterns));

}  // namespace
}  // namespace gk::documents
