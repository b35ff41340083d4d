// Tests for derived validity: statuses on a timeline of amendments, repeals and replacements; the
// default validity periods of normative documents; expiry warnings; "what was in force on date X".
#include "documents/validity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <stdexcept>

namespace gk::documents {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Date D(std::string_view iso) {
  auto d = Date::parse(iso);
  if (!d) throw std::invalid_argument(std::string(iso));
  return *d;
}

std::optional<Date> OD(const char* iso) { return iso ? std::optional<Date>(D(iso)) : std::nullopt; }

ValidityFacts Doc(int64_t id, std::string title, const char* effective, const char* expires = nullptr,
                  bool normative = false, const char* published = nullptr) {
  return {DocumentId(id), std::move(title), OD(effective), OD(expires), OD(published), normative};
}

Relation Rel(int64_t from, RelationKind kind, int64_t to, const char* effective) {
  return {DocumentId(from), kind, DocumentId(to), OD(effective)};
}

// A small library: titles for explanations, facts by id, relations acting on each document.
class Library {
 public:
  Library& add(ValidityFacts f) {
    docs_[f.id.value] = std::move(f);
    return *this;
  }
  Library& relate(Relation r) {
    relations_.push_back(r);
    return *this;
  }
  ValidityState state(int64_t id, const char* on, const ValidityPolicy& policy = {}) const {
    return validity_on(docs_.at(id), relations_, lookup(), D(on), policy);
  }
  FactsLookup lookup() const {
    return [this](DocumentId id) -> const ValidityFacts* {
      auto it = docs_.find(id.value);
      return it == docs_.end() ? nullptr : &it->second;
    };
  }
  std::vector<ValidityFacts> facts() const {
    std::vector<ValidityFacts> out;
    for (const auto& [id, f] : docs_) out.push_back(f);
    return out;
  }
  const std::vector<Relation>& relations() const { return relations_; }

