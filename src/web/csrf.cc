#include "web/csrf.h"

#include <sodium.h>

#include <array>

namespace gk::web {

std::string csrf_token(std::string_view server_secret, std::string_view binding) {
  if (sodium_init() < 0) std::abort();
  std::array<unsigned char, crypto_auth_KEYBYTES> key{};
  // Derive a fixed-size key from the secret so any secret length works.
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(server_secret.data()),
                     server_secret.size(), nullptr, 0);
  std::string msg = "csrf:";
  msg += binding;
  std::array<unsigned char, crypto_auth_BYTES> mac{};
  crypto_auth(mac.data(), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key.data());
  std::string out(sodium_base64_ENCODED_LEN(mac.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), mac.data(), mac.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

bool csrf_token_valid(std::string_view server_secret, std::string_view binding, std::string_view token) {
  if (binding.empty() || token.empty()) return false;
  const std::string expected = csrf_token(server_secret, binding);
  if (expected.size() != token.size()) return false;
  return sodium_memcmp(expected.data(), token.data(), token.size()) == 0;
}

}  // namespace gk::web
