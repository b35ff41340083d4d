#include "documents/attachment.h"

#include <gtest/gtest.h>

#include "documents/file_store.h"

namespace gk::documents {
namespace {

TEST(AttachmentTest, FileNamesAreSanitised) {
  struct Case {
    std::string raw;
    std::string want;
  };
  const Case cases[] = {
      {"关于2024年预算的通知.pdf", "关于2024年预算的通知.pdf"},
      {"C:\\Users\\张三\\Desktop\\附件1：名单.xlsx", "附件1：名单.xlsx"},
      {"a:b.txt", "a_b.txt"},
      {"../../etc/passwd.txt", "passwd.txt"},
      {"..hidden.pdf", "hidden.pdf"},
      {"  报告 .pdf  ", "报告 .pdf"},
      {"a\tb\r\nc.pdf", "abc.pdf"},
      {"invoice\xE2\x80\xAE" "fdp.exe", "invoicefdp.exe"},  // U+202E right-to-left override removed
      {"zero\xE2\x80\x8Bwidth.txt", "zerowidth.txt"},
      {"what?<>|*\".txt", "what______.txt"},
      {"\xE3\x80\x80全角空格.doc\xE3\x80\x80", "全角空格.doc"},
      {"name.pdf...", "name.pdf"},
  };
  for (const auto& c : cases) {
    auto got = sanitize_file_name(c.raw);
    ASSERT_TRUE(got) << c.raw << ": " << got.error().to_string();
    EXPECT_EQ(*got, c.want) << c.raw;
  }
}

TEST(AttachmentTest, UnusableFileNamesAreRefusedOnTheFileField) {
  for (std::string raw : {std::string(""), std::string("..."), std::string("dir/"), std::string("\x01\x02"),
                          std::string("\xB1\xA8\xB8\xE6.pdf")}) {  // GBK bytes, not UTF-8
    auto got = sanitize_file_name(raw);
    ASSERT_FALSE(got) << raw;
    EXPECT_EQ(got.error().code(), ErrorCode::kInvalidArgument);
    ASSERT_EQ(got.error().fields().size(), 1u);
    EXPECT_EQ(got.error().fields()[0].field, "file");
  }
}

TEST(AttachmentTest, LongNamesAreCutAtACharacterKeepingTheExtension) {
  std::string raw;
  for (int i = 0; i < 200; ++i) raw += "长";  // 600 bytes
  raw += ".pdf";
  auto got = sanitize_file_name(raw);
  ASSERT_TRUE(got);
  EXPECT_LE(got->size(), kMaxFileNameBytes);
  EXPECT_TRUE(got->ends_with("长.pdf")) << *got;
}

TEST(AttachmentTest, Sha256IsLowerCaseHex) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AttachmentTest, ExtractedTextIsCleaned) {
  EXPECT_EQ(clean_extracted_text("第一页\r\n\f第二页\n\n\n\n末尾"), "第一页\n\n第二页\n\n末尾");
  EXPECT_EQ(clean_extracted_text(std::string("a\0b\x01" "c\xFF" "d", 7)), "abcd");
  EXPECT_EQ(clean_extracted_text("  \n 表\t格 \n"), "表\t格");
  std::string huge(kMaxExtractedTextBytes + 10, 'x');
  EXPECT_EQ(clean_extracted_text(huge).size(), kMaxExtractedTextBytes);
}

TEST(AttachmentTest, FileKeysAreLowerCaseAlphanumeric) {
  EXPECT_TRUE(is_valid_file_key(sha256_hex("x")));
  EXPECT_FALSE(is_valid_file_key("../../etc/passwd"));
  EXPECT_FALSE(is_valid_file_key("ABCDEF0123"));
  EXPECT_FALSE(is_valid_file_key("short"));
  EXPECT_FALSE(is_valid_file_key(std::string(129, 'a')));
}

}  // namespace
}  // namespace gk::documents
