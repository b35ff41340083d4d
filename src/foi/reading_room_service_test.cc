// ReadingRoomService and ConversionService over an in-memory store (fakes over mocks); the SQL
// store runs the same paths in tests/storage/foi_reading_room_contract_test.cc.
#include "foi/reading_room_service.h"

#include <map>

#include <gtest/gtest.h>

#include "foi/conversion_service.h"
#include "foi/foi_reading_room_source.h"

namespace gk::foi {
namespace {

using accounts::Principal;
using accounts::Role;

const DepartmentId kCzj(2), kJyj(3);

class MemoryRepo final : public ReadingRoomRepository {
 public:
  std::map<int64_t, FoiCase> cases;
  std::map<int64_t, ReadingRoomEntry> entries;
  std::vector<std::pair<std::string, std::string>> outbox;
  std::vector<Conversion> convs;

  Result<FoiCase> find_case(FoiCaseId id) override {
    auto it = cases.find(id.value);
    if (it == cases.end()) return fail(Error::not_found("申请不存在"));
    return it->second;
  }
  Result<std::vector<FoiCase>> conversion_candidates(std::optional<DepartmentId> d, Date since) override {
    std::vector<FoiCase> out;
    for (const auto& [id, c] : cases) {
      if (d && c.department != *d) continue;
      if (c.received_on < since) continue;
      if (c.state == CaseState::kClosed && !(c.outcome && releases_information(*c.outcome))) continue;
      if (conversion_of(c.id)->has_value()) continue;
      out.push_back(c);
    }
    return out;
  }
  Result<ReadingRoomEntryId> insert_entry(const ReadingRoomEntry& e) override {
    for (const auto& [id, x] : entries)
      if (x.case_id == e.case_id && x.live()) return fail(Error::conflict("live"));
    ReadingRoomEntry copy = e;
    copy.id = ReadingRoomEntryId(static_cast<int64_t>(entries.size()) + 1);
    entries[copy.id.value] = copy;
    return copy.id;
  }
  Status update_entry(const ReadingRoomEntry& e) override {
    auto& x = entries.at(e.id.value);
    if (x.version != e.version) return fail(Error::conflict("stale"));
    x = e;
    ++x.version;
    return ok();
  }
  Result<ReadingRoomEntry> find_entry(ReadingRoomEntryId id) override {
    auto it = entries.find(id.value);
    if (it == entries.end()) return fail(Error::not_found("none"));
    return it->second;
  }
  Result<std::optional<ReadingRoomEntry>> live_entry(FoiCaseId c) override {
    for (const auto& [id, x] : entries)
      if (x.case_id == c && x.live()) return std::optional<ReadingRoomEntry>(x);
    return std::optional<ReadingRoomEntry>();
  }
  Result<std::pair<std::vector<ReadingRoomEntry>, int64_t>> list_live(int64_t offset,
                                                                      int64_t limit) override {
    std::vector<ReadingRoomEntry> all;
    for (auto it = entries.rbegin(); it != entries.rend(); ++it)
      if (it->second.live()) all.push_back(it->second);
    std::vector<ReadingRoomEntry> page;
    for (int64_t i = offset; i < static_cast<int64_t>(all.size()) && i < offset + limit; ++i)
      page.push_back(all[i]);
    return std::pair{page, static_cast<int64_t>(all.size())};
  }
  Result<std::vector<ReadingRoomEntry>> live_after(ReadingRoomEntryId after, int limit) override {
    std::vector<ReadingRoomEntry> out;
    for (const auto& [id, x] : entries)
      if (id > after.value && x.live() && static_cast<int>(out.size()) < limit) out.push_back(x);
    return out;
  }
  Result<int64_t> count_live() override { return list_live(0, 1)->second; }
  Status announce_change(ReadingRoomEntryId id, Instant) override {
    outbox.emplace_back("search:reading_room", std::to_string(id.value));
    return ok();
  }
  Result<ConversionId> insert_conversion(const Conversion& c) override {
    for (FoiCaseId id : c.cases)
      if (conversion_of(id)->has_value()) return fail(Error::conflict("converted"));
    Conversion copy = c;
    copy.id = ConversionId(static_cast<int64_t>(convs.size()) + 1);
    convs.push_back(copy);
    return copy.id;
  }
  Result<std::vector<Conversion>> conversions(std::optional<DepartmentId>, int) override { return convs; }
  Result<std::optional<ConversionId>> conversion_of(FoiCaseId id) override {
    for (const auto& c : convs)
      for (FoiCaseId x : c.cases)
        if (x == id) return std::optional<ConversionId>(c.id);
    return std::optional<ConversionId>();
  }
};

class RecordingAudit final : public audit::AuditSink {
 public:
  std::vector<audit::AuditEvent> events;
  Status append(const audit::AuditEvent& e) override {
    events.push_back(e);
    return ok();
  }
};

// Runs work on a copy and commits it only on success, like a transaction.
class MemoryStore final : public ReadingRoomStore {
 public:
  MemoryRepo repo;
  RecordingAudit audit;
  Status transact(const Work& work) override {
    MemoryRepo copy = repo;
    RecordingAudit a;
    GK_TRY_STATUS(work(copy, a));
    repo = std::move(copy);
    for (auto& e : a.events) audit.events.push_back(std::move(e));
    return ok();
  }
};

Principal staff(DepartmentId dept, std::vector<Role> roles) {
  Principal p;
  p.kind = Principal::Kind::kStaff;
  p.user = UserId(7);
  p.display_name = "经办人";
  p.department = dept;
  p.roles = std::move(roles);
  return p;
}

FoiCase closed_case(int64_t id, DepartmentId dept, std::string title, std::optional<Outcome> outcome) {
  FoiCase c;
  c.id = FoiCaseId(id);
  c.tracking_number = "DY2024-00000" + std::to_string(id);
  c.department = dept;
  c.applicant.name = "张三丰";
  c.applicant.id_number = "33078319900101123X";
  c.applicant.phone = "13912345678";
  c.sought.title = std::move(title);
  c.received_on = *Date::from_ymd(2024, 3, 1);
  if (outcome) {
    c.state = CaseState::kClosed;
    c.outcome = outcome;
    c.closed_on = *Date::from_ymd(2024, 3, 20);
  }
  return c;
}

class ReadingRoomServiceTest : public ::testing::Test {
 protected:
  FakeClock clock_{Instant::from_seconds(1'717'000'000)};  // 2024-05-29
  MemoryStore store_;
  ReadingRoomService room_{store_, clock_};
  const RequestContext ctx_{"t", "", ""};
  const Principal officer_ = staff(kCzj, {Role::kFoiOfficer});

  void SetUp() override {
    store_.repo.cases[1] = closed_case(1, kCzj, "东阳市2023年部门预算", Outcome::kDisclosed);
    store_.repo.cases[2] = closed_case(2, kCzj, "某项目审批文件", Outcome::kWithheldInternalAffairs);
    store_.repo.cases[3] = closed_case(3, kCzj, "请公开东阳市财政局2023年部门预算", std::nullopt);
  }
};

TEST_F(ReadingRoomServiceTest, PublishMasksWritesOutboxAndAudits) {
  auto e = room_.publish(
      officer_, FoiCaseId(1),
      {"张三丰申请的2023年部门预算", "经审核，现将预算公开如下（申请人电话13912345678）：……"}, ctx_);
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->title, "***申请的2023年部门预算");
  EXPECT_EQ(e->body.find("13912345678"), std::string::npos);
  EXPECT_EQ(e->masked_count, 2);
  EXPECT_EQ(e->replied_on, *Date::from_ymd(2024, 3, 20));
  ASSERT_EQ(store_.repo.outbox.size(), 1u);
  EXPECT_EQ(store_.repo.outbox[0].second, std::to_string(e->id.value));
  ASSERT_EQ(store_.audit.events.size(), 1u);
  EXPECT_EQ(store_.audit.events[0].action, "foi.reading_room.publish");
  EXPECT_EQ(store_.audit.events[0].summary.find("张三丰"), std::string::npos);

  auto again = room_.publish(officer_, FoiCaseId(1), {"t", "b"}, ctx_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
}

TEST_F(ReadingRoomServiceTest, OnlyDisclosingRepliesAndOnlyTheOfficerOfTheDepartment) {
  auto refused = room_.publish(officer_, FoiCaseId(2), {"t", "b"}, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  auto open = room_.publish(officer_, FoiCaseId(3), {"t", "b"}, ctx_);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code(), ErrorCode::kFailedPrecondition);
  auto other = room_.publish(staff(kJyj, {Role::kFoiOfficer}), FoiCaseId(1), {"t", "b"}, ctx_);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kPermissionDenied);
  auto editor = room_.publish(staff(kCzj, {Role::kEditor}), FoiCaseId(1), {"t", "b"}, ctx_);
  ASSERT_FALSE(editor);
  EXPECT_EQ(editor.error().code(), ErrorCode::kPermissionDenied);
  auto empty = room_.publish(officer_, FoiCaseId(1), {" ", ""}, ctx_);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty.error().fields().size(), 2u);
  EXPECT_TRUE(store_.repo.entries.empty());
  EXPECT_TRUE(store_.audit.events.empty());
}

TEST_F(ReadingRoomServiceTest, WithdrawHidesTheEntryAndAllowsRepublishing) {
  auto e = room_.publish(officer_, FoiCaseId(1), {"2023年部门预算", "正文"}, ctx_);
  ASSERT_TRUE(e);
  ASSERT_TRUE(room_.get_public(e->id));
  EXPECT_EQ(room_.withdraw(officer_, e->id, e->version, "", ctx_).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(room_.withdraw(officer_, e->id, e->version + 1, "错发", ctx_).error().code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(room_.withdraw(officer_, e->id, e->version, "错发", ctx_));
  EXPECT_EQ(room_.get_public(e->id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(room_.list_public(1, 20)->total, 0);
  EXPECT_EQ(store_.repo.outbox.size(), 2u);
  EXPECT_EQ(room_.withdraw(officer_, e->id, e->version + 1, "again", ctx_).error().code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(room_.publish(officer_, FoiCaseId(1), {"2023年部门预算", "更正后的正文"}, ctx_));
  EXPECT_EQ(room_.list_public(1, 20)->total, 1);
}

TEST_F(ReadingRoomServiceTest, SearchSourceMapsLiveEntries) {
  auto e = room_.publish(officer_, FoiCaseId(1), {"2023年部门预算", "正文"}, ctx_);
  ASSERT_TRUE(e);
  ReadingRoomSearchSource source(room_, [](DepartmentId) {
    return std::pair<std::string, std::string>{"czj", "东阳市财政局"};
  });
  EXPECT_EQ(source.kind(), "reading_room");
  auto r = source.get(std::to_string(e->id.value));
  ASSERT_TRUE(r && *r);
  EXPECT_EQ((*r)->url, "/foi/reading-room/" + std::to_string(e->id.value));
  EXPECT_EQ((*r)->department_name, "东阳市财政局");
  EXPECT_FALSE(*source.get("x"));
  int n = 0;
  ASSERT_TRUE(source.for_each([&](std::vector<search::SearchRecord>&& rs) -> Status {
    n += static_cast<int>(rs.size());
    return ok();
  }));
  EXPECT_EQ(n, 1);
  ASSERT_TRUE(room_.withdraw(officer_, e->id, e->version, "撤回", ctx_));
  EXPECT_FALSE(*source.get(std::to_string(e->id.value)));
}

TEST_F(ReadingRoomServiceTest, ConversionDraftsTheReleasedTextAndLinksTheCases) {
  ASSERT_TRUE(
      room_.publish(officer_, FoiCaseId(1), {"2023年部门预算", "预算表全文（联系电话13912345678）"}, ctx_));
  std::vector<ConversionDraft> drafted;
  ConversionService conv(
      store_, clock_,
      [&](const Principal&, const ConversionDraft& d, const RequestContext&) -> Result<DocumentId> {
        drafted.push_back(d);
        return DocumentId(99);
      });
  auto s = conv.suggestions(officer_, std::nullopt);
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(s->size(), 1u);
  ASSERT_EQ((*s)[0].cases.size(), 2u);
  EXPECT_TRUE((*s)[0].released.has_value());
  EXPECT_EQ((*s)[0].title, "2023年部门预算");

  auto other = conv.suggestions(staff(kJyj, {Role::kFoiOfficer}), kCzj);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kPermissionDenied);
  auto too_few = conv.convert(officer_, {FoiCaseId(1)}, ctx_);
  EXPECT_EQ(too_few.error().code(), ErrorCode::kInvalidArgument);
  auto unrelated = conv.convert(officer_, {FoiCaseId(1), FoiCaseId(2)}, ctx_);
  EXPECT_EQ(unrelated.error().code(), ErrorCode::kInvalidArgument);

  auto done = conv.convert(officer_, {FoiCaseId(3), FoiCaseId(1)}, ctx_);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->document, DocumentId(99));
  ASSERT_EQ(drafted.size(), 1u);
  EXPECT_EQ(drafted[0].department, kCzj);
  EXPECT_EQ(drafted[0].title, "2023年部门预算");
  EXPECT_EQ(drafted[0].body_text.find("13912345678"), std::string::npos);
  EXPECT_NE(drafted[0].summary.find("第四十四条"), std::string::npos);
  ASSERT_EQ(store_.repo.convs.size(), 1u);
  EXPECT_EQ(store_.repo.convs[0].cases, (std::vector<FoiCaseId>{FoiCaseId(1), FoiCaseId(3)}));
  EXPECT_EQ(store_.audit.events.back().action, "foi.convert_to_proactive");
  EXPECT_TRUE(conv.suggestions(officer_, std::nullopt)->empty());
  auto twice = conv.convert(officer_, {FoiCaseId(3), FoiCaseId(1)}, ctx_);
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(drafted.size(), 1u);  // checked before drafting
}

}  // namespace
}  // namespace gk::foi
