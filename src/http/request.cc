#include "http/request.h"

#include "http/cookies.h"
#include "http/form.h"

namespace gk::http {

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  // Browsers send one Cookie header, but HTTP/2 proxies may split it into several.
  for (std::string_view h : headers.get_all("Cookie"))
    if (auto v = find_cookie(h, name)) return v;
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string_view() : std::string_view(it->second);
}

Result<std::vector<std::pair<std::string, std::string>>> Request::form() const {
  if (auto ct = headers.get("Content-Type")) {
    std::string_view media = ct->substr(0, ct->find(';'));
    while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
    if (!iequals(media, "application/x-www-form-urlencoded"))
      return fail(Error::invalid_field("form", "不支持的表单编码"));
  }
  return parse_urlencoded(body);
}

}  // namespace gk::http
