// Tests for the audit hash chain: the persistence format (golden hashes) and ChainVerifier's
// detection of edits, deletions, truncation and reordering.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "audit/audit_entry.h"
#include "audit/audit_sink.h"
#include "audit/chain_verifier.h"

namespace gk::audit {
namespace {

using ::testing::HasSubstr;

// Builds a sealed chain of `n` entries. Ids go up in steps of 10 (sequences have gaps), times one
// minute apart, with a rotating cast of actors and departments.
std::vector<AuditEntry> make_chain(int n) {
  std::vector<AuditEntry> chain;
  ChainHead head;
  for (int i = 1; i <= n; ++i) {
    AuditEvent ev;
    ev.actor = i % 3 == 0 ? "system" : (i % 3 == 1 ? "user:12 张三" : "public:7");
    if (i % 2 == 0) ev.department = DepartmentId(i % 5);
    ev.action = i % 2 == 0 ? "foi.reply" : "document.publish";
    ev.target = "foi_request:" + std::to_string(i);
    ev.summary = "第" + std::to_string(i) + "条审计记录";
    ev.request_id = "req-" + std::to_string(i);
    ev.ip = i % 3 == 0 ? "" : "203.0.113." + std::to_string(i % 250);
    AuditEntry e =
        seal(entry_from_event(ev, AuditEntryId(i * 10), Instant::from_seconds(1727740800 + i * 60)), head);
    head = head_after(e);
    chain.push_back(std::move(e));
  }
  return chain;
}

ChainHead head_of(const std::vector<AuditEntry>& chain) {
  return chain.empty() ? ChainHead{} : head_after(chain.back());
}

VerifyReport verify(const std::vector<AuditEntry>& rows, const ChainHead& stored, ChainHead anchor = {}) {
  ChainVerifier v(std::move(anchor));
  for (const auto& e : rows) v.add(e);
  return v.finish(stored);
}

AuditEntry golden_entry() {
  AuditEntry e;
  e.id = AuditEntryId(42);
  e.at = Instant::from_seconds(1727740800);  // 2024-10-01T00:00:00Z
  e.actor = "user:12 张三";
  e.department = DepartmentId(3);
  e.action = "foi.reply";
  e.target = "foi_request:88";
  e.summary = "答复依申请公开：予以公开";
  e.request_id = "req-7f3a";
  e.ip = "203.0.113.9";
  for (int i = 0; i < 32; ++i) e.prev_hash += "ab";
  return e;
}

// The hash format is a persistence contract (audit_entry.h). These values were computed
// independently with Python:
//   fields = [b"gongkai.audit.v1", b"42", b"1727740800000000", "user:12 张三".encode(), b"3",
//             b"foi.reply", b"foi_request:88", "答复依申请公开：予以公开".encode(), b"req-7f3a",
//             b"203.0.113.9", b"ab" * 32]
//   hashlib.blake2b(b"".join(struct.pack("<Q", len(f)) + f for f in fields), digest_size=32)
// If this test fails, stored chains no longer verify: do not update the constant, version the format.
TEST(AuditHashTest, GoldenHashIsStable) {
  const AuditEntry e = golden_entry();
  ASSERT_EQ(e.prev_hash, "abababababababababababababababababababababababababababababababab");
  EXPECT_EQ(compute_hash(e), "a12e251ca69a7b3f0b3adc29dbe0df1d2f5024a53e7011ef84a83a8cbd3da580");

  AuditEntry minimal;
  minimal.id = AuditEntryId(1);
  minimal.actor = "system";
  EXPECT_EQ(compute_hash(minimal), "07b56d7e7e30022468f6e423f24cef266d94e2a392182aebdbbe75175f0971bb");
}

TEST(AuditHashTest, HashIgnoresTheHashFieldOnly) {
  AuditEntry e = golden_entry();
  const std::string h = compute_hash(e);
  e.hash = "anything";
  EXPECT_EQ(compute_hash(e), h);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(AuditHashTest, SerialisationIsUnambiguous) {
  AuditEntry a = golden_entry();
  AuditEntry b = a;
  a.actor = "ab";
  a.action = "c";
  b.actor = "a";
  b.action = "bc";
  EXPECT_NE(compute_hash(a), compute_hash(b)) << "moving a byte across a field boundary must change the hash";

  AuditEntry absent = golden_entry();
  AuditEntry zero = golden_entry();
  absent.department.reset();
  zero.department = DepartmentId(0);
  EXPECT_NE(compute_hash(absent), compute_hash(zero)) << "no department and department 0 differ";
}

TEST(AuditHashTest, SealLinksToTheHead) {
  const ChainHead head{7, "cafe"};
  AuditEntry e = golden_entry();
  e.prev_hash = "ignored";
  const AuditEntry sealed = seal(e, head);
  EXPECT_EQ(sealed.prev_hash, "cafe");
  EXPECT_EQ(sealed.hash, compute_hash(sealed));
  EXPECT_EQ(head_after(sealed), (ChainHead{42, sealed.hash}));
}

TEST(AuditHashTest, EntryFromEventCopiesEveryField) {
  AuditEvent ev;
  ev.actor = "user:12 张三";
  ev.department = DepartmentId(3);
  ev.action = "foi.reply";
  ev.target = "foi_request:88";
  ev.summary = "答复";
  ev.request_id = "req-1";
  ev.ip = "10.0.0.1";
  const AuditEntry e = entry_from_event(ev, AuditEntryId(5), Instant::from_seconds(100));
  EXPECT_EQ(e.id, AuditEntryId(5));
  EXPECT_EQ(e.at, Instant::from_seconds(100));
  EXPECT_EQ(e.actor, ev.actor);
  EXPECT_EQ(e.department, ev.department);
  EXPECT_EQ(e.action, ev.action);
  EXPECT_EQ(e.target, ev.target);
  EXPECT_EQ(e.summary, ev.summary);
  EXPECT_EQ(e.request_id, ev.request_id);
  EXPECT_EQ(e.ip, ev.ip);
  EXPECT_TRUE(e.prev_hash.empty());
  EXPECT_TRUE(e.hash.empty());
}

TEST(ChainVerifierTest, HundredEntryChainVerifies) {
  const auto chain = make_chain(100);
  const VerifyReport r = verify(chain, head_of(chain));
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 100);
  EXPECT_EQ(r.first_bad_id, std::nullopt);
  EXPECT_TRUE(r.reason.empty());
  EXPECT_TRUE(chain.front().prev_hash.empty());
}

TEST(ChainVerifierTest, EmptyChainWithEmptyHeadVerifies) {
  const VerifyReport r = verify({}, ChainHead{});
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 0);
}

struct EditCase {
  const char* field;
  std::function<void(AuditEntry&)> edit;
};

TEST(ChainVerifierTest, EditingAnyFieldNamesTheEditedRow) {
  const std::vector<EditCase> cases = {
      {"id", [](AuditEntry& e) { e.id = AuditEntryId(e.id.value + 1); }},
      {"at", [](AuditEntry& e) { e.at = e.at.plus_seconds(1); }},
      {"actor", [](AuditEntry& e) { e.actor = "user:13 李四"; }},
      {"department changed", [](AuditEntry& e) { e.department = DepartmentId(99); }},
      {"department added or cleared",
       [](AuditEntry& e) { e.department = e.department ? std::nullopt : std::optional(DepartmentId(0)); }},
      {"action", [](AuditEntry& e) { e.action = "foi.delete"; }},
      {"target", [](AuditEntry& e) { e.target += "0"; }},
      {"summary", [](AuditEntry& e) { e.summary += "。"; }},
      {"request_id", [](AuditEntry& e) { e.request_id = "req-x"; }},
      {"ip", [](AuditEntry& e) { e.ip = "198.51.100.1"; }},
      {"prev_hash", [](AuditEntry& e) { e.prev_hash[0] = e.prev_hash[0] == '0' ? '1' : '0'; }},
      {"hash", [](AuditEntry& e) { e.hash[63] = e.hash[63] == '0' ? '1' : '0'; }},
  };
  // Rows 50 (middle, has a department) and 1 (first) and 100 (last).
  for (size_t row : {size_t{49}, size_t{0}, size_t{99}}) {
    for (const EditCase& c : cases) {
      SCOPED_TRACE(std::string(c.field) + " of row " + std::to_string(row));
      auto chain = make_chain(100);
      const ChainHead stored = head_of(chain);
      if (std::string_view(c.field) == "prev_hash" && chain[row].prev_hash.empty()) {
        chain[row].prev_hash = "00";  // the first row's prev_hash is empty: forge one instead
      } else {
        c.edit(chain[row]);
      }
      ASSERT_NE(chain[row], make_chain(100)[row]) << "the edit must change the row";
      const VerifyReport r = verify(chain, stored);
      EXPECT_FALSE(r.ok);
      EXPECT_EQ(r.first_bad_id, chain[row].id.value);
      EXPECT_FALSE(r.reason.empty());
      EXPECT_EQ(r.checked, 100);
    }
  }
}

TEST(ChainVerifierTest, EditedAndResealedRowBreaksTheNextLink) {
  auto chain = make_chain(100);
  const ChainHead stored = head_of(chain);
  chain[49].summary = "伪造的摘要";
  chain[49].hash = compute_hash(chain[49]);  // the forger recomputes the row's own hash
  const VerifyReport r = verify(chain, stored);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, chain[50].id.value);
  EXPECT_THAT(r.reason, HasSubstr("prev_hash"));
}

