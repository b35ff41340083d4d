// Content-Disposition for downloads (RFC 6266): `attachment; filename="<ASCII>"; filename*=UTF-8''<RFC
// 8187 percent-encoding>`, so that browsers save Chinese file names intact and old clients still get
// a usable ASCII name. The one implementation every download uses. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace gk::http {

// `file_name` is UTF-8 as the user should see it. `ascii_fallback` is the plain filename= value;
// empty: derived from `file_name` (its printable ASCII, other runs as "_", and "attachment.<ext>"
// when nothing readable is left). The fallback must not need quoting: characters outside printable
// ASCII and " \ % ; are replaced by "_" whichever way it comes.
std::string attachment_disposition(std::string_view file_name, std::string_view ascii_fallback = {});

}  // namespace gk::http
