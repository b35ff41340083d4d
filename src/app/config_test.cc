#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace gk::app {
namespace {

std::string write_temp(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("gk-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(ConfigTest, DefaultsUseSqliteInTheDataDir) {
  auto c = load_config(std::nullopt, {}, {});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
  EXPECT_TRUE(c->database_url().starts_with("sqlite:///"));
  EXPECT_TRUE(c->database_url().ends_with("/var/gongkai.db"));
}

TEST(ConfigTest, FlagsOverrideEnvironmentWhichOverridesTheFile) {
  const auto file = write_temp("listen = \"0.0.0.0:9000\"\nworker_threads = 3\ndata_dir = \"/tmp/from-file\"\n");
  auto c = load_config(file, {{"GONGKAI_LISTEN", "127.0.0.1:9100"}, {"GONGKAI_DATA_DIR", "/tmp/from-env"}},
                       {{"data_dir", "/tmp/from-flag"}});
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_EQ(c->listen, "127.0.0.1:9100");    // env beats file
  EXPECT_EQ(c->data_dir, "/tmp/from-flag");  // flag beats env
  EXPECT_EQ(c->worker_threads, 3);           // file value kept
  std::remove(file.c_str());
}

TEST(ConfigTest, UnknownKeysAreErrorsNamingTheKey) {
  const auto file = write_temp("listen = \"127.0.0.1:1\"\nlisten_port = 80\n");
  auto c = load_config(file, {}, {});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message().find("listen_port"), std::string::npos);
  std::remove(file.c_str());

  auto e = load_config(std::nullopt, {{"GONGKAI_DATABSE", "sqlite:///x"}}, {});
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message().find("GONGKAI_DATABSE"), std::string::npos);
}

TEST(ConfigTest, TestHarnessVariablesAreIgnored) {
  EXPECT_TRUE(load_config(std::nullopt, {{"GONGKAI_TEST_PG_URL", "postgresql://x"}}, {}));
}

TEST(ConfigTest, BadValuesAreRejectedWithTheirSource) {
  auto port = load_config(std::nullopt, {{"GONGKAI_LISTEN", "127.0.0.1:99999"}}, {});
  ASSERT_FALSE(port);
  EXPECT_NE(port.error().message().find("GONGKAI_LISTEN"), std::string::npos);
  EXPECT_FALSE(load_config(std::nullopt, {}, {{"io_threads", "zero"}}));
  EXPECT_FALSE(load_config(std::nullopt, {}, {{"demo", "maybe"}}));
  const auto file = write_temp("listen = [1, 2]\n");
  EXPECT_FALSE(load_config(file, {}, {}));
  std::remove(file.c_str());
  const auto broken = write_temp("listen = \"unterminated\n");
  auto b = load_config(broken, {}, {});
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message().find("line"), std::string::npos);
  std::remove(broken.c_str());
}

TEST(ConfigTest, ParsesListenAddresses) {
  EXPECT_EQ(parse_listen("127.0.0.1:8080")->second, 8080);
  EXPECT_EQ(parse_listen("[::1]:0")->first, "::1");
  EXPECT_FALSE(parse_listen("localhost"));
  EXPECT_FALSE(parse_listen(":80"));
}

}  // namespace
}  // namespace gk::app
