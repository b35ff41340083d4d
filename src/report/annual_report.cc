// Official labels of the section 三 table (国办公开办函〔2021〕30号; regulations.md §3.3).
#include "report/annual_report.h"

#include <fmt/format.h>

#include <cmath>
#include <utility>

namespace gk::report {
namespace {

constexpr std::pair<std::string_view, std::string_view> kRowLabels[] = {
    {"new_this_year", "一、本年新收政府信息公开申请数量"},
    {"carried_over", "二、上年结转政府信息公开申请数量"},
    {"disclosed", "（一）予以公开"},
    {"partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
    {"withheld_state_secret", "（三）不予公开 1.属于国家秘密"},
    {"withheld_prohibited_by_law", "（三）不予公开 2.其他法律行政法规禁止公开"},
    {"withheld_security_stability", "（三）不予公开 3.危及“三安全一稳定”"},
    {"withheld_third_party_rights", "（三）不予公开 4.保护第三方合法权益"},
    {"withheld_internal_affairs", "（三）不予公开 5.属于三类内部事务信息"},
    {"withheld_process_information", "（三）不予公开 6.属于四类过程性信息"},
    {"withheld_law_enforcement_files", "（三）不予公开 7.属于行政执法案卷"},
    {"withheld_administrative_query", "（三）不予公开 8.属于行政查询事项"},
    {"unable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"},
    {"unable_needs_creation", "（四）无法提供 2.没有现成信息需要另行制作"},
    {"unable_unclear_after_clarification", "（四）无法提供 3.补正后申请内容仍不明确"},
    {"not_processed_petition_complaint", "（五）不予处理 1.信访举报投诉类申请"},
    {"not_processed_repeat", "（五）不予处理 2.重复申请"},
    {"not_processed_publication", "（五）不予处理 3.要求提供公开出版物"},
    {"not_processed_excessive", "（五）不予处理 4.无正当理由大量反复申请"},
    {"not_processed_confirm_or_reissue", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息"},
    {"other_no_clarification",
     "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
    {"other_fee_unpaid",
     "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
    {"other_other", "（六）其他处理 3.其他"},
    {"total_handled", "（七）总计"},
    {"carried_forward", "四、结转下年度继续办理"},
};

constexpr std::pair<std::string_view, std::string_view> kColumnLabels[] = {
    {"natural_person", "自然人"},
    {"commercial_enterprise", "商业企业"},
    {"research_institution", "科研机构"},
    {"social_welfare_organization", "社会公益组织"},
    {"legal_service_institution", "法律服务机构"},
    {"other_organization", "其他"},
    {"total", "总计"},
};

static_assert(std::size(kRowLabels) == kApplicationRows.size());
static_assert(std::size(kColumnLabels) == kApplicationColumns.size());

}  // namespace

std::string format_amount(double value) {
  if (!std::isfinite(value)) return "0";
  if (value == std::floor(value) && std::fabs(value) < 1e15) return fmt::format("{}", static_cast<int64_t>(value));
  std::string s = fmt::format("{:.4f}", value);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string_view application_row_label(std::string_view key) {
  for (const auto& [k, label] : kRowLabels)
    if (k == key) return label;
  return {};
}

std::string_view application_column_label(std::string_view key) {
  for (const auto& [k, label] : kColumnLabels)
    if (k == key) return label;
  return {};
}

}  // namespace gk::report
