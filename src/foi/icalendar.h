// iCalendar (RFC 5545) export of reply due dates: one all-day VEVENT per open case, so an officer can
// subscribe to their department's due dates in any calendar program (issue item 6: "due dates
// export as iCalendar"). Only the text format lives here; which cases and which dates is the
// caller's business (the back office feeds it FoiService::queue()).
//
// Output guarantees (RFC 5545): CRLF line endings (§3.1); content lines folded at 75 octets with a
// CRLF followed by one space, never inside a UTF-8 sequence (§3.1); TEXT values escaped — backslash,
// semicolon, comma, and newline as "\n" (§3.3.11); all-day events as DTSTART;VALUE=DATE with
// DTEND;VALUE=DATE the next day (§3.6.1); DTSTAMP in UTC (§3.8.7.2); UIDs stable across exports so a
// subscribed calendar updates an event rather than duplicating it. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace gk::foi {

struct IcsEvent {
  std::string uid;          // stable, globally unique, e.g. "foi-case-42@gongkai"
  Date date;                // the all-day event's day
  std::string summary;      // e.g. "依申请公开答复期限 DY2024-000123"
  std::string description;  // optional; may hold newlines
  std::string url;          // optional; an absolute or site-relative link to the case
};

struct IcsCalendar {
  std::string prodid = "-//gongkai//FOI due dates//ZH";
  std::string name;  // X-WR-CALNAME, optional
  Instant stamp;     // DTSTAMP of every event: when the export was made
  std::vector<IcsEvent> events;
};

// The VCALENDAR object, ready to serve as text/calendar.
std::string render_icalendar(const IcsCalendar& cal);

// A TEXT value escaped per RFC 5545 §3.3.11: "\" → "\\", ";" → "\;", "," → "\,", newline → "\n"
// (CR dropped).
std::string ics_escape_text(std::string_view s);

// One content line folded at 75 octets (continuation lines begin with a space, which counts toward
// their 75), each physical line ending in CRLF; a UTF-8 sequence is never split.
std::string ics_fold_line(std::string_view line);

}  // namespace gk::foi
