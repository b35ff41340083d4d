#include "search/query_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gk::search {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class QueryBuilderTest : public ::testing::Test {
 protected:
  static const TextAnalyzer& analyzer() {
    static const TextAnalyzer a(text::Segmenter::create().value(), text::Normalizer::create().value());
    return a;
  }
  ParsedQuery parse(std::string_view q) { return QueryBuilder(analyzer(), synonyms_, db_).parse(q); }

  SynonymTable synonyms_;
  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(QueryBuilderTest, WordsAreAndedAndQuotesMakeAPhrase) {
  const ParsedQuery plain = parse("信息 公开");
  EXPECT_THAT(plain.strict.get_description(), HasSubstr("AND"));
  EXPECT_THAT(plain.strict.get_description(), Not(HasSubstr("PHRASE")));
  EXPECT_THAT(plain.relaxed.get_description(), HasSubstr("ELITE_SET"));
  EXPECT_TRUE(plain.relaxed_most.empty());  // two clauses: "all but one" is the elite set
  const ParsedQuery quoted = parse("\"信息公开\"");
  // Positions are byte offsets: 公开 starts 6 bytes after 信息, so the window is 7.
  EXPECT_THAT(quoted.strict.get_description(), HasSubstr("信息 PHRASE 7 公开"));
  EXPECT_THAT(quoted.terms, testing::ElementsAre("信息公开"));
  // Unbalanced: the quote is dropped as punctuation, the words stay.
  EXPECT_THAT(parse("\"信息公开").strict.get_description(), Not(HasSubstr("PHRASE")));
}

TEST_F(QueryBuilderTest, LongWordAlsoMatchesItsSubWordsAsAPhrase) {
  // 中华人民共和国 = 中华 + 人民 + 共和国, adjacent: a window of the word's byte span.
  const ParsedQuery p = parse("中华人民共和国");
  EXPECT_EQ(p.strict.get_description(), "Query(中华人民共和国)");
  const std::string d = p.expanded.get_description();
  EXPECT_THAT(d, HasSubstr("中华人民共和国 OR (中华 PHRASE 13 人民 PHRASE 13 共和国)")) << d;
  EXPECT_TRUE(parse("公开").expanded.empty());  // two characters: nothing to expand
}

TEST_F(QueryBuilderTest, SynonymRunOfSeveralWordsExpandsToTheGroup) {
  synonyms_ = SynonymTable({{"发改局", "发展和改革局"}}, analyzer());
  const ParsedQuery p = parse("发展和改革局 招聘");
  EXPECT_THAT(p.terms, testing::ElementsAre("发改局", "发展和改革局", "招聘"));
  EXPECT_THAT(p.strict.get_description(), HasSubstr("发改局"));
}

TEST_F(QueryBuilderTest, PunctuationOnlyQueryMatchesNothing) {
  const ParsedQuery p = parse("？！。。");
  EXPECT_EQ(p.strict.get_type(), Xapian::Query::LEAF_MATCH_NOTHING);
  EXPECT_TRUE(p.terms.empty());
}

TEST_F(QueryBuilderTest, FilterCombinesEveryGivenField) {
  SearchQuery q;
  EXPECT_TRUE(QueryBuilder::filter(q).empty());
  q.type = "document";
  q.department = "czj";
  q.year = 2021;
  const std::string d = QueryBuilder::filter(q).get_description();
  EXPECT_THAT(d, HasSubstr("XKdocument"));
  EXPECT_THAT(d, HasSubstr("XDczj"));
  EXPECT_THAT(d, HasSubstr("XY2021"));
}

TEST(ValidateQueryTest, ReportsEveryBadFieldAtOnce) {
  SearchQuery q;
  q.q = "";
  q.page = 0;
  q.per_page = 999;
  q.sort = "x";
  const Status st = validate_query(q);
  ASSERT_FALSE(st.has_value());
  std::vector<std::string> fields;
  for (const FieldError& f : st.error().fields()) fields.push_back(f.field);
  EXPECT_THAT(fields, testing::ElementsAre("q", "page", "per_page", "sort"));
  EXPECT_EQ(st.error().message(), "请输入搜索词");
}

}  // namespace
}  // namespace gk::search
