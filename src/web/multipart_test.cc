#include "web/multipart.h"

#include <gtest/gtest.h>

namespace gk::web {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----WebKitFormBoundaryGk7MA4YWxkTrZu0gW";
constexpr std::string_view kDelim = "------WebKitFormBoundaryGk7MA4YWxkTrZu0gW";

std::string body_of(const std::vector<std::string>& raw_parts) {
  std::string b;
  for (const auto& p : raw_parts) b += std::string(kDelim) + "\r\n" + p + "\r\n";
  b += std::string(kDelim) + "--\r\n";
  return b;
}

TEST(MultipartTest, ParsesFieldsAndAFileWithARawChineseName) {
  const std::string pdf = std::string("%PDF-1.4\r\n\0\xFF binary \r\n--not-the-boundary", 40);
  const std::string body = body_of({
      "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\ntoken123",
      "Content-Disposition: form-data; name=\"file\"; filename=\"关于2024年预算的通知.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n" + pdf,
      "Content-Disposition: form-data; name=\"note\"\r\n\r\n说明",
  });
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "_csrf");
  EXPECT_FALSE((*parts)[0].file_name);
  EXPECT_EQ((*parts)[0].data, "token123");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].file_name, "关于2024年预算的通知.pdf");
  EXPECT_EQ((*parts)[1].content_type, "application/pdf");
  EXPECT_EQ((*parts)[1].data, pdf);
  EXPECT_EQ(multipart_field(*parts, "note"), "说明");
  EXPECT_EQ(multipart_field(*parts, "_csrf"), "token123");
  EXPECT_EQ(multipart_field(*parts, "file"), std::nullopt);  // a file is not a field
}

TEST(MultipartTest, ExtendedFilenameWinsAndIsPercentDecoded) {
  const std::string body = body_of({
      "Content-Disposition: form-data; name=\"file\"; filename=\"fallback.pdf\"; "
      "filename*=UTF-8''%E9%99%84%E4%BB%B6%EF%BC%9A%E5%90%8D%E5%8D%95.xlsx\r\n\r\nx",
      "content-disposition: FORM-DATA; name=file2; filename*=iso-8859-1'de'caf%E9.txt\r\n\r\ny",
  });
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().to_string();
  EXPECT_EQ((*parts)[0].file_name, "附件：名单.xlsx");
  EXPECT_EQ((*parts)[1].name, "file2");
  EXPECT_EQ((*parts)[1].file_name, "café.txt");
}

TEST(MultipartTest, QuotedStringsAndWindowsPaths) {
  const std::string body = body_of({
      "Content-Disposition: form-data; name=\"a;b\"; filename=\"C:\\Users\\张三\\say \\\"hi\\\".txt\"\r\n\r\nz",
      "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n",
  });
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().to_string();
  EXPECT_EQ((*parts)[0].name, "a;b");
  EXPECT_EQ((*parts)[0].file_name, "C:\\Users\\张三\\say \"hi\".txt");
  EXPECT_EQ((*parts)[1].file_name, "");  // no file chosen
  EXPECT_EQ((*parts)[1].data, "");
}

TEST(MultipartTest, BoundaryMayBeQuotedAndBodyMayHavePreambleAndEpilogue) {
  const std::string body = "preamble to ignore\r\n--xyz\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--xyz--\r\nepilogue";
  auto parts = parse_multipart("multipart/form-data; charset=utf-8; boundary=\"xyz\"", body);
  ASSERT_TRUE(parts) << parts.error().to_string();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, "v");
}

void expect_refused(std::string_view type, const std::string& body, std::string_view fragment,
                    const MultipartLimits& limits = {}) {
  auto parts = parse_multipart(type, body, limits);
  ASSERT_FALSE(parts) << "accepted: " << body.substr(0, 80);
  EXPECT_EQ(parts.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(parts.error().fields().size(), 1u);
  EXPECT_EQ(parts.error().fields()[0].field, "form");
  EXPECT_NE(parts.error().message().find(fragment), std::string::npos) << parts.error().message();
}

TEST(MultipartTest, MalformedBodiesAreRefused) {
  const std::string ok_part = "Content-Disposition: form-data; name=\"k\"\r\n\r\nv";
  expect_refused("multipart/form-data", body_of({ok_part}), "boundary");
  expect_refused("multipart/form-data; boundary=", body_of({ok_part}), "boundary");
  expect_refused("application/x-www-form-urlencoded", "a=b", "multipart/form-data");
  expect_refused("multipart/form-data; boundary=" + std::string(71, 'b'), "", "过长");
  // Truncated: the upload was cut off before the closing delimiter.
  const std::string full = body_of({ok_part, "Content-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 data"});
  expect_refused(kType, full.substr(0, full.size() - 60), "不完整");
  expect_refused(kType, std::string(kDelim) + "\r\nContent-Disposition: form-data; name=\"k\"\r\n", "截断");
  expect_refused(kType, "no delimiter at all", "找不到分隔符");
  // Part headers.
  expect_refused(kType, body_of({"Content-Type: text/plain\r\n\r\nv"}), "Content-Disposition");
  expect_refused(kType, body_of({"Content-Disposition: attachment; name=\"k\"\r\n\r\nv"}), "form-data");
  expect_refused(kType, body_of({"Content-Disposition: form-data; filename=\"a.txt\"\r\n\r\nv"}), "名称");
  expect_refused(kType, body_of({"Content-Disposition: form-data; name=\"k\r\n\r\nv"}), "引号");
  expect_refused(kType, body_of({"Content-Disposition form-data\r\n\r\nv"}), "头部格式");
  expect_refused(kType, body_of({"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E4%B8\r\n\r\nv"}),
                 "UTF-8");
  expect_refused(kType, body_of({"Content-Disposition: form-data; name=\"f\"; filename*=GBK''%B1%A8.txt\r\n\r\nv"}),
                 "字符集");
  expect_refused(kType, body_of({"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%G1\r\n\r\nv"}),
                 "百分号");
  // Field values must be text.
  expect_refused(kType, body_of({"Content-Disposition: form-data; name=\"k\"\r\n\r\n" + std::string("a\0b", 3)}),
                 "无效字符");
}

TEST(MultipartTest, LimitsOnPartsAndHeaders) {
  const std::string part = "Content-Disposition: form-data; name=\"k\"\r\n\r\nv";
  MultipartLimits limits;
  limits.max_parts = 2;
  EXPECT_TRUE(parse_multipart(kType, body_of({part, part}), limits));
  expect_refused(kType, body_of({part, part, part}), "过多", limits);
  limits.max_header_bytes = 64;
  expect_refused(kType, body_of({"Content-Disposition: form-data; name=\"" + std::string(100, 'n') + "\"\r\n\r\nv"}),
                 "头部过长", limits);
}

}  // namespace
}  // namespace gk::web
