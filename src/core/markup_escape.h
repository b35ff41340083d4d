// Escaping text for HTML and XML: the one implementation every module uses (templates escape by
// themselves; this is for markup built in code — snippets, error pages, feeds, DOCX, reports).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace gk {

// & < > " ' → &amp; &lt; &gt; &quot; &#39; — safe in element content and quoted attributes.
std::string html_escape(std::string_view text);

// The same for XML 1.0 (' → &apos;), also dropping what XML cannot carry: C0 control characters
// other than TAB, LF and CR, and U+FFFE / U+FFFF.
std::string xml_escape(std::string_view text);

}  // namespace gk
