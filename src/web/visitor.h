// Visitor: who is making this request, as the web layer sees it, and the middleware that works it
// out. For every page request the middleware resolves the session cookie into a Principal, sets up
// the CSRF binding (session secret, or an anonymous gk_csrf cookie), refuses any state-changing
// request without a valid token (403) — except /api/ requests authenticated by HTTP Basic that carry
// no session cookie (visitor.cc says why) — reads the 长者模式 preference, and adds security headers.
#pragma once

#include <optional>
#include <string>

#include "accounts/user.h"
#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

inline constexpr std::string_view kSessionCookie = "gk_session";
inline constexpr std::string_view kLargeFontCookie = "gk_large";
inline constexpr std::string_view kVisitorAttr = "web.visitor";

struct Visitor {
  std::optional<accounts::Principal> principal;
  std::optional<std::string> session_token;  // raw token from the cookie, when logged in
  std::string csrf_token;                    // put this in every form's _csrf field
  bool large_font = false;

  bool is_staff() const { return principal && principal->kind == accounts::Principal::Kind::kStaff; }
};

// The visitor the middleware attached; a default Visitor for routes it skipped.
const Visitor& visitor_of(const http::Request& req);

// Middleware (see file comment). Paths under /static/ and the probes skip session work.
http::Response visitor_middleware(WebContext& ctx, http::Request& req,
                                  const std::function<http::Response(http::Request&)>& next);

}  // namespace gk::web
