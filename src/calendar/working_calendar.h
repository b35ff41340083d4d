// WorkingCalendar: which days are working days (工作日), and counting N working days.
//
// Every statutory time limit in the 《政府信息公开条例》 is in working days ("自收到申请之日起20个工作日内",
// Art. 33; 7 working days for a 补正 notice, Art. 30; 15 for third-party consultation, Art. 32; 20 for
// proactive disclosure, Art. 26). A working day is Monday–Friday, minus the statutory holidays, plus
// the weekend days the State Council declares working days (调休上班, make_up_workday). Both lists come
// from the State Council General Office's annual notice (data/calendar/SOURCE.md).
//
// Counting (民法典 第二百零一条): "按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。" The
// start day is never counted; add_working_days(d, 1) is the first working day after d. Whether
// this civil-law rule governs 条例 deadlines is not settled (regulations.md §1.4); it is the reading
// used by most practice guides and by this calendar. 民法典 Art. 203 (a deadline falling on a holiday
// moves to the day after the holiday) is automatically satisfied: the N-th working day is never a
// holiday.
//
// Coverage. The calendar only knows the years whose notice has been imported; a day in any other
// year is reported (FailedPrecondition), never guessed as "Mon–Fri". The rule (see covers()):
//   year Y is covered  <=>  there is a kHoliday day whose name contains "春节" in January or
//                           February of Y.
// Every annual notice sets the Spring Festival holiday, and 春节 always falls between 21 Jan and
// 20 Feb, so this is true exactly for the years whose notice was imported. Days a notice sets in the
// neighbouring year (2018-12-29…31 from the 2019 notice) are used for those days, but do not make
// 2018 covered.
//
// Invariants: at most one SpecialDay per date; every kMakeUpWorkday is a Saturday or Sunday; every
// name is non-empty valid UTF-8. Both factories enforce them.
//
// Thread-safety: immutable after construction; all const member functions may be called
// concurrently. Copying is cheap enough for start-up (a few hundred entries).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace gk::calendar {

enum class DayKind {
  kHoliday,        // "holiday": a day off inside an announced holiday range (放假)
  kMakeUpWorkday,  // "workday": a Saturday or Sunday that is a working day (调休上班)
};

// Stable persisted strings: "holiday" / "workday". Never change them.
std::string_view day_kind_name(DayKind kind);
std::optional<DayKind> parse_day_kind(std::string_view s);

struct SpecialDay {
  Date date;
  DayKind kind = DayKind::kHoliday;
  std::string name;  // the festival as the notice names it, e.g. "国庆节"

  friend bool operator==(const SpecialDay&, const SpecialDay&) = default;
};

// One line of explain_span(): a day in the span that is not an ordinary Monday–Friday working day.
struct DayExplanation {
  enum class Reason {
    kWeekend,        // ordinary Saturday/Sunday: not counted
    kHoliday,        // statutory holiday (any weekday): not counted
    kMakeUpWorkday,  // weekend day declared a working day: counted
  };
  Date date;
  Reason reason = Reason::kWeekend;
  bool counted = false;         // true only for kMakeUpWorkday
  std::string name;             // festival name for kHoliday / kMakeUpWorkday, empty for kWeekend
  int working_days_so_far = 0;  // working days in (after, date], so a reader can follow the count

  // One Chinese line, e.g. "2024-10-01 星期二 国庆节 放假，不计入（已计 3 个工作日）".
  std::string describe() const;

  friend bool operator==(const DayExplanation&, const DayExplanation&) = default;
};

class WorkingCalendar {
 public:
  // Parses the data/calendar/holidays-cn.csv format: a header line "date,kind,name", then one
  // "YYYY-MM-DD,holiday|workday,name" per line. Everything after the second comma is the name.
  // Blank lines, surrounding whitespace, a UTF-8 BOM and CRLF line ends are tolerated; rows need not
  // be sorted. Errors: InvalidArgument whose message names the first bad line ("第5行（line 5）：…")
  // and whose fields() hold one FieldError{"line N", problem} per bad line (bad header, wrong field
  // count, bad date, unknown kind, empty name, quoted field, invalid UTF-8, a date listed twice —
  // including a holiday on a day also listed as a workday — and a workday on a Monday–Friday).
  [[nodiscard]] static Result<WorkingCalendar> from_csv(std::string_view csv);

  // Same checks for rows that come from elsewhere (e.g. the database); problems name "第N条" (the
  // 1-based position in `days`) instead of a line.
  [[nodiscard]] static Result<WorkingCalendar> from_days(std::vector<SpecialDay> days);

  // Builds from rows that are expected to be valid already (the database keeps date unique).
  // Throws std::invalid_argument, with the same message from_days() would return, if they are
  // not: corrupt calendar rows are a bug, not a user error.
  explicit WorkingCalendar(std::vector<SpecialDay> days);

  // See the coverage rule in the file comment.
  bool covers(int year) const;
  std::vector<int> covered_years() const;  // ascending

  // The special entry for `d`, if any (regardless of coverage).
  std::optional<SpecialDay> special_day(Date d) const;
  // All special days, sorted by date.
  const std::vector<SpecialDay>& special_days() const { return days_; }

  // Mon–Fri minus holidays, plus make-up workdays. FailedPrecondition
  // ("YYYY年的节假日安排尚未导入…") when d's year is not covered.
  [[nodiscard]] Result<bool> is_working_day(Date d) const;

  // The n-th working day strictly after `start` (民法典 Art. 201: the start day is not counted).
  // n == 0 returns `start` unchanged. InvalidArgument for n < 0; FailedPrecondition if the walk
  // reaches a day in an uncovered year. The start day itself need not be covered.
  [[nodiscard]] Result<Date> add_working_days(Date start, int n) const;

  // Number of working days in the half-open interval (after, until]; 0 when until <= after.
  // FailedPrecondition if any day in the interval is in an uncovered year.
  [[nodiscard]] Result<int> working_days_in(Date after, Date until) const;

  // The days in (after, until] that are not ordinary Mon–Fri working days, in date order: ordinary
  // weekends and holidays (not counted) and make-up workdays (counted). Together with
  // working_days_in() this is the derivation of a deadline shown to staff and applicants.
  // Empty when until <= after. FailedPrecondition as for working_days_in().
  [[nodiscard]] Result<std::vector<DayExplanation>> explain_span(Date after, Date until) const;

  // Text for `gongkai calendar show 2024-10`: title "2024年10月", the header "一 二 三 四 五 六 日",
  // a Monday-first grid in which a holiday carries the marker 休 and a make-up workday the marker
  // 班 after its day number, a legend, and one line per special day ("10-01 休 国庆节"). Lines have
  // no trailing spaces; the text ends with '\n'. InvalidArgument for a month outside 1..12 or a year
  // outside 1..9999; FailedPrecondition when the year is not covered.
  [[nodiscard]] Result<std::string> render_month(int year, int month) const;

 private:
  struct SortedUnique {};  // tag: `days` already passed validation and is sorted by date
  WorkingCalendar(std::vector<SpecialDay> days, SortedUnique);

  const SpecialDay* find(Date d) const;
  Status check_covered(Date d) const;
  bool is_working_day_unchecked(Date d) const;

  std::vector<SpecialDay> days_;    // sorted by date, unique dates
  std::vector<int> covered_years_;  // ascending, unique
};

}  // namespace gk::calendar
