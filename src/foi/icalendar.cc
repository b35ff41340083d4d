#include "foi/icalendar.h"

#include <fmt/format.h>

namespace gk::foi {
namespace {

constexpr size_t kMaxOctets = 75;  // RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets

std::string ics_date(Date d) { return fmt::format("{:04d}{:02d}{:02d}", d.year(), d.month(), d.day()); }

// "20241001T000000Z": DTSTAMP is UTC (§3.8.7.2, FORM #2).
std::string ics_utc(Instant t) {
  const int64_t secs = t.seconds();
  int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  const Date d = Date::from_days(static_cast<int32_t>(days));
  return fmt::format("{}T{:02d}{:02d}{:02d}Z", ics_date(d), rem / 3600, rem % 3600 / 60, rem % 60);
}

// Length of the UTF-8 sequence starting with byte b (1 for stray continuation bytes).
size_t utf8_len(unsigned char b) { return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

}  // namespace

std::string ics_escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ics_fold_line(std::string_view line) {
  std::string out;
  size_t i = 0;
  size_t budget = kMaxOctets;  // the first physical line has 75 octets; later ones 74 after the space
  while (i < line.size()) {
    size_t used = 0;
    const size_t start = i;
    while (i < line.size()) {
      const size_t n = std::min(utf8_len(static_cast<unsigned char>(line[i])), line.size() - i);
      if (used + n > budget) break;
      used += n;
      i += n;
    }
    if (start != 0) out += ' ';
    out.append(line.substr(start, i - start));
    out += "\r\n";
    budget = kMaxOctets - 1;
  }
  if (line.empty()) out += "\r\n";
  return out;
}

std::string render_icalendar(const IcsCalendar& cal) {
  std::string out;
  auto line = [&](std::string_view l) { out += ics_fold_line(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:" + cal.prodid);
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  if (!cal.name.empty()) line("X-WR-CALNAME:" + ics_escape_text(cal.name));
  const std::string stamp = ics_utc(cal.stamp);
  for (const auto& e : cal.events) {
    line("BEGIN:VEVENT");
    line("UID:" + ics_escape_text(e.uid));
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + ics_date(e.date));
    line("DTEND;VALUE=DATE:" + ics_date(e.date.plus_days(1)));
    line("SUMMARY:" + ics_escape_text(e.summary));
    if (!e.description.empty()) line("DESCRIPTION:" + ics_escape_text(e.description));
    if (!e.url.empty()) line("URL:" + e.url);
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace gk::foi
