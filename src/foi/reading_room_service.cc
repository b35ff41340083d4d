#include "foi/reading_room_service.h"

#include <fmt/format.h>

#include "accounts/permission.h"
#include "foi/reading_room_masker.h"

namespace gk::foi {
namespace {

using accounts::Permission;
using accounts::Principal;

audit::AuditEvent audit_event(const Principal& who, DepartmentId dept, std::string target, std::string action,
                              std::string summary, const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  e.department = dept;
  e.action = std::move(action);
  e.target = std::move(target);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

std::string trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// The first `n` characters of UTF-8 text.
std::string head(std::string_view s, size_t n) {
  size_t chars = 0, i = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) break;
      ++chars;
    }
    ++i;
  }
  return std::string(s.substr(0, i));
}

}  // namespace

ReadingRoomService::ReadingRoomService(ReadingRoomStore& store, const Clock& clock)
    : store_(store), clock_(clock) {}

Result<ReadingRoomEntry> ReadingRoomService::publish(const Principal& who, FoiCaseId id,
                                                     const ReadingRoomDraft& draft,
                                                     const RequestContext& ctx) {
  const std::string title = trim(draft.title);
  const std::string body = trim(draft.body);
  std::vector<FieldError> errors;
  if (title.empty())
    errors.push_back({"title", "请填写标题"});
  else if (title.size() > kMaxReadingRoomTitle)
    errors.push_back({"title", "标题过长"});
  if (body.empty())
    errors.push_back({"body", "请填写公开的信息内容"});
  else if (body.size() > kMaxReadingRoomBody)
    errors.push_back({"body", "内容过长"});
  if (!errors.empty()) return fail(Error::invalid("阅览室信息填写有误", std::move(errors)));

  ReadingRoomEntry entry;
  GK_TRY_STATUS(store_.transact([&](ReadingRoomRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(c, repo.find_case(id));
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kHandleFoiCase, c.department));
    if (c.state != CaseState::kClosed || !c.outcome || !c.closed_on || !releases_information(*c.outcome)) {
      return fail(Error::failed_precondition("只有已答复“予以公开”或“部分公开”的申请才能发布到阅览室"));
    }
    MaskedText t = mask_personal_data(title, c.applicant);
    MaskedText b = mask_personal_data(body, c.applicant);
    const Instant now = clock_.now();
    entry.case_id = c.id;
    entry.department = c.department;
    entry.title = std::move(t.text);
    entry.body = std::move(b.text);
    entry.outcome = *c.outcome;
    entry.replied_on = *c.closed_on;
    entry.masked_count = t.replaced + b.replaced;
    entry.published_at = entry.created_at = entry.updated_at = now;
    entry.published_by = who.actor();
    GK_TRY_ASSIGN(entry_id, repo.insert_entry(entry));
    entry.id = entry_id;
    GK_TRY_STATUS(repo.announce_change(entry.id, now));
    return audit.append(audit_event(who, c.department, fmt::format("foi_case:{}", c.id.value),
                                    "foi.reading_room.publish",
                                    fmt::format("发布到依申请公开阅览室：{}（{}，隐去个人信息 {} 处）",
                                                entry.title, c.tracking_number, entry.masked_count),
                                    ctx));
  }));
  return entry;
}

Status ReadingRoomService::withdraw(const Principal& who, ReadingRoomEntryId id, int expected_version,
                                    std::string_view reason, const RequestContext& ctx) {
  const std::string why = trim(reason);
  if (why.empty()) return fail(Error::invalid_field("reason", "请填写撤回原因"));
  if (why.size() > kMaxReadingRoomTitle) return fail(Error::invalid_field("reason", "撤回原因过长"));
  return store_.transact([&](ReadingRoomRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(e, repo.find_entry(id));
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kHandleFoiCase, e.department));
    if (!e.live()) return fail(Error::conflict("该信息已撤回"));
    if (e.version != expected_version) return fail(Error::conflict("该信息已被他人修改，请刷新后重试"));
    const Instant now = clock_.now();
    e.withdrawn_at = now;
    e.withdrawn_by = who.actor();
    e.withdraw_reason = why;
    e.updated_at = now;
    GK_TRY_STATUS(repo.update_entry(e));
    GK_TRY_STATUS(repo.announce_change(e.id, now));
    return audit.append(audit_event(
        who, e.department, fmt::format("foi_case:{}", e.case_id.value), "foi.reading_room.withdraw",
        fmt::format("撤回阅览室信息 {}：{}（{}）", e.id.value, e.title, why), ctx));
  });
}

Result<ReadingRoomForm> ReadingRoomService::form(const Principal& who, FoiCaseId id) {
  ReadingRoomForm f;
  GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(c, repo.find_case(id));
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases, c.department));
    f.case_id = c.id;
    f.tracking_number = c.tracking_number;
    f.department = c.department;
    f.outcome = c.outcome;
    f.replied_on = c.closed_on;
    f.publishable = c.state == CaseState::kClosed && c.outcome && releases_information(*c.outcome);
    std::string sought =
        !trim(c.sought.title).empty() ? trim(c.sought.title) : head(trim(c.sought.description), 60);
    f.suggested_title = mask_personal_data(sought, c.applicant).text;
    GK_TRY_ASSIGN(live, repo.live_entry(c.id));
    f.live = std::move(live);
    return ok();
  }));
  return f;
}

Result<ReadingRoomPage> ReadingRoomService::list_public(int page, int per_page) {
  if (page < 1) return fail(Error::invalid_field("page", "页码须为正整数"));
  if (per_page < 1 || per_page > kMaxReadingRoomPerPage) {
    return fail(
        Error::invalid_field("per_page", fmt::format("每页条数须在 1 至 {} 之间", kMaxReadingRoomPerPage)));
  }
  ReadingRoomPage out;
  out.page = page;
  out.per_page = per_page;
  GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(rows, repo.list_live(int64_t{page - 1} * per_page, per_page));
    out.items = std::move(rows.first);
    out.total = rows.second;
    return ok();
  }));
  return out;
}

Result<ReadingRoomEntry> ReadingRoomService::get_public(ReadingRoomEntryId id) {
  GK_TRY_ASSIGN(e, public_entry(id));
  if (!e) return fail(Error::not_found("该信息不存在或已撤回"));
  return std::move(*e);
}

Status ReadingRoomService::for_each_public(
    int batch, const std::function<Status(std::vector<ReadingRoomEntry>&&)>& sink) {
  ReadingRoomEntryId after;
  for (;;) {
    std::vector<ReadingRoomEntry> rows;
    GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
      GK_TRY_ASSIGN(part, repo.live_after(after, batch));
      rows = std::move(part);
      return ok();
    }));
    if (rows.empty()) return ok();
    after = rows.back().id;
    const bool last = static_cast<int>(rows.size()) < batch;
    GK_TRY_STATUS(sink(std::move(rows)));
    if (last) return ok();
  }
}

Result<std::optional<ReadingRoomEntry>> ReadingRoomService::public_entry(ReadingRoomEntryId id) {
  std::optional<ReadingRoomEntry> out;
  GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
    auto e = repo.find_entry(id);
    if (!e) {
      if (e.error().code() == ErrorCode::kNotFound) return ok();
      return fail(e.error());
    }
    if (e->live()) out = std::move(*e);
    return ok();
  }));
  return out;
}

Result<int64_t> ReadingRoomService::count_public() {
  int64_t n = 0;
  GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(count, repo.count_live());
    n = count;
    return ok();
  }));
  return n;
}

}  // namespace gk::foi
