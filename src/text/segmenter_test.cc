// Segmenter: outputs pinned from python3-jieba 0.42.1 (`/usr/bin/python3 -c 'import jieba; ...'`,
// base dictionary, no user words), the byte-coverage contract, user words and the government
// dictionary. The large-scale agreement check is tools/jieba_agreement.py.
#include "text/segmenter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace gk::text {
namespace {

const Segmenter& base() {
  static auto seg = [] {
    auto s = Segmenter::create();
    if (!s) throw std::runtime_error(s.error().to_string());
    return *s;
  }();
  return *seg;
}

std::vector<std::string> words(const Segmenter& seg, std::string_view text,
                               SegmentMode mode = SegmentMode::kDefault, bool hmm = true) {
  std::vector<std::string> out;
  for (const Token& t : seg.cut(text, mode, hmm)) out.emplace_back(t.word);
  return out;
}

using W = std::vector<std::string>;

struct JiebaCase {
  const char* text;
  SegmentMode mode;
  bool hmm;
  W expected;
};

// Each row is jieba.lcut(text, HMM=hmm) or jieba.lcut_for_search(text, HMM=hmm).
const JiebaCase kJiebaCases[] = {
    {"中华人民共和国政府信息公开条例",
     SegmentMode::kDefault,
     true,
     {"中华人民共和国政府", "信息", "公开", "条例"}},
    {"我来到北京清华大学", SegmentMode::kDefault, true, {"我", "来到", "北京", "清华大学"}},
    // 杭研 is in no dictionary: the HMM finds it.
    {"他来到了网易杭研大厦", SegmentMode::kDefault, true, {"他", "来到", "了", "网易", "杭研", "大厦"}},
    {"小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
     SegmentMode::kDefault,
     true,
     {"小明", "硕士", "毕业", "于", "中国科学院", "计算所", "，", "后", "在", "日本京都大学", "深造"}},
    {"工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
     SegmentMode::kDefault,
     true,
     {"工信处", "女干事", "每月", "经过", "下属", "科室", "都", "要", "亲口", "交代", "24", "口", "交换机",
      "等", "技术性", "器件", "的", "安装", "工作"}},
    {"结过婚的和尚未结过婚的", SegmentMode::kDefault, true, {"结过婚", "的", "和", "尚未", "结过婚", "的"}},
    {"行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。",
     SegmentMode::kDefault,
     true,
     {"行政", "机关", "收到", "政府", "信息", "公开", "申请", "，", "能够", "当场", "答复", "的", "，",
      "应当", "当场", "予以", "答复", "。"}},
    {"根据《中华人民共和国政府信息公开条例》第三十三条规定，申请人可以依法申请行政复议或者提起行政诉讼。",
     SegmentMode::kDefault,
     true,
     {"根据", "《", "中华人民共和国政府", "信息", "公开", "条例", "》", "第三十三条", "规定", "，", "申请人",
      "可以", "依法", "申请", "行政复议", "或者", "提起", "行政诉讼", "。"}},
    {"东政办发〔2021〕15号", SegmentMode::kDefault, true, {"东", "政办发", "〔", "2021", "〕", "15", "号"}},
    // finalseg keeps numbers with a decimal part and a percent sign together.
    {"2021年GDP增长8.5%，达到1234.56亿元",
     SegmentMode::kDefault,
     true,
     {"2021", "年", "GDP", "增长", "8.5%", "，", "达到", "1234.56", "亿元"}},
    {"iPhone 15 Pro Max售价9999元；C++和C#都是语言",
     SegmentMode::kDefault,
     true,
     {"iPhone", " ", "15", " ", "Pro", " ", "Max", "售价", "9999", "元", "；", "C++", "和", "C#", "都", "是",
      "语言"}},
    {"联系电话：0579-86661234，邮箱gk@dongyang.gov.cn",
     SegmentMode::kDefault,
     true,
     {"联系电话", "：", "0579", "-", "86661234", "，", "邮箱", "gk", "@", "dongyang", ".", "gov", ".", "cn"}},
    {"李小福是创新办主任也是云计算方面的专家",
     SegmentMode::kDefault,
     true,
     {"李小福", "是", "创新", "办", "主任", "也", "是", "云", "计算", "方面", "的", "专家"}},
    {"郭靖和黄蓉在桃花岛比武", SegmentMode::kDefault, true, {"郭靖", "和", "黄蓉", "在", "桃花岛", "比武"}},
    // Whitespace is kept, one character per token, except "\r\n".
    {"  两个空格\t制表符\r\n换行\u3000全角空格",
     SegmentMode::kDefault,
     true,
     {" ", " ", "两个", "空格", "\t", "制表符", "\r\n", "换行", "\u3000", "全角", "空格"}},
    {"中华人民共和国政府信息公开条例",
     SegmentMode::kSearch,
     true,
     {"中华", "华人", "人民", "共和", "国政", "政府", "共和国", "中华人民共和国政府", "信息", "公开",
      "条例"}},
    {"小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
     SegmentMode::kSearch,
     true,
     {"小明", "硕士", "毕业", "于", "中国", "科学", "学院", "科学院", "中国科学院", "计算", "计算所", "，",
      "后", "在", "日本", "京都", "大学", "日本京都大学", "深造"}},
    {"东阳市人民政府办公室关于印发2021年政务公开工作要点的通知",
     SegmentMode::kSearch,
     true,
     {"东阳", "东阳市", "人民", "民政", "政府", "人民政府", "办公", "公室", "办公室", "关于", "印发", "2021",
      "年", "政务", "公开", "工作", "要点", "的", "通知"}},
    {"李小福是创新办主任也是云计算方面的专家",
     SegmentMode::kDefault,
     false,
     {"李", "小", "福", "是", "创新", "办", "主任", "也", "是", "云", "计算", "方面", "的", "专家"}},
    {"他来到了网易杭研大厦", SegmentMode::kDefault, false, {"他", "来到", "了", "网易", "杭", "研", "大厦"}},
    // Without the HMM, runs of single ASCII letters and digits are joined; other characters are not.
    {"abc123def和4S店、T恤、3.14%",
     SegmentMode::kDefault,
     false,
     {"abc123def", "和", "4S店", "、", "T恤", "、", "3", ".", "14", "%"}},
    {"2021年GDP增长8.5%，达到1234.56亿元",
     SegmentMode::kDefault,
     false,
     {"2021", "年", "GDP", "增长", "8", ".", "5", "%", "，", "达到", "1234", ".", "56", "亿元"}},
    {"小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
     SegmentMode::kSearch,
     false,
     {"小",   "明",     "硕士", "毕业", "于", "中国", "科学", "学院", "科学院",       "中国科学院",
      "计算", "计算所", "，",   "后",   "在", "日本", "京都", "大学", "日本京都大学", "深造"}},
};

TEST(SegmenterTest, MatchesJiebaOnPinnedSentences) {
  for (const JiebaCase& c : kJiebaCases) {
    EXPECT_EQ(words(base(), c.text, c.mode, c.hmm), c.expected)
        << c.text << " mode=" << (c.mode == SegmentMode::kSearch ? "search" : "default") << " hmm=" << c.hmm;
  }
}

// Every byte belongs to exactly one token, in order, and each token is the bytes at its offset.
void expect_tokens_cover(std::string_view text, bool hmm) {
  std::vector<Token> tokens = base().cut(text, SegmentMode::kDefault, hmm);
  uint32_t at = 0;
  for (const Token& t : tokens) {
    ASSERT_EQ(t.offset, at) << text;
    ASSERT_FALSE(t.word.empty());
    ASSERT_EQ(t.word.data(), text.data() + t.offset);
    at += static_cast<uint32_t>(t.word.size());
  }
  EXPECT_EQ(at, text.size()) << text;
}

TEST(SegmenterTest, DefaultModeTokensCoverTheInputInOrder) {
  const char* texts[] = {
      "",
      "中华人民共和国政府信息公开条例",
      "东政办发〔2021〕15号 关于印发《2021年东阳市政务公开工作要点》的通知\r\n",
      "A3区一米阳光婚纱艺术摄影是否合法纳税了？iPhone15售价9999元,增长3.5%!!",
      "\xF0\x9F\x98\x80 emoji 𠀀𠀁 扩展B ①②③ ＡＢＣ１２３",
      "\xFF\xFE中\xE4\xB8文\xC0\xAF\xED\xA0\x80"
      "end\xE4",  // invalid, truncated, overlong, surrogate
  };
  for (const char* t : texts) {
    expect_tokens_cover(t, true);
    expect_tokens_cover(t, false);
  }
}

TEST(SegmenterTest, InvalidUtf8BytesBecomeSingleByteTokens) {
  std::string text = "政务\xFF公开\xE4\xB8";  // a stray byte, and a truncated 中
  EXPECT_EQ(words(base(), text), (W{"政务", "\xFF", "公开", "\xE4", "\xB8"}));
}

TEST(SegmenterTest, SearchModeGivesSubWordsWithTheirOwnOffsets) {
  std::string text = "关于中华人民共和国";
  std::vector<Token> tokens = base().cut(text, SegmentMode::kSearch);
  W got;
  for (const Token& t : tokens) {
    got.emplace_back(t.word);
    EXPECT_EQ(text.substr(t.offset, t.word.size()), t.word);
  }
  EXPECT_EQ(got, (W{"关于", "中华", "华人", "人民", "共和", "共和国", "中华人民共和国"}));
}

TEST(SegmenterTest, LongRunsWithoutPunctuationAreSegmentedWhole) {
  std::string sentence = "政府信息公开工作年度报告";
  std::string text;
  for (int i = 0; i < 20000; ++i) text += sentence;  // 240k characters in one block
  std::vector<Token> tokens = base().cut(text);
  std::vector<Token> one = base().cut(sentence);
  ASSERT_EQ(tokens.size(), one.size() * 20000);
  EXPECT_EQ(tokens.back().word, one.back().word);
  expect_tokens_cover(text, true);
}

TEST(SegmenterTest, AppendsToTheCallersVector) {
  std::vector<Token> out;
  base().cut("信息公开", SegmentMode::kDefault, true, out);
  base().cut("条例", SegmentMode::kDefault, true, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].word, "条例");
  EXPECT_EQ(out[2].offset, 0u);
}

