#include "http/static_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "http/gzip.h"
#include "http/router.h"

namespace gk::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "gk_static_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    base_ = tmpl;
    root_ = base_ / "static";
    fs::create_directories(root_ / "css");
    write(root_ / "css" / "site.css", big_css());
    write(root_ / "app.3f9a2c1d.js", "console.log('hi');");
    write(root_ / "logo.png", std::string("\x89PNG\r\n\x1a\n", 8));
    write(root_ / "说明.txt", "政府信息公开");
    write(root_ / ".secret", "hidden");
    write(root_ / "data.unknownext", "x");
    write(base_ / "outside.txt", "outside the root");
    fs::create_symlink(base_ / "outside.txt", root_ / "escape.txt");
    auto sf = StaticFiles::open({.root = root_});
    ASSERT_TRUE(sf.has_value()) << sf.error().to_string();
    files_ = *sf;
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& p, const std::string& content) {
    std::ofstream(p, std::ios::binary) << content;
  }
  static std::string big_css() {
    std::string s;
    while (s.size() < 4000) s += "body { font-family: \"Noto Sans CJK SC\", sans-serif; color: #222; }\n";
    return s;
  }
  Response get(std::string_view rel,
               std::initializer_list<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    req.method = "GET";
    req.request_id = "rid";
    for (const auto& [k, v] : headers) req.headers.add(k, v);
    return files_->serve(rel, req);
  }

  fs::path base_, root_;
  std::shared_ptr<StaticFiles> files_;
};

TEST_F(StaticFilesTest, ServesFileWithTypeEtagAndCaching) {
  Response res = get("css/site.css");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, big_css());
  EXPECT_EQ(*res.headers.get("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(*res.headers.get("Cache-Control"), "public, max-age=3600");
  EXPECT_EQ(*res.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(*res.headers.get("Vary"), "Accept-Encoding");
  auto etag = res.headers.get("ETag");
  ASSERT_TRUE(etag.has_value());
  EXPECT_TRUE(etag->starts_with('"') && etag->ends_with('"'));
  EXPECT_FALSE(etag->starts_with("W/"));
}

TEST_F(StaticFilesTest, EtagFollowsContent) {
  const std::string first(*get("说明.txt").headers.get("ETag"));
  EXPECT_EQ(first, std::string(*get("说明.txt").headers.get("ETag")));
  write(root_ / "说明.txt", "政府信息公开（修订）");
  const std::string second(*get("说明.txt").headers.get("ETag"));
  EXPECT_NE(first, second);
  EXPECT_EQ(get("说明.txt").body, "政府信息公开（修订）");
}

TEST_F(StaticFilesTest, IfNoneMatchGives304WithoutBody) {
  const std::string etag(*get("说明.txt").headers.get("ETag"));
  Response res = get("说明.txt", {{"If-None-Match", etag}});
  EXPECT_EQ(res.status, 304);
  EXPECT_TRUE(res.body.empty());
  EXPECT_EQ(*res.headers.get("ETag"), etag);
  EXPECT_EQ(get("说明.txt", {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
  EXPECT_EQ(get("说明.txt", {{"If-None-Match", "*"}}).status, 304);
  EXPECT_EQ(get("说明.txt", {{"If-None-Match", "\"stale\""}}).status, 200);
}

TEST_F(StaticFilesTest, FingerprintedNamesAreImmutable) {
  Response res = get("app.3f9a2c1d.js");
  EXPECT_EQ(*res.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(*res.headers.get("Content-Type"), "application/javascript; charset=utf-8");
  EXPECT_TRUE(is_fingerprinted_name("a/b/site.0123abcd.css"));
  EXPECT_TRUE(is_fingerprinted_name("vendor.min.0123456789abcdef.js"));
  EXPECT_FALSE(is_fingerprinted_name("site.css"));
  EXPECT_FALSE(is_fingerprinted_name("site.min.css"));
  EXPECT_FALSE(is_fingerprinted_name("0123abcd.css"));
  EXPECT_FALSE(is_fingerprinted_name("site.0123abc.css"));
}

TEST_F(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(*get("logo.png").headers.get("Content-Type"), "image/png");
  EXPECT_FALSE(get("logo.png").headers.contains("Vary"));
  EXPECT_EQ(*get("说明.txt").headers.get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(*get("data.unknownext").headers.get("Content-Type"), "application/octet-stream");
  EXPECT_EQ(content_type_for("INDEX.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("feed.atom"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(content_type_for("icon.svg"), "image/svg+xml; charset=utf-8");
  EXPECT_EQ(content_type_for("f.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
}

TEST_F(StaticFilesTest, TraversalAndHiddenFilesAreRefused) {
  for (const char* rel :
       {"../outside.txt", "css/../../outside.txt", "css/../site.css", "./说明.txt", ".secret", "",
        "css//site.css", "css\\site.css", "/etc/passwd", "escape.txt", "css", "missing.txt"}) {
    EXPECT_EQ(get(rel).status, 404) << rel;
  }
  EXPECT_FALSE(is_safe_relative_path("a/.."));
  EXPECT_FALSE(is_safe_relative_path(std::string_view("a\0b", 3)));
  EXPECT_TRUE(is_safe_relative_path("css/site.css"));
}

TEST_F(StaticFilesTest, GzipVariantIsCachedWithItsOwnEtag) {
  Response plain = get("css/site.css");
  Response gz = get("css/site.css", {{"Accept-Encoding", "gzip, deflate"}});
  EXPECT_EQ(*gz.headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(gzip_decompress(gz.body), big_css());
  EXPECT_LT(gz.body.size(), plain.body.size());
  const std::string gz_etag(*gz.headers.get("ETag"));
  EXPECT_NE(gz_etag, std::string(*plain.headers.get("ETag")));
  EXPECT_EQ(get("css/site.css", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_etag}}).status, 304);
  // The identity variant's tag does not validate the gzip variant and vice versa.
  EXPECT_EQ(get("css/site.css", {{"If-None-Match", gz_etag}}).status, 200);
  // Small files are not compressed.
  EXPECT_FALSE(get("说明.txt", {{"Accept-Encoding", "gzip"}}).headers.contains("Content-Encoding"));
}

TEST_F(StaticFilesTest, MountedOnRouterRefusesEncodedTraversal) {
  Router router;
  files_->mount(router);
  Request req;
  req.method = "GET";
  req.path = "/static/css/site.css";
  EXPECT_EQ(router.dispatch(req).status, 200);
  EXPECT_EQ(req.route, "static");
  Request head;
  head.method = "HEAD";
  head.path = "/static/css/site.css";
  EXPECT_EQ(router.dispatch(head).status, 200);
  // What the server hands over for "/static/%2e%2e/outside.txt" after percent-decoding.
  Request evil;
  evil.method = "GET";
  evil.path = "/static/../outside.txt";
  EXPECT_EQ(router.dispatch(evil).status, 404);
  Request post;
  post.method = "POST";
  post.path = "/static/css/site.css";
  EXPECT_EQ(router.dispatch(post).status, 405);
}

TEST(StaticFilesOpenTest, MissingRootIsInvalidArgument) {
  auto sf = StaticFiles::open({.root = "/nonexistent/gk/static"});
  ASSERT_FALSE(sf.has_value());
  EXPECT_EQ(sf.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace gk::http
