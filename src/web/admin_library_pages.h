// Back-office pages for the typed parts of the library: the section of a document's admin page where
// it is registered as a plan (type, level, period, parent), a budget or final account (department,
// year, kind) or a service guide (its eight required and three optional elements); the handlers that
// save or remove those facts; and /admin/topics, where admins and supervisors create topic columns and
// feature them on the home page. Permission checks live in the services.
#pragma once

#include <string>

#include "accounts/user.h"
#include "documents/document.h"
#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

// The facts section for the admin page of `doc` (rendered HTML; "" when the services are not wired).
std::string admin_document_facts_html(WebContext& ctx, const http::Request& req,
                                      const accounts::Principal& who, const documents::Document& doc);

http::Response admin_document_facts(WebContext& ctx, http::Request& req);  // GET  /admin/documents/{id}/facts
http::Response admin_document_plan(WebContext& ctx, http::Request& req);   // POST /admin/documents/{id}/plan
http::Response admin_document_budget(WebContext& ctx,
                                     http::Request& req);  // POST /admin/documents/{id}/budget
http::Response admin_document_guide(WebContext& ctx, http::Request& req);  // POST /admin/documents/{id}/guide
http::Response admin_topics(WebContext& ctx, http::Request& req);          // GET  /admin/topics
http::Response admin_topic_create(WebContext& ctx, http::Request& req);    // POST /admin/topics
http::Response admin_topic_feature(WebContext& ctx, http::Request& req);   // POST /admin/topics/{id}/feature

}  // namespace gk::web