TEST(ChainVerifierTest, ResealedLastRowIsCaughtByTheHead) {
  auto chain = make_chain(100);
  const ChainHead stored = head_of(chain);
  chain[99].summary = "伪造的摘要";
  chain[99].hash = compute_hash(chain[99]);
  const VerifyReport r = verify(chain, stored);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, chain[99].id.value);
  EXPECT_THAT(r.reason, HasSubstr("head mismatch"));
}

TEST(ChainVerifierTest, DeletedMiddleRowNamesTheRowAfterTheGap) {
  auto chain = make_chain(100);
  const ChainHead stored = head_of(chain);
  const int64_t after_gap = chain[50].id.value;
  chain.erase(chain.begin() + 49);
  const VerifyReport r = verify(chain, stored);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, after_gap);
  EXPECT_THAT(r.reason, HasSubstr("prev_hash"));
  EXPECT_EQ(r.checked, 99);
}

TEST(ChainVerifierTest, DeletedFirstRowIsDetected) {
  auto chain = make_chain(100);
  const ChainHead stored = head_of(chain);
  chain.erase(chain.begin());
  const VerifyReport r = verify(chain, stored);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, chain.front().id.value);
}

TEST(ChainVerifierTest, DeletedLastRowsAreCaughtByTheHead) {
  for (int removed : {1, 3, 100}) {
    SCOPED_TRACE(removed);
    auto chain = make_chain(100);
    const ChainHead stored = head_of(chain);
    chain.resize(chain.size() - removed);
    const VerifyReport r = verify(chain, stored);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, stored.last_id);
    EXPECT_THAT(r.reason, HasSubstr("rows missing at the end"));
    EXPECT_EQ(r.checked, 100 - removed);
  }
}

