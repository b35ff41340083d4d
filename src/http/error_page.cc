#include "http/error_page.h"
#include "core/markup_escape.h"

#include <memory>
#include <mutex>

namespace gk::http {
namespace {

std::string_view error_hint(int status) {
  switch (status) {
    case 400:
      return "请检查网址或提交的内容是否正确后重试。";
    case 401:
      return "请先登录后再访问此页面。";
    case 403:
      return "您没有访问此页面的权限。";
    case 404:
      return "您访问的页面可能已被删除、更名或暂时不可用，请检查网址是否正确。";
    case 405:
      return "此页面不支持该访问方式。";
    case 408:
      return "服务器等待请求的时间过长，请重试。";
    case 413:
      return "提交的内容超过了允许的大小，请精简后重试。";
    case 429:
      return "请求过于频繁，请稍后再试。";
    case 431:
      return "请求头过大，请清除本站 Cookie 后重试。";
    case 500:
      return "服务器处理请求时出现问题，我们已记录此错误，请稍后再试。";
    case 503:
      return "服务器正忙或正在维护，请稍后再试。";
    default:
      return "请返回首页后重试。";
  }
}



// shared_ptr so a call in flight keeps its renderer alive while another thread replaces it.
std::mutex g_mu;
std::shared_ptr<const ErrorPageRenderer> g_renderer;

std::shared_ptr<const ErrorPageRenderer> current_renderer() {
  std::lock_guard lock(g_mu);
  return g_renderer;
}

}  // namespace

std::string_view error_title(int status) {
  switch (status) {
    case 400:
      return "请求格式有误";
    case 401:
      return "需要登录";
    case 403:
      return "没有访问权限";
    case 404:
      return "页面不存在";
    case 405:
      return "不支持的请求方式";
    case 408:
      return "请求超时";
    case 413:
      return "提交的内容过大";
    case 429:
      return "请求过于频繁";
    case 431:
      return "请求头过大";
    case 500:
      return "服务器内部错误";
    case 503:
      return "服务暂时不可用";
    default:
      return status >= 500 ? "服务器错误" : "请求无法处理";
  }
}

std::string default_error_page_html(int status, std::string_view request_id) {
  const std::string code = std::to_string(status);
  const std::string_view title = error_title(status);
  std::string html;
  html.reserve(1024);
  html += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  html += code;
  html += ' ';
  html += title;
  html +=
      "</title>\n<style>body{font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
      "margin:0;color:#1f2328;background:#f6f8fa}main{max-width:36rem;margin:4rem auto;padding:2rem;"
      "background:#fff;border-top:4px solid #b8232f}h1{font-size:1.5rem;margin:0 0 1rem}"
      "p{line-height:1.7}a{color:#0b57d0}.rid{color:#57606a;font-size:.875rem}</style>\n</head>\n<body>\n"
      "<main>\n<h1>";
  html += title;
  html += "</h1>\n<p>";
  html += error_hint(status);
  html += "</p>\n<p><a href=\"/\">返回首页</a></p>\n";
  if (!request_id.empty()) {
    html += "<p class=\"rid\">错误代码 ";
    html += code;
    html += "，请求编号 <code>";
    html += gk::html_escape(request_id);
    html += "</code>。如需帮助，请向网站管理员提供此编号。</p>\n";
  }
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string error_page_html(int status, std::string_view request_id) {
  if (auto r = current_renderer(); r && *r) return (*r)(status, request_id);
  return default_error_page_html(status, request_id);
}

void set_error_page_renderer(ErrorPageRenderer renderer) {
  auto p = renderer ? std::make_shared<const ErrorPageRenderer>(std::move(renderer)) : nullptr;
  std::lock_guard lock(g_mu);
  g_renderer = std::move(p);
}

Response error_response(int status, std::string_view request_id) {
  Response r = Response::html(error_page_html(status, request_id), status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace gk::http
