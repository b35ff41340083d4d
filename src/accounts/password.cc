#include "accounts/password.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <stdexcept>

#include "core/utf8.h"

namespace gk::accounts {
namespace {

static_assert(PasswordHashParams::kInteractive.ops_limit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
static_assert(PasswordHashParams::kInteractive.mem_limit_bytes ==
              crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
static_assert(PasswordHashParams::kFastForTests.ops_limit == crypto_pwhash_argon2id_OPSLIMIT_MIN);
static_assert(PasswordHashParams::kFastForTests.mem_limit_bytes == crypto_pwhash_argon2id_MEMLIMIT_MIN);
static_assert(kMaxPasswordBytes <= crypto_pwhash_argon2id_PASSWD_MAX);

// sodium_init() must run before any other libsodium call; it is idempotent and itself thread-safe,
// and the function-local static makes us call it once.
bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// Passwords people and attackers try first, lower-case. Entries shorter than the minimum length or
// made only of digits are caught by earlier rules too; they are listed so the list reads as a list.
constexpr std::array<std::string_view, 34> kCommonPasswords = {
    "12345678901",    "1234567890",        "0123456789",    "123456789a",   "a123456789",   "aa123456789",
    "qq123456789",    "abc1234567",        "abcd123456",    "abcd1234567",  "password123",  "password1234",
    "password@123",   "p@ssw0rd123",       "passw0rd123",   "1qaz2wsx3edc", "1qaz@wsx3edc", "1q2w3e4r5t",
    "1q2w3e4r5t6y",   "qwertyuiop",        "qwertyuiop123", "qwerty123456", "zxcvbnm123",   "admin12345",
    "admin123456",    "admin@12345",       "administrator", "iloveyou123",  "woaini1314",   "woaini5201314",
    "东阳市人民政府", "东阳市人民政府123", "dongyang123",   "gongkai123",
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ASCII 0-9 or full-width ０-９ (U+FF10..U+FF19, UTF-8 EF BC 90..99) only.
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  while (!s.empty()) {
    if (s[0] >= '0' && s[0] <= '9') {
      s.remove_prefix(1);
    } else if (s.size() >= 3 && s[0] == '\xEF' && s[1] == '\xBC' &&
               static_cast<unsigned char>(s[2]) >= 0x90 && static_cast<unsigned char>(s[2]) <= 0x99) {
      s.remove_prefix(3);
    } else {
      return false;
    }
  }
  return true;
}

bool has_control_character(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

Status policy_error(std::string message) {
  return fail(Error::invalid_field("password", std::move(message)));
}

}  // namespace

struct PasswordHasher::Dummy {
  std::once_flag once;
  std::string hash;
};

PasswordHasher::PasswordHasher(PasswordHashParams params)
    : params_(params), dummy_(std::make_shared<Dummy>()) {
  if (!sodium_ready()) throw std::runtime_error("libsodium initialisation failed");
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  if (password.size() > kMaxPasswordBytes) {
    return fail(Error::invalid_field("password", "密码过长"));
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), params_.ops_limit,
                            params_.mem_limit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(Error::internal("密码哈希计算失败（内存不足）"));
  }
  return std::string(out.data());
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored) const {
  // libsodium wants a NUL-terminated string shorter than crypto_pwhash_STRBYTES.
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPasswordBytes) {
    return false;
  }
  if (stored.find('\0') != std::string_view::npos) return false;
  const std::string terminated(stored);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view stored) const {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return true;
  if (stored.find('\0') != std::string_view::npos) return true;
  const std::string terminated(stored);
  // The argon2id-specific check returns -1 for argon2i and other algorithms, which should be
  // upgraded too; the generic crypto_pwhash_str_needs_rehash would accept argon2i.
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), params_.ops_limit,
                                                 params_.mem_limit_bytes) != 0;
}

const std::string& PasswordHasher::dummy_hash() const {
  std::call_once(dummy_->once, [this] {
    std::array<unsigned char, 32> secret{};
    randombytes_buf(secret.data(), secret.size());
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), reinterpret_cast<const char*>(secret.data()), secret.size(),
                              params_.ops_limit, params_.mem_limit_bytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
      // Out of memory for a single hash: nothing sensible to continue with.
      throw std::runtime_error("cannot compute the dummy password hash");
    }
    dummy_->hash = out.data();
  });
  return dummy_->hash;
}

Status check_password_policy(std::string_view password) {
  if (!is_valid_utf8(password) || has_control_character(password)) {
    return policy_error("密码包含无效字符");
  }
  const size_t length = utf8_length(password);
  if (length < kMinPasswordCodePoints) {
    return policy_error(fmt::format("密码至少需要 {} 个字符", kMinPasswordCodePoints));
  }
  if (length > kMaxPasswordCodePoints) {
    return policy_error(fmt::format("密码不能超过 {} 个字符", kMaxPasswordCodePoints));
  }
  if (all_digits(password)) {
    return policy_error("密码不能全部是数字");
  }
  const std::string lowered = lower_ascii(password);
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lowered) != kCommonPasswords.end()) {
    return policy_error("密码过于常见，容易被猜到，请换一个");
  }
  return ok();
}

}  // namespace gk::accounts
