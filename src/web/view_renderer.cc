#include "web/view_renderer.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace gk::web {
namespace {

using Template = kainjow::mustache::mustache;
using Context = kainjow::mustache::context<std::string>;

std::atomic<uint64_t> next_renderer_id{1};

// One thread's parsed templates, for one renderer at a time (a server has one; a thread that
// alternates between renderers, as tests may, just parses again). shared_ptr so that a template
// being rendered stays alive even if the cache is cleared meanwhile (a lambda in the view could
// render through another renderer on the same thread).
struct ThreadCache {
  uint64_t owner = 0;
  std::map<std::string, std::shared_ptr<Template>, std::less<>> parsed;
};

ThreadCache& thread_cache(uint64_t owner) {
  thread_local ThreadCache cache;
  if (cache.owner != owner) {
    cache.parsed.clear();
    cache.owner = owner;
  }
  return cache;
}

// kainjow's html_escape with the same output (& < > " ' become entities), but it copies the runs
// between those characters in bulk instead of appending byte by byte.
std::string html_escape(const std::string& s) {
  constexpr const char* kSpecial = "&<>\"'";
  size_t i = s.find_first_of(kSpecial);
  if (i == std::string::npos) return s;
  std::string out;
  out.reserve(s.size() + 32);
  size_t start = 0;
  for (; i != std::string::npos; i = s.find_first_of(kSpecial, start)) {
    out.append(s, start, i - start);
    switch (s[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&apos;"; break;
    }
    start = i + 1;
  }
  out.append(s, start, std::string::npos);
  return out;
}

std::shared_ptr<Template> parse(const std::string& text) {
  auto t = std::make_shared<Template>(text);
  t->set_custom_escape(html_escape);
  return t;
}

// The "stream" kainjow's render(context, stream) writes to: appends to a string, no ostringstream.
struct StringSink {
  std::string& out;
  StringSink& operator<<(const std::string& s) {
    out += s;
    return *this;
  }
};

}  // namespace

Result<ViewRenderer> ViewRenderer::load(const std::string& templates_dir) {
  namespace fs = std::filesystem;
  ViewRenderer r;
  r.id_ = next_renderer_id.fetch_add(1, std::memory_order_relaxed);
  std::error_code ec;
  if (!fs::is_directory(templates_dir, ec)) {
    return fail(Error::failed_precondition("templates directory not found: " + templates_dir));
  }
  for (const auto& entry : fs::directory_iterator(templates_dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Template check(ss.str());
    if (!check.is_valid()) {
      return fail(Error::failed_precondition("template " + entry.path().string() + ": " + check.error_message()));
    }
    r.templates_.emplace(entry.path().stem().string(), ss.str());
  }
  if (!r.templates_.contains("layout")) {
    return fail(Error::failed_precondition("layout.mustache missing in " + templates_dir));
  }
  return r;
}

Result<std::string> ViewRenderer::render_in(std::string_view name,
                                            kainjow::mustache::basic_context<std::string>& context) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return fail(Error::internal("unknown template " + std::string(name)));
  ThreadCache& cache = thread_cache(id_);
  auto cached = cache.parsed.find(name);
  if (cached == cache.parsed.end()) {
    cached = cache.parsed.emplace(it->first, parse(it->second)).first;
  }
  const std::shared_ptr<Template> tmpl = cached->second;
  std::string out;
  out.reserve(it->second.size() + it->second.size() / 2);
  StringSink sink{out};
  tmpl->render(context, sink);
  if (!tmpl->error_message().empty()) {
    std::string message = tmpl->error_message();
    // The error sticks to this parsed copy (it would render nothing from now on): drop it.
    ThreadCache& again = thread_cache(id_);
    if (auto e = again.parsed.find(name); e != again.parsed.end() && e->second == tmpl) again.parsed.erase(e);
    return fail(Error::internal("template " + std::string(name) + ": " + message));
  }
  return out;
}

Result<std::string> ViewRenderer::render(std::string_view name, const View& view) const {
  Context context(&view);
  return render_in(name, context);
}

Result<std::string> ViewRenderer::render_page(std::string_view name, const View& view, const View& layout) const {
  GK_TRY_ASSIGN(content, render(name, view));
  // Rather than copying `layout` to set its `content`, look `content` up first and fall back to
  // `layout` for every other name (the same lookups as layout.set("content", ...), without the copy).
  View top;
  top["content"] = View(content);
  Context context(&layout);
  context.push(&top);
  return render_in("layout", context);
}

}  // namespace gk::web
