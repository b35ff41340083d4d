// View models shared by the public and back-office document pages: the metadata table, the
// validity banner, list rows and the pager. Pure functions of domain values.
#pragma once

#include <string>

#include "documents/document_service.h"
#include "web/view_renderer.h"
#include "web/web_context.h"

namespace gk::web {

// Human form of optional dates and of the publication day (China Standard Time).
std::string date_or_dash(const std::optional<Date>& d);
std::string published_on(const documents::Document& d);

// The metadata table (template document_meta), rendered to HTML.
std::string render_meta(WebContext& ctx, const documents::DocumentView& v);
// The validity banner for superseded, amended, expired or future documents; empty view when in force.
// `titles` resolves ids of related documents to public titles ("" when not public).
View validity_banner(const documents::DocumentView& v);
// One row of a document list.
View list_row(const documents::DocumentListItem& item);
// A pager for `base` (a URL with its query, without page=), or "" for a single page.
std::string render_pager(WebContext& ctx, const std::string& base, int page, int per_page, int64_t total);

}  // namespace gk::web
