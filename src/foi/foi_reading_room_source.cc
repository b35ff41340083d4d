#include "foi/foi_reading_room_source.h"

#include <charconv>

namespace gk::foi {

search::SearchRecord ReadingRoomSearchSource::record_of(const ReadingRoomEntry& e,
                                                        const std::pair<std::string, std::string>& dept) {
  search::SearchRecord r;
  r.kind = std::string(kReadingRoomKind);
  r.id = std::to_string(e.id.value);
  r.title = e.title;
  r.body = e.body;
  r.department_code = dept.first;
  r.department_name = dept.second;
  if (!dept.second.empty()) r.issuers.push_back(dept.second);
  // No genre or topic: those facets classify documents (文种, 主题分类); the type facet names the kind.
  r.in_force = true;
  r.date = e.published_at.local_date();
  r.visible_from = e.published_at;
  r.url = "/foi/reading-room/" + r.id;
  return r;
}

Status ReadingRoomSearchSource::for_each(
    const std::function<Status(std::vector<search::SearchRecord>&&)>& sink) {
  return room_.for_each_public(500, [&](std::vector<ReadingRoomEntry>&& entries) -> Status {
    std::vector<search::SearchRecord> records;
    records.reserve(entries.size());
    for (const auto& e : entries) records.push_back(record_of(e, namer_(e.department)));
    return sink(std::move(records));
  });
}

Result<std::optional<search::SearchRecord>> ReadingRoomSearchSource::get(std::string_view id) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || end != id.data() + id.size() || value <= 0) {
    return std::optional<search::SearchRecord>();
  }
  GK_TRY_ASSIGN(e, room_.public_entry(ReadingRoomEntryId(value)));
  if (!e) return std::optional<search::SearchRecord>();
  return std::optional<search::SearchRecord>(record_of(*e, namer_(e->department)));
}

Result<int64_t> ReadingRoomSearchSource::count() { return room_.count_public(); }

}  // namespace gk::foi
