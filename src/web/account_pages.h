// Login, logout, registration, password change and the 长者模式 preference. All POST handlers
// run after the visitor middleware has checked the CSRF token.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response staff_login_form(WebContext& ctx, http::Request& req);
http::Response staff_login(WebContext& ctx, http::Request& req);
http::Response public_login_form(WebContext& ctx, http::Request& req);
http::Response public_login(WebContext& ctx, http::Request& req);
http::Response logout(WebContext& ctx, http::Request& req);
http::Response register_form(WebContext& ctx, http::Request& req);
http::Response register_account(WebContext& ctx, http::Request& req);
http::Response password_form(WebContext& ctx, http::Request& req);
http::Response change_password(WebContext& ctx, http::Request& req);
http::Response set_large_font(WebContext& ctx, http::Request& req);

// The RequestContext (request id, client address, user agent) services record in the audit log.
RequestContext request_context(const http::Request& req);

}  // namespace gk::web
