#include "accounts/session.h"

#include <sodium.h>

#include <array>

namespace gk::accounts {

std::string new_random_token() {
  if (sodium_init() < 0) std::abort();  // no CSPRNG means no safe sessions: refuse to go on
  std::array<unsigned char, 32> buf{};
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string hash_token(std::string_view raw_token) {
  std::array<unsigned char, 32> h{};
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(raw_token.data()), raw_token.size(),
                     nullptr, 0);
  std::string hex(h.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), h.data(), h.size());
  hex.pop_back();
  return hex;
}

}  // namespace gk::accounts
