// FOI cases over SQL (FoiService + SqlFoiStore), every body on SQLite and PostgreSQL: intake and
// its field errors, the event log and its state machine, department scope, masked and audited
// views, the queue sorted by the computed due date, reminders, remedies, the annual-report rows
// and the historical import.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "foi/foi_service.h"
#include "foi/history_import.h"
#include "library_fixture.h"
#include "storage/repos/sql_foi_store.h"

namespace gk::storage_test {
namespace {

using accounts::Principal;
using accounts::Role;
using foi::CaseEventType;
using foi::FoiService;

constexpr const char* kResidentId = "11010519491231002X";
constexpr const char* kCreditCode = "91350100M000100Y43";

Date d(const char* s) { return *Date::parse(s); }

class FoiCasesTest : public LibraryTest {
 protected:
  void SetUp() override {
    clock_.set(Instant::from_seconds(1'730'426'400));  // 2024-11-01 10:00 CST, a Friday
    LibraryTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_NE(real_calendar(), nullptr) << "data/calendar/holidays-cn.csv not found (GK_SOURCE_DIR)";
    store_ = std::make_unique<storage::SqlFoiStore>(db(), clock_);
    foi_ = std::make_unique<FoiService>(*store_, clock_, [] { return real_calendar(); });
  }
  void TearDown() override {
    foi_.reset();
    store_.reset();
    LibraryTest::TearDown();
  }

  Principal officer(DepartmentId dept) { return staff(11, "经办人", dept, {Role::kFoiOfficer}); }
  Principal approver(DepartmentId dept) { return staff(12, "机构负责人", dept, {Role::kFoiApprover}); }
  Principal reviewer(DepartmentId dept) { return staff(13, "法律顾问", dept, {Role::kLegalReviewer}); }
  Principal supervisor() { return staff(14, "公开办", sfb_, {Role::kSupervisor}); }

  foi::IntakeForm form(DepartmentId dept) {
    foi::IntakeForm f;
    f.department = dept;
    f.applicant_type = "natural_person";
    f.name = "张小明";
    f.id_kind = "resident_id";
    f.id_number = kResidentId;
    f.phone = "13812345678";
    f.email = "zhang@example.com";
    f.address = "浙江省东阳市吴宁街道艺海路1号";
    f.title = "2023年东阳市财政预算执行情况";
    f.description = "请公开2023年东阳市财政预算执行情况和其他财政收支情况的报告";
    f.form = "email";
    f.delivery = "email";
    return f;
  }

  // A letter or visit registered by the department's officer, received on `received`.
  foi::IntakeResult registered(DepartmentId dept, const char* received, std::string description = "") {
    auto f = form(dept);
    f.channel = "in_person";
    f.submitted = received;
    if (!description.empty()) f.description = std::move(description);
    const Principal who = officer(dept);
    auto r = foi_->submit(&who, f, ctx_);
    EXPECT_TRUE(r) << describe(r.error());
    return r.value_or(foi::IntakeResult{});
  }

  int version_of(FoiCaseId id) {
    auto v = foi_->get(supervisor(), id, ctx_);
    return v ? v->foi_case.version : -1;
  }

  Result<foi::EventResult> record(const Principal& who, FoiCaseId id, CaseEventType type, const char* date,
                                  foi::EventData data = {}, std::string note = "") {
    foi::NewEvent e;
    e.type = type;
    e.date = d(date);
    e.data = std::move(data);
    e.note = std::move(note);
    return foi_->record_event(who, id, version_of(id), e, ctx_);
  }

  int64_t count(const std::string& sql) {
    auto lease = db().acquire();
    if (!lease) return -1;
    auto rs = (*lease)->query(sql);
    return rs ? rs->rows.at(0).get_int(0) : -1;
  }

  std::unique_ptr<storage::SqlFoiStore> store_;
  std::unique_ptr<FoiService> foi_;
};

foi::EventData outcome(foi::Outcome o) {
  foi::EventData x;
  x.outcome = o;
  return x;
}

// ---- Intake ----

TEST_P(FoiCasesTest, IntakeWithMissingFieldsNamesEachFieldAndStoresNothing) {
  foi::IntakeForm empty;
  empty.department = czj_;
  auto r = foi_->submit(nullptr, empty, ctx_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields()) fields.push_back(f.field);
  for (const char* want :
       {"applicant_type", "name", "id_number", "phone", "description", "form", "delivery"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), want), fields.end()) << want;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_cases"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_case_events"), 0);
}

TEST_P(FoiCasesTest, IntakeChecksTheIdDocumentsCheckCharacter) {
  auto f = form(czj_);
  f.id_number = "110105194912310021";  // check character should be X
  auto r = foi_->submit(nullptr, f, ctx_);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().fields().size(), 1u);
  EXPECT_EQ(r.error().fields()[0].field, "id_number");

