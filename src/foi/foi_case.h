// FoiCase: one application for disclosure on request (依申请公开, 条例 Chapter 4) as the organ holds
// it — who applied (Art. 29 ¶2 (一)), what they asked for (Art. 29 ¶2 (二)), in which form and how it
// is to reach them (Art. 29 ¶2 (三), Art. 40), how and when it arrived (Art. 31), and where it stands.
// Its history is the append-only event log (case_event.h); `state`, `outcome` and `closed_on` are
// the log's summary, kept on the row so queues and the annual report can filter in SQL. The reply
// clock is never stored: it is computed from the log and the calendar (deadline.h).
//
// Persisted enum values are the stable keys below, never ordinals. Value types; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "foi/applicant.h"
#include "foi/deadline.h"
#include "foi/fee.h"
#include "foi/outcome.h"

namespace gk::foi {

// The kind of identity document the applicant gave (Art. 29 ¶2 (一): 身份证明).
enum class IdKind {
  kResidentId,  // 居民身份证 (GB 11643), natural persons
  kCreditCode,  // 统一社会信用代码 (GB 32100), organisations
  kOther,       // passport, 港澳台 permits, … — not checked
};
std::string_view id_kind_key(IdKind k);  // "resident_id", "credit_code", "other"
std::optional<IdKind> parse_id_kind(std::string_view key);

// Form of provision the applicant asked for (Art. 29 ¶2 (三), Art. 40).
enum class ProvisionForm { kPaper, kEmail, kDisc, kCollect, kInspect };
std::string_view provision_form_key(ProvisionForm f);  // "paper", "email", "disc", "collect", "inspect"
std::string_view provision_form_label(ProvisionForm f);  // 纸质文本, 电子邮件, 光盘, 当面领取, 现场查阅
std::optional<ProvisionForm> parse_provision_form(std::string_view key);

// How the reply and the information reach the applicant.
enum class Delivery { kPost, kEmail, kCollect, kOnline };
std::string_view delivery_key(Delivery d);    // "post", "email", "collect", "online"
std::string_view delivery_label(Delivery d);  // 邮寄, 电子邮件, 自行领取, 网上获取
std::optional<Delivery> parse_delivery(std::string_view key);

// Where a case stands in its procedure (条例 Art. 45: 登记、审核、办理、答复、归档).
enum class CaseState {
  kOpen,                // registered and being handled
  kAwaitingSupplement,  // 补正 notice sent, supplement not yet received (Art. 30)
  kAwaitingFee,         // fee notice sent, not yet paid (109号)
  kDrafted,             // a reply is drafted with its outcome, awaiting legal review
  kReviewed,            // legal review passed, awaiting approval
  kApproved,            // approved by the head of the GI office, awaiting delivery
  kClosed,              // replied, abandoned, transferred or withdrawn: outcome and closed_on are set
};
std::string_view case_state_key(CaseState s);    // "open", "awaiting_supplement", …, "closed"
std::string_view case_state_label(CaseState s);  // 办理中, 待补正, …
std::optional<CaseState> parse_case_state(std::string_view key);

struct Applicant {
  ApplicantType type = ApplicantType::kNaturalPerson;
  std::string name;  // person, or the organisation's name
  IdKind id_kind = IdKind::kResidentId;
  std::string id_number;  // normalised: upper case, no spaces
  std::string phone;
  std::string email;
  std::string address;
  std::string contact;  // organisations: the contact person (联系人)

  friend bool operator==(const Applicant&, const Applicant&) = default;
};

// What the applicant seeks (Art. 29 ¶2 (二)): a name, a 文号, or describing features.
struct InformationSought {
  std::string description;
  std::string title;
  std::string doc_number;

  friend bool operator==(const InformationSought&, const InformationSought&) = default;
};

struct FoiCase {
  FoiCaseId id;
  std::string tracking_number;  // e.g. "DY2024-000123": shown to the applicant, unique
  std::string query_code_hash;  // hex BLAKE2b of "<tracking_number>:<query code>" (foi_service.h)
  DepartmentId department;
  Applicant applicant;
  InformationSought sought;
  ProvisionForm form = ProvisionForm::kPaper;
  Delivery delivery = Delivery::kPost;
  Channel channel = Channel::kOnline;
  std::optional<Date> submitted, signed_on, confirmed;  // Art. 31
  Date received_on;                                     // the receipt date Art. 31 derives from the above
  CaseState state = CaseState::kOpen;
  std::optional<Outcome> outcome;  // set when closed: exactly one leaf row of the annual report
  std::optional<Date> closed_on;
  std::optional<FeeMethod> fee_method;  // one per application (109号 Art. 3)
  std::string transferred_to;           // Art. 36(五): the organ responsible
  PublicAccountId public_account;       // the applicant's portal account, if any
  std::string source_id;                // id in an imported history (foi import); empty otherwise
  int version = 1;
  Instant created_at, updated_at;
};

// The receipt date of Art. 31 for this channel and these dates, or nullopt when the date the
// channel needs is missing.
std::optional<Date> receipt_date(Channel channel, std::optional<Date> submitted,
                                 std::optional<Date> signed_on, std::optional<Date> confirmed);

// 行政复议 / 行政诉讼 arising from a case (条例 Art. 51; annual-report section 四, regulations.md §3.4).
enum class RemedyKind { kReconsideration, kLitigationDirect, kLitigationAfterReconsideration };
std::string_view remedy_kind_key(
    RemedyKind k);  // "reconsideration", "litigation_direct", "litigation_after_reconsideration"
std::string_view remedy_kind_label(RemedyKind k);
std::optional<RemedyKind> parse_remedy_kind(std::string_view key);

enum class RemedyOutcome { kUpheld, kCorrected, kOther, kPending };
std::string_view remedy_outcome_key(RemedyOutcome o);    // "upheld", "corrected", "other", "pending"
std::string_view remedy_outcome_label(RemedyOutcome o);  // 维持, 纠正, 其他, 尚未审结
std::optional<RemedyOutcome> parse_remedy_outcome(std::string_view key);

struct FoiRemedy {
  FoiRemedyId id;
  FoiCaseId case_id;
  RemedyKind kind = RemedyKind::kReconsideration;
  Date filed;
  std::optional<Date> decided;
  RemedyOutcome outcome = RemedyOutcome::kPending;
  std::string note;
  std::string source_id;  // imported remedies: "<request id>/<kind>/<filed>"
  int version = 1;
  Instant created_at, updated_at;
};

}  // namespace gk::foi
