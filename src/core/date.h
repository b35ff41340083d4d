// Date: a calendar day (legal deadlines are counted in these), and Instant: a moment in UTC.
//
// Date is a count of days since 1970-01-01 in the proleptic Gregorian calendar; it has no time zone.
// Instant is microseconds since the Unix epoch, UTC. Government business days are China Standard
// Time (UTC+8, no daylight saving), so Instant::local_date() uses that fixed offset.
// Both are small value types; thread-safe to copy.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gk {

enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Returns nullopt for an impossible date (2023-02-29, month 13, ...).
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Parses exactly "YYYY-MM-DD"; nullopt on anything else.
  static std::optional<Date> parse(std::string_view iso);

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  Weekday weekday() const;
  bool is_weekend() const;

  Date plus_days(int32_t n) const { return Date(days_ + n); }
  std::string to_string() const;  // "YYYY-MM-DD"

  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  constexpr explicit Date(int32_t d) : days_(d) {}
  int32_t days_ = 0;
};

// Days in the given month of the given year (28..31).
int days_in_month(int year, int month);

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_micros(int64_t us) { return Instant(us); }
  static constexpr Instant from_seconds(int64_t s) { return Instant(s * 1'000'000); }

  int64_t micros() const { return us_; }
  int64_t seconds() const { return us_ / 1'000'000; }
  Instant plus_seconds(int64_t s) const { return Instant(us_ + s * 1'000'000); }
  // The calendar day in China Standard Time (UTC+8).
  Date local_date() const;
  // RFC 3339 in UTC with milliseconds, e.g. "2024-10-01T08:00:00.000Z".
  std::string to_string() const;
  // "YYYY-MM-DD HH:MM" in China Standard Time, for pages.
  std::string to_local_display() const;

  friend constexpr auto operator<=>(Instant, Instant) = default;

 private:
  constexpr explicit Instant(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// The world's time, behind a seam: domain code asks a Clock, tests pass a FakeClock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  Date today() const { return now().local_date(); }
};

// A clock tests set by hand. Not thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void set(Instant t) { now_ = t; }
  void advance_seconds(int64_t s) { now_ = now_.plus_seconds(s); }

 private:
  Instant now_;
};

}  // namespace gk
