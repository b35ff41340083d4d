// PeriodicJob: runs one task on its own thread every `interval` (first run at start) until stopped —
// for `gongkai serve`'s daily work such as the FOI due-date reminders. A failing run is logged and
// retried at the next interval. Stopping interrupts the wait, not a running task.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.h"

namespace gk::app {

class PeriodicJob {
 public:
  PeriodicJob(std::string name, std::chrono::seconds interval, std::function<Status()> task)
      : name_(std::move(name)), interval_(interval), task_(std::move(task)) {}
  ~PeriodicJob() { stop(); }
  void start();
  void stop();

 private:
  std::string name_;
  std::chrono::seconds interval_;
  std::function<Status()> task_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gk::app
