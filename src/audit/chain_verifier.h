// ChainVerifier: checks a stored audit chain in one streaming pass (审计日志完整性校验).
//
// Feed every entry in ascending id order with add(), then call finish() with the stored ChainHead.
// Memory is constant: only the previous entry's id and hash are kept, so a table of any size can be
// verified straight from a database cursor.
//
// What it detects, and which row it names as first_bad_id:
//   * an edited row (any field, including id and at): its hash no longer matches its content
//     -> that row;
//   * a row deleted in the middle (or replaced by a re-sealed forgery): the next row's prev_hash
//     is not the hash of the row fed before it -> the row after the gap;
//   * deleted first rows: the first row's prev_hash is not the anchor's hash -> the first row fed;
//   * rows fed out of order or twice (ids not strictly increasing) -> the offending row;
//   * rows deleted at the end / a truncated or emptied table: the last row fed is not the stored
//     head -> the head's id (the row the head names and which is missing or changed);
//   * rows after the stored head (written around the audit sink, or head not updated):
//     first_bad_id is empty, the reason says so.
// Gaps in ids are not errors (database sequences skip values on rollback); the hash chain, not id
// arithmetic, proves that nothing is missing. Verification stops at the first problem; later rows
// are still counted in `checked` but not examined.
//
// An archived prefix can be skipped by constructing the verifier with the head of the archived
// part as its anchor; by default the chain must start from the empty head {0, ""}.
//
// Thread-safety: not thread-safe; one verifier per pass.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "audit/audit_entry.h"

namespace gk::audit {

struct VerifyReport {
  bool ok = false;
  int64_t checked = 0;                  // entries fed to add()
  std::optional<int64_t> first_bad_id;  // see the file comment for which row is named
  std::string reason;                   // empty when ok; Chinese with English field names otherwise
};

class ChainVerifier {
 public:
  // `anchor` is the head the first fed entry must follow: {0, ""} for a complete chain.
  explicit ChainVerifier(ChainHead anchor = {});

  void add(const AuditEntry& e);

  // Compares the end of the chain with the stored head and returns the verdict. Call once.
  VerifyReport finish(const ChainHead& stored_head);

 private:
  void mark_bad(std::optional<int64_t> id, std::string reason);

  ChainHead last_;  // id and hash of the last entry fed (or the anchor)
  int64_t checked_ = 0;
  bool failed_ = false;
  std::optional<int64_t> first_bad_id_;
  std::string reason_;
};

}  // namespace gk::audit
