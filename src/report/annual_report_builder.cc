#include "report/annual_report_builder.h"

#include <algorithm>

#include <fmt/format.h>

#include <span>
#include <unordered_map>
#include <utility>

#include "documents/validity.h"
#include "foi/applicant.h"
#include "foi/outcome.h"

namespace gk::report {
namespace {

constexpr size_t kNewRow = 0, kCarriedOverRow = 1, kFirstOutcomeRow = 2, kTotalHandledRow = 23,
                 kCarriedForwardRow = 24;
constexpr size_t kTotalColumn = 6;
constexpr std::array<std::string_view, 4> kRemedyColumns = {"upheld", "corrected", "other", "pending"};
constexpr std::array<std::string_view, 3> kRemedyGroups = {"reconsideration", "litigation_direct",
                                                           "litigation_after_reconsideration"};
constexpr std::array<std::string_view, 3> kRemedyGroupLabels = {"行政复议", "行政诉讼（未经复议直接起诉）",
                                                                "行政诉讼（复议后起诉）"};

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

std::string cell_key(std::string_view row, std::string_view column) {
  std::string k;
  k.reserve(row.size() + column.size() + 1);
  k.append(row).append("/").append(column);
  return k;
}

}  // namespace

AnnualReportBuilder::AnnualReportBuilder(int year, std::string department_code, std::string department_name,
                                         bool drill_down)
    : year_(year), first_(day(year, 1, 1)), last_(day(year, 12, 31)), drill_down_(drill_down) {
  report_.year = year;
  report_.department_code = std::move(department_code);
  report_.department_name = std::move(department_name);
}

void AnnualReportBuilder::add_case(const foi::CaseReportRow& row) {
  if (row.received_on > last_) return;                   // received after Y
  if (row.closed_on && *row.closed_on < first_) return;  // closed before Y
  const size_t col = static_cast<size_t>(row.applicant_type);
  const size_t group = row.received_on >= first_ ? kNewRow : kCarriedOverRow;
  size_t result;
  if (row.closed_on && *row.closed_on <= last_) {
    // A closed case without a recorded outcome still has to be counted somewhere: （六）3 其他.
    const auto outcome = row.outcome.value_or(foi::Outcome::kOtherOther);
    result = kFirstOutcomeRow + static_cast<size_t>(outcome);
  } else {
    result = kCarriedForwardRow;
  }
  ++counts_[group][col];
  ++counts_[result][col];
  if (drill_down_) {
    ids_[group][col].push_back(row.id.value);
    ids_[result][col].push_back(row.id.value);
  }
}

void AnnualReportBuilder::add_remedy(const foi::RemedyReportRow& row) {
  if (row.filed < first_ || row.filed > last_) return;  // section 四 counts remedies filed in Y
  const bool decided = row.decided && *row.decided <= last_ && row.outcome != foi::RemedyOutcome::kPending;
  const size_t col = decided ? static_cast<size_t>(row.outcome) : 3;
  const size_t group = static_cast<size_t>(row.kind);
  ++remedies_[group][col];
  if (drill_down_) remedy_ids_[group][col].push_back(row.case_id.value);  // the case behind the remedy
}

void AnnualReportBuilder::add_fee_events(const std::vector<foi::CaseEvent>& events) {
  FoiCaseId current{};
  int64_t noticed = 0;
  for (const auto& e : events) {
    if (e.case_id != current) {
      current = e.case_id;
      noticed = 0;
    }
    if (e.type == foi::CaseEventType::kFeeNotice) {
      noticed = e.data.fee_yuan.value_or(0);
    } else if (e.type == foi::CaseEventType::kFeePaid && e.date >= first_ && e.date <= last_) {
      fees_yuan_ += static_cast<double>(noticed);
    }
  }
}

void AnnualReportBuilder::add_document(const DocumentYear& d) {
  IssuedCounts& c = d.rule ? report_.proactive.rules : report_.proactive.normative_documents;
  c.issued += d.issued;
  c.repealed += d.repealed;
  c.in_force += d.in_force;
  if (!drill_down_ || d.id == 0) return;
  const std::string_view row = d.rule ? "rules" : "normative_documents";
  if (d.issued) report_.cell_cases[cell_key(row, "issued")].push_back(d.id);
  if (d.repealed) report_.cell_cases[cell_key(row, "repealed")].push_back(d.id);
  if (d.in_force) report_.cell_cases[cell_key(row, "in_force")].push_back(d.id);
}

void AnnualReportBuilder::add_statistics(const DepartmentStatistics& s) {
  report_.proactive.licensing_decisions += s.licensing_decisions;
  report_.proactive.penalties += s.penalties;
  report_.proactive.enforcement_measures += s.enforcement_measures;
  report_.proactive.fees_10k_yuan += s.fees_10k_yuan;
}

AnnualReport AnnualReportBuilder::finish() {
  // （七）总计 = the sum of the leaf rows.
  for (size_t c = 0; c < kTypes; ++c) {
    int64_t handled = 0;
    for (size_t r = kFirstOutcomeRow; r < kTotalHandledRow; ++r) handled += counts_[r][c];
    counts_[kTotalHandledRow][c] = handled;
  }
  for (size_t r = 0; r < kRows; ++r) {
    Row row{};
    int64_t total = 0;
    for (size_t c = 0; c < kTypes; ++c) {
      row[c] = counts_[r][c];
      total += counts_[r][c];
    }
    row[kTotalColumn] = total;
    report_.applications.emplace(std::string(kApplicationRows[r]), row);
    if (!drill_down_ || r == kTotalHandledRow) continue;
    for (size_t c = 0; c < kTypes; ++c)
      if (!ids_[r][c].empty())
        report_.cell_cases.emplace(cell_key(kApplicationRows[r], kApplicationColumns[c]),
                                   std::move(ids_[r][c]));
  }
  RemedyCounts* groups[3] = {&report_.reconsideration, &report_.litigation_direct,
                             &report_.litigation_after_reconsideration};
  for (size_t g = 0; g < 3; ++g) {
    auto& out = *groups[g];
    out.upheld = remedies_[g][0];
    out.corrected = remedies_[g][1];
    out.other = remedies_[g][2];
    out.pending = remedies_[g][3];
    out.total = out.upheld + out.corrected + out.other + out.pending;
    if (!drill_down_) continue;
    for (size_t c = 0; c < 4; ++c) {
      auto& ids = remedy_ids_[g][c];
      if (ids.empty()) continue;
      // One case may have had two remedies of the same kind and result in the year.
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      report_.cell_cases.emplace(cell_key(kRemedyGroups[g], kRemedyColumns[c]), std::move(ids));
    }
  }
  report_.fees_yuan = fees_yuan_;
  report_.check_errors = check_report(report_);
  AnnualReport out = std::move(report_);
  *this = AnnualReportBuilder(year_, {}, {}, drill_down_);
  return out;
}

std::vector<std::string> check_report(const AnnualReport& r) {
  std::vector<std::string> errors;
  auto row = [&](std::string_view key) -> Row {
    auto it = r.applications.find(key);
    return it == r.applications.end() ? Row{} : it->second;
  };
  for (std::string_view key : kApplicationRows)
    if (!r.applications.contains(key))
      errors.push_back(fmt::format("缺少行“{}”", application_row_label(key)));
  const Row fresh = row("new_this_year"), over = row("carried_over"), handled = row("total_handled"),
            forward = row("carried_forward");
  for (size_t c = 0; c < kApplicationColumns.size(); ++c) {
    const auto label = application_column_label(kApplicationColumns[c]);
    if (fresh[c] + over[c] != handled[c] + forward[c])
      errors.push_back(fmt::format("“{}”列：一（{}）+ 二（{}）≠ 三（七）总计（{}）+ 四（{}）", label,
                                   fresh[c], over[c], handled[c], forward[c]));
    int64_t leaves = 0;
    for (size_t i = kFirstOutcomeRow; i < kTotalHandledRow; ++i) leaves += row(kApplicationRows[i])[c];
    if (leaves != handled[c])
      errors.push_back(
          fmt::format("“{}”列：（七）总计（{}）≠ （一）至（六）各项之和（{}）", label, handled[c], leaves));
  }
  for (std::string_view key : kApplicationRows) {
    const Row v = row(key);
    int64_t sum = 0;
    for (size_t c = 0; c < kTotalColumn; ++c) sum += v[c];
    if (sum != v[kTotalColumn])
      errors.push_back(fmt::format("“{}”行：总计（{}）≠ 自然人与法人或其他组织各列之和（{}）",
                                   application_row_label(key), v[kTotalColumn], sum));
  }
  const RemedyCounts* groups[3] = {&r.reconsideration, &r.litigation_direct,
                                   &r.litigation_after_reconsideration};
  for (size_t g = 0; g < 3; ++g) {
    const auto& x = *groups[g];
    if (x.upheld + x.corrected + x.other + x.pending != x.total)
      errors.push_back(fmt::format("{}：总计（{}）≠ 维持、纠正、其他、尚未审结之和（{}）",
                                   kRemedyGroupLabels[g], x.total,
                                   x.upheld + x.corrected + x.other + x.pending));
  }
  return errors;
}

Result<AnnualReport> build_annual_report(foi::FoiStore& foi, documents::DocumentStore& docs, int year,
                                         std::optional<DepartmentId> department, std::string department_code,
                                         std::string department_name, bool drill_down) {
  if (year < 2000 || year > 9998)
    return std::unexpected(Error::invalid_field("year", "年度应在 2000 至 9998 之间"));
  AnnualReportBuilder b(year, std::move(department_code), std::move(department_name), drill_down);
  const Date first = b.first_day(), last = b.last_day();
  Status st = foi.read([&](foi::FoiRepository& repo, audit::AuditSink&) -> Status {
    if (Status s = repo.for_each_report_row(first, last, department,
                                            [&](const foi::CaseReportRow& row) -> Status {
                                              b.add_case(row);
                                              return {};
                                            });
        !s)
      return s;
    if (Status s = repo.for_each_remedy_row(first, last, department,
                                            [&](const foi::RemedyReportRow& row) -> Status {
                                              b.add_remedy(row);
                                              return {};
                                            });
        !s)
      return s;
    auto fees = repo.fee_events(last, department);
    if (!fees) return std::unexpected(fees.error());
    b.add_fee_events(*fees);
    return {};
  });
  if (!st) return std::unexpected(st.error());

  // Section 二: published 行政规范性文件 of the scope, their validity on Y-12-31 (validity.h).
  st = docs.read([&](documents::DocumentRepository& repo, audit::AuditSink&) -> Status {
    documents::DocumentFilter f;
    f.department = department;
    f.normative = true;
    f.state = documents::PublicationState::kPublished;
    f.sort = "id_asc";
    f.limit = 0;
    auto listed = repo.list(f);
    if (!listed) return std::unexpected(listed.error());
    std::vector<DocumentId> ids;
    std::unordered_map<int64_t, const documents::Document*> published;
    for (const auto& d : listed->first) {
      if (!d.published_at || d.published_at->local_date() > last) continue;
      ids.push_back(d.id);
      published.emplace(d.id.value, &d);
    }
    if (ids.empty()) return {};
    auto facts = repo.facts(ids);
    if (!facts) return std::unexpected(facts.error());
    auto relations = repo.relations_of(ids);
    if (!relations) return std::unexpected(relations.error());
    std::unordered_map<int64_t, std::vector<documents::Relation>> incoming;
    for (const auto& rel : *relations) incoming[rel.to.value].push_back(rel);
    const documents::FactsLookup none = [](DocumentId) -> const documents::ValidityFacts* { return nullptr; };
    for (const auto& fact : *facts) {
      auto it = published.find(fact.id.value);
      if (it == published.end()) continue;
      const auto& in = incoming[fact.id.value];
      const auto state = documents::validity_on(fact, std::span<const documents::Relation>(in), none, last);
      DocumentYear y;
      y.id = fact.id.value;
      y.issued = it->second->published_at->local_date() >= first;
      y.in_force = documents::is_in_force(state.status);
      y.repealed =
          (state.status == documents::Validity::kRepealed || state.status == documents::Validity::kExpired) &&
          state.since && *state.since >= first && *state.since <= last;
      b.add_document(y);
    }
    return {};
  });
  if (!st) return std::unexpected(st.error());
  return b.finish();
}

}  // namespace gk::report
