#include "search/index_dirs.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include <fmt/format.h>

namespace gk::search {

namespace fs = std::filesystem;

fs::path sibling_dir(const fs::path& dir, std::string_view suffix) {
  fs::path p = dir;
  if (!p.has_filename()) p = p.parent_path();  // "a/b/" → "a/b"
  p += std::string(suffix);
  return p;
}

Status exchange_dirs(const fs::path& fresh, const fs::path& live) {
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, live.c_str(), RENAME_EXCHANGE) == 0) return ok();
  const int err = errno;
  if (err != EINVAL && err != ENOSYS && err != EXDEV && err != ENOTSUP && err != ENOENT) {
    return fail(Error::internal(
        fmt::format("exchanging {} and {}: {}", fresh.string(), live.string(), std::strerror(err))));
  }
  const fs::path old = sibling_dir(live, ".old");
  std::error_code ec;
  fs::remove_all(old, ec);
  if (fs::exists(live)) fs::rename(live, old, ec);
  if (ec) return fail(Error::internal(fmt::format("renaming {}: {}", live.string(), ec.message())));
  fs::rename(fresh, live, ec);
  if (ec) return fail(Error::internal(fmt::format("renaming {}: {}", fresh.string(), ec.message())));
  fs::rename(old, fresh, ec);  // so the caller finds the old index where it expects it
  return ok();
}

Status sync_dir(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      const int err = errno;
      if (fd >= 0) ::close(fd);
      return fail(Error::internal(fmt::format("fsync {}: {}", entry.path().string(), std::strerror(err))));
    }
    ::close(fd);
  }
  if (ec) return fail(Error::internal(fmt::format("listing {}: {}", dir.string(), ec.message())));
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return ok();
}

uint64_t dir_bytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) total += it->file_size(size_ec);
  }
  return total;
}

}  // namespace gk::search
