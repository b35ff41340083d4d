// FoiWebTest: WebFixture plus what the FOI page tests share — department ids by code, filing an
// application through the service as the portal does, recording steps as the system, and taking a
// case to a sent partial-disclosure reply.
#pragma once

#include <map>
#include <string>

#include "web_fixture.h"

namespace gk::web_test {

class FoiWebTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    if (HasFatalFailure()) return;
    auto depts = accounts_->list_departments(nullptr);
    ASSERT_TRUE(depts);
    for (const auto& d : *depts) ids_[d.code] = d.id;
  }

  // Files an application through the service as the portal does (anonymous, online, today).
  foi::IntakeResult file(const std::string& title, const std::string& dept = "czj") {
    foi::IntakeForm f;
    f.department = ids_.at(dept);
    f.applicant_type = "natural_person";
    f.name = applicant_name_;
    f.id_kind = "resident_id";
    f.id_number = "330783198512120041";
    f.phone = "13900001111";
    f.title = title;
    f.form = "paper";
    f.delivery = "post";
    auto r = foi_->submit(nullptr, f, ctx_rc_);
    EXPECT_TRUE(r) << r.error().to_string();
    return r ? *r : foi::IntakeResult{};
  }

  // Records `type` on case `id` as the system (every right), at today's date.
  void step(FoiCaseId id, foi::CaseEventType type, foi::EventData data = {}, std::string note = "") {
    auto cv = foi_->get(accounts::Principal::system(), id, ctx_rc_);
    ASSERT_TRUE(cv) << cv.error().to_string();
    foi::NewEvent ev;
    ev.type = type;
    ev.date = clock_.today();
    ev.data = std::move(data);
    ev.note = std::move(note);
    auto r = foi_->record_event(accounts::Principal::system(), id, cv->foi_case.version, ev, ctx_rc_);
    ASSERT_TRUE(r) << foi::case_event_key(type) << ": " << r.error().to_string();
  }

  // Takes case `id` to a sent partial-disclosure reply.
  void reply_partially(FoiCaseId id) {
    foi::EventData draft;
    draft.outcome = foi::Outcome::kPartiallyDisclosed;
    step(id, foi::CaseEventType::kDraftReply, draft,
         "拟部分公开\n【答复书要素】\n不予公开的内容：附件二中的个人信息\n不予公开的理由：涉及个人隐私，依据"
         "条例第十五条不予公开");
    step(id, foi::CaseEventType::kLegalReviewPassed);
    step(id, foi::CaseEventType::kApproved);
    foi::EventData sent;
    sent.delivery = foi::Delivery::kPost;
    step(id, foi::CaseEventType::kReplied, sent);
  }

  std::string applicant_name_ = "李四";  // the applicant `file` uses
  std::map<std::string, DepartmentId> ids_;
  RequestContext ctx_rc_{"test", "127.0.0.1", ""};
};

}  // namespace gk::web_test
