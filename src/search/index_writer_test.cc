#include "search/index_writer.h"

#include <stdlib.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include "search/search_service.h"

namespace gk::search {
namespace {

namespace fs = std::filesystem;

class IndexWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "gk-index-writer-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    segmenter_ = text::Segmenter::create().value();
    normalizer_ = text::Normalizer::create().value();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  static SearchRecord record(std::string id, std::string title) {
    SearchRecord r;
    r.kind = "document";
    r.id = std::move(id);
    r.title = std::move(title);
    return r;
  }

  std::vector<std::string> found(const fs::path& dir, const std::string& q) {
    FakeClock clock(Instant::from_seconds(1'700'000'000));
    auto service = SearchService::open(dir, segmenter_, normalizer_, clock);
    EXPECT_TRUE(service.has_value()) << service.error().to_string();
    SearchQuery query;
    query.q = q;
    std::vector<std::string> ids;
    const SearchResults results = (*service)->search(query).value();
    for (const SearchHit& h : results.hits) ids.push_back(h.id);
    return ids;
  }

  fs::path root_;
  std::shared_ptr<const text::Segmenter> segmenter_;
  std::shared_ptr<const text::Normalizer> normalizer_;
};

TEST_F(IndexWriterTest, BulkLoadedIndexOpensAsASearchService) {
  const fs::path dir = root_ / "bulk";
  {
    IndexWriter::Options options;
    options.commit_every = 2;  // commits by itself along the way
    auto writer = IndexWriter::create(dir, segmenter_, normalizer_, options).value();
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(writer->add(record(std::to_string(i), "预算报告")).has_value());
    ASSERT_TRUE(writer->add(record("2", "决算报告")).has_value());  // replaces record 2
    ASSERT_TRUE(writer->remove("document", "4").has_value());
    writer->set_cursor(42);
    ASSERT_TRUE(writer->commit().has_value());
    EXPECT_EQ(writer->documents().value(), 4);
  }
  EXPECT_THAT(found(dir, "预算"), testing::UnorderedElementsAre("0", "1", "3"));
  EXPECT_THAT(found(dir, "决算"), testing::ElementsAre("2"));
  EXPECT_EQ(IndexWriter::create(dir, segmenter_, normalizer_).value()->cursor(), 42);
}

TEST_F(IndexWriterTest, CompactKeepsRecordsCursorAndStaysWritable) {
  const fs::path dir = root_ / "packed";
  auto writer = IndexWriter::create(dir, segmenter_, normalizer_).value();
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(writer->add(record(std::to_string(i), "预算报告" + std::to_string(i))).has_value());
  writer->set_cursor(7);
  ASSERT_TRUE(writer->compact().has_value());
  EXPECT_FALSE(fs::exists(root_ / "packed.compact"));
  ASSERT_TRUE(writer->add(record("50", "决算报告")).has_value());
  ASSERT_TRUE(writer->commit().has_value());
  EXPECT_EQ(writer->documents().value(), 51);
  EXPECT_EQ(writer->cursor(), 7);
  writer.reset();
  EXPECT_EQ(found(dir, "决算").size(), 1u);
  EXPECT_EQ(found(dir, "预算").size(), 10u);  // a page of the 50
}

TEST_F(IndexWriterTest, RecordWithoutKindOrIdIsRejected) {
  auto writer = IndexWriter::create(root_ / "x", segmenter_, normalizer_).value();
  EXPECT_EQ(writer->add(record("", "标题")).error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(IndexWriterTest, IndexOfAnotherSchemaVersionIsRefused) {
  {
    Xapian::WritableDatabase db((root_ / "old").string(),
                                Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    db.set_metadata("gk:schema", "999");
    db.commit();
  }
  const auto writer = IndexWriter::create(root_ / "old", segmenter_, normalizer_);
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace gk::search
