// The reading room (依申请公开阅览室) and conversions to proactive disclosure (条例 Art. 44): the
// entities and the ports of their store.
//
// A ReadingRoomEntry is information an organ released in reply to a request (outcome 予以公开 or
// 部分公开), published for everyone with the applicant's personal data masked
// (reading_room_masker.h). Entries are never deleted: withdrawing one stamps withdrawn_at and takes
// it off the public pages and the search index. A case has at most one live entry.
//
// A Conversion records that several requests for the same information (conversion.h) became a
// document draft in the document library; each case joins at most one conversion.
//
// Errors of the ports: NotFound for a missing row, Conflict for a second live entry of a case, a
// case already converted or a stale version, Unavailable when the database is down, Internal
// otherwise. Implemented by src/storage (SqlReadingRoomStore). Value types; thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_sink.h"
#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "foi/foi_case.h"
#include "foi/outcome.h"

namespace gk::foi {

using ReadingRoomEntryId = Id<struct ReadingRoomEntryTag>;
using ConversionId = Id<struct ConversionTag>;

struct ReadingRoomEntry {
  ReadingRoomEntryId id;
  FoiCaseId case_id;
  DepartmentId department;
  std::string title;  // masked
  std::string body;   // the released text, masked; plain text, paragraphs separated by newlines
  Outcome outcome = Outcome::kDisclosed;  // kDisclosed or kPartiallyDisclosed
  Date replied_on;                        // the case's closed_on
  int masked_count = 0;
  Instant published_at;
  std::string published_by;  // Principal::actor()
  std::optional<Instant> withdrawn_at;
  std::string withdrawn_by, withdraw_reason;
  int version = 1;
  Instant created_at, updated_at;

  bool live() const { return !withdrawn_at.has_value(); }
};

// Whether information released with this outcome may go to the reading room: 予以公开 and 部分公开
// (rows （一）（二）); every other reply released nothing.
bool releases_information(Outcome o);

struct Conversion {
  ConversionId id;
  DepartmentId department;
  DocumentId document;  // the draft created in the document library
  std::string title;
  std::string created_by;
  Instant created_at;
  std::vector<FoiCaseId> cases;  // ordered by id
};

class ReadingRoomRepository {
 public:
  virtual ~ReadingRoomRepository() = default;

  // ---- The cases (read-only here: the FOI service owns them) ----
  virtual Result<FoiCase> find_case(FoiCaseId id) = 0;
  // Cases that may ask for the same information as others (conversion.h): received on or after
  // `since`, of `department` or of all, not yet part of a conversion, and either still being handled
  // or replied with 予以公开 / 部分公开. Ordered by received_on, id.
  virtual Result<std::vector<FoiCase>> conversion_candidates(std::optional<DepartmentId> department,
                                                             Date since) = 0;

  // ---- Entries ----
  virtual Result<ReadingRoomEntryId> insert_entry(
      const ReadingRoomEntry& e) = 0;  // Conflict: live entry exists
  // Writes the withdrawal fields; optimistic on e.version (bumped).
  virtual Status update_entry(const ReadingRoomEntry& e) = 0;
  virtual Result<ReadingRoomEntry> find_entry(ReadingRoomEntryId id) = 0;
  virtual Result<std::optional<ReadingRoomEntry>> live_entry(FoiCaseId case_id) = 0;
  // Live entries, newest published first (then id descending); and their total.
  virtual Result<std::pair<std::vector<ReadingRoomEntry>, int64_t>> list_live(int64_t offset,
                                                                              int64_t limit) = 0;
  // Live entries with id > after_id, by id, at most `limit` (the search source pages with it).
  virtual Result<std::vector<ReadingRoomEntry>> live_after(ReadingRoomEntryId after_id, int limit) = 0;
  virtual Result<int64_t> count_live() = 0;
  // Writes the outbox row "search:reading_room" with the entry id, in this transaction.
  virtual Status announce_change(ReadingRoomEntryId id, Instant at) = 0;

  // ---- Conversions ----
  // Inserts the conversion and its case links. Conflict when a case already joined one.
  virtual Result<ConversionId> insert_conversion(const Conversion& c) = 0;
  // Newest first, of `department` or of all, at most `limit`.
  virtual Result<std::vector<Conversion>> conversions(std::optional<DepartmentId> department, int limit) = 0;
  // The conversion a case joined, if any.
  virtual Result<std::optional<ConversionId>> conversion_of(FoiCaseId case_id) = 0;
};

class ReadingRoomStore {
 public:
  virtual ~ReadingRoomStore() = default;
  using Work = std::function<Status(ReadingRoomRepository&, audit::AuditSink&)>;
  [[nodiscard]] virtual Status transact(const Work& work) = 0;
  // For work that only reads. Defaults to transact().
  [[nodiscard]] virtual Status read(const Work& work) { return transact(work); }
};

}  // namespace gk::foi