  f = form(czj_);
  f.applicant_type = "commercial_enterprise";
  f.name = "东阳市某某建设有限公司";
  f.contact = "李四";
  f.id_kind = "credit_code";
  f.id_number = "91350100M000100Y44";
  r = foi_->submit(nullptr, f, ctx_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields()[0].field, "id_number");
  f.id_number = kCreditCode;
  EXPECT_TRUE(foi_->submit(nullptr, f, ctx_));
}

TEST_P(FoiCasesTest, PortalIntakeGivesATrackingNumberAndAQueryCodeKeptOnlyAsAHash) {
  auto r = foi_->submit(nullptr, form(czj_), ctx_);
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->tracking_number, "DY2024-000001");
  EXPECT_EQ(r->query_code.size(), 8u);
  EXPECT_EQ(r->received_on, d("2024-11-01"));  // online: confirmed today (Art. 31)
  ASSERT_TRUE(r->due);
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_cases WHERE query_code_hash = '" + r->query_code + "'"), 0);

  auto view = foi_->lookup(r->tracking_number, r->query_code, ctx_);
  ASSERT_TRUE(view) << describe(view.error());
  EXPECT_TRUE(view->masked);
  EXPECT_EQ(view->foi_case.applicant.name, "张*明");
  ASSERT_TRUE(view->clock);
  EXPECT_EQ(view->clock->due, r->due);
  auto wrong = foi_->lookup(r->tracking_number, r->query_code == "00000000" ? "11111111" : "00000000", ctx_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kNotFound);
  auto second = foi_->submit(nullptr, form(czj_), ctx_);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->tracking_number, "DY2024-000002");
}

TEST_P(FoiCasesTest, WrongQueryCodesAreThrottled) {
  auto r = foi_->submit(nullptr, form(czj_), ctx_);
  ASSERT_TRUE(r);
  const std::string bad = r->query_code == "00000000" ? "11111111" : "00000000";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(foi_->lookup(r->tracking_number, bad, ctx_).error().code(), ErrorCode::kNotFound);
  auto blocked = foi_->lookup(r->tracking_number, r->query_code, ctx_);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(FoiCasesTest, StaffRegisterLettersWithTheDateArticle31Names) {
  auto f = form(czj_);
  f.channel = "post_signed";
  f.submitted = "2024-10-08";
  const Principal who = officer(czj_);
  auto missing = foi_->submit(&who, f, ctx_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().fields().at(0).field, "signed");
  f.signed_on = "2024-10-10";
  auto r = foi_->submit(&who, f, ctx_);
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->received_on, d("2024-10-10"));
  f.signed_on = "2024-11-05";  // after today
  auto future = foi_->submit(&who, f, ctx_);
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().fields().at(0).field, "signed");

  const Principal other = officer(sfb_);
  f.signed_on = "2024-10-10";
  auto denied = foi_->submit(&other, f, ctx_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
}

// ---- The event log ----

