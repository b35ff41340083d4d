#include "storage/sql/placeholders.h"

#include <gtest/gtest.h>

namespace gk::sql::detail {
namespace {

struct Case {
  const char* in;
  const char* out;
  int count;
};

TEST(PlaceholdersTest, RewritesOnlyPlaceholdersOutsideLiteralsAndComments) {
  const Case cases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT ?, ?", "SELECT $1, $2", 2},
      {"SELECT '是?', ?", "SELECT '是?', $1", 1},
      {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
      {"SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1", 1},
      {"SELECT '\\', ?", "SELECT '\\', $1", 1},  // standard strings: backslash is ordinary
      {"SELECT \"we?ird\" FROM t WHERE a = ?", "SELECT \"we?ird\" FROM t WHERE a = $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT /* a? /* nested? */ still? */ ?", "SELECT /* a? /* nested? */ still? */ $1", 1},
      {"SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1", 1},
      {"SELECT $fn$ ? $x$ ? $fn$, ?", "SELECT $fn$ ? $x$ ? $fn$, $1", 1},
      {"SELECT a$b, ?", "SELECT a$b, $1", 1},
      {"INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?)",
       "INSERT INTO t VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)", 11},
      {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
  };
  for (const Case& c : cases) {
    RewrittenSql r = rewrite_placeholders(c.in);
    EXPECT_EQ(r.sql, c.out) << c.in;
    EXPECT_EQ(r.placeholders, c.count) << c.in;
  }
}

}  // namespace
}  // namespace gk::sql::detail
