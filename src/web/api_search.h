// The site-wide search in the public JSON API (described in web/static/openapi.json):
//
//   GET /api/v1/search?q=&type=&department=&year=&validity=&topic=&genre=&sort=&page=&per_page=
//       → {"query", "total", "page", "per_page",
//          "results": [{"id", "type", "title", "url", "snippet", "score", "date", "doc_number",
//                       "department", "validity", "validity_label"}],
//          "facets": {"type"|"department"|"year"|"validity"|"topic"|"genre": [{"value", "label", "count"}]},
//          "suggestion": string|null}
//   GET /api/v1/search/suggest?q=  → {"suggestions": [string…]} (at most 8, best first; [] for "")
//
// Parameters are read by web::search_query_from, like the portal's /search page. `snippet` is HTML:
// escaped text with the query terms in <em>. A page past the end is an empty `results` (200).
// Errors use the API's error body (api_documents.h): an empty or over-long q, invalid UTF-8, a
// non-integer year/page/per_page or a bad sort is 400 naming the field; 503 while the search
// service is not wired. Handlers are stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "search/search_query.h"
#include "web/web_context.h"

namespace gk::web {

http::Response api_search(WebContext& ctx, http::Request& req);
http::Response api_search_suggest(WebContext& ctx, http::Request& req);

// The body of GET /api/v1/search for `q` and its results (also `gongkai search query --json`).
// `base_url` ("https://host", or "" for site-relative links) is put before each hit's url.
std::string search_results_json(const search::SearchQuery& q, const search::SearchResults& r,
                                std::string_view base_url = "");

}  // namespace gk::web
