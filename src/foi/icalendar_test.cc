#include "foi/icalendar.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

Date d(const char* s) { return *Date::parse(s); }

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find("\r\n", at);
    EXPECT_NE(end, std::string::npos) << "every line ends in CRLF";
    if (end == std::string::npos) break;
    out.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

// Undoes the folding: a CRLF followed by a space joins the lines.
std::string unfold(std::string text) {
  for (size_t at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at))
    text.erase(at, 3);
  return text;
}

TEST(IcalendarTest, EscapesTextSpecials) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"plain", "plain"},
      {"a,b", "a\\,b"},
      {"a;b", "a\\;b"},
      {"back\\slash", "back\\\\slash"},
      {"two\nlines", "two\\nlines"},
      {"crlf\r\nend", "crlf\\nend"},
      // Full-width ， and ； are ordinary text.
      {"答复期限，第三十三条；延期", "答复期限，第三十三条；延期"},
      {"DY2024-000001, 财政局; 备注", "DY2024-000001\\, 财政局\\; 备注"},
  };
  for (const auto& c : cases) EXPECT_EQ(ics_escape_text(c.in), c.out) << c.in;
}

TEST(IcalendarTest, FoldsAt75OctetsWithoutSplittingUtf8) {
  std::string line = "SUMMARY:";
  for (int i = 0; i < 60; ++i) line += "期";  // 3 octets each: 188 octets
  const std::string folded = ics_fold_line(line);
  const auto lines = physical_lines(folded);
  ASSERT_GE(lines.size(), 3u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << i;
    if (i > 0) {
      EXPECT_EQ(lines[i][0], ' ');
    }
    // Each physical line is valid UTF-8 on its own: it never ends inside a sequence.
    const std::string body = i > 0 ? lines[i].substr(1) : lines[i];
    const size_t after_prefix = i == 0 ? 8 : 0;
    EXPECT_EQ((body.size() - after_prefix) % 3, 0u) << i;
  }
  EXPECT_EQ(unfold(folded), line + "\r\n");
}

TEST(IcalendarTest, ShortLineIsOneLine) {
  EXPECT_EQ(ics_fold_line("BEGIN:VEVENT"), "BEGIN:VEVENT\r\n");
  const std::string exactly75(75, 'x');
  EXPECT_EQ(ics_fold_line(exactly75), exactly75 + "\r\n");
  EXPECT_EQ(ics_fold_line(exactly75 + "y"), exactly75 + "\r\n y\r\n");
}

TEST(IcalendarTest, RendersOneAllDayEventPerCase) {
  IcsCalendar cal;
  cal.name = "东阳市财政局 依申请公开答复期限";
  cal.stamp = Instant::from_seconds(1'727'740'800);  // 2024-10-01T00:00:00Z
  cal.events.push_back({"foi-case-1@gongkai", d("2024-10-30"), "依申请公开答复期限 DY2024-000001",
                        "申请内容：财政预算, 决算\n剩余 5 个工作日", "/admin/foi/1"});
  cal.events.push_back({"foi-case-2@gongkai", d("2024-12-31"), "依申请公开答复期限 DY2024-000002", "", ""});
  const std::string text = render_icalendar(cal);
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  // No bare LF anywhere.
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
  }
  const std::string flat = unfold(text);
  EXPECT_NE(flat.find("UID:foi-case-1@gongkai\r\n"), std::string::npos);
  EXPECT_NE(flat.find("DTSTART;VALUE=DATE:20241030\r\nDTEND;VALUE=DATE:20241031\r\n"), std::string::npos);
  EXPECT_NE(flat.find("DTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n"), std::string::npos);
  EXPECT_NE(flat.find("DTSTAMP:20241001T000000Z\r\n"), std::string::npos);
  EXPECT_NE(flat.find("SUMMARY:依申请公开答复期限 DY2024-000001\r\n"), std::string::npos);
  EXPECT_NE(flat.find("DESCRIPTION:申请内容：财政预算\\, 决算\\n剩余 5 个工作日\r\n"), std::string::npos);
  size_t events = 0;
  for (size_t at = flat.find("BEGIN:VEVENT"); at != std::string::npos; at = flat.find("BEGIN:VEVENT", at + 1))
    ++events;
  EXPECT_EQ(events, 2u);
  for (const auto& l : physical_lines(text)) EXPECT_LE(l.size(), 75u) << l;
}

TEST(IcalendarTest, SameInputSameOutput) {
  IcsCalendar cal;
  cal.stamp = Instant::from_seconds(0);
  cal.events.push_back({"foi-case-7@gongkai", d("2025-01-02"), "x", "", ""});
  EXPECT_EQ(render_icalendar(cal), render_icalendar(cal));
  EXPECT_NE(render_icalendar(cal).find("DTSTAMP:19700101T000000Z"), std::string::npos);
}

}  // namespace
}  // namespace gk::foi
