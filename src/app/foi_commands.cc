// `gongkai foi deadline` and `gongkai foi fee`: the legal clock and the fee rules as command-line
// contracts (issue 5). Other tools and tests depend on the exact JSON shapes documented in
// commands.h.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "app/app.h"
#include "app/commands.h"
#include "foi/deadline.h"
#include "foi/fee.h"

namespace gk::app {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

int usage_error(const Error& e) {
  std::string field = e.fields().empty() ? "" : e.fields().front().field + ": ";
  fmt::print(stderr, "gongkai: invalid input: {}{}\n", field, e.message());
  return kExitUsage;
}

// The calendar the clock counts on: the database's (which holds years staff imported) when this
// configuration has a database already, else the shipped data/calendar/holidays-cn.csv — so the
// command also works on a machine with no data directory.
Result<std::shared_ptr<const calendar::WorkingCalendar>> clock_calendar(const Config& config) {
  const std::string url = config.database_url();
  const bool sqlite = url.starts_with("sqlite://");
  if (!sqlite || fs::exists(url.substr(std::string_view("sqlite://").size()))) {
    GK_TRY_ASSIGN(app, App::open(config));
    GK_TRY_STATUS(app->check_schema_current());
    GK_TRY_STATUS(app->calendar().reload());
    auto cal = app->calendar().current();
    if (cal && !cal->covered_years().empty()) return cal;
  }
  const fs::path share = config.share_dir.empty() ? fs::path(GK_DEFAULT_SHARE_DIR) : fs::path(config.share_dir);
  std::ifstream in(share / "data/calendar/holidays-cn.csv", std::ios::binary);
  if (!in) return fail(Error::failed_precondition("cannot read " + (share / "data/calendar/holidays-cn.csv").string()));
  std::stringstream ss;
  ss << in.rdbuf();
  GK_TRY_ASSIGN(cal, calendar::WorkingCalendar::from_csv(ss.str()));
  return std::make_shared<const calendar::WorkingCalendar>(std::move(cal));
}

Result<std::optional<Date>> date_field(const json::object& o, std::string_view key, std::string field) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<Date>();
  if (!it->value().is_string()) return fail(Error::invalid_field(field, "应为 YYYY-MM-DD 格式的日期字符串"));
  auto d = Date::parse(std::string(it->value().as_string()));
  if (!d) return fail(Error::invalid_field(field, "不是有效日期（YYYY-MM-DD）"));
  return std::optional<Date>(*d);
}

Result<foi::ClockInput> parse_clock_input(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return fail(Error::invalid_field("input", "标准输入应为一个 JSON 对象"));
  const auto& o = v.as_object();
  foi::ClockInput in;
  auto ch = o.find("channel");
  if (ch == o.end() || !ch->value().is_string()) return fail(Error::invalid_field("channel", "缺少 channel"));
  auto channel = foi::parse_channel(std::string(ch->value().as_string()));
  if (!channel) {
    return fail(Error::invalid_field("channel", "channel 应为 in_person、post_signed、post_unsigned、online、fax 或 email"));
  }
  in.channel = *channel;
  GK_TRY_ASSIGN(submitted, date_field(o, "submitted", "submitted"));
  GK_TRY_ASSIGN(signed_on, date_field(o, "signed", "signed"));
  GK_TRY_ASSIGN(confirmed, date_field(o, "confirmed", "confirmed"));
  in.submitted = submitted;
  in.signed_on = signed_on;
  in.confirmed = confirmed;
  if (auto ev = o.find("events"); ev != o.end() && !ev->value().is_null()) {
    if (!ev->value().is_array()) return fail(Error::invalid_field("events", "events 应为数组"));
    size_t i = 0;
    for (const auto& e : ev->value().as_array()) {
      const std::string base = fmt::format("events[{}]", i);
      if (!e.is_object()) return fail(Error::invalid_field(base, "每个事件应为 {\"type\", \"date\"} 对象"));
      const auto& eo = e.as_object();
      auto t = eo.find("type");
      if (t == eo.end() || !t->value().is_string()) return fail(Error::invalid_field(base + ".type", "缺少事件类型"));
      auto type = foi::parse_clock_event(std::string(t->value().as_string()));
      if (!type) return fail(Error::invalid_field(base + ".type", "未知的事件类型"));
      GK_TRY_ASSIGN(date, date_field(eo, "date", base + ".date"));
      if (!date) return fail(Error::invalid_field(base + ".date", "缺少事件日期"));
      in.events.push_back({*type, *date});
      ++i;
    }
  }
  return in;
}