TEST_P(FoiCasesTest, JourneyFromClarificationToPartialDisclosureKeepsTheClockRight) {
  const auto c = registered(czj_, "2024-10-08");
  foi::EventData deadline;
  deadline.deadline = d("2024-10-25");
  auto sup = record(officer(czj_), c.id, CaseEventType::kSupplementRequested, "2024-10-10", deadline);
  ASSERT_TRUE(sup) << describe(sup.error());
  EXPECT_EQ(sup->state, foi::CaseState::kAwaitingSupplement);
  ASSERT_TRUE(sup->clock);
  EXPECT_FALSE(sup->clock->due);  // stopped until the supplement arrives
  auto got = record(officer(czj_), c.id, CaseEventType::kSupplementReceived, "2024-10-14");
  ASSERT_TRUE(got);
  ASSERT_TRUE(got->clock && got->clock->due);
  const Date base = *got->clock->due;
  EXPECT_EQ(got->clock->clock_start, d("2024-10-14"));  // Art. 30: runs again from the supplement
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kThirdPartySent, "2024-10-15"));
  auto replied = record(officer(czj_), c.id, CaseEventType::kThirdPartyReplied, "2024-10-22");
  ASSERT_TRUE(replied);
  EXPECT_EQ(replied->clock->paused_working_days, 5);
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kExtensionRequested, "2024-10-28"));
  auto denied = record(officer(czj_), c.id, CaseEventType::kExtensionApproved, "2024-10-29");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);  // Art. 33 ¶2: the head of the GI office
  auto ext = record(approver(czj_), c.id, CaseEventType::kExtensionApproved, "2024-10-29");
  ASSERT_TRUE(ext);
  EXPECT_TRUE(ext->clock->extended);
  EXPECT_GT(*ext->clock->due, base);
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kDraftReply, "2024-10-30",
                     outcome(foi::Outcome::kPartiallyDisclosed)));
  ASSERT_TRUE(record(reviewer(czj_), c.id, CaseEventType::kLegalReviewPassed, "2024-10-31"));
  ASSERT_TRUE(record(approver(czj_), c.id, CaseEventType::kApproved, "2024-10-31"));
  foi::EventData delivery;
  delivery.delivery = foi::Delivery::kEmail;
  auto done = record(officer(czj_), c.id, CaseEventType::kReplied, "2024-11-01", delivery);
  ASSERT_TRUE(done) << describe(done.error());
  EXPECT_EQ(done->state, foi::CaseState::kClosed);

  auto view = foi_->get(officer(czj_), c.id, ctx_);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->foi_case.outcome, foi::Outcome::kPartiallyDisclosed);
  EXPECT_EQ(view->foi_case.closed_on, d("2024-11-01"));
  EXPECT_EQ(view->events.size(), 11u);
  // Applicant notices: 补正, extension, reply.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'mail:foi_applicant_notice'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'foi.event.%'"), 10);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'foi.register'"), 1);
}

TEST_P(FoiCasesTest, StepsOutOfOrderAreConflictsAndWriteNothing) {
  const auto c = registered(czj_, "2024-10-21");
  auto r = record(officer(czj_), c.id, CaseEventType::kSupplementReceived, "2024-10-22");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kDraftReply, "2024-10-22",
                     outcome(foi::Outcome::kDisclosed)));
  auto early = record(approver(czj_), c.id, CaseEventType::kApproved, "2024-10-23");  // before legal review
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_case_events"), 2);
}

TEST_P(FoiCasesTest, AClosedCaseTakesNoMoreEvents) {
  const auto c = registered(czj_, "2024-10-21");
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kWithdrawn, "2024-10-22"));
  auto r = record(officer(czj_), c.id, CaseEventType::kThirdPartySent, "2024-10-23");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kConflict);
}

TEST_P(FoiCasesTest, DatesBeforeReceiptOrInTheFutureNameTheDateField) {
  const auto c = registered(czj_, "2024-10-21");
  for (const char* date : {"2024-10-18", "2024-11-04"}) {
    auto r = record(officer(czj_), c.id, CaseEventType::kThirdPartySent, date);
    ASSERT_FALSE(r) << date;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().fields().at(0).field, "date");
  }
}

