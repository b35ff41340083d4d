// RecordingAuditSink: an in-memory AuditSink fake for other modules' tests.
//
// Records every appended event in order so a test can assert what a service audited; can be told
// to fail the next append (to test that a service aborts its change when auditing fails).
// Thread-safe: appends and reads may come from several threads (e.g. HTTP handler tests).
#pragma once

#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "audit/audit_sink.h"

namespace gk::audit {

class RecordingAuditSink final : public AuditSink {
 public:
  Status append(const AuditEvent& event) override {
    std::lock_guard lock(mu_);
    if (next_error_) {
      Error e = std::move(*next_error_);
      next_error_.reset();
      return fail(std::move(e));
    }
    events_.push_back(event);
    return ok();
  }

  // The next append() returns `e` and records nothing; later appends succeed again.
  void fail_next_append(Error e) {
    std::lock_guard lock(mu_);
    next_error_ = std::move(e);
  }

  std::vector<AuditEvent> events() const {
    std::lock_guard lock(mu_);
    return events_;
  }
  size_t size() const {
    std::lock_guard lock(mu_);
    return events_.size();
  }
  // The most recent event; nullopt when nothing was recorded.
  std::optional<AuditEvent> last() const {
    std::lock_guard lock(mu_);
    if (events_.empty()) return std::nullopt;
    return events_.back();
  }
  // Recorded events whose action equals `action`, in order.
  std::vector<AuditEvent> with_action(std::string_view action) const {
    std::lock_guard lock(mu_);
    std::vector<AuditEvent> out;
    for (const auto& e : events_) {
      if (e.action == action) out.push_back(e);
    }
    return out;
  }
  void clear() {
    std::lock_guard lock(mu_);
    events_.clear();
  }

 private:
  mutable std::mutex mu_;
  std::vector<AuditEvent> events_;
  std::optional<Error> next_error_;
};

}  // namespace gk::audit
