#include "storage/local_file_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

#include <fmt/format.h>

namespace gk::storage {
namespace {

namespace fs = std::filesystem;

Error os_error(std::string_view what, const fs::path& p, int err) {
  return Error::unavailable(fmt::format("file store: {} {}: {}", what, p.string(), std::strerror(err)));
}

Status check_key(std::string_view key) {
  if (!documents::is_valid_file_key(key)) return fail(Error::invalid("file store: malformed key"));
  return ok();
}

// fsync of a directory, so that a rename or a new entry in it survives a crash.
Status sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return fail(os_error("open directory", dir, errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return fail(os_error("fsync directory", dir, err));
  return ok();
}

Status make_dir(const fs::path& dir, bool& created) {
  created = false;
  if (::mkdir(dir.c_str(), 0750) == 0) {
    created = true;
    return ok();
  }
  if (errno == EEXIST) return ok();
  return fail(os_error("mkdir", dir, errno));
}

std::string temp_suffix() {
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:x}-{:x}-{:x}", static_cast<unsigned>(::getpid()), counter.fetch_add(1), rng());
}

}  // namespace

fs::path LocalFileStore::path_of(std::string_view key) const {
  return root_ / std::string(key.substr(0, 2)) / std::string(key);
}

Status LocalFileStore::put(std::string_view key, std::string_view bytes) {
  GK_TRY_STATUS(check_key(key));
  const fs::path final_path = path_of(key);
  struct stat st {};
  if (::stat(final_path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) == bytes.size()) {
    return ok();  // content-addressed: the same key holds the same bytes
  }
  const fs::path shard = final_path.parent_path();
  std::error_code ec;
  fs::create_directories(root_.parent_path().empty() ? root_ : root_.parent_path(), ec);
  bool root_created = false, shard_created = false;
  GK_TRY_STATUS(make_dir(root_, root_created));
  GK_TRY_STATUS(make_dir(shard, shard_created));

  const fs::path tmp = shard / (".tmp-" + std::string(key) + "-" + temp_suffix());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return fail(os_error("create", tmp, errno));
  auto abandon = [&](std::string_view what, int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return fail(os_error(what, tmp, err));
  };
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("write", errno);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon("fsync", errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return fail(os_error("close", tmp, err));
  }
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return fail(os_error("rename", final_path, err));
  }
  GK_TRY_STATUS(sync_dir(shard));
  if (shard_created) GK_TRY_STATUS(sync_dir(root_));
  if (root_created) GK_TRY_STATUS(sync_dir(root_.parent_path().empty() ? fs::path(".") : root_.parent_path()));
  return ok();
}

Result<std::string> LocalFileStore::get(std::string_view key) {
  GK_TRY_STATUS(check_key(key));
  const fs::path p = path_of(key);
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return fail(Error::not_found("file store: no blob " + std::string(key)));
    return fail(os_error("open", p, errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return fail(os_error("stat", p, err));
  }
  std::string out(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      return fail(os_error("read", p, err));
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return out;
}

Status LocalFileStore::remove(std::string_view key) {
  GK_TRY_STATUS(check_key(key));
  const fs::path p = path_of(key);
  if (::unlink(p.c_str()) != 0 && errno != ENOENT) return fail(os_error("unlink", p, errno));
  return ok();
}

}  // namespace gk::storage