TEST_P(FoiCasesTest, AStaleVersionIsAConflict) {
  const auto c = registered(czj_, "2024-10-21");
  foi::NewEvent e;
  e.type = CaseEventType::kThirdPartySent;
  e.date = d("2024-10-22");
  const int v = version_of(c.id);
  ASSERT_TRUE(foi_->record_event(officer(czj_), c.id, v, e, ctx_));
  e.type = CaseEventType::kAgencyConsultSent;
  auto stale = foi_->record_event(officer(czj_), c.id, v, e, ctx_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
}

TEST_P(FoiCasesTest, FeesFollowOneMethodPerApplication) {
  const auto c = registered(czj_, "2024-10-21");
  foi::EventData per_page;
  per_page.fee_method = foi::FeeMethod::kPerPage;
  per_page.fee_units = 120;  // 70×10 + 20×20 = 1,100 yuan (109号 Art. 5)
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kFeeNotice, "2024-10-22", per_page));
  auto view = foi_->get(officer(czj_), c.id, ctx_);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->events.back().data.fee_yuan, 1100);
  ASSERT_TRUE(view->clock);
  EXPECT_EQ(view->clock->state, foi::ClockState::kAwaitingFee);
  auto early = record(officer(czj_), c.id, CaseEventType::kFeeUnpaidAbandoned, "2024-10-31");
  ASSERT_FALSE(early);  // 20 working days to pay have not run yet
  EXPECT_EQ(early.error().fields().at(0).field, "date");
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kFeePaid, "2024-10-25"));
  // The annual report's section 六 reads the notice and the payment, of this department only.
  std::vector<foi::CaseEvent> fees, other;
  ASSERT_TRUE(store_->read([&](foi::FoiRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(f, repo.fee_events(d("2024-12-31"), czj_));
    fees = std::move(f);
    GK_TRY_ASSIGN(o, repo.fee_events(d("2024-10-24"), std::nullopt));
    other = std::move(o);
    return ok();
  }));
  ASSERT_EQ(fees.size(), 2u);
  EXPECT_EQ(fees[0].type, CaseEventType::kFeeNotice);
  EXPECT_EQ(fees[0].data.fee_yuan, 1100);
  EXPECT_EQ(fees[1].type, CaseEventType::kFeePaid);
  EXPECT_EQ(fees[1].date, d("2024-10-25"));
  ASSERT_EQ(other.size(), 1u);  // the payment is after the 24th
  ASSERT_TRUE(store_->read([&](foi::FoiRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(o, repo.fee_events(d("2024-12-31"), DepartmentId(czj_.value + 999)));
    other = std::move(o);
    return ok();
  }));
  EXPECT_TRUE(other.empty());
  foi::EventData per_request;
  per_request.fee_method = foi::FeeMethod::kPerRequest;
  auto second = record(officer(czj_), c.id, CaseEventType::kFeeNotice, "2024-10-28", per_request);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(second.error().fields().at(0).field, "fee_method");
}

TEST_P(FoiCasesTest, AnUnpaidFeeAbandonsTheApplicationAfterTwentyWorkingDays) {
  const auto c = registered(czj_, "2024-09-02");
  foi::EventData per_request;
  per_request.fee_method = foi::FeeMethod::kPerRequest;
  ASSERT_TRUE(record(officer(czj_), c.id, CaseEventType::kFeeNotice, "2024-09-03", per_request));
  auto view = foi_->get(officer(czj_), c.id, ctx_);
  ASSERT_TRUE(view && view->clock && view->clock->fee_payment_due);
  EXPECT_EQ(view->events.back().data.fee_yuan, 0);  // the applicant's first request this month is free
  const std::string due = view->clock->fee_payment_due->to_string();
  EXPECT_FALSE(record(officer(czj_), c.id, CaseEventType::kFeeUnpaidAbandoned, due.c_str()));
  auto closed = record(officer(czj_), c.id, CaseEventType::kFeeUnpaidAbandoned, "2024-10-31");
  ASSERT_TRUE(closed) << describe(closed.error());
  EXPECT_EQ(closed->state, foi::CaseState::kClosed);
  auto after = foi_->get(officer(czj_), c.id, ctx_);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->foi_case.outcome, foi::Outcome::kOtherFeeUnpaid);  // row （六）2
}

TEST_P(FoiCasesTest, TheEventLogIsAppendOnly) {
  const auto c = registered(czj_, "2024-10-21");
  auto lease = db().acquire();
  ASSERT_TRUE(lease);
  EXPECT_FALSE((*lease)->query("UPDATE foi_case_events SET note = 'x'"));
  EXPECT_FALSE((*lease)->query("DELETE FROM foi_case_events"));
  (void)c;
}

// ---- Scope and personal data ----

TEST_P(FoiCasesTest, StaffSeeOnlyTheirDepartmentsCases) {
  const auto mine = registered(czj_, "2024-10-21");
  const auto theirs = registered(sfb_, "2024-10-21");
  auto page = foi_->queue(officer(czj_), {});
  ASSERT_TRUE(page) << describe(page.error());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].foi_case.id, mine.id);
  auto other = foi_->get(officer(czj_), theirs.id, ctx_);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kPermissionDenied);
  foi::QueueQuery q;
  q.department = sfb_;
  EXPECT_FALSE(foi_->queue(officer(czj_), q));
  auto city = foi_->queue(supervisor(), {});
  ASSERT_TRUE(city);
  EXPECT_EQ(city->total, 2);
}

