// Escaping text for HTML, XML and JSON strings: the one implementation every module uses (templates
// escape by themselves; this is for markup built in code — snippets, error pages, feeds, DOCX,
// reports, hand-written JSON).
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

// A JSON string literal with its quotes: " \\ and control characters escaped (\n \r \t, others as
// \u00XX); other bytes, UTF-8 included, pass through (the caller passes valid UTF-8).
std::string json_quote(std::string_view text);

}  // namespace gk
