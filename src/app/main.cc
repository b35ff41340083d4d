// gongkai command line: parses arguments (CLI11 lives only in this file: it costs ~5 s per
// translation unit) and runs one command from commands.h. Global options (--data-dir, --database,
// --config) are accepted before or after the subcommand.
#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include "app/commands.h"
#include "app/config.h"
#include "app/foi_import.h"

int main(int argc, char** argv) {
  using namespace gk::app;
  CLI::App cli{"gongkai — 政务公开平台 / government information disclosure platform"};
  cli.require_subcommand(1);
  cli.fallthrough();

  std::string config_file, data_dir, database, listen;
  cli.add_option("--config", config_file, "TOML configuration file");
  cli.add_option("--data-dir", data_dir, "directory for the SQLite database, search index and files (created when missing)");
  cli.add_option("--database", database, "database URL: sqlite:///path/to/db or postgresql://user@host:port/db");

  auto* serve = cli.add_subcommand("serve", "run the web server (migrates and seeds an empty database first)");
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations and load departments and calendar");
  auto* seed = cli.add_subcommand("seed", "load departments and calendar; with --demo also demo accounts");
  bool demo = false;
  seed->add_flag("--demo", demo, "also create the demo staff accounts");

  auto* user = cli.add_subcommand("user", "manage staff accounts");
  user->require_subcommand(1);
  std::string username, display_name, department, roles;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "create a staff account");
  user_add->add_option("--username", username, "login name (3–32 lower-case letters, digits, _ . -)")->required();
  user_add->add_option("--name", display_name, "display name, e.g. 张三")->required();
  user_add->add_option("--department", department, "department code or full name, e.g. czj or 东阳市财政局")->required();
  user_add->add_option("--roles", roles, "comma-separated roles, e.g. editor,reviewer")->required();
  user_add->add_flag("--password-stdin", password_stdin, "read the password from standard input (else one is generated and printed)");
  auto* user_passwd = user->add_subcommand("passwd", "set a staff account's password and end its sessions");
  user_passwd->add_option("username", username, "login name")->required();
  user_passwd->add_flag("--password-stdin", password_stdin, "read the password from standard input (else one is generated and printed)");
  auto* user_list = user->add_subcommand("list", "list staff accounts");
  user_list->add_option("--department", department, "only this department (code or full name)");

  auto* calendar = cli.add_subcommand("calendar", "the working-day calendar");
  calendar->require_subcommand(1);
  std::string file, source, month;
  auto* cal_import = calendar->add_subcommand("import", "import a holiday notice as CSV (date,kind,name)");
  cal_import->add_option("file", file, "CSV file")->required();
  cal_import->add_option("--source", source, "where the notice comes from (document number or URL)");
  auto* cal_show = calendar->add_subcommand("show", "print one month with holidays and make-up workdays");
  cal_show->add_option("month", month, "YYYY-MM")->required();

  auto* audit = cli.add_subcommand("audit", "the append-only audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "check the hash chain; exits non-zero and names the first bad row");

  auto* import_cmd = cli.add_subcommand("import", "import data from files");
  import_cmd->require_subcommand(1);
  std::string import_file, import_department = "sfb";
  int batch_size = 500;
  auto* import_documents = import_cmd->add_subcommand(
      "documents", "import documents from JSON Lines (the fields of gov_law_corpus.jsonl); idempotent");
  import_documents->add_option("file", import_file, "JSONL file")->required();
  import_documents->add_option("--department", import_department, "department code or name the documents belong to")
      ->capture_default_str();
  import_documents->add_option("--batch", batch_size, "documents per transaction")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();

  auto* text = cli.add_subcommand("text", "the Chinese text engine");
  text->require_subcommand(1);
  std::string segment_mode = "default";
  bool no_hmm = false, base_dict = false;
  auto* text_segment = text->add_subcommand(
      "segment", "segment lines from standard input; prints each line's words separated by single spaces");
  text_segment->add_option("--mode", segment_mode, "default (jieba cut) or search (cut_for_search: adds sub-words)")
      ->check(CLI::IsMember({"default", "search"}))
      ->capture_default_str();
  text_segment->add_flag("--no-hmm", no_hmm, "do not guess unknown words with the HMM");
  text_segment->add_flag("--base-dict", base_dict, "jieba's dictionary only, without the government dictionary and staff words");

  auto* search = cli.add_subcommand("search", "the site-wide search index (derived data under <data dir>/search)");
  search->require_subcommand(1);
  auto* search_reindex = search->add_subcommand("reindex", "rebuild the index from the database (shows progress)");
  SearchArgs search_args;
  auto* search_query = search->add_subcommand("query", "search public objects as the portal does");
  search_query->add_option("q", search_args.q, "query text (words, \"a phrase\", a 文号 or its prefix)")->required();
  search_query->add_flag("--json", search_args.json, "print the result as JSON (the shape of GET /api/v1/search)");
  search_query->add_option("--type", search_args.type, "object type, e.g. document");
  search_query->add_option("--department", search_args.department, "department code, e.g. czj");
  search_query->add_option("--year", search_args.year, "publication year");
  search_query->add_option("--validity", search_args.validity, "in_force, amended, repealed, expired, not_yet_in_force");
  search_query->add_option("--topic", search_args.topic, "topic key");
  search_query->add_option("--genre", search_args.genre, "genre key");
  search_query->add_option("--sort", search_args.sort, "relevance or date")->capture_default_str();
  search_query->add_option("--page", search_args.page, "page number")->capture_default_str();
  search_query->add_option("--per-page", search_args.per_page, "results per page")->capture_default_str();

  auto* foi = cli.add_subcommand("foi", "依申请公开: the legal clock and fees");
  foi->require_subcommand(1);
  auto* foi_deadline = foi->add_subcommand(
      "deadline", "read one JSON object (channel, submitted/signed/confirmed, events) on stdin; print the due date and its derivation as JSON");
  std::string fee_method;
  std::optional<int64_t> fee_count, fee_pages;
  std::string foi_file;
  auto* foi_import = foi->add_subcommand(
      "import", "load historical cases and remedies from JSON Lines (for past years' annual reports); idempotent");
  foi_import->add_option("file", foi_file, "JSONL file: case lines {id, department, applicant_type, received, closed, outcome} "
                                           "and remedy lines {request_id, kind, filed, decided, outcome}")->required();
  auto* foi_fee = foi->add_subcommand("fee", "information-processing fee (国办函〔2020〕109号) with its tiers, as JSON");
  foi_fee->add_option("--method", fee_method, "per_request or per_page")->required();
  foi_fee->add_option("--count", fee_count, "per_request: the applicant's requests in the calendar month");
  foi_fee->add_option("--pages", fee_pages, "per_page: pages of the application");

  auto* report = cli.add_subcommand("report", "statutory reports");
  report->require_subcommand(1);
  int report_year = 0;
  std::string report_department, report_format = "json", report_out;
  auto* report_annual = report->add_subcommand(
      "annual", "the 政府信息公开工作年度报告 of a year (国办公开办函〔2021〕30号), per department or city-wide");
  report_annual->add_option("--year", report_year, "report year")->required();
  report_annual->add_option("--department", report_department, "department code (default: the whole city)");
  report_annual->add_option("--format", report_format, "json, html, pdf, docx or xlsx")->capture_default_str();
  report_annual->add_option("--out", report_out, "output file (default: stdout)");
  bool report_drill_down = false;
  report_annual->add_flag("--drill-down", report_drill_down,
                          "json: add \"cells\" — the FOI case (or remedy) ids behind every cell");
  auto* report_statistics = report->add_subcommand("statistics", "department statistics of section 二");
  report_statistics->require_subcommand(1);
  std::string statistics_file;
  auto* statistics_import = report_statistics->add_subcommand(
      "import", "load 行政许可/处罚/强制 counts and 收费金额 per department and year from CSV or XLSX");
  statistics_import->add_option("file", statistics_file,
                                "CSV or XLSX (first sheet): department,year,licensing_decisions,penalties,"
                                "enforcement_measures,fees_10k_yuan")
      ->required();

  std::string out;
  auto* backup = cli.add_subcommand("backup", "write a consistent copy of the database");
  backup->add_option("--out", out, "output file (default <data dir>/backups/gongkai-<time>.db|.sql)");
  auto* version = cli.add_subcommand("version", "print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 checks requirements before leftovers, so a mistyped command ("gongkai migrat") would only
    // say "A subcommand is required": name the word it did not understand instead.
    if (const auto extra = cli.remaining(true); !extra.empty() && dynamic_cast<const CLI::RequiredError*>(&e)) {
      fmt::print(stderr, "gongkai: unknown command or option '{}'\nRun with --help for more information.\n",
                 extra.front());
      return kExitUsage;
    }
    const int rc = cli.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }

  if (version->parsed()) return cmd_version();

  Overrides flags;
  if (!data_dir.empty()) flags["data_dir"] = data_dir;
  if (!database.empty()) flags["database"] = database;
  if (!listen.empty()) flags["listen"] = listen;
  auto config = load_config(config_file.empty() ? std::nullopt : std::optional(config_file), gongkai_environment(), flags);
  if (!config) {
    fmt::print(stderr, "gongkai: {}\n", config.error().to_string());
    return kExitUsage;
  }

  if (serve->parsed()) return cmd_serve(*config);
  if (migrate->parsed()) return cmd_migrate(*config);
  if (seed->parsed()) return cmd_seed(*config, demo);
  if (user_add->parsed()) return cmd_user_add(*config, username, display_name, department, roles, password_stdin);
  if (user_passwd->parsed()) return cmd_user_passwd(*config, username, password_stdin);
  if (user_list->parsed()) return cmd_user_list(*config, department);
  if (cal_import->parsed()) return cmd_calendar_import(*config, file, source);
  if (cal_show->parsed()) return cmd_calendar_show(*config, month);
  if (audit_verify->parsed()) return cmd_audit_verify(*config);
  if (backup->parsed()) return cmd_backup(*config, out);
  if (import_documents->parsed()) return cmd_import_documents(*config, import_file, import_department, batch_size);
  if (foi_deadline->parsed()) return cmd_foi_deadline(*config);
  if (foi_import->parsed()) return cmd_foi_import(*config, foi_file);
  if (foi_fee->parsed()) return cmd_foi_fee(fee_method, fee_count, fee_pages);
  if (statistics_import->parsed()) return cmd_report_statistics_import(*config, statistics_file);
  if (report_annual->parsed()) return cmd_report_annual(*config, report_year, report_department, report_format, report_out,
                                                     report_drill_down);
  if (text_segment->parsed()) return cmd_text_segment(*config, segment_mode, !no_hmm, base_dict);
  if (search_reindex->parsed()) return cmd_search_reindex(*config);
  if (search_query->parsed()) return cmd_search_query(*config, search_args);
  return kExitUsage;
}
