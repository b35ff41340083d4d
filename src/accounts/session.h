// Session: a server-side login session. The browser holds a random token; the database holds only
// its BLAKE2b hash, so a leaked table cannot be replayed. Each session also has a CSRF secret from
// which the http layer derives form tokens.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/ids.h"

namespace gk::accounts {

struct Session {
  std::string token_hash;  // hex BLAKE2b-256 of the raw token
  std::optional<UserId> user;
  std::optional<PublicAccountId> public_account;
  std::string csrf_secret;
  Instant created_at;
  Instant last_seen_at;
  Instant expires_at;
  std::string ip;
  std::string user_agent;
};

struct LoginAttempt {
  Instant at;
  bool success = false;
};

// Random URL-safe token of 32 bytes of entropy (libsodium's CSPRNG).
std::string new_random_token();
// Hex BLAKE2b-256 of a token; what sessions store.
std::string hash_token(std::string_view raw_token);

}  // namespace gk::accounts
