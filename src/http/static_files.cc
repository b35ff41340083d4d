#include "http/static_files.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <mutex>
#include <unordered_map>

#include "http/error_page.h"
#include "http/gzip.h"
#include "http/router.h"

namespace gk::http {
namespace fs = std::filesystem;
namespace {

struct TypeEntry {
  std::string_view ext;
  std::string_view type;
};

constexpr TypeEntry kTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "application/javascript; charset=utf-8"},
    {"mjs", "application/javascript; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"map", "application/json; charset=utf-8"},
    {"webmanifest", "application/manifest+json; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"xml", "application/xml; charset=utf-8"},
    {"atom", "application/atom+xml; charset=utf-8"},
    {"rss", "application/rss+xml; charset=utf-8"},
    {"svg", "image/svg+xml; charset=utf-8"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"avif", "image/avif"},
    {"ico", "image/x-icon"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"ttf", "font/ttf"},
    {"otf", "font/otf"},
    {"pdf", "application/pdf"},
    {"ofd", "application/ofd"},
    {"zip", "application/zip"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"wasm", "application/wasm"},
    {"mp4", "video/mp4"},
    {"webm", "video/webm"},
    {"mp3", "audio/mpeg"},
};

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

uint64_t fnv1a64(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// RFC 9110 §13.1.2: If-None-Match uses weak comparison, so W/"x" matches "x".
bool if_none_match_hits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

bool is_within(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

}  // namespace

struct StaticFiles::Impl {
  struct Entry {
    uintmax_t size = 0;
    fs::file_time_type mtime;
    std::string content_type;
    std::string body;
    std::string etag;
    std::string gzip_body;  // empty when not worth compressing
    std::string gzip_etag;
  };

  fs::path root;
  mutable std::mutex mu;
  // shared_ptr: a request keeps using the entry it looked up while another request replaces it.
  mutable std::unordered_map<std::string, std::shared_ptr<const Entry>> cache;
};

std::string_view content_type_for(std::string_view filename) {
  const size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(filename.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const auto& t : kTypes)
    if (t.ext == ext) return t.type;
  return "application/octet-stream";
}

bool is_fingerprinted_name(std::string_view filename) {
  const size_t slash = filename.rfind('/');
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  // Parts between dots, ignoring the first (the stem) and the last (the extension).
  const size_t first = filename.find('.');
  const size_t last = filename.rfind('.');
  if (first == std::string_view::npos || first == last) return false;
  std::string_view middle = filename.substr(first + 1, last - first - 1);
  while (!middle.empty()) {
    const size_t dot = middle.find('.');
    std::string_view part = middle.substr(0, dot);
    if (part.size() >= 8 && is_hex(part)) return true;
    middle = dot == std::string_view::npos ? std::string_view() : middle.substr(dot + 1);
  }
  return false;
}

bool is_safe_relative_path(std::string_view relative) {
  if (relative.empty()) return false;
  if (relative.find('\0') != std::string_view::npos || relative.find('\\') != std::string_view::npos)
    return false;
  while (true) {
    const size_t slash = relative.find('/');
    std::string_view seg = relative.substr(0, slash);
    // Empty segments ("a//b", leading '/') and dot-files (".git", "..", ".") are never served.
    if (seg.empty() || seg.front() == '.') return false;
    if (slash == std::string_view::npos) return true;
    relative.remove_prefix(slash + 1);
  }
}

Result<std::shared_ptr<StaticFiles>> StaticFiles::open(StaticFilesOptions options) {
  if (!options.url_prefix.starts_with('/'))
    return fail(Error::invalid_field("url_prefix", "静态文件前缀必须以 / 开头"));
  while (options.url_prefix.size() > 1 && options.url_prefix.ends_with('/')) options.url_prefix.pop_back();
  std::error_code ec;
  fs::path root = fs::canonical(options.root, ec);
  if (ec || !fs::is_directory(root, ec))
    return fail(Error::invalid_field("root", "静态文件目录不存在: " + options.root.string()));
  return std::shared_ptr<StaticFiles>(new StaticFiles(std::move(options), std::move(root)));
}

StaticFiles::StaticFiles(StaticFilesOptions options, fs::path canonical_root)
    : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
  impl_->root = std::move(canonical_root);
}

StaticFiles::~StaticFiles() = default;

Response StaticFiles::serve(std::string_view relative, const Request& req) const {
  if (!is_safe_relative_path(relative)) return error_response(404, req.request_id);
  std::error_code ec;
  const fs::path full = impl_->root / fs::path(std::string(relative));
  const auto st = fs::status(full, ec);
  if (ec || !fs::is_regular_file(st)) return error_response(404, req.request_id);
  // Symlinks inside the tree are fine as long as they do not lead out of it.
  const fs::path canonical = fs::canonical(full, ec);
  if (ec || !is_within(impl_->root, canonical)) return error_response(404, req.request_id);
  const uintmax_t size = fs::file_size(canonical, ec);
  if (ec) return error_response(404, req.request_id);
  const auto mtime = fs::last_write_time(canonical, ec);
  if (ec) return error_response(404, req.request_id);
  if (size > options_.max_file_bytes) {
    spdlog::warn("static file {} is {} bytes, above the {}-byte limit; not served", canonical.string(), size,
                 options_.max_file_bytes);
    return error_response(404, req.request_id);
  }

  const std::string key(relative);
  std::shared_ptr<const Impl::Entry> entry;
  {
    std::lock_guard lock(impl_->mu);
    auto it = impl_->cache.find(key);
    if (it != impl_->cache.end() && it->second->size == size && it->second->mtime == mtime)
      entry = it->second;
  }
  if (!entry) {
    // Read and hash outside the lock; two requests racing on a changed file both do the work once.
    auto e = std::make_shared<Impl::Entry>();
    std::ifstream in(canonical, std::ios::binary);
    if (!in) return error_response(404, req.request_id);
    e->body.resize(size);
    in.read(e->body.data(), static_cast<std::streamsize>(size));
    e->body.resize(static_cast<size_t>(in.gcount()));
    e->size = size;
    e->mtime = mtime;
    e->content_type = std::string(content_type_for(relative));
    e->etag = fmt::format("\"{:x}-{:016x}\"", e->body.size(), fnv1a64(e->body));
    if (is_compressible_type(e->content_type) && e->body.size() >= kGzipMinBytes) {
      std::string gz = gzip_compress(e->body, 9);
      if (gz.size() < e->body.size()) {
        e->gzip_body = std::move(gz);
        e->gzip_etag = e->etag.substr(0, e->etag.size() - 1) + "-gzip\"";
      }
    }
    entry = e;
    std::lock_guard lock(impl_->mu);
    impl_->cache[key] = entry;
  }

  const auto accept = req.headers.get("Accept-Encoding");
  const bool use_gzip = !entry->gzip_body.empty() && accept && accepts_gzip(*accept);
  const std::string& etag = use_gzip ? entry->gzip_etag : entry->etag;

  Response res;
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", is_fingerprinted_name(relative) ? options_.immutable_cache_control
                                                                   : options_.cache_control);
  res.headers.set("X-Content-Type-Options", "nosniff");
  if (is_compressible_type(entry->content_type)) res.headers.set("Vary", "Accept-Encoding");
  if (auto inm = req.headers.get("If-None-Match"); inm && if_none_match_hits(*inm, etag)) {
    res.status = 304;
    return res;
  }
  res.headers.set("Content-Type", entry->content_type);
  if (use_gzip) {
    res.headers.set("Content-Encoding", "gzip");
    res.body = entry->gzip_body;
  } else {
    res.body = entry->body;
  }
  return res;
}

void StaticFiles::mount(Router& router, std::string route_name) {
  auto self = shared_from_this();
  const std::string pattern =
      (options_.url_prefix == "/" ? std::string() : options_.url_prefix) + "/{path...}";
  router.get(
      pattern, [self](Request& req) { return self->serve(req.param("path"), req); },
      RouteOptions{.name = std::move(route_name), .body_limit = 0});
}

}  // namespace gk::http
