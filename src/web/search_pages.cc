#include "web/search_pages.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/utf8.h"
#include "http/form.h"
#include "web/document_views.h"
#include "web/pages.h"

namespace gk::web {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

struct FacetName {
  std::string_view key;
  std::string_view label;
};

// Facets in the order the page shows them; the keys are also the filter parameters.
constexpr FacetName kFacets[] = {{"type", "类型"},       {"department", "部门"}, {"year", "年份"},
                                 {"validity", "时效性"}, {"topic", "主题"},      {"genre", "文种"}};

// Values shown per facet before the rest fold into 更多.
constexpr size_t kFacetShown = 8;

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// The string filter `key` of `q` (type, department, validity, topic, genre), or nullptr.
template <class Query>
auto filter_field(Query& q, std::string_view key) -> decltype(&q.type) {
  if (key == "type") return &q.type;
  if (key == "department") return &q.department;
  if (key == "validity") return &q.validity;
  if (key == "topic") return &q.topic;
  if (key == "genre") return &q.genre;
  return nullptr;
}

// The parameters that describe `q` (without page), in a stable order, for building links.
Params params_of(const search::SearchQuery& q, bool per_page_given) {
  Params p;
  p.emplace_back("q", q.q);
  p.emplace_back("type", q.type);
  p.emplace_back("department", q.department);
  p.emplace_back("year", q.year ? std::to_string(*q.year) : std::string());
  p.emplace_back("validity", q.validity);
  p.emplace_back("topic", q.topic);
  p.emplace_back("genre", q.genre);
  p.emplace_back("sort", q.sort == "relevance" ? std::string() : q.sort);
  p.emplace_back("per_page", per_page_given ? std::to_string(q.per_page) : std::string());
  return p;
}

// `p` with `key` set to `value` (removed when empty).
Params with(Params p, std::string_view key, std::string value) {
  for (auto& [k, v] : p)
    if (k == key) {
      v = std::move(value);
      return p;
    }
  p.emplace_back(std::string(key), std::move(value));
  return p;
}

std::string search_url(const Params& p) {
  std::string out = "/search";
  char sep = '?';
  for (const auto& [k, v] : p) {
    if (v.empty()) continue;
    out += sep + http::url_encode(k) + "=" + http::url_encode(v);
    sep = '&';
  }
  return out;
}

std::string filter_value(const search::SearchQuery& q, std::string_view key) {
  if (key == "year") return q.year ? std::to_string(*q.year) : std::string();
  const auto* f = filter_field(q, key);
  return f ? *f : std::string();
}

// The label the service gave `value` of facet `key`, or the value itself.
std::string facet_label(const search::SearchResults& r, std::string_view key, const std::string& value) {
  if (auto it = r.facets.find(std::string(key)); it != r.facets.end()) {
    for (const auto& v : it->second)
      if (v.value == value) return v.label;
  }
  if (key == "type" && value == "document") return "政府文件";
  return value;
}

View facets_view(const search::SearchQuery& q, const search::SearchResults& r, const Params& base) {
  View groups{View::type::list};
  for (const auto& f : kFacets) {
    auto it = r.facets.find(std::string(f.key));
    if (it == r.facets.end() || it->second.empty()) continue;
    const std::string active = filter_value(q, f.key);
    // Years read best in calendar order (newest first); the other facets keep the service's order
    // (descending count).
    std::vector<search::FacetValue> values = it->second;
    if (f.key == "year") {
      std::stable_sort(
          values.begin(), values.end(),
          [](const search::FacetValue& a, const search::FacetValue& b) { return a.value > b.value; });
    }
    View shown{View::type::list}, more{View::type::list};
    for (const auto& v : values) {
      View item;
      item.set("label", v.label);
      item.set("count", std::to_string(v.count));
      const bool on = v.value == active;
      item.set("active", on);
      // A new filter value starts again at page 1 (base carries no page).
      item.set("href", search_url(with(base, f.key, on ? std::string() : v.value)));
      (shown.list_value().size() < kFacetShown || on ? shown : more).push_back(item);
    }
    View g;
    g.set("key", std::string(f.key));
    g.set("label", std::string(f.label));
    g.set("values", shown);
    g.set("has_more", !more.list_value().empty());
    g.set("more_count", std::to_string(more.list_value().size()));
    g.set("more", more);
    groups.push_back(g);
  }
  return groups;
}

View chips_view(const search::SearchQuery& q, const search::SearchResults& r, const Params& base) {
  View chips{View::type::list};
  for (const auto& f : kFacets) {
    const std::string value = filter_value(q, f.key);
    if (value.empty()) continue;
    View c;
    c.set("facet", std::string(f.label));
    c.set("label", facet_label(r, f.key, value));
    c.set("href", search_url(with(base, f.key, "")));
    chips.push_back(c);
  }
  return chips;
}

View sorts_view(const search::SearchQuery& q, const Params& base) {
  View list{View::type::list};
  for (auto [key, label] : {std::pair{"relevance", "相关度"}, std::pair{"date", "发布日期"}}) {
    View s;
    s.set("label", std::string(label));
    s.set("current", q.sort == key);
    s.set("href", search_url(with(base, "sort", key == std::string_view("relevance") ? "" : key)));
    list.push_back(s);
  }
  return list;
}

View hit_view(const search::SearchHit& h, const search::SearchResults& r) {
  View v;
  v.set("url", h.url);
  // title_html and snippet_html come from the search service HTML-escaped, with only <em> added
  // around the query terms (search_query.h): the template outputs them raw ({{{ }}}).
  v.set("title_html", h.title_html);
  v.set("snippet_html", h.snippet_html);
  v.set("kind_label", facet_label(r, "type", h.kind));
  if (!h.doc_number.empty()) v.set("doc_number", h.doc_number);
  if (!h.department_name.empty()) v.set("department", h.department_name);
  if (h.date) v.set("date", h.date->to_string());
  if (!h.validity.empty()) {
    v.set("validity", h.validity);
    v.set("validity_label", h.validity_label);
  }
  return v;
}

// The search page (also used at 400 with `error`); `q` is the query as typed.
http::Response search_page(WebContext& ctx, const http::Request& req, View view, const std::string& q,
                           const std::string& title, int status) {
  view.set("q", q);
  PageOptions opts;
  opts.title = title;
  opts.status = status;
  return render_page(ctx, req, "search", view, opts);
}

}  // namespace

