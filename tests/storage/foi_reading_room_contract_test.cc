// The reading room and conversions to proactive disclosure over SQL (ReadingRoomService,
// ConversionService, SqlReadingRoomStore, the real DocumentService as drafter), every body on SQLite
// and PostgreSQL: publish masks and writes its outbox row and audit row in one transaction; a second
// live entry is a Conflict; withdrawal hides the entry; the public list is newest first and paged;
// conversion creates a document draft and links the cases once; permissions.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "foi/conversion_drafter.h"
#include "foi/conversion_service.h"
#include "foi/foi_reading_room_source.h"
#include "foi/foi_service.h"
#include "foi/reading_room_service.h"
#include "library_fixture.h"
#include "storage/repos/sql_foi_store.h"
#include "storage/repos/sql_reading_room_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using foi::CaseEventType;

class FoiReadingRoomTest : public LibraryTest {
 protected:
  void SetUp() override {
    clock_.set(Instant::from_seconds(1'730'426'400));  // 2024-11-01 10:00 CST
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_NE(real_calendar(), nullptr) << "data/calendar/holidays-cn.csv not found (GK_SOURCE_DIR)";
    foi_store_ = std::make_unique<storage::SqlFoiStore>(db(), clock_);
    foi_ = std::make_unique<foi::FoiService>(*foi_store_, clock_, [] { return real_calendar(); });
    room_store_ = std::make_unique<storage::SqlReadingRoomStore>(db(), clock_);
    room_ = std::make_unique<foi::ReadingRoomService>(*room_store_, clock_);
    conversions_ = std::make_unique<foi::ConversionService>(
        *room_store_, clock_,
        foi::make_document_drafter(*documents_, [](DepartmentId) { return "东阳市财政局"; }));
  }
  void TearDown() override {
    conversions_.reset();
    room_.reset();
    room_store_.reset();
    foi_.reset();
    foi_store_.reset();
    LibraryTest::TearDown();
  }

  Principal officer(DepartmentId dept) {
    return staff(11, "经办人", dept, {Role::kFoiOfficer, Role::kEditor});
  }
  Principal officer_only(DepartmentId dept) { return staff(15, "经办人乙", dept, {Role::kFoiOfficer}); }
  Principal approver(DepartmentId dept) { return staff(12, "机构负责人", dept, {Role::kFoiApprover}); }
  Principal reviewer(DepartmentId dept) { return staff(13, "法律顾问", dept, {Role::kLegalReviewer}); }

  // A case received on `received` for `title`, replied with `outcome` (or left open when nullopt).
  FoiCaseId replied_case(const char* received, std::string title, std::optional<foi::Outcome> outcome) {
    foi::IntakeForm f;
    f.department = czj_;
    f.applicant_type = "natural_person";
    f.name = "张小明";
    f.id_kind = "resident_id";
    f.id_number = "11010519491231002X";
    f.phone = "13812345678";
    f.email = "zhang@example.com";
    f.address = "浙江省东阳市吴宁街道艺海路1号";
    f.title = std::move(title);
    f.form = "email";
    f.delivery = "email";
    f.channel = "in_person";
    f.submitted = received;
    const Principal who = officer(czj_);
    auto r = foi_->submit(&who, f, ctx_);
    EXPECT_TRUE(r) << describe(r.error());
    if (!r || !outcome) return r ? r->id : FoiCaseId();
    auto step = [&](const Principal& p, CaseEventType t, const char* date, foi::EventData data = {}) {
      auto v = foi_->get(p, r->id, ctx_);
      foi::NewEvent e;
      e.type = t;
      e.date = *Date::parse(date);
      e.data = std::move(data);
      auto done = foi_->record_event(p, r->id, v ? v->foi_case.version : -1, e, ctx_);
      EXPECT_TRUE(done) << describe(done.error());
    };
    foi::EventData o;
    o.outcome = outcome;
    step(officer(czj_), CaseEventType::kDraftReply, "2024-10-28", o);
    step(reviewer(czj_), CaseEventType::kLegalReviewPassed, "2024-10-29");
    step(approver(czj_), CaseEventType::kApproved, "2024-10-29");
    foi::EventData delivery;
    delivery.delivery = foi::Delivery::kEmail;
    step(officer(czj_), CaseEventType::kReplied, "2024-10-30", delivery);
    return r->id;
  }

  int64_t count(const std::string& sql) {
    auto lease = db().acquire();
    if (!lease) return -1;
    auto rs = (*lease)->query(sql);
    return rs ? rs->rows.at(0).get_int(0) : -1;
  }

  std::unique_ptr<storage::SqlFoiStore> foi_store_;
  std::unique_ptr<foi::FoiService> foi_;
  std::unique_ptr<storage::SqlReadingRoomStore> room_store_;
  std::unique_ptr<foi::ReadingRoomService> room_;
  std::unique_ptr<foi::ConversionService> conversions_;
};

TEST_P(FoiReadingRoomTest, PublishMasksAndWritesOutboxAndAuditInOneTransaction) {
  const FoiCaseId id = replied_case("2024-10-08", "东阳市2023年部门预算", foi::Outcome::kDisclosed);
  const int64_t audit_before = count("SELECT COUNT(*) FROM audit_log");
  auto e = room_->publish(
      officer(czj_), id,
      {"2023年部门预算（张小明申请）",
       "预算如下。\n申请人身份证 11010519491231002X，手机13812345678，另一联系人13912345678。"},
      ctx_);
  ASSERT_TRUE(e) << describe(e.error());
  EXPECT_EQ(e->title, "2023年部门预算（***申请）");
  EXPECT_EQ(e->body.find("11010519491231002X"), std::string::npos);
  EXPECT_EQ(e->body.find("13812345678"), std::string::npos);
  EXPECT_EQ(e->body.find("13912345678"), std::string::npos);
  EXPECT_EQ(e->masked_count, 4);
  EXPECT_EQ(e->replied_on, *Date::parse("2024-10-30"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'search:reading_room'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log") - audit_before, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'foi.reading_room.publish'"), 1);

  auto stored = room_->get_public(e->id);
  ASSERT_TRUE(stored) << describe(stored.error());
  EXPECT_EQ(stored->body, e->body);
  EXPECT_EQ(stored->outcome, foi::Outcome::kDisclosed);

  auto again = room_->publish(officer(czj_), id, {"t", "b"}, ctx_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'search:reading_room'"), 1);  // rolled back
}

TEST_P(FoiReadingRoomTest, OnlyDisclosedCasesAndOnlyTheirDepartmentsOfficer) {
  const FoiCaseId refused =
      replied_case("2024-10-08", "内部会议纪要", foi::Outcome::kWithheldInternalAffairs);
  const FoiCaseId open = replied_case("2024-10-09", "2023年部门决算", std::nullopt);
  const FoiCaseId ok_case = replied_case("2024-10-10", "2023年部门预算", foi::Outcome::kPartiallyDisclosed);
  EXPECT_EQ(room_->publish(officer(czj_), refused, {"t", "b"}, ctx_).error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(room_->publish(officer(czj_), open, {"t", "b"}, ctx_).error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(room_->publish(officer(sfb_), ok_case, {"t", "b"}, ctx_).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(room_->publish(approver(czj_), ok_case, {"t", "b"}, ctx_).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(room_->publish(officer(czj_), FoiCaseId(999999), {"t", "b"}, ctx_).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_reading_room"), 0);
  auto form = room_->form(officer(czj_), ok_case);
  ASSERT_TRUE(form) << describe(form.error());
  EXPECT_TRUE(form->publishable);
  EXPECT_EQ(form->suggested_title, "2023年部门预算");
  EXPECT_FALSE(room_->form(officer(czj_), refused)->publishable);
}

TEST_P(FoiReadingRoomTest, WithdrawListAndSearchSource) {
  std::vector<foi::ReadingRoomEntry> published;
  const char* titles[] = {"2021年部门预算", "2022年部门预算", "2023年部门预算"};
  for (int i = 0; i < 3; ++i) {
    const FoiCaseId id = replied_case("2024-10-08", titles[i], foi::Outcome::kDisclosed);
    auto e = room_->publish(officer(czj_), id, {titles[i], "正文"}, ctx_);
    ASSERT_TRUE(e) << describe(e.error());
    published.push_back(*e);
    clock_.advance_seconds(60);
  }
  auto page = room_->list_public(1, 2);
  ASSERT_TRUE(page) << describe(page.error());
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].title, "2023年部门预算");  // newest first
  EXPECT_EQ(page->items[1].title, "2022年部门预算");
  EXPECT_EQ(room_->list_public(2, 2)->items.size(), 1u);
  EXPECT_FALSE(room_->list_public(0, 2));

  foi::ReadingRoomSearchSource source(*room_, [](DepartmentId) {
    return std::pair<std::string, std::string>{"czj", "东阳市财政局"};
  });
  EXPECT_EQ(*source.count(), 3);

  const auto& first = published[0];
  EXPECT_EQ(room_->withdraw(officer(sfb_), first.id, first.version, "错发", ctx_).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(room_->withdraw(officer(czj_), first.id, first.version + 5, "错发", ctx_).error().code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(room_->withdraw(officer(czj_), first.id, first.version, "错发", ctx_));
  EXPECT_EQ(room_->get_public(first.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(room_->list_public(1, 20)->total, 2);
  EXPECT_FALSE(*source.get(std::to_string(first.id.value)));
  EXPECT_TRUE(*source.get(std::to_string(published[1].id.value)));
  int seen = 0;
  ASSERT_TRUE(source.for_each([&](std::vector<search::SearchRecord>&& rs) -> Status {
    seen += static_cast<int>(rs.size());
    return ok();
  }));
  EXPECT_EQ(seen, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'search:reading_room'"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'foi.reading_room.withdraw'"), 1);
  // A withdrawn entry's case may be published again.
  ASSERT_TRUE(room_->publish(officer(czj_), first.case_id, {"2021年部门预算（更正）", "正文"}, ctx_));
}

TEST_P(FoiReadingRoomTest, ConversionCreatesADraftAndLinksTheCasesOnce) {
  const FoiCaseId a = replied_case("2024-10-08", "东阳市2023年部门预算", foi::Outcome::kDisclosed);
  const FoiCaseId b = replied_case("2024-10-15", "请公开东阳市财政局2023年部门预算", std::nullopt);
  replied_case("2024-10-16", "吴宁街道旧城改造征收补偿方案", std::nullopt);
  ASSERT_TRUE(
      room_->publish(officer(czj_), a, {"东阳市2023年部门预算", "预算全文（经办人电话13912345678）"}, ctx_));

  auto s = conversions_->suggestions(officer(czj_), std::nullopt);
  ASSERT_TRUE(s) << describe(s.error());
  ASSERT_EQ(s->size(), 1u);
  ASSERT_EQ((*s)[0].cases.size(), 2u);
  EXPECT_EQ((*s)[0].cases[0].id, a);
  EXPECT_EQ((*s)[0].cases[1].id, b);
  EXPECT_EQ((*s)[0].cases[0].text.find("张小明"), std::string::npos);
  EXPECT_EQ(conversions_->suggestions(officer(sfb_), czj_).error().code(), ErrorCode::kPermissionDenied);

  // The document library's rule applies: an officer without the 信息员 role cannot draft.
  auto no_editor = conversions_->convert(officer_only(czj_), {a, b}, ctx_);
  ASSERT_FALSE(no_editor);
  EXPECT_EQ(no_editor.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_conversions"), 0);

  auto done = conversions_->convert(officer(czj_), {a, b}, ctx_);
  ASSERT_TRUE(done) << describe(done.error());
  auto doc = documents_->get(officer(czj_), done->document);
  ASSERT_TRUE(doc) << describe(doc.error());
  EXPECT_EQ(doc->document.title, "东阳市2023年部门预算");
  EXPECT_EQ(doc->document.state, documents::PublicationState::kDraft);
  EXPECT_EQ(doc->document.department, czj_);
  EXPECT_NE(doc->document.body_text.find("预算全文"), std::string::npos);
  EXPECT_EQ(doc->document.body_text.find("13912345678"), std::string::npos);
  EXPECT_NE(doc->document.summary.find("第四十四条"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_conversion_cases"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'foi.convert_to_proactive'"), 1);
  auto list = conversions_->conversions(officer(czj_), std::nullopt);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].cases, (std::vector<FoiCaseId>{a, b}));
  EXPECT_EQ((*list)[0].document, done->document);

  EXPECT_TRUE(conversions_->suggestions(officer(czj_), std::nullopt)->empty());
  EXPECT_EQ(conversions_->convert(officer(czj_), {a, b}, ctx_).error().code(), ErrorCode::kConflict);
}

GK_INSTANTIATE_ENGINE_TESTS(FoiReadingRoomTest);

}  // namespace
}  // namespace gk::storage_test
