// The public JSON API of the document library (described in web/static/openapi.json):
//
//   GET /api/v1/documents?q=&validity=&department=&topic=&genre=&year=&column=&sort=&page=&per_page=
//       → {"total", "page", "per_page", "items": [{"id", "title", "url", "doc_number", "validity",
//          "index_number", "published", "department": {"code", "name"}, "issuers"}]}
//   GET /api/v1/documents/{id}
//       → the document's public metadata, body_html, validity {status, label, since, expires,
//         successor, explanation} and relations.
//   GET /api/{anything else} → 404 in the same error format.
//
// Parameters are read by web::query_from, so the API and the HTML list accept and reject exactly the
// same input. A page past the end is an empty `items`, not an error. Only public documents are
// visible: a draft, a withdrawn or scheduled document answers 404 like a missing one.
//
// Errors: {"error": {"code": "invalid_argument", "message": "…", "fields": [{"field", "message"}]}}
// with the status of web::http_status_for; messages of 5xx errors are generic (details are logged).
// Every response is application/json (UTF-8, non-ASCII unescaped), carries
// Access-Control-Allow-Origin: * (public data, no credentials) and Link: rel="describedby" to the
// OpenAPI document. Handlers are stateless and thread-safe.
#pragma once

#include <string>

#include "core/error.h"
#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response api_documents(WebContext& ctx, http::Request& req);
http::Response api_document(WebContext& ctx, http::Request& req);
http::Response api_not_found(WebContext& ctx, http::Request& req);

// The API's error body and status for `e`.
http::Response api_error(const http::Request& req, const Error& e);
// A JSON answer of the API (`json_body` already serialised) with its common headers: CORS, the
// describedby link to the OpenAPI document, and Cache-Control (short private freshness for 200).
http::Response api_response(const http::Request& req, std::string json_body, int status = 200);

}  // namespace gk::web
