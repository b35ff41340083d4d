#include "foi/outcome.h"

namespace gk::foi {
namespace {

// Article references: 《中华人民共和国政府信息公开条例》(2019) unless stated (regulations.md §3.3).
constexpr OutcomeInfo kOutcomes[] = {
    {Outcome::kDisclosed, "disclosed", "（一）", "予以公开", "《政府信息公开条例》第三十六条第（一）（二）项", false},
    {Outcome::kPartiallyDisclosed, "partially_disclosed", "（二）", "部分公开", "《政府信息公开条例》第三十七条", true},
    {Outcome::kWithheldStateSecret, "withheld_state_secret", "（三）1", "属于国家秘密", "《政府信息公开条例》第十四条", true},
    {Outcome::kWithheldProhibitedByLaw, "withheld_prohibited_by_law", "（三）2", "其他法律行政法规禁止公开",
     "《政府信息公开条例》第十四条", true},
    {Outcome::kWithheldSecurityStability, "withheld_security_stability", "（三）3", "危及“三安全一稳定”",
     "《政府信息公开条例》第十四条", true},
    {Outcome::kWithheldThirdPartyRights, "withheld_third_party_rights", "（三）4", "保护第三方合法权益",
     "《政府信息公开条例》第十五条、第三十二条", true},
    {Outcome::kWithheldInternalAffairs, "withheld_internal_affairs", "（三）5", "属于三类内部事务信息",
     "《政府信息公开条例》第十六条第一款", true},
    {Outcome::kWithheldProcessInformation, "withheld_process_information", "（三）6", "属于四类过程性信息",
     "《政府信息公开条例》第十六条第二款", true},
    {Outcome::kWithheldLawEnforcementFiles, "withheld_law_enforcement_files", "（三）7", "属于行政执法案卷",
     "《政府信息公开条例》第十六条第二款", true},
    {Outcome::kWithheldAdministrativeQuery, "withheld_administrative_query", "（三）8", "属于行政查询事项",
     "《政府信息公开条例》第三十六条第（七）项", true},
    {Outcome::kUnableNotHeld, "unable_not_held", "（四）1", "本机关不掌握相关政府信息",
     "《政府信息公开条例》第三十六条第（四）（五）项", false},
    {Outcome::kUnableNeedsCreation, "unable_needs_creation", "（四）2", "没有现成信息需要另行制作",
     "《政府信息公开条例》第三十八条", false},
    {Outcome::kUnableUnclearAfterClarification, "unable_unclear_after_clarification", "（四）3",
     "补正后申请内容仍不明确", "《政府信息公开条例》第三十条", false},
    {Outcome::kNotProcessedPetitionComplaint, "not_processed_petition_complaint", "（五）1", "信访举报投诉类申请",
     "《政府信息公开条例》第三十九条第一款", false},
    {Outcome::kNotProcessedRepeat, "not_processed_repeat", "（五）2", "重复申请",
     "《政府信息公开条例》第三十六条第（六）项", false},
    {Outcome::kNotProcessedPublication, "not_processed_publication", "（五）3", "要求提供公开出版物",
     "《政府信息公开条例》第三十九条第二款", false},
    {Outcome::kNotProcessedExcessive, "not_processed_excessive", "（五）4", "无正当理由大量反复申请",
     "《政府信息公开条例》第三十五条", false},
    {Outcome::kNotProcessedConfirmOrReissue, "not_processed_confirm_or_reissue", "（五）5",
     "要求行政机关确认或重新出具已获取信息", "《政府信息公开条例》第三十六条", false},
    {Outcome::kOtherNoClarification, "other_no_clarification", "（六）1",
     "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "《政府信息公开条例》第三十条", false},
    {Outcome::kOtherFeeUnpaid, "other_fee_unpaid", "（六）2",
     "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", false},
    {Outcome::kOtherOther, "other_other", "（六）3", "其他", "《政府信息公开条例》", false},
};

}  // namespace

std::span<const OutcomeInfo> outcomes() { return kOutcomes; }

const OutcomeInfo& info(Outcome o) {
  for (const auto& i : kOutcomes)
    if (i.outcome == o) return i;
  return kOutcomes[0];
}

std::optional<Outcome> parse_outcome(std::string_view key) {
  for (const auto& i : kOutcomes)
    if (i.key == key) return i.outcome;
  return std::nullopt;
}

}  // namespace gk::foi
