#include "documents/doc_number.h"

#include <gtest/gtest.h>

namespace gk::documents {
namespace {

struct ParseCase {
  std::string_view raw;
  std::string_view issuer;
  int year;
  int serial;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.raw; }

// Real 文号 as scraped (../shared/corpus/doc_numbers.jsonl field doc_number_raw, and
// gov_law_corpus.jsonl), noise included, plus the forms the brief names.
constexpr ParseCase kRealWorld[] = {
    // clean forms, many issuers
    {"渝府办发〔2023〕66号", "渝府办发", 2023, 66},
    {"沪府办〔2016〕72号", "沪府办", 2016, 72},
    {"国办发〔1987〕53号", "国办发", 1987, 53},
    {"粤办函〔2017〕140号", "粤办函", 2017, 140},
    {"云政办发〔2008〕125号", "云政办发", 2008, 125},
    {"川府函〔2017〕84号", "川府函", 2017, 84},
    {"辽财执会〔2015〕107号", "辽财执会", 2015, 107},
    {"鄂政办函〔2013〕55号", "鄂政办函", 2013, 55},
    {"宁政办发〔2016〕35号", "宁政办发", 2016, 35},
    {"法释〔2023〕3号", "法释", 2023, 3},
    // label prefixes
    {"发文字号：渝府发〔2023〕15号", "渝府发", 2023, 15},
    {"发文字号：晋政办发〔2022〕99号", "晋政办发", 2022, 99},
    {"发文字号:东政办发〔2024〕5号", "东政办发", 2024, 5},
    {"文号：浙政发〔2021〕5号", "浙政发", 2021, 5},
    {"文号:浙政发〔2021〕5号", "浙政发", 2021, 5},
    {"发文字号 国发〔2019〕1号", "国发", 2019, 1},
    // spaces anywhere
    {"豫政办 〔2005〕79号", "豫政办", 2005, 79},
    {"豫政办 〔 2021 〕68 号", "豫政办", 2021, 68},
    {"发文字号：晋政发〔2015〕 56号", "晋政发", 2015, 56},
    {"渝肺炎指办发〔2022〕51 号", "渝肺炎指办发", 2022, 51},
    {"发文字号：渝府办发〔 2022 〕96 号", "渝府办发", 2022, 96},
    {"东政办发\xE3\x80\x80〔2024〕\xC2\xA0"
     "5号",
     "东政办发", 2024, 5},  // U+3000, NBSP
    // zero-width characters
    {"\u200b渝府办发〔2019〕7号", "渝府办发", 2019, 7},
    {"发文字号：\u200b晋政办发〔2022〕71号", "晋政办发", 2022, 71},
    {"渝府〔2023〕8号\u200b", "渝府", 2023, 8},
    {"\u200d渝肺炎指办发〔2022〕92号", "渝肺炎指办发", 2022, 92},
    {"\ufeff国发〔2021〕3号", "国发", 2021, 3},
    // brackets of every kind, mismatched, empty pairs
    {"发文字号：晋政办发[2008]88号", "晋政办发", 2008, 88},
    {"发文字号：晋政发(2006)13号", "晋政发", 2006, 13},
    {"发文字号：晋政办发(2017〕109号", "晋政办发", 2017, 109},
    {"温国土资发（2018）366号", "温国土资发", 2018, 366},
    {"浙政办发［2020］12号", "浙政办发", 2020, 12},
    {"浙政办发【2020】12号", "浙政办发", 2020, 12},
    {"浙政办发〖2020〗12号", "浙政办发", 2020, 12},
    {"浙政办发﹝2020﹞12号", "浙政办发", 2020, 12},
    {"浙政办发（2020]12号", "浙政办发", 2020, 12},
    {"发文字号：渝府发〔2000〕48号〔〕", "渝府发", 2000, 48},
    // 号 missing or misplaced, 第, leading zeros, full-width digits, 年 in the brackets
    {"发文字号：晋政办发〔2012〕18", "晋政办发", 2012, 18},
    {"发文字号：晋政发〔2014〕号16", "晋政发", 2014, 16},
    {"国发〔2021〕第5号", "国发", 2021, 5},
    {"东政办发〔2024〕005号", "东政办发", 2024, 5},
    {"东政办发〔２０２４〕１２号", "东政办发", 2024, 12},
    {"东政办发〔2024年〕7号", "东政办发", 2024, 7},
    // year without brackets
    {"浙政发2021年5号", "浙政发", 2021, 5},
    {"国家税务总局公告2015年第41号", "国家税务总局公告", 2015, 41},
    {"公告2018年第14号", "公告", 2018, 14},
    {"昆明市人民政府2015年第88号", "昆明市人民政府", 2015, 88},
    // year-less 令 / 公告 numbers
    {"省政府令 第168号", "省政府令", 0, 168},
    {"发文字号：山西省人民政府令第303号", "山西省人民政府令", 0, 303},
    {"宁夏回族自治区人民政府令第83号", "宁夏回族自治区人民政府令", 0, 83},
    {"重庆市人民政府令第 359 号", "重庆市人民政府令", 0, 359},
    {"台州市第四届人民代表大会常务委员会公告第36号", "台州市第四届人民代表大会常务委员会公告", 0, 36},
    {"中华人民共和国国务院、中央军事委员会令第22号", "中华人民共和国国务院、中央军事委员会令", 0, 22},
    {"监察部、人事部、中国人民银行、海关总署、国家外汇管理局令第7号",
     "监察部、人事部、中国人民银行、海关总署、国家外汇管理局令", 0, 7},
    {"中华人民共和国主席令第七十三号", "中华人民共和国主席令", 0, 73},
    {"中华人民共和国全国人民代表大会公告第八号", "中华人民共和国全国人民代表大会公告", 0, 8},
    {"第七届全国人民代表大会第一次会议主席团公告第八号", "第七届全国人民代表大会第一次会议主席团公告", 0, 8},
    {"国务院令第一百零五号", "国务院令", 0, 105},
    // compound numbers: the first (lead organ's) number
    {"国发〔2021〕1号、国办发〔2021〕2号", "国发", 2021, 1},
    {"中华人民共和国国务院令第492号，中华人民共和国国务院令第711号", "中华人民共和国国务院令", 0, 492},
    {"财税〔2019〕13号；税务总局公告2019年第4号", "财税", 2019, 13},
};

class DocNumberParseTest : public testing::TestWithParam<ParseCase> {};

TEST_P(DocNumberParseTest, ExtractsIssuerYearAndSerial) {
  const ParseCase& c = GetParam();
  auto n = parse_doc_number(c.raw);
  ASSERT_TRUE(n.has_value()) << c.raw << ": " << n.error().to_string();
  EXPECT_EQ(n->issuer_code, c.issuer);
  EXPECT_EQ(n->year, c.year);
  EXPECT_EQ(n->serial, c.serial);
}

TEST_P(DocNumberParseTest, NormalizedFormParsesToTheSameNumber) {
  auto n = parse_doc_number(GetParam().raw);
  ASSERT_TRUE(n.has_value());
  auto again = parse_doc_number(n->normalized());
  ASSERT_TRUE(again.has_value()) << n->normalized();
  EXPECT_EQ(*again, *n);
  EXPECT_EQ(again->normalized(), n->normalized());
}

INSTANTIATE_TEST_SUITE_P(RealWorld, DocNumberParseTest, testing::ValuesIn(kRealWorld));

TEST(DocNumberTest, NormalizedIsTheCanonicalForm) {
  EXPECT_EQ(parse_doc_number("发文字号： 东政办发 [ ２０２４ ) 005")->normalized(), "东政办发〔2024〕5号");
  EXPECT_EQ(parse_doc_number("国家税务总局公告2015年第41号")->normalized(), "国家税务总局公告〔2015〕41号");
  EXPECT_EQ(parse_doc_number("省政府令 第219号")->normalized(), "省政府令第219号");
  EXPECT_EQ(parse_doc_number("主席令第七十三号")->normalized(), "主席令第73号");
}

TEST(DocNumberTest, SameNumberIgnoresNoise) {
  auto a = parse_doc_number("发文字号：晋政发[2013]35号");
  auto b = parse_doc_number("晋政发〔2013〕 035 号");
  auto c = parse_doc_number("晋政发〔2013〕36号");
  auto d = parse_doc_number("晋政办发〔2013〕35号");
  ASSERT_TRUE(a && b && c && d);
  EXPECT_TRUE(same_number(*a, *b));
  EXPECT_FALSE(same_number(*a, *c));
  EXPECT_FALSE(same_number(*a, *d));
}

TEST(DocNumberTest, UniquenessKeyIsIssuerYearSerial) {
  EXPECT_EQ(parse_doc_number("东政办发〔2024〕5号")->uniqueness_key(), "东政办发|2024|5");
  EXPECT_EQ(parse_doc_number("东政办发（2024）05号")->uniqueness_key(), "东政办发|2024|5");
  EXPECT_EQ(parse_doc_number("国务院令第711号")->uniqueness_key(), "国务院令|0|711");
  EXPECT_NE(parse_doc_number("东政办发〔2024〕5号")->uniqueness_key(),
            parse_doc_number("东政办发〔2023〕5号")->uniqueness_key());
}

TEST(DocNumberTest, CompoundNumbersAreAllReturnedInOrder) {
  auto all = parse_doc_numbers("国发〔2021〕1号、国办发〔2021〕2号");
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].normalized(), "国发〔2021〕1号");
  EXPECT_EQ((*all)[1].normalized(), "国办发〔2021〕2号");
  auto one = parse_doc_numbers("国发〔2021〕1号、");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->size(), 1u);
}

