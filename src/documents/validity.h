// Validity (时效性: 有效 / 已修改 / 已废止 / 失效): derived from a document's dates and the relations
// acting on it, never typed in or stored. "Today" is always a parameter.
//
// Time model. A document is in force on the half-open interval [start, end):
//   start = 施行日期 (`effective`), or the publication date when no 施行日期 is recorded ("自发布之日起
//           施行" is the common formula); a document with neither has not come into force.
//   end   = the earliest of
//           * 失效日期 (`expires`): the FIRST day the document no longer applies. A document "有效期至
//             2025年12月31日" is entered with expires 2026-01-01;
//           * for a 行政规范性文件 without 失效日期, the end of the default validity period
//             (ValidityPolicy, below);
//           * the `from_effective` date of a relation that repeals or replaces it.
// An amendment does not end validity: the document stays legally in force in its amended form
// (status kAmended; is_in_force() is true). A later repeal or expiry of the acting document does not
// revive or un-amend its target: once in effect, a relation's effect is permanent.
//
// Precedence on a date `on`:
//   1. repealed/replaced (relation in effect on `on`) or expired (end of validity ≤ on): whichever
//      happened first decides kRepealed or kExpired (a tie goes to the repeal, the explicit act);
//   2. otherwise not yet started (start > on, or no start) → kNotYetInForce;
//   3. otherwise amended by a relation in effect on `on` → kAmended;
//   4. otherwise kInForce.
// A pending repeal/replacement (acting document not yet effective) leaves the document in force; the
// explanation mentions it.
//
// Value types and pure functions; ValidityIndex is immutable after build() and thread-safe to read.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "documents/relation.h"

namespace gk::documents {

enum class Validity { kInForce, kAmended, kRepealed, kExpired, kNotYetInForce };

// Stable persisted names: "in_force", "amended", "repealed", "expired", "not_yet_in_force".
std::string_view validity_name(Validity v);
// Chinese labels for pages: 有效, 已修改, 已废止, 失效, 尚未施行.
std::string_view validity_label(Validity v);
std::optional<Validity> parse_validity(std::string_view s);

// Legally applicable on the date asked about: kInForce or kAmended.
bool is_in_force(Validity v);

// The facts validity is derived from.
struct ValidityFacts {
  DocumentId id;
  std::string title;
  std::optional<Date> effective;  // 施行日期
  std::optional<Date> expires;    // 失效日期: first day no longer in force
  std::optional<Date> published;  // 发布日期; stands in for 施行日期 when that is missing
  bool normative = false;         // 行政规范性文件
};

// Default validity periods of 行政规范性文件 without an explicit 失效日期.
//
// There is no national validity period: the system is local (广州 from 2006) and each province or
// city sets its own in its 规范性文件制定管理办法 (regulations.md §4.5). A typical rule, 《山东省司法厅
// 规范性文件制定管理办法》, sets 3 or 5 years for ordinary documents and 1 or 2 years for documents
// marked 试行/暂行, with an evaluation within 6 months before expiry. The defaults below follow the
// common 5 / 2 years and 6 months; the deploying city configures its own, and a document's explicit
// 失效日期 always overrides the default.
struct ValidityPolicy {
  int normative_years = 5;  // ordinary 行政规范性文件
  int trial_years = 2;      // title contains 试行 or 暂行
  int warn_months = 6;      // evaluation window before expiry (评估: "有效期届满前6个月")
};

// Whether the title marks a trial document (试行 or 暂行 anywhere in it, e.g. "…办法（试行）").
bool is_trial_title(std::string_view title);

// The first day `doc` no longer applies by its own dates: explicit 失效日期, else for a normative
// document start + normative_years (trial_years for 试行/暂行), else none. Years are counted to the
// same calendar day (2020-01-01 + 5 years → 2025-01-01, in force through 2024-12-31); a start of
// 02-29 ends on 03-01 of the target year when that year has no 02-29.
std::optional<Date> expiry_of(const ValidityFacts& doc, const ValidityPolicy& policy = {});
// True when expiry_of() comes from the policy, not from an explicit 失效日期.
bool has_default_expiry(const ValidityFacts& doc);

// InvalidArgument, field "expires", when 失效日期 is not after 施行日期 (or, without 施行日期, not
// after the publication date): such a document could never be in force.
[[nodiscard]] Status validate_facts(const ValidityFacts& doc);

// Looks up another document's facts (for titles in explanations); nullptr when unknown.
using FactsLookup = std::function<const ValidityFacts*(DocumentId)>;

struct ValidityState {
  Validity status = Validity::kNotYetInForce;
  // The document to link from the banner: the repealing/replacing document (kRepealed; also for
  // kExpired when a replacement took effect later), or the latest amending document (kAmended).
  std::optional<DocumentId> successor;
  // kInForce: start; kAmended: date of the latest amendment; kRepealed: repeal date; kExpired:
  // expiry date; kNotYetInForce: empty.
  std::optional<Date> since;
  std::optional<Date> expires;  // expiry_of(doc), whatever the status
  // One Chinese sentence, e.g. "2023-05-01 起被《某某办法》废止".
  std::string explanation;
};

// The validity of `doc` on `on`. `incoming` holds relations acting on doc (others are ignored);
// a relation with an empty from_effective is not in effect. `other_docs` supplies the acting
// documents' titles (a missing one is named by its id).
ValidityState validity_on(const ValidityFacts& doc, std::span<const Relation> incoming,
                          const FactsLookup& other_docs, Date on, const ValidityPolicy& policy = {});

// Every document's in-force interval, built once, for "what was in force on date X" over the whole
// library (10^5 documents: build is O(n log n + r log r); in_force_on is one linear pass over a
// compact array, well under a millisecond; state_on is a binary search plus validity_on).
class ValidityIndex {
 public:
  // InvalidArgument, field "id", on a zero or repeated document id. Relations whose target is not
  // among `docs` are ignored; their acting documents need not be among `docs` either.
  [[nodiscard]] static Result<ValidityIndex> build(std::span<const ValidityFacts> docs,
                                                   std::span<const Relation> relations,
                                                   const ValidityPolicy& policy = {});

