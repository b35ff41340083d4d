#include "report/report_text.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gk::report {
namespace {

// The mark staff search for before submitting: every sentence carrying it is a placeholder.

constexpr size_t kTotal = 6;  // the 总计 column of section 三

int64_t total_of(const AnnualReport& r, std::string_view row) {
  auto it = r.applications.find(row);
  return it == r.applications.end() ? 0 : it->second[kTotal];
}

// Sum of the 总计 column over every row whose key starts with `prefix` (withheld_, unable_, …).
int64_t total_with_prefix(const AnnualReport& r, std::string_view prefix) {
  int64_t sum = 0;
  for (auto key : kApplicationRows)
    if (key.starts_with(prefix)) sum += total_of(r, key);
  return sum;
}

// "较上年增加12件，增长15.0%" / "较上年减少3件，下降20.0%" / "与上年持平"; no percentage when last
// year was 0. The percentage is rounded half up to one decimal in integer arithmetic, so the
// sentence does not depend on floating-point formatting.
std::string change(int64_t current, int64_t previous) {
  if (current == previous) return "与上年持平";
  const int64_t diff = current > previous ? current - previous : previous - current;
  const char* verb = current > previous ? "增加" : "减少";
  if (previous <= 0) return fmt::format("较上年{}{}件", verb, diff);
  const int64_t tenths = (diff * 1000 + previous / 2) / previous;
  return fmt::format("较上年{}{}件，{}{}.{}%", verb, diff, current > previous ? "增长" : "下降", tenths / 10,
                     tenths % 10);
}

// "，较上年…" after a count, or nothing without the previous year.
std::string change_clause(int64_t current, const AnnualReport* previous, int64_t previous_value) {
  if (!previous) return "";
  return "，" + change(current, previous_value);
}

int64_t litigation_total(const AnnualReport& r) {
  return r.litigation_direct.total + r.litigation_after_reconsideration.total;
}

int64_t corrected_total(const AnnualReport& r) {
  return r.reconsideration.corrected + r.litigation_direct.corrected +
         r.litigation_after_reconsideration.corrected;
}

int64_t pending_total(const AnnualReport& r) {
  return r.reconsideration.pending + r.litigation_direct.pending + r.litigation_after_reconsideration.pending;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string organ_name(const AnnualReport& r) {
  return r.department_name.empty() ? "本机关" : r.department_name;
}

// （一）主动公开: 第二十条第（一）项 documents, then the decisions and fees of （五）（六）（八） that are
// not zero.
std::string proactive_paragraph(const AnnualReport& r, const AnnualReport* prev) {
  const auto& p = r.proactive;
  std::vector<std::string> clauses;
  const auto documents = [&](std::string_view genre, const IssuedCounts& c, const IssuedCounts* pc) {
    std::string issued =
        c.issued > 0 ? fmt::format("制发{}{}件", genre, c.issued) : fmt::format("未制发{}", genre);
    if (pc) issued += "，" + change(c.issued, pc->issued);
    clauses.push_back(std::move(issued));
    clauses.push_back(c.repealed > 0 ? fmt::format("废止{}件", c.repealed) : "无废止");
    clauses.push_back(c.in_force > 0 ? fmt::format("截至年底现行有效{}{}件", genre, c.in_force)
                                     : fmt::format("截至年底无现行有效的{}", genre));
  };
  const bool any_rules = p.rules.issued || p.rules.repealed || p.rules.in_force ||
                         (prev && (prev->proactive.rules.issued || prev->proactive.rules.in_force));
  if (any_rules) documents("规章", p.rules, prev ? &prev->proactive.rules : nullptr);
  documents("行政规范性文件", p.normative_documents, prev ? &prev->proactive.normative_documents : nullptr);
  std::string out = "（一）主动公开。本年度" + join(clauses, "；") + "。";

  std::vector<std::string> decisions;
  const auto decision = [&](std::string_view what, int64_t n, int64_t previous_n) {
    if (n > 0)
      decisions.push_back(fmt::format("{}处理决定{}件{}", what, n, change_clause(n, prev, previous_n)));
  };
  decision("行政许可", p.licensing_decisions, prev ? prev->proactive.licensing_decisions : 0);
  decision("行政处罚", p.penalties, prev ? prev->proactive.penalties : 0);
  decision("行政强制", p.enforcement_measures, prev ? prev->proactive.enforcement_measures : 0);
  if (!decisions.empty()) out += "作出" + join(decisions, prev ? "；" : "、") + "。";
  if (p.fees_10k_yuan > 0) out += fmt::format("收取行政事业性收费{}万元。", format_amount(p.fees_10k_yuan));
  return out;
}

// （二）依申请公开, from the 总计 column of section 三.
std::string foi_paragraph(const AnnualReport& r, const AnnualReport* prev) {
  const int64_t received = total_of(r, "new_this_year");
  const int64_t carried_over = total_of(r, "carried_over");
  const int64_t handled = total_of(r, "total_handled");
  const int64_t carried_forward = total_of(r, "carried_forward");
  const int64_t prev_received = prev ? total_of(*prev, "new_this_year") : 0;
  const int64_t prev_handled = prev ? total_of(*prev, "total_handled") : 0;

  if (received == 0 && carried_over == 0 && handled == 0 && carried_forward == 0) {
    std::string out = "（二）依申请公开。本年度未收到政府信息公开申请" +
                      change_clause(0, prev, prev_received) + "，无上年结转的申请。";
    return out;
  }
  std::string out = "（二）依申请公开。本年度";
  out += received > 0 ? fmt::format("新收政府信息公开申请{}件", received)
                      : std::string("未新收政府信息公开申请");
  out += change_clause(received, prev, prev_received);
  out += carried_over > 0 ? fmt::format("，上年结转{}件", carried_over) : std::string("，无上年结转的申请");
  out += "。";

  if (handled > 0) {
    out += fmt::format("本年度办结{}件{}", handled, change_clause(handled, prev, prev_handled));
    std::vector<std::string> results;
    const auto result = [&](std::string_view label, int64_t n) {
      if (n > 0) results.push_back(fmt::format("{}{}件", label, n));
    };
    result("予以公开", total_of(r, "disclosed"));
    result("部分公开", total_of(r, "partially_disclosed"));
    result("不予公开", total_with_prefix(r, "withheld_"));
    result("无法提供", total_with_prefix(r, "unable_"));
    result("不予处理", total_with_prefix(r, "not_processed_"));
    result("其他处理", total_with_prefix(r, "other_"));
    if (!results.empty()) out += "，其中" + join(results, "，");
    out += "。";
  } else {
    out += "本年度无办结的申请" + change_clause(0, prev, prev_handled) + "。";
  }
  out += carried_forward > 0 ? fmt::format("结转下年度继续办理{}件。", carried_forward)
                             : std::string("无结转下年度继续办理的申请。");
  return out;
}

// （三）行政复议和行政诉讼: remedies filed in the year and how many were corrected (被纠错).
std::string remedies_paragraph(const AnnualReport& r, const AnnualReport* prev) {
  const int64_t reconsideration = r.reconsideration.total;
  const int64_t litigation = litigation_total(r);
  const int64_t prev_reconsideration = prev ? prev->reconsideration.total : 0;
  const int64_t prev_litigation = prev ? litigation_total(*prev) : 0;
  std::string out = "（三）行政复议和行政诉讼。";
  if (reconsideration == 0 && litigation == 0) {
    out += "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼案件";
    if (prev) {
      out += prev_reconsideration + prev_litigation == 0
                 ? std::string("，与上年持平")
                 : fmt::format("（上年行政复议{}件、行政诉讼{}件）", prev_reconsideration, prev_litigation);
    }
    return out + "。";
  }
  std::vector<std::string> filed;
  filed.push_back(reconsideration > 0 ? fmt::format("被申请行政复议{}件", reconsideration)
                                      : std::string("未被申请行政复议"));
  filed.back() += change_clause(reconsideration, prev, prev_reconsideration);
  if (litigation > 0) {
    filed.push_back(fmt::format("被提起行政诉讼{}件（未经复议直接起诉{}件，复议后起诉{}件）", litigation,
                                r.litigation_direct.total, r.litigation_after_reconsideration.total));
  } else {
    filed.push_back("未被提起行政诉讼");
  }
  filed.back() += change_clause(litigation, prev, prev_litigation);
  out += "本年度因政府信息公开工作" + join(filed, "；") + "。";
  const int64_t corrected = corrected_total(r);
  const int64_t pending = pending_total(r);
  out += corrected > 0 ? fmt::format("上述案件中，结果被纠错{}件", corrected)
                       : std::string("上述案件中，无被纠错案件");
  if (pending > 0) out += fmt::format("，截至年底尚未审结{}件", pending);
  return out + "。";
}

}  // namespace

ReportText draft_text(const AnnualReport& current, const std::optional<AnnualReport>& previous) {
  const AnnualReport* prev = previous ? &*previous : nullptr;
  ReportText text;

  text.overview = fmt::format(
      "{}年，{}按照《中华人民共和国政府信息公开条例》的要求开展政府信息公开工作。现将本年度主动公开、"
      "依申请公开和行政复议、行政诉讼等情况报告如下。",
      current.year, organ_name(current));
  text.overview += "\n" + proactive_paragraph(current, prev);
  text.overview += "\n" + foi_paragraph(current, prev);
  text.overview += "\n" + remedies_paragraph(current, prev);

  // 五: what the figures point at, then the measures staff write themselves.
  std::vector<std::string> issues;
  if (const int64_t corrected = corrected_total(current); corrected > 0)
    issues.push_back(fmt::format(
        "因政府信息公开工作引起的行政复议、行政诉讼中有{}件结果被纠错，需逐案分析原因，改进答复工作。",
        corrected));
  if (const int64_t forward = total_of(current, "carried_forward"); forward > 0)
    issues.push_back(fmt::format(
        "有{}件政府信息公开申请结转下年度继续办理，需跟踪办理进度，确保在法定期限内答复。", forward));
  if (!current.check_errors.empty())
    issues.push_back(
        fmt::format("统计数据存在不一致（{}），报送前需核对更正。", join(current.check_errors, "；")));
  std::string problems = "（一）存在的主要问题。";
  if (issues.empty()) {
    problems += std::string(kToComplete);
  } else {
    problems += "从本年度统计数据看：";
    for (size_t i = 0; i < issues.size(); ++i) problems += fmt::format("\n{}. {}", i + 1, issues[i]);
    problems += fmt::format("\n{}. ……{}", issues.size() + 1, kToComplete);
  }
  problems += "\n（二）改进措施：";
  problems += fmt::format("\n一是……{}", kToComplete);
  problems += fmt::format("\n二是……{}", kToComplete);
  text.problems = std::move(problems);

  // 六: information-processing fees (条例 Art. 42; 国办函〔2020〕109号).
  text.other_matters =
      current.fees_yuan > 0
          ? fmt::format(
                "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度收取信息处理费{}元。",
                format_amount(current.fees_yuan))
          : std::string("本年度未收取信息处理费。");
  return text;
}

}  // namespace gk::report
