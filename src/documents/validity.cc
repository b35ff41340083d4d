#include "documents/validity.h"

#include <algorithm>
#include <limits>

namespace gk::documents {
namespace {

// "Never started" and "never ends", as day counts beyond any real date.
constexpr int32_t kOpen = std::numeric_limits<int32_t>::max();

std::optional<Date> start_of(const ValidityFacts& doc) {
  return doc.effective ? doc.effective : doc.published;
}

// `d` plus `years` to the same calendar day; 02-29 in a year without one becomes 03-01, so the
// document is in force through 02-28 (the period's last day is the month's last day, the rule
// 《民法典》第二百零二条 uses for periods counted in years).
std::optional<Date> plus_years(Date d, int years) {
  const int y = d.year() + years;
  if (auto r = Date::from_ymd(y, d.month(), d.day())) return r;
  return Date::from_ymd(y, d.month() + 1, 1);
}

// The relations acting on a document, sorted out by what they do and when.
struct Effects {
  const Relation* termination = nullptr;  // earliest repeal/replace in effect at any time
  const Relation* pending = nullptr;      // earliest repeal/replace taking effect after `on`
  const Relation* amendment = nullptr;    // latest amendment in effect on `on`
};

Effects effects_on(DocumentId id, std::span<const Relation> incoming, Date on) {
  Effects e;
  auto earlier = [](const Relation* a, const Relation& b) {
    return a == nullptr || *b.from_effective < *a->from_effective ||
           (*b.from_effective == *a->from_effective && b.from.value < a->from.value);
  };
  for (const Relation& r : incoming) {
    if (r.to != id || !r.from_effective) continue;
    switch (r.kind) {
      case RelationKind::kRepeals:
      case RelationKind::kReplaces:
        if (earlier(e.termination, r)) e.termination = &r;
        if (*r.from_effective > on && earlier(e.pending, r)) e.pending = &r;
        break;
      case RelationKind::kAmends:
        if (*r.from_effective <= on && (e.amendment == nullptr || !earlier(e.amendment, r))) e.amendment = &r;
        break;
      case RelationKind::kImplements:
      case RelationKind::kInterprets:
        break;
    }
  }
  return e;
}

std::string name_of(DocumentId id, const FactsLookup& lookup) {
  const ValidityFacts* f = lookup ? lookup(id) : nullptr;
  if (f == nullptr || f->title.empty()) return "文件（编号 " + std::to_string(id.value) + "）";
  return "《" + f->title + "》";
}

// "2023-05-01 起被《…》废止"
std::string acted_sentence(const Relation& r, const FactsLookup& lookup) {
  return r.from_effective->to_string() + " 起被" + name_of(r.from, lookup) +
         std::string(relation_kind_label(r.kind));
}

}  // namespace

std::string_view validity_name(Validity v) {
  switch (v) {
    case Validity::kInForce:
      return "in_force";
    case Validity::kAmended:
      return "amended";
    case Validity::kRepealed:
      return "repealed";
    case Validity::kExpired:
      return "expired";
    case Validity::kNotYetInForce:
      return "not_yet_in_force";
  }
  return "in_force";
}

std::string_view validity_label(Validity v) {
  switch (v) {
    case Validity::kInForce:
      return "有效";
    case Validity::kAmended:
      return "已修改";
    case Validity::kRepealed:
      return "已废止";
    case Validity::kExpired:
      return "失效";
    case Validity::kNotYetInForce:
      return "尚未施行";
  }
  return "有效";
}

std::optional<Validity> parse_validity(std::string_view s) {
  for (Validity v : {Validity::kInForce, Validity::kAmended, Validity::kRepealed, Validity::kExpired,
                     Validity::kNotYetInForce}) {
    if (validity_name(v) == s) return v;
  }
  return std::nullopt;
}

bool is_in_force(Validity v) { return v == Validity::kInForce || v == Validity::kAmended; }

bool is_trial_title(std::string_view title) {
  // Byte search is exact in UTF-8: a multi-byte sequence never matches inside another character.
  return title.find("试行") != std::string_view::npos || title.find("暂行") != std::string_view::npos;
}

bool has_default_expiry(const ValidityFacts& doc) { return !doc.expires && doc.normative && start_of(doc); }

std::optional<Date> expiry_of(const ValidityFacts& doc, const ValidityPolicy& policy) {
  if (doc.expires) return doc.expires;
  if (!has_default_expiry(doc)) return std::nullopt;
  return plus_years(*start_of(doc), is_trial_title(doc.title) ? policy.trial_years : policy.normative_years);
}

Status validate_facts(const ValidityFacts& doc) {
  if (!doc.expires) return ok();
  if (doc.effective && *doc.expires <= *doc.effective) {
    return fail(Error::invalid_field("expires", "失效日期必须晚于施行日期"));
  }
  if (!doc.effective && doc.published && *doc.expires <= *doc.published) {
    return fail(Error::invalid_field("expires", "失效日期必须晚于发布日期"));
  }
  return ok();
}

Date add_months_clamped(Date d, int months) {
  const int total = std::clamp(d.year() * 12 + (d.month() - 1) + months, 1 * 12, 9999 * 12 + 11);
  const int year = total / 12;
  const int month = total % 12 + 1;
  return *Date::from_ymd(year, month, std::min(d.day(), days_in_month(year, month)));
}

ValidityState validity_on(const ValidityFacts& doc, std::span<const Relation> incoming,
                          const FactsLookup& other_docs, Date on, const ValidityPolicy& policy) {
  ValidityState st;
  const std::optional<Date> start = start_of(doc);
  st.expires = expiry_of(doc, policy);
  const Effects fx = effects_on(doc.id, incoming, on);
  const Relation* ended_by =
      fx.termination != nullptr && *fx.termination->from_effective <= on ? fx.termination : nullptr;
  const bool expired = st.expires && *st.expires <= on;

  if (ended_by != nullptr && (!expired || *ended_by->from_effective <= *st.expires)) {
    st.status = Validity::kRepealed;
    st.successor = ended_by->from;
    st.since = ended_by->from_effective;
    st.explanation = acted_sentence(*ended_by, other_docs);
    return st;
  }
  if (expired) {
    st.status = Validity::kExpired;
    st.since = st.expires;
    st.explanation =
        has_default_expiry(doc)
            ? "有效期 " +
                  std::to_string(is_trial_title(doc.title) ? policy.trial_years : policy.normative_years) +
                  " 年届满，" + st.expires->to_string() + " 起失效"
            : st.expires->to_string() + " 起失效";
    if (ended_by != nullptr) {
      st.successor = ended_by->from;
      st.explanation += "，" + acted_sentence(*ended_by, other_docs);
    }
    return st;
  }
  if (!start || *start > on) {
    st.status = Validity::kNotYetInForce;
    st.explanation = start ? start->to_string() + " 起施行" : "施行日期未定";
    return st;
  }
  if (fx.amendment != nullptr) {
    st.status = Validity::kAmended;
    st.successor = fx.amendment->from;
    st.since = fx.amendment->from_effective;
    st.explanation = fx.amendment->from_effective->to_string() + " 起经" +
                     name_of(fx.amendment->from, other_docs) + "修改，修改后的文本有效";
  } else {
    st.status = Validity::kInForce;
    st.since = start;
    st.explanation = start->to_string() + " 起施行";
  }
  if (st.expires) st.explanation += "，有效期至 " + st.expires->plus_days(-1).to_string();
  if (fx.pending != nullptr) {
    st.explanation += "，将于 " + fx.pending->from_effective->to_string() + " 起被" +
                      name_of(fx.pending->from, other_docs) +
                      std::string(relation_kind_label(fx.pending->kind));
  }
  return st;
}

Result<ValidityIndex> ValidityIndex::build(std::span<const ValidityFacts> docs,
                                           std::span<const Relation> relations,
                                           const ValidityPolicy& policy) {
  ValidityIndex ix;
  ix.policy_ = policy;
  ix.facts_.assign(docs.begin(), docs.end());
  std::sort(ix.facts_.begin(), ix.facts_.end(),
            [](const ValidityFacts& a, const ValidityFacts& b) { return a.id < b.id; });
  for (size_t i = 0; i < ix.facts_.size(); ++i) {
    if (!ix.facts_[i].id) return fail(Error::invalid_field("id", "文件编号不能为空"));
    if (i > 0 && ix.facts_[i].id == ix.facts_[i - 1].id) {
      return fail(
          Error::invalid_field("id", "文件编号重复（" + std::to_string(ix.facts_[i].id.value) + "）"));
    }
  }

  // Group relations by target with a counting sort; keeps their input order within a target.
  const size_t n = ix.facts_.size();
  std::vector<size_t> target(relations.size(), n);
  ix.incoming_begin_.assign(n + 1, 0);
  for (size_t r = 0; r < relations.size(); ++r) {
    target[r] = ix.index_of(relations[r].to);
    if (target[r] < n) ++ix.incoming_begin_[target[r] + 1];
  }
  for (size_t i = 0; i < n; ++i) ix.incoming_begin_[i + 1] += ix.incoming_begin_[i];
  ix.incoming_.resize(ix.incoming_begin_[n]);
  std::vector<uint32_t> next(ix.incoming_begin_.begin(), ix.incoming_begin_.end() - 1);
  for (size_t r = 0; r < relations.size(); ++r) {
    if (target[r] < n) ix.incoming_[next[target[r]]++] = relations[r];
  }

  ix.spans_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const ValidityFacts& f = ix.facts_[i];
    Span s{kOpen, kOpen, kOpen};
    if (auto start = start_of(f)) s.start = start->days();
    for (const Relation& r : ix.incoming(f.id)) {
      if (r.from_effective && (r.kind == RelationKind::kRepeals || r.kind == RelationKind::kReplaces)) {
        s.superseded = std::min(s.superseded, r.from_effective->days());
      }
    }
    s.end = s.superseded;
    if (auto e = expiry_of(f, policy)) s.end = std::min(s.end, e->days());
    ix.spans_.push_back(s);
  }
  return ix;
}

