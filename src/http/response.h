// Response: what a handler returns; the server writes it.
//
// The server adds Content-Length, Date, Connection and X-Request-Id itself and drops the body of
// responses to HEAD and of 1xx/204/304 responses. Header values must not contain CR, LF or NUL; a
// response that breaks this is replaced by a 500 page (it would allow response splitting).
// Value type; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "http/cookies.h"
#include "http/headers.h"

namespace gk::http {

inline constexpr std::string_view kContentTypeHtml = "text/html; charset=utf-8";
inline constexpr std::string_view kContentTypeJson = "application/json; charset=utf-8";
inline constexpr std::string_view kContentTypeText = "text/plain; charset=utf-8";

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  static Response html(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  // 303 See Other by default: the right answer after a POST (PRG). `location` should be a path or an
  // absolute URL the application built; it is sent as given.
  static Response redirect(std::string location, int status = 303);

  // Adds a Set-Cookie header. Throws std::invalid_argument on an invalid cookie (see cookies.h).
  void set_cookie(const Cookie& c);
  // Adds a Set-Cookie header that deletes `name` at `path`.
  void clear_cookie(std::string name, std::string path = "/");
};

// The standard reason phrase for `status` ("Not Found"), or "Unknown".
std::string_view reason_phrase(int status);

}  // namespace gk::http
