// CSRF tokens: every state-changing form carries a token derived from a per-visitor binding.
//
// token = base64url(HMAC-SHA-512-256(server_secret, "csrf:" + binding)). The binding is the session's
// csrf_secret for logged-in users and the random value of the anonymous `gk_csrf` cookie otherwise
// (signed double-submit, so login forms are protected too). Tokens are checked in constant time.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace gk::web {

inline constexpr std::string_view kCsrfCookie = "gk_csrf";
inline constexpr std::string_view kCsrfField = "_csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

std::string csrf_token(std::string_view server_secret, std::string_view binding);
bool csrf_token_valid(std::string_view server_secret, std::string_view binding, std::string_view token);

}  // namespace gk::web
