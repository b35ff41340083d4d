#include "search/facets.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gk::search {
namespace {

TEST(FacetIdTest, RoundTripsAndRejectsMalformedValues) {
  for (const uint32_t id :
       {0u, 1u, 127u, 128u, 16383u, 16384u, 1u << 21, std::numeric_limits<uint32_t>::max()}) {
    EXPECT_EQ(decode_facet_id(encode_facet_id(id)), id) << id;
  }
  EXPECT_EQ(encode_facet_id(5).size(), 1u);
  EXPECT_EQ(encode_facet_id(300).size(), 2u);
  EXPECT_FALSE(decode_facet_id(""));
  EXPECT_FALSE(decode_facet_id("\x80"));
  EXPECT_FALSE(decode_facet_id(encode_facet_id(5) + "x"));
}

TEST(FacetDictionaryTest, NumbersEachCombinationOnceAndRemembersItInTheIndex) {
  std::string dir = (std::filesystem::temp_directory_path() / "gk-facets-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  SearchRecord a;
  a.kind = "document";
  a.department_code = "czj";
  a.department_name = "市财政局";
  SearchRecord b = a;
  b.date = Date::from_ymd(2021, 1, 1);
  FacetDictionary dict(db);
  const uint32_t ia = dict.id_for(encode_facets(a), db);
  const uint32_t ib = dict.id_for(encode_facets(b), db);
  EXPECT_NE(ia, ib);
  EXPECT_EQ(dict.id_for(encode_facets(a), db), ia);

  FacetDictionary reloaded(db);
  EXPECT_EQ(reloaded.id_for(encode_facets(b), db), ib);
  SearchRecord c = a;
  c.validity = "repealed";
  EXPECT_GT(reloaded.id_for(encode_facets(c), db), ib);

  FacetLabels labels;
  EXPECT_EQ(labels.combination(ib, db), encode_facets(b));
  EXPECT_EQ(labels.combination(999, db), "");
  db.close();
  std::filesystem::remove_all(dir);
}

TEST(FacetEncodingTest, SeparatorsInsideValuesCannotShiftFields) {
  SearchRecord r;
  r.kind = "document";
  r.department_code =
      "a\x1e"
      "b";
  r.department_name = "名\x1f称";
  const std::string e = encode_facets(r);
  EXPECT_EQ(std::count(e.begin(), e.end(), '\x1e'), 5);
  EXPECT_EQ(std::count(e.begin(), e.end(), '\x1f'), 1);
}

}  // namespace
}  // namespace gk::search
