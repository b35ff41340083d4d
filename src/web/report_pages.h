// Back-office reports of the document library: 《政府信息公开条例》第二十六条 timeliness of proactive
// disclosure per year (page and CSV export; late documents flagged) and the normative documents whose
// validity period ends within the warning window. Department-scoped for department staff, city-wide
// for admin and supervisor (DocumentReports enforces it; another department's report is 403).
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response admin_reports(WebContext& ctx, http::Request& req);  // redirects to the timeliness report
http::Response admin_timeliness(WebContext& ctx, http::Request& req);
http::Response admin_timeliness_csv(WebContext& ctx, http::Request& req);
http::Response admin_expiring(WebContext& ctx, http::Request& req);

}  // namespace gk::web
