// The push API for the annual report's department statistics (issue 6; report/statistics.h): a
// department's own system — or a person with a script — sends its 行政许可 / 行政处罚 / 行政强制 counts and
// 行政事业性收费 amount for a year instead of uploading a file on the back-office page.
//
//   POST /api/v1/report-statistics
//     Content-Type: application/json
//       {"rows": [{"department": "czj", "year": 2025, "licensing_decisions": 120, "penalties": 45,
//                  "enforcement_measures": 3, "fees_10k_yuan": 12.5}, …]}
//       department is the code or the full Chinese name; numbers may also be strings ("12.5"), which
//       is the exact way to send a fee.
//     Content-Type: text/csv (UTF-8), the CSV of report/statistics.h as the raw body
//     Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, an XLSX
//       workbook as the raw body (application/octet-stream: either, told apart by content)
//   → 200 {"written": N, "rejected": []}
//
// All or nothing: every row is validated first (the same validate_statistics_row as the CSV/XLSX
// upload). If any row is rejected the answer is 422 {"written": 0, "rejected": [{"line", "reason"}]}
// and nothing is written, so a client fixes its data and sends the same request again (an upload
// replaces the rows of (department, year), so repeating it is harmless). `line` is the CSV line
// (the header is line 1), the worksheet row, or the 1-based position in `rows`. Otherwise
// StatisticsService::upload writes every row and its audit row in one transaction.
//
// Authentication: HTTP Basic with a staff account's username and password (checked by
// AccountsService::authenticate: Argon2id, the login throttle, failures audited; no session), or the
// browser's session cookie (then the visitor middleware requires the CSRF token, e.g. in the
// X-CSRF-Token header). Requests with Basic and no session cookie are exempt from the CSRF check
// (see visitor.cc). A 401 carries no `WWW-Authenticate: Basic` challenge on purpose: a challenge
// makes browsers ask for and then cache the credentials and attach them to later requests, forged
// cross-site ones included — the ambient credential the CSRF exemption relies on not existing.
// Permission (kUploadReportStatistics, department-scoped) is StatisticsService's: check_may_upload before
// the body is read (403 without it, whatever the body), upload for each row's department.
//
// Errors use api_error's JSON body: 400 bad JSON / header / file, no data rows; 401 no or wrong
// credentials; 403 another department's rows (nothing written); 415 other content types; 429 login
// throttled; 503 statistics not configured. Responses are not cacheable and carry no CORS header.
// Stateless and thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response api_report_statistics(WebContext& ctx, http::Request& req);

}  // namespace gk::web
