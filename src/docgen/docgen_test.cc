#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "docgen/docx_renderer.h"
#include "docgen/office_document.h"
#include "docgen/pdf_renderer.h"
#include "docgen/test_documents.h"
#include "docgen/test_files.h"

namespace gk::docgen {
namespace {

namespace fs = std::filesystem;
using namespace testing_files;

// pdftotext (poppler-utils) is a project dependency (scripts/install-deps.sh).
std::string pdf_text(const std::string& pdf) {
  TempFile f(pdf, ".pdf");
  return run("pdftotext -enc UTF-8 " + f.path + " - 2>&1");
}

int pdf_pages(const std::string& pdf) {
  TempFile f(pdf, ".pdf");
  const std::string info = run("pdfinfo " + f.path + " 2>&1");
  const size_t at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::atoi(info.c_str() + at + 6);
}

// Parses every XML part with Python's expat-based minidom (python3 is a build dependency through
// python3-jieba); returns "ok" or the parser's complaint.
std::string check_xml_wellformed(const std::string& docx) {
  TempFile f(docx, ".docx");
  return run(
      "/usr/bin/python3 -c 'import sys, zipfile, xml.dom.minidom as m\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "assert z.testzip() is None\n"
      "[m.parseString(z.read(n)) for n in z.namelist() if n.endswith((\".xml\", \".rels\"))]\n"
      "print(\"ok\")' " +
      f.path + " 2>&1");
}

// Saves rendered samples for a human to look at when GK_DOCGEN_SAMPLES names a directory.
void maybe_save(const std::string& name, const std::string& bytes) {
  if (const char* dir = std::getenv("GK_DOCGEN_SAMPLES"))
    std::ofstream(fs::path(dir) / name, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TEST(PdfRendererTest, LetterIsAPdfWithItsChineseText) {
  auto pdf = render_pdf(testing_docs::letter());
  ASSERT_TRUE(pdf.has_value()) << pdf.error().to_string();
  maybe_save("letter.pdf", *pdf);
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_EQ(pdf_pages(*pdf), 1);
  const std::string text = squeeze(pdf_text(*pdf));
  EXPECT_NE(text.find("政府信息公开申请答复书"), std::string::npos) << text;
  EXPECT_NE(text.find("东财依复〔2024〕12号"), std::string::npos);
  EXPECT_NE(text.find("第三十六条第（二）项"), std::string::npos);
  EXPECT_NE(text.find("本机关决定予以公开"), std::string::npos);
  EXPECT_NE(text.find("Tom&Jerry<测试>"), std::string::npos);
  EXPECT_NE(text.find("东阳市财政局"), std::string::npos);
  EXPECT_NE(text.find("第1页共1页"), std::string::npos);
}

TEST(PdfRendererTest, AnnualReportTablesCarryTheirCellText) {
  auto pdf = render_pdf(testing_docs::annual_report());
  ASSERT_TRUE(pdf.has_value()) << pdf.error().to_string();
  maybe_save("annual_report.pdf", *pdf);
  const std::string text = squeeze(pdf_text(*pdf));
  for (const char* s : {"本年新收政府信息公开申请数量", "申请人情况", "法人或其他组织", "社会公益组织",
                        "属于国家秘密", "结转下年度继续办理", "未经复议直接起诉", "复议后起诉", "（七）总计"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST(PdfRendererTest, LongDocumentBreaksPagesAndRepeatsTableHeader) {
  const OfficeDocument doc = testing_docs::long_document(30, 120);
  auto pdf = render_pdf(doc);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().to_string();
  maybe_save("long.pdf", *pdf);
  const int pages = pdf_pages(*pdf);
  // 30 three-line paragraphs at a 28 pt pitch fill about 4 pages of 225 mm; 120 rows of ~21 pt
  // about 4 more.
  EXPECT_GE(pages, 6);
  EXPECT_LE(pages, 10);
  const std::string text = pdf_text(*pdf);
  EXPECT_EQ(count(text, "\f"), static_cast<size_t>(pages));
  const std::string flat = squeeze(text);
  EXPECT_NE(flat.find("第30段"), std::string::npos);
  EXPECT_NE(flat.find("第120行内容"), std::string::npos);
  EXPECT_NE(flat.find("第1页共" + std::to_string(pages) + "页"), std::string::npos);
  EXPECT_NE(flat.find("第" + std::to_string(pages) + "页共" + std::to_string(pages) + "页"),
            std::string::npos);
  // The header row is drawn again on every page the table continues on (at least 3 of them).
  EXPECT_GE(count(flat, "表头名称栏"), 3u);
}

TEST(PdfRendererTest, SignatureNeverStandsAloneOnAPage) {
  // Fill the first page to every possible depth; whenever the signature spills over, text lines
  // come with it.
  int spilled = 0;
  for (int n = 14; n <= 26; ++n) {
    OfficeDocument doc;
    doc.title = "落款测试";
    for (int i = 0; i < n; ++i) doc.blocks.push_back(paragraph("短段" + std::to_string(i + 1) + "。"));
    doc.blocks.push_back(Spacer{56});
    doc.blocks.push_back(Signature{"东阳市财政局", "2024年6月3日", "（印章）"});
    auto pdf = render_pdf(doc);
    ASSERT_TRUE(pdf.has_value());
    const std::string text = pdf_text(*pdf);
    const size_t first_ff = text.find('\f');
    if (first_ff + 1 >= text.size()) continue;  // one page
    const std::string second = text.substr(first_ff + 1);
    if (second.find("东阳市财政局") == std::string::npos) continue;
    ++spilled;
    EXPECT_NE(second.find("短段"), std::string::npos) << "n=" << n << "\n" << second;
  }
  EXPECT_GT(spilled, 0);
}

TEST(PdfRendererTest, OutputIsDeterministic) {
  auto a = render_pdf(testing_docs::letter());
  auto b = render_pdf(testing_docs::letter());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(a->find("/CreationDate (20240603000000+08'00)"), std::string::npos);  // cairo 1.16 omits "D:"
}

TEST(PdfRendererTest, LandscapePageIsWide) {
  OfficeDocument doc = testing_docs::annual_report();
  doc.page.orientation = Orientation::kLandscape;
  auto pdf = render_pdf(doc);
  ASSERT_TRUE(pdf.has_value());
  TempFile f(*pdf, ".pdf");
  const std::string info = run("pdfinfo " + f.path);
  EXPECT_NE(info.find("841.89 x 595.276"), std::string::npos) << info;
}

TEST(PdfRendererTest, InvalidDocumentIsRejected) {
  OfficeDocument doc;
  doc.title = std::string("\xFF");
  auto pdf = render_pdf(doc);
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code(), ErrorCode::kInvalidArgument);
}

TEST(DocxRendererTest, PackageHasTheRequiredParts) {
  auto docx = render_docx(testing_docs::letter());
  ASSERT_TRUE(docx.has_value()) << docx.error().to_string();
  maybe_save("letter.docx", *docx);
  const auto parts = unzip(*docx);
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml", "word/settings.xml", "word/footer1.xml", "docProps/core.xml"})
    EXPECT_TRUE(parts.contains(name)) << name;
  EXPECT_EQ(check_xml_wellformed(*docx), "ok\n");
  const std::string& doc = parts.at("word/document.xml");
  EXPECT_NE(doc.find(R"(<w:pgSz w:w="11906" w:h="16838"/>)"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:pgMar w:top="2098")"), std::string::npos);  // 37 mm
  EXPECT_NE(doc.find(R"(w:eastAsia="宋体")"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:ind w:firstLineChars="200")"), std::string::npos);
  // Escaped text; never raw markup characters from the content.
  EXPECT_NE(doc.find("Tom &amp; Jerry &lt;测试&gt; “引号” &apos;apos&apos;"), std::string::npos);
  EXPECT_NE(doc.find("东财依复〔2024〕12号"), std::string::npos);
  EXPECT_NE(parts.at("word/footer1.xml").find("NUMPAGES"), std::string::npos);
  EXPECT_NE(parts.at("docProps/core.xml").find("2024-06-03T00:00:00Z"), std::string::npos);
}

// Word refuses a document whose w:pPr children are out of schema order (CT_PPr is a sequence).
TEST(DocxRendererTest, ParagraphPropertiesFollowSchemaOrder) {
  auto docx = render_docx(testing_docs::annual_report());
  ASSERT_TRUE(docx.has_value());
  const std::string doc = unzip(*docx).at("word/document.xml");
  const std::vector<std::string> order = {"<w:pStyle", "<w:keepNext", "<w:spacing", "<w:ind", "<w:jc"};
  size_t checked = 0;
  for (size_t at = doc.find("<w:pPr>"); at != std::string::npos; at = doc.find("<w:pPr>", at + 1)) {
    const std::string ppr = doc.substr(at, doc.find("</w:pPr>", at) - at);
    size_t last = 0;
    for (const auto& tag : order) {
      const size_t pos = ppr.find(tag);
      if (pos == std::string::npos) continue;
      EXPECT_GE(pos, last) << ppr;
      last = pos;
    }
    ++checked;
  }
  EXPECT_GT(checked, 20u);
}

TEST(DocxRendererTest, ApplicationsTableIsARealTableWithSpans) {
  OfficeDocument d;
  d.blocks.push_back(testing_docs::applications_table());
  auto docx = render_docx(d);
  ASSERT_TRUE(docx.has_value()) << docx.error().to_string();
  EXPECT_EQ(check_xml_wellformed(*docx), "ok\n");
  const std::string doc = unzip(*docx).at("word/document.xml");
  EXPECT_EQ(count(doc, "<w:tbl>"), 1u);
  EXPECT_EQ(count(doc, "<w:gridCol "), 10u);
  EXPECT_EQ(count(doc, "<w:tr>"), 28u);
  EXPECT_EQ(count(doc, "<w:tblHeader/>"), 3u);
  // Each row covers the 10 grid columns: a data row has 10 w:tc; spans reduce the count.
  // Row 0: corner (gridSpan 3, restart) + 申请人情况 (gridSpan 7) = 2 cells.
  const size_t row0 = doc.find("<w:tr>"), row1 = doc.find("<w:tr>", row0 + 1);
  const std::string first = doc.substr(row0, row1 - row0);
  EXPECT_EQ(count(first, "<w:tc>"), 2u);
  EXPECT_NE(first.find(R"(<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>)"), std::string::npos);
  EXPECT_NE(first.find(R"(<w:gridSpan w:val="7"/>)"), std::string::npos);
  // vMerge restarts: corner, 自然人, 总计, 三、, (三), (四), (五), (六) = 8; continuations:
  // corner 2 + 自然人 1 + 总计 1 + 三 21 + (三) 7 + (四) 2 + (五) 4 + (六) 2 = 40.
  EXPECT_EQ(count(doc, R"(<w:vMerge w:val="restart"/>)"), 8u);
  EXPECT_EQ(count(doc, "<w:vMerge/>"), 40u);
  // 25 body rows × 7 numbers + labels: every w:tc holds a paragraph.
  EXPECT_EQ(count(doc, "<w:tc>"), count(doc, "</w:tc>"));
  EXPECT_EQ(count(doc, "<w:tc>"), count(doc, "<w:tc><w:tcPr>"));
  EXPECT_NE(doc.find("本年新收政府信息公开申请数量"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:jc w:val="right"/>)"), std::string::npos);  // numbers
  // The table is the last block: a paragraph must separate it from w:sectPr.
  EXPECT_NE(doc.find("</w:tbl><w:p>"), std::string::npos);
}

TEST(DocxRendererTest, RemediesTableHasFifteenColumnsAndThreeHeaderRows) {
  OfficeDocument d;
  d.page.orientation = Orientation::kLandscape;
  d.blocks.push_back(testing_docs::remedies_table());
  auto docx = render_docx(d);
  ASSERT_TRUE(docx.has_value());
  const std::string doc = unzip(*docx).at("word/document.xml");
  EXPECT_EQ(count(doc, "<w:gridCol "), 15u);
  EXPECT_EQ(count(doc, "<w:tr>"), 4u);
  EXPECT_EQ(count(doc, "<w:tblHeader/>"), 3u);
  EXPECT_EQ(count(doc, R"(<w:gridSpan w:val="10"/>)"), 1u);
  EXPECT_EQ(count(doc, R"(<w:gridSpan w:val="5"/>)"), 4u);  // 行政复议 ×2 rows, 直接起诉, 复议后起诉
  EXPECT_EQ(count(doc, "<w:tc>"), 2u + 3u + 15u + 15u);
  EXPECT_NE(doc.find(R"(w:orient="landscape")"), std::string::npos);
}

TEST(DocxRendererTest, AnnualReportOpensAsXmlAndIsDeterministic) {
  auto a = render_docx(testing_docs::annual_report());
  auto b = render_docx(testing_docs::annual_report());
  ASSERT_TRUE(a && b);
  maybe_save("annual_report.docx", *a);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(check_xml_wellformed(*a), "ok\n");
  const std::string doc = unzip(*a).at("word/document.xml");
  EXPECT_EQ(count(doc, "<w:tbl>"), 2u);
  EXPECT_NE(doc.find(R"(<w:pStyle w:val="Heading1"/>)"), std::string::npos);
  EXPECT_NE(doc.find(R"(w:eastAsia="黑体")"), std::string::npos);
}

TEST(DocxRendererTest, ControlCharactersAreDroppedAndNewlinesBecomeBreaks) {
  EXPECT_EQ(xml_escape(std::string("a\x01"
                                   "b\x1F"
                                   "c")),
            "abc");
  EXPECT_EQ(xml_escape("\xEF\xBF\xBE"
                       "x"),
            "x");  // U+FFFE
  EXPECT_EQ(xml_escape("<&>\"'"), "&lt;&amp;&gt;&quot;&apos;");
  OfficeDocument d;
  d.blocks.push_back(paragraph(std::string("第一行\n第二行\t制表\x07")));
  auto docx = render_docx(d);
  ASSERT_TRUE(docx.has_value());
  EXPECT_EQ(check_xml_wellformed(*docx), "ok\n");
  const std::string doc = unzip(*docx).at("word/document.xml");
  EXPECT_NE(doc.find("<w:br/>"), std::string::npos);
  EXPECT_NE(doc.find("<w:tab/>"), std::string::npos);
  EXPECT_EQ(doc.find('\x07'), std::string::npos);
}

TEST(DocxRendererTest, InvalidUtf8IsRejectedNotWritten) {
  OfficeDocument d;
  Table t;
  t.rows = {{cell(std::string("\xE4\xB8"))}};
  d.blocks.push_back(t);
  auto docx = render_docx(d);
  ASSERT_FALSE(docx.has_value());
  EXPECT_EQ(docx.error().fields().front().field, "blocks[0].rows[0][0]");
}

}  // namespace
}  // namespace gk::docgen
