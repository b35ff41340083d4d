// Tests for the login throttling rule. Times are seconds relative to `now`.
#include "accounts/login_throttle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <random>
#include <vector>

namespace gk::accounts {

// Readable failure messages instead of gtest's byte dump (found by ADL, so not in the anonymous
// namespace).
void PrintTo(const ThrottleDecision& d, std::ostream* os) {
  *os << (d.blocked ? "Blocked{" + std::to_string(d.retry_after_seconds) + "}" : std::string("Allowed"));
}

namespace {

const Instant kNow = Instant::from_seconds(1727740800);  // 2024-10-01T00:00:00Z

struct A {
  double offset_seconds;  // relative to kNow; negative = in the past
  bool success;
};
constexpr bool F = false;
constexpr bool S = true;

std::vector<LoginAttempt> attempts(const std::vector<A>& spec) {
  std::vector<LoginAttempt> out;
  for (const A& a : spec) {
    out.push_back(
        {Instant::from_micros(kNow.micros() + static_cast<int64_t>(a.offset_seconds * 1e6)), a.success});
  }
  return out;
}

struct Case {
  const char* name;
  std::vector<A> spec;
  ThrottleDecision expected;
};

TEST(LoginThrottleTest, DefaultPolicyTable) {
  const auto allowed = ThrottleDecision::allowed();
  auto blocked = [](int64_t s) { return ThrottleDecision::blocked_for(s); };
  const std::vector<Case> cases = {
      {"no attempts", {}, allowed},
      {"four failures", {{-40, F}, {-30, F}, {-20, F}, {-10, F}}, allowed},
      {"five failures in a minute block for 15 minutes after the fifth",
       {{-50, F}, {-40, F}, {-30, F}, {-20, F}, {-10, F}},
       blocked(900 - 10)},
      {"the fifth failure just now", {{-4, F}, {-3, F}, {-2, F}, {-1, F}, {0, F}}, blocked(900)},
      {"block ends exactly 15 minutes after the fifth failure",
       {{-940, F}, {-930, F}, {-920, F}, {-910, F}, {-900, F}},
       allowed},
      {"one second before the end", {{-939, F}, {-929, F}, {-919, F}, {-909, F}, {-899, F}}, blocked(1)},
      {"a fraction of a second left rounds up to one second",
       {{-939, F}, {-929, F}, {-919, F}, {-909, F}, {-899.5, F}},
       blocked(1)},
      {"five failures spread over exactly 15 minutes still block",
       {{-1000, F}, {-800, F}, {-600, F}, {-300, F}, {-100, F}},
       blocked(800)},
      {"five failures spread over more than 15 minutes do not",
       {{-1001, F}, {-800, F}, {-600, F}, {-300, F}, {-100, F}},
       allowed},
      {"a success resets the count", {{-60, F}, {-50, F}, {-40, F}, {-30, F}, {-20, F}, {-10, S}}, allowed},
      {"failures after a success count again",
       {{-100, S}, {-50, F}, {-40, F}, {-30, F}, {-20, F}, {-10, F}},
       blocked(890)},
      {"failures on both sides of a success are not consecutive",
       {{-70, F}, {-60, F}, {-50, F}, {-40, S}, {-30, F}, {-20, F}, {-10, F}},
       allowed},
      {"an expired burst followed by one new failure",
       {{-2000, F}, {-1990, F}, {-1980, F}, {-1970, F}, {-1960, F}, {-10, F}},
       allowed},
      {"a later burst inside the window keeps blocking",
       {{-1500, F}, {-1000, F}, {-700, F}, {-400, F}, {-300, F}, {-200, F}},
       blocked(700)},
      {"recorded failures during a block extend it",
       {{-600, F}, {-590, F}, {-580, F}, {-570, F}, {-560, F}, {-30, F}},
       blocked(870)},
      {"order of the input does not matter",
       {{-10, F}, {-50, F}, {-30, F}, {-40, F}, {-20, F}},
       blocked(890)},
      {"attempts in the future (clock skew) are ignored",
       {{-40, F}, {-30, F}, {-20, F}, {-10, F}, {5, F}},
       allowed},
      {"a success in the future does not reset",
       {{-50, F}, {-40, F}, {-30, F}, {-20, F}, {-10, F}, {5, S}},
       blocked(890)},
      {"a failure at the same instant as the success counts as before it",
       {{-50, F}, {-40, F}, {-30, F}, {-20, F}, {-10, F}, {-10, S}},
       allowed},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto list = attempts(c.spec);
    const ThrottleDecision d = decide_login(list, kNow);
    EXPECT_EQ(d.blocked, c.expected.blocked);
    EXPECT_EQ(d.retry_after_seconds, c.expected.retry_after_seconds);
  }
}

TEST(LoginThrottleTest, CustomPolicy) {
  const LoginThrottle strict(LoginThrottle::Policy{3, 60, 120});
  EXPECT_EQ(strict.policy().lookback_seconds(), 180);
  EXPECT_EQ(strict.decide(attempts({{-30, F}, {-20, F}, {-10, F}}), kNow),
            ThrottleDecision::blocked_for(110));
  EXPECT_EQ(strict.decide(attempts({{-70, F}, {-20, F}, {-10, F}}), kNow),
            ThrottleDecision::blocked_for(110));
  EXPECT_EQ(strict.decide(attempts({{-71, F}, {-20, F}, {-10, F}}), kNow), ThrottleDecision::allowed());
  EXPECT_EQ(strict.decide(attempts({{-20, F}, {-10, F}}), kNow), ThrottleDecision::allowed());
}

TEST(LoginThrottleTest, ConstantsAreTheDocumentedDefaults) {
  EXPECT_EQ(kMaxConsecutiveFailures, 5);
  EXPECT_EQ(kFailureWindowSeconds, 15 * 60);
  EXPECT_EQ(kBlockSeconds, 15 * 60);
  EXPECT_EQ(kThrottleWindowSeconds, 30 * 60);
  EXPECT_EQ(LoginThrottle().policy().lookback_seconds(), kThrottleWindowSeconds);
}

// Callers load only the attempts since now - kThrottleWindowSeconds; that must never change the
// decision compared with the full history.
TEST(LoginThrottleTest, LookbackWindowIsEnoughForTheDecision) {
  std::mt19937 rng(20241001);
  std::uniform_int_distribution<int> offset(-3 * 3600, 0);
  std::bernoulli_distribution success(0.1);
  std::uniform_int_distribution<int> count(0, 40);
  int blocked_seen = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<LoginAttempt> all;
    const int n = count(rng);
    // Bursts: most attempts cluster near a random point so that blocks actually occur.
    const int centre = offset(rng);
    std::uniform_int_distribution<int> jitter(-600, 600);
    for (int i = 0; i < n; ++i) {
      all.push_back(
          {Instant::from_seconds(kNow.seconds() + std::min(0, centre + jitter(rng))), success(rng)});
    }
    std::vector<LoginAttempt> recent;
    std::copy_if(all.begin(), all.end(), std::back_inserter(recent),
                 [](const LoginAttempt& a) { return a.at >= kNow.plus_seconds(-kThrottleWindowSeconds); });
    const ThrottleDecision full = decide_login(all, kNow);
    ASSERT_EQ(decide_login(recent, kNow), full) << "round " << round;
    blocked_seen += full.blocked;
  }
  EXPECT_GT(blocked_seen, 50) << "the generator should produce blocked cases too";
}

}  // namespace
}  // namespace gk::accounts
