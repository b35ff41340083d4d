// Page helpers shared by every handler: render a template inside the layout with the visitor's
// navigation, CSRF token and preferences; map a domain Error to the right status and page (the one
// place that mapping lives for HTML surfaces); read form fields.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/user.h"
#include "core/error.h"
#include "http/request.h"
#include "http/response.h"
#include "web/view_renderer.h"
#include "web/web_context.h"

namespace gk::web {

enum class Area { kPortal, kAdmin };

// A feed the page advertises with <link rel="alternate" type="application/atom+xml">.
struct FeedLink {
  std::string title;
  std::string href;
};

struct PageOptions {
  std::string title;
  Area area = Area::kPortal;
  int status = 200;
  std::string flash;            // one-line notice shown above the content
  std::string flash_kind = "ok";  // ok | warning | error
  std::vector<FeedLink> feeds;  // empty: the feed of all new documents (/feeds/documents.atom)
};

http::Response render_page(WebContext& ctx, const http::Request& req, std::string_view tmpl, const View& view,
                           const PageOptions& opts);

// Options of a back-office page.
PageOptions admin_page(std::string title, int status = 200);

// The staff principal of a back-office request: Unauthenticated without a session (pages redirect
// to the login), PermissionDenied for a public account.
Result<accounts::Principal> require_staff(const http::Request& req);

// NotFound 404, InvalidArgument 400, Unauthenticated → redirect to the login page (303),
// PermissionDenied 403, Conflict/FailedPrecondition 409, Unavailable 503, Internal 500 (details
// logged, not shown).
int http_status_for(ErrorCode code);
http::Response error_page(WebContext& ctx, const http::Request& req, const Error& e);

// Form fields: the last value for each name, and every value for repeated names (checkboxes).
struct Form {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string get(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
};
Result<Form> read_form(const http::Request& req);

// Copies field errors into `view` as "<field>_error" and the message as "error".
void put_errors(View& view, const Error& e);

// One quoted CSV cell: inner quotes doubled, and a leading = + - @ defused with a ' so spreadsheet
// programs do not run it as a formula (CSV injection).
std::string csv_cell(std::string_view s);

// A local path safe to redirect to after login ("/admin/..."), else `fallback`.
std::string safe_next(std::string_view next, std::string_view fallback);

}  // namespace gk::web