Result<search::SearchQuery> search_query_from(const http::Request& req) {
  search::SearchQuery q;
  std::vector<FieldError> errors;
  for (const auto& [k, v] : req.query) {
    if (!is_valid_utf8(k) || !is_valid_utf8(v)) {
      errors.push_back({is_valid_utf8(k) ? k : std::string("query"), "查询参数不是有效的 UTF-8 文本"});
      continue;
    }
    if (k == "q") {
      q.q = v;
    } else if (v.empty()) {
      continue;
    } else if (auto* f = filter_field(q, k)) {
      *f = v;
    } else if (k == "year") {
      auto y = to_int(v);
      if (!y)
        errors.push_back({"year", "年份应为四位数字"});
      else
        q.year = *y;
    } else if (k == "sort") {
      q.sort = v;
    } else if (k == "page") {
      auto p = to_int(v);
      if (!p)
        errors.push_back({"page", "页码应为正整数"});
      else
        q.page = *p;
    } else if (k == "per_page") {
      auto p = to_int(v);
      if (!p)
        errors.push_back({"per_page", "每页条数应为正整数"});
      else
        q.per_page = *p;
    }
  }
  if (!errors.empty()) {
    std::string message = "查询条件有误：" + errors.front().message;
    return fail(Error::invalid(std::move(message), std::move(errors)));
  }
  return q;
}

http::Response portal_search(WebContext& ctx, http::Request& req) {
  if (ctx.search == nullptr)
    return error_page(ctx, req, Error::unavailable("search service is not configured"));
  auto q = search_query_from(req);
  if (!q) {
    View view;
    view.set("error", q.error().message());
    // A query that is not valid UTF-8 cannot be shown again.
    const std::string typed = req.query_param("q").value_or("");
    return search_page(ctx, req, view, is_valid_utf8(typed) ? typed : std::string(), "搜索条件有误", 400);
  }
  if (trim(q->q).empty()) {
    View view;
    view.set("tips", true);
    return search_page(ctx, req, view, "", "站内搜索", 200);
  }
  auto results = ctx.search->search(*q);
  if (!results) {
    if (results.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, results.error());
    View view;
    view.set("error", results.error().message());
    return search_page(ctx, req, view, q->q, "搜索条件有误", 400);
  }
  const search::SearchResults& r = *results;
  const Params base = params_of(*q, req.query_param("per_page").has_value());

  View view;
  view.set("searched", true);
  view.set("total", std::to_string(r.total));
  View hits{View::type::list};
  for (const auto& h : r.hits) hits.push_back(hit_view(h, r));
  view.set("hits", hits);
  view.set("has_hits", !r.hits.empty());
  view.set("facets", facets_view(*q, r, base));
  view.set("has_facets", !r.facets.empty() && r.total > 0);
  View chips = chips_view(*q, r, base);
  const bool filtered = !chips.list_value().empty();
  view.set("chips", chips);
  view.set("filtered", filtered);
  if (filtered) {
    Params cleared = base;
    for (const auto& f : kFacets) cleared = with(std::move(cleared), f.key, "");
    view.set("clear_href", search_url(cleared));
  }
  view.set("sorts", sorts_view(*q, base));
  if (r.suggestion && *r.suggestion != q->q) {
    View s;
    s.set("text", *r.suggestion);
    s.set("href", search_url(with(base, "q", *r.suggestion)));
    view.set("suggestion", s);
  }
  if (r.hits.empty()) {
    if (r.total > 0) {
      const int64_t pages = (r.total + r.per_page - 1) / r.per_page;
      view.set("beyond_end", fmt::format("第 {} 页没有结果：共 {} 条，只有 {} 页。", r.page, r.total, pages));
      view.set("first_page_href", search_url(base));
    } else {
      view.set("no_results", true);
    }
  } else {
    view.set("pager_html", render_pager(ctx, search_url(base), r.page, r.per_page, r.total));
  }
  return search_page(ctx, req, view, q->q, "“" + q->q + "”的搜索结果", 200);
}

}  // namespace gk::web
