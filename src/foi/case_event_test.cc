#include "foi/case_event.h"

#include <gtest/gtest.h>

namespace gk::foi {
namespace {

Date d(const char* s) { return *Date::parse(s); }

CaseEvent ev(CaseEventType t, const char* date, EventData data = {}, std::string note = "") {
  CaseEvent e;
  e.type = t;
  e.date = d(date);
  e.data = std::move(data);
  e.note = std::move(note);
  return e;
}

EventData with_deadline(const char* s) {
  EventData x;
  x.deadline = d(s);
  return x;
}
EventData with_outcome(Outcome o) {
  EventData x;
  x.outcome = o;
  return x;
}
EventData with_fee(FeeMethod m) {
  EventData x;
  x.fee_method = m;
  return x;
}
EventData with_delivery(Delivery v) {
  EventData x;
  x.delivery = v;
  return x;
}

// Applies the events in order to a case received on 2024-10-08 and returns the last result.
Result<CaseProgress> run(const std::vector<CaseEvent>& events) {
  CaseProgress p = initial_progress(d("2024-10-08"));
  for (size_t i = 0; i < events.size(); ++i) {
    auto n = step(p, events[i]);
    if (!n || i + 1 == events.size()) return n;
    p = *n;
  }
  return p;
}

using T = CaseEventType;

TEST(CaseStateMachineTest, FullJourneyClosesWithTheDraftedOutcome) {
  auto p = run({ev(T::kSupplementRequested, "2024-10-09", with_deadline("2024-10-20")),
                ev(T::kSupplementReceived, "2024-10-12"), ev(T::kThirdPartySent, "2024-10-14"),
                ev(T::kThirdPartyReplied, "2024-10-21"), ev(T::kExtensionRequested, "2024-10-28"),
                ev(T::kExtensionApproved, "2024-10-29"),
                ev(T::kDraftReply, "2024-11-20", with_outcome(Outcome::kPartiallyDisclosed)),
                ev(T::kLegalReviewPassed, "2024-11-21"), ev(T::kApproved, "2024-11-22"),
                ev(T::kReplied, "2024-11-25", with_delivery(Delivery::kEmail))});
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_EQ(p->state, CaseState::kClosed);
  EXPECT_EQ(p->outcome, Outcome::kPartiallyDisclosed);
  EXPECT_EQ(p->closed_on, d("2024-11-25"));
}

TEST(CaseStateMachineTest, StepsOutOfOrderAreConflicts) {
  struct Row {
    const char* name;
    std::vector<CaseEvent> events;
  };
  const Row rows[] = {
      {"supplement without notice", {ev(T::kSupplementReceived, "2024-10-09")}},
      {"second 补正 notice (Art. 30: 一次性)",
       {ev(T::kSupplementRequested, "2024-10-09", with_deadline("2024-10-20")),
        ev(T::kSupplementReceived, "2024-10-10"),
        ev(T::kSupplementRequested, "2024-10-11", with_deadline("2024-10-25"))}},
      {"third-party reply without request", {ev(T::kThirdPartyReplied, "2024-10-09")}},
      {"approval before legal review",
       {ev(T::kDraftReply, "2024-10-09", with_outcome(Outcome::kDisclosed)), ev(T::kApproved, "2024-10-10")}},
      {"reply before approval",
       {ev(T::kDraftReply, "2024-10-09", with_outcome(Outcome::kDisclosed)),
        ev(T::kReplied, "2024-10-10", with_delivery(Delivery::kPost))}},
      {"extension approved without request", {ev(T::kExtensionApproved, "2024-10-09")}},
      {"second extension (Art. 33 ¶2)",
       {ev(T::kExtensionRequested, "2024-10-09"), ev(T::kExtensionApproved, "2024-10-10"),
        ev(T::kExtensionRequested, "2024-10-11")}},
      {"fee paid without notice", {ev(T::kFeePaid, "2024-10-09")}},
      {"draft while awaiting supplement",
       {ev(T::kSupplementRequested, "2024-10-09", with_deadline("2024-10-20")),
        ev(T::kDraftReply, "2024-10-10", with_outcome(Outcome::kDisclosed))}},
      {"event on a closed case", {ev(T::kWithdrawn, "2024-10-09"), ev(T::kThirdPartySent, "2024-10-10")}},
      {"registered twice", {ev(T::kRegistered, "2024-10-09")}},
  };
  for (const auto& r : rows) {
    auto p = run(r.events);
    ASSERT_FALSE(p) << r.name;
    EXPECT_EQ(p.error().code(), ErrorCode::kConflict) << r.name << ": " << p.error().to_string();
  }
}

TEST(CaseStateMachineTest, BadDatesAndDataNameTheirField) {
  struct Row {
    const char* name;
    std::vector<CaseEvent> events;
    const char* field;
  };
  const Row rows[] = {
      {"date before receipt", {ev(T::kThirdPartySent, "2024-10-07")}, "date"},
      {"reply before the request it answers",
       {ev(T::kThirdPartySent, "2024-10-15"), ev(T::kThirdPartyReplied, "2024-10-10")},
       "date"},
      {"补正 notice without deadline", {ev(T::kSupplementRequested, "2024-10-09")}, "deadline"},
      {"draft without outcome", {ev(T::kDraftReply, "2024-10-09")}, "outcome"},
      {"draft with an abandonment row",
       {ev(T::kDraftReply, "2024-10-09", with_outcome(Outcome::kOtherFeeUnpaid))},
       "outcome"},
      {"fee notice without method", {ev(T::kFeeNotice, "2024-10-09")}, "fee_method"},
      {"two fee methods (109号 Art. 3)",
       {ev(T::kFeeNotice, "2024-10-09", with_fee(FeeMethod::kPerPage)), ev(T::kFeePaid, "2024-10-10"),
        ev(T::kFeeNotice, "2024-10-11", with_fee(FeeMethod::kPerRequest))},
       "fee_method"},
      {"transfer without the responsible organ", {ev(T::kTransferred, "2024-10-09")}, "to"},
      {"abandonment before the 补正 deadline",
       {ev(T::kSupplementRequested, "2024-10-09", with_deadline("2024-10-20")),
        ev(T::kAbandonedNoSupplement, "2024-10-20")},
       "date"},
      {"return without reason",
       {ev(T::kDraftReply, "2024-10-09", with_outcome(Outcome::kDisclosed)),
        ev(T::kLegalReviewReturned, "2024-10-10")},
       "note"},
  };
  for (const auto& r : rows) {
    auto p = run(r.events);
    ASSERT_FALSE(p) << r.name;
    EXPECT_EQ(p.error().code(), ErrorCode::kInvalidArgument) << r.name;
    ASSERT_FALSE(p.error().fields().empty()) << r.name;
    EXPECT_EQ(p.error().fields()[0].field, r.field) << r.name;
  }
}

TEST(CaseStateMachineTest, AbandonmentsCloseWithTheirAnnualReportRows) {
  auto no_supplement = run({ev(T::kSupplementRequested, "2024-10-09", with_deadline("2024-10-20")),
                            ev(T::kAbandonedNoSupplement, "2024-10-21")});
  ASSERT_TRUE(no_supplement);
  EXPECT_EQ(no_supplement->outcome, Outcome::kOtherNoClarification);  // （六）1
  auto unpaid = run({ev(T::kFeeNotice, "2024-10-09", with_fee(FeeMethod::kPerPage)),
                     ev(T::kFeeUnpaidAbandoned, "2024-11-20")});
  ASSERT_TRUE(unpaid);
  EXPECT_EQ(unpaid->outcome, Outcome::kOtherFeeUnpaid);  // （六）2
  EventData to;
  to.to = "东阳市自然资源和规划局，0579-86600000";
  auto transferred = run({ev(T::kTransferred, "2024-10-09", to)});
  ASSERT_TRUE(transferred);
  EXPECT_EQ(transferred->outcome, Outcome::kUnableNotHeld);  // （四）1, Art. 36(五)
  EXPECT_EQ(transferred->transferred_to, to.to);
}

TEST(CaseStateMachineTest, LegalReviewReturnSendsTheDraftBack) {
  auto p = run({ev(T::kDraftReply, "2024-10-09", with_outcome(Outcome::kDisclosed)),
                ev(T::kLegalReviewReturned, "2024-10-10", {}, "理由不充分"),
                ev(T::kDraftReply, "2024-10-11", with_outcome(Outcome::kWithheldThirdPartyRights))});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->state, CaseState::kDrafted);
  EXPECT_EQ(p->draft_outcome, Outcome::kWithheldThirdPartyRights);
}

TEST(CaseStateMachineTest, ClockInputKeepsOnlyClockEventsAndMapsTheApprovedExtension) {
  FoiCase c;
  c.channel = Channel::kPostSigned;
  c.signed_on = d("2024-10-08");
  std::vector<CaseEvent> log = {ev(T::kRegistered, "2024-10-08"), ev(T::kExtensionRequested, "2024-10-10"),
                                ev(T::kExtensionApproved, "2024-10-11"),
                                ev(T::kExcessiveReasonsRequested, "2024-10-12")};
  auto in = clock_input(c, log);
  EXPECT_EQ(in.channel, Channel::kPostSigned);
  ASSERT_EQ(in.events.size(), 1u);
  EXPECT_EQ(in.events[0].type, ClockEventType::kExtension);
  EXPECT_EQ(in.events[0].date, d("2024-10-11"));
}

TEST(CaseEventDataTest, RoundTripsThroughJson) {
  EventData x;
  x.deadline = d("2024-10-20");
  x.fee_method = FeeMethod::kPerPage;
  x.fee_units = 120;
  x.fee_yuan = 1100;
  x.outcome = Outcome::kDisclosed;
  x.delivery = Delivery::kCollect;
  x.to = "市\"局\"";
  x.imported = true;
  auto back = decode_event_data(encode_event_data(x));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, x);
  EXPECT_EQ(encode_event_data({}), "{}");
  EXPECT_FALSE(decode_event_data(R"({"outcome":"nope"})"));
}

}  // namespace
}  // namespace gk::foi
