// mount_routes: every URL of the portal and back office, in one table, with the middleware that
// wraps them. Read this file to find the handler behind a URL.
#pragma once

#include "http/metrics.h"
#include "http/router.h"
#include "web/web_context.h"

namespace gk::web {

// Registers all routes on `router`. `ctx` and `metrics` must outlive the router.
// Errors: FailedPrecondition when the static directory is missing.
[[nodiscard]] Status mount_routes(http::Router& router, WebContext& ctx, http::Metrics& metrics);

}  // namespace gk::web
