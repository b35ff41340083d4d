// Back-office pages: the workbench, staff accounts (list, CSV export, create), the audit log and the
// holiday-notice import. Every handler requires a staff principal; what each may see or change is
// decided by the services (department scope, roles), not here.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response admin_home(WebContext& ctx, http::Request& req);
http::Response admin_users(WebContext& ctx, http::Request& req);
http::Response admin_users_csv(WebContext& ctx, http::Request& req);
http::Response admin_user_form(WebContext& ctx, http::Request& req);
http::Response admin_user_create(WebContext& ctx, http::Request& req);
http::Response admin_audit(WebContext& ctx, http::Request& req);
http::Response admin_calendar(WebContext& ctx, http::Request& req);
http::Response admin_calendar_import(WebContext& ctx, http::Request& req);

}  // namespace gk::web