TEST(ChainVerifierTest, RowsBeyondTheStoredHeadAreReported) {
  auto chain = make_chain(100);
  const ChainHead stored = head_after(chain[98]);
  const VerifyReport r = verify(chain, stored);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, std::nullopt);
  EXPECT_THAT(r.reason, HasSubstr("rows after the stored head"));
}

TEST(ChainVerifierTest, ReorderedRowsAreDetected) {
  {
    // Fed out of id order (e.g. a query without ORDER BY id).
    auto chain = make_chain(100);
    const ChainHead stored = head_of(chain);
    std::swap(chain[40], chain[41]);
    const VerifyReport r = verify(chain, stored);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, chain[40].id.value);  // the later row arriving too early
  }
  {
    // The same row twice.
    auto chain = make_chain(100);
    const ChainHead stored = head_of(chain);
    chain.insert(chain.begin() + 41, chain[40]);
    const VerifyReport r = verify(chain, stored);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, chain[41].id.value);
    EXPECT_THAT(r.reason, HasSubstr("ids out of order"));
  }
  {
    // Contents swapped between two ids, ids left in place.
    auto chain = make_chain(100);
    const ChainHead stored = head_of(chain);
    const AuditEntryId id40 = chain[40].id, id41 = chain[41].id;
    std::swap(chain[40], chain[41]);
    chain[40].id = id40;
    chain[41].id = id41;
    const VerifyReport r = verify(chain, stored);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, id40.value);
    EXPECT_THAT(r.reason, HasSubstr("hash mismatch"));
  }
}

TEST(ChainVerifierTest, EmptiedTableWithAStoredHeadIsTruncation) {
  const auto chain = make_chain(5);
  const VerifyReport r = verify({}, head_of(chain));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, chain.back().id.value);
  EXPECT_EQ(r.checked, 0);
}

TEST(ChainVerifierTest, AnchorVerifiesTheSuffixAfterAnArchivedPrefix) {
  const auto chain = make_chain(100);
  const std::vector<AuditEntry> suffix(chain.begin() + 60, chain.end());
  const ChainHead anchor = head_after(chain[59]);
  EXPECT_TRUE(verify(suffix, head_of(chain), anchor).ok);

  // Without the anchor the suffix does not start a chain.
  const VerifyReport r = verify(suffix, head_of(chain));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_id, suffix.front().id.value);
}

}  // namespace
}  // namespace gk::audit
