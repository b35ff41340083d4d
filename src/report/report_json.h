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
#include <string_view>

#include "core/error.h"
#include "report/annual_report.h"

namespace gk::report {

// Extra keys after "check_errors", for the snapshot of a submitted report and `--drill-down`:
//   text:       "department_name", "text": {"overview","problems","other_matters"}
//   drill_down: "cells": {"<row>/<column>": [ids…], …} in key order (report.cell_cases).
// With both off the output is exactly the contract above.
struct JsonOptions {
  bool text = false;
  bool drill_down = false;
};

std::string to_json(const AnnualReport& r, const JsonOptions& options = {});

// Parses what to_json wrote (any options) back into a report: used to read a submitted report's
// snapshot. InvalidArgument naming the key for malformed input (missing key, wrong type, a row that
// is not 7 integers, an unknown row key).
[[nodiscard]] Result<AnnualReport> report_from_json(std::string_view json);

}  // namespace gk::report