TEST_P(FoiCasesTest, UnmaskedViewsAreAuditedAndMaskedOnesAreNot) {
  const auto c = registered(czj_, "2024-10-21");
  const std::string audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'foi.view_personal_data'";
  auto masked = foi_->get(supervisor(), c.id, ctx_);
  ASSERT_TRUE(masked);
  EXPECT_TRUE(masked->masked);
  EXPECT_EQ(masked->foi_case.applicant.phone, "138****5678");
  EXPECT_EQ(count(audited), 0);
  auto by_default = foi_->get(reviewer(czj_), c.id, ctx_);
  ASSERT_TRUE(by_default);
  EXPECT_TRUE(by_default->masked) << "masked unless asked for";
  EXPECT_TRUE(by_default->may_reveal);
  EXPECT_EQ(by_default->addressee, "张小明") << "the letter's salutation for staff who may see it";
  EXPECT_EQ(count(audited), 0);
  EXPECT_FALSE(masked->may_reveal);
  EXPECT_EQ(masked->addressee, "");
  auto full = foi_->get(reviewer(czj_), c.id, ctx_, /*reveal=*/true);
  ASSERT_TRUE(full);
  EXPECT_FALSE(full->masked);
  EXPECT_EQ(full->foi_case.applicant.id_number, kResidentId);
  EXPECT_EQ(count(audited), 1);
  auto refused = foi_->get(supervisor(), c.id, ctx_, /*reveal=*/true);
  ASSERT_TRUE(refused);
  EXPECT_TRUE(refused->masked) << "asking is not enough without the permission";
  EXPECT_EQ(count(audited), 1);
  auto queue = foi_->queue(officer(czj_), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->items.at(0).foi_case.applicant.name, "张*明");  // queues never show personal data
  EXPECT_EQ(count(audited), 1);
}

TEST_P(FoiCasesTest, AnApplicantSeesOnlyTheirOwnCases) {
  accounts::NewPublicAccount acc;
  acc.login = "zhang@example.com";
  acc.display_name = "张小明";
  acc.password = "correct horse battery staple";
  auto id = accounts_->register_public_account(acc, ctx_);
  ASSERT_TRUE(id) << describe(id.error());
  Principal citizen;
  citizen.kind = Principal::Kind::kPublic;
  citizen.public_account = *id;
  auto mine = foi_->submit(&citizen, form(czj_), ctx_);
  ASSERT_TRUE(mine) << describe(mine.error());
  auto someone_else = foi_->submit(nullptr, form(czj_), ctx_);
  ASSERT_TRUE(someone_else);
  EXPECT_TRUE(foi_->get(citizen, mine->id, ctx_));
  auto denied = foi_->get(citizen, someone_else->id, ctx_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kNotFound);
  auto list = foi_->my_cases(citizen);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).id, mine->id);
}

// ---- Queues and reminders ----

TEST_P(FoiCasesTest, TheQueueIsSortedByTheComputedDueDate) {
  const auto a = registered(czj_, "2024-10-21");  // due 2024-11-18
  const auto b = registered(czj_, "2024-10-14");  // due 2024-11-11, extended below to 2024-12-09
  const auto c = registered(czj_, "2024-10-28");  // due 2024-11-25
  const auto stopped = registered(czj_, "2024-10-08");
  foi::EventData deadline;
  deadline.deadline = d("2024-11-15");
  ASSERT_TRUE(record(officer(czj_), stopped.id, CaseEventType::kSupplementRequested, "2024-10-09", deadline));
  auto page = foi_->queue(officer(czj_), {});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->items[0].foi_case.id, b.id);
  EXPECT_EQ(page->items[0].due.due, d("2024-11-11"));
  EXPECT_EQ(page->items[0].due.working_days_left, 6);
  EXPECT_EQ(page->items[0].due.status, foi::DueStatus::kOk);
  EXPECT_EQ(page->items[3].foi_case.id, stopped.id);
  EXPECT_EQ(page->items[3].due.status, foi::DueStatus::kStopped);

  ASSERT_TRUE(record(officer(czj_), b.id, CaseEventType::kExtensionRequested, "2024-10-30"));
  ASSERT_TRUE(record(approver(czj_), b.id, CaseEventType::kExtensionApproved, "2024-10-31"));
  page = foi_->queue(officer(czj_), {});
  ASSERT_TRUE(page);
  std::vector<FoiCaseId> order;
  for (const auto& i : page->items) order.push_back(i.foi_case.id);
  EXPECT_EQ(order, (std::vector<FoiCaseId>{a.id, c.id, b.id, stopped.id}));
  EXPECT_EQ(page->items[2].due.due, d("2024-12-09"));
}

