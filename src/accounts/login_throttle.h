// LoginThrottle: whether a login subject may try a password now (登录失败限制).
//
// A pure rule. The caller loads the subject's recent attempts from storage (at least those since
// now - kThrottleWindowSeconds), passes them with the current time, and gets Allowed or
// Blocked{retry_after_seconds}. A "subject" is whatever the caller throttles on, typically one key
// per account name and one per client IP, so that neither guessing many passwords for one account
// nor one password across many accounts goes unchecked.
//
// Rule (defaults in LoginThrottle::Policy):
//   Only failures after the subject's most recent success count ("consecutive" failures; a success
//   resets). If some kMaxConsecutiveFailures (5) of those failures, one after another, all fall
//   within kFailureWindowSeconds (15 min), the subject is blocked until kBlockSeconds (15 min)
//   after the last failure of such a run. Attempts later than `now` (clock skew between servers)
//   are ignored. Attempts refused because of a block should not be recorded as failures; if they
//   are, each one extends the block.
// Why these numbers: 5 tries is enough for a person who mistypes or mixes up two passwords, and a
// 15-minute pause after a burst holds an online guesser to at most 5 guesses per 15 minutes
// (under 500 a day) while a real user locked out by a mistake (or by someone else's guessing) waits
// at most a quarter of an hour, not until an administrator intervenes.
//
// Thread-safety: LoginThrottle is an immutable value; decide() is a pure function.
#pragma once

#include <cstdint>
#include <span>

#include "accounts/session.h"  // LoginAttempt
#include "core/date.h"

namespace gk::accounts {

inline constexpr int kMaxConsecutiveFailures = 5;
inline constexpr int64_t kFailureWindowSeconds = 15 * 60;
inline constexpr int64_t kBlockSeconds = 15 * 60;
// How far back callers must load attempts for the default policy: a block can still be running
// when the first failure of its run was kFailureWindowSeconds + kBlockSeconds ago.
inline constexpr int64_t kThrottleWindowSeconds = kFailureWindowSeconds + kBlockSeconds;

struct ThrottleDecision {
  bool blocked = false;
  int64_t retry_after_seconds = 0;  // > 0 when blocked (rounded up to whole seconds), else 0

  static constexpr ThrottleDecision allowed() { return {}; }
  static constexpr ThrottleDecision blocked_for(int64_t seconds) { return {true, seconds}; }

  friend constexpr bool operator==(const ThrottleDecision&, const ThrottleDecision&) = default;
};

class LoginThrottle {
 public:
  struct Policy {
    int max_consecutive_failures = kMaxConsecutiveFailures;
    int64_t failure_window_seconds = kFailureWindowSeconds;
    int64_t block_seconds = kBlockSeconds;

    // Attempts callers must supply: those since now - lookback_seconds().
    constexpr int64_t lookback_seconds() const { return failure_window_seconds + block_seconds; }
  };

  constexpr LoginThrottle() = default;
  // Precondition: max_consecutive_failures >= 1, windows >= 0.
  explicit constexpr LoginThrottle(Policy policy) : policy_(policy) {}

  const Policy& policy() const { return policy_; }

  // `attempts` in any order; older ones than the lookback are harmless.
  ThrottleDecision decide(std::span<const LoginAttempt> attempts, Instant now) const;

 private:
  Policy policy_;
};

// decide() with the default policy.
ThrottleDecision decide_login(std::span<const LoginAttempt> attempts, Instant now);

}  // namespace gk::accounts