TEST(SegmenterTest, ContainsOnlyWordsWithAFrequency) {
  EXPECT_TRUE(base().contains("中华人民共和国"));
  EXPECT_TRUE(base().contains("C++"));
  EXPECT_FALSE(base().contains("中华人民共"));  // a prefix only
  EXPECT_FALSE(base().contains("杭研"));
  EXPECT_FALSE(base().contains(""));
}

TEST(SegmenterTest, IsSafeToShareBetweenThreads) {
  const std::string text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造。他来到了网易杭研大厦";
  W expected = words(base(), text);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      bool same = true;
      for (int i = 0; i < 200; ++i) same = same && words(base(), text) == expected;
      ok[static_cast<size_t>(k)] = same;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, (std::vector<int>{1, 1, 1, 1}));
}

// --- User words: jieba's add_word / suggest_freq / del_word ------------------------------------

TEST(SegmenterUserWordsTest, WordsWithoutFrequencyGetJiebasSuggestedFrequency) {
  // jieba: add_word("创新办"); add_word("云计算") (suggest_freq gives 1 each).
  auto seg = Segmenter::create({{"创新办", 0}, {"云计算", 0}});
  ASSERT_TRUE(seg.has_value());
  EXPECT_EQ(words(**seg, "李小福是创新办主任也是云计算方面的专家"),
            (W{"李小福", "是", "创新办", "主任", "也", "是", "云计算", "方面", "的", "专家"}));
  EXPECT_EQ(words(**seg, "「台中」正确应该不会被切开"),
            (W{"「", "台", "中", "」", "正确", "应该", "不会", "被", "切开"}));
}

