// Placeholder rewriting (internal to gk_storage): '?' -> $1..$n for PostgreSQL.
//
// Skips '?' inside '…' (with '' escapes), E'…' (with backslash escapes), "…" identifiers,
// $tag$…$tag$ dollar quotes, -- line comments and (nested) /* */ comments, following PostgreSQL's
// lexer. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace gk::sql::detail {

struct RewrittenSql {
  std::string sql;
  int placeholders = 0;
};

RewrittenSql rewrite_placeholders(std::string_view sql);

}  // namespace gk::sql::detail
