// Process-wide logging set-up: human-readable application log lines on stderr at the configured
// level. (Access-log lines are JSON and come from http::AccessLog.) Personal data must never be
// passed to the logger; services log ids, not names or numbers.
#pragma once

#include <string>

namespace gk::app {

void configure_logging(const std::string& level);

}  // namespace gk::app
