// ReadingRoomService: the use cases of the reading room (依申请公开阅览室, issue 5 item 5) —
// publishing information released in reply to a request with personal data masked, withdrawing it,
// and reading it on the portal and for the search index.
//
// Permission: publishing and withdrawing need kHandleFoiCase for the case's department (the FOI
// officer; city-wide principals for any). Only a case closed with 予以公开 or 部分公开 may be
// published (FailedPrecondition otherwise). Each publish and withdrawal writes the entry, its outbox
// row "search:reading_room" and one audit row in one transaction (ReadingRoomStore::transact).
// Reading live entries needs no principal.
//
// Thread-safe when the store is.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "foi/reading_room.h"

namespace gk::foi {

// What the officer typed. The service masks both before storing.
struct ReadingRoomDraft {
  std::string title;
  std::string body;
};

inline constexpr size_t kMaxReadingRoomTitle = 300;     // bytes
inline constexpr size_t kMaxReadingRoomBody = 200'000;  // bytes
inline constexpr int kMaxReadingRoomPerPage = 100;

struct ReadingRoomPage {
  std::vector<ReadingRoomEntry> items;  // newest first
  int64_t total = 0;
  int page = 1;
  int per_page = 20;
};

// The publish form of one case: what the officer starts from.
struct ReadingRoomForm {
  FoiCaseId case_id;
  std::string tracking_number;
  DepartmentId department;
  std::optional<Outcome> outcome;
  std::optional<Date> replied_on;
  bool publishable = false;              // closed with 予以公开 / 部分公开
  std::string suggested_title;           // the information sought (title, else description), masked
  std::optional<ReadingRoomEntry> live;  // the entry already published, if any
};

class ReadingRoomService {
 public:
  ReadingRoomService(ReadingRoomStore& store, const Clock& clock);

  // Publishes the released information of case `id`. InvalidArgument on "title" / "body" (missing or
  // too long; nothing stored); FailedPrecondition unless the case is closed with 予以公开 / 部分公开;
  // Conflict when the case already has a live entry; PermissionDenied without kHandleFoiCase for the
  // case's department. Returns the stored (masked) entry.
  [[nodiscard]] Result<ReadingRoomEntry> publish(const accounts::Principal& who, FoiCaseId id,
                                                 const ReadingRoomDraft& draft, const RequestContext& ctx);
  // Takes entry `id` off the portal and the index. InvalidArgument on "reason" when empty;
  // Conflict for a stale version or an entry already withdrawn; same permission as publish.
  [[nodiscard]] Status withdraw(const accounts::Principal& who, ReadingRoomEntryId id, int expected_version,
                                std::string_view reason, const RequestContext& ctx);
  // The publish form for case `id` (kViewFoiCases for its department).
  [[nodiscard]] Result<ReadingRoomForm> form(const accounts::Principal& who, FoiCaseId id);

  // ---- Public reading ----
  // page ≥ 1, 1 ≤ per_page ≤ kMaxReadingRoomPerPage (InvalidArgument otherwise).
  [[nodiscard]] Result<ReadingRoomPage> list_public(int page, int per_page);
  // NotFound unless live.
  [[nodiscard]] Result<ReadingRoomEntry> get_public(ReadingRoomEntryId id);

  // ---- For the search index (foi_reading_room_source.h) ----
  [[nodiscard]] Status for_each_public(int batch,
                                       const std::function<Status(std::vector<ReadingRoomEntry>&&)>& sink);
  [[nodiscard]] Result<std::optional<ReadingRoomEntry>> public_entry(ReadingRoomEntryId id);
  [[nodiscard]] Result<int64_t> count_public();

 private:
  ReadingRoomStore& store_;
  const Clock& clock_;
};

}  // namespace gk::foi
