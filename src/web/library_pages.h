// Public pages of the typed parts of the document library: the city's plan system (/plans, a tree under
// the 总体规划 grouped by period), the budget matrix of departments × years with its gaps (/budgets,
// /departments/{code}/budgets), service guides (/guides), topic columns (/topics, /topics/{key}); and
// the two hooks other pages use — the facts block of a document page and the featured topics of the
// home page. Each item links to its document page.
#pragma once

#include <string>

#include "http/request.h"
#include "http/response.h"
#include "web/view_renderer.h"
#include "web/web_context.h"

namespace gk::web {

http::Response portal_plans(WebContext& ctx, http::Request& req);
http::Response portal_budgets(WebContext& ctx, http::Request& req);
http::Response portal_department_budgets(WebContext& ctx, http::Request& req);
http::Response portal_guides(WebContext& ctx, http::Request& req);
http::Response portal_topics(WebContext& ctx, http::Request& req);
http::Response portal_topic(WebContext& ctx, http::Request& req);

// The plan, budget or guide facts of public document `id` as HTML (template document_facts), or ""
// when it has none (or a service is not wired). Errors are logged, never shown: the page still works.
std::string document_facts_html(WebContext& ctx, DocumentId id);

// The featured topic columns with their latest `per_topic` public documents, for the home page: a list
// of {key, name, items: [{id, title, published_on}]}. Empty when there are none.
View featured_topics_view(WebContext& ctx, int per_topic = 5);

}  // namespace gk::web
