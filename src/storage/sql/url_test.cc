#include "storage/sql/url.h"

#include <gtest/gtest.h>

namespace gk::sql::detail {
namespace {

TEST(DatabaseUrlTest, RecognisesEveryScheme) {
  auto abs = parse_database_url("sqlite:///var/lib/gongkai/gongkai.db");
  ASSERT_TRUE(abs.has_value());
  EXPECT_EQ(abs->dialect, Dialect::kSqlite);
  EXPECT_EQ(abs->target, "/var/lib/gongkai/gongkai.db");

  auto rel = parse_database_url("sqlite://var/gongkai.db");
  ASSERT_TRUE(rel.has_value());
  EXPECT_EQ(rel->target, "var/gongkai.db");

  auto mem = parse_database_url("sqlite::memory:");
  ASSERT_TRUE(mem.has_value());
  EXPECT_TRUE(mem->memory);

  for (const char* url : {"postgresql://u:p@h:5432/db?sslmode=disable", "postgres://h/db"}) {
    auto pg = parse_database_url(url);
    ASSERT_TRUE(pg.has_value()) << url;
    EXPECT_EQ(pg->dialect, Dialect::kPostgres);
    EXPECT_EQ(pg->target, url);
  }
}

TEST(DatabaseUrlTest, RejectsMalformedUrlsNamingThem) {
  for (const char* url : {"", "mysql://h/db", "sqlite:", "sqlite://", "sqlite:///",
                          "sqlite:///tmp/x.db?mode=ro", "sqlite:///tmp/dir/", "gongkai.db"}) {
    auto r = parse_database_url(url);
    ASSERT_FALSE(r.has_value()) << url;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << url;
    EXPECT_NE(r.error().message().find(std::string("\"") + url + "\""), std::string::npos)
        << r.error().message();
  }
}

TEST(DatabaseUrlTest, MasksPasswords) {
  EXPECT_EQ(redact_url("postgresql://gk:s3cret@db:5432/gk"), "postgresql://gk:***@db:5432/gk");
  EXPECT_EQ(redact_url("postgresql://db/gk?user=gk&password=s3cret&sslmode=require"),
            "postgresql://db/gk?user=gk&password=***&sslmode=require");
  EXPECT_EQ(redact_url("postgresql://gk@db/gk"), "postgresql://gk@db/gk");
  EXPECT_EQ(redact_url("sqlite:///a@b:c/x.db"), "sqlite:///a@b:c/x.db");
}

}  // namespace
}  // namespace gk::sql::detail
