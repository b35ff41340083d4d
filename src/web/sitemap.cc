#include "web/sitemap.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/form.h"
#include "web/feeds.h"
#include "web/pages.h"

namespace gk::web {
namespace {

constexpr int kDocumentsPerQuery = 100;  // DocumentService::list_public's page size cap
constexpr std::string_view kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr std::string_view kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

struct Url {
  std::string path;  // site-relative, already percent-encoded
  std::optional<Instant> lastmod;
};

// The pages that exist whatever the library holds, in a stable order.
Result<std::vector<Url>> fixed_urls(WebContext& ctx) {
  std::vector<Url> urls = {
      {"/", {}},          {"/documents", {}}, {"/normative", {}}, {"/departments", {}}, {"/plans", {}},
      {"/budgets", {}},   {"/guides", {}},    {"/topics", {}},    {"/calendar", {}}};
  GK_TRY_ASSIGN(depts, ctx.accounts.list_departments(nullptr));
  for (const auto& d : depts) {
    const std::string code = http::url_encode(d.code);
    urls.push_back({"/departments/" + code, {}});
    urls.push_back({"/departments/" + code + "/disclosure", {}});
    GK_TRY_ASSIGN(cols, ctx.documents.columns(d.id));
    for (const auto& c : cols)
      urls.push_back({"/departments/" + code + "/disclosure?column=" + http::url_encode(c.key), {}});
  }
  return urls;
}

Result<int64_t> public_document_count(WebContext& ctx) {
  documents::DocumentQuery q;
  q.per_page = 1;
  GK_TRY_ASSIGN(page, ctx.documents.list_public(q));
  return page.total;
}

// Public documents [first, first + count) in publication order, oldest first.
Result<std::vector<Url>> document_urls(WebContext& ctx, int64_t first, int64_t count) {
  std::vector<Url> urls;
  if (count <= 0) return urls;
  documents::DocumentQuery q;
  q.sort = "published_asc";
  q.per_page = kDocumentsPerQuery;
  q.page = static_cast<int>(first / kDocumentsPerQuery) + 1;
  int64_t skip = first % kDocumentsPerQuery;
  while (static_cast<int64_t>(urls.size()) < count) {
    GK_TRY_ASSIGN(page, ctx.documents.list_public(q));
    for (const auto& item : page.items) {
      if (skip > 0) {
        --skip;
        continue;
      }
      if (static_cast<int64_t>(urls.size()) == count) break;
      urls.push_back({fmt::format("/documents/{}", item.document.id.value), item.document.updated_at});
    }
    if (page.items.size() < static_cast<size_t>(kDocumentsPerQuery)) break;  // the end of the library
    ++q.page;
  }
  return urls;
}

http::Response xml_response(std::string body) {
  http::Response res = http::Response::text(std::move(body));
  res.headers.set("Content-Type", "application/xml; charset=utf-8");
  // "private": the visitor middleware may attach an anonymous CSRF cookie a shared cache must not replay.
  res.headers.set("Cache-Control", "private, max-age=3600");
  return res;
}

std::string urlset(const std::string& base, const std::vector<Url>& urls) {
  std::string out(kXmlHead);
  out += fmt::format("<urlset xmlns=\"{}\">\n", kSitemapNs);
  for (const auto& u : urls) {
    out += "  <url><loc>" + xml_escape(base + u.path) + "</loc>";
    // W3C Datetime (sitemaps.org "lastmod"); Instant::to_string is RFC 3339 in UTC, a subset.
    if (u.lastmod) out += "<lastmod>" + u.lastmod->to_string() + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

}  // namespace

http::Response sitemap_response(WebContext& ctx, const http::Request& req, int part, size_t urls_per_file) {
  auto fixed = fixed_urls(ctx);
  if (!fixed) return error_page(ctx, req, fixed.error());
  auto docs = public_document_count(ctx);
  if (!docs) return error_page(ctx, req, docs.error());
  const int64_t per_file = static_cast<int64_t>(std::max<size_t>(urls_per_file, 1));
  const int64_t fixed_count = static_cast<int64_t>(fixed->size());
  const int64_t total = fixed_count + *docs;
  int64_t parts = (total + per_file - 1) / per_file;
  if (parts > kSitemapMaxParts) {
    spdlog::warn("sitemap: {} URLs need {} files; only {} are served", total, parts, kSitemapMaxParts);
    parts = kSitemapMaxParts;
  }
  const std::string base = public_base_url(req);

  if (part == 0 && parts > 1) {
    std::string out(kXmlHead);
    out += fmt::format("<sitemapindex xmlns=\"{}\">\n", kSitemapNs);
    for (int64_t n = 1; n <= parts; ++n) {
      out +=
          "  <sitemap><loc>" + xml_escape(fmt::format("{}/sitemap-{}.xml", base, n)) + "</loc></sitemap>\n";
    }
    out += "</sitemapindex>\n";
    return xml_response(std::move(out));
  }
  if (part < 0 || part > std::max<int64_t>(parts, 1)) {
    return error_page(ctx, req, Error::not_found("没有这一部分站点地图。"));
  }
  // Global positions [begin, end) of this file: the fixed pages, then the documents.
  const int64_t begin = part == 0 ? 0 : (part - 1) * per_file;
  const int64_t end = std::min(total, begin + per_file);
  std::vector<Url> urls;
  for (int64_t i = begin; i < std::min(end, fixed_count); ++i)
    urls.push_back((*fixed)[static_cast<size_t>(i)]);
  const int64_t doc_begin = std::max<int64_t>(begin - fixed_count, 0);
  const int64_t doc_end = std::max<int64_t>(end - fixed_count, 0);
  auto doc_urls = document_urls(ctx, doc_begin, doc_end - doc_begin);
  if (!doc_urls) return error_page(ctx, req, doc_urls.error());
  for (auto& u : *doc_urls) urls.push_back(std::move(u));
  return xml_response(urlset(base, urls));
}

http::Response sitemap(WebContext& ctx, http::Request& req) {
  return sitemap_response(ctx, req, 0, kSitemapMaxUrls);
}

http::Response sitemap_part(WebContext& ctx, http::Request& req, int part) {
  return sitemap_response(ctx, req, part, kSitemapMaxUrls);
}

}  // namespace gk::web
