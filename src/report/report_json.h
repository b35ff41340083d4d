// The JSON contract of `gongkai report annual --format json` (issue 6, item 4):
//   {"year", "department", "proactive": {"rules": {"issued","repealed","in_force"},
//    "normative_documents": {…}, "licensing_decisions", "penalties", "enforcement_measures",
//    "fees_10k_yuan"}, "applications": {"columns": [7 keys], "rows": {<row key>: [7 integers]}},
//    "remedies": {"reconsideration"|"litigation_direct"|"litigation_after_reconsideration":
//    {"upheld","corrected","other","pending","total"}}, "fees_yuan", "check_errors": [...]}
// Compact (no spaces), keys in exactly this order, rows in the order of the official table, so the
// output of a fixture can be compared byte for byte with a golden file. "department" is the
// department code, or null for the city. Pure function; thread-safe.
#pragma once

#include <string>

#include "report/annual_report.h"

namespace gk::report {

std::string to_json(const AnnualReport& r);

}  // namespace gk::report
