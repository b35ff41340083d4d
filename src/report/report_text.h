// Drafts of the annual report's text sections (issue 6, item 2), written from the figures so that
// staff start from a correct paragraph instead of a blank page:
//   * 总体情况 (overview): one paragraph per part of the work with the year's numbers — 主动公开
//     (行政规范性文件 issued / repealed / in force), 依申请公开 (new, carried over, handled, by
//     result: 予以公开 / 部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他, carried forward), 行政复议和
//     行政诉讼 (filed, corrected), 收费 — each with the change against the previous year when it is
//     known ("较上年增加12件，增长15.0%" / "减少" / "持平"; no percentage when last year was 0).
//   * 存在的主要问题及改进情况 (problems): a frame naming what the figures show (e.g. corrected
//     remedies, cases carried forward, failed cross-checks) for staff to complete.
//   * 其他需要报告的事项 (other_matters): the information-processing fees collected (条例 Art. 42,
//     国办函〔2020〕109号), "本年度未收取信息处理费。" when none.
// Plain text, paragraphs separated by "\n". Pure functions; thread-safe.
#pragma once

#include <optional>

#include "report/annual_report.h"
#include "report/report_filing.h"

namespace gk::report {

// Marks each place of a draft that staff must complete; a report is not submitted while a section
// still holds it (annual_report_service.h).
inline constexpr std::string_view kToComplete = "（请根据实际情况补充）";

// `previous`: the same organ's figures for year − 1, when known (nullopt: no comparison sentences).
ReportText draft_text(const AnnualReport& current, const std::optional<AnnualReport>& previous);

}  // namespace gk::report