 private:
  std::map<int64_t, ValidityFacts> docs_;
  std::vector<Relation> relations_;
};

TEST(ValidityTest, StableNamesAndLabelsRoundTrip) {
  for (Validity v : {Validity::kInForce, Validity::kAmended, Validity::kRepealed, Validity::kExpired,
                     Validity::kNotYetInForce}) {
    EXPECT_EQ(parse_validity(validity_name(v)), v);
  }
  EXPECT_EQ(validity_name(Validity::kNotYetInForce), "not_yet_in_force");
  EXPECT_EQ(validity_label(Validity::kInForce), "有效");
  EXPECT_EQ(validity_label(Validity::kAmended), "已修改");
  EXPECT_EQ(validity_label(Validity::kRepealed), "已废止");
  EXPECT_EQ(validity_label(Validity::kExpired), "失效");
  EXPECT_FALSE(parse_validity("valid"));
  EXPECT_TRUE(is_in_force(Validity::kAmended));
  EXPECT_FALSE(is_in_force(Validity::kNotYetInForce));
}

// 《某市物业管理办法》 (1) in force 2020-01-01, amended by (2) from 2022-03-01, repealed by (3) from
// 2023-05-01. The repealing decision (3) itself expires on 2024-01-01, which revives nothing.
Library AmendedThenRepealed() {
  Library lib;
  lib.add(Doc(1, "某市物业管理办法", "2020-01-01"))
      .add(Doc(2, "关于修改《某市物业管理办法》的决定", "2022-03-01"))
      .add(Doc(3, "关于废止《某市物业管理办法》的决定", "2023-05-01", "2024-01-01"))
      .relate(Rel(2, RelationKind::kAmends, 1, "2022-03-01"))
      .relate(Rel(3, RelationKind::kRepeals, 1, "2023-05-01"));
  return lib;
}

struct TimelineCase {
  const char* on;
  Validity status;
  int64_t successor;  // 0: none
  const char* since;  // nullptr: none
  const char* explanation;
};

constexpr TimelineCase kAmendedThenRepealed[] = {
    {"2019-12-31", Validity::kNotYetInForce, 0, nullptr, "2020-01-01 起施行"},
    {"2020-01-01", Validity::kInForce, 0, "2020-01-01",
     "2020-01-01 起施行，将于 2023-05-01 起被《关于废止《某市物业管理办法》的决定》废止"},
    {"2022-02-28", Validity::kInForce, 0, "2020-01-01",
     "2020-01-01 起施行，将于 2023-05-01 起被《关于废止《某市物业管理办法》的决定》废止"},
    {"2022-03-01", Validity::kAmended, 2, "2022-03-01",
     "2022-03-01 起经《关于修改《某市物业管理办法》的决定》修改，修改后的文本有效，将于 2023-05-01 "
     "起被《关于废止《某市物业管理办法》的决定》废止"},
    {"2023-04-30", Validity::kAmended, 2, "2022-03-01", nullptr},
    {"2023-05-01", Validity::kRepealed, 3, "2023-05-01",
     "2023-05-01 起被《关于废止《某市物业管理办法》的决定》废止"},
    {"2030-01-01", Validity::kRepealed, 3, "2023-05-01", nullptr},  // the repealer's expiry revives nothing
};

TEST(ValidityTest, AmendedThenRepealedChainOverTime) {
  const Library lib = AmendedThenRepealed();
  for (const TimelineCase& c : kAmendedThenRepealed) {
    SCOPED_TRACE(c.on);
    const ValidityState st = lib.state(1, c.on);
    EXPECT_EQ(st.status, c.status);
    EXPECT_EQ(st.successor, c.successor ? std::optional<DocumentId>(DocumentId(c.successor)) : std::nullopt);
    EXPECT_EQ(st.since, OD(c.since));
    if (c.explanation) {
      EXPECT_EQ(st.explanation, c.explanation);
    }
    EXPECT_FALSE(st.expires);
  }
}

TEST(ValidityTest, RepealingDocumentExpiresButItsTargetStaysRepealed) {
  const Library lib = AmendedThenRepealed();
  EXPECT_EQ(lib.state(3, "2023-12-31").status, Validity::kInForce);
  EXPECT_EQ(lib.state(3, "2023-12-31").explanation, "2023-05-01 起施行，有效期至 2023-12-31");
  EXPECT_EQ(lib.state(3, "2024-01-01").status, Validity::kExpired);
  EXPECT_EQ(lib.state(3, "2024-01-01").explanation, "2024-01-01 起失效");
}

TEST(ValidityTest, ReplacedBySuccessorNotYetEffectiveStaysInForceUntilThen) {
  Library lib;
  lib.add(Doc(10, "某市城市道路管理办法", "2018-06-01"))
      .add(Doc(11, "某市城市道路和桥梁管理办法", "2025-01-01", nullptr, false, "2024-10-15"))
      .relate(Rel(11, RelationKind::kReplaces, 10, "2025-01-01"));

  const ValidityState before = lib.state(10, "2024-12-31");
  EXPECT_EQ(before.status, Validity::kInForce);
  EXPECT_FALSE(before.successor);  // the banner appears only once superseded
  EXPECT_THAT(before.explanation, HasSubstr("将于 2025-01-01 起被《某市城市道路和桥梁管理办法》替代"));
  EXPECT_EQ(lib.state(11, "2024-12-31").status, Validity::kNotYetInForce);

  const ValidityState after = lib.state(10, "2025-01-01");
  EXPECT_EQ(after.status, Validity::kRepealed);
  EXPECT_EQ(after.successor, DocumentId(11));
  EXPECT_EQ(after.explanation, "2025-01-01 起被《某市城市道路和桥梁管理办法》替代");
  EXPECT_EQ(lib.state(11, "2025-01-01").status, Validity::kInForce);
}

TEST(ValidityTest, EachStatusFromDatesAlone) {
  struct Case {
    ValidityFacts doc;
    const char* on;
    Validity status;
    const char* explanation;
  };
  const Case cases[] = {
      {Doc(1, "甲", "2021-01-01"), "2021-06-01", Validity::kInForce, "2021-01-01 起施行"},
      {Doc(1, "甲", "2021-01-01", "2022-01-01"), "2021-12-31", Validity::kInForce,
       "2021-01-01 起施行，有效期至 2021-12-31"},
      {Doc(1, "甲", "2021-01-01", "2022-01-01"), "2022-01-01", Validity::kExpired, "2022-01-01 起失效"},
      {Doc(1, "甲", "2021-01-01"), "2020-12-31", Validity::kNotYetInForce, "2021-01-01 起施行"},
      // No 施行日期: in force from publication ("自发布之日起施行").
      {Doc(1, "甲", nullptr, nullptr, false, "2021-03-15"), "2021-03-15", Validity::kInForce,
       "2021-03-15 起施行"},
      {Doc(1, "甲", nullptr, nullptr, false, "2021-03-15"), "2021-03-14", Validity::kNotYetInForce,
       "2021-03-15 起施行"},
      // Neither date (a draft): never in force.
      {Doc(1, "甲", nullptr), "2030-01-01", Validity::kNotYetInForce, "施行日期未定"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.explanation);
    const ValidityState st = validity_on(c.doc, {}, nullptr, D(c.on));
    EXPECT_EQ(st.status, c.status);
    EXPECT_EQ(st.explanation, c.explanation);
  }
}

TEST(ValidityTest, EarliestEndDecidesBetweenExpiryAndRepeal) {
  Library lib;
  lib.add(Doc(1, "某办法", "2020-01-01", "2023-01-01"))
      .add(Doc(2, "清理决定", "2024-03-01"))
      .add(Doc(3, "某办法", "2020-01-01", "2023-01-01"))
      .add(Doc(4, "新办法", "2022-07-01"))
      .add(Doc(5, "某办法", "2020-01-01", "2023-01-01"))
      .add(Doc(6, "同日废止决定", "2023-01-01"))
      .relate(Rel(2, RelationKind::kRepeals, 1, "2024-03-01"))   // repealed after it had expired
      .relate(Rel(4, RelationKind::kReplaces, 3, "2022-07-01"))  // replaced before it would expire
      .relate(Rel(6, RelationKind::kRepeals, 5, "2023-01-01"));  // same day: the explicit act wins

  const ValidityState expired = lib.state(1, "2024-06-01");
  EXPECT_EQ(expired.status, Validity::kExpired);
  EXPECT_EQ(expired.since, D("2023-01-01"));
  EXPECT_EQ(expired.successor, DocumentId(2));
  EXPECT_EQ(expired.explanation, "2023-01-01 起失效，2024-03-01 起被《清理决定》废止");
  EXPECT_EQ(lib.state(1, "2023-06-01").explanation, "2023-01-01 起失效");

  const ValidityState replaced = lib.state(3, "2024-06-01");
  EXPECT_EQ(replaced.status, Validity::kRepealed);
  EXPECT_EQ(replaced.since, D("2022-07-01"));

  EXPECT_EQ(lib.state(5, "2023-01-01").status, Validity::kRepealed);
}

TEST(ValidityTest, OnlySupersessionInEffectChangesValidity) {
  Library lib;
  lib.add(Doc(1, "某条例实施办法", "2020-01-01"))
      .add(Doc(2, "实施细则", "2020-06-01"))
      .add(Doc(3, "政策解读", "2020-01-05"))
      .add(Doc(4, "起草中的废止决定", nullptr))
      .add(Doc(5, "另一文件", "2019-01-01"))
      .relate(Rel(2, RelationKind::kImplements, 1, "2020-06-01"))
      .relate(Rel(3, RelationKind::kInterprets, 1, "2020-01-05"))
      .relate(Rel(4, RelationKind::kRepeals, 1, nullptr))        // not in effect: no date yet
      .relate(Rel(2, RelationKind::kRepeals, 5, "2020-06-01"));  // acts on another document
  const ValidityState st = lib.state(1, "2024-01-01");
  EXPECT_EQ(st.status, Validity::kInForce);
  EXPECT_FALSE(st.successor);
  EXPECT_EQ(st.explanation, "2020-01-01 起施行");
}

TEST(ValidityTest, LatestAmendmentIsTheBannerLinkAndRepealOfAmenderChangesNothing) {
  Library lib;
  lib.add(Doc(1, "某办法", "2015-01-01"))
      .add(Doc(2, "第一次修改决定", "2018-01-01"))
      .add(Doc(3, "第二次修改决定", "2021-01-01"))
      .add(Doc(4, "废止第一次修改决定", "2022-01-01"))
      .relate(Rel(3, RelationKind::kAmends, 1, "2021-01-01"))
      .relate(Rel(2, RelationKind::kAmends, 1, "2018-01-01"))
      .relate(Rel(4, RelationKind::kRepeals, 2, "2022-01-01"));
  EXPECT_EQ(lib.state(1, "2019-01-01").successor, DocumentId(2));
  const ValidityState st = lib.state(1, "2023-01-01");
  EXPECT_EQ(st.status, Validity::kAmended);
  EXPECT_EQ(st.successor, DocumentId(3));
  EXPECT_EQ(st.since, D("2021-01-01"));
  EXPECT_EQ(lib.state(2, "2023-01-01").status, Validity::kRepealed);
}

TEST(ValidityTest, UnknownActingDocumentIsNamedByItsId) {
  const ValidityFacts doc = Doc(1, "某办法", "2020-01-01");
  const Relation r = Rel(99, RelationKind::kRepeals, 1, "2021-01-01");
  EXPECT_EQ(validity_on(doc, {&r, 1}, nullptr, D("2021-01-01")).explanation,
            "2021-01-01 起被文件（编号 99）废止");
}

// ---- Normative default periods --------------------------------------------------------------------

struct PeriodCase {
  const char* title;
  const char* effective;
  const char* expires;  // explicit 失效日期
  bool normative;
  const char* want;  // expiry_of, nullptr: none
  bool want_default;
};

constexpr PeriodCase kPeriods[] = {
    {"某市行政规范性文件管理办法", "2020-01-01", nullptr, true, "2025-01-01", true},
    {"某市养老服务补贴办法（试行）", "2020-01-01", nullptr, true, "2022-01-01", true},
    {"某市网约车管理暂行规定", "2020-01-01", nullptr, true, "2022-01-01", true},
    {"关于试行河长制的通知", "2020-07-15", nullptr, true, "2022-07-15", true},              // 试行 anywhere
    {"某市行政规范性文件管理办法", "2020-01-01", "2023-07-01", true, "2023-07-01", false},  // explicit wins
    {"某市工作方案", "2020-01-01", nullptr, false, nullptr, false},     // not normative: open
    {"某市补贴办法", "2024-02-29", nullptr, true, "2029-03-01", true},  // in force through 02-28
    {"某市补贴办法（暂行）", "2024-02-29", nullptr, true, "2026-03-01", true},
    {"某市补贴办法", nullptr, nullptr, true, nullptr, false},  // no start: no period
};

TEST(ValidityTest, NormativeDefaultPeriods) {
  for (const PeriodCase& c : kPeriods) {
    SCOPED_TRACE(std::string(c.title) + " " + (c.effective ? c.effective : "-"));
    const ValidityFacts f = Doc(1, c.title, c.effective, c.expires, c.normative);
    EXPECT_EQ(expiry_of(f), OD(c.want));
    EXPECT_EQ(has_default_expiry(f), c.want_default);
  }
}

TEST(ValidityTest, NormativeDocumentExpiresAtEndOfDefaultPeriod) {
  const ValidityFacts f = Doc(1, "某市行政规范性文件管理办法", "2020-01-01", nullptr, true);
  EXPECT_EQ(validity_on(f, {}, nullptr, D("2024-12-31")).explanation,
            "2020-01-01 起施行，有效期至 2024-12-31");
  const ValidityState st = validity_on(f, {}, nullptr, D("2025-01-01"));
  EXPECT_EQ(st.status, Validity::kExpired);
  EXPECT_EQ(st.since, D("2025-01-01"));
  EXPECT_EQ(st.explanation, "有效期 5 年届满，2025-01-01 起失效");

  const ValidityFacts trial = Doc(2, "某市办法（试行）", "2020-01-01", nullptr, true);
  EXPECT_EQ(validity_on(trial, {}, nullptr, D("2022-01-01")).explanation,
            "有效期 2 年届满，2022-01-01 起失效");
}

TEST(ValidityTest, PolicyConfiguresThePeriods) {
  const ValidityPolicy shandong{.normative_years = 3, .trial_years = 1, .warn_months = 6};
  EXPECT_EQ(expiry_of(Doc(1, "某办法", "2020-01-01", nullptr, true), shandong), D("2023-01-01"));
  EXPECT_EQ(expiry_of(Doc(1, "某办法（试行）", "2020-01-01", nullptr, true), shandong), D("2021-01-01"));
  EXPECT_EQ(validity_on(Doc(1, "某办法", "2020-01-01", nullptr, true), {}, nullptr, D("2023-01-01"), shandong)
                .status,
            Validity::kExpired);
}

// ---- Facts validation ---------------------------------------------------------------------------

TEST(ValidityTest, ValidateFactsRejectsImpossibleDates) {
  struct Case {
    ValidityFacts doc;
    bool ok;
  };
  const Case cases[] = {
      {Doc(1, "甲", "2021-01-01", "2022-01-01"), true},
      {Doc(1, "甲", "2021-01-01", "2020-12-31"), false},                  // 失效 before 施行
      {Doc(1, "甲", "2021-01-01", "2021-01-01"), false},                  // never in force
      {Doc(1, "甲", "2021-01-01", "2021-01-02"), true},                   // one day
      {Doc(1, "甲", nullptr, "2020-01-01", false, "2020-06-01"), false},  // 失效 before 发布
      {Doc(1, "甲", "2019-01-01", "2020-01-01", false, "2020-06-01"),
       true},  // published after expiry: archive
      {Doc(1, "甲", nullptr, "2020-01-01"), true},
      {Doc(1, "甲", nullptr), true},
  };
  for (const Case& c : cases) {
    const Status s = validate_facts(c.doc);
    EXPECT_EQ(s.has_value(), c.ok);
    if (!s) {
      EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
      ASSERT_EQ(s.error().fields().size(), 1u);
      EXPECT_EQ(s.error().fields()[0].field, "expires");
    }
  }
}

// ---- Index: what was in force on date X -----------------------------------------------------------

TEST(ValidityIndexTest, InForceAcrossARepealDate) {
  const Library lib = AmendedThenRepealed();
  auto ix = ValidityIndex::build(lib.facts(), lib.relations());
  ASSERT_TRUE(ix) << ix.error().to_string();
  EXPECT_THAT(ix->in_force_on(D("2019-12-31")), IsEmpty());
  EXPECT_THAT(ix->in_force_on(D("2022-03-01")), ElementsAre(DocumentId(1), DocumentId(2)));
  EXPECT_THAT(ix->in_force_on(D("2023-04-30")), ElementsAre(DocumentId(1), DocumentId(2)));  // day before
  EXPECT_THAT(ix->in_force_on(D("2023-05-01")), ElementsAre(DocumentId(2), DocumentId(3)));  // day of
  EXPECT_THAT(ix->in_force_on(D("2024-01-01")), ElementsAre(DocumentId(2)));                 // 3 expired
  EXPECT_EQ(ix->state_on(DocumentId(1), D("2023-05-01"))->status, Validity::kRepealed);
  EXPECT_EQ(ix->state_on(DocumentId(1), D("2023-05-01"))->explanation,
            "2023-05-01 起被《关于废止《某市物业管理办法》的决定》废止");
  EXPECT_FALSE(ix->state_on(DocumentId(42), D("2023-05-01")));
  EXPECT_EQ(ix->superseded_on(DocumentId(1)), D("2023-05-01"));
  EXPECT_FALSE(ix->superseded_on(DocumentId(2)));
  EXPECT_EQ(ix->incoming(DocumentId(1)).size(), 2u);

  auto once = in_force_on(D("2023-05-01"), lib.facts(), lib.relations());
  ASSERT_TRUE(once);
  EXPECT_THAT(*once, ElementsAre(DocumentId(2), DocumentId(3)));
}

TEST(ValidityIndexTest, RejectsZeroAndRepeatedIds) {
  const std::vector<ValidityFacts> dup = {Doc(1, "甲", "2020-01-01"), Doc(1, "乙", "2020-01-01")};
  auto r = ValidityIndex::build(dup, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields().at(0).field, "id");
  const std::vector<ValidityFacts> zero = {Doc(0, "甲", "2020-01-01")};
  EXPECT_FALSE(ValidityIndex::build(zero, {}));
}

// The index answers exactly what validity_on answers, document by document, on random libraries.
TEST(ValidityIndexTest, AgreesWithValidityOnForRandomLibraries) {
  std::mt19937 rng(20240501);
  const Date base = D("2015-01-01");
  auto day = [&](int span) { return base.plus_days(static_cast<int32_t>(rng() % span)); };
  for (int round = 0; round < 20; ++round) {
    std::vector<ValidityFacts> docs;
    for (int i = 1; i <= 60; ++i) {
      ValidityFacts f{DocumentId(i), rng() % 4 == 0 ? "某办法（试行）" : "某办法", {}, {}, {},
                      rng() % 2 == 0};
      if (rng() % 5 != 0) f.effective = day(3000);
      if (rng() % 3 == 0) f.published = day(3000);
      if (rng() % 3 == 0 && f.effective)
        f.expires = f.effective->plus_days(1 + static_cast<int32_t>(rng() % 2000));
      docs.push_back(f);
    }
    std::vector<Relation> rels;
    for (int i = 0; i < 60; ++i) {
      const auto kind = static_cast<RelationKind>(rng() % 5);
      rels.push_back({DocumentId(1 + rng() % 60), kind, DocumentId(1 + rng() % 70),  // some targets unknown
                      rng() % 6 == 0 ? std::nullopt : std::optional<Date>(day(4000))});
    }
    auto ix = ValidityIndex::build(docs, rels);
    ASSERT_TRUE(ix);
    for (int q = 0; q < 40; ++q) {
      const Date on = day(5000);
      const std::vector<DocumentId> got = ix->in_force_on(on);
      std::vector<DocumentId> want;
      for (const ValidityFacts& f : docs) {
        if (is_in_force(ix->state_on(f.id, on)->status)) want.push_back(f.id);
      }
      ASSERT_EQ(got, want) << "round " << round << " on " << on.to_string();
    }
  }
}

TEST(ValidityIndexTest, HundredThousandDocumentsBuildAndAnswer) {
  std::vector<ValidityFacts> docs;
  std::vector<Relation> rels;
  const Date base = D("2000-01-01");
  for (int i = 1; i <= 100'000; ++i) {
    docs.push_back({DocumentId(i), "文件", base.plus_days(i % 9000), {}, {}, i % 3 == 0});
    if (i > 1 && i % 10 == 0) {
      rels.push_back({DocumentId(i), RelationKind::kRepeals, DocumentId(i - 1), base.plus_days(i % 9000)});
    }
  }
  auto ix = ValidityIndex::build(docs, rels);
  ASSERT_TRUE(ix);
  size_t total = 0;
  for (int q = 0; q < 100; ++q) total += ix->in_force_on(base.plus_days(q * 90)).size();
  EXPECT_GT(total, 0u);
  // Document 9 (effective day 9) is repealed by 10 on day 10.
  EXPECT_EQ(ix->state_on(DocumentId(9), base.plus_days(10))->status, Validity::kRepealed);
}

// ---- Expiry warnings ------------------------------------------------------------------------------

TEST(ExpiryWarningTest, WindowBoundaries) {
  // today = 2024-07-01; warn when expires - 6 months ≤ today < expires.
  Library lib;
  lib.add(Doc(1, "六个月后失效", "2020-01-01", "2025-01-01"))      // warn from 2024-07-01: warned
      .add(Doc(2, "晚一天", "2020-01-01", "2025-01-02"))           // warn from 2024-07-02: not yet
      .add(Doc(3, "明天失效", "2020-01-01", "2024-07-02"))         // last day in force today
      .add(Doc(4, "今天失效", "2020-01-01", "2024-07-01"))         // already expired
      .add(Doc(5, "某规范性文件", "2019-10-01", nullptr, true))    // default 5 years → 2024-10-01
      .add(Doc(6, "某办法（试行）", "2022-09-01", nullptr, true))  // default 2 years → 2024-09-01
      .add(Doc(7, "已废止", "2020-01-01", "2024-09-01"))
      .add(Doc(8, "废止决定", "2023-01-01"))
      .add(Doc(9, "尚未施行", "2024-08-01", "2024-10-01"))
      .add(Doc(10, "无失效日期", "2020-01-01"))
      .relate(Rel(8, RelationKind::kRepeals, 7, "2023-01-01"));
  auto ix = ValidityIndex::build(lib.facts(), lib.relations());
  ASSERT_TRUE(ix);
  const std::vector<ExpiryWarning> w = expiring_within(*ix, D("2024-07-01"), ValidityPolicy{});
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].id, DocumentId(3));
  EXPECT_EQ(w[0].days_left, 1);
  EXPECT_EQ(w[0].title, "明天失效");
  EXPECT_FALSE(w[0].default_period);
  EXPECT_EQ(w[1].id, DocumentId(6));
  EXPECT_EQ(w[1].expires, D("2024-09-01"));
  EXPECT_TRUE(w[1].default_period);
  EXPECT_EQ(w[2].id, DocumentId(5));
  EXPECT_EQ(w[2].expires, D("2024-10-01"));
  EXPECT_EQ(w[3].id, DocumentId(1));
  EXPECT_EQ(w[3].days_left, 184);

  // The next day document 2 enters the window.
  const auto next = expiring_within(*ix, D("2024-07-02"), ValidityPolicy{});
  EXPECT_EQ(next.back().id, DocumentId(2));
}

