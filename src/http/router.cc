#include "http/router.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "http/error_page.h"

namespace gk::http {
namespace {

// "/a/b" → {"a","b"}; "/" → {}; "/a/" → {"a",""}. Input always starts with '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segs;
  if (path.empty() || path == "/") return segs;
  path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    segs.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segs;
}

bool is_param_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

}  // namespace

void Router::add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options) {
  if (method.empty()) throw std::invalid_argument("route method is empty");
  if (!pattern.starts_with('/'))
    throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
  if (!handler) throw std::invalid_argument("route handler is empty: " + std::string(pattern));
  Route r;
  r.method = std::string(method);
  r.pattern = std::string(pattern);
  const auto parts = split_path(pattern);
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (p.starts_with('{') && p.ends_with('}')) {
      std::string_view name = p.substr(1, p.size() - 2);
      SegmentKind kind = SegmentKind::kParam;
      if (name.ends_with("...")) {
        name.remove_suffix(3);
        kind = SegmentKind::kRest;
        if (i + 1 != parts.size())
          throw std::invalid_argument("'{name...}' must be the last segment: " + std::string(pattern));
      }
      if (!is_param_name(name))
        throw std::invalid_argument("bad parameter name in route: " + std::string(pattern));
      r.segments.push_back({kind, std::string(name)});
    } else {
      if (p.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("braces must enclose a whole segment: " + std::string(pattern));
      r.segments.push_back({SegmentKind::kLiteral, std::string(p)});
    }
  }
  for (const auto& existing : routes_)
    if (existing.method == r.method && existing.pattern == r.pattern)
      throw std::invalid_argument("duplicate route: " + r.method + " " + r.pattern);
  r.handler = std::move(handler);
  if (options.name.empty()) options.name = r.pattern;
  r.options = std::move(options);
  routes_.push_back(std::move(r));
}

bool Router::match_pattern(const Route& r, const std::vector<std::string_view>& segs,
                           std::map<std::string, std::string>* params) {
  const auto& pat = r.segments;
  for (size_t i = 0; i < pat.size(); ++i) {
    if (pat[i].kind == SegmentKind::kRest) {
      if (i >= segs.size()) return false;
      if (params) {
        std::string rest(segs[i]);
        for (size_t j = i + 1; j < segs.size(); ++j) {
          rest += '/';
          rest += segs[j];
        }
        (*params)[pat[i].text] = std::move(rest);
      }
      return true;
    }
    if (i >= segs.size()) return false;
    if (pat[i].kind == SegmentKind::kLiteral) {
      if (pat[i].text != segs[i]) return false;
    } else {
      if (segs[i].empty()) return false;
      if (params) (*params)[pat[i].text] = std::string(segs[i]);
    }
  }
  return pat.size() == segs.size();
}

std::optional<Router::Match> Router::find_exact_method(std::string_view method,
                                                       const std::vector<std::string_view>& segs) const {
  const Route* best = nullptr;
  for (const auto& r : routes_) {
    if (r.method != method || !match_pattern(r, segs, nullptr)) continue;
    if (!best) {
      best = &r;
      continue;
    }
    // Lower kinds (literal < param < rest) at the first differing position win.
    const size_t n = std::min(r.segments.size(), best->segments.size());
    for (size_t i = 0; i < n; ++i) {
      if (r.segments[i].kind != best->segments[i].kind) {
        if (r.segments[i].kind < best->segments[i].kind) best = &r;
        break;
      }
    }
  }
  if (!best) return std::nullopt;
  Match m;
  m.route = best;
  match_pattern(*best, segs, &m.params);
  return m;
}

std::optional<Router::Match> Router::find(std::string_view method, std::string_view path) const {
  const auto segs = split_path(path);
  if (auto m = find_exact_method(method, segs)) return m;
  if (method == "HEAD") return find_exact_method("GET", segs);
  return std::nullopt;
}

std::vector<std::string> Router::allowed_methods(std::string_view path) const {
  const auto segs = split_path(path);
  std::vector<std::string> methods;
  for (const auto& r : routes_)
    if (match_pattern(r, segs, nullptr)) methods.push_back(r.method);
  if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) methods.push_back("HEAD");
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  return methods;
}

size_t Router::body_limit_for(std::string_view method, std::string_view path) const {
  auto m = find(method, path);
  return m ? m->route->options.body_limit : default_body_limit_;
}

std::string Router::route_name(std::string_view method, std::string_view path) const {
  auto m = find(method, path);
  return m ? m->route->options.name : std::string();
}

Response Router::run_chain(size_t i, Request& req, const Handler& last) const {
  if (i == middleware_.size()) return last(req);
  return middleware_[i](req, [this, i, &last](Request& r) { return run_chain(i + 1, r, last); });
}

Response Router::dispatch(Request& req) const {
  if (auto m = find(req.method, req.path)) {
    req.path_params = std::move(m->params);
    req.route = m->route->options.name;
    return run_chain(0, req, m->route->handler);
  }
  req.path_params.clear();
  req.route.clear();
  const auto allowed = allowed_methods(req.path);
  if (!allowed.empty()) {
    std::string allow;
    for (const auto& m : allowed) {
      if (!allow.empty()) allow += ", ";
      allow += m;
    }
    const Handler method_not_allowed = [&allow](Request& r) {
      Response res = error_response(405, r.request_id);
      res.headers.set("Allow", allow);
      return res;
    };
    return run_chain(0, req, method_not_allowed);
  }
  if (not_found_) return run_chain(0, req, not_found_);
  static const Handler kNotFound = [](Request& r) { return error_response(404, r.request_id); };
  return run_chain(0, req, kNotFound);
}

Handler chain(std::vector<Middleware> middleware, Handler handler) {
  struct State {
    std::vector<Middleware> mw;
    Handler last;
    Response run(size_t i, Request& req) const {
      if (i == mw.size()) return last(req);
      return mw[i](req, [this, i](Request& r) { return run(i + 1, r); });
    }
  };
  auto state = std::make_shared<const State>(State{std::move(middleware), std::move(handler)});
  return [state](Request& req) { return state->run(0, req); };
}

}  // namespace gk::http
