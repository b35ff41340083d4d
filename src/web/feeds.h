// Atom feeds (RFC 4287) of the document library, and the helpers every machine-readable surface
// (feeds, sitemap, JSON API, spreadsheet export) shares: the public base URL and XML escaping.
//
//   GET /feeds/documents.atom                       the newest 50 public documents, city-wide
//   GET /feeds/departments/{code}.atom[?column=KEY] the newest 50 of one department (one column)
//
// Entries carry title, alternate link, id, published, updated, summary (内容概述, else the start of
// the body text), one author per issuing body (发布机构) and the topic (主题分类) as category.
// Ids are tag URIs (RFC 4151) — tag:<host>,2024:document/<id> — so that an entry keeps its id when
// the site moves from http to https (the scheme is in every URL, not in the tag) and whatever the
// document's title or URL layout becomes. Unknown department or column → the 404 page.
//
// Handlers are stateless and thread-safe.
#pragma once

#include "core/markup_escape.h"

#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

inline constexpr std::string_view kAtomContentType = "application/atom+xml; charset=utf-8";
inline constexpr int kFeedEntries = 50;

http::Response feed_documents(WebContext& ctx, http::Request& req);
http::Response feed_department(WebContext& ctx, http::Request& req);

// "http(s)://host[:port]" without a trailing slash, for absolute URLs in feeds, sitemaps, API
// bodies and spreadsheets.
//
// Derived per request, because WebContext has no configured public URL: the scheme is https when
// req.secure (a trusted proxy said X-Forwarded-Proto: https), else http; the authority is the Host
// header, lower-cased, when it is a DNS name or IPv4 address with an optional port (at most 253
// characters). Anything else — missing, IPv6 literal, or characters that could smuggle markup or a
// path into our URLs — falls back to 127.0.0.1:8080. A deployment behind a reverse proxy must
// therefore forward the canonical Host (nginx: proxy_set_header Host $host), or feed ids and links
// follow whatever name a client used.
std::string public_base_url(const http::Request& req);
// The host part of public_base_url() (no scheme, no port), the authority of tag: ids.
std::string public_host(const http::Request& req);

using gk::xml_escape;  // core/markup_escape.h

}  // namespace gk::web
