#include "http/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace gk::http {
namespace {

// Inflates with zlib directly so the test does not trust our own decompressor.
std::string zlib_gunzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

std::string sample_text(size_t n) {
  std::string s;
  while (s.size() < n) s += "政府信息公开目录 Government information disclosure. ";
  return s;
}

TEST(GzipTest, RoundTripsThroughZlib) {
  const std::string text = sample_text(20000);
  const std::string gz = gzip_compress(text);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size(), text.size() / 4);
  EXPECT_EQ(zlib_gunzip(gz), text);
  EXPECT_EQ(gzip_decompress(gz), text);
}

TEST(GzipTest, EmptyInputRoundTrips) { EXPECT_EQ(gzip_decompress(gzip_compress("")), ""); }

TEST(GzipTest, DecompressRejectsCorruptTruncatedAndOversized) {
  const std::string gz = gzip_compress(sample_text(10000));
  EXPECT_FALSE(gzip_decompress("not gzip at all").has_value());
  EXPECT_FALSE(gzip_decompress(gz.substr(0, gz.size() / 2)).has_value());
  EXPECT_FALSE(gzip_decompress(gz, 100).has_value());
}

TEST(GzipTest, AcceptsGzipHonoursQValues) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
}

TEST(GzipTest, CompressibleTypes) {
  for (const char* t : {"text/html; charset=utf-8", "text/css", "application/json", "application/javascript",
                        "image/svg+xml", "application/atom+xml", "application/xml", "Text/Plain"})
    EXPECT_TRUE(is_compressible_type(t)) << t;
  for (const char* t : {"image/png", "application/pdf", "application/zip", "font/woff2", ""})
    EXPECT_FALSE(is_compressible_type(t)) << t;
}

TEST(GzipTest, MaybeGzipCompressesLargeTextWhenAccepted) {
  Response res = Response::json("[" + sample_text(4000) + "]");
  const std::string original = res.body;
  res.headers.set("ETag", "\"v1\"");
  ASSERT_TRUE(maybe_gzip("gzip, br", res));
  EXPECT_EQ(*res.headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(*res.headers.get("Vary"), "Accept-Encoding");
  EXPECT_EQ(*res.headers.get("ETag"), "\"v1-gzip\"");
  EXPECT_EQ(zlib_gunzip(res.body), original);
}

TEST(GzipTest, MaybeGzipLeavesSmallBodiesButStillVaries) {
  Response res = Response::html("<p>短</p>");
  EXPECT_FALSE(maybe_gzip("gzip", res));
  EXPECT_FALSE(res.headers.contains("Content-Encoding"));
  EXPECT_EQ(*res.headers.get("Vary"), "Accept-Encoding");
}

TEST(GzipTest, MaybeGzipRespectsClientAndType) {
  Response no_accept = Response::html(sample_text(5000));
  EXPECT_FALSE(maybe_gzip(std::nullopt, no_accept));
  EXPECT_EQ(*no_accept.headers.get("Vary"), "Accept-Encoding");

  Response png;
  png.headers.set("Content-Type", "image/png");
  png.body = sample_text(5000);
  EXPECT_FALSE(maybe_gzip("gzip", png));
  EXPECT_FALSE(png.headers.contains("Vary"));

  Response encoded = Response::text(sample_text(5000));
  encoded.headers.set("Content-Encoding", "br");
  EXPECT_FALSE(maybe_gzip("gzip", encoded));

  Response not_modified = Response::html("");
  not_modified.status = 304;
  EXPECT_FALSE(maybe_gzip("gzip", not_modified));
}

TEST(GzipTest, MaybeGzipAppendsToExistingVary) {
  Response res = Response::html(sample_text(5000));
  res.headers.set("Vary", "Cookie");
  ASSERT_TRUE(maybe_gzip("gzip", res));
  EXPECT_EQ(*res.headers.get("Vary"), "Cookie, Accept-Encoding");
  Response again = Response::html(sample_text(5000));
  again.headers.set("Vary", "accept-encoding");
  ASSERT_TRUE(maybe_gzip("gzip", again));
  EXPECT_EQ(*again.headers.get("Vary"), "accept-encoding");
}

}  // namespace
}  // namespace gk::http
