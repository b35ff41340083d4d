#include "web/view_renderer.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gk::web {

Result<ViewRenderer> ViewRenderer::load(const std::string& templates_dir) {
  namespace fs = std::filesystem;
  ViewRenderer r;
  std::error_code ec;
  if (!fs::is_directory(templates_dir, ec)) {
    return fail(Error::failed_precondition("templates directory not found: " + templates_dir));
  }
  for (const auto& entry : fs::directory_iterator(templates_dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    kainjow::mustache::mustache check(ss.str());
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
  kainjow::mustache::mustache tmpl(it->second);
  std::string out = tmpl.render(view);
  if (!tmpl.error_message().empty()) {
    return fail(Error::internal("template " + std::string(name) + ": " + tmpl.error_message()));
  }
  return out;
}

Result<std::string> ViewRenderer::render_page(std::string_view name, const View& view, View layout) const {
  GK_TRY_ASSIGN(content, render(name, view));
  layout.set("content", content);
  return render("layout", layout);
}

}  // namespace gk::web
