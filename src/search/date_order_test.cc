#include "search/date_order.h"

#include <stdlib.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "search/index_writer.h"
#include "search/stored_hit.h"

namespace gk::search {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ids(const std::vector<RankedDoc>& page) {
  std::vector<std::string> out;
  for (const RankedDoc& d : page) out.push_back(decode_stored_hit(d.document.get_data())->id);
  return out;
}

TEST(DateOrderTest, PagingByYearGivesTheSameOrderAsOneSortedPass) {
  std::string root = (fs::temp_directory_path() / "gk-date-order-XXXXXX").string();
  ASSERT_NE(::mkdtemp(root.data()), nullptr);
  {
    auto writer = IndexWriter::create(fs::path(root) / "index", text::Segmenter::create().value(),
                                      text::Normalizer::create().value())
                      .value();
    // 60 records over 5 years (several per day, so relevance breaks ties), 3 undated.
    for (int i = 0; i < 63; ++i) {
      SearchRecord r;
      r.kind = "document";
      r.id = std::to_string(i);
      r.title = i % 4 == 0 ? "预算 预算 报告" : "预算报告";
      r.body = std::string(static_cast<size_t>(i % 5) * 3, 'x');
      if (i < 60) r.date = Date::from_ymd(2019 + i % 5, 1 + i % 12, 1 + (i / 12) % 2);
      ASSERT_TRUE(writer->add(r).has_value());
    }
    ASSERT_TRUE(writer->commit().has_value());
  }
  const Xapian::Database db((fs::path(root) / "index").string());
  const Xapian::Query query("预算");
  const std::vector<std::string> all = ids(date_ordered_page(db, query, 0, 100, /*by_year=*/false));
  ASSERT_EQ(all.size(), 63u);
  EXPECT_EQ(ids(date_ordered_page(db, query, 0, 100, /*by_year=*/true)), all);
  // Dates from the in-memory table give the same order.
  const std::unique_ptr<RecordTable> table = RecordTable::load(db);
  EXPECT_EQ(ids(date_ordered_page(db, query, 0, 100, /*by_year=*/false, table.get())), all);
  EXPECT_EQ(ids(date_ordered_page(db, query, 7, 20, /*by_year=*/true, table.get())),
            std::vector<std::string>(all.begin() + 7, all.begin() + 27));
  for (Xapian::doccount first : {0u, 5u, 11u, 12u, 13u, 30u, 58u, 60u, 62u, 70u}) {
    for (Xapian::doccount count : {1u, 7u, 12u}) {
      std::vector<std::string> expected;
      for (size_t i = first; i < std::min<size_t>(all.size(), first + count); ++i) expected.push_back(all[i]);
      EXPECT_EQ(ids(date_ordered_page(db, query, first, count, /*by_year=*/true)), expected)
          << "first " << first << " count " << count;
    }
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace gk::search
