#include "web/view_renderer.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace gk::web {
namespace {

using Template = kainjow::mustache::mustache;

std::atomic<uint64_t> next_renderer_id{1};

// One thread's parsed templates, for one renderer at a time (a server has one; a thread that
// alternates between renderers, as some tests do, just parses again). shared_ptr so that a
// template being rendered stays alive even if the cache is cleared meanwhile (e.g. a lambda in the
// view rendering through another renderer on the same thread).
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

Result<std::string> ViewRenderer::render(std::string_view name, const View& view) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return fail(Error::internal("unknown template " + std::string(name)));
  ThreadCache& cache = thread_cache(id_);
  auto cached = cache.parsed.find(name);
  if (cached == cache.parsed.end()) {
    cached = cache.parsed.emplace(it->first, std::make_shared<Template>(it->second)).first;
  }
  const std::shared_ptr<Template> tmpl = cached->second;
  std::string out;
  out.reserve(it->second.size() + it->second.size() / 2);
  tmpl->render(view, [&out](const std::string& s) { out += s; });
  if (!tmpl->error_message().empty()) {
    std::string message = tmpl->error_message();
    // The error sticks to this parsed copy (it would render nothing from now on): drop it.
    ThreadCache& again = thread_cache(id_);
    if (auto e = again.parsed.find(name); e != again.parsed.end() && e->second == tmpl) again.parsed.erase(e);
    return fail(Error::internal("template " + std::string(name) + ": " + message));
  }
  return out;
}

Result<std::string> ViewRenderer::render_page(std::string_view name, const View& view, View layout) const {
  GK_TRY_ASSIGN(content, render(name, view));
  layout.set("content", content);
  return render("layout", layout);
}

}  // namespace gk::web
