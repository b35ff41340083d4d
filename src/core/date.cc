#include "core/date.h"

#include <fmt/format.h>

namespace gk {
namespace {

// Civil-from-days and days-from-civil: the era-based algorithms (400-year cycles of 146097 days)
// described in H. Hinnant's "chrono-compatible low-level date algorithms".
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Ymd {
  int y;
  unsigned m;
  unsigned d;
};

Ymd civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int64_t kChinaOffsetSeconds = 8 * 3600;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  return Date(static_cast<int32_t>(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))));
}

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return from_ymd(y, m, d);
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return static_cast<int>(civil_from_days(days_).m); }
int Date::day() const { return static_cast<int>(civil_from_days(days_).d); }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const int64_t w = ((static_cast<int64_t>(days_) % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<Weekday>(w + 1);
}

bool Date::is_weekend() const {
  const Weekday w = weekday();
  return w == Weekday::kSaturday || w == Weekday::kSunday;
}

std::string Date::to_string() const {
  const Ymd c = civil_from_days(days_);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.y, c.m, c.d);
}

Date Instant::local_date() const {
  const int64_t secs = floor_div(us_, 1'000'000) + kChinaOffsetSeconds;
  return Date::from_days(static_cast<int32_t>(floor_div(secs, 86400)));
}

std::string Instant::to_string() const {
  const int64_t secs = floor_div(us_, 1'000'000);
  const int64_t ms = (us_ - secs * 1'000'000) / 1000;
  const int64_t day = floor_div(secs, 86400);
  const int64_t sod = secs - day * 86400;
  const Ymd c = civil_from_days(day);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", c.y, c.m, c.d, sod / 3600,
                     (sod / 60) % 60, sod % 60, ms);
}

std::string Instant::to_local_display() const {
  const int64_t secs = floor_div(us_, 1'000'000) + kChinaOffsetSeconds;
  const int64_t day = floor_div(secs, 86400);
  const int64_t sod = secs - day * 86400;
  const Ymd c = civil_from_days(day);
  return fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}", c.y, c.m, c.d, sod / 3600, (sod / 60) % 60);
}

}  // namespace gk
