// multipart/form-data bodies (RFC 7578 over RFC 2046), as browsers send file uploads.
//
// The boundary comes from the Content-Type's `boundary` parameter (quoted or not, 1–70 characters).
// Each part's Content-Disposition must be `form-data` with a `name`; a `filename` makes it a file
// part. File names are returned as UTF-8: `filename*` (RFC 5987/8187, `UTF-8''%E6%8A%A5…`, also
// ISO-8859-1) wins over `filename`, which is taken as the raw UTF-8 bytes browsers send (with
// backslash escapes of quoted-strings undone). Field parts (no filename) must be valid UTF-8 without
// NUL; file contents are opaque bytes.
//
// Limits: at most `max_parts` parts and `max_header_bytes` of headers per part. Errors are
// InvalidArgument (field "form") with a Chinese message: not multipart, missing or bad boundary,
// truncated body (no closing delimiter), malformed part headers, limits exceeded, bad filename*.
//
// Parts point into the body they were parsed from (no copy of a 50 MB upload): the body must
// outlive them. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gk::web {

struct MultipartPart {
  std::string name;                      // the form field's name
  std::optional<std::string> file_name;  // set for file parts; "" when the user chose no file
  std::string content_type;              // as the client claimed it; "" when absent (never trusted)
  std::string_view data;                 // the part's bytes, pointing into the parsed body
};

struct MultipartLimits {
  size_t max_parts = 64;
  size_t max_header_bytes = 8 * 1024;
};

// The boundary of a multipart/form-data Content-Type, or InvalidArgument.
[[nodiscard]] Result<std::string> multipart_boundary(std::string_view content_type);

// True when `content_type` names multipart/form-data (parameters ignored).
bool is_multipart_form(std::string_view content_type);

// Parses `body` sent with `content_type`.
[[nodiscard]] Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                                 const MultipartLimits& limits = {});

// The value of the first field part called `name` (not a file part), or nullopt.
std::optional<std::string> multipart_field(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace gk::web
