// Index directories: the file-system steps around a Xapian database directory — the sibling
// directories a rebuild or compaction writes into, the atomic exchange that publishes them, the
// fsync that makes them durable, and their size.
// Plain functions over paths; thread-safe as the file system is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/error.h"

namespace gk::search {

// "<dir><suffix>" beside `dir` ("a/search" + ".new" → "a/search.new").
std::filesystem::path sibling_dir(const std::filesystem::path& dir, std::string_view suffix);

// Puts `fresh` at `live` and the old `live` at `fresh`: one renameat2(RENAME_EXCHANGE) where the file
// system supports it (ext4, xfs, btrfs, tmpfs), else two renames (a crash between them leaves no
// `live`; SearchService::open then starts an empty index that a reindex refills).
[[nodiscard]] Status exchange_dirs(const std::filesystem::path& fresh, const std::filesystem::path& live);

// fsync of every file in `dir` and of `dir` itself (for databases written with DB_NO_SYNC).
[[nodiscard]] Status sync_dir(const std::filesystem::path& dir);

// Bytes of the regular files under `dir` (0 when it cannot be read).
uint64_t dir_bytes(const std::filesystem::path& dir);

}  // namespace gk::search
