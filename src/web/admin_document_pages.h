// Back-office document pages: the department's queue by state (with the 条例 Art. 26 publication
// deadline of each unpublished document: due dates and what is late), drafting and editing, the
// workflow actions, publication (now or scheduled), versions and diffs.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response admin_documents(WebContext& ctx, http::Request& req);
http::Response admin_document_new(WebContext& ctx, http::Request& req);
http::Response admin_document_create(WebContext& ctx, http::Request& req);
http::Response admin_document(WebContext& ctx, http::Request& req);
http::Response admin_document_edit(WebContext& ctx, http::Request& req);
http::Response admin_document_update(WebContext& ctx, http::Request& req);
http::Response admin_document_action(WebContext& ctx, http::Request& req);
http::Response admin_document_publish(WebContext& ctx, http::Request& req);
http::Response admin_document_diff(WebContext& ctx, http::Request& req);

}  // namespace gk::web
