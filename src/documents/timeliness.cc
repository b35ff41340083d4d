#include "documents/timeliness.h"

namespace gk::documents {

std::string_view timeliness_verdict_name(TimelinessVerdict v) {
  switch (v) {
    case TimelinessVerdict::kOnTime:
      return "on_time";
    case TimelinessVerdict::kLate:
      return "late";
    case TimelinessVerdict::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view timeliness_verdict_label(TimelinessVerdict v) {
  switch (v) {
    case TimelinessVerdict::kOnTime:
      return "按时";
    case TimelinessVerdict::kLate:
      return "逾期";
    case TimelinessVerdict::kUnknown:
      return "无法判定";
  }
  return "无法判定";
}

Timeliness assess_timeliness(Date formed_on, Date published_on, const calendar::WorkingCalendar& calendar) {
  Timeliness t;
  t.formed_on = formed_on;
  t.published_on = published_on;
  if (auto days = calendar.working_days_in(formed_on, published_on)) {
    t.working_days = *days;
  } else {
    t.unknown_reason = days.error().message();
  }
  if (auto due = calendar.add_working_days(formed_on, kArticle26WorkingDays)) {
    t.due = *due;
  } else if (t.unknown_reason.empty()) {
    t.unknown_reason = due.error().message();
  }
  if (t.due) {
    t.verdict = published_on > *t.due ? TimelinessVerdict::kLate : TimelinessVerdict::kOnTime;
  } else if (t.working_days) {
    // The walk to the 20th working day reached an uncovered year after publication, so fewer than
    // 20 working days had passed when the document was published.
    t.verdict = TimelinessVerdict::kOnTime;
  } else {
    t.verdict = TimelinessVerdict::kUnknown;
  }
  return t;
}

std::optional<Timeliness> timeliness_of(const Document& doc, const calendar::WorkingCalendar& calendar) {
  if (!doc.published_at) return std::nullopt;
  return assess_timeliness(doc.formed_on, doc.published_at->local_date(), calendar);
}

}  // namespace gk::documents
