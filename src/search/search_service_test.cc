// SearchService end to end: a real index in a temp directory, the real segmenter and normaliser,
// a FakeClock and in-memory sources and outbox.
#include "search/search_service.h"

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/utf8.h"
#include "search/fake_search_source.h"

namespace gk::search {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

std::shared_ptr<const text::Segmenter> shared_segmenter() {
  static const auto segmenter = text::Segmenter::create().value();
  return segmenter;
}

std::shared_ptr<const text::Normalizer> shared_normalizer() {
  static const auto normalizer = text::Normalizer::create().value();
  return normalizer;
}

// A public document record with neutral defaults; tests set what they are about.
SearchRecord doc(std::string id, std::string title, std::string body = "") {
  SearchRecord r;
  r.kind = "document";
  r.id = id;
  r.title = std::move(title);
  r.body = std::move(body);
  r.url = "/documents/" + id;
  r.department_code = "czj";
  r.department_name = "市财政局";
  r.validity = "in_force";
  r.validity_label = "有效";
  r.in_force = true;
  r.date = Date::from_ymd(2021, 3, 1);
  r.visible_from = Instant::from_seconds(1'600'000'000);
  return r;
}

// Unrelated records, so term statistics look like a real collection's (in a two-record index every
// word is in half the records and BM25 can barely tell matches apart).
std::vector<SearchRecord> filler(int n) {
  static const char* const kTitles[] = {"关于开展安全生产检查的通知", "教育局招生工作方案",
                                        "卫生健康统计公报", "交通运输发展规划", "农业农村工作要点"};
  std::vector<SearchRecord> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(doc("filler" + std::to_string(i), kTitles[i % 5], "各有关单位：现将有关事项通知如下。"));
  }
  return out;
}

std::vector<std::string> ids(const SearchResults& r) {
  std::vector<std::string> out;
  for (const SearchHit& h : r.hits) out.push_back(h.id);
  return out;
}

class SearchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "gk-search-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    dir_ = root_ / "search";
    open();
  }

  void TearDown() override {
    service_.reset();
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void open() {
    service_.reset();
    auto s = SearchService::open(dir_, shared_segmenter(), shared_normalizer(), clock_);
    ASSERT_TRUE(s.has_value()) << s.error().to_string();
    service_ = std::move(*s);
    service_->add_source(docs_);
    service_->set_change_feed(feed_);
  }

  // Puts the records in the source, announces them on the feed and syncs.
  void index(std::vector<SearchRecord> records) {
    for (SearchRecord& r : records) {
      const std::string id = r.id;
      docs_.put(std::move(r));
      feed_.publish("document", id);
    }
    auto applied = service_->sync();
    ASSERT_TRUE(applied.has_value()) << applied.error().to_string();
  }

  SearchResults search(std::string q, const std::function<void(SearchQuery&)>& edit = {}) {
    SearchQuery query;
    query.q = std::move(q);
    if (edit) edit(query);
    auto r = service_->search(query);
    EXPECT_TRUE(r.has_value()) << r.error().to_string();
    return r.has_value() ? std::move(*r) : SearchResults{};
  }

  fs::path root_, dir_;
  FakeClock clock_{Instant::from_seconds(1'700'000'000)};
  FakeSearchSource docs_{"document"};
  FakeChangeFeed feed_;
  std::unique_ptr<SearchService> service_;
};

// ---- ranking and matching --------------------------------------------------------------------

TEST_F(SearchServiceTest, TitleMatchOutranksBodyMatch) {
  index(filler(20));
  // The title record is the longer one, so BM25's length normalisation alone would favour the other.
  index({doc("body", "工作通知", "现就财政预算执行有关事项通知如下。"),
         doc("title", "财政预算管理办法",
             "为规范管理，加强监督，提高资金使用效益，根据有关法律法规，结合本市实际，制定本办法。"
             "本办法适用于本市各级行政机关、事业单位和社会团体。本办法自发布之日起施行。")});
  const SearchResults r = search("财政预算");
  EXPECT_THAT(ids(r), ElementsAre("title", "body"));
  EXPECT_EQ(r.total, 2);
  EXPECT_TRUE(r.exact);
}

TEST_F(SearchServiceTest, EveryQueryWordMustMatchUnlessNothingHoldsThemAll) {
  index({doc("1", "政府采购公告"), doc("2", "教育局招生工作方案"), doc("3", "政府工作报告")});
  EXPECT_THAT(ids(search("政府 工作")), ElementsAre("3"));
  // No record holds both words: the records holding either are shown, marked as relaxed.
  const SearchResults r = search("采购 招生");
  EXPECT_THAT(ids(r), UnorderedElementsAre("1", "2"));
  EXPECT_TRUE(r.relaxed);
}

TEST_F(SearchServiceTest, RelaxationPrefersRecordsMissingOnlyOneWord) {
  index({doc("three", "环境保护 监督 管理"), doc("one", "环境保护"), doc("none", "交通运输")});
  // Nothing holds all four words: the record holding three of them is found, the one holding a
  // single word is not (it would be in a plain OR).
  const SearchResults r = search("环境保护 监督 管理 蜜蜂");
  EXPECT_THAT(ids(r), ElementsAre("three"));
  EXPECT_TRUE(r.relaxed);
}

TEST_F(SearchServiceTest, QuotedPhraseMatchesOnlyAdjacentWords) {
  index({doc("adjacent", "政务公开", "推进政府信息公开工作。"),
         doc("apart", "通知", "政府工作报告中的信息很多，都应当公开。")});
  EXPECT_THAT(ids(search("信息 公开")), UnorderedElementsAre("adjacent", "apart"));
  EXPECT_THAT(ids(search("\"信息公开\"")), ElementsAre("adjacent"));
  EXPECT_THAT(ids(search("“信息 公开”")), ElementsAre("adjacent"));
  // An unbalanced quote is plain text.
  EXPECT_THAT(ids(search("\"信息 公开")), UnorderedElementsAre("adjacent", "apart"));
}

TEST_F(SearchServiceTest, LongWordFoundInsideALongerWord) {
  // The body segments as 中华人民共和国政府/信息/公开/条例: the indexer adds 中华人民共和国.
  index({doc("1", "条例解读", "中华人民共和国政府信息公开条例全文")});
  EXPECT_THAT(ids(search("中华人民共和国")), ElementsAre("1"));
}

TEST_F(SearchServiceTest, WordSplitAcrossWordsInTheTextFoundAsAdjacentParts) {
  // 年度报告厅 segments as 年度/报告厅 (+ 报告): no 年度报告 term; the expanded query finds it.
  index({doc("hall", "年度报告厅改造工程"), doc("apart", "年度工作计划", "听取报告厅使用情况")});
  const SearchResults r = search("年度报告");
  EXPECT_THAT(ids(r), ElementsAre("hall"));
  EXPECT_FALSE(r.relaxed);
  EXPECT_EQ(r.hits[0].title_html, "<em>年度报告</em>厅改造工程");
}

TEST_F(SearchServiceTest, TraditionalFullWidthAndCaseVariantsMatch) {
  index({doc("trad", "政府資訊公開指南"), doc("latin", "ABC 项目管理")});
  EXPECT_THAT(ids(search("公开")), ElementsAre("trad"));
  EXPECT_THAT(ids(search("资讯公開")), ElementsAre("trad"));
  EXPECT_THAT(ids(search("ａｂｃ")), ElementsAre("latin"));
  EXPECT_THAT(ids(search("abc")), ElementsAre("latin"));
}

TEST_F(SearchServiceTest, DocNumberMatchesExactlyAndRanksFirst) {
  SearchRecord exact = doc("exact", "关于加强管理的通知");
  exact.doc_number = "东政办发〔2021〕12号";
  SearchRecord longer = doc("longer", "关于另一事项的通知");
  longer.doc_number = "东政办发〔2021〕120号";
  SearchRecord mention =
      doc("mention", "转发东政办发〔2021〕12号文件的通知", "根据东政办发〔2021〕12号文件精神。");
  index({mention, longer, exact});
  for (const std::string q :
       {"东政办发〔2021〕12号", "东政办发[2021]12号", "东政办发（2021）12号", "东政办发 (2021) 12号"}) {
    const SearchResults r = search(q);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits[0].id, "exact") << q;
    EXPECT_EQ(r.hits[0].doc_number, "东政办发〔2021〕12号");
  }
}

TEST_F(SearchServiceTest, DocNumberPrefixFindsItsSeries) {
  SearchRecord a = doc("a", "甲通知");
  a.doc_number = "东政办发〔2021〕12号";
  SearchRecord b = doc("b", "乙通知");
  b.doc_number = "东政办发〔2021〕120号";
  SearchRecord c = doc("c", "丙通知");
  c.doc_number = "东政办发〔2020〕3号";
  index({a, b, c});
  EXPECT_THAT(ids(search("东政办发〔2021〕")), UnorderedElementsAre("a", "b"));
  EXPECT_THAT(ids(search("东政办发【2021】")), UnorderedElementsAre("a", "b"));
  EXPECT_THAT(ids(search("东政办发")), UnorderedElementsAre("a", "b", "c"));
}

TEST_F(SearchServiceTest, SynonymsFindEachOther) {
  index({doc("long", "发展和改革局年度工作总结"), doc("short", "发改局招聘公告")});
  EXPECT_THAT(ids(search("发改局")), ElementsAre("short"));
  service_->set_synonyms({{"发改局", "发展和改革局", "发改委"}});
  EXPECT_THAT(ids(search("发改局")), UnorderedElementsAre("long", "short"));
  EXPECT_THAT(ids(search("发展和改革局")), UnorderedElementsAre("long", "short"));
  EXPECT_THAT(ids(search("发改委 招聘")), ElementsAre("short"));
  EXPECT_THAT(search("发改局").terms, testing::IsSupersetOf({"发改局", "发展和改革局", "发改委"}));
}

TEST_F(SearchServiceTest, InForceRanksAboveSupersededForEqualText) {
  SearchRecord repealed = doc("repealed", "城市道路绿化管理规定", "城市道路绿化管理。");
  repealed.in_force = false;
  repealed.validity = "repealed";
  repealed.validity_label = "已废止";
  // Indexed first, so without the boost it would come first (equal weights keep index order).
  index({repealed});
  index({doc("current", "城市道路绿化管理规定", "城市道路绿化管理。")});
  const SearchResults r = search("绿化管理");
  EXPECT_THAT(ids(r), ElementsAre("current", "repealed"));
  EXPECT_EQ(r.hits[1].validity_label, "已废止");
}

TEST_F(SearchServiceTest, InForceBoostDoesNotOverrideAMuchBetterMatch) {
  index(filler(30));
  SearchRecord repealed = doc("repealed", "绿化管理规定", "绿化管理的具体规定。");
  repealed.in_force = false;
  SearchRecord weak = doc("weak", "关于道路养护的通知",
                          "为做好道路养护工作，各单位应加强协调，落实责任，确保道路畅通，同时兼顾绿化工作。");
  index({weak, repealed});
  EXPECT_THAT(ids(search("绿化")), ElementsAre("repealed", "weak"));
}

// ---- filters, facets, sorting, paging -----------------------------------------------------------

TEST_F(SearchServiceTest, FacetsCountEveryMatchWithLabels) {
  SearchRecord a = doc("a", "财政工作要点");
  a.genre = "notice";
  a.genre_label = "通知";
  a.topic = "finance";
  a.topic_label = "财政金融";
  SearchRecord b = doc("b", "财政工作总结");
  b.genre = "notice";
  b.genre_label = "通知";
  b.date = Date::from_ymd(2022, 1, 5);
  SearchRecord c = doc("c", "教育工作计划");
  c.department_code = "jyj";
  c.department_name = "市教育局";
  c.validity = "expired";
  c.validity_label = "失效";
  index({a, b, c, doc("d", "无关记录")});

  const SearchResults r = search("工作");
  EXPECT_EQ(r.total, 3);
  auto facet = [&](const std::string& name) {
    std::vector<std::tuple<std::string, std::string, int64_t>> out;
    for (const FacetValue& v : r.facets.at(name)) out.emplace_back(v.value, v.label, v.count);
    return out;
  };
  using T = std::tuple<std::string, std::string, int64_t>;
  EXPECT_THAT(facet("type"), ElementsAre(T{"document", "文件", 3}));
  EXPECT_THAT(facet("department"), ElementsAre(T{"czj", "市财政局", 2}, T{"jyj", "市教育局", 1}));
  EXPECT_THAT(facet("year"), ElementsAre(T{"2021", "2021", 2}, T{"2022", "2022", 1}));
  EXPECT_THAT(facet("validity"), ElementsAre(T{"in_force", "有效", 2}, T{"expired", "失效", 1}));
  EXPECT_THAT(facet("genre"), ElementsAre(T{"notice", "通知", 2}));
  EXPECT_THAT(facet("topic"), ElementsAre(T{"finance", "财政金融", 1}));
}

TEST_F(SearchServiceTest, RenamedDepartmentCountsOnceUnderItsCommonestLabel) {
  SearchRecord old_name = doc("old", "财政工作");
  old_name.department_name = "财政局";
  index({doc("a", "财政工作要点"), doc("b", "财政工作总结"), old_name});
  const SearchResults r = search("财政");
  ASSERT_EQ(r.facets.at("department").size(), 1u);
  EXPECT_EQ(r.facets.at("department")[0].label, "市财政局");
  EXPECT_EQ(r.facets.at("department")[0].count, 3);
}

TEST_F(SearchServiceTest, FacetCountsFollowUpdatesDeletesAndReindex) {
  index({doc("a", "财政工作"), doc("b", "财政工作"), doc("c", "财政工作")});
  SearchRecord moved = doc("a", "财政工作");
  moved.department_code = "jyj";
  moved.department_name = "市教育局";
  index({moved});
  docs_.erase("b");
  feed_.publish("document", "b");
  ASSERT_TRUE(service_->sync().has_value());
  auto departments = [&] {
    std::vector<std::pair<std::string, int64_t>> out;
    const SearchResults r = search("财政");
    for (const FacetValue& v : r.facets.at("department")) out.emplace_back(v.value, v.count);
    return out;
  };
  using P = std::pair<std::string, int64_t>;
  EXPECT_THAT(departments(), ElementsAre(P{"czj", 1}, P{"jyj", 1}));
  ASSERT_TRUE(service_->reindex({}).has_value());
  EXPECT_THAT(departments(), ElementsAre(P{"czj", 1}, P{"jyj", 1}));
  open();  // the table is loaded from the index
  EXPECT_THAT(departments(), ElementsAre(P{"czj", 1}, P{"jyj", 1}));
}

TEST_F(SearchServiceTest, FiltersNarrowResultsAndTheirFacets) {
  SearchRecord a = doc("a", "财政工作要点");
  a.date = Date::from_ymd(2020, 6, 1);
  a.validity = "repealed";
  a.in_force = false;
  SearchRecord b = doc("b", "教育工作计划");
  b.department_code = "jyj";
  b.department_name = "市教育局";
  b.topic = "education";
  b.genre = "plan";
  index({a, b, doc("c", "卫生工作总结")});

  EXPECT_THAT(ids(search("工作", [](SearchQuery& q) { q.department = "jyj"; })), ElementsAre("b"));
  EXPECT_THAT(ids(search("工作", [](SearchQuery& q) { q.year = 2020; })), ElementsAre("a"));
  EXPECT_THAT(ids(search("工作", [](SearchQuery& q) { q.validity = "in_force"; })),
              UnorderedElementsAre("b", "c"));
  EXPECT_THAT(ids(search("工作", [](SearchQuery& q) { q.topic = "education"; })), ElementsAre("b"));
  EXPECT_THAT(ids(search("工作", [](SearchQuery& q) { q.genre = "plan"; })), ElementsAre("b"));
  EXPECT_THAT(ids(search("工作", [](SearchQuery& q) { q.type = "faq"; })), testing::IsEmpty());
  const SearchResults r = search("工作", [](SearchQuery& q) { q.department = "czj"; });
  EXPECT_EQ(r.total, 2);
  ASSERT_EQ(r.facets.at("department").size(), 1u);
  EXPECT_EQ(r.facets.at("department")[0].count, 2);
}

TEST_F(SearchServiceTest, DateSortPutsNewestFirst) {
  SearchRecord old = doc("2019", "预算报告");
  old.date = Date::from_ymd(2019, 1, 1);
  SearchRecord newest = doc("2023", "预算报告");
  newest.date = Date::from_ymd(2023, 12, 31);
  SearchRecord mid = doc("2021", "预算报告 预算");
  mid.date = Date::from_ymd(2021, 5, 1);
  SearchRecord undated = doc("undated", "预算报告");
  undated.date.reset();
  index({old, undated, newest, mid});
  EXPECT_THAT(ids(search("预算", [](SearchQuery& q) { q.sort = "date"; })),
              ElementsAre("2023", "2021", "2019", "undated"));
  const SearchResults r = search("预算", [](SearchQuery& q) { q.sort = "date"; });
  ASSERT_TRUE(r.hits[0].date.has_value());
  EXPECT_EQ(*r.hits[0].date, *Date::from_ymd(2023, 12, 31));
}

TEST_F(SearchServiceTest, PagesAndAPageBeyondTheEndIsEmptyWithTheTotal) {
  index({doc("1", "预算一"), doc("2", "预算二"), doc("3", "预算三")});
  const SearchResults p1 = search("预算", [](SearchQuery& q) { q.per_page = 2; });
  const SearchResults p2 = search("预算", [](SearchQuery& q) {
    q.per_page = 2;
    q.page = 2;
  });
  EXPECT_EQ(p1.hits.size(), 2u);
  EXPECT_EQ(p2.hits.size(), 1u);
  const SearchResults beyond = search("预算", [](SearchQuery& q) {
    q.per_page = 2;
    q.page = 5;
  });
  EXPECT_TRUE(beyond.hits.empty());
  EXPECT_EQ(beyond.total, 3);
  EXPECT_EQ(beyond.page, 5);
}

TEST_F(SearchServiceTest, PagesNeverOverlapAcrossTheRerankWindow) {
  // 130 records of varied relevance, every third superseded: the boost reorders the best 100, and
  // walking the pages still yields every record exactly once.
  std::vector<SearchRecord> records;
  for (int i = 0; i < 130; ++i) {
    std::string body;
    for (int k = 0; k <= i % 7; ++k) body += "预算。";
    for (int k = 0; k < i % 11; ++k) body += "其他内容。";
    SearchRecord r = doc(std::to_string(i), "文件" + std::to_string(i), body);
    r.in_force = i % 3 != 0;
    records.push_back(r);
  }
  index(records);
  std::vector<std::string> walked;
  for (int page = 1; page <= 19; ++page) {
    const SearchResults r = search("预算", [&](SearchQuery& q) {
      q.per_page = 7;
      q.page = page;
    });
    EXPECT_EQ(r.total, 130);
    for (const SearchHit& h : r.hits) walked.push_back(h.id);
  }
  EXPECT_EQ(walked.size(), 130u);
  std::vector<std::string> unique = walked;
  std::sort(unique.begin(), unique.end());
  EXPECT_EQ(std::unique(unique.begin(), unique.end()), unique.end());
  // The same order as one big page.
  std::vector<std::string> at_once = ids(search("预算", [](SearchQuery& q) { q.per_page = 50; }));
  EXPECT_TRUE(std::equal(at_once.begin(), at_once.end(), walked.begin()));
}

TEST_F(SearchServiceTest, WithoutFacetsNoFacetsAreComputed) {
  index({doc("1", "预算一"), doc("2", "预算二")});
  const SearchResults r = search("预算", [](SearchQuery& q) { q.facets = false; });
  EXPECT_EQ(r.hits.size(), 2u);
  EXPECT_TRUE(r.facets.empty());
  EXPECT_EQ(r.total, 2);
}

TEST_F(SearchServiceTest, ScheduledRecordIsInvisibleUntilItsTime) {
  SearchRecord scheduled = doc("later", "绩效评价报告", "绩效评价");
  scheduled.visible_from = clock_.now().plus_seconds(3600);
  index({scheduled, doc("now", "预算公开")});
  EXPECT_TRUE(search("绩效评价").hits.empty());
  EXPECT_EQ(search("绩效评价").total, 0);
  EXPECT_EQ(service_->complete("绩效").value(), std::vector<std::string>{});
  clock_.advance_seconds(3600);
  EXPECT_THAT(ids(search("绩效评价")), ElementsAre("later"));
  EXPECT_THAT(service_->complete("绩效").value(), testing::Contains("绩效评价报告"));
}

TEST_F(SearchServiceTest, EachScheduledRecordAppearsExactlyAtItsInstant) {
  // The clock starts 800 s into an hour: +1 s and +2799 s are this hour, +2800 s the next, +90 days far.
  const Instant start = clock_.now();
  const std::vector<int64_t> offsets = {0, 1, 2799, 2800, 90 * 86400};
  std::vector<SearchRecord> records;
  for (const int64_t off : offsets) {
    SearchRecord r = doc("at" + std::to_string(off), "排期发布");
    r.visible_from = start.plus_seconds(off);
    records.push_back(r);
  }
  index(records);
  std::vector<std::string> expected;
  for (const int64_t off : offsets) {
    clock_.set(Instant::from_micros(start.plus_seconds(off).micros() - 1));
    EXPECT_THAT(ids(search("排期发布")), UnorderedElementsAreArray(expected)) << "just before +" << off;
    expected.push_back("at" + std::to_string(off));
    clock_.set(start.plus_seconds(off));
    EXPECT_THAT(ids(search("排期发布")), UnorderedElementsAreArray(expected)) << "at +" << off;
  }
}

// ---- input validation ------------------------------------------------------------------------

struct BadQuery {
  std::string name;
  std::function<void(SearchQuery&)> edit;
  std::string field;
};

TEST_F(SearchServiceTest, RejectsBadInputWithTheFieldAndAChineseMessage) {
  const std::vector<BadQuery> cases = {
      {"empty", [](SearchQuery& q) { q.q = ""; }, "q"},
      {"blank", [](SearchQuery& q) { q.q = " \u3000 "; }, "q"},
      {"too long", [](SearchQuery& q) { q.q = std::string(kMaxQueryChars + 1, 'a'); }, "q"},
      {"too long chinese",
       [](SearchQuery& q) {
         q.q.clear();
         for (int i = 0; i <= kMaxQueryChars; ++i) q.q += "政";
       },
       "q"},
      {"invalid utf-8", [](SearchQuery& q) { q.q = "公开\xff\xfe"; }, "q"},
      {"truncated utf-8", [](SearchQuery& q) { q.q = "公\xe5\xbc"; }, "q"},
      {"per_page 0", [](SearchQuery& q) { q.per_page = 0; }, "per_page"},
      {"per_page 999", [](SearchQuery& q) { q.per_page = 999; }, "per_page"},
      {"page 0", [](SearchQuery& q) { q.page = 0; }, "page"},
      {"page too far", [](SearchQuery& q) { q.page = kMaxPage + 1; }, "page"},
      {"unknown sort", [](SearchQuery& q) { q.sort = "title"; }, "sort"},
      {"year", [](SearchQuery& q) { q.year = 99999; }, "year"},
  };
  for (const BadQuery& c : cases) {
    SearchQuery q;
    q.q = "公开";
    c.edit(q);
    const auto r = service_->search(q);
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << c.name;
    ASSERT_FALSE(r.error().fields().empty()) << c.name;
    EXPECT_EQ(r.error().fields()[0].field, c.field) << c.name;
    EXPECT_GE(static_cast<unsigned char>(r.error().message()[0]), 0x80)
        << c.name << ": " << r.error().message();
  }
  // Exactly at the limit is fine.
  SearchQuery ok;
  ok.q = std::string(kMaxQueryChars, 'a');
  ok.per_page = kMaxPerPage;
  EXPECT_TRUE(service_->search(ok).has_value());
}

TEST_F(SearchServiceTest, OperatorsAndPunctuationAreText) {
  index({doc("1", "政府信息公开工作")});
  // "-公开" does not exclude, "*" does not expand: all of it is text.
  EXPECT_THAT(ids(search("政府 (信息) -公开*")), ElementsAre("1"));
  EXPECT_THAT(ids(search("政府 AND 信息")), ElementsAre("1"));  // "and" is a word (no record has it: relaxed)
  EXPECT_TRUE(search("？？！！").hits.empty());
}

// ---- snippets, suggestions, completion ---------------------------------------------------------

TEST_F(SearchServiceTest, SnippetsAndTitlesAreEscapedAndMarkTheTerms) {
  index({doc("1", "政府信息公开<b>指南</b>", "<script>alert(1)</script> 政府信息公开工作 & 其他")});
  const SearchResults r = search("信息公开");
  ASSERT_EQ(r.hits.size(), 1u);
  const SearchHit& h = r.hits[0];
  EXPECT_EQ(h.title, "政府信息公开<b>指南</b>");
  EXPECT_EQ(h.title_html, "政府<em>信息公开</em>&lt;b&gt;指南&lt;/b&gt;");
  EXPECT_THAT(h.snippet_html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(h.snippet_html, HasSubstr("<em>信息公开</em>"));
  EXPECT_THAT(h.snippet_html, HasSubstr("&amp; 其他"));
  EXPECT_THAT(h.snippet_html, Not(HasSubstr("<script>")));
}

TEST_F(SearchServiceTest, SnippetShowsTheWindowAroundTheMatch) {
  std::string body;
  for (int i = 0; i < 100; ++i) body += "各部门要认真落实。";
  body += "预算绩效评价结果向社会公开。";
  for (int i = 0; i < 100; ++i) body += "加强组织领导。";
  index({doc("1", "通知", body)});
  const SearchResults r = search("绩效评价");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& s = r.hits[0].snippet_html;
  EXPECT_TRUE(s.starts_with("…预算<em>绩效评价</em>结果向社会公开。")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_TRUE(is_valid_utf8(s));
}

TEST_F(SearchServiceTest, SuggestsACorrectionThatHasResults) {
  index({doc("1", "政府信息公开指南", "主动公开的范围"), doc("2", "依申请公开办理流程")});
  const SearchResults r = search("公凯");
  EXPECT_TRUE(r.hits.empty());
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "公开");
  EXPECT_FALSE(search("公开").suggestion.has_value());
  EXPECT_EQ(search("政府 公凯").suggestion, std::optional<std::string>("政府 公开"));
}

TEST_F(SearchServiceTest, CompletesWithFrequentWordsAndTitles) {
  index({doc("1", "财政预算执行情况报告", "财政预算 财政局"), doc("2", "财政预算公开说明", "财政预算"),
         doc("3", "财务管理制度")});
  const std::vector<std::string> c = service_->complete("财政", 8).value();
  EXPECT_THAT(c, testing::Contains("财政预算"));
  EXPECT_THAT(c, testing::Contains("财政预算执行情况报告"));
  EXPECT_THAT(c, Not(testing::Contains("财务管理制度")));
  EXPECT_LE(service_->complete("财", 2).value().size(), 2u);
  EXPECT_TRUE(service_->complete("", 8).value().empty());
  EXPECT_FALSE(service_->complete("财\xe6", 8).has_value());  // a cut-off UTF-8 sequence
}

// ---- keeping the index current -------------------------------------------------------------------

TEST_F(SearchServiceTest, SyncAppliesUpsertsAndDeletesAndPersistsTheCursor) {
  docs_.put(doc("1", "预算公开"));
  feed_.publish("document", "1");
  EXPECT_EQ(service_->sync().value(), 1);
  EXPECT_THAT(ids(search("预算")), ElementsAre("1"));

  docs_.put(doc("1", "决算公开"));
  feed_.publish("document", "1");
  EXPECT_EQ(service_->sync().value(), 1);
  EXPECT_TRUE(search("预算").hits.empty());
  EXPECT_THAT(ids(search("决算")), ElementsAre("1"));

  docs_.erase("1");
  feed_.publish("document", "1");
  feed_.publish("faq", "7");  // no source for this kind: skipped, cursor moves on
  EXPECT_EQ(service_->sync().value(), 1);
  EXPECT_TRUE(search("决算").hits.empty());
  EXPECT_EQ(service_->stats().value().cursor, 4);
  EXPECT_EQ(service_->stats().value().documents, 0);

  open();
  EXPECT_EQ(service_->stats().value().cursor, 4);
  const int gets = docs_.gets;
  EXPECT_EQ(service_->sync().value(), 0);
  EXPECT_EQ(docs_.gets, gets);
}

TEST_F(SearchServiceTest, SyncStopsAtAFailingSourceAndRetriesFromThere) {
  docs_.put(doc("1", "预算公开"));
  docs_.put(doc("2", "决算公开"));
  feed_.publish("document", "1");
  feed_.publish("document", "2");
  docs_.fail_get_id = "2";
  const auto r = service_->sync();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(service_->stats().value().cursor, 1);
  EXPECT_THAT(ids(search("预算")), ElementsAre("1"));
  docs_.fail_get_id.clear();
  EXPECT_EQ(service_->sync().value(), 1);
  EXPECT_THAT(ids(search("决算")), ElementsAre("2"));
}

TEST_F(SearchServiceTest, SyncWithoutAFeedIsAFailedPrecondition) {
  auto s = SearchService::open(root_ / "other", shared_segmenter(), shared_normalizer(), clock_);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ((*s)->sync().error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(SearchServiceTest, ReindexRebuildsAndReplaysEventsThatArriveDuringIt) {
  index({doc("gone", "过期记录")});
  docs_.erase("gone");  // removed without an event: only a rebuild drops it
  for (int i = 1; i <= 5; ++i) docs_.put(doc(std::to_string(i), "预算文件" + std::to_string(i)));
  docs_.between_batches = [&](int batches) {
    if (batches != 1) return;
    docs_.put(doc("1", "决算文件"));  // changed after the rebuild read it
    feed_.publish("document", "1");
    docs_.put(doc("9", "新增文件"));
    feed_.publish("document", "9");
  };
  std::vector<std::pair<int64_t, int64_t>> progress;
  const auto n = service_->reindex([&](int64_t done, int64_t total) { progress.emplace_back(done, total); });
  ASSERT_TRUE(n.has_value()) << n.error().to_string();
  EXPECT_EQ(*n, 5);  // the rebuild read 1..5; record 9 and the new version of 1 came from the outbox
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().first, *n);

  EXPECT_TRUE(search("过期记录").hits.empty());
  EXPECT_THAT(ids(search("决算文件")), ElementsAre("1"));
  EXPECT_THAT(ids(search("新增文件")), ElementsAre("9"));
  EXPECT_EQ(service_->stats().value().documents, 6);
  EXPECT_EQ(service_->stats().value().cursor, feed_.last_seq().value());
  EXPECT_EQ(service_->sync().value(), 0);
}

TEST_F(SearchServiceTest, DeletedIndexReopensEmptyAndReindexFillsIt) {
  index({doc("1", "预算公开"), doc("2", "决算公开")});
  service_.reset();
  fs::remove_all(dir_);
  open();
  EXPECT_EQ(service_->stats().value().documents, 0);
  EXPECT_TRUE(search("预算").hits.empty());
  EXPECT_EQ(service_->reindex({}).value(), 2);
  EXPECT_THAT(ids(search("预算")), ElementsAre("1"));
  EXPECT_EQ(service_->stats().value().documents, 2);
  EXPECT_GT(service_->stats().value().bytes_on_disk, 0u);
}

TEST_F(SearchServiceTest, SecondWriterOnTheSameDirectoryIsUnavailable) {
  auto second = SearchService::open(dir_, shared_segmenter(), shared_normalizer(), clock_);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code(), ErrorCode::kUnavailable);
}

TEST_F(SearchServiceTest, SearchesFromManyThreadsWhileSyncAndReindexWrite) {
  index({doc("0", "预算文件0")});
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        SearchQuery q;
        q.q = "预算文件";
        auto r = service_->search(q);
        if (!r || r->hits.empty()) {
          ++failures;
          ADD_FAILURE() << (r ? "no hits" : r.error().to_string());
        }
        ++searches;
      }
    });
  }
  for (int i = 1; i <= 30; ++i) {
    docs_.put(doc(std::to_string(i), "预算文件" + std::to_string(i)));
    feed_.publish("document", std::to_string(i));
    ASSERT_TRUE(service_->sync().has_value());
    if (i % 10 == 0) {
      ASSERT_TRUE(service_->reindex({}).has_value());
    }
  }
  while (searches.load() < 50) std::this_thread::yield();
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(search("预算文件", [](SearchQuery& q) { q.per_page = 50; }).total, 31);
}

}  // namespace
}  // namespace gk::search
