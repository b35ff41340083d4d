// ViewRenderer: renders Mustache templates from <web_dir>/templates into full pages.
//
// Templates are read once at start-up (a missing or malformed template stops start-up with the
// file's name). {{x}} is HTML-escaped by the engine; only the layout's {{{content}}} is raw, and it
// holds HTML this renderer produced itself.
//
// Thread-safe. Parsing a template costs more than rendering it, so each thread keeps its own parsed
// copy of every template it has rendered (a thread_local cache; no lock on the request path). One
// parsed kainjow::mustache object is not shared between threads because its render() is non-const:
// it records errors (from lambdas and partials in the view) in the object, where they then stick. A
// copy that reported an error is dropped and parsed afresh on its next use.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "core/error.h"

namespace gk::web {

using View = kainjow::mustache::data;

class ViewRenderer {
 public:
  // Loads every *.mustache file of `templates_dir`; requires layout.mustache.
  static Result<ViewRenderer> load(const std::string& templates_dir);

  // Renders template `name` (file name without .mustache) with `view`.
  Result<std::string> render(std::string_view name, const View& view) const;
  // Renders `name` and wraps it in layout.mustache; `layout` supplies the layout's variables (its
  // `content` is the rendered `name`).
  Result<std::string> render_page(std::string_view name, const View& view, const View& layout) const;

 private:
  Result<std::string> render_in(std::string_view name, kainjow::mustache::basic_context<std::string>& context) const;

  std::map<std::string, std::string, std::less<>> templates_;
  // Identifies this set of templates in the per-thread caches (copies share it: same texts).
  uint64_t id_ = 0;
};

}  // namespace gk::web
