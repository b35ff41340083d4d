// The site-wide search (一网可查) on the portal: GET /search — the query box, 共找到 N 条, the hits
// with highlighted title and snippet, facets as links that add or remove a filter (active filters as
// removable chips), the sort toggle, paging, 您是不是要找, and a tips page for an empty query.
//
// Input: q, type, department, year, validity, topic, genre, sort (relevance | date), page, per_page.
// The page and the JSON API (api_search.h) read them with search_query_from, so both accept and
// reject exactly the same input. Status: 200 (also for an empty query and for a page beyond the end),
// 400 for bad input (the search page with the message, so the visitor can correct the query), 503
// while the search service is not wired. Handlers are stateless and thread-safe.
#pragma once

#include "core/error.h"
#include "http/request.h"
#include "http/response.h"
#include "search/search_query.h"
#include "web/web_context.h"

namespace gk::web {

// The search request in `req`'s query string. InvalidArgument naming the field for a value that is
// not valid UTF-8 (the transport already refuses those; checked again so no handler depends on it)
// or a year, page or per_page that is not an integer. The length of q, the ranges of page and
// per_page and the sort key are the service's to check (search_service.h).
[[nodiscard]] Result<search::SearchQuery> search_query_from(const http::Request& req);

http::Response portal_search(WebContext& ctx, http::Request& req);

}  // namespace gk::web
