// Tests for PasswordHasher (Argon2id) and check_password_policy.
#include "accounts/password.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace gk::accounts {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Fixed hashes of "张三的旧密码2019" made by libsodium 1.0.18 (crypto_pwhash_str_alg): they pin
// compatibility with hashes already stored in databases.
constexpr std::string_view kOldPassword = "张三的旧密码2019";
constexpr std::string_view kArgon2iMin =
    "$argon2i$v=19$m=8,t=3,p=1$Tvk7DS7gCX+bHnmTy9WckA$przx2Oj3iMtsB45YQMoB3S3jUocv9vzYDuYAar6GADs";
constexpr std::string_view kArgon2idMin =
    "$argon2id$v=19$m=8,t=1,p=1$UykjmHvXJohZfMmFW/T+0g$c/oQKnAYxZprKw3u70pU7TzhS3EkkkGwMgU6ibnL7UQ";
constexpr std::string_view kArgon2idInteractive =
    "$argon2id$v=19$m=65536,t=2,p=1$TXPCUcgza9aI+hH9VeYnrQ$c2nW1m9s5piZjS/9nBYENrKb51tgO4zOzQzRKMW+wBU";

const PasswordHasher& fast() {
  static const PasswordHasher h(PasswordHashParams::kFastForTests);
  return h;
}

TEST(PasswordHasherTest, PresetsAreLibsodiumsArgon2idConstants) {
  EXPECT_EQ(PasswordHashParams::kInteractive.ops_limit, 2u);
  EXPECT_EQ(PasswordHashParams::kInteractive.mem_limit_bytes, 64u * 1024 * 1024);
  EXPECT_EQ(PasswordHashParams::kFastForTests.ops_limit, 1u);
  EXPECT_EQ(PasswordHashParams::kFastForTests.mem_limit_bytes, 8u * 1024);
  EXPECT_EQ(PasswordHasher().params(), PasswordHashParams::kInteractive);
}

TEST(PasswordHasherTest, HashVerifiesOnlyTheRightPassword) {
  auto h = fast().hash("correct horse battery");
  ASSERT_TRUE(h.has_value()) << h.error().to_string();
  EXPECT_THAT(*h, StartsWith("$argon2id$v=19$m=8,t=1,p=1$"));
  EXPECT_TRUE(fast().verify("correct horse battery", *h));
  EXPECT_FALSE(fast().verify("correct horse batterY", *h));
  EXPECT_FALSE(fast().verify("correct horse battery ", *h));
  EXPECT_FALSE(fast().verify("", *h));
}

TEST(PasswordHasherTest, SamePasswordHashesDifferentlyEachTime) {
  auto a = fast().hash("同一个密码同一个密码");
  auto b = fast().hash("同一个密码同一个密码");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b) << "each hash must use a fresh random salt";
  EXPECT_TRUE(fast().verify("同一个密码同一个密码", *a));
  EXPECT_TRUE(fast().verify("同一个密码同一个密码", *b));
}

TEST(PasswordHasherTest, HandlesUnicodeAndEmbeddedNulBytes) {
  const std::string with_nul("abc\0def-0123", 12);
  auto h = fast().hash(with_nul);
  ASSERT_TRUE(h.has_value());
  EXPECT_TRUE(fast().verify(with_nul, *h));
  EXPECT_FALSE(fast().verify("abc", *h)) << "the password must not be cut at the NUL byte";
}

TEST(PasswordHasherTest, VerifiesStoredHashesOfEveryVintage) {
  EXPECT_TRUE(fast().verify(kOldPassword, kArgon2iMin));
  EXPECT_TRUE(fast().verify(kOldPassword, kArgon2idMin));
  EXPECT_TRUE(fast().verify(kOldPassword, kArgon2idInteractive));
  EXPECT_FALSE(fast().verify("张三的旧密码2020", kArgon2idInteractive));
}

