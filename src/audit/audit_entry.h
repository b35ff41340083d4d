// AuditEntry: one row of the append-only, hash-chained audit log (审计日志), and how it is sealed.
//
// Every entry carries prev_hash (the hash of the entry before it in id order) and hash (over all
// of its own fields including prev_hash), so editing, deleting or reordering rows breaks the chain
// and ChainVerifier (chain_verifier.h) finds the first broken row. The chain proves integrity, not
// authenticity: someone who can rewrite the whole table and the stored head can rebuild it. The
// stored head (ChainHead) and periodic off-site copies of it are what make truncation detectable.
//
// ---- Persistence contract: the hash format (gongkai.audit.v1) --------------------------------
// Changing anything below invalidates every stored chain; add a new version instead.
//
//   hash = lowercase hex of BLAKE2b-256 (libsodium crypto_generichash, 32-byte output, no key)
//          over the concatenation of 11 fields, each encoded as
//              u64 length in bytes, little-endian (8 bytes) || the field's bytes
//   in this order:
//     1. "gongkai.audit.v1"                (format tag)
//     2. id          decimal ASCII of the int64 (e.g. "42", "-1")
//     3. at          decimal ASCII of Instant::micros() (microseconds since the Unix epoch, UTC)
//     4. actor       UTF-8 as stored
//     5. department  "" when absent, else decimal ASCII of DepartmentId::value ("0" is distinct
//                    from absent)
//     6. action      7. target      8. summary      9. request_id      10. ip
//     11. prev_hash  the previous entry's hash as stored (lowercase hex), "" for the first entry
//   The `hash` field itself is not hashed. Strings are hashed byte for byte: no normalisation,
//   trimming or case folding, so storage must return exactly the bytes it was given.
//
//   Re-computing in Python: b = b"".join(struct.pack("<Q", len(f)) + f for f in fields);
//   hashlib.blake2b(b, digest_size=32).hexdigest().
// ---------------------------------------------------------------------------------------------
//
// Thread-safety: value types and pure functions; safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/ids.h"

namespace gk::audit {

struct AuditEntry {
  AuditEntryId id;                         // assigned by storage, strictly increasing
  Instant at;                              // when it happened (the storage layer's Clock)
  std::string actor;                       // display string: "user:12 张三", "system", "public:7"
  std::optional<DepartmentId> department;  // the department acted for, if any
  std::string action;                      // stable verb, e.g. "foi.reply", "document.publish"
  std::string target;                      // what was acted on, e.g. "foi_request:88"
  std::string summary;                     // one human-readable line (Chinese)
  std::string request_id;                  // correlation id of the HTTP request / job run
  std::string ip;                          // client address, "" for jobs and CLI
  std::string prev_hash;                   // hash of the previous entry; "" for the first
  std::string hash;                        // compute_hash(*this) once sealed

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// Format tag hashed as field 1; see the persistence contract above.
inline constexpr std::string_view kAuditHashFormat = "gongkai.audit.v1";

// BLAKE2b-256 over the canonical serialisation above, as 64 lowercase hex characters.
// Ignores e.hash.
std::string compute_hash(const AuditEntry& e);

// The last entry of a chain as stored alongside it (a one-row table updated in the same transaction
// as each append). The empty chain is {0, ""}.
struct ChainHead {
  int64_t last_id = 0;
  std::string last_hash;

  friend bool operator==(const ChainHead&, const ChainHead&) = default;
};

// Links `e` after `head`: sets e.prev_hash = head.last_hash and e.hash = compute_hash(e).
// Precondition: e.id.value > head.last_id (storage assigns increasing ids; gaps are allowed).
AuditEntry seal(AuditEntry e, const ChainHead& head);

// The head after appending `e`: {e.id.value, e.hash}.
inline ChainHead head_after(const AuditEntry& e) { return ChainHead{e.id.value, e.hash}; }

}  // namespace gk::audit
