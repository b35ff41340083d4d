#include "app/config.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

extern char** environ;

namespace gk::app {
namespace {

constexpr const char* kKeys[] = {"data_dir", "database",  "listen",      "io_threads", "worker_threads",
                                 "log_level", "share_dir",  "trust_proxy", "demo"};

bool known(std::string_view key) {
  for (const char* k : kKeys)
    if (key == k) return true;
  return false;
}

Result<bool> parse_bool(std::string_view key, std::string_view v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return fail(Error::invalid_field(std::string(key), "expected true or false, got '" + std::string(v) + "'"));
}

Result<int> parse_int(std::string_view key, std::string_view v, int lo, int hi) {
  int out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < lo || out > hi) {
    return fail(Error::invalid_field(std::string(key), "expected an integer in [" + std::to_string(lo) + ", " +
                                                           std::to_string(hi) + "], got '" + std::string(v) + "'"));
  }
  return out;
}

// Applies one key=value (already known to be a valid key) with the source named in errors.
Status apply(Config& c, const std::string& key, const std::string& value, const std::string& source) {
  auto wrap = [&](Error e) {
    return fail(Error::invalid(source + ": " + e.message(), e.fields()));
  };
  if (key == "data_dir") {
    if (value.empty()) return wrap(Error::invalid_field(key, "must not be empty"));
    c.data_dir = value;
  } else if (key == "database") {
    c.database = value;
  } else if (key == "listen") {
    auto l = parse_listen(value);
    if (!l) return wrap(l.error());
    c.listen = value;
  } else if (key == "io_threads" || key == "worker_threads") {
    auto n = parse_int(key, value, 1, 256);
    if (!n) return wrap(n.error());
    (key == "io_threads" ? c.io_threads : c.worker_threads) = *n;
  } else if (key == "log_level") {
    if (value != "trace" && value != "debug" && value != "info" && value != "warn" && value != "error") {
      return wrap(Error::invalid_field(key, "expected trace|debug|info|warn|error"));
    }
    c.log_level = value;
  } else if (key == "share_dir") {
    c.share_dir = value;
  } else if (key == "trust_proxy" || key == "demo") {
    auto b = parse_bool(key, value);
    if (!b) return wrap(b.error());
    (key == "trust_proxy" ? c.trust_proxy : c.demo) = *b;
  }
  return ok();
}

}  // namespace

std::string Config::database_url() const {
  if (!database.empty()) return database;
  return "sqlite://" + std::filesystem::absolute(std::filesystem::path(data_dir) / "gongkai.db").lexically_normal().string();
}

Result<std::pair<std::string, uint16_t>> parse_listen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return fail(Error::invalid_field("listen", "expected HOST:PORT, got '" + listen + "'"));
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = parse_int("listen", std::string_view(listen).substr(colon + 1), 0, 65535);
  if (!port) return fail(Error::invalid_field("listen", "bad port in '" + listen + "'"));
  return std::pair{host, static_cast<uint16_t>(*port)};
}

std::map<std::string, std::string> gongkai_environment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("GONGKAI_")) continue;
    const size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return out;
}

Result<Config> load_config(const std::optional<std::string>& config_file,
                           const std::map<std::string, std::string>& env, const Overrides& flags) {
  Config c;
  if (config_file) {
    toml::table tbl;
    try {
      tbl = toml::parse_file(*config_file);
    } catch (const toml::parse_error& e) {
      std::ostringstream msg;
      msg << "config file " << *config_file << ": " << e.description() << " (line " << e.source().begin.line << ")";
      return fail(Error::invalid(msg.str()));
    }
    for (const auto& [k, node] : tbl) {
      const std::string key(k.str());
      if (!known(key)) return fail(Error::invalid_field(key, "config file " + *config_file + ": unknown key '" + key + "'"));
      std::string value;
      if (auto s = node.value<std::string>()) value = *s;
      else if (auto i = node.value<int64_t>()) value = std::to_string(*i);
      else if (auto b = node.value<bool>()) value = *b ? "true" : "false";
      else return fail(Error::invalid_field(key, "config file " + *config_file + ": unsupported value type for '" + key + "'"));
      GK_TRY_STATUS(apply(c, key, value, "config file " + *config_file));
    }
  }
  for (const auto& [name, value] : env) {
    if (!name.starts_with("GONGKAI_") || name.starts_with("GONGKAI_TEST_")) continue;
    std::string key = name.substr(8);
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!known(key)) return fail(Error::invalid_field(key, "unknown environment variable " + name));
    GK_TRY_STATUS(apply(c, key, value, "environment " + name));
  }
  for (const auto& [key, value] : flags) {
    if (!known(key)) return fail(Error::invalid_field(key, "unknown option " + key));
    GK_TRY_STATUS(apply(c, key, value, "option --" + key));
  }
  return c;
}

}  // namespace gk::app
