// FakeFileStore: an in-memory FileStore for tests, with a switch that makes writes fail (a full
// disk) and counters of what was asked of it. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "documents/file_store.h"

namespace gk::documents {

class FakeFileStore final : public FileStore {
 public:
  Status put(std::string_view key, std::string_view bytes) override {
    std::lock_guard lock(mu_);
    if (!is_valid_file_key(key)) return fail(Error::invalid("file store: malformed key"));
    if (fail_writes_) return fail(Error::unavailable("file store: disk full"));
    ++puts_;
    blobs_[std::string(key)] = std::string(bytes);
    return ok();
  }
  Result<std::string> get(std::string_view key) override {
    std::lock_guard lock(mu_);
    auto it = blobs_.find(std::string(key));
    if (it == blobs_.end()) return fail(Error::not_found("file store: no blob " + std::string(key)));
    return it->second;
  }
  Status remove(std::string_view key) override {
    std::lock_guard lock(mu_);
    blobs_.erase(std::string(key));
    return ok();
  }

  void set_fail_writes(bool fail_writes) {
    std::lock_guard lock(mu_);
    fail_writes_ = fail_writes;
  }
  bool contains(const std::string& key) const {
    std::lock_guard lock(mu_);
    return blobs_.contains(key);
  }
  size_t size() const {
    std::lock_guard lock(mu_);
    return blobs_.size();
  }
  int puts() const {
    std::lock_guard lock(mu_);
    return puts_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> blobs_;
  bool fail_writes_ = false;
  int puts_ = 0;
};

}  // namespace gk::documents
