#include "documents/content_type.h"

#include <gtest/gtest.h>

#include "documents/sample_files.h"

namespace gk::documents {
namespace {

namespace s = sample;

struct SniffCase {
  const char* what;
  std::string bytes;
  ContentKind kind;
};

TEST(ContentTypeTest, RecognisesFilesByContent) {
  const SniffCase cases[] = {
      {"pdf", s::pdf(), ContentKind::kPdf},
      {"docx", s::docx({"第一段"}), ContentKind::kDocx},
      {"docx with macros", s::docx({"x"}, true), ContentKind::kMacroOffice},
      {"xlsx", s::xlsx(), ContentKind::kXlsx},
      {"odt", s::odt(), ContentKind::kOdt},
      {"ods", s::ods(), ContentKind::kOds},
      {"ofd", s::ofd(), ContentKind::kOfd},
      {"doc", s::ole2({"WordDocument", "1Table"}), ContentKind::kDoc},
      {"xls", s::ole2({"Workbook"}), ContentKind::kXls},
      {"doc with VBA", s::ole2({"WordDocument", "Macros", "VBA"}), ContentKind::kMacroOffice},
      {"ppt", s::ole2({"PowerPoint Document"}), ContentKind::kOle2},
      {"png", s::png(), ContentKind::kPng},
      {"jpeg", s::jpeg(), ContentKind::kJpeg},
      {"gif", s::gif(), ContentKind::kGif},
      {"utf-8 text", "东阳市政务公开工作要点\n一、总体要求\n", ContentKind::kText},
      {"csv with BOM", "\xEF\xBB\xBF序号,名称\n1,横店镇\n", ContentKind::kText},
      {"exe", s::exe(), ContentKind::kExecutable},
      {"elf", std::string("\x7F" "ELF\x02\x01\x01", 7), ContentKind::kExecutable},
      {"jar", s::jar(), ContentKind::kExecutable},
      {"shell script", "#!/bin/sh\nrm -rf /\n", ContentKind::kScript},
      {"html", "<!DOCTYPE html><html><script>alert(1)</script></html>", ContentKind::kHtml},
      {"html later in text", "通知\n<p>正文</p><script src=//evil></script>", ContentKind::kHtml},
      {"svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
       ContentKind::kSvg},
      {"xml", "<?xml version=\"1.0\"?><root/>", ContentKind::kXml},
      {"plain zip", s::zip_of({{"a.txt", "a"}}), ContentKind::kZip},
      {"damaged zip", std::string("PK\x03\x04garbage", 11), ContentKind::kZip},
      {"rar", std::string("Rar!\x1A\x07\x00", 7), ContentKind::kArchive},
      {"gbk text", std::string("\xB6\xAB\xD1\xF4", 4), ContentKind::kBinary},
      {"text with NUL", std::string("ab\0cd", 5), ContentKind::kBinary},
      {"bmp", "BM\x36\x00\x00\x00", ContentKind::kImage},
      {"empty", "", ContentKind::kEmpty},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(sniff_content(c.bytes), c.kind) << c.what << " sniffed as " << content_kind_label(sniff_content(c.bytes));
  }
}

struct UploadCase {
  const char* name;
  std::string bytes;
  bool accepted;
  const char* mime_or_message;  // mime when accepted, a fragment of the message otherwise
};

TEST(ContentTypeTest, AcceptsOnlyWhenContentMatchesExtension) {
  const UploadCase cases[] = {
      {"关于印发通知的通知.pdf", s::pdf(), true, "application/pdf"},
      {"REPORT.PDF", s::pdf(), true, "application/pdf"},
      {"正文.docx", s::docx({"x"}), true, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"数据.xlsx", s::xlsx(), true, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"旧版.doc", s::ole2({"WordDocument"}), true, "application/msword"},
      {"旧表.xls", s::ole2({"Workbook"}), true, "application/vnd.ms-excel"},
      {"文档.odt", s::odt(), true, "application/vnd.oasis.opendocument.text"},
      {"表格.ods", s::ods(), true, "application/vnd.oasis.opendocument.spreadsheet"},
      {"电子公文.ofd", s::ofd(), true, "application/ofd"},
      {"图.png", s::png(), true, "image/png"},
      {"照片.JPG", s::jpeg(), true, "image/jpeg"},
      {"照片.jpeg", s::jpeg(), true, "image/jpeg"},
      {"动图.gif", s::gif(), true, "image/gif"},
      {"说明.txt", "说明文字", true, "text/plain; charset=utf-8"},
      {"名单.csv", "姓名,单位\n", true, "text/csv; charset=utf-8"},
      // disguised
      {"report.pdf", s::exe(), false, "可执行程序"},
      {"report.pdf", s::zip_of({{"a", "b"}}), false, "ZIP 压缩包"},
      {"readme.txt", "<html><body onload=alert(1)>", false, "网页（HTML）"},
      {"image.png", "<svg onload=alert(1)>", false, "SVG"},
      {"data.csv", s::exe(), false, "可执行程序"},
      {"正文.docx", s::docx({"x"}, true), false, "含宏"},
      // valid content under the wrong extension
      {"正文.pdf", s::docx({"x"}), false, "与内容不符"},
      {"图.jpg", s::png(), false, "与内容不符"},
      {"表.xlsx", s::docx({"x"}), false, "与内容不符"},
      // not allowed at all
      {"setup.exe", s::exe(), false, "不支持 .exe"},
      {"page.html", "<html></html>", false, "不支持 .html"},
      {"archive.zip", s::zip_of({{"a", "b"}}), false, "不支持 .zip"},
      {"noextension", s::pdf(), false, "缺少扩展名"},
      {"empty.pdf", "", false, "文件为空"},
      {"gbk.txt", std::string("\xB6\xAB\xD1\xF4", 4), false, "UTF-8"},
  };
  for (const auto& c : cases) {
    auto r = check_file_type(c.name, c.bytes);
    if (c.accepted) {
      ASSERT_TRUE(r) << c.name << ": " << r.error().to_string();
      EXPECT_EQ(r->mime, c.mime_or_message) << c.name;
    } else {
      ASSERT_FALSE(r) << c.name << " was accepted as " << r->mime;
      EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << c.name;
      ASSERT_EQ(r.error().fields().size(), 1u) << c.name;
      EXPECT_EQ(r.error().fields()[0].field, "file") << c.name;
      EXPECT_NE(r.error().message().find(c.mime_or_message), std::string::npos)
          << c.name << ": " << r.error().message();
    }
  }
}

TEST(ContentTypeTest, DamagedCompoundFileIsNotTakenForWord) {
  std::string doc = s::ole2({"WordDocument"});
  doc.resize(600);  // directory sector cut off
  EXPECT_EQ(sniff_content(doc), ContentKind::kOle2);
  std::string looping = s::ole2({"WordDocument"});
  looping[512 + 4] = 1;  // the directory chain points at itself
  looping[512 + 5] = looping[512 + 6] = looping[512 + 7] = 0;
  EXPECT_EQ(sniff_content(looping), ContentKind::kDoc);  // read once, no endless loop
}

TEST(ContentTypeTest, ExtensionIsLowerCasedAndTakenAfterTheLastDot) {
  EXPECT_EQ(file_extension("a.tar.GZ"), "gz");
  EXPECT_EQ(file_extension("报告.PDF"), "pdf");
  EXPECT_EQ(file_extension("noext"), "");
  EXPECT_EQ(file_extension("trailing."), "");
  EXPECT_EQ(file_extension(".pdf"), "pdf");
}

}  // namespace
}  // namespace gk::documents
