// Config: everything an operator can set, and where it comes from.
//
// Precedence: command-line flags override GONGKAI_* environment variables, which override the TOML
// file given with --config. Unknown keys in the file or unknown GONGKAI_* variables are errors
// (a typo must not silently fall back to a default). GONGKAI_TEST_* is reserved for the test harness
// and ignored here.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/error.h"

namespace gk::app {

struct Config {
  std::string data_dir = "./var";   // SQLite database, search index and files live here
  std::string database;             // "sqlite:///path" or "postgresql://..."; default: sqlite in data_dir
  std::string listen = "127.0.0.1:8080";
  int io_threads = 1;
  int worker_threads = 4;
  std::string log_level = "info";   // trace, debug, info, warn, error
  std::string share_dir;            // read-only assets: web/ (templates, static) and data/; default: the source tree
  bool trust_proxy = false;         // honour X-Forwarded-For / X-Forwarded-Proto from a reverse proxy
  bool demo = true;                 // load demo data into an empty database on first start

  // The database URL actually used (explicit, or the default SQLite file in data_dir).
  std::string database_url() const;
};

// Values given as flags ("data_dir" -> "...", keys as in the TOML file).
using Overrides = std::map<std::string, std::string>;

// Loads the file (when `config_file` is set), then the environment `env` (name -> value), then the
// flag overrides. InvalidArgument names the offending key and source.
Result<Config> load_config(const std::optional<std::string>& config_file, const std::map<std::string, std::string>& env,
                           const Overrides& flags);

// The process environment as a map (only GONGKAI_* entries).
std::map<std::string, std::string> gongkai_environment();

// Splits "host:port"; InvalidArgument on a bad port.
Result<std::pair<std::string, uint16_t>> parse_listen(const std::string& listen);

}  // namespace gk::app
