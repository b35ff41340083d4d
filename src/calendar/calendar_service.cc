#include "calendar/calendar_service.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "accounts/permission.h"

namespace gk::calendar {

Status CalendarService::reload() {
  std::vector<SpecialDay> days;
  GK_TRY_STATUS(store_.read([&](CalendarRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(loaded, repo.load_days());
    days = std::move(loaded);
    return ok();
  }));
  GK_TRY_ASSIGN(cal, WorkingCalendar::from_days(std::move(days)));
  std::lock_guard lock(mu_);
  current_ = std::make_shared<const WorkingCalendar>(std::move(cal));
  return ok();
}

std::shared_ptr<const WorkingCalendar> CalendarService::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

Result<ImportSummary> CalendarService::import_csv(const accounts::Principal& actor, std::string_view csv,
                                                  std::string_view source, const RequestContext& ctx) {
  GK_TRY_STATUS(accounts::authorize(&actor, accounts::Permission::kManageCalendar));
  GK_TRY_ASSIGN(incoming, WorkingCalendar::from_csv(csv));
  ImportSummary summary;
  summary.rows = static_cast<int>(incoming.special_days().size());
  std::optional<WorkingCalendar> merged;
  GK_TRY_STATUS(store_.transact([&](CalendarRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(stored, repo.load_days());
    std::map<int32_t, SpecialDay> by_date;
    for (auto& d : stored) by_date[d.date.days()] = std::move(d);
    for (const auto& d : incoming.special_days()) by_date[d.date.days()] = d;
    std::vector<SpecialDay> all;
    all.reserve(by_date.size());
    for (auto& [_, d] : by_date) all.push_back(std::move(d));
    GK_TRY_ASSIGN(cal, WorkingCalendar::from_days(std::move(all)));
    const auto before = current()->covered_years();
    for (int y : cal.covered_years()) {
      if (std::find(before.begin(), before.end(), y) == before.end()) summary.new_years.push_back(y);
    }
    summary.covered_years = cal.covered_years();
    GK_TRY_STATUS(repo.upsert_days(incoming.special_days(), source));
    audit::AuditEvent e;
    e.actor = actor.actor();
    if (actor.kind == accounts::Principal::Kind::kStaff) e.department = actor.department;
    e.action = "calendar.import";
    e.target = "calendar";
    e.summary = fmt::format("导入节假日安排 {} 条（来源：{}）", summary.rows, source.empty() ? "未注明" : source);
    e.request_id = ctx.request_id;
    e.ip = ctx.ip;
    GK_TRY_STATUS(audit.append(e));
    merged = std::move(cal);
    return ok();
  }));
  std::lock_guard lock(mu_);
  current_ = std::make_shared<const WorkingCalendar>(std::move(*merged));
  return summary;
}

}  // namespace gk::calendar