TEST(SegmenterUserWordsTest, SuggestedFrequencyKeepsAWordWholeInContext) {
  // jieba: add_word("台中") -> FREQ 69.
  auto seg = Segmenter::create({{"台中", 0}});
  ASSERT_TRUE(seg.has_value());
  EXPECT_EQ(words(**seg, "「台中」正确应该不会被切开"),
            (W{"「", "台中", "」", "正确", "应该", "不会", "被", "切开"}));
}

TEST(SegmenterUserWordsTest, NegativeFrequencyDeletesAWordAndForbidsTheHmmToJoinIt) {
  // jieba: add_word("来到", 0), i.e. del_word.
  auto seg = Segmenter::create({{"创新办", 0}, {"云计算", 0}, {"来到", -1}});
  ASSERT_TRUE(seg.has_value());
  EXPECT_EQ(words(**seg, "他来到了网易杭研大厦"), (W{"他来", "到", "了", "网易", "杭研", "大厦"}));
  EXPECT_FALSE((*seg)->contains("来到"));
}

TEST(SegmenterUserWordsTest, ExplicitFrequencyAppliesInSearchModeToo) {
  // jieba: add_word("杭研大厦", 10).
  auto seg = Segmenter::create({{"杭研大厦", 10}});
  ASSERT_TRUE(seg.has_value());
  EXPECT_EQ(words(**seg, "他来到了网易杭研大厦"), (W{"他", "来到", "了", "网易", "杭研大厦"}));
  EXPECT_EQ(words(**seg, "他来到了网易杭研大厦", SegmentMode::kSearch),
            (W{"他", "来到", "了", "网易", "大厦", "杭研大厦"}));
}

TEST(SegmenterUserWordsTest, WithWordsAddsOnTopAndLeavesTheOriginalUnchanged) {
  auto seg = Segmenter::create({{"创新办", 0}});
  ASSERT_TRUE(seg.has_value());
  auto more = (*seg)->with_words({{"云计算", 0}, {"", 5}, {"有 空格", 5}});
  EXPECT_EQ(words(*more, "创新办云计算"), (W{"创新办", "云计算"}));
  EXPECT_EQ(words(**seg, "创新办云计算"), (W{"创新办", "云", "计算"}));
  EXPECT_TRUE(more->contains("云计算"));
  EXPECT_FALSE((*seg)->contains("云计算"));
  EXPECT_FALSE(base().contains("创新办"));
}

