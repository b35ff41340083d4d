// LocalFileStore: the FileStore (documents/file_store.h) in a local directory, by default
// <data_dir>/files. Blob `key` lives at <root>/<key[0..2]>/<key> (256 shard directories keep
// directories small). With content keys (SHA-256, as the documents module uses) identical bytes
// are stored once.
//
// Durability and atomicity: put() writes a private temp file in the shard directory, fsyncs it,
// renames it over the final name and fsyncs the directory (and the root when the shard is new) — a
// crash leaves either no blob or the whole blob, never a torn one; stray temp files (".tmp-*") are
// harmless. put() of a key that exists with the same size is a no-op. Files are created 0640,
// directories 0750.
//
// Errors: InvalidArgument for a malformed key; NotFound from get() for a missing blob; Unavailable
// (with the OS error) when the disk refuses (full, read-only, permissions).
// Thread-safe: concurrent puts of one key each write their own temp file; the last rename wins
// with identical bytes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "documents/file_store.h"

namespace gk::storage {

class LocalFileStore final : public documents::FileStore {
 public:
  // Nothing is touched until the first put(); the root is created then.
  explicit LocalFileStore(std::filesystem::path root) : root_(std::move(root)) {}

  Status put(std::string_view key, std::string_view bytes) override;
  Result<std::string> get(std::string_view key) override;
  Status remove(std::string_view key) override;

  // Where `key` is (or would be) stored. `key` must be valid.
  std::filesystem::path path_of(std::string_view key) const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace gk::storage
