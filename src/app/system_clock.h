// SystemClock: the real wall clock. Only the composition root constructs it; domain code sees Clock.
#pragma once

#include <chrono>

#include "core/date.h"

namespace gk::app {

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return Instant::from_micros(us.count());
  }
};

}  // namespace gk::app
