// Timeliness of proactive disclosure (公开时效) as a pure rule:
//
//   《政府信息公开条例》第二十六条 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内
//   及时公开。法律、法规对政府信息公开的期限另有规定的，从其规定。
//
// The figures of one document: the day it was formed or changed (Document::formed_on), the day it
// was published (China Standard Time), the working days between them (the start day is not counted,
// 民法典 Art. 201 — calendar::WorkingCalendar::working_days_in), the due day (the 20th working day
// after formed_on — add_working_days) and the verdict.
//
// Verdict. Late means published after the due day. A document published on a rest day after its
// 20th working day is therefore late although its working-day count is 20 (the period ended with that
// working day). The verdict is "unknown" only when the calendar cannot settle it — a year whose
// holiday notice has not been imported — and is never guessed from Monday–Friday:
//   * due known                        → late iff published_on > due;
//   * due unknown, working days known  → on time (fewer than 20 working days up to publication: the
//                                        walk to the 20th working day left the covered years later);
//   * neither known                    → unknown (the calendar's message says which year is missing).
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "calendar/working_calendar.h"
#include "core/date.h"
#include "documents/document.h"

namespace gk::documents {

// 《政府信息公开条例》第二十六条: 20 working days from being formed or changed.
inline constexpr int kArticle26WorkingDays = 20;

enum class TimelinessVerdict { kOnTime, kLate, kUnknown };

// Stable names "on_time", "late", "unknown" (CSV export); labels 按时, 逾期, 无法判定.
std::string_view timeliness_verdict_name(TimelinessVerdict v);
std::string_view timeliness_verdict_label(TimelinessVerdict v);

struct Timeliness {
  Date formed_on;
  Date published_on;                // China Standard Time
  std::optional<int> working_days;  // in (formed_on, published_on]; nullopt when not covered
  std::optional<Date> due;          // add_working_days(formed_on, 20); nullopt when not covered
  TimelinessVerdict verdict = TimelinessVerdict::kUnknown;
  std::string unknown_reason;  // the calendar's message when a figure is missing, else empty

  bool late() const { return verdict == TimelinessVerdict::kLate; }
};

// The figures for a document formed (or changed) on `formed_on` and published on `published_on`.
// A publication on or before formed_on counts 0 working days and is on time.
Timeliness assess_timeliness(Date formed_on, Date published_on, const calendar::WorkingCalendar& calendar);

// The same for `doc`, published on published_at's China date; nullopt when the document has no
// publication time (never published).
std::optional<Timeliness> timeliness_of(const Document& doc, const calendar::WorkingCalendar& calendar);

}  // namespace gk::documents
