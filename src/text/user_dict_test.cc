// Segmenter::read_user_dict: jieba's user-dictionary line format plus '#' comments.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include "text/segmenter.h"

namespace gk::text {
namespace {

class UserDictTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // ctest runs each test in its own process, several at once: the directory must differ per
    // process (gtest's random_seed is the same in all of them, so it cannot name it alone).
    std::random_device entropy;
    dir_ = std::filesystem::temp_directory_path() /
           ("gk_user_dict_" + std::to_string(::getpid()) + "_" + std::to_string(entropy()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& content) {
    auto path = (dir_ / "dict.txt").string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(UserDictTest, ReadsWordsFrequenciesAndPartsOfSpeech) {
  auto path = write(
      "\xEF\xBB\xBF# 注释行\n"
      "政务公开 5000 n\n"
      "\n"
      "  浙里办 300  \r\n"
      "放管服 nz\n"
      "最多跑一次\n"
      "12345 10\n"
      "互联网+政务服务 20 n\n"
      "来到 0\n");
  auto words = Segmenter::read_user_dict(path);
  ASSERT_TRUE(words.has_value()) << words.error().to_string();
  std::vector<std::pair<std::string, int64_t>> got;
  for (auto& w : *words) got.emplace_back(w.word, w.freq);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int64_t>>{{"政务公开", 5000},
                                                               {"浙里办", 300},
                                                               {"放管服", 0},
                                                               {"最多跑一次", 0},
                                                               {"12345", 10},
                                                               {"互联网+政务服务", 20},
                                                               {"来到", -1}}));
}

TEST_F(UserDictTest, MalformedEntryNamesFileAndLine) {
  auto path = write("政务公开 5000 n\n浙里办 300 N\n");
  auto words = Segmenter::read_user_dict(path);
  ASSERT_FALSE(words.has_value());
  EXPECT_EQ(words.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(words.error().fields().size(), 1u);
  EXPECT_EQ(words.error().fields()[0].field, path + ":2");
}

TEST_F(UserDictTest, InvalidUtf8IsRejected) {
  auto words = Segmenter::read_user_dict(write("ok 1\n\xFF\xFE 3\n"));
  ASSERT_FALSE(words.has_value());
  EXPECT_EQ(words.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(UserDictTest, MissingFileIsNotFound) {
  auto words = Segmenter::read_user_dict((dir_ / "absent.txt").string());
  ASSERT_FALSE(words.has_value());
  EXPECT_EQ(words.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gk::text
