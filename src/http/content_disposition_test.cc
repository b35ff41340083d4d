// Content-Disposition of downloads: Chinese names percent-encoded in filename*, a readable ASCII
// fallback in filename.
#include "http/content_disposition.h"

#include <gtest/gtest.h>

namespace gk::http {
namespace {

TEST(ContentDisposition, ChineseNameIsPercentEncodedBesideTheGivenAsciiFallback) {
  EXPECT_EQ(attachment_disposition("政府文件-2026-11-27.xlsx", "documents-2026-11-27.xlsx"),
            "attachment; filename=\"documents-2026-11-27.xlsx\"; "
            "filename*=UTF-8''%E6%94%BF%E5%BA%9C%E6%96%87%E4%BB%B6-2026-11-27.xlsx");
}

TEST(ContentDisposition, FallbackIsDerivedFromTheNameWhenNotGiven) {
  EXPECT_EQ(attachment_disposition("report 2024.pdf"),
            "attachment; filename=\"report 2024.pdf\"; filename*=UTF-8''report%202024.pdf");
  // Nothing readable left: a generic name with the extension.
  EXPECT_EQ(attachment_disposition("附件.docx"),
            "attachment; filename=\"attachment.docx\"; filename*=UTF-8''%E9%99%84%E4%BB%B6.docx");
  // Mixed: Chinese runs become one "_" each.
  EXPECT_EQ(attachment_disposition("2024年报告v2.pdf"),
            "attachment; filename=\"2024_v2.pdf\"; filename*=UTF-8''2024%E5%B9%B4%E6%8A%A5%E5%91%8Av2.pdf");
}

TEST(ContentDisposition, QuotesBackslashesAndSemicolonsNeverReachTheQuotedFallback) {
  EXPECT_EQ(attachment_disposition("a\"b\\c;d%e.txt"),
            "attachment; filename=\"a_b_c_d_e.txt\"; filename*=UTF-8''a%22b%5Cc%3Bd%25e.txt");
  EXPECT_EQ(attachment_disposition("x.txt", "bad\"name.txt"),
            "attachment; filename=\"bad_name.txt\"; filename*=UTF-8''x.txt");
}

}  // namespace
}  // namespace gk::http
