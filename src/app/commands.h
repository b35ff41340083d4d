// The `gongkai` subcommands. Each returns the process exit code and prints its own messages
// (results to stdout, problems to stderr). main.cc parses arguments and calls exactly one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/config.h"

namespace gk::app {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // the command ran and failed (database down, verify failed, …)
inline constexpr int kExitUsage = 2;     // bad arguments or input

int cmd_serve(const Config& config);
int cmd_migrate(const Config& config);
int cmd_seed(const Config& config, bool demo);
int cmd_user_add(const Config& config, const std::string& username, const std::string& display_name,
                 const std::string& department, const std::string& roles, bool password_stdin);
int cmd_user_passwd(const Config& config, const std::string& username, bool password_stdin);
int cmd_user_list(const Config& config, const std::string& department);
int cmd_calendar_import(const Config& config, const std::string& file, const std::string& source);
int cmd_calendar_show(const Config& config, const std::string& month);
int cmd_audit_verify(const Config& config);
int cmd_backup(const Config& config, const std::string& out);
int cmd_import_documents(const Config& config, const std::string& file, const std::string& department,
                         int batch_size);
int cmd_version();

}  // namespace gk::app
