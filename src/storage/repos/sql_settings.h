// Settings: small named values the whole deployment shares (e.g. the server secret that signs CSRF
// tokens, so every node behind a load balancer accepts every other node's forms).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "storage/sql/database.h"

namespace gk::storage {

Result<std::optional<std::string>> get_setting(sql::Database& db, std::string_view key);
// Returns the stored value, creating it from `make()` first when absent (first writer wins, so
// concurrent nodes agree).
Result<std::string> get_or_create_setting(sql::Database& db, std::string_view key,
                                          const std::function<std::string()>& make);

}  // namespace gk::storage
