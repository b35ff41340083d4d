#include "web/pages.h"

#include <spdlog/spdlog.h>

#include "accounts/permission.h"
#include "http/error_page.h"
#include "http/form.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

struct NavItem {
  const char* href;
  const char* label;
};

constexpr NavItem kPortalNav[] = {
    {"/", "首页"}, {"/documents", "政府文件"}, {"/normative", "规范性文件"}, {"/plans", "规划"}, {"/guides", "办事指南"}, {"/foi/apply", "依申请公开"}, {"/foi/reading-room", "公开阅览室"},
    {"/departments", "公开主体"}, {"/annual-reports", "年度报告"},
    {"/calendar", "工作日历"}};
constexpr NavItem kAdminNav[] = {
    {"/admin", "工作台"}, {"/admin/documents", "文件管理"}, {"/admin/topics", "专题栏目"}, {"/admin/users", "账号管理"}, {"/admin/audit", "审计日志"}, {"/admin/calendar", "节假日安排"},
    {"/admin/reports", "报表"}, {"/admin/cleanup", "文件清理"}, {"/admin/search", "检索词库"}, {"/admin/foi", "依申请公开办理"},
    {"/admin/annual-reports", "年度报告"}, {"/", "门户首页"}};

View nav_for(Area area, std::string_view path) {
  View list{View::type::list};
  auto add = [&](const NavItem& n) {
    View item;
    item.set("href", n.href);
    item.set("label", n.label);
    const std::string_view href(n.href);
    const bool current = href == path || (href != "/" && href != "/admin" && path.starts_with(href));
    item.set("current", current);
    list.push_back(item);
  };
  if (area == Area::kAdmin) {
    for (const auto& n : kAdminNav) add(n);
  } else {
    for (const auto& n : kPortalNav) add(n);
  }
  return list;
}

}  // namespace

http::Response render_page(WebContext& ctx, const http::Request& req, std::string_view tmpl, const View& view,
                           const PageOptions& opts) {
  const Visitor& v = visitor_of(req);
  View layout;
  layout.set("title", opts.title);
  layout.set("site_title", ctx.site_title);
  layout.set("large_font", v.large_font);
  layout.set("csrf", v.csrf_token);
  layout.set("current_path", req.target.size() <= 512 ? req.target : req.path);
  layout.set("admin", opts.area == Area::kAdmin);
  layout.set("nav", nav_for(opts.area, req.path));
  // The header search box on every portal page but the search page, which has its own.
  layout.set("site_search", opts.area == Area::kPortal && req.path != "/search");
  layout.set("request_id", req.request_id);
  if (v.principal) {
    View user;
    user.set("display_name", v.principal->display_name);
    if (!v.principal->department_name.empty()) user.set("department_name", v.principal->department_name);
    layout.set("user", user);
  }
  const std::vector<FeedLink> all_documents{{ctx.site_title + " · 最新政府文件", "/feeds/documents.atom"}};
  View feeds{View::type::list};
  for (const auto& f : opts.feeds.empty() ? all_documents : opts.feeds) {
    View feed;
    feed.set("title", f.title);
    feed.set("href", f.href);
    feeds.push_back(feed);
  }
  layout.set("feeds", feeds);
  if (!opts.flash.empty()) {
    View flash;
    flash.set("kind", opts.flash_kind);
    flash.set("message", opts.flash);
    layout.set("flash", flash);
  }
  auto html = ctx.views.render_page(tmpl, view, layout);
  if (!html) {
    spdlog::error("render {} failed: {}", tmpl, html.error().to_string());
    return http::Response::html(http::error_page_html(500, req.request_id), 500);
  }
  http::Response res = http::Response::html(std::move(*html), opts.status);
  // Pages can carry personal data and CSRF tokens: never cache them in shared caches.
  res.headers.set("Cache-Control", "no-store");
  return res;
}

PageOptions admin_page(std::string title, int status) {
  PageOptions o;
  o.title = std::move(title);
  o.area = Area::kAdmin;
  o.status = status;
  return o;
}

Result<accounts::Principal> require_staff(const http::Request& req) {
  const Visitor& v = visitor_of(req);
  if (!v.principal) return fail(Error::unauthenticated("请先登录"));
  GK_TRY_STATUS(accounts::authorize(&*v.principal, accounts::Permission::kUseBackOffice));
  return *v.principal;
}

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

http::Response error_page(WebContext& ctx, const http::Request& req, const Error& e) {
  if (e.code() == ErrorCode::kUnauthenticated && req.is_read()) {
    const bool admin = req.path.starts_with("/admin") || req.path.starts_with("/account/password");
    return http::Response::redirect(std::string(admin ? "/login" : "/account/login") + "?next=" +
                                    http::url_encode(req.target));
  }
  const int status = http_status_for(e.code());
  View view;
  std::string heading;
  std::string message = e.message();
  switch (status) {
    case 404: heading = "页面不存在"; break;
    case 400: heading = "请求有误"; break;
    case 401: heading = "请先登录"; break;
    case 403: heading = "无权访问"; break;
    case 409: heading = "操作无法完成"; break;
    case 503:
      heading = "服务暂时不可用";
      message = "系统正在恢复，请稍后再试。";
      spdlog::warn("request {} unavailable: {}", req.request_id, e.to_string());
      break;
    default:
      heading = "服务器内部错误";
      message = "服务器处理请求时出错，请稍后再试。如需反映问题，请提供请求编号。";
      spdlog::error("request {} failed: {}", req.request_id, e.to_string());
  }
  view.set("heading", heading);
  view.set("message", message);
  PageOptions opts;
  opts.title = heading;
  opts.status = status;
  opts.area = req.path.starts_with("/admin") ? Area::kAdmin : Area::kPortal;
  http::Response res = render_page(ctx, req, "error", view, opts);
  if (status == 503) res.headers.set("Retry-After", "5");
  return res;
}

std::string Form::get(std::string_view name) const {
  std::string out;
  for (const auto& [k, v] : fields)
    if (k == name) out = v;
  return out;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields)
    if (k == name) out.push_back(v);
  return out;
}

Result<Form> read_form(const http::Request& req) {
  GK_TRY_ASSIGN(fields, req.form());
  return Form{std::move(fields)};
}

void put_errors(View& view, const Error& e) {
  view.set("error", e.message());
  for (const auto& f : e.fields()) view.set(f.field + "_error", f.message);
}

std::string csv_cell(std::string_view s) {
  std::string out = "\"";
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) out += '\'';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string safe_next(std::string_view next, std::string_view fallback) {
  // Only same-site absolute paths: "//evil.example" and "/\evil" would leave the site.
  if (next.size() > 1 && next.size() < 1024 && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
      next.find("\r") == std::string_view::npos && next.find("\n") == std::string_view::npos) {
    return std::string(next);
  }
  return std::string(fallback);
}

}  // namespace gk::web
