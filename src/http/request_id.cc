#include "http/request_id.h"

#include <cstdint>
#include <random>

namespace gk::http {

bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (unsigned char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string generate_request_id() {
  // One generator per thread: no lock on the hot path. Seeded from the OS so ids from restarted
  // processes and different nodes do not collide; they are correlation ids, not secrets.
  thread_local std::mt19937_64 rng([] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t v = rng();
    for (int i = 0; i < 16; ++i) {
      id[half * 16 + i] = kHex[v & 15];
      v >>= 4;
    }
  }
  return id;
}

std::string request_id_for(std::optional<std::string_view> incoming) {
  if (incoming && is_sane_request_id(*incoming)) return std::string(*incoming);
  return generate_request_id();
}

}  // namespace gk::http
