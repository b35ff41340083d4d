#include "http/form.h"

#include <gtest/gtest.h>

#include "http/request.h"

namespace gk::http {
namespace {

Params P(std::initializer_list<std::pair<std::string, std::string>> l) { return Params(l); }

TEST(FormTest, DecodesPercentEncodedChinese) {
  auto r = parse_urlencoded("q=%E5%85%AC%E5%BC%80&dept=%E8%B4%A2%E6%94%BF%E5%B1%80");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, P({{"q", "公开"}, {"dept", "财政局"}}));
}

TEST(FormTest, PlusIsSpaceAndEncodedPlusIsPlus) {
  auto r = parse_urlencoded("title=%E6%94%BF%E5%BA%9C+%E4%BF%A1%E6%81%AF&expr=1%2B1");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, P({{"title", "政府 信息"}, {"expr", "1+1"}}));
}

TEST(FormTest, EncodedPercentSignDecodesOnce) {
  auto r = parse_urlencoded("rate=50%25&double=%252F");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, P({{"rate", "50%"}, {"double", "%2F"}}));
}

TEST(FormTest, KeepsOrderDuplicatesAndEmptyValues) {
  auto r = parse_urlencoded("tag=a&flag&tag=b&empty=&&");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, P({{"tag", "a"}, {"flag", ""}, {"tag", "b"}, {"empty", ""}}));
}

TEST(FormTest, EmptyInputIsNoParams) {
  auto r = parse_urlencoded("");
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->empty());
}

TEST(FormTest, RejectsMalformedPercentEscapes) {
  for (const char* bad : {"a=%", "a=%2", "a=%G1", "a=100%", "%zz=1"}) {
    auto r = parse_urlencoded(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(FormTest, RejectsInvalidUtf8AndNul) {
  for (const char* bad : {"a=%FF", "a=%E5%85", "a=%C0%AF", "%ED%A0%80=1", "a=x%00y"}) {
    auto r = parse_urlencoded(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(FormTest, ToleratesRawCharactersClientsSendUnescaped) {
  auto r = parse_urlencoded("q=a|b^c{d}&cn=公开 目录");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, P({{"q", "a|b^c{d}"}, {"cn", "公开 目录"}}));
}

TEST(FormTest, MultilineTextareaValue) {
  auto r = parse_urlencoded("body=%E7%AC%AC%E4%B8%80%E8%A1%8C%0D%0A%E7%AC%AC%E4%BA%8C%E8%A1%8C");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ((*r)[0].second, "第一行\r\n第二行");
}

TEST(TargetTest, SplitsDecodedPathAndQuery) {
  auto t = parse_target("/documents/%E9%80%9A%E7%9F%A5?page=2&q=%E5%85%AC%E5%BC%80");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->path, "/documents/通知");
  EXPECT_EQ(t->raw_query, "page=2&q=%E5%85%AC%E5%BC%80");
  EXPECT_EQ(t->query, P({{"page", "2"}, {"q", "公开"}}));
}

TEST(TargetTest, PlusInPathStaysPlus) {
  auto t = parse_target("/a+b?x=a+b");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->path, "/a+b");
  EXPECT_EQ(t->query, P({{"x", "a b"}}));
}

TEST(TargetTest, AcceptsAbsoluteForm) {
  auto t = parse_target("http://example.gov.cn/open/list?y=2024");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->path, "/open/list");
  EXPECT_EQ(t->query, P({{"y", "2024"}}));
  auto root = parse_target("https://example.gov.cn");
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->path, "/");
}

TEST(TargetTest, RejectsInvalidUtf8InPathOrQuery) {
  EXPECT_FALSE(parse_target("/%FF").has_value());
  EXPECT_FALSE(parse_target("/ok?q=%FE%FF").has_value());
  EXPECT_FALSE(parse_target("/a%00b").has_value());
}

TEST(TargetTest, RejectsBadEscapesAndOtherForms) {
  EXPECT_FALSE(parse_target("/a%2").has_value());
  EXPECT_FALSE(parse_target("/a?b=%").has_value());
  EXPECT_FALSE(parse_target("*").has_value());
  EXPECT_FALSE(parse_target("example.com:443").has_value());
  EXPECT_FALSE(parse_target("ftp://x/y").has_value());
}

TEST(TargetTest, EncodedDotsAreDecodedSoLaterChecksSeeThem) {
  auto t = parse_target("/static/%2e%2e/secret");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->path, "/static/../secret");
}

TEST(UrlEncodeTest, RoundTripsThroughParse) {
  const std::string value = "政府信息 公开&a=b+c/d";
  auto r = parse_urlencoded("v=" + url_encode(value));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ((*r)[0].second, value);
  EXPECT_EQ(url_encode("a b"), "a%20b");
}

TEST(RequestFormTest, ParsesUrlencodedBody) {
  Request req;
  req.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
  req.body = "name=%E5%BC%A0%E4%B8%89&reason=a+b";
  auto r = req.form();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, P({{"name", "张三"}, {"reason", "a b"}}));
}

TEST(RequestFormTest, RefusesOtherContentTypes) {
  Request req;
  req.headers.set("Content-Type", "multipart/form-data; boundary=x");
  req.body = "a=1";
  auto r = req.form();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
}

TEST(RequestFormTest, InvalidUtf8BodyIsInvalidArgument) {
  Request req;
  req.body = "name=%FF";
  auto r = req.form();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
}

TEST(RequestTest, QueryParamReturnsFirstValue) {
  Request req;
  req.query = {{"a", "1"}, {"a", "2"}};
  EXPECT_EQ(req.query_param("a"), "1");
  EXPECT_FALSE(req.query_param("b").has_value());
}

TEST(RequestTest, AttributesAreTypedAndReplaceable) {
  Request req;
  req.set_attr("user_id", 42);
  ASSERT_NE(req.attr<int>("user_id"), nullptr);
  EXPECT_EQ(*req.attr<int>("user_id"), 42);
  EXPECT_EQ(req.attr<std::string>("user_id"), nullptr);
  EXPECT_EQ(req.attr<int>("missing"), nullptr);
  req.set_attr("user_id", std::string("u42"));
  EXPECT_EQ(*req.attr<std::string>("user_id"), "u42");
}

}  // namespace
}  // namespace gk::http
