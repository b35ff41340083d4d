#include "audit/audit_entry.h"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <string_view>

namespace gk::audit {
namespace {

// crypto_generichash works without sodium_init(), but libsodium asks callers to initialise once
// before use (it picks the fastest implementation); a function-local static makes it thread-safe.
void ensure_sodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium initialisation failed");
}

class CanonicalHasher {
 public:
  CanonicalHasher() { crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES); }

  // u64 little-endian length, then the bytes: no separator can be forged inside a field.
  void field(std::string_view bytes) {
    std::array<unsigned char, 8> len{};
    uint64_t n = bytes.size();
    for (auto& b : len) {
      b = static_cast<unsigned char>(n & 0xFF);
      n >>= 8;
    }
    crypto_generichash_update(&state_, len.data(), len.size());
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  }

  std::string hex() {
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash_final(&state_, digest.data(), digest.size());
    std::array<char, crypto_generichash_BYTES * 2 + 1> out{};
    sodium_bin2hex(out.data(), out.size(), digest.data(), digest.size());
    return std::string(out.data(), crypto_generichash_BYTES * 2);
  }

 private:
  crypto_generichash_state state_;
};

static_assert(crypto_generichash_BYTES == 32, "the v1 format is BLAKE2b-256");

}  // namespace

std::string compute_hash(const AuditEntry& e) {
  ensure_sodium();
  CanonicalHasher h;
  h.field(kAuditHashFormat);
  h.field(std::to_string(e.id.value));
  h.field(std::to_string(e.at.micros()));
  h.field(e.actor);
  h.field(e.department ? std::to_string(e.department->value) : std::string());
  h.field(e.action);
  h.field(e.target);
  h.field(e.summary);
  h.field(e.request_id);
  h.field(e.ip);
  h.field(e.prev_hash);
  return h.hex();
}

AuditEntry seal(AuditEntry e, const ChainHead& head) {
  e.prev_hash = head.last_hash;
  e.hash = compute_hash(e);
  return e;
}

}  // namespace gk::audit
