#include "documents/document_reports.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "accounts/permission.h"

namespace gk::documents {
namespace {

using accounts::Principal;

// Keeps IN (...) lists well below every engine's parameter limit.
constexpr size_t kIdBatch = 500;

ValidityFacts facts_of_public(const Document& d) {
  ValidityFacts f;
  f.id = d.id;
  f.title = d.title;
  f.effective = d.effective_on;
  f.expires = d.expires_on;
  if (d.published_at) f.published = d.published_at->local_date();
  f.normative = d.normative;
  return f;
}

}  // namespace

std::optional<double> TimelinessReport::on_time_rate() const {
  const int known = on_time + late;
  if (known == 0) return std::nullopt;
  return static_cast<double>(on_time) / known;
}

DocumentReports::DocumentReports(DocumentStore& store, CalendarProvider calendar, const Clock& clock,
                                 ValidityPolicy policy)
    : store_(store), calendar_(std::move(calendar)), clock_(clock), policy_(policy) {}

Result<std::optional<DepartmentId>> DocumentReports::scope(const Principal& who,
                                                           std::optional<DepartmentId> department) {
  if (!department && !who.is_city_wide()) department = who.department;
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, department));
  return department;
}

Result<TimelinessReport> DocumentReports::timeliness(const Principal& who, int year,
                                                     std::optional<DepartmentId> department) {
  if (year < 2000 || year > 9999) return fail(Error::invalid_field("year", "年份应在 2000 至 9999 之间"));
  GK_TRY_ASSIGN(dept, scope(who, department));
  DocumentFilter f;
  f.department = dept;
  f.year = year;
  f.public_at = clock_.now();  // published, proactive, publication time reached
  f.sort = "published_asc";
  f.limit = 0;
  std::vector<Document> docs;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(listed, repo.list(f));
    docs = std::move(listed.first);
    return ok();
  }));

  const std::shared_ptr<const calendar::WorkingCalendar> cal = calendar_();
  TimelinessReport report;
  report.year = year;
  report.department = dept;
  report.rows.reserve(docs.size());
  for (Document& d : docs) {
    auto t = timeliness_of(d, *cal);
    if (!t) continue;  // cannot happen for a public document; skip rather than invent a date
    switch (t->verdict) {
      case TimelinessVerdict::kOnTime:
        ++report.on_time;
        break;
      case TimelinessVerdict::kLate:
        ++report.late;
        break;
      case TimelinessVerdict::kUnknown:
        ++report.unknown;
        break;
    }
    report.rows.push_back({d.id, std::move(d.title), std::move(d.index_number), std::move(d.doc_number),
                           d.department, std::move(*t)});
  }
  report.total = static_cast<int>(report.rows.size());
  return report;
}

Result<std::vector<ExpiringRow>> DocumentReports::expiring(const Principal& who,
                                                           std::optional<DepartmentId> department) {
  GK_TRY_ASSIGN(dept, scope(who, department));
  DocumentFilter f;
  f.department = dept;
  f.normative = true;
  f.public_at = clock_.now();
  f.sort = "published_asc";
  f.limit = 0;
  std::vector<Document> docs;
  std::vector<Relation> relations;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(listed, repo.list(f));
    docs = std::move(listed.first);
    // Repeals and replacements by any document (of any department) end a document's validity.
    std::set<std::tuple<int64_t, int, int64_t>> seen;
    for (size_t start = 0; start < docs.size(); start += kIdBatch) {
      std::vector<DocumentId> ids;
      for (size_t i = start; i < std::min(docs.size(), start + kIdBatch); ++i) ids.push_back(docs[i].id);
      GK_TRY_ASSIGN(batch, repo.relations_of(ids));
      for (Relation& r : batch) {
        if (seen.insert({r.from.value, static_cast<int>(r.kind), r.to.value}).second) relations.push_back(r);
      }
    }
    return ok();
  }));

  std::vector<ValidityFacts> facts;
  facts.reserve(docs.size());
  for (const Document& d : docs) facts.push_back(facts_of_public(d));
  GK_TRY_ASSIGN(index, ValidityIndex::build(facts, relations, policy_));
  std::map<int64_t, const Document*> by_id;
  for (const Document& d : docs) by_id[d.id.value] = &d;
  std::vector<ExpiringRow> out;
  for (ExpiryWarning& w : expiring_within(index, clock_.today(), policy_)) {
    ExpiringRow row;
    if (auto it = by_id.find(w.id.value); it != by_id.end()) {
      row.doc_number = it->second->doc_number;
      row.unified_number = it->second->unified_number;
      row.department = it->second->department;
      row.effective_on = it->second->effective_on;
    }
    row.warning = std::move(w);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace gk::documents
