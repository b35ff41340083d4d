// Back office: the search vocabulary (检索词库) — the dictionary words and synonym groups staff have
// added (search/vocabulary.h), with forms to add and remove them, and the state of the search index
// (records, last applied outbox event). Any staff member may look; adding and removing need the
// permission the VocabularyService checks (403 page otherwise). Input errors and conflicts are shown
// inline on the page. 503 while the vocabulary or search service is not wired.
//
//   GET  /admin/search                          the page
//   POST /admin/search/words                    word=
//   POST /admin/search/synonyms                 synonyms= (members separated by spaces, commas or 、)
//   POST /admin/search/entries/{id}/delete
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response admin_search(WebContext& ctx, http::Request& req);
http::Response admin_search_add_word(WebContext& ctx, http::Request& req);
http::Response admin_search_add_synonyms(WebContext& ctx, http::Request& req);
http::Response admin_search_remove(WebContext& ctx, http::Request& req);

}  // namespace gk::web
