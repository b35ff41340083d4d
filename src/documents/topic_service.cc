#include "documents/topic_service.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/utf8.h"

namespace gk::documents {
namespace {

using accounts::Principal;
using accounts::Role;

constexpr std::string_view kTopicPrefix = "topic_";
constexpr size_t kMaxKeySuffix = 40;
constexpr size_t kMaxNameCodePoints = 30;
constexpr int kMaxCycleDays = 3650;

Status may_manage_topics(const Principal& who) {
  if (who.kind == Principal::Kind::kSystem || who.has_role(Role::kAdmin) || who.has_role(Role::kSupervisor))
    return ok();
  return fail(Error::permission_denied("只有系统管理员或政务公开办可以管理专题栏目"));
}

audit::AuditEvent topic_event(const Principal& who, ColumnId id, std::string action, std::string summary,
                              const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  e.action = std::move(action);
  e.target = fmt::format("column:{}", id.value);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

}  // namespace

Result<Column> parse_topic(const TopicDraft& d) {
  std::vector<FieldError> errors;
  Column c;
  c.key = trim(d.key);
  const std::string_view suffix = std::string_view(c.key).substr(std::min(c.key.size(), kTopicPrefix.size()));
  const bool key_ok = c.key.starts_with(kTopicPrefix) && !suffix.empty() && suffix.size() <= kMaxKeySuffix &&
                      std::all_of(suffix.begin(), suffix.end(), [](char ch) {
                        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
                      });
  if (!key_ok)
    errors.push_back({"key", "栏目标识应为 topic_ 加 1 至 40 个小写字母、数字或下划线，例如 topic_epidemic"});
  c.name = trim(d.name);
  if (c.name.empty())
    errors.push_back({"name", "请填写栏目名称"});
  else if (!is_valid_utf8(c.name) || utf8_length(c.name) > kMaxNameCodePoints)
    errors.push_back({"name", "栏目名称不能超过 30 字"});
  if (const std::string cycle = trim(d.update_cycle_days); !cycle.empty()) {
    int days = 0;
    auto [p, ec] = std::from_chars(cycle.data(), cycle.data() + cycle.size(), days);
    if (ec != std::errc() || p != cycle.data() + cycle.size() || days < 1 || days > kMaxCycleDays) {
      errors.push_back({"update_cycle_days", "更新周期应为 1 至 3650 之间的天数，或留空"});
    } else {
      c.update_cycle_days = days;
    }
  }
  c.featured = d.featured;
  if (!errors.empty()) return fail(Error::invalid("专题栏目信息有误，请修改标记的字段", std::move(errors)));
  return c;
}

TopicService::TopicService(DocumentStore& store) : store_(store) {}

Result<ColumnId> TopicService::create(const Principal& who, const TopicDraft& draft,
                                      const RequestContext& ctx) {
  GK_TRY_STATUS(may_manage_topics(who));
  GK_TRY_ASSIGN(column, parse_topic(draft));
  ColumnId id;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(existing, repo.city_columns());
    int order = 0;
    for (const auto& c : existing) {
      if (c.key == column.key)
        return fail(Error::invalid_field("key", "栏目标识 " + column.key + " 已被使用"));
      order = std::max(order, c.sort_order);
    }
    column.sort_order = order + 1;
    GK_TRY_ASSIGN(inserted, repo.insert_column(column));
    id = inserted;
    return audit.append(topic_event(who, id, "column.topic_create",
                                    fmt::format("新建专题栏目“{}”（{}）{}", column.name, column.key,
                                                column.featured ? "，在首页展示" : ""),
                                    ctx));
  }));
  return id;
}

Status TopicService::set_featured(const Principal& who, ColumnId id, bool featured,
                                  const RequestContext& ctx) {
  GK_TRY_STATUS(may_manage_topics(who));
  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(existing, repo.city_columns());
    auto it = std::find_if(existing.begin(), existing.end(), [&](const Column& c) { return c.id == id; });
    if (it == existing.end()) return fail(Error::not_found("专题栏目不存在"));
    if (it->featured == featured) return ok();
    GK_TRY_STATUS(repo.set_column_featured(id, featured));
    return audit.append(
        topic_event(who, id, featured ? "column.feature" : "column.unfeature",
                    fmt::format("{}专题栏目“{}”", featured ? "在首页展示" : "取消首页展示", it->name), ctx));
  });
}

Result<std::vector<Column>> TopicService::list() {
  std::vector<Column> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(c, repo.city_columns());
    out = std::move(c);
    return ok();
  }));
  return out;
}

Result<std::vector<Column>> TopicService::featured() {
  GK_TRY_ASSIGN(all, list());
  std::vector<Column> out;
  for (auto& c : all)
    if (c.featured) out.push_back(std::move(c));
  return out;
}

Result<Column> TopicService::find(std::string_view key) {
  GK_TRY_ASSIGN(all, list());
  for (auto& c : all)
    if (c.key == key) return std::move(c);
  return fail(Error::not_found("没有找到该专题栏目。"));
}

}  // namespace gk::documents