TEST(DocNumberTest, YearsAtTheEdgesOfTheRange) {
  EXPECT_TRUE(parse_doc_number("政发〔1949〕1号").has_value());
  EXPECT_TRUE(parse_doc_number("政发〔2100〕1号").has_value());
  EXPECT_FALSE(parse_doc_number("政发〔1948〕1号").has_value());
  EXPECT_FALSE(parse_doc_number("政发〔2101〕1号").has_value());
}

struct FailureCase {
  std::string_view raw;
  std::string_view message_part;
};

void PrintTo(const FailureCase& c, std::ostream* os) { *os << c.raw; }

constexpr FailureCase kFailures[] = {
    {"", "请填写文号"},
    {"   \xE3\x80\x80", "请填写文号"},
    {"发文字号：", "请填写文号"},  // corpus: the label with nothing after it
    {"〔2021〕5号", "缺少发文机关代字"},
    {"东政办发", "缺少年份和序号"},
    {"东政办发〔2024〕", "缺少序号"},
    {"东政办发〔2024〕号", "缺少序号"},
    {"东政办发〔24〕5号", "四位数字"},
    {"东政办发〔20245〕5号", "四位数字"},
    {"东政办发〔1900〕5号", "1949年至2100年"},
    {"东政办发〔3024〕5号", "1949年至2100年"},
    {"东政办发〔2024〕0号", "序号应为"},
    {"东政办发〔2024〕123456789号", "序号应为"},
    {"东政办发〔2024年5号", "缺少右括号"},
    {"东政办发2024〕5号", "无法区分"},
    {"东政办发〕2024〕5号", "括号不成对"},
    {"东政办发20245号", "无法区分"},
    {"东政办发〔2024〕5号附件", "末尾有无法识别的内容“附件”"},
    {"东政办发〔2024〕5号、123", "第2个文号无法识别"},
    // title text glued in front (corpus: "的通知沪发改价管〔2019〕5号")
    {"关于印发东阳市政府信息公开办法的通知东政办发〔2024〕5号", "混入了标题文字“关于”"},
    {"的通知沪发改价管〔2019〕5号", "混入了标题文字“的”"},
    {"的批复国函〔2020〕3号", "混入了标题文字“的”"},
    {"HFGS—2017—9", "无法识别的字符“—”"},  // a 统一登记编号, not a 文号
    {"索引号：001008/2024-00001", "无法识别的字符"},
    {"\xFF\xFE", "无效的字符编码"},
};

class DocNumberFailureTest : public testing::TestWithParam<FailureCase> {};

TEST_P(DocNumberFailureTest, IsAFieldErrorOnDocNumberInChinese) {
  const FailureCase& c = GetParam();
  auto n = parse_doc_number(c.raw);
  ASSERT_FALSE(n.has_value()) << c.raw << " parsed as " << n->normalized();
  EXPECT_EQ(n.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(n.error().fields().size(), 1u);
  EXPECT_EQ(n.error().fields()[0].field, "doc_number");
  EXPECT_NE(n.error().fields()[0].message.find(c.message_part), std::string::npos)
      << n.error().fields()[0].message;
}

INSTANTIATE_TEST_SUITE_P(Invalid, DocNumberFailureTest, testing::ValuesIn(kFailures));

TEST(DocNumberTest, RejectsOverlongInput) {
  std::string raw = "国发〔2021〕1号";
  for (int i = 0; i < 30; ++i) raw += "、国发〔2021〕1号";
  auto n = parse_doc_number(raw);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(n.error().fields()[0].message, "文号过长");
}

}  // namespace
}  // namespace gk::documents
