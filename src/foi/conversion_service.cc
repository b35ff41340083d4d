#include "foi/conversion_service.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accounts/permission.h"
#include "foi/reading_room_masker.h"

namespace gk::foi {
namespace {

using accounts::Permission;
using accounts::Principal;

std::string trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string head(std::string_view s, size_t n) {
  size_t chars = 0, i = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) return std::string(s.substr(0, i)) + "…";
      ++chars;
    }
    ++i;
  }
  return std::string(s);
}

std::string sought_text(const FoiCase& c) {
  std::string t = trim(c.sought.title);
  if (!trim(c.sought.doc_number).empty()) t += (t.empty() ? "" : " ") + trim(c.sought.doc_number);
  if (!trim(c.sought.description).empty()) t += (t.empty() ? "" : " ") + trim(c.sought.description);
  return t;
}

bool disclosed(const FoiCase& c) {
  return c.state == CaseState::kClosed && c.outcome && releases_information(*c.outcome);
}

ConversionCandidate candidate_of(const FoiCase& c) {
  return {c.id, c.department, sought_text(c), disclosed(c)};
}

// The department scope of a read: the one asked for (checked), else the principal's own, or all
// for city-wide principals.
Result<std::optional<DepartmentId>> scope(const Principal& who, std::optional<DepartmentId> department) {
  if (department) {
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases, *department));
    return department;
  }
  if (who.is_city_wide()) {
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases));
    return std::optional<DepartmentId>();
  }
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases, who.department));
  return std::optional<DepartmentId>(who.department);
}

}  // namespace

ConversionService::ConversionService(ReadingRoomStore& store, const Clock& clock, DocumentDrafter drafter,
                                     ConversionPolicy policy)
    : store_(store), clock_(clock), drafter_(std::move(drafter)), policy_(std::move(policy)) {}

Result<std::vector<ConversionSuggestion>> ConversionService::suggestions(
    const Principal& who, std::optional<DepartmentId> department) {
  GK_TRY_ASSIGN(dept, scope(who, department));
  const Date since = clock_.today().plus_days(-policy_.window_days);
  std::vector<ConversionSuggestion> out;
  GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(cases, repo.conversion_candidates(dept, since));
    std::vector<ConversionCandidate> candidates;
    candidates.reserve(cases.size());
    for (const auto& c : cases) candidates.push_back(candidate_of(c));
    for (const RequestGroup& g : group_same_information(candidates, policy_)) {
      ConversionSuggestion s;
      s.department = g.department;
      for (size_t k = 0; k < g.members.size(); ++k) {
        const FoiCase& c = cases[g.members[k]];
        s.cases.push_back({c.id, c.tracking_number, c.received_on, c.closed_on ? c.outcome : std::nullopt,
                           head(mask_personal_data(candidates[g.members[k]].text, c.applicant).text, 200),
                           g.scores[k]});
        if (!s.released && disclosed(c)) {
          GK_TRY_ASSIGN(live, repo.live_entry(c.id));
          if (live) {
            s.released = live->id;
            s.title = live->title;
          }
        }
      }
      if (s.title.empty()) {
        const FoiCase& leader = cases[g.members.front()];
        const std::string t = trim(leader.sought.title);
        s.title =
            mask_personal_data(t.empty() ? head(trim(leader.sought.description), 40) : t, leader.applicant)
                .text;
      }
      out.push_back(std::move(s));
    }
    return ok();
  }));
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.cases.size() > b.cases.size(); });
  return out;
}