json::value date_or_null(const std::optional<Date>& d) { return d ? json::value(d->to_string()) : json::value(nullptr); }

}  // namespace

int cmd_foi_deadline(const Config& config) {
  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  auto input = parse_clock_input(text);
  if (!input) return usage_error(input.error());
  auto cal = clock_calendar(config);
  if (!cal) {
    fmt::print(stderr, "gongkai: {}\n", cal.error().to_string());
    return kExitFailure;
  }
  auto r = foi::compute_clock(*input, **cal);
  if (!r) {
    if (r.error().code() == ErrorCode::kInvalidArgument) return usage_error(r.error());
    fmt::print(stderr, "gongkai: {}\n", r.error().message());
    return kExitFailure;
  }
  json::object out;
  out["channel"] = std::string(foi::channel_key(input->channel));
  out["receipt_date"] = r->receipt_date.to_string();
  out["clock_start"] = r->clock_start.to_string();
  out["base_due"] = date_or_null(r->base_due);
  out["due"] = date_or_null(r->due);
  out["extended"] = r->extended;
  out["paused_working_days"] = r->paused_working_days;
  out["state"] = std::string(foi::clock_state_key(r->state));
  out["supplement_notice_due"] = date_or_null(r->supplement_notice_due);
  out["fee_payment_due"] = date_or_null(r->fee_payment_due);
  json::array warnings;
  for (const auto& w : r->warnings) warnings.emplace_back(w);
  out["warnings"] = std::move(warnings);
  std::string explanation;
  for (const auto& line : r->explanation) explanation += (explanation.empty() ? "" : "\n") + line;
  out["explanation"] = explanation;
  fmt::print("{}\n", json::serialize(out));
  return kExitOk;
}

int cmd_foi_fee(const std::string& method_key, std::optional<int64_t> count, std::optional<int64_t> pages) {
  auto method = foi::parse_fee_method(method_key);
  if (!method) return usage_error(Error::invalid_field("method", "method 应为 per_request 或 per_page"));
  // 国办函〔2020〕109号 Art. 3: one method per application.
  if (*method == foi::FeeMethod::kPerRequest && (pages || !count)) {
    return usage_error(Error::invalid_field("count", "按件计收须给出 --count，且不能同时给出 --pages"));
  }
  if (*method == foi::FeeMethod::kPerPage && (count || !pages)) {
    return usage_error(Error::invalid_field("pages", "按量计收须给出 --pages，且不能同时给出 --count"));
  }
  auto fee = foi::compute_fee(*method, *method == foi::FeeMethod::kPerRequest ? *count : *pages);
  if (!fee) return usage_error(fee.error());
  json::array tiers;
  for (const auto& t : fee->tiers) {
    json::object o;
    o["from"] = t.from;
    o["to"] = t.to;
    o["units"] = t.units;
    o["rate"] = t.rate_yuan;
    o["amount"] = t.amount_yuan;
    tiers.push_back(std::move(o));
  }
  json::object out;
  out["method"] = std::string(foi::fee_method_key(fee->method));
  out["units"] = fee->units;
  out["total"] = fee->total_yuan;
  out["tiers"] = std::move(tiers);
  fmt::print("{}\n", json::serialize(out));
  return kExitOk;
}

}  // namespace gk::app
