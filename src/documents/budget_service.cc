#include "documents/budget_service.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "core/utf8.h"

namespace gk::documents {

using accounts::Principal;

BudgetService::BudgetService(DocumentStore& store, const Clock& clock) : store_(store), clock_(clock) {}

Status BudgetService::set(const Principal& who, DocumentId id, const BudgetDraft& draft,
                          const RequestContext& ctx) {
  std::vector<FieldError> errors;
  const auto kind = parse_budget_kind(trim(draft.kind));
  if (!kind) errors.push_back({"kind", "请选择预算或决算"});
  const std::string year_text = trim(draft.fiscal_year);
  int year = 0;
  auto [p, ec] = std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
  if (year_text.size() != 4 || ec != std::errc() || p != year_text.data() + year_text.size()) {
    errors.push_back({"fiscal_year", "预算年度应为四位数字的年份"});
  } else if (kind) {
    if (Status st = check_fiscal_year(year, *kind, clock_.today()); !st)
      errors.push_back(st.error().fields().at(0));
  }
  if (!errors.empty()) return fail(Error::invalid("预决算信息有误，请修改标记的字段", std::move(errors)));

  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(may_set_facts(who, doc, FactsKind::kBudgetReport));
    GK_TRY_STATUS(check_single_kind(repo, id, FactsKind::kBudgetReport));
    BudgetReport report{id, draft.department.value_or(doc.department), year, *kind};
    if (report.department != doc.department && who.kind != Principal::Kind::kSystem &&
        !who.has_role(accounts::Role::kAdmin)) {
      return fail(Error::permission_denied("只有管理员可以把文件登记为其他单位的预决算"));
    }
    GK_TRY_ASSIGN(current, repo.find_budget_report(id));
    if (current == report) return ok();
    // Checked first so the editor learns which document holds it (a failed INSERT would only say Conflict).
    GK_TRY_ASSIGN(holder, repo.find_budget_report_document(report.department, year, *kind));
    if (holder && *holder != id) {
      return fail(Error::invalid_field(
          "fiscal_year",
          fmt::format("该单位{}年度的{}已登记为文件 {}；同一单位同一年度只能登记一份，更正版请先移除原登记",
                      year, budget_kind_label(*kind), holder->value)));
    }
    GK_TRY_STATUS(repo.put_budget_report(report, clock_.now()));
    return audit.append(facts_event(who, doc, "document.budget_report_set",
                                    fmt::format("{}《{}》为{}年度部门{}", current ? "修改登记" : "登记",
                                                doc.title, year, budget_kind_label(*kind)),
                                    ctx));
  });
}

Status BudgetService::remove(const Principal& who, DocumentId id, const RequestContext& ctx) {
  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(may_set_facts(who, doc, FactsKind::kBudgetReport));
    GK_TRY_ASSIGN(current, repo.find_budget_report(id));
    if (!current) return ok();
    GK_TRY_STATUS(repo.delete_budget_report(id));
    return audit.append(
        facts_event(who, doc, "document.budget_report_remove", "移除《" + doc.title + "》的预决算登记", ctx));
  });
}

Result<std::optional<BudgetReport>> BudgetService::get(const Principal& who, DocumentId id) {
  std::optional<BudgetReport> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    if (who.kind != Principal::Kind::kSystem) {
      GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, doc.department));
    }
    GK_TRY_ASSIGN(r, repo.find_budget_report(id));
    out = r;
    return ok();
  }));
  return out;
}

Result<std::optional<BudgetReport>> BudgetService::get_public(DocumentId id) {
  std::optional<BudgetReport> out;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find_heading(id));
    if (!doc || !doc->is_public_at(clock_.now())) return fail(Error::not_found("该文件不存在或尚未公开"));
    GK_TRY_ASSIGN(r, repo.find_budget_report(id));
    out = r;
    return ok();
  }));
  return out;
}

Result<BudgetMatrix> BudgetService::matrix(std::span<const BudgetDepartment> departments, int year_count) {
  year_count = std::clamp(year_count, 1, 10);
  const Date today = clock_.today();
  std::vector<PublishedBudgetReport> reports;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    reports.clear();
    BudgetReportFilter f;
    f.from_year = today.year() - year_count + 1;
    f.to_year = today.year();
    f.public_at = clock_.now();
    if (departments.size() == 1) f.department = departments[0].id;
    GK_TRY_ASSIGN(rows, repo.list_budget_reports(f));
    for (auto& [report, heading] : rows) {
      reports.push_back({report, heading.title, heading.published_at->local_date()});
    }
    return ok();
  }));
  return build_budget_matrix(departments, reports, today, year_count);
}

}  // namespace gk::documents
