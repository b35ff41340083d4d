#include "report/report_filing.h"

namespace gk::report {

std::string_view filing_state_key(FilingState s) {
  return s == FilingState::kSubmitted ? "submitted" : "draft";
}

std::optional<FilingState> parse_filing_state(std::string_view key) {
  if (key == "draft") return FilingState::kDraft;
  if (key == "submitted") return FilingState::kSubmitted;
  return std::nullopt;
}

}  // namespace gk::report
