// FileStore: where the bytes of attachments live, behind a seam (as LevelDB's Env): the documents
// module names a blob by a key and never learns whether it sits in a local directory, a network
// share or an object store. Implemented by src/storage (LocalFileStore, <data_dir>/files); tests
// may use a directory in a temp dir or an in-memory fake.
//
// Keys are chosen by the caller; the documents module uses the lower-case hex SHA-256 of the bytes,
// so a key's bytes never change and storing the same bytes twice keeps one copy. Keys consist of
// [0-9a-z] only (8 to 128 characters); anything else is InvalidArgument.
//
// Implementations must be thread-safe, and put() must be atomic: a reader sees either no blob or the
// complete one, never a partial write, even after a crash.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace gk::documents {

class FileStore {
 public:
  virtual ~FileStore() = default;

  // Stores `bytes` under `key` durably (on disk when it returns). Storing a key that already holds
  // the same bytes is a cheap no-op. Unavailable when the medium fails (disk full, permissions).
  [[nodiscard]] virtual Status put(std::string_view key, std::string_view bytes) = 0;
  // The bytes under `key`; NotFound when there are none.
  [[nodiscard]] virtual Result<std::string> get(std::string_view key) = 0;
  // Deletes `key`; deleting a missing key is OK.
  [[nodiscard]] virtual Status remove(std::string_view key) = 0;
};

// A key is well-formed: 8 to 128 characters of [0-9a-z].
bool is_valid_file_key(std::string_view key);

}  // namespace gk::documents
