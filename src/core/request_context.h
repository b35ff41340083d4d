// RequestContext: who asked and from where, passed from the edge (HTTP, CLI, jobs) into services
// so that audit rows can name the request. Plain value; no behaviour.
#pragma once

#include <string>

namespace gk {

struct RequestContext {
  std::string request_id;  // X-Request-Id of the HTTP request, or "cli"/"job:<name>"
  std::string ip;          // remote address; empty for CLI and jobs
  std::string user_agent;
};

}  // namespace gk
