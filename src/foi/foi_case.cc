#include "foi/foi_case.h"

namespace gk::foi {
namespace {

template <class E>
struct KeyLabel {
  E value;
  std::string_view key, label;
};

template <class E, size_t N>
std::string_view key_of(const KeyLabel<E> (&table)[N], E v) {
  for (const auto& i : table)
    if (i.value == v) return i.key;
  return table[0].key;
}
template <class E, size_t N>
std::string_view label_of(const KeyLabel<E> (&table)[N], E v) {
  for (const auto& i : table)
    if (i.value == v) return i.label;
  return table[0].label;
}
template <class E, size_t N>
std::optional<E> parse_of(const KeyLabel<E> (&table)[N], std::string_view key) {
  for (const auto& i : table)
    if (i.key == key) return i.value;
  return std::nullopt;
}

constexpr KeyLabel<IdKind> kIdKinds[] = {
    {IdKind::kResidentId, "resident_id", "居民身份证"},
    {IdKind::kCreditCode, "credit_code", "统一社会信用代码"},
    {IdKind::kOther, "other", "其他证件"},
};
constexpr KeyLabel<ProvisionForm> kForms[] = {
    {ProvisionForm::kPaper, "paper", "纸质文本"},     {ProvisionForm::kEmail, "email", "电子邮件"},
    {ProvisionForm::kDisc, "disc", "光盘"},           {ProvisionForm::kCollect, "collect", "当面领取"},
    {ProvisionForm::kInspect, "inspect", "现场查阅"},
};
constexpr KeyLabel<Delivery> kDeliveries[] = {
    {Delivery::kPost, "post", "邮寄"},
    {Delivery::kEmail, "email", "电子邮件"},
    {Delivery::kCollect, "collect", "自行领取"},
    {Delivery::kOnline, "online", "网上获取"},
};
constexpr KeyLabel<CaseState> kStates[] = {
    {CaseState::kOpen, "open", "办理中"},
    {CaseState::kAwaitingSupplement, "awaiting_supplement", "待补正"},
    {CaseState::kAwaitingFee, "awaiting_fee", "待缴费"},
    {CaseState::kDrafted, "drafted", "待法律审核"},
    {CaseState::kReviewed, "reviewed", "待审批"},
    {CaseState::kApproved, "approved", "待答复"},
    {CaseState::kClosed, "closed", "已办结"},
};
constexpr KeyLabel<RemedyKind> kRemedyKinds[] = {
    {RemedyKind::kReconsideration, "reconsideration", "行政复议"},
    {RemedyKind::kLitigationDirect, "litigation_direct", "未经复议直接起诉"},
    {RemedyKind::kLitigationAfterReconsideration, "litigation_after_reconsideration", "复议后起诉"},
};
constexpr KeyLabel<RemedyOutcome> kRemedyOutcomes[] = {
    {RemedyOutcome::kUpheld, "upheld", "结果维持"},
    {RemedyOutcome::kCorrected, "corrected", "结果纠正"},
    {RemedyOutcome::kOther, "other", "其他结果"},
    {RemedyOutcome::kPending, "pending", "尚未审结"},
};

}  // namespace

std::string_view id_kind_key(IdKind k) { return key_of(kIdKinds, k); }
std::optional<IdKind> parse_id_kind(std::string_view key) { return parse_of(kIdKinds, key); }
std::string_view provision_form_key(ProvisionForm f) { return key_of(kForms, f); }
std::string_view provision_form_label(ProvisionForm f) { return label_of(kForms, f); }
std::optional<ProvisionForm> parse_provision_form(std::string_view key) { return parse_of(kForms, key); }
std::string_view delivery_key(Delivery d) { return key_of(kDeliveries, d); }
std::string_view delivery_label(Delivery d) { return label_of(kDeliveries, d); }
std::optional<Delivery> parse_delivery(std::string_view key) { return parse_of(kDeliveries, key); }
std::string_view case_state_key(CaseState s) { return key_of(kStates, s); }
std::string_view case_state_label(CaseState s) { return label_of(kStates, s); }
std::optional<CaseState> parse_case_state(std::string_view key) { return parse_of(kStates, key); }
std::string_view remedy_kind_key(RemedyKind k) { return key_of(kRemedyKinds, k); }
std::string_view remedy_kind_label(RemedyKind k) { return label_of(kRemedyKinds, k); }
std::optional<RemedyKind> parse_remedy_kind(std::string_view key) { return parse_of(kRemedyKinds, key); }
std::string_view remedy_outcome_key(RemedyOutcome o) { return key_of(kRemedyOutcomes, o); }
std::string_view remedy_outcome_label(RemedyOutcome o) { return label_of(kRemedyOutcomes, o); }
std::optional<RemedyOutcome> parse_remedy_outcome(std::string_view key) {
  return parse_of(kRemedyOutcomes, key);
}

std::optional<Date> receipt_date(Channel channel, std::optional<Date> submitted,
                                 std::optional<Date> signed_on, std::optional<Date> confirmed) {
  // 条例 Art. 31 (the same rule compute_clock applies).
  switch (channel) {
    case Channel::kInPerson:
      return submitted;
    case Channel::kPostSigned:
      return signed_on;
    default:
      return confirmed;
  }
}

}  // namespace gk::foi
