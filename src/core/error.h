// Error and Result: how every module reports failure at its borders.
//
// A Result<T> is std::expected<T, Error>. Error carries one code from a short closed list, a
// human-readable message (Chinese where it reaches users) and, for InvalidArgument, the fields that
// were wrong. Codes are mapped to HTTP statuses once, in the http layer; never branch on messages.
// Value type; thread-compatible.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk {

enum class ErrorCode {
  kNotFound,
  kInvalidArgument,
  kUnauthenticated,
  kPermissionDenied,
  kConflict,
  kFailedPrecondition,
  kUnavailable,
  kInternal,
};

// Stable lower-case name of a code, e.g. "not_found"; used in logs and JSON bodies.
std::string_view error_code_name(ErrorCode code);

struct FieldError {
  std::string field;
  std::string message;
};

class Error {
 public:
  Error(ErrorCode code, std::string message, std::vector<FieldError> fields = {})
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  static Error not_found(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error invalid(std::string m, std::vector<FieldError> f = {}) {
    return {ErrorCode::kInvalidArgument, std::move(m), std::move(f)};
  }
  static Error invalid_field(std::string field, std::string m) {
    std::string msg = m;
    return {ErrorCode::kInvalidArgument, std::move(msg), {FieldError{std::move(field), std::move(m)}}};
  }
  static Error unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m)}; }
  static Error permission_denied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m)}; }
  static Error conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Error failed_precondition(std::string m) { return {ErrorCode::kFailedPrecondition, std::move(m)}; }
  static Error unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Error internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  // "code: message" plus field errors; for logs and CLI output.
  std::string to_string() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
};

template <class T>
using Result = std::expected<T, Error>;

// Result of an operation that yields nothing but may fail.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }

inline Status ok() { return {}; }

}  // namespace gk

// Propagates an error from an expression yielding Result/Status; evaluates to nothing.
#define GK_TRY_STATUS(expr)                                 \
  do {                                                      \
    auto gk_try_r_ = (expr);                                \
    if (!gk_try_r_) return ::gk::fail(gk_try_r_.error());   \
  } while (0)

// Binds the value of a Result expression to `var`, or returns its error.
#define GK_TRY_ASSIGN(var, expr)                            \
  auto var##_result_ = (expr);                              \
  if (!var##_result_) return ::gk::fail(var##_result_.error()); \
  auto var = std::move(*var##_result_)
