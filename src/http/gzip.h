// gzip content coding for responses (RFC 9110 §8.4.1.3), with zlib.
//
// The server calls maybe_gzip() on every response it gets from the application, on the worker
// thread, so handlers never compress by hand. A response is compressed when the client accepts gzip,
// the Content-Type is text-like (text/*, JSON, JavaScript, SVG, Atom, XML), the body is at least
// `min_bytes`, it has no Content-Encoding yet and the status carries a body. Responses of a
// compressible type always get `Vary: Accept-Encoding`, compressed or not, so caches keep the
// variants apart. A strong ETag gets a "-gzip" suffix so the two variants never share a validator.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/response.h"

namespace gk::http {

inline constexpr size_t kGzipMinBytes = 1024;

// gzip-wrapped deflate of `data` at `level` (1..9).
std::string gzip_compress(std::string_view data, int level = 6);

// Inflates gzip data; nullopt on corrupt input or when the result would exceed `max_size`.
std::optional<std::string> gzip_decompress(std::string_view data, size_t max_size = 64 * 1024 * 1024);

// True for media types worth compressing (parameters such as charset are ignored).
bool is_compressible_type(std::string_view content_type);

// True when an Accept-Encoding value allows gzip (or "*") with a non-zero q-value.
bool accepts_gzip(std::string_view accept_encoding);

// Compresses `res` in place when worthwhile (see the file comment). Returns true if it did.
bool maybe_gzip(std::optional<std::string_view> accept_encoding, Response& res,
                size_t min_bytes = kGzipMinBytes);

}  // namespace gk::http
