#include "http/gzip.h"

#include <zlib.h>

#include <cstdlib>

namespace gk::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The q-value of one Accept-Encoding element ("gzip;q=0.5"), 1 when absent.
double q_value(std::string_view params) {
  while (!params.empty()) {
    const size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string v(trim(p.substr(2)));
      char* end = nullptr;
      double q = std::strtod(v.c_str(), &end);
      if (end == v.c_str()) return 0;
      return q;
    }
  }
  return 1;
}

bool status_has_body(int status) { return !(status < 200 || status == 204 || status == 304); }

void add_vary_accept_encoding(Headers& h) {
  auto vary = h.get("Vary");
  if (!vary) {
    h.set("Vary", "Accept-Encoding");
    return;
  }
  std::string_view v = *vary;
  while (!v.empty()) {
    const size_t comma = v.find(',');
    std::string_view item = trim(v.substr(0, comma));
    if (iequals(item, "Accept-Encoding") || item == "*") return;
    v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
  }
  h.set("Vary", std::string(*vary) + ", Accept-Encoding");
}

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  z_stream zs{};
  // windowBits 15 + 16 selects the gzip wrapper; memLevel 8 is zlib's default.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) std::abort();
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  // deflateBound guarantees one Z_FINISH call completes.
  const int rc = deflate(&zs, Z_FINISH);
  if (rc != Z_STREAM_END) std::abort();
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::optional<std::string> gzip_decompress(std::string_view data, size_t max_size) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return std::nullopt;
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  char chunk[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return std::nullopt;
    }
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > max_size || (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0)) {
      // Over the limit, or the input ended before the gzip trailer.
      inflateEnd(&zs);
      return std::nullopt;
    }
  }
  inflateEnd(&zs);
  return out;
}

bool is_compressible_type(std::string_view content_type) {
  std::string_view media = trim(content_type.substr(0, content_type.find(';')));
  if (media.size() >= 5 && iequals(media.substr(0, 5), "text/")) return true;
  for (std::string_view t :
       {"application/json", "application/javascript", "image/svg+xml", "application/atom+xml",
        "application/xml", "application/rss+xml", "application/ld+json", "application/manifest+json"})
    if (iequals(media, t)) return true;
  return false;
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<double> gzip_q;
  std::optional<double> star_q;
  std::string_view v = accept_encoding;
  while (!v.empty()) {
    const size_t comma = v.find(',');
    std::string_view item = trim(v.substr(0, comma));
    v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
    const size_t semi = item.find(';');
    std::string_view coding = trim(item.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1.0 : q_value(item.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip_q = q;
    } else if (coding == "*") {
      star_q = q;
    }
  }
  if (gzip_q) return *gzip_q > 0;
  return star_q && *star_q > 0;
}

bool maybe_gzip(std::optional<std::string_view> accept_encoding, Response& res, size_t min_bytes) {
  if (!status_has_body(res.status)) return false;
  auto ct = res.headers.get("Content-Type");
  if (!ct || !is_compressible_type(*ct)) return false;
  if (res.headers.contains("Content-Encoding")) return false;
  add_vary_accept_encoding(res.headers);
  if (res.body.size() < min_bytes || !accept_encoding || !accepts_gzip(*accept_encoding)) return false;

  std::string compressed = gzip_compress(res.body);
  if (compressed.size() >= res.body.size()) return false;
  res.body = std::move(compressed);
  res.headers.set("Content-Encoding", "gzip");
  if (auto etag = res.headers.get("ETag");
      etag && etag->size() >= 2 && etag->front() == '"' && etag->back() == '"') {
    std::string tagged(etag->substr(0, etag->size() - 1));
    tagged += "-gzip\"";
    res.headers.set("ETag", std::move(tagged));
  }
  return true;
}

}  // namespace gk::http
