#include "web/api_search.h"

#include <string_view>

#include <boost/json.hpp>

#include "core/utf8.h"
#include "web/api_documents.h"
#include "web/feeds.h"
#include "web/search_pages.h"

namespace gk::web {
namespace {

namespace json = boost::json;

// Every facet key appears in the answer (an empty list when the service returned none).
constexpr std::string_view kFacetKeys[] = {"type", "department", "year", "validity", "topic", "genre"};

json::value string_or_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

constexpr int kSuggestions = 8;

}  // namespace

std::string search_results_json(const search::SearchQuery& q, const search::SearchResults& r,
                                std::string_view base_url) {
  json::array results;
  for (const auto& h : r.hits) {
    json::object o;
    o["id"] = h.id;
    o["type"] = h.kind;
    o["title"] = h.title;
    o["url"] = h.url.starts_with('/') ? std::string(base_url) + h.url : h.url;
    o["snippet"] = h.snippet_html;  // escaped by the service, query terms in <em>
    o["score"] = h.score;
    o["date"] = h.date ? json::value(h.date->to_string()) : json::value(nullptr);
    o["doc_number"] = string_or_null(h.doc_number);
    o["department"] = string_or_null(h.department_name);
    o["validity"] = string_or_null(h.validity);
    o["validity_label"] = string_or_null(h.validity_label);
    results.push_back(std::move(o));
  }
  json::object facets;
  for (auto key : kFacetKeys) {
    json::array values;
    if (auto it = r.facets.find(std::string(key)); it != r.facets.end()) {
      for (const auto& v : it->second) {
        json::object fo;
        fo["value"] = v.value;
        fo["label"] = v.label;
        fo["count"] = v.count;
        values.push_back(std::move(fo));
      }
    }
    facets[key] = std::move(values);
  }
  json::object body;
  body["query"] = q.q;
  body["total"] = r.total;
  body["page"] = r.page;
  body["per_page"] = r.per_page;
  body["results"] = std::move(results);
  body["facets"] = std::move(facets);
  body["suggestion"] = r.suggestion ? json::value(*r.suggestion) : json::value(nullptr);
  return json::serialize(body);
}

http::Response api_search(WebContext& ctx, http::Request& req) {
  if (ctx.search == nullptr) return api_error(req, Error::unavailable("search service is not configured"));
  auto q = search_query_from(req);
  if (!q) return api_error(req, q.error());
  auto r = ctx.search->search(*q);
  if (!r) return api_error(req, r.error());
  return api_response(req, search_results_json(*q, *r, public_base_url(req)));
}

http::Response api_search_suggest(WebContext& ctx, http::Request& req) {
  if (ctx.search == nullptr) return api_error(req, Error::unavailable("search service is not configured"));
  const std::string q = req.query_param("q").value_or("");
  if (!is_valid_utf8(q)) return api_error(req, Error::invalid_field("q", "查询词不是有效的 UTF-8 文本"));
  json::array list;
  const std::string prefix = trim(q);
  if (!prefix.empty()) {
    auto s = ctx.search->complete(prefix, kSuggestions);
    if (!s) return api_error(req, s.error());
    for (const auto& text : *s) list.emplace_back(text);
  }
  json::object body;
  body["suggestions"] = std::move(list);
  return api_response(req, json::serialize(body));
}

}  // namespace gk::web
