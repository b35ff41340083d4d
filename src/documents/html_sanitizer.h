// Document bodies as rich text: the allowlist sanitiser, the input check, and plain-text extraction.
//
// Editors paste bodies from Word/WPS and web pages. The input is parsed with Gumbo, an HTML5
// parser that builds the same tree a browser would (so what we clean is what a browser would run),
// and the output is re-serialised from that tree: only allowlisted elements and attributes are
// written, every text and attribute value is escaped, so the output is well-formed and balanced.
//
// Two entry points with different jobs:
//   * check_body_html() is input validation. Script is never cleaned silently: a body with a
//     <script> element, an on* event handler, a javascript:/vbscript:/data: URL, a CSS expression or
//     embedded active content (<iframe>, <object>, <embed>, <applet>, <frame>) is rejected with an
//     InvalidArgument field error on "body" naming what is not allowed, and nothing is stored.
//     <noscript> is refused too: browsers read its content as text, a server-side parser as markup,
//     and that difference is a known way to smuggle script past sanitisers.
//   * sanitize_html() is the cleaner for everything else (Word junk, unknown tags, classes). It
//     never fails on content, only on input that is not text (invalid UTF-8) or too large.
//
// Allowlist (everything else is unwrapped: the tag goes, its text stays):
//   p br h2–h6 strong b em i u s sub sup ul ol li table caption thead tbody tr th td blockquote a
//   img span div hr pre code
//   attributes: a[href title] img[src alt title width height] td,th[colspan rowspan]
//   a@href: http, https, mailto or relative; rel="noopener" is added.
//   img@src: http, https or relative; an <img> without an allowed src is dropped.
//   style: dropped, except text-align:left|center|right|justify on p, div, h2–h6, li, td, th and
//     blockquote, because 公文 layout needs it (centred titles, right-aligned signature and date);
//     the legacy align="…" attribute Word writes becomes the same text-align.
//   Renamed rather than unwrapped, to keep block structure: h1→h2 (the page's own <h1> is the
//     document title), center→div with text-align:center, section/article/header/footer/main/nav/
//     aside/figure/figcaption/address/dl/dt/dd/details/summary→div, menu/dir→ul, tfoot→tbody,
//     strike/del→s, ins→u.
// Dropped with their content: script style iframe frame frameset object embed applet form noscript
//   noembed noframes template title textarea select svg math and Word's <xml> islands; comments.
//
// SanitizeResult::removed lists what was taken out, each kind once, in order of first appearance:
//   "<script>" (element and content dropped), "<font> tag (text kept)", "onclick attribute",
//   "class attribute", "style attribute", "javascript: URL", "<img> without an allowed src",
//   "comment".
// Text is written back byte for byte (Chinese included), except that character references are
// decoded (&nbsp; becomes U+00A0) and the parser's HTML5 preprocessing applies (CR LF becomes LF).
//
// Limits (every input has one). Beyond kMaxBodyHtmlBytes, or nested deeper than 256 elements (an
// estimate made before parsing, erring upwards; browsers stop at 512, documents use a few dozen),
// or building a tree larger than 32 MiB + 32 bytes per input byte (the HTML5 algorithm re-opens
// unclosed formatting elements in every paragraph, so a small input can ask for gigabytes), the
// input is refused with an InvalidArgument field error instead of being parsed. The tree is freed
// in one sweep, never recursively.
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gk::documents {

inline constexpr std::string_view kBodyField = "body";
// Largest body accepted (bytes of HTML). A long regulation is a few hundred KB even after a
// Word paste has multiplied its size.
inline constexpr size_t kMaxBodyHtmlBytes = 4 * 1024 * 1024;

struct SanitizeResult {
  std::string html;
  std::vector<std::string> removed;
};

// Cleans `input` to the allowlist. InvalidArgument (field "body") only for invalid UTF-8 or input
// beyond the limits above; Internal if memory runs out.
[[nodiscard]] Result<SanitizeResult> sanitize_html(std::string_view input);

// Input validation for a body: ok() unless it contains script or active content (see above), then
// InvalidArgument with field "body" and a Chinese message listing each offending kind once.
[[nodiscard]] Status check_body_html(std::string_view input);

// Text content for search and scanning: one line per paragraph, list item, table row, heading or
// <br>; cells of a row separated by a space; runs of white space collapsed as a browser does (a line
// break between two CJK characters disappears); script, style and other dropped elements give no
// text; no empty lines; entities decoded. Input that is not valid UTF-8 has its bad bytes replaced
// by U+FFFD. Input beyond the limits above still gives its words: markup is then removed lexically,
// without line structure, so that search and sensitive-word scanning are not blinded by it.
std::string html_to_text(std::string_view html);

}  // namespace gk::documents