Result<ConversionResult> ConversionService::convert(const Principal& who, const std::vector<FoiCaseId>& ids,
                                                    const RequestContext& ctx) {
  std::set<FoiCaseId> unique(ids.begin(), ids.end());
  if (static_cast<int>(unique.size()) < std::max(2, policy_.min_requests)) {
    return fail(Error::invalid_field(
        "cases", fmt::format("转主动公开至少需要 {} 件申请", std::max(2, policy_.min_requests))));
  }
  // 1. Check the requests still form one group and build the draft (read).
  ConversionDraft draft;
  std::vector<FoiCaseId> members(unique.begin(), unique.end());
  GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
    std::vector<FoiCase> cases;
    for (FoiCaseId id : members) {
      GK_TRY_ASSIGN(c, repo.find_case(id));
      GK_TRY_ASSIGN(done, repo.conversion_of(id));
      if (done) return fail(Error::conflict(fmt::format("申请 {} 已转为主动公开", c.tracking_number)));
      cases.push_back(std::move(c));
    }
    const DepartmentId dept = cases.front().department;
    for (const auto& c : cases) {
      if (c.department != dept) return fail(Error::invalid_field("cases", "只能合并同一机关收到的申请"));
    }
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kHandleFoiCase, dept));
    std::sort(cases.begin(), cases.end(), [](const FoiCase& a, const FoiCase& b) {
      return std::pair(a.received_on, a.id) < std::pair(b.received_on, b.id);
    });
    std::vector<ConversionCandidate> candidates;
    for (const auto& c : cases) candidates.push_back(candidate_of(c));
    const auto groups = group_same_information(candidates, policy_);
    if (groups.size() != 1 || groups.front().members.size() != cases.size()) {
      return fail(Error::invalid_field("cases", "所选申请不是对同一政府信息的申请，或尚无予以公开的答复"));
    }
    // The released information: the first live reading-room entry of the group.
    std::optional<ReadingRoomEntry> released;
    for (const auto& c : cases) {
      if (!disclosed(c)) continue;
      GK_TRY_ASSIGN(live, repo.live_entry(c.id));
      if (live) {
        released = std::move(live);
        break;
      }
    }
    std::vector<std::string> numbers;
    for (const auto& c : cases) numbers.push_back(c.tracking_number);
    draft.department = dept;
    draft.genre = policy_.genre;
    draft.topic = policy_.topic;
    draft.formed_on = clock_.today();
    draft.summary =
        fmt::format("依据《政府信息公开条例》第四十四条，本信息经 {} 件依申请公开申请（{}）转为主动公开。",
                    cases.size(), fmt::join(numbers, "、"));
    if (released) {
      draft.title = released->title;
      draft.body_text = released->body;
    } else {
      const FoiCase& leader = cases.front();
      const std::string t = trim(leader.sought.title);
      draft.title =
          mask_personal_data(t.empty() ? head(trim(leader.sought.description), 40) : t, leader.applicant)
              .text;
      draft.body_text = "【待补充：请在此填写已向申请人公开的政府信息】\n申请公开的内容：" +
                        mask_personal_data(sought_text(leader), leader.applicant).text;
    }
    return ok();
  }));

  // 2. The draft in the document library (its own transaction and audit row).
  GK_TRY_ASSIGN(document, drafter_(who, draft, ctx));

  // 3. The conversion and its links, audited.
  Conversion conv;
  conv.department = draft.department;
  conv.document = document;
  conv.title = draft.title;
  conv.created_by = who.actor();
  conv.created_at = clock_.now();
  conv.cases = members;
  Status recorded = store_.transact([&](ReadingRoomRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(id, repo.insert_conversion(conv));
    conv.id = id;
    audit::AuditEvent e;
    e.actor = who.actor();
    e.department = conv.department;
    e.action = "foi.convert_to_proactive";
    e.target = fmt::format("foi_conversion:{}", id.value);
    std::vector<std::string> refs;
    for (FoiCaseId c : members) refs.push_back(fmt::format("foi_case:{}", c.value));
    e.summary = fmt::format("依申请公开转主动公开：{} 件申请（{}）生成文件草稿 document:{}《{}》",
                            members.size(), fmt::join(refs, "、"), document.value, conv.title);
    e.request_id = ctx.request_id;
    e.ip = ctx.ip;
    return audit.append(e);
  });
  if (!recorded) {
    const Error& err = recorded.error();
    return fail(Error(err.code(), fmt::format("{}（已生成的文件草稿 document:{} 未关联申请，请删除或重试）",
                                              err.message(), document.value)));
  }
  return ConversionResult{conv.id, document};
}

Result<std::vector<Conversion>> ConversionService::conversions(const Principal& who,
                                                               std::optional<DepartmentId> department,
                                                               int limit) {
  GK_TRY_ASSIGN(dept, scope(who, department));
  std::vector<Conversion> out;
  GK_TRY_STATUS(store_.read([&](ReadingRoomRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(rows, repo.conversions(dept, std::clamp(limit, 1, 500)));
    out = std::move(rows);
    return ok();
  }));
  return out;
}

}  // namespace gk::foi
