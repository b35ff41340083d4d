#include "core/error.h"

namespace gk {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::to_string() const {
  std::string s{error_code_name(code_)};
  s += ": ";
  s += message_;
  for (const auto& f : fields_) {
    s += " [";
    s += f.field;
    s += ": ";
    s += f.message;
    s += "]";
  }
  return s;
}

}  // namespace gk
