#include "storage/local_file_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <random>

#include "documents/attachment.h"

namespace gk::storage {
namespace {

namespace fs = std::filesystem;

class LocalFileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("gk-files-test-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(LocalFileStoreTest, StoresContentAddressedBlobsInShardDirectories) {
  LocalFileStore store(dir_ / "files");
  const std::string bytes = "东阳市政务公开 PDF bytes \x01\x02";
  const std::string key = documents::sha256_hex(bytes);
  ASSERT_TRUE(store.put(key, bytes));
  EXPECT_EQ(store.path_of(key), dir_ / "files" / key.substr(0, 2) / key);
  EXPECT_TRUE(fs::is_regular_file(store.path_of(key)));
  auto got = store.get(key);
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, bytes);
  // Storing the same bytes again keeps the one copy and leaves no temp files behind.
  ASSERT_TRUE(store.put(key, bytes));
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "files")) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
  struct stat st {};
  ASSERT_EQ(::stat(store.path_of(key).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST_F(LocalFileStoreTest, MissingBlobIsNotFoundAndRemoveIsIdempotent) {
  LocalFileStore store(dir_ / "files");
  const std::string key = documents::sha256_hex("x");
  auto got = store.get(key);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(store.put(key, "x"));
  EXPECT_TRUE(store.remove(key));
  EXPECT_TRUE(store.remove(key));
  EXPECT_EQ(store.get(key).error().code(), ErrorCode::kNotFound);
}

TEST_F(LocalFileStoreTest, MalformedKeysNeverReachTheFileSystem) {
  LocalFileStore store(dir_ / "files");
  for (std::string key : {"../../../../etc/passwd", "ABCDEF012345", "a/b/c/d/e/f", "", "ab"}) {
    EXPECT_EQ(store.put(key, "x").error().code(), ErrorCode::kInvalidArgument) << key;
    EXPECT_EQ(store.get(key).error().code(), ErrorCode::kInvalidArgument) << key;
    EXPECT_EQ(store.remove(key).error().code(), ErrorCode::kInvalidArgument) << key;
  }
  EXPECT_FALSE(fs::exists(dir_ / "files"));
}

TEST_F(LocalFileStoreTest, UnusableDirectoryIsUnavailable) {
  // A plain file where the store's directory should be (works for root too, unlike permissions).
  { std::ofstream(dir_ / "files") << "not a directory"; }
  LocalFileStore store(dir_ / "files");
  const std::string key = documents::sha256_hex("y");
  auto st = store.put(key, "y");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code(), ErrorCode::kUnavailable) << st.error().to_string();
  EXPECT_EQ(store.get(key).error().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace gk::storage
