#include "accounts/login_throttle.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace gk::accounts {

ThrottleDecision LoginThrottle::decide(std::span<const LoginAttempt> attempts, Instant now) const {
  // The run of failures since the latest success, ignoring anything after `now`.
  std::optional<Instant> last_success;
  for (const LoginAttempt& a : attempts) {
    if (a.success && a.at <= now && (!last_success || a.at > *last_success)) last_success = a.at;
  }
  std::vector<Instant> failures;
  for (const LoginAttempt& a : attempts) {
    // A failure at the same instant as the success is treated as before it: the success resets.
    if (!a.success && a.at <= now && (!last_success || a.at > *last_success)) failures.push_back(a.at);
  }
  const auto need = static_cast<size_t>(std::max(policy_.max_consecutive_failures, 1));
  if (failures.size() < need) return ThrottleDecision::allowed();
  std::sort(failures.begin(), failures.end());

  // The latest failure that ends a burst of `need` failures within the window sets the block.
  const int64_t window_us = policy_.failure_window_seconds * 1'000'000;
  for (size_t last = failures.size(); last >= need; --last) {
    const Instant burst_end = failures[last - 1];
    const Instant burst_start = failures[last - need];
    if (burst_end.micros() - burst_start.micros() > window_us) continue;
    const int64_t until_us = burst_end.micros() + policy_.block_seconds * 1'000'000;
    const int64_t remaining_us = until_us - now.micros();
    if (remaining_us <= 0) return ThrottleDecision::allowed();
    return ThrottleDecision::blocked_for((remaining_us + 999'999) / 1'000'000);
  }
  return ThrottleDecision::allowed();
}

ThrottleDecision decide_login(std::span<const LoginAttempt> attempts, Instant now) {
  return LoginThrottle().decide(attempts, now);
}

}  // namespace gk::accounts
