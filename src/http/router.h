// Router: maps (method, path) to a handler, wraps handlers in middleware, and is the Application the
// Server drives.
//
// Patterns are paths whose segments are literals, "{name}" (one non-empty segment, stored in
// Request::path_params["name"]) or, as the last segment only, "{name...}" (the rest of the path, one
// or more segments, joined with '/'). Matching is on the percent-decoded path and is exact: no
// trailing-slash folding, no case folding. When several patterns match, the one with a literal at the
// first differing segment wins, then "{name}" over "{name...}": "/documents/new" beats
// "/documents/{id}". Only routes registered for the request's method compete; HEAD is served by the
// GET route when there is no HEAD route (the server sends the headers without the body). A path that
// some route matches under another method gets 405 with an Allow header; otherwise 404. Both use
// error_page.h unless set_not_found() installed a handler for 404.
//
// Middleware registered with use() wraps every dispatch, including 404 and 405, outermost first; at
// that point Request::route and path_params are already set.
//
// Thread-safety: configure (add/use/set_*) before the server starts; afterwards all const methods
// may be called concurrently from any thread. Handlers run concurrently on the server's worker
// threads and must be thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace gk::http {

using Handler = std::function<Response(Request&)>;
// A layer around a handler: inspect or change the request, call next(req) (or not), inspect or
// change the response. Exceptions propagate to the server, which answers 500.
using Middleware = std::function<Response(Request&, const Handler& next)>;

inline constexpr size_t kDefaultBodyLimit = 64 * 1024;

struct RouteOptions {
  std::string name;                       // metrics/log label, e.g. "portal.home"; defaults to the pattern
  size_t body_limit = kDefaultBodyLimit;  // bytes; larger bodies get 413 before the handler runs
};

// What the Server needs from the application. Router is the usual implementation; tests may supply
// their own. Both methods are called concurrently from several threads.
class Application {
 public:
  virtual ~Application() = default;
  // The largest body the server reads for a request with this method and decoded path. Called on an
  // io thread right after the header is read; must be cheap and must not block.
  virtual size_t body_limit_for(std::string_view method, std::string_view path) const = 0;
  // Produces the response. Runs on a worker thread; may block (database calls). May throw: the
  // server logs the exception and answers 500.
  virtual Response handle(Request& req) const = 0;
};

class Router final : public Application {
 public:
  Router() = default;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Registers `handler` for `method` (e.g. "GET") and `pattern` (e.g. "/documents/{id}").
  // Throws std::invalid_argument on a malformed pattern or a duplicate (method, pattern): both are
  // programming errors found at start-up.
  void add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options = {});
  void get(std::string_view pattern, Handler h, RouteOptions o = {}) {
    add("GET", pattern, std::move(h), std::move(o));
  }
  void post(std::string_view pattern, Handler h, RouteOptions o = {}) {
    add("POST", pattern, std::move(h), std::move(o));
  }
  void put(std::string_view pattern, Handler h, RouteOptions o = {}) {
    add("PUT", pattern, std::move(h), std::move(o));
  }
  void del(std::string_view pattern, Handler h, RouteOptions o = {}) {
    add("DELETE", pattern, std::move(h), std::move(o));
  }

  // Appends a middleware; the first one added is the outermost.
  void use(Middleware m) { middleware_.push_back(std::move(m)); }

  // Replaces the built-in 404 page (still wrapped by middleware).
  void set_not_found(Handler h) { not_found_ = std::move(h); }

  // Body limit for requests no route matches (default kDefaultBodyLimit).
  void set_default_body_limit(size_t bytes) { default_body_limit_ = bytes; }

  // Routes `req` (filling path_params and route) and runs the middleware chain and the handler.
  Response dispatch(Request& req) const;

  // Application:
  size_t body_limit_for(std::string_view method, std::string_view path) const override;
  Response handle(Request& req) const override { return dispatch(req); }

  // The name of the route that would serve (method, path), or "" when none would.
  std::string route_name(std::string_view method, std::string_view path) const;

  // Methods some route accepts for `path`, sorted, with HEAD added when GET is present.
  std::vector<std::string> allowed_methods(std::string_view path) const;

 private:
  enum class SegmentKind { kLiteral = 0, kParam = 1, kRest = 2 };
  struct Segment {
    SegmentKind kind;
    std::string text;  // literal text or parameter name
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    RouteOptions options;
  };
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };

  static bool match_pattern(const Route& r, const std::vector<std::string_view>& segs,
                            std::map<std::string, std::string>* params);
  // Best route for (method, path); HEAD falls back to GET.
  std::optional<Match> find(std::string_view method, std::string_view path) const;
  std::optional<Match> find_exact_method(std::string_view method,
                                         const std::vector<std::string_view>& segs) const;
  Response run_chain(size_t i, Request& req, const Handler& last) const;

  std::vector<Route> routes_;
  std::vector<Middleware> middleware_;
  Handler not_found_;
  size_t default_body_limit_ = kDefaultBodyLimit;
};

// A handler that runs `middleware` (outermost first) around `handler`; for per-route middleware:
//   router.post("/admin/x", chain({require_login, csrf}, handle_x));
Handler chain(std::vector<Middleware> middleware, Handler handler);

}  // namespace gk::http
