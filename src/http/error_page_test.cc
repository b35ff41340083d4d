#include "http/error_page.h"

#include <gtest/gtest.h>

namespace gk::http {
namespace {

TEST(ErrorPageTest, BuiltInPagesAreChineseAndAccessible) {
  const std::string html = error_page_html(404, "rid-1");
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("<h1>页面不存在</h1>"), std::string::npos);
  EXPECT_NE(html.find("<main>"), std::string::npos);
  EXPECT_NE(html.find("rid-1"), std::string::npos);
  EXPECT_NE(html.find("href=\"/\""), std::string::npos);
}

TEST(ErrorPageTest, TitlesForTransportErrors) {
  EXPECT_EQ(error_title(400), "请求格式有误");
  EXPECT_EQ(error_title(408), "请求超时");
  EXPECT_EQ(error_title(413), "提交的内容过大");
  EXPECT_EQ(error_title(431), "请求头过大");
  EXPECT_EQ(error_title(500), "服务器内部错误");
  EXPECT_EQ(error_title(503), "服务暂时不可用");
  EXPECT_EQ(error_title(599), "服务器错误");
}

TEST(ErrorPageTest, RequestIdIsEscaped) {
  const std::string html = default_error_page_html(400, "<b>\"x\"</b>");
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"), std::string::npos);
}

TEST(ErrorPageTest, RendererCanBeReplacedAndRestored) {
  set_error_page_renderer([](int status, std::string_view rid) {
    return "custom " + std::to_string(status) + " " + std::string(rid);
  });
  EXPECT_EQ(error_page_html(503, "r"), "custom 503 r");
  Response res = error_response(503, "r");
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.body, "custom 503 r");
  EXPECT_EQ(*res.headers.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(*res.headers.get("Cache-Control"), "no-store");
  set_error_page_renderer(nullptr);
  EXPECT_NE(error_page_html(503, "r").find("服务暂时不可用"), std::string::npos);
}

}  // namespace
}  // namespace gk::http
