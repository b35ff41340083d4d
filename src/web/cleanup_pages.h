// Cleanup campaigns (规范性文件清理) in the back office — the list and the form that starts one
// over the department's normative documents in force, the batch with a keep / amend / repeal form
// per document and the publish form — and the published result as a public page (清理结果:
// 继续有效 / 修改 / 废止, each with its reason). Permissions live in documents::CleanupService.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response admin_cleanup_list(WebContext& ctx, http::Request& req);
http::Response admin_cleanup_create(WebContext& ctx, http::Request& req);
http::Response admin_cleanup(WebContext& ctx, http::Request& req);
http::Response admin_cleanup_decide(WebContext& ctx, http::Request& req);
http::Response admin_cleanup_publish(WebContext& ctx, http::Request& req);
http::Response portal_cleanup(WebContext& ctx, http::Request& req);

}  // namespace gk::web
