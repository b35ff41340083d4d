// Shared pieces of the FOI pages (依申请公开), portal and back office: labels and view models of a
// case, its public or full event log and its clock (with the Chinese derivation of the due date),
// and the reply letter built from a case.
//
// Reply letters: the defaults every letter of this site shares (the reconsideration body and the
// court, 行政复议法 第二十条 / 行政诉讼法 第十八条 for a county-level city's organs) live in
// kLetterDefaults, the one place to change them. The outcome-specific details a letter needs beyond
// the event log (where already-public information can be found, what was withheld and why, …) are
// typed by the officer on the draft-reply form and kept in the draft_reply event's note as labelled
// lines ("不予公开的内容：…"), so the letter can be composed again at any later time from the log
// alone (encode_draft_note / parse_draft_note).
//
// Pure functions over domain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "foi/foi_service.h"
#include "foi/reply_letter.h"
#include "web/view_renderer.h"
#include "web/web_context.h"

namespace gk::web::foi_pages {

struct LetterDefaults {
  std::string_view reconsideration_body;  // 行政复议机关
  std::string_view court;                 // 管辖的人民法院
};
inline constexpr LetterDefaults kLetterDefaults{"东阳市人民政府", "东阳市人民法院"};

// What the officer adds to a draft reply for its letter; empty fields are left out.
struct DraftDetails {
  std::string public_location;  // 已主动公开信息的获取途径 (36(一)) or the publication (39 ¶2)
  std::string withheld;         // 部分公开: the part withheld …
  std::string withheld_reason;  // … and why, naming its basis
  std::string reasons;          // 不予公开 / 其他处理: the organ's reasons
  std::string proper_channel;   // 36(七) statutory route; 39 ¶1 petition channel
  std::string previous_reply_date;    // 36(六) repeat: "YYYY-MM-DD"
  std::string previous_reply_number;  // 36(六) repeat: its 文号
};
// `note` followed by one labelled line per non-empty detail (newlines inside a value become spaces).
std::string encode_draft_note(std::string_view note, const DraftDetails& d);
DraftDetails parse_draft_note(std::string_view note);

// The letter of a case: organ = `organ` (its department's name), outcome = the closing outcome or
// else the latest draft reply's, dates and amounts from the log, details from the draft's note.
// FailedPrecondition when there is no outcome yet; `today` dates a letter not yet sent.
[[nodiscard]] Result<foi::ReplyLetterInput> letter_input(const foi::CaseView& v, std::string_view organ,
                                                         Date today);
// "东阳市财政局依申请公开告〔2024〕12号" from the organ and the tracking number "DY2024-000012".
std::string letter_number(std::string_view organ, std::string_view tracking_number);

// The latest draft reply's outcome that is still in force (not returned by legal review).
std::optional<foi::Outcome> draft_outcome(const std::vector<foi::CaseEvent>& events);
bool has_replied(const std::vector<foi::CaseEvent>& events);

// Events the applicant sees on the tracking page: the steps that concern them (notices, pauses,
// the approved extension, the reply); internal steps (drafts, reviews, approval, an extension
// request) are left out.
bool is_public_event(foi::CaseEventType t);

// Department names by id (empty when the list cannot be read).
std::string department_name(WebContext& ctx, DepartmentId id);

// View models.
View outcome_options(std::optional<foi::Outcome> selected);
View case_view(WebContext& ctx, const foi::FoiCase& c);  // tracking number, department, state, sought, …
View applicant_view(const foi::Applicant& a);
View events_view(const std::vector<foi::CaseEvent>& events, bool public_only);
// due, explanation lines, warnings, stopped state; `clock_error` when it could not be computed.
View clock_view(const std::optional<foi::ClockResult>& clock, std::string_view clock_error, bool closed);
View due_view(const foi::DueInfo& d);  // date, days left, status key and its text

}  // namespace gk::web::foi_pages
