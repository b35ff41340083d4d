// sitemap.xml (sitemaps.org protocol 0.9): every public page a search engine should index — the home
// page, the lists, each department's page, its disclosure column and each of its sub-columns, and
// every public document with <lastmod> (its last change).
//
// The protocol caps one file at 50,000 URLs (and 50 MB; our URLs are short, so the count binds
// first). Up to that, /sitemap.xml is the <urlset>. Beyond it, /sitemap.xml becomes a
// <sitemapindex> of /sitemap-1.xml … /sitemap-N.xml, each holding 50,000 URLs in a stable order
// (fixed pages first, then documents by publication date, oldest first, so that new documents land
// in the last part and earlier parts rarely change). The parts live at the site root because a
// sitemap may only list URLs under its own directory (sitemaps.org, "Sitemap file location").
// Routes for parts exist up to kSitemapMaxParts (1,000,000 URLs — ten times a large city's
// library); a larger site logs a warning and lists only those.
//
// Handlers are stateless and thread-safe. Each request reads the library afresh (100 documents per
// query); responses may be cached privately for an hour.
#pragma once

#include <cstddef>

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

inline constexpr size_t kSitemapMaxUrls = 50'000;
inline constexpr int kSitemapMaxParts = 20;

// /sitemap.xml: the urlset when everything fits in one file, else the index.
http::Response sitemap(WebContext& ctx, http::Request& req);
// /sitemap-N.xml (N ≥ 1): the N-th slice of kSitemapMaxUrls URLs; 404 past the last part.
http::Response sitemap_part(WebContext& ctx, http::Request& req, int part);

// The same with a smaller file size, so tests can exercise the index without 50,000 documents.
// part == 0 means /sitemap.xml.
http::Response sitemap_response(WebContext& ctx, const http::Request& req, int part, size_t urls_per_file);

}  // namespace gk::web
