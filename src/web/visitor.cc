#include "web/visitor.h"

#include "accounts/session.h"
#include "web/csrf.h"
#include "web/multipart.h"
#include "web/pages.h"

namespace gk::web {
namespace {

bool skips_session(std::string_view path) {
  return path.starts_with("/static/") || path == "/healthz" || path == "/readyz" || path == "/metrics" ||
         path == "/favicon.ico";
}

bool changes_state(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// CSRF works by riding on credentials the browser attaches by itself (the session cookie). An API
// request that authenticates with an `Authorization: Basic` header and carries no session cookie
// has none to ride on: a page can make a browser send that header only from script, across origins
// only after a CORS preflight this server never grants, and browsers add cached Basic credentials
// only after a Basic challenge, which the API never sends (api_report_statistics.h). Machine clients
// (a department's system pushing statistics) have no page to take a token from, so these requests
// alone skip the token; with a session cookie beside the header the token is required as usual.
bool basic_auth_api_request(const http::Request& req) {
  if (!req.path.starts_with("/api/") || req.cookie(kSessionCookie)) return false;
  auto auth = req.headers.get("Authorization");
  return auth && auth->size() >= 6 && http::iequals(auth->substr(0, 6), "Basic ");
}

std::optional<std::string> submitted_token(const http::Request& req) {
  if (auto h = req.headers.get(kCsrfHeader)) return std::string(*h);
  // File uploads send the token as a field of their multipart/form-data body.
  if (auto type = req.headers.get("Content-Type"); type && is_multipart_form(*type)) {
    auto parts = parse_multipart(*type, req.body);
    if (!parts) return std::nullopt;
    return multipart_field(*parts, kCsrfField);
  }
  auto form = req.form();
  if (!form) return std::nullopt;
  for (const auto& [k, v] : *form)
    if (k == kCsrfField) return v;
  return std::nullopt;
}

void add_security_headers(http::Response& res) {
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("X-Frame-Options", "DENY");
  res.headers.set("Referrer-Policy", "same-origin");
  if (!res.headers.get("Content-Security-Policy")) {
    res.headers.set("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'");
  }
}

}  // namespace

const Visitor& visitor_of(const http::Request& req) {
  static const Visitor kNobody;
  const Visitor* v = req.attr<Visitor>(kVisitorAttr);
  return v ? *v : kNobody;
}

http::Response visitor_middleware(WebContext& ctx, http::Request& req,
                                  const std::function<http::Response(http::Request&)>& next) {
  if (skips_session(req.path)) return next(req);

  Visitor v;
  v.large_font = req.cookie(kLargeFontCookie) == std::optional<std::string>("1");
  bool clear_session_cookie = false;
  std::string binding;
  if (auto token = req.cookie(kSessionCookie)) {
    auto info = ctx.accounts.resolve_session(*token);
    if (info) {
      v.principal = std::move(info->principal);
      v.session_token = *token;
      binding = info->csrf_secret;
    } else if (info.error().code() == ErrorCode::kUnauthenticated) {
      clear_session_cookie = true;
    } else {
      http::Response r = error_page(ctx, req, info.error());
      add_security_headers(r);
      return r;
    }
  }
  std::optional<std::string> new_anon_cookie;
  if (binding.empty()) {
    if (auto c = req.cookie(kCsrfCookie); c && c->size() >= 32 && c->size() <= 64) {
      binding = *c;
    } else {
      binding = accounts::new_random_token();
      new_anon_cookie = binding;
    }
  }
  v.csrf_token = csrf_token(ctx.server_secret, binding);

  if (changes_state(req.method) && !basic_auth_api_request(req)) {
    auto submitted = submitted_token(req);
    if (new_anon_cookie || !submitted || !csrf_token_valid(ctx.server_secret, binding, *submitted)) {
      req.set_attr(std::string(kVisitorAttr), v);
      http::Response r = error_page(ctx, req, Error::permission_denied("表单已过期或来源不明，请返回上一页刷新后重新提交"));
      if (new_anon_cookie) r.set_cookie({std::string(kCsrfCookie), *new_anon_cookie, "/", std::nullopt, true, "Lax", req.secure});
      add_security_headers(r);
      return r;
    }
  }

  req.set_attr(std::string(kVisitorAttr), v);
  http::Response res = next(req);
  // A handler that logged the visitor in or out set the session cookie itself; otherwise drop a
  // cookie that no longer names a session.
  if (clear_session_cookie && !res.headers.get("Set-Cookie")) res.clear_cookie(std::string(kSessionCookie));
  if (new_anon_cookie) {
    res.set_cookie({std::string(kCsrfCookie), *new_anon_cookie, "/", std::nullopt, true, "Lax", req.secure});
  }
  add_security_headers(res);
  return res;
}

}  // namespace gk::web
