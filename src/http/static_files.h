// StaticFiles: serves the files of one directory under a URL prefix (web/static at /static/).
//
// Contract:
//  - Only regular files inside the root are served. A relative path with an empty, "." or ".."
//    segment, a segment starting with '.', a backslash or a NUL is refused with 404 (the router has
//    already percent-decoded the path, so "%2e%2e" is caught too); so is any file whose canonical
//    path leaves the root through a symlink.
//  - Strong ETag from the content (size and 64-bit FNV-1a hash); If-None-Match (any listed tag or
//    "*") answers 304 without a body.
//  - Cache-Control: `immutable_cache_control` for fingerprinted names such as "app.3f9a2c1d.css" (a
//    dot-separated part of at least 8 hex digits), `cache_control` otherwise.
//  - Content-Type from the extension; text types carry "; charset=utf-8"; unknown extensions are
//    application/octet-stream. X-Content-Type-Options: nosniff is always set.
//  - gzip: for compressible types of at least 1 KB the gzip variant is built once, cached, and sent
//    when the client accepts it, with its own ETag ("…-gzip") and Vary: Accept-Encoding.
//  - Files are read whole into memory and cached (revalidated by size and mtime on every request);
//    files larger than `max_file_bytes` are refused with 404 and a warning in the log.
//
// Thread-safe: serve() may be called concurrently; the cache is guarded by a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "http/request.h"
#include "http/response.h"

namespace gk::http {

class Router;

struct StaticFilesOptions {
  std::filesystem::path root;          // directory to serve; must exist
  std::string url_prefix = "/static";  // mount point, no trailing slash
  std::string cache_control = "public, max-age=3600";
  std::string immutable_cache_control = "public, max-age=31536000, immutable";
  uint64_t max_file_bytes = 32 * 1024 * 1024;
};

class StaticFiles : public std::enable_shared_from_this<StaticFiles> {
 public:
  // Errors: InvalidArgument when `root` is not a directory or the prefix does not start with '/'.
  [[nodiscard]] static Result<std::shared_ptr<StaticFiles>> open(StaticFilesOptions options);
  ~StaticFiles();

  // Serves `relative` (the part of the path after the prefix, without the leading '/').
  Response serve(std::string_view relative, const Request& req) const;

  // Registers GET `<prefix>/{path...}` on `router` with route name `route_name`. The router and its
  // handler keep this object alive.
  void mount(Router& router, std::string route_name = "static");

  const StaticFilesOptions& options() const { return options_; }

 private:
  struct Impl;
  StaticFiles(StaticFilesOptions options, std::filesystem::path canonical_root);
  StaticFilesOptions options_;
  std::unique_ptr<Impl> impl_;
};

// Content-Type for a file name by extension (lower-cased), e.g. "a.css" → "text/css; charset=utf-8".
std::string_view content_type_for(std::string_view filename);

// True for fingerprinted names ("app.3f9a2c1d.css", "logo.0123abcd4567.svg").
bool is_fingerprinted_name(std::string_view filename);

// True when `relative` is safe to join to the root (see the traversal rules above).
bool is_safe_relative_path(std::string_view relative);

}  // namespace gk::http
