// ReadingRoomSearchSource: how the reading room (依申请公开阅览室) feeds the site-wide search index —
// every live entry as one SearchRecord of kind "reading_room", linking to /foi/reading-room/<id>.
// Withdrawn entries are not records (get() answers nullopt, so the indexer removes them). Changes
// reach the index through the outbox rows "search:reading_room" that ReadingRoomService writes with
// each publish and withdrawal. Thread-safe when the service is.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "foi/reading_room_service.h"
#include "search/search_source.h"

namespace gk::foi {

// Department code and name, e.g. {"czj", "市财政局"}; the composition root supplies it.
using ReadingRoomDepartmentNamer = std::function<std::pair<std::string, std::string>(DepartmentId)>;

inline constexpr std::string_view kReadingRoomKind = "reading_room";

class ReadingRoomSearchSource final : public search::SearchSource {
 public:
  ReadingRoomSearchSource(ReadingRoomService& room, ReadingRoomDepartmentNamer namer)
      : room_(room), namer_(std::move(namer)) {}

  std::string_view kind() const override { return kReadingRoomKind; }
  [[nodiscard]] Status for_each(
      const std::function<Status(std::vector<search::SearchRecord>&&)>& sink) override;
  [[nodiscard]] Result<std::optional<search::SearchRecord>> get(std::string_view id) override;
  [[nodiscard]] Result<int64_t> count() override;

  // The record of one entry (pure mapping; exposed for tests).
  static search::SearchRecord record_of(const ReadingRoomEntry& e,
                                        const std::pair<std::string, std::string>& dept);

 private:
  ReadingRoomService& room_;
  ReadingRoomDepartmentNamer namer_;
};

}  // namespace gk::foi
