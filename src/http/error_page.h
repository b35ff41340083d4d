// Error pages: the HTML the server and router send for their own errors (400, 404, 405, 413, 431,
// 500, 503, ...), and the hook through which the application replaces them with template-rendered
// pages.
//
// The built-in page is small, self-contained (inline CSS, no scripts, no external assets), in
// Chinese, with lang="zh-CN", a <main> landmark and one <h1>, and shows the request id so a citizen
// can quote it to the help desk. Thread-safe: the renderer may be replaced at any time (normally once
// at start-up); calls in flight keep using the renderer they started with.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "http/response.h"

namespace gk::http {

// Renders the body of an error page. Must not throw; it may be called from any server thread.
using ErrorPageRenderer = std::function<std::string(int status, std::string_view request_id)>;

// The HTML page for `status` from the current renderer (the built-in one unless replaced).
std::string error_page_html(int status, std::string_view request_id);

// The built-in page, whatever renderer is installed; handy as a fallback inside a custom renderer.
std::string default_error_page_html(int status, std::string_view request_id);

// Installs `renderer` for all later error pages; an empty function restores the built-in page.
void set_error_page_renderer(ErrorPageRenderer renderer);

// A text/html Response with `status` and error_page_html(status, request_id) as body, marked
// Cache-Control: no-store.
Response error_response(int status, std::string_view request_id);

// Short Chinese title for a status, e.g. 404 → "页面不存在"; a generic title for unknown codes.
std::string_view error_title(int status);

}  // namespace gk::http