TEST_P(FoiCasesTest, RemindersAreWrittenOncePerCaseAndThreshold) {
  const auto one_left = registered(czj_, "2024-10-08");  // due 2024-11-04: 1 working day left
  const auto overdue = registered(czj_, "2024-09-20");
  const auto far = registered(czj_, "2024-10-28");
  const Principal sys = Principal::system();
  auto first = foi_->due_reminders(sys, d("2024-11-01"), ctx_);
  ASSERT_TRUE(first) << describe(first.error());
  ASSERT_EQ(first->size(), 2u);
  for (const auto& r : *first) {
    EXPECT_NE(r.id, far.id);
    if (r.id == one_left.id) {
      EXPECT_EQ(r.threshold, "1");
    }
    if (r.id == overdue.id) {
      EXPECT_EQ(r.threshold, "overdue");
    }
  }
  auto again = foi_->due_reminders(sys, d("2024-11-01"), ctx_);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'mail:foi_reminder'"), 2);
  auto notes = foi_->notifications(officer(czj_));
  ASSERT_TRUE(notes);
  EXPECT_EQ(notes->size(), 2u);
  EXPECT_FALSE(foi_->due_reminders(officer(czj_), d("2024-11-01"), ctx_));
}

// ---- Similar and repeated requests ----

TEST_P(FoiCasesTest, SimilarAnsweredRequestsAndRepeatsAreFound) {
  const auto first = registered(czj_, "2024-10-08", "请公开2023年东阳市财政预算执行情况的报告");
  ASSERT_TRUE(record(officer(czj_), first.id, CaseEventType::kDraftReply, "2024-10-09",
                     outcome(foi::Outcome::kDisclosed)));
  ASSERT_TRUE(record(reviewer(czj_), first.id, CaseEventType::kLegalReviewPassed, "2024-10-10"));
  ASSERT_TRUE(record(approver(czj_), first.id, CaseEventType::kApproved, "2024-10-10"));
  foi::EventData delivery;
  delivery.delivery = foi::Delivery::kPost;
  ASSERT_TRUE(record(officer(czj_), first.id, CaseEventType::kReplied, "2024-10-11", delivery));
  const auto repeat = registered(czj_, "2024-10-21", "申请公开东阳市2023年财政预算执行情况报告");

  auto similar = foi_->similar_answered("2023年财政预算执行情况");
  ASSERT_TRUE(similar);
  ASSERT_EQ(similar->size(), 1u);
  EXPECT_EQ(similar->at(0).id, first.id);
  EXPECT_EQ(similar->at(0).outcome, foi::Outcome::kDisclosed);
  auto repeats = foi_->possible_repeats(officer(czj_), repeat.id);
  ASSERT_TRUE(repeats);
  ASSERT_EQ(repeats->size(), 1u);
  EXPECT_EQ(repeats->at(0).id, first.id);
}

// ---- Remedies, the annual report's rows, the import ----

TEST_P(FoiCasesTest, RemediesAreValidatedVersionedAndAudited) {
  const auto c = registered(czj_, "2024-10-08");
  foi::RemedyInput in{"reconsideration", "2024-10-20", "", "pending", ""};
  auto id = foi_->add_remedy(officer(czj_), c.id, in, ctx_);
  ASSERT_TRUE(id) << describe(id.error());
  foi::RemedyInput bad{"reconsideration", "2024-10-20", "2024-10-19", "upheld", ""};
  auto r = foi_->update_remedy(officer(czj_), *id, 1, bad, ctx_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields().at(0).field, "decided");
  foi::RemedyInput decided{"reconsideration", "2024-10-20", "2024-10-30", "corrected", "责令重新答复"};
  ASSERT_TRUE(foi_->update_remedy(officer(czj_), *id, 1, decided, ctx_));
  auto stale = foi_->update_remedy(officer(czj_), *id, 1, decided, ctx_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_FALSE(foi_->add_remedy(officer(sfb_), c.id, in, ctx_));
  auto view = foi_->get(officer(czj_), c.id, ctx_);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->remedies.size(), 1u);
  EXPECT_EQ(view->remedies[0].outcome, foi::RemedyOutcome::kCorrected);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'foi.remedy.%'"), 2);
}

