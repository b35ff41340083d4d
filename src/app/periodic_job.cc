#include "app/periodic_job.h"

#include <spdlog/spdlog.h>

namespace gk::app {

void PeriodicJob::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] {
    for (;;) {
      if (Status st = task_(); !st) spdlog::warn("{}: {}", name_, st.error().to_string());
      std::unique_lock lock(mu_);
      if (cv_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    }
  });
}

void PeriodicJob::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace gk::app
