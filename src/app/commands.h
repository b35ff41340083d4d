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
// Segments standard input line by line (no database needed). base_dict: jieba's dictionary only.
int cmd_text_segment(const Config& config, const std::string& mode, bool hmm, bool base_dict);
// Rebuilds the search index from the database, with a progress bar on stderr.
int cmd_search_reindex(const Config& config);

struct SearchArgs {
  std::string q, type, department, validity, topic, genre, sort = "relevance";
  std::optional<int> year;
  int page = 1, per_page = 10;
  bool json = false;
};
// Searches as the portal does; prints hits (or JSON in the API's shape). Exit 2 for a bad query.
int cmd_search_query(const Config& config, const SearchArgs& args);
// `foi deadline`: one JSON object on stdin ({"channel", "submitted", "signed", "confirmed",
// "events": [{"type", "date"}]}) → one JSON object on stdout: {"channel", "receipt_date",
// "clock_start", "base_due", "due" (null while stopped), "extended", "paused_working_days", "state"
// (running | awaiting_supplement | awaiting_fee), "supplement_notice_due", "fee_payment_due",
// "warnings": [...], "explanation": "…" (lines joined by \n)}. Invalid input: exit 2 and a message
// naming the field. Rules: foi/deadline.h.
int cmd_foi_deadline(const Config& config);
// `foi fee --method per_request --count N | --method per_page --pages P` → {"method", "units",
// "total" (yuan), "tiers": [{"from", "to", "units", "rate", "amount"}]}. Rules: foi/fee.h.
int cmd_foi_fee(const std::string& method, std::optional<int64_t> count, std::optional<int64_t> pages);
// `report annual --year Y [--department CODE] --format json|html|pdf|docx|xlsx [--out FILE]`: the
// statutory annual report (issue 6) of one department (its code) or the city (no department), to
// stdout or FILE. json is the contract of report/report_json.h (`drill_down` adds "cells"). The same
// figures as the back office (report::AnnualReportService): live while the report is a draft, the
// frozen snapshot once submitted. Exit 2 for an unknown department, format or year.
int cmd_report_annual(const Config& config, int year, const std::string& department, const std::string& format,
                      const std::string& out, bool drill_down = false);
// `report statistics import FILE`: department statistics of section 二 (report/statistics.h), CSV or XLSX;
// bad lines named on stderr ("line N: reason") and skipped; exit 2 when some were, or for a bad header.
int cmd_report_statistics_import(const Config& config, const std::string& file);
int cmd_version();

}  // namespace gk::app