TEST_P(FoiCasesTest, ImportIsIdempotentReportsBadLinesAndFeedsTheReportRows) {
  const std::vector<std::string> lines = {
      R"({"id": "h1", "department": "市财政局", "applicant_type": "natural_person", "received": "2023-12-20", "closed": "2024-01-10", "outcome": "disclosed"})",
      R"({"id": "h2", "department": "czj", "applicant_type": "legal_service_institution", "received": "2024-03-01", "closed": null, "outcome": null})",
      R"({"id": "h3", "department": "东阳市财政局", "applicant_type": "natural_person", "received": "2022-05-01", "closed": "2022-05-20", "outcome": "not_processed_repeat"})",
      R"({"id": "h4", "department": "市税务局", "applicant_type": "natural_person", "received": "2024-03-01", "closed": null, "outcome": null})",
      R"({"request_id": "h1", "kind": "reconsideration", "filed": "2024-01-20", "decided": "2024-03-01", "outcome": "upheld"})",
      R"({"request_id": "h9", "kind": "litigation_direct", "filed": "2024-01-20", "decided": null, "outcome": "pending"})",
  };
  auto departments = accounts_->list_departments(nullptr);
  ASSERT_TRUE(departments);
  auto run = [&]() -> Result<foi::ImportResult> {
    std::vector<foi::HistoricalCase> cases;
    std::vector<foi::HistoricalRemedy> remedies;
    std::vector<std::pair<int, std::string>> rejected;
    for (size_t i = 0; i < lines.size(); ++i) {
      auto l = foi::parse_history_line(lines[i], static_cast<int>(i + 1), *departments);
      if (!l)
        rejected.emplace_back(static_cast<int>(i + 1), l.error().to_string());
      else if (auto* c = std::get_if<foi::HistoricalCase>(&*l))
        cases.push_back(*c);
      else
        remedies.push_back(std::get<foi::HistoricalRemedy>(*l));
    }
    EXPECT_EQ(rejected.size(), 1u);
    if (!rejected.empty()) {
      EXPECT_EQ(rejected[0].first, 4);
    }
    auto r = foi_->import_history(Principal::system(), cases, remedies, ctx_);
    if (!r) return r;
    for (auto& x : rejected) r->rejected.push_back(x);
    return r;
  };
  auto first = run();
  ASSERT_TRUE(first) << describe(first.error());
  EXPECT_EQ(first->cases_inserted, 3);
  EXPECT_EQ(first->remedies_inserted, 1);
  ASSERT_EQ(first->rejected.size(), 2u);
  EXPECT_EQ(first->rejected[0].first, 6);  // h9 was never imported
  auto second = run();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->cases_inserted, 0);
  EXPECT_EQ(second->cases_existing, 3);
  EXPECT_EQ(second->remedies_existing, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM foi_cases"), 3);
  EXPECT_FALSE(foi_->import_history(officer(czj_), {}, {}, ctx_));

  // The 2024 annual report sees h1 (carried over from 2023, closed in 2024) and h2 (new, still
  // open), not h3 (closed in 2022); and h1's reconsideration.
  std::vector<foi::CaseReportRow> rows;
  std::vector<foi::RemedyReportRow> remedy_rows;
  ASSERT_TRUE(store_->read([&](foi::FoiRepository& repo, audit::AuditSink&) -> Status {
    rows.clear();
    remedy_rows.clear();
    GK_TRY_STATUS(
        repo.for_each_report_row(d("2024-01-01"), d("2024-12-31"), czj_, [&](const foi::CaseReportRow& r) {
          rows.push_back(r);
          return ok();
        }));
    return repo.for_each_remedy_row(d("2024-01-01"), d("2024-12-31"), std::nullopt,
                                    [&](const foi::RemedyReportRow& r) {
                                      remedy_rows.push_back(r);
                                      return ok();
                                    });
  }));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].received_on, d("2023-12-20"));
  EXPECT_EQ(rows[0].outcome, foi::Outcome::kDisclosed);
  EXPECT_EQ(rows[1].applicant_type, foi::ApplicantType::kLegalServiceInstitution);
  EXPECT_FALSE(rows[1].closed_on);
  ASSERT_EQ(remedy_rows.size(), 1u);
  EXPECT_EQ(remedy_rows[0].outcome, foi::RemedyOutcome::kUpheld);
  EXPECT_EQ(remedy_rows[0].department, czj_);
}

GK_INSTANTIATE_ENGINE_TESTS(FoiCasesTest);

}  // namespace
}  // namespace gk::storage_test
