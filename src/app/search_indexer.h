// SearchIndexer: the background thread of `gongkai serve` that keeps this node's search index
// current. It applies outbox events every `interval` (so a published document is searchable within
// a second), rebuilds the index when it is empty (first start, or after someone deleted it), and
// rebuilds once a day because validity (有效/失效/尚未施行) is derived from dates and changes with the
// calendar day, not with an event. Errors are logged and retried with back-off; search keeps
// answering from the index it has.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/date.h"
#include "search/search_service.h"

namespace gk::app {

class SearchIndexer {
 public:
  SearchIndexer(search::SearchService& search, const Clock& clock,
                std::chrono::milliseconds interval = std::chrono::milliseconds(250))
      : search_(search), clock_(clock), interval_(interval) {}
  ~SearchIndexer() { stop(); }

  void start();
  // Stops and joins the thread (an ongoing rebuild finishes its current batch first).
  void stop();

 private:
  void run();
  bool wait(std::chrono::milliseconds d);  // false when stopping

  search::SearchService& search_;
  const Clock& clock_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gk::app
