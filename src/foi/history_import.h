// Reading the JSON Lines of `gongkai foi import` (issue 5 item 7, an exact contract other tools
// depend on) into HistoricalCase / HistoricalRemedy. The import itself is FoiService::import_history.
//
//   case:   {"id", "department" (code or seeded name, e.g. "czj", "东阳市财政局" or "市财政局"),
//            "applicant_type": natural_person | commercial_enterprise | research_institution |
//            social_welfare_organization | legal_service_institution | other_organization,
//            "received": "YYYY-MM-DD", "closed": "YYYY-MM-DD" | null, "outcome": <row key> | null}
//   remedy: {"request_id", "kind": reconsideration | litigation_direct | litigation_after_reconsideration,
//            "filed": "YYYY-MM-DD", "decided": "YYYY-MM-DD" | null,
//            "outcome": upheld | corrected | other | pending}
// Row keys are those of foi/outcome.h. "id" / "request_id" may be a string or an integer.
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <variant>
#include <vector>

#include "accounts/department.h"
#include "core/error.h"
#include "foi/foi_service.h"

namespace gk::foi {

using HistoryLine = std::variant<HistoricalCase, HistoricalRemedy>;

// The department named by its code, its full name, or its name without the city prefix
// ("市财政局" for "东阳市财政局": a text starting with 市, 县 or 区 that ends the name of exactly one
// department). InvalidArgument (field "department") otherwise.
[[nodiscard]] Result<DepartmentId> resolve_department(std::string_view text,
                                                      const std::vector<accounts::Department>& departments);

// One line. InvalidArgument naming the field (e.g. "received: 不是有效日期") for malformed JSON, a
// missing or unknown value, closed before received, an outcome without closed or closed without
// outcome.
[[nodiscard]] Result<HistoryLine> parse_history_line(std::string_view line, int line_number,
                                                     const std::vector<accounts::Department>& departments);

}  // namespace gk::foi