TEST(PasswordHasherTest, MalformedStoredValuesNeverVerify) {
  const std::string good(kArgon2idMin);
  struct Bad {
    std::string stored;
    bool unparseable;  // needs_rehash() is true for these; a well-formed but wrong hash keeps its params
  };
  const std::vector<Bad> bad = {
      {"", true},
      {"plaintext-password", true},
      {good.substr(0, good.size() - 5), false},  // truncated digest: parses, never matches
      {good + "AAAA", false},                    // longer digest: parses, never matches
      {"$2b$12$abcdefghijklmnopqrstuuJ5E3Vgl1XtKp4c1bX5hVgTe1k9QyAe", true},  // bcrypt
      {std::string(200, 'a'), true},  // longer than crypto_pwhash_STRBYTES
      {good.substr(0, 10) + std::string(1, '\0') + good.substr(11), true},  // embedded NUL
      {"$argon2id$v=19$m=8,t=1,p=1$", true},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.stored);
    EXPECT_FALSE(fast().verify(kOldPassword, b.stored));
    if (b.unparseable) {
      EXPECT_TRUE(fast().needs_rehash(b.stored));
    }
  }
}

TEST(PasswordHasherTest, NeedsRehashWhenParametersOrAlgorithmDiffer) {
  const PasswordHasher interactive(PasswordHashParams::kInteractive);
  EXPECT_FALSE(fast().needs_rehash(kArgon2idMin));
  EXPECT_TRUE(interactive.needs_rehash(kArgon2idMin));
  EXPECT_FALSE(interactive.needs_rehash(kArgon2idInteractive));
  EXPECT_TRUE(fast().needs_rehash(kArgon2idInteractive));
  // Argon2i verifies but is upgraded to Argon2id even when its numbers look current.
  EXPECT_TRUE(fast().needs_rehash(kArgon2iMin));

  const PasswordHasher more_passes(PasswordHashParams{2, PasswordHashParams::kFastForTests.mem_limit_bytes});
  auto h = fast().hash("一个足够长的密码");
  ASSERT_TRUE(h.has_value());
  EXPECT_FALSE(fast().needs_rehash(*h));
  EXPECT_TRUE(more_passes.needs_rehash(*h));
  EXPECT_TRUE(more_passes.verify("一个足够长的密码", *h)) << "old parameters still verify";
}

TEST(PasswordHasherTest, InteractivePresetRoundTrips) {
  const PasswordHasher interactive;
  auto h = interactive.hash("生产环境使用的密码");
  ASSERT_TRUE(h.has_value());
  EXPECT_THAT(*h, StartsWith("$argon2id$v=19$m=65536,t=2,p=1$"));
  EXPECT_TRUE(interactive.verify("生产环境使用的密码", *h));
  EXPECT_FALSE(interactive.needs_rehash(*h));
}