TEST(ExpiryWarningTest, MonthEndWindowIsClampedAndConfigurable) {
  Library lib;
  lib.add(Doc(1, "月末失效", "2020-01-01", "2025-08-31"));
  auto ix = ValidityIndex::build(lib.facts(), lib.relations());
  ASSERT_TRUE(ix);
  // 2025-08-31 minus 6 months is 2025-02-28 (no 02-31).
  EXPECT_THAT(expiring_within(*ix, D("2025-02-27"), ValidityPolicy{}), IsEmpty());
  EXPECT_EQ(expiring_within(*ix, D("2025-02-28"), ValidityPolicy{}).size(), 1u);
  const ValidityPolicy three_months{.warn_months = 3};
  EXPECT_THAT(expiring_within(*ix, D("2025-05-30"), three_months), IsEmpty());
  EXPECT_EQ(expiring_within(*ix, D("2025-05-31"), three_months).size(), 1u);
}

TEST(ExpiryWarningTest, AddMonthsClamped) {
  EXPECT_EQ(add_months_clamped(D("2024-08-31"), 6), D("2025-02-28"));
  EXPECT_EQ(add_months_clamped(D("2025-08-31"), -6), D("2025-02-28"));
  EXPECT_EQ(add_months_clamped(D("2024-03-31"), -1), D("2024-02-29"));
  EXPECT_EQ(add_months_clamped(D("2024-01-15"), -13), D("2022-12-15"));
  EXPECT_EQ(add_months_clamped(D("2024-01-15"), 0), D("2024-01-15"));
}

}  // namespace
}  // namespace gk::documents
