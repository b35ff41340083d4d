// Password hashing (Argon2id via libsodium) and the password policy for staff and public accounts.
//
// PasswordHasher turns a password into a self-describing PHC string
// ("$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>", at most 127 bytes) with a fresh random salt, and
// checks a password against such a string in constant time. The cost parameters are recorded in the
// string itself, so old hashes keep verifying after the parameters change; needs_rehash() tells the
// login path to re-hash with the current parameters once it has the plaintext.
//
// Cost: one hash or verify with kInteractive takes ~64 MiB of memory and tens to hundreds of
// milliseconds of CPU. Callers that hash on request threads should bound how many run at once.
// kFastForTests is the minimum libsodium accepts and must never be used outside tests.
//
// check_password_policy() is the rule for new passwords (set, change, reset). It is applied before
// hashing, never to existing hashes.
//
// Thread-safety: PasswordHasher is immutable after construction except for the lazily computed
// dummy hash, which is guarded by std::call_once; all member functions may be called concurrently.
// Copies share the dummy hash. libsodium is initialised once per process (thread-safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gk::accounts {

// Argon2id cost parameters, in libsodium's units.
struct PasswordHashParams {
  uint64_t ops_limit = 0;      // passes over memory (Argon2 t)
  size_t mem_limit_bytes = 0;  // memory in bytes (Argon2 m, in KiB, is this / 1024)

  // Production: crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (t=2, 64 MiB),
  // libsodium's recommendation for online logins.
  static const PasswordHashParams kInteractive;
  // Tests only: crypto_pwhash_argon2id_OPSLIMIT_MIN / MEMLIMIT_MIN (t=1, 8 KiB). Offers no
  // protection against offline guessing; exists so test suites can hash thousands of passwords.
  static const PasswordHashParams kFastForTests;

  friend constexpr bool operator==(const PasswordHashParams&, const PasswordHashParams&) = default;
};

inline constexpr PasswordHashParams PasswordHashParams::kInteractive{2, 64u * 1024 * 1024};
inline constexpr PasswordHashParams PasswordHashParams::kFastForTests{1, 8u * 1024};

// Inputs longer than this are refused by hash() and never match in verify(); far above any real
// password (the policy allows 128 code points = at most 512 bytes) and bounds work per request.
inline constexpr size_t kMaxPasswordBytes = 1024;

class PasswordHasher {
 public:
  // Throws std::runtime_error if libsodium cannot be initialised (no usable entropy source).
  explicit PasswordHasher(PasswordHashParams params = PasswordHashParams::kInteractive);

  const PasswordHashParams& params() const { return params_; }

  // A new Argon2id PHC string for `password` with a random salt: hashing the same password twice
  // gives different strings. InvalidArgument (field "password") above kMaxPasswordBytes; Internal
  // if libsodium fails (out of memory).
  [[nodiscard]] Result<std::string> hash(std::string_view password) const;

  // True when `stored` is a valid Argon2 (id or i) PHC string produced from `password`, with any
  // parameters. False for a wrong password and for anything malformed: empty, truncated, too long,
  // another algorithm. Constant-time in the password comparison.
  bool verify(std::string_view password, std::string_view stored) const;

  // True when `stored` should be replaced by hash(password) at the next successful login: it is
  // not Argon2id, was made with parameters other than params(), or cannot be parsed. (Only asked
  // after verify() succeeded, so a parseable string that can never verify does not matter.)
  bool needs_rehash(std::string_view stored) const;

  // A valid hash of a random secret with params(), computed on first use. Verifying against it
  // when a login names an unknown user makes that path cost as much as a wrong password, so
  // response time does not reveal which user names exist.
  const std::string& dummy_hash() const;

 private:
  struct Dummy;
  PasswordHashParams params_;
  std::shared_ptr<Dummy> dummy_;
};

// Password policy for new passwords. Rationale: length is what resists guessing, so the rule is a
// minimum length plus a refusal of the passwords attackers try first, rather than composition rules
// that push people to "Password1!" patterns.
inline constexpr size_t kMinPasswordCodePoints = 10;
inline constexpr size_t kMaxPasswordCodePoints = 128;

// Ok, or InvalidArgument with a FieldError{"password", <Chinese message>} for the first rule broken:
//   * valid UTF-8 without control characters;
//   * at least kMinPasswordCodePoints and at most kMaxPasswordCodePoints code points
//     ("张三李四王五赵六钱七" is 10, not 30);
//   * not made only of digits (ASCII or full-width), e.g. a phone or ID number;
//   * not one of a short list of common passwords (compared ignoring ASCII case), e.g. password123,
//     1qaz2wsx3edc, qwertyuiop, 东阳市人民政府.
[[nodiscard]] Status check_password_policy(std::string_view password);

}  // namespace gk::accounts