TEST(SegmenterUserWordsTest, WordsOutsideTheBaseAlphabetAreFound) {
  auto seg = Segmenter::create({{"𠀀𠀁办", 100}, {"ＡＢ办", 100}});
  ASSERT_TRUE(seg.has_value());
  EXPECT_TRUE((*seg)->contains("𠀀𠀁办"));
  // Outside re_han_default the characters are still one token each, as in jieba.
  EXPECT_EQ(words(**seg, "𠀀𠀁办"), (W{"𠀀", "𠀁", "办"}));
}

TEST(SegmenterUserWordsTest, CreateRejectsUnusableWords) {
  auto empty = Segmenter::create({{"", 1}});
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
  auto spaced = Segmenter::create({{"政务 公开", 1}});
  ASSERT_FALSE(spaced.has_value());
  EXPECT_EQ(spaced.error().code(), ErrorCode::kInvalidArgument);
  auto invalid = Segmenter::create({{"\xFF", 1}});
  EXPECT_FALSE(invalid.has_value());
}

// --- The government dictionary ---------------------------------------------------------------

std::string gov_dict_path() {
  const char* dir = std::getenv("GK_SOURCE_DIR");
  return std::string(dir ? dir : ".") + "/data/dict/gov.txt";
}

TEST(GovDictionaryTest, EveryWordComesOutWholeOnItsOwn) {
  auto entries = Segmenter::read_user_dict(gov_dict_path());
  ASSERT_TRUE(entries.has_value()) << entries.error().to_string();
  EXPECT_GE(entries->size(), 150u);
  auto seg = Segmenter::create(*entries);
  ASSERT_TRUE(seg.has_value());
  for (const UserWord& w : *entries) {
    EXPECT_EQ(words(**seg, w.word), W{w.word});
    EXPECT_EQ(words(**seg, w.word, SegmentMode::kDefault, false), W{w.word});
  }
}

TEST(GovDictionaryTest, DisclosureVocabularyComesOutWholeInSentences) {
  auto entries = Segmenter::read_user_dict(gov_dict_path());
  ASSERT_TRUE(entries.has_value());
  auto seg = Segmenter::create(*entries);
  ASSERT_TRUE(seg.has_value());
  struct Case {
    const char* text;
    W expected;
  };
  const Case cases[] = {
      {"深化“放管服”改革，推进“最多跑一次”和“互联网+政务服务”，实现一网通办。",
       {"深化", "“", "放管服", "”", "改革", "，", "推进", "“", "最多跑一次", "”", "和", "“",
        "互联网+政务服务", "”", "，", "实现", "一网通办", "。"}},
      {"申请人应当在收到补正告知书之日起15个工作日内补正，逾期视为放弃申请。",
       {"申请人", "应当", "在", "收到", "补正", "告知书", "之日起", "15", "个", "工作日内", "补正", "，",
        "逾期", "视为", "放弃", "申请", "。"}},
      {"依托政府网站、“浙里办”、12345（8890）政务服务便民热线",
       {"依托", "政府网站", "、", "“", "浙里办", "”", "、", "12345", "（", "8890", "）", "政务服务",
        "便民热线"}},
      {"责任单位：市发改局、市自然资源和规划局、市卫健局、市住建局、市府办",
       {"责任单位", "：", "市", "发改局", "、", "市", "自然资源和规划局", "、", "市", "卫健局", "、", "市",
        "住建局", "、", "市府办"}},
      {"东阳市横店镇开展基层政务公开标准化规范化建设",
       {"东阳市", "横店镇", "开展", "基层政务公开", "标准化规范化", "建设"}},
      {"推进行政规范性文件统一公开，规范依申请公开，做好主动公开和政策解读",
       {"推进", "行政规范性文件", "统一", "公开", "，", "规范", "依申请公开", "，", "做好", "主动公开", "和",
        "政策解读"}},
      {"不服的可以依法申请行政复议或者提起行政诉讼",
       {"不服", "的", "可以", "依法", "申请", "行政复议", "或者", "提起", "行政诉讼"}},
      {"各镇乡街道要将政府信息公开工作年度报告在公开目录和公开指南中发布",
       {"各", "镇乡街道", "要", "将", "政府信息公开", "工作", "年度报告", "在", "公开目录", "和", "公开指南",
        "中", "发布"}},
      {"重大行政决策公众参与和政民互动，推进数字化改革",
       {"重大行政决策", "公众参与", "和", "政民互动", "，", "推进", "数字化改革"}},
      {"向市场监管局、生态环境分局提交信息公开申请",
       {"向", "市场监管局", "、", "生态环境分局", "提交", "信息公开申请"}},
  };
  for (const Case& c : cases) EXPECT_EQ(words(**seg, c.text), c.expected) << c.text;
}

}  // namespace
}  // namespace gk::text
