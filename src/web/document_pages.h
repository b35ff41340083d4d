// Public document pages: the library list with filters, paging and export; one document with its
// metadata table, validity banner and related documents; its print view; a department's disclosure
// column (政府信息公开专栏) with the catalogue (目录: 索引, 名称, 内容概述, 生成日期); the list of
// normative documents in force (现行有效行政规范性文件).
#pragma once

#include "documents/document_service.h"
#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response portal_documents(WebContext& ctx, http::Request& req);
http::Response portal_normative(WebContext& ctx, http::Request& req);
http::Response portal_document(WebContext& ctx, http::Request& req);
http::Response portal_document_print(WebContext& ctx, http::Request& req);
http::Response portal_disclosure(WebContext& ctx, http::Request& req);
http::Response portal_documents_csv(WebContext& ctx, http::Request& req);

// Reads list filters from the query string (department code, column key, topic, genre, year,
// validity, q, sort, page, per_page). InvalidArgument naming the parameter on bad values.
Result<documents::DocumentQuery> query_from(WebContext& ctx, const http::Request& req);

}  // namespace gk::web
