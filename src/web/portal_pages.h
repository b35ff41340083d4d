// Public portal pages: home, the directory of disclosing organs (条例 Art. 10, Art. 20(二)), the
// working-day calendar. Read-only; no login needed.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response portal_home(WebContext& ctx, http::Request& req);
http::Response portal_departments(WebContext& ctx, http::Request& req);
http::Response portal_department(WebContext& ctx, http::Request& req);
http::Response portal_calendar(WebContext& ctx, http::Request& req);

}  // namespace gk::web
