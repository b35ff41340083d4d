#include "search/record_table.h"

#include <stdlib.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "search/index_schema.h"
#include "search/index_writer.h"

namespace gk::search {
namespace {

namespace fs = std::filesystem;

TEST(RecordTableTest, StoresEntriesAcrossBlocksAndForgetsClearedOnes) {
  RecordTable table;
  EXPECT_FALSE(table.get(1).known);
  const RecordTable::Entry e{.known = true, .facets = 70000, .date = 0xABCDEF, .in_force = true};
  for (const Xapian::docid did : {1u, 65535u, 65536u, 4'000'000'000u}) {
    table.set(did, e);
    const RecordTable::Entry got = table.get(did);
    EXPECT_TRUE(got.known);
    EXPECT_EQ(got.facets, 70000u);
    EXPECT_EQ(got.date, 0xABCDEFu);
    EXPECT_TRUE(got.in_force);
  }
  table.clear(65536);
  EXPECT_FALSE(table.get(65536).known);
  EXPECT_TRUE(table.get(65535).known);
}

TEST(RecordTableTest, LoadedTableAgreesWithEachDocumentsValues) {
  std::string root = (fs::temp_directory_path() / "gk-record-table-XXXXXX").string();
  ASSERT_NE(::mkdtemp(root.data()), nullptr);
  const fs::path dir = fs::path(root) / "index";
  {
    auto writer =
        IndexWriter::create(dir, text::Segmenter::create().value(), text::Normalizer::create().value())
            .value();
    for (int i = 0; i < 20; ++i) {
      SearchRecord r;
      r.kind = "document";
      r.id = std::to_string(i);
      r.title = "预算";
      r.department_code = i % 2 ? "czj" : "jyj";
      r.in_force = i % 3 != 0;
      if (i % 4 != 0) r.date = Date::from_ymd(2000 + i, 1, 1);
      ASSERT_TRUE(writer->add(r).has_value());
    }
    ASSERT_TRUE(writer->remove("document", "5").has_value());
    ASSERT_TRUE(writer->commit().has_value());
  }
  const Xapian::Database db(dir.string());
  const std::unique_ptr<RecordTable> table = RecordTable::load(db);
  int known = 0;
  for (Xapian::docid did = 1; did <= 25; ++did) {
    const RecordTable::Entry got = table->get(did);
    if (!got.known) continue;
    ++known;
    const RecordTable::Entry want = RecordTable::from_document(db.get_document(did));
    EXPECT_EQ(got.facets, want.facets) << did;
    EXPECT_EQ(got.date, want.date) << did;
    EXPECT_EQ(got.in_force, want.in_force) << did;
    EXPECT_EQ(RecordTable::date_key(got.date), db.get_document(did).get_value(schema::kSlotDate)) << did;
  }
  EXPECT_EQ(known, 19);
  fs::remove_all(root);
}

}  // namespace
}  // namespace gk::search