size_t ValidityIndex::index_of(DocumentId id) const {
  auto it = std::lower_bound(facts_.begin(), facts_.end(), id,
                             [](const ValidityFacts& f, DocumentId v) { return f.id < v; });
  if (it == facts_.end() || it->id != id) return facts_.size();
  return static_cast<size_t>(it - facts_.begin());
}

const ValidityFacts* ValidityIndex::find(DocumentId id) const {
  const size_t i = index_of(id);
  return i < facts_.size() ? &facts_[i] : nullptr;
}

std::span<const Relation> ValidityIndex::incoming(DocumentId id) const {
  const size_t i = index_of(id);
  if (i >= facts_.size()) return {};
  return std::span<const Relation>(incoming_).subspan(incoming_begin_[i],
                                                      incoming_begin_[i + 1] - incoming_begin_[i]);
}

std::optional<Date> ValidityIndex::superseded_on(DocumentId id) const {
  const size_t i = index_of(id);
  if (i >= facts_.size() || spans_[i].superseded == kOpen) return std::nullopt;
  return Date::from_days(spans_[i].superseded);
}

std::vector<DocumentId> ValidityIndex::in_force_on(Date on) const {
  std::vector<DocumentId> out;
  const int32_t d = on.days();
  for (size_t i = 0; i < spans_.size(); ++i) {
    if (spans_[i].start <= d && d < spans_[i].end) out.push_back(facts_[i].id);
  }
  return out;
}

