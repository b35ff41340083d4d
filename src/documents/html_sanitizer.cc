#include "documents/html_sanitizer.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdlib>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"

namespace gk::documents {
namespace {

// ---------------------------------------------------------------------------------------------
// Limits. Gumbo, like any HTML5 tree builder, does work proportional to the depth of the open
// element stack for many tokens, and clones every open formatting element (<b>, <font>, …) for
// each new paragraph; 40,000 nested <div>s take seconds and a few hundred distinct unclosed <font>s
// followed by many paragraphs take gigabytes. So before parsing, a conservative scan estimates the
// nesting depth and refuses anything deeper than kMaxNesting (browsers stop at 512; documents nest
// a few dozen levels), and while parsing, the tree may not use more than its memory budget.

constexpr int kMaxNesting = 256;
// A tag-dense 4 MB Word paste needs about 20 bytes of tree per byte of input.
constexpr size_t kBaseMemoryBudget = 32u << 20;
constexpr size_t kMemoryBudgetPerInputByte = 32;

bool in(std::string_view name, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_void(std::string_view name) {
  return in(name, {"area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "image", "input",
                   "keygen", "link", "meta", "param", "source", "track", "wbr", "spacer"});
}

// Elements whose end tag may be left out; a run of them does not nest (<p>a<p>b, <li>, <td>).
bool has_optional_end_tag(std::string_view name) {
  return in(name,
            {"p",       "li",     "dt",       "dd", "td", "th",  "tr", "tbody", "thead", "tfoot", "colgroup",
             "caption", "option", "optgroup", "rb", "rt", "rtc", "rp", "html",  "head",  "body"});
}

// An upper estimate of the element nesting a parser builds from `s`: per tag name, start tags not
// yet matched by an end tag of that name, summed, at its highest. Every doubt errs upwards: a
// self-closing "/>" still counts (HTML ignores it outside SVG), tags in attribute values are
// skipped only inside properly quoted values, raw text (<script>, <style>, …) ends at its first
// possible end tag and is skipped only outside <svg>/<math>, comments end at their earliest
// possible end ("<!-->", "--!>"), and everything else that looks like a tag is counted. Stops
// counting once past kMaxNesting.
int estimate_nesting(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::unordered_map<std::string, int> open;
  int total = 0, deepest = 0, foreign = 0;
  const size_t n = s.size();
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    if (s.substr(i, 4) == "<!--") {
      const size_t a = s.find("-->", i + 2);
      const size_t b = s.find("--!>", i + 2);
      if (a == std::string_view::npos && b == std::string_view::npos) break;
      i = a <= b ? a + 3 : b + 4;
      continue;
    }
    if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {  // doctype, CDATA, bogus comment
      const size_t e = s.find('>', i + 1);
      if (e == std::string_view::npos) break;
      i = e + 1;
      continue;
    }
    const bool end_tag = i + 1 < n && s[i + 1] == '/';
    size_t k = i + 1 + (end_tag ? 1 : 0);
    if (k >= n || !alpha(s[k])) {
      ++i;
      continue;
    }
    const size_t name_start = k;
    while (k < n && !ws(s[k]) && s[k] != '/' && s[k] != '>') ++k;
    const std::string name = ascii_lower(s.substr(name_start, k - name_start));
    while (k < n && s[k] != '>') {  // attributes, as the HTML tokenizer reads them
      if (ws(s[k]) || s[k] == '/') {
        ++k;
        continue;
      }
      ++k;  // the first character of a name may be anything, even '='
      while (k < n && !ws(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=') ++k;
      while (k < n && ws(s[k])) ++k;
      if (k < n && s[k] == '=') {
        ++k;
        while (k < n && ws(s[k])) ++k;
        if (k < n && (s[k] == '"' || s[k] == '\'')) {
          const size_t q = s.find(s[k], k + 1);
          k = q == std::string_view::npos ? n : q + 1;
        } else {
          while (k < n && !ws(s[k]) && s[k] != '>') ++k;
        }
      }
    }
    if (k >= n) break;  // a tag cut off by the end of input is dropped by the parser
    i = k + 1;

    if (is_void(name) || has_optional_end_tag(name)) continue;
    if (end_tag) {
      if (auto it = open.find(name); it != open.end() && it->second > 0) {
        --it->second;
        --total;
      }
      if ((name == "svg" || name == "math") && foreign > 0) --foreign;
      continue;
    }
    ++open[name];
    deepest = std::max(deepest, ++total);
    if (deepest > kMaxNesting) return deepest;  // the answer is already known
    if (name == "svg" || name == "math") ++foreign;
    if (foreign == 0 &&
        in(name, {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"})) {
      // Raw text up to the first "</name" followed by a delimiter; its end tag is then read above.
      const std::string close = "</" + name;
      size_t p = i;
      while (true) {
        p = s.find('<', p);
        if (p == std::string_view::npos) break;
        if (p + close.size() < n && ascii_lower(s.substr(p, close.size())) == close) {
          const char d = s[p + close.size()];
          if (ws(d) || d == '/' || d == '>') break;
        }
        ++p;
      }
      if (p == std::string_view::npos) break;
      i = p;
    }
  }
  return deepest;
}

// ---------------------------------------------------------------------------------------------
// Parsing. Gumbo frees its tree recursively (one C stack frame per nesting level), and cannot be
// stopped once started. So Gumbo allocates through this arena, which links every block it hands
// out and frees them all in a loop (gumbo_destroy_output() is never called), and which ends the
// parse with longjmp when the memory budget is spent. That jump crosses only Gumbo's C frames and
// allocate(), none of which owns anything: every byte Gumbo holds is in the arena.

class ParsedFragment {
 public:
  enum class Outcome { kParsed, kTooDeep, kTooLarge, kOutOfMemory };

  explicit ParsedFragment(std::string_view html)
      : budget_(kBaseMemoryBudget + kMemoryBudgetPerInputByte * html.size()) {
    head_.prev = head_.next = &head_;
    if (estimate_nesting(html) > kMaxNesting) {
      outcome_ = Outcome::kTooDeep;
      return;
    }
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &ParsedFragment::allocate;
    options.deallocator = &ParsedFragment::deallocate;
    options.userdata = this;
    options.max_errors = 0;  // we never read the parse errors
    options.fragment_context = GUMBO_TAG_BODY;
    options.fragment_namespace = GUMBO_NAMESPACE_HTML;
    if (setjmp(out_of_budget_) == 0) {
      output_ = gumbo_parse_with_options(&options, html.data(), html.size());
      outcome_ = output_ ? Outcome::kParsed : Outcome::kOutOfMemory;
    } else {
      output_ = nullptr;
      outcome_ = Outcome::kTooLarge;
    }
  }
  ~ParsedFragment() {
    for (Block* b = head_.next; b != &head_;) {
      Block* next = b->next;
      std::free(b);
      b = next;
    }
  }
  ParsedFragment(const ParsedFragment&) = delete;
  ParsedFragment& operator=(const ParsedFragment&) = delete;

  Outcome outcome() const { return outcome_; }
  // The fragment's parent (an <html> element whose children are the parsed nodes) when parsed.
  const GumboNode* root() const { return outcome_ == Outcome::kParsed ? output_->root : nullptr; }

 private:
  struct alignas(16) Block {
    Block* prev;
    Block* next;
    size_t size;
  };

  static void* allocate(void* self, size_t size) {
    auto* p = static_cast<ParsedFragment*>(self);
    if (size > p->budget_ - p->used_) longjmp(p->out_of_budget_, 1);
    auto* b = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (!b) longjmp(p->out_of_budget_, 1);  // Gumbo does not check for null
    p->used_ += size;
    b->size = size;
    b->next = p->head_.next;
    b->prev = &p->head_;
    p->head_.next->prev = b;
    p->head_.next = b;
    return b + 1;
  }
  static void deallocate(void* self, void* ptr) {
    if (!ptr) return;
    Block* b = static_cast<Block*>(ptr) - 1;
    static_cast<ParsedFragment*>(self)->used_ -= b->size;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    std::free(b);
  }

  Block head_;
  size_t budget_;
  size_t used_ = 0;
  std::jmp_buf out_of_budget_;
  GumboOutput* output_ = nullptr;
  Outcome outcome_ = Outcome::kOutOfMemory;
};

std::span<GumboNode* const> children_of(const GumboNode* n) {
  const GumboVector* v = nullptr;
  if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) v = &n->v.element.children;
  if (n->type == GUMBO_NODE_DOCUMENT) v = &n->v.document.children;
  if (!v || v->length == 0) return {};
  return {reinterpret_cast<GumboNode* const*>(v->data), v->length};
}

std::span<GumboAttribute* const> attributes_of(const GumboNode* n) {
  const GumboVector& v = n->v.element.attributes;
  if (v.length == 0) return {};
  return {reinterpret_cast<GumboAttribute* const*>(v.data), v.length};
}

// Lower-case tag name, also for tags Gumbo does not know (Word's o:p, w:sdt, xml).
std::string tag_name(const GumboNode* n) {
  const GumboElement& e = n->v.element;
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  if (piece.length == 0 || !piece.data) return "unknown";
  return ascii_lower(std::string_view(piece.data, piece.length));
}

// Elements dropped with everything inside them.
bool is_dropped_with_content(std::string_view name) {
  return in(name, {"script",   "style",  "iframe",   "frame",   "frameset", "object",   "embed",
                   "applet",   "form",   "noscript", "noembed", "noframes", "template", "title",
                   "textarea", "select", "svg",      "math",    "xml",      "head"});
}

// Active content that check_body_html() rejects.
bool is_embedded_content(std::string_view name) {
  return in(name, {"iframe", "frame", "frameset", "object", "embed", "applet"});
}

bool is_allowed(std::string_view name) {
  return in(name,
            {"p",  "br", "h2",  "h3",         "h4", "h5",  "h6",   "strong", "b",       "em",    "i",
             "u",  "s",  "sub", "sup",        "ul", "ol",  "li",   "table",  "caption", "thead", "tbody",
             "tr", "th", "td",  "blockquote", "a",  "img", "span", "div",    "hr",      "pre",   "code"});
}

// Elements written under another allowed name; "" when not renamed.
std::string_view renamed(std::string_view name) {
  if (name == "h1") return "h2";
  if (in(name, {"center", "section", "article", "header", "footer", "main", "nav", "aside", "figure",
                "figcaption", "address", "dl", "dt", "dd", "details", "summary"})) {
    return "div";
  }
  if (in(name, {"menu", "dir"})) return "ul";
  if (name == "tfoot") return "tbody";
  if (in(name, {"strike", "del"})) return "s";
  if (name == "ins") return "u";
  return {};
}

bool takes_text_align(std::string_view name) {
  return in(name, {"p", "div", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "blockquote"});
}

std::optional<std::string> text_align_value(std::string_view v) {
  std::string s = ascii_lower(std::string(gk::trim(v)));
  if (in(s, {"left", "center", "right", "justify"})) return s;
  return std::nullopt;
}

bool is_url_space(char c) { return static_cast<unsigned char>(c) <= 0x20; }

// The scheme a browser would see, lower-case, or nullopt for a relative URL. Browsers strip leading
// and trailing C0 controls and spaces and ignore tab, CR and LF anywhere ("java\tscript:"); here
// every character up to U+0020 is ignored, which is stricter and never misses a scheme.
std::optional<std::string> url_scheme(std::string_view url) {
  std::string probe;
  for (char c : url) {
    if (!is_url_space(c)) probe.push_back(c);
  }
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (probe.empty() || !is_alpha(probe[0])) return std::nullopt;
  for (size_t i = 1; i < probe.size(); ++i) {
    const char c = probe[i];
    if (c == ':') return ascii_lower(std::string_view(probe).substr(0, i));
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return std::nullopt;
  }
  return std::nullopt;
}

// The URL as written back: surrounding spaces and controls trimmed, tab/CR/LF removed.
std::string clean_url(std::string_view url) {
  while (!url.empty() && is_url_space(url.front())) url.remove_prefix(1);
  while (!url.empty() && is_url_space(url.back())) url.remove_suffix(1);
  std::string out;
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

bool is_script_scheme(std::string_view scheme) { return in(scheme, {"javascript", "vbscript", "data"}); }

void escape_into(std::string& out, std::string_view s, bool attribute) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (attribute)
          out += "&quot;";
        else
          out.push_back(c);
        break;
      case '\'':
        if (attribute)
          out += "&#39;";
        else
          out.push_back(c);
        break;
      case '\0':
        break;
      default:
        out.push_back(c);
    }
  }
}

std::string_view node_text(const GumboNode* n) { return n->v.text.text ? n->v.text.text : ""; }

// Positive integer attribute (colspan, width): digits only, 1..max.
bool is_small_positive(std::string_view v, int max) {
  std::string s = gk::trim(v);
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  const int n = std::stoi(s);
  return n >= 1 && n <= max;
}

struct StyleSplit {
  std::optional<std::string> text_align;
  bool other = false;  // declarations other than a valid text-align
};

StyleSplit split_style(std::string_view style) {
  StyleSplit out;
  size_t pos = 0;
  while (pos <= style.size()) {
    size_t end = style.find(';', pos);
    if (end == std::string_view::npos) end = style.size();
    std::string_view decl = style.substr(pos, end - pos);
    pos = end + 1;
    if (gk::trim(decl).empty()) continue;
    const size_t colon = decl.find(':');
    if (colon != std::string_view::npos && ascii_lower(gk::trim(decl.substr(0, colon))) == "text-align") {
      if (auto v = text_align_value(decl.substr(colon + 1))) {
        out.text_align = *v;
        continue;
      }
    }
    out.other = true;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sanitising.

class Sanitizer {
 public:
  SanitizeResult run(const GumboNode* root) {
    struct Work {
      const GumboNode* node;  // null: write `close`
      std::string close;
    };
    std::vector<Work> stack;
    auto push_children = [&](const GumboNode* n) {
      auto kids = children_of(n);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, {}});
    };
    push_children(root);

    while (!stack.empty()) {
      Work w = std::move(stack.back());
      stack.pop_back();
      if (!w.node) {
        out_.html += w.close;
        continue;
      }
      const GumboNode* n = w.node;
      switch (n->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
          escape_into(out_.html, node_text(n), false);
          break;
        case GUMBO_NODE_COMMENT:
          report("comment");
          break;
        case GUMBO_NODE_DOCUMENT:
          push_children(n);
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
          element(n, stack, push_children);
          break;
      }
    }
    return std::move(out_);
  }

 private:
  void report(std::string what) {
    if (seen_.insert(what).second) out_.removed.push_back(std::move(what));
  }

  template <class Stack, class PushChildren>
  void element(const GumboNode* n, Stack& stack, PushChildren& push_children) {
    const std::string original = tag_name(n);
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML || is_dropped_with_content(original)) {
      report("<" + original + ">");
      return;
    }
    std::string name = original;
    std::optional<std::string> align;
    if (auto r = renamed(original); !r.empty()) {
      name = std::string(r);
      if (original == "center") align = "center";
    }
    if (!is_allowed(name)) {
      if (is_void(name)) {
        report("<" + original + ">");
      } else {
        report("<" + original + "> tag (text kept)");
        push_children(n);
      }
      return;
    }

    std::string attrs;
    bool has_url = false;
    bool style_align = false;
    for (const GumboAttribute* a : attributes_of(n)) {
      const std::string attr = ascii_lower(a->name ? a->name : "");
      const std::string_view value = a->value ? a->value : "";
      if (attr.starts_with("on")) {
        report(attr + " attribute");
      } else if (name == "a" && attr == "rel") {
        // replaced by our own rel="noopener" below
      } else if (attr == "style") {
        StyleSplit s = split_style(value);
        if (s.text_align && takes_text_align(name)) {
          align = s.text_align;
          style_align = true;
        }
        if (s.other || (s.text_align && !takes_text_align(name))) report("style attribute");
      } else if (attr == "align" && takes_text_align(name) && text_align_value(value)) {
        if (!style_align) align = text_align_value(value);
      } else if ((name == "a" && attr == "href") || (name == "img" && attr == "src")) {
        const std::string url = clean_url(value);
        const auto scheme = url_scheme(url);
        const bool allowed =
            url.empty() ? false
            : !scheme   ? true
                        : (*scheme == "http" || *scheme == "https" || (name == "a" && *scheme == "mailto"));
        if (allowed) {
          append_attr(attrs, attr, url);
          has_url = true;
        } else if (scheme) {
          report(*scheme + ": URL");
        } else {
          report(attr + " attribute");
        }
      } else if ((name == "a" && attr == "title") || (name == "img" && in(attr, {"alt", "title"}))) {
        append_attr(attrs, attr, value);
      } else if (name == "img" && in(attr, {"width", "height"}) && is_small_positive(value, 10000)) {
        append_attr(attrs, attr, gk::trim(value));
      } else if (in(name, {"td", "th"}) && in(attr, {"colspan", "rowspan"}) &&
                 is_small_positive(value, 1000)) {
        append_attr(attrs, attr, gk::trim(value));
      } else {
        report(attr + " attribute");
      }
    }

    if (name == "img" && !has_url) {
      report("<img> without an allowed src");
      return;
    }
    if (name == "a") {
      if (!has_url) {  // an anchor without a usable link keeps its text only
        push_children(n);
        return;
      }
      append_attr(attrs, "rel", "noopener");
    }
    if (align) attrs += " style=\"text-align:" + *align + "\"";

    out_.html += "<" + name + attrs + ">";
    if (is_void(name)) return;
    // The parser drops one newline right after <pre>; keep a leading newline of the text.
    if (name == "pre") {
      auto kids = children_of(n);
      if (!kids.empty() && (kids[0]->type == GUMBO_NODE_TEXT || kids[0]->type == GUMBO_NODE_WHITESPACE) &&
          node_text(kids[0]).starts_with('\n')) {
        out_.html += '\n';
      }
    }
    stack.push_back({nullptr, "</" + name + ">"});
    push_children(n);
  }

  static void append_attr(std::string& attrs, std::string_view name, std::string_view value) {
    attrs += ' ';
    attrs += name;
    attrs += "=\"";
    escape_into(attrs, value, true);
    attrs += '"';
  }

  SanitizeResult out_;
  std::unordered_set<std::string> seen_;
};

Status check_input(std::string_view input) {
  if (input.size() > kMaxBodyHtmlBytes) {
    return fail(Error::invalid_field(
        std::string(kBodyField),
        "正文过长，不能超过 " + std::to_string(kMaxBodyHtmlBytes / (1024 * 1024)) + " MB"));
  }
  if (!is_valid_utf8(input)) {
    return fail(Error::invalid_field(std::string(kBodyField), "正文含有无效的字符编码（不是 UTF-8 文本）"));
  }
  return ok();
}

// ---------------------------------------------------------------------------------------------
// Checking for script.

// Attributes whose value a browser may load or navigate to.
bool is_url_attribute(std::string_view attr) {
  return in(attr, {"href",    "src",      "action",   "formaction", "data",   "poster",    "background",
                   "cite",    "longdesc", "lowsrc",   "dynsrc",     "usemap", "codebase",  "classid",
                   "archive", "profile",  "manifest", "icon",       "ping",   "xlink:href"});
}

// Attributes holding lists or animation values that may hide a URL (srcset, SVG <animate values>).
bool is_url_list_attribute(std::string_view attr) {
  return in(attr, {"srcset", "values", "to", "from", "by"});
}

bool mentions_script_scheme(std::string_view value) {
  std::string probe;
  for (char c : value) {
    if (!is_url_space(c)) probe.push_back(c);
  }
  probe = ascii_lower(probe);
  return probe.find("javascript:") != std::string::npos || probe.find("vbscript:") != std::string::npos ||
         probe.find("data:") != std::string::npos;
}

// CSS that runs script in some browser: IE expression() and behavior, Firefox -moz-binding,
// javascript: in url(). Comments, escapes (\65 is "e") and white space are undone first, so
// ex/**/pression( and \65xpression( are found too.
bool is_script_style(std::string_view style) {
  std::string no_comments;
  for (size_t i = 0; i < style.size(); ++i) {
    if (style.substr(i, 2) == "/*") {
      const size_t end = style.find("*/", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
      continue;
    }
    no_comments.push_back(style[i]);
  }
  auto hex = [](char c) {
    return (c >= '0' && c <= '9')   ? c - '0'
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                    : -1;
  };
  std::string s;
  for (size_t i = 0; i < no_comments.size(); ++i) {
    char c = no_comments[i];
    if (c == '\\' && i + 1 < no_comments.size()) {
      ++i;
      if (hex(no_comments[i]) >= 0) {
        unsigned cp = 0;
        size_t k = 0;
        for (; k < 6 && i + k < no_comments.size() && hex(no_comments[i + k]) >= 0; ++k)
          cp = cp * 16 + hex(no_comments[i + k]);
        i += k - 1;
        if (i + 1 < no_comments.size() && is_url_space(no_comments[i + 1])) ++i;
        c = cp < 0x80 ? static_cast<char>(cp) : '?';
      } else {
        c = no_comments[i];
      }
    }
    if (is_url_space(c)) continue;
    s.push_back(c);
  }
  s = ascii_lower(s);
  for (std::string_view bad : {"expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding"}) {
    if (s.find(bad) != std::string::npos) return true;
  }
  return false;
}

std::vector<std::string> find_script(const GumboNode* root) {
  std::vector<std::string> found;
  auto add = [&](std::string what) {
    if (std::find(found.begin(), found.end(), what) == found.end()) found.push_back(std::move(what));
  };
  std::vector<const GumboNode*> stack(children_of(root).begin(), children_of(root).end());
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    const std::string name = tag_name(n);
    if (name == "script") add("<script> 脚本");
    // A browser reads <noscript> content as raw text while a server-side parser reads markup, so
    // what is inside cannot be vouched for (the sanitiser drops it).
    if (name == "noscript") add("<noscript> 元素");
    if (is_embedded_content(name)) add("<" + name + "> 嵌入内容");
    bool refresh = false;
    for (const GumboAttribute* a : attributes_of(n)) {
      const std::string attr =
          ascii_lower(a->original_name.data && a->original_name.length
                          ? std::string_view(a->original_name.data, a->original_name.length)
                          : std::string_view(a->name ? a->name : ""));
      const std::string_view value = a->value ? a->value : "";
      if (attr.starts_with("on")) {
        add(attr + " 事件属性");
      } else if (attr == "style" && is_script_style(value)) {
        add("style 属性中的脚本（expression 等）");
      } else if (is_url_attribute(attr) || std::string_view(a->name ? a->name : "") == "href") {
        if (auto scheme = url_scheme(value); scheme && is_script_scheme(*scheme)) add(*scheme + ": 链接");
      } else if (is_url_list_attribute(attr) && mentions_script_scheme(value)) {
        add(attr + " 属性中的 javascript:/data: 链接");
      } else if (name == "meta" && attr == "http-equiv" && ascii_lower(gk::trim(value)) == "refresh") {
        refresh = true;
      }
    }
    if (refresh) add("<meta http-equiv=\"refresh\"> 自动跳转");
    for (const GumboNode* kid : children_of(n)) stack.push_back(kid);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Plain text.

bool is_text_block(std::string_view name) {
  return in(name,
            {"p",    "div",        "h1",      "h2",      "h3",         "h4",      "h5",       "h6",
             "ul",   "ol",         "li",      "table",   "caption",    "thead",   "tbody",    "tfoot",
             "tr",   "blockquote", "pre",     "hr",      "section",    "article", "header",   "footer",
             "main", "nav",        "aside",   "figure",  "figcaption", "address", "center",   "dl",
             "dt",   "dd",         "details", "summary", "menu",       "dir",     "fieldset", "legend"});
}

// East Asian wide characters (CSS Text 3 drops a line break between two of them; Hangul excepted).
bool is_cjk_wide(char32_t c) {
  return (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

class TextBuilder {
 public:
  void block() { pending_break_ = true; }
  void line_break() {
    out_ += '\n';
    reset_pending();
  }
  void cell() {
    pending_space_ = true;
    space_had_newline_ = false;
  }
  void text(std::string_view s, bool preformatted) {
    for (size_t i = 0; i < s.size();) {
      const auto c0 = static_cast<unsigned char>(s[i]);
      const size_t len = c0 < 0x80 ? 1 : (c0 & 0xE0) == 0xC0 ? 2 : (c0 & 0xF0) == 0xE0 ? 3 : 4;
      const std::string_view bytes = s.substr(i, len);
      char32_t cp = len == 1 ? c0 : len == 2 ? (c0 & 0x1F) : len == 3 ? (c0 & 0x0F) : (c0 & 0x07);
      for (size_t k = 1; k < bytes.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(bytes[k]) & 0x3F);
      i += len;
      if (preformatted) {
        if (cp == '\n') {
          flush_break();
          line_break();
        } else {
          put(cp, bytes);
        }
        continue;
      }
      if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0x00A0) {
        pending_space_ = true;
        space_had_newline_ |= (cp == '\n' || cp == '\r');
        continue;
      }
      put(cp, bytes);
    }
  }

  std::string finish() {
    std::string result;
    size_t pos = 0;
    while (pos <= out_.size()) {
      size_t end = out_.find('\n', pos);
      if (end == std::string::npos) end = out_.size();
      std::string_view line = std::string_view(out_).substr(pos, end - pos);
      while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
      if (!line.empty()) {
        if (!result.empty()) result += '\n';
        result += line;
      }
      pos = end + 1;
    }
    return result;
  }

 private:
  void flush_break() {
    if (pending_break_ && !out_.empty() && out_.back() != '\n') out_ += '\n';
    if (pending_break_) reset_pending();
  }
  void put(char32_t cp, std::string_view bytes) {
    flush_break();
    if (pending_space_ && !out_.empty() && out_.back() != '\n' &&
        !(space_had_newline_ && is_cjk_wide(last_) && is_cjk_wide(cp))) {
      out_ += ' ';
    }
    pending_space_ = false;
    space_had_newline_ = false;
    out_ += bytes;
    last_ = cp;
  }
  void reset_pending() {
    pending_break_ = false;
    pending_space_ = false;
    space_had_newline_ = false;
    last_ = 0;
  }

  std::string out_;
  bool pending_break_ = false;
  bool pending_space_ = false;
  bool space_had_newline_ = false;
  char32_t last_ = 0;
};

// Valid UTF-8: each byte that does not start a well-formed sequence becomes U+FFFD.
std::string to_valid_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80             ? 1
                       : (c & 0xE0) == 0xC0 ? 2
                       : (c & 0xF0) == 0xE0 ? 3
                       : (c & 0xF8) == 0xF0 ? 4
                                            : 0;
    if (len > 0 && i + len <= s.size() && is_valid_utf8(s.substr(i, len))) {
      out += s.substr(i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

Error parse_failure(ParsedFragment::Outcome outcome) {
  switch (outcome) {
    case ParsedFragment::Outcome::kTooDeep:
      return Error::invalid_field(
          std::string(kBodyField),
          "正文的标签嵌套过深（超过 " + std::to_string(kMaxNesting) + " 层），请检查内容是否完整、正常");
    case ParsedFragment::Outcome::kTooLarge:
      return Error::invalid_field(std::string(kBodyField),
                                  "正文的 HTML 结构过于复杂，无法处理，请简化格式后重新提交");
    case ParsedFragment::Outcome::kParsed:
    case ParsedFragment::Outcome::kOutOfMemory:
      break;
  }
  return Error::internal("HTML parser ran out of memory");
}

// Text of input the parser refused: markup removed lexically, no structure. Used only so that
// search and scanning still see the words of a pathological body.
std::string strip_tags(std::string_view html) {
  std::string text;
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    const char next = i + 1 < html.size() ? html[i + 1] : '\0';
    if (c == '<' &&
        (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?')) {
      const size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
      text += ' ';
      continue;
    }
    text += c;
  }
  TextBuilder builder;
  builder.text(text, false);
  return builder.finish();
}

}  // namespace

Result<SanitizeResult> sanitize_html(std::string_view input) {
  GK_TRY_STATUS(check_input(input));
  ParsedFragment parsed(input);
  if (!parsed.root()) return fail(parse_failure(parsed.outcome()));
  return Sanitizer().run(parsed.root());
}

Status check_body_html(std::string_view input) {
  GK_TRY_STATUS(check_input(input));
  ParsedFragment parsed(input);
  if (!parsed.root()) return fail(parse_failure(parsed.outcome()));
  const std::vector<std::string> found = find_script(parsed.root());
  if (found.empty()) return ok();
  std::string list;
  for (const auto& f : found) {
    if (!list.empty()) list += "、";
    list += f;
  }
  return fail(
      Error::invalid_field(std::string(kBodyField), "正文不能包含脚本或嵌入内容，请删除后重新提交：" + list));
}

std::string html_to_text(std::string_view input) {
  const std::string html = to_valid_utf8(input);
  ParsedFragment parsed(html);
  if (!parsed.root()) return strip_tags(html);
  TextBuilder text;
  struct Work {
    const GumboNode* node;  // null: leaving `name`
    std::string name;
  };
  std::vector<Work> stack;
  int pre_depth = 0;
  auto push_children = [&](const GumboNode* n) {
    auto kids = children_of(n);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, {}});
  };
  push_children(parsed.root());
  while (!stack.empty()) {
    Work w = std::move(stack.back());
    stack.pop_back();
    if (!w.node) {  // leaving an element
      if (w.name == "pre") --pre_depth;
      if (is_text_block(w.name)) text.block();
      if (w.name == "td" || w.name == "th") text.cell();
      continue;
    }
    const GumboNode* n = w.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      text.text(node_text(n), pre_depth > 0);
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    std::string name = tag_name(n);
    if (is_dropped_with_content(name) && name != "svg" && name != "math") continue;
    if (name == "br") {
      text.line_break();
      continue;
    }
    if (is_text_block(name)) text.block();
    if (name == "td" || name == "th") text.cell();
    if (name == "pre") ++pre_depth;
    stack.push_back({nullptr, name});
    push_children(n);
  }
  return text.finish();
}

}  // namespace gk::documents
