// Helpers shared by the command implementations (commands.cc, foi_commands.cc, foi_import.cc,
// report_commands.cc).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "app/app.h"
#include "app/config.h"

namespace gk::app {

// Opens the app and requires a current schema. On failure prints the problem on stderr, sets `code`
// to the exit code (kExitUsage for a bad configuration such as a malformed URL, else kExitFailure)
// and returns nullptr.
std::unique_ptr<App> open_current(const Config& config, int& code);

// Every department (as the system sees them), or nullopt after printing the failure on stderr (the
// exit code is then kExitFailure).
std::optional<std::vector<accounts::Department>> all_departments(App& app);

}  // namespace gk::app