std::optional<ValidityState> ValidityIndex::state_on(DocumentId id, Date on) const {
  const ValidityFacts* f = find(id);
  if (f == nullptr) return std::nullopt;
  const FactsLookup lookup = [this](DocumentId other) { return find(other); };
  return validity_on(*f, incoming(id), lookup, on, policy_);
}

Result<std::vector<DocumentId>> in_force_on(Date on, std::span<const ValidityFacts> docs,
                                            std::span<const Relation> relations,
                                            const ValidityPolicy& policy) {
  GK_TRY_ASSIGN(ix, ValidityIndex::build(docs, relations, policy));
  return ix.in_force_on(on);
}

std::vector<ExpiryWarning> expiring_within(const ValidityIndex& index, Date today,
                                           const ValidityPolicy& policy) {
  std::vector<ExpiryWarning> out;
  for (const ValidityFacts& f : index.documents()) {
    const std::optional<Date> start = start_of(f);
    if (!start || *start > today) continue;
    if (auto sup = index.superseded_on(f.id); sup && *sup <= today) continue;
    const std::optional<Date> exp = expiry_of(f, policy);
    if (!exp || *exp <= today) continue;
    if (add_months_clamped(*exp, -policy.warn_months) > today) continue;
    out.push_back({f.id, f.title, *exp, exp->days() - today.days(), has_default_expiry(f)});
  }
  std::sort(out.begin(), out.end(), [](const ExpiryWarning& a, const ExpiryWarning& b) {
    return a.expires != b.expires ? a.expires < b.expires : a.id < b.id;
  });
  return out;
}

}  // namespace gk::documents
