#include "web/account_pages.h"

#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

http::Cookie session_cookie(const http::Request& req, std::string value, std::optional<std::chrono::seconds> max_age) {
  http::Cookie c;
  c.name = std::string(kSessionCookie);
  c.value = std::move(value);
  c.max_age = max_age;
  c.http_only = true;
  c.same_site = "Lax";
  c.secure = req.secure;
  return c;
}

http::Response login_page(WebContext& ctx, http::Request& req, bool staff, const std::string& username,
                          const std::string& error, int status) {
  View view;
  view.set("heading", staff ? "工作人员登录" : "公众账号登录");
  view.set("action", staff ? "/login" : "/account/login");
  view.set("login_label", staff ? "用户名" : "电子邮箱或手机号码");
  view.set("csrf", visitor_of(req).csrf_token);
  view.set("next", safe_next(req.query_param("next").value_or(""), staff ? "/admin" : "/"));
  view.set("username", username);
  view.set("register", !staff);
  if (!error.empty()) view.set("error", error);
  PageOptions opts;
  opts.title = staff ? "工作人员登录" : "公众登录";
  opts.status = status;
  return render_page(ctx, req, "login", view, opts);
}

http::Response do_login(WebContext& ctx, http::Request& req, bool staff) {
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  const std::string username = form->get("username");
  auto result = staff ? ctx.accounts.login(username, form->get("password"), request_context(req))
                      : ctx.accounts.login_public(username, form->get("password"), request_context(req));
  if (!result) {
    const ErrorCode c = result.error().code();
    if (c == ErrorCode::kUnauthenticated || c == ErrorCode::kInvalidArgument || c == ErrorCode::kFailedPrecondition) {
      return login_page(ctx, req, staff, username, result.error().message(), c == ErrorCode::kFailedPrecondition ? 429 : 401);
    }
    return error_page(ctx, req, result.error());
  }
  http::Response res = http::Response::redirect(safe_next(form->get("next"), staff ? "/admin" : "/"));
  res.set_cookie(session_cookie(req, result->session_token, std::nullopt));
  return res;
}

}  // namespace

RequestContext request_context(const http::Request& req) {
  RequestContext c;
  c.request_id = req.request_id;
  c.ip = req.remote_ip;
  if (auto ua = req.headers.get("User-Agent")) c.user_agent = std::string(ua->substr(0, 256));
  return c;
}

http::Response staff_login_form(WebContext& ctx, http::Request& req) {
  if (visitor_of(req).is_staff()) return http::Response::redirect("/admin");
  return login_page(ctx, req, true, "", "", 200);
}

http::Response staff_login(WebContext& ctx, http::Request& req) { return do_login(ctx, req, true); }

http::Response public_login_form(WebContext& ctx, http::Request& req) {
  return login_page(ctx, req, false, "", "", 200);
}

http::Response public_login(WebContext& ctx, http::Request& req) { return do_login(ctx, req, false); }

http::Response logout(WebContext& ctx, http::Request& req) {
  const Visitor& v = visitor_of(req);
  if (v.session_token) {
    if (Status st = ctx.accounts.logout(*v.session_token, request_context(req)); !st) {
      return error_page(ctx, req, st.error());
    }
  }
  http::Response res = http::Response::redirect("/");
  res.clear_cookie(std::string(kSessionCookie));
  return res;
}

http::Response register_form(WebContext& ctx, http::Request& req) {
  View view;
  view.set("csrf", visitor_of(req).csrf_token);
  PageOptions opts;
  opts.title = "注册公众账号";
  return render_page(ctx, req, "register", view, opts);
}

http::Response register_account(WebContext& ctx, http::Request& req) {
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  accounts::NewPublicAccount a;
  a.login = form->get("login");
  a.display_name = form->get("display_name");
  a.kind = form->get("kind") == "firm" ? accounts::PublicAccountKind::kFirm : accounts::PublicAccountKind::kCitizen;
  a.password = form->get("password");
  auto id = ctx.accounts.register_public_account(a, request_context(req));
  if (!id) {
    if (id.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, id.error());
    View view;
    view.set("csrf", visitor_of(req).csrf_token);
    view.set("login", a.login);
    view.set("display_name", a.display_name);
    view.set("firm", a.kind == accounts::PublicAccountKind::kFirm);
    put_errors(view, id.error());
    PageOptions opts;
    opts.title = "注册公众账号";
    opts.status = 400;
    return render_page(ctx, req, "register", view, opts);
  }
  return http::Response::redirect("/account/login?registered=1");
}

http::Response password_form(WebContext& ctx, http::Request& req) {
  const Visitor& v = visitor_of(req);
  if (!v.is_staff()) return error_page(ctx, req, Error::unauthenticated("请先登录"));
  View view;
  view.set("csrf", v.csrf_token);
  PageOptions opts;
  opts.title = "修改密码";
  opts.area = Area::kAdmin;
  if (req.query_param("done")) opts.flash = "密码已修改。";
  return render_page(ctx, req, "account_password", view, opts);
}

http::Response change_password(WebContext& ctx, http::Request& req) {
  const Visitor& v = visitor_of(req);
  if (!v.is_staff()) return error_page(ctx, req, Error::unauthenticated("请先登录"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  Status st = form->get("new_password") != form->get("confirm_password")
                  ? Status(fail(Error::invalid("两次输入的新密码不一致", {{"confirm_password", "两次输入的新密码不一致"}})))
                  : ctx.accounts.change_password(*v.principal, form->get("current_password"),
                                                 form->get("new_password"), request_context(req));
  if (!st) {
    if (st.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, st.error());
    View view;
    view.set("csrf", v.csrf_token);
    put_errors(view, st.error());
    PageOptions opts;
    opts.title = "修改密码";
    opts.area = Area::kAdmin;
    opts.status = 400;
    return render_page(ctx, req, "account_password", view, opts);
  }
  return http::Response::redirect("/account/password?done=1");
}

http::Response set_large_font(WebContext&, http::Request& req) {
  auto form = req.form();
  const bool on = form && [&] {
    for (const auto& [k, v] : *form)
      if (k == "on") return v == "1";
    return false;
  }();
  std::string back = "/";
  if (form) {
    for (const auto& [k, v] : *form)
      if (k == "return") back = safe_next(v, "/");
  }
  http::Response res = http::Response::redirect(back);
  http::Cookie c;
  c.name = std::string(kLargeFontCookie);
  c.value = on ? "1" : "0";
  c.max_age = std::chrono::seconds(365LL * 24 * 3600);
  c.http_only = true;
  c.same_site = "Lax";
  c.secure = req.secure;
  res.set_cookie(c);
  return res;
}

}  // namespace gk::web