  // Ids of documents in force (kInForce or kAmended) on `on`, ascending.
  std::vector<DocumentId> in_force_on(Date on) const;
  // validity_on() for one document; nullopt for an id not in the index.
  std::optional<ValidityState> state_on(DocumentId id, Date on) const;

  const ValidityFacts* find(DocumentId id) const;
  std::span<const Relation> incoming(DocumentId id) const;
  std::span<const ValidityFacts> documents() const { return facts_; }  // ascending id
  // First day a repeal/replacement of the document is in effect, if any (independent of policy).
  std::optional<Date> superseded_on(DocumentId id) const;
  const ValidityPolicy& policy() const { return policy_; }
  size_t size() const { return facts_.size(); }

 private:
  struct Span {  // [start, end) in days; sentinels for "never" / "open"
    int32_t start;
    int32_t end;
    int32_t superseded;  // first day of a repeal/replacement, or the open sentinel
  };
  size_t index_of(DocumentId id) const;  // size() when absent

  ValidityPolicy policy_;
  std::vector<ValidityFacts> facts_;      // ascending id
  std::vector<Span> spans_;               // parallel to facts_
  std::vector<Relation> incoming_;        // grouped by target, in facts_ order
  std::vector<uint32_t> incoming_begin_;  // facts_.size() + 1 offsets into incoming_
};

// Convenience: builds an index and asks it once. Prefer a kept ValidityIndex for repeated queries.
[[nodiscard]] Result<std::vector<DocumentId>> in_force_on(Date on, std::span<const ValidityFacts> docs,
                                                          std::span<const Relation> relations,
                                                          const ValidityPolicy& policy = {});

struct ExpiryWarning {
  DocumentId id;
  std::string title;
  Date expires;                 // first day no longer in force
  int days_left = 0;            // expires - today: 1 on the last day in force
  bool default_period = false;  // expiry from the policy's default period, not an explicit 失效日期
};

// Documents in force on `today` whose expiry (explicit or default under `policy`) falls within the
// warning window: expires - policy.warn_months ≤ today < expires (months counted to the same day,
// clamped to month end). Ordered by expiry, then id. Documents already repealed or replaced, or
// not yet in force, are not warned about.
std::vector<ExpiryWarning> expiring_within(const ValidityIndex& index, Date today,
                                           const ValidityPolicy& policy);

// Calendar arithmetic used above, exposed for callers that show the same dates.
// `d` plus `months` (may be negative), day clamped to the target month's last day.
Date add_months_clamped(Date d, int months);

}  // namespace gk::documents