TEST(PasswordHasherTest, OverlongInputIsRefused) {
  const std::string huge(kMaxPasswordBytes + 1, 'x');
  auto h = fast().hash(huge);
  ASSERT_FALSE(h.has_value());
  EXPECT_EQ(h.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(h.error().fields().size(), 1u);
  EXPECT_EQ(h.error().fields()[0].field, "password");
  EXPECT_FALSE(fast().verify(huge, kArgon2idMin));

  EXPECT_TRUE(fast().hash(std::string(kMaxPasswordBytes, 'x')).has_value());
}

TEST(PasswordHasherTest, DummyHashIsValidStableAndShared) {
  const PasswordHasher hasher(PasswordHashParams::kFastForTests);
  const PasswordHasher copy = hasher;
  const std::string& d = hasher.dummy_hash();
  EXPECT_THAT(d, StartsWith("$argon2id$v=19$m=8,t=1,p=1$"));
  EXPECT_EQ(&hasher.dummy_hash(), &d);
  EXPECT_EQ(copy.dummy_hash(), d);
  EXPECT_FALSE(hasher.needs_rehash(d));
  EXPECT_FALSE(hasher.verify("", d));
  EXPECT_FALSE(hasher.verify("password123", d));
  EXPECT_NE(PasswordHasher(PasswordHashParams::kFastForTests).dummy_hash(), d) << "random per hasher";
}

TEST(PasswordHasherTest, ConcurrentUseIsSafe) {
  const PasswordHasher hasher(PasswordHashParams::kFastForTests);
  auto stored = hasher.hash("并发校验的密码-0001");
  ASSERT_TRUE(stored.has_value());
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  std::vector<std::string> dummies(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      dummies[t] = hasher.dummy_hash();
      for (int i = 0; i < 20; ++i) {
        ok[t] += hasher.verify("并发校验的密码-0001", *stored) ? 1 : 0;
        ok[t] += hasher.verify("wrong", *stored) ? 100 : 0;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) {
    EXPECT_EQ(ok[t], 20);
    EXPECT_EQ(dummies[t], dummies[0]);
  }
}

struct PolicyCase {
  const char* password;
  const char* rejected_because;  // nullptr when accepted
};

TEST(PasswordPolicyTest, RulesTable) {
  const PolicyCase cases[] = {
      // accepted
      {"correct horse", nullptr},
      {"Tr0ub4dor&3", nullptr},
      {"张三李四王五赵六钱七", nullptr},  // 10 code points (30 bytes)
      {"东阳市人民政府信息公开办", nullptr},
      {"1234567890x", nullptr},  // one non-digit is enough for the digit rule
      // length counts code points, not bytes
      {"张三李四王五赵六钱", "至少需要 10 个字符"},  // 9 code points, 27 bytes
      {"short", "至少需要 10 个字符"},
      {"", "至少需要 10 个字符"},
      {"abcdefghi", "至少需要 10 个字符"},
      // only digits: phone numbers, ID-like strings
      {"13812345678", "全部是数字"},
      {"０１２３４５６７８９", "全部是数字"},  // full-width digits
      {"12345678901", "全部是数字"},
      // common passwords, ignoring ASCII case
      {"password123", "过于常见"},
      {"Password123", "过于常见"},
      {"1qaz2wsx3edc", "过于常见"},
      {"1QAZ2WSX3EDC", "过于常见"},
      {"qwertyuiop", "过于常见"},
      {"woaini1314", "过于常见"},
      {"东阳市人民政府123", "过于常见"},
      {"东阳市人民政府", "至少需要 10 个字符"},  // listed, but too short first
      // invalid text
      {"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6", "无效字符"},
      {"abcdefghij\n", "无效字符"},
      {"abcde\tfghij", "无效字符"},
  };
  for (const PolicyCase& c : cases) {
    SCOPED_TRACE(c.password);
    const Status s = check_password_policy(c.password);
    if (c.rejected_because == nullptr) {
      EXPECT_TRUE(s.has_value()) << s.error().to_string();
      continue;
    }
    ASSERT_FALSE(s.has_value());
    EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(s.error().message(), HasSubstr(c.rejected_because));
    ASSERT_EQ(s.error().fields().size(), 1u);
    EXPECT_EQ(s.error().fields()[0].field, "password");
  }
}

TEST(PasswordPolicyTest, LengthBoundsAreInclusive) {
  EXPECT_TRUE(check_password_policy(std::string(kMaxPasswordCodePoints, 'a')).has_value());
  EXPECT_FALSE(check_password_policy(std::string(kMaxPasswordCodePoints + 1, 'a')).has_value());
  std::string han;
  for (size_t i = 0; i < kMaxPasswordCodePoints; ++i) han += "汉";
  EXPECT_TRUE(check_password_policy(han).has_value()) << "128 code points = 384 bytes is allowed";
  EXPECT_TRUE(fast().hash(han).has_value()) << "every policy-valid password can be hashed";
}

}  // namespace
}  // namespace gk::accounts
