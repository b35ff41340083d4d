#include "storage/text_extract.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "documents/sample_files.h"

namespace gk::storage {
namespace {

namespace sample = documents::sample;

// A one-page PDF drawn by Cairo with a CJK font (fonts-noto-cjk): embedded subset font plus a
// ToUnicode map, as real office software writes them.
std::string cairo_pdf(const std::string& text) {
  std::string out;
  auto write = [](void* closure, const unsigned char* data, unsigned int len) -> cairo_status_t {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(write, &out, 595, 842);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 18);
  cairo_move_to(cr, 72, 120);
  cairo_show_text(cr, text.c_str());
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

TEST(TextExtractTest, HandWrittenPdfTextObjectIsExtracted) {
  auto text = extract_pdf_text(sample::pdf("Budget report 2024"));
  ASSERT_TRUE(text) << text.error().to_string();
  EXPECT_NE(text->find("Budget report 2024"), std::string::npos) << *text;
}

TEST(TextExtractTest, ChinesePdfFromCairoIsExtracted) {
  const std::string pdf = cairo_pdf("东阳市2024年财政预算公开说明");
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  auto text = extract_pdf_text(pdf);
  ASSERT_TRUE(text) << text.error().to_string();
  EXPECT_NE(text->find("东阳市2024年财政预算公开说明"), std::string::npos) << *text;
}

TEST(TextExtractTest, DamagedPdfIsAnErrorNotACrash) {
  auto text = extract_pdf_text("%PDF-1.4\nthis is not a pdf at all");
  EXPECT_FALSE(text);
  EXPECT_EQ(extract_text("application/pdf", "%PDF-1.4\ngarbage"), "");
}

TEST(TextExtractTest, HangingExtractorIsKilledAtTheTimeout) {
  // A stand-in for pdftotext that never answers.
  const auto script = std::filesystem::temp_directory_path() / ("gk-hanging-pdftotext-" + std::to_string(::getpid()) + ".sh");
  { std::ofstream(script) << "#!/bin/sh\nexec sleep 30\n"; }
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  TextExtractOptions o;
  o.pdftotext = script.string();
  o.timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  auto text = extract_pdf_text(sample::pdf(), o);
  const auto took = std::chrono::steady_clock::now() - start;
  std::filesystem::remove(script);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code(), ErrorCode::kUnavailable);
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST(TextExtractTest, MissingProgramIsUnavailable) {
  TextExtractOptions o;
  o.pdftotext = "gk-no-such-pdftotext";
  auto text = extract_pdf_text(sample::pdf(), o);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code(), ErrorCode::kUnavailable);
}

TEST(TextExtractTest, DocxParagraphsBecomeLines) {
  auto text = extract_docx_text(sample::docx({"第一条　为了规范政务公开工作，", "制定本办法。", "A & B <C>"}));
  ASSERT_TRUE(text) << text.error().to_string();
  EXPECT_EQ(*text, "第一条　为了规范政务公开工作，\n制定本办法。\nA & B <C>\n");
}

TEST(TextExtractTest, DocxXmlKeepsOnlyVisibleText) {
  const std::string xml =
      "<w:document><w:body><w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">乙 </w:t>"
      "</w:r><w:r><w:instrText> HYPERLINK \"x\" </w:instrText></w:r><w:del><w:r><w:delText>删</w:delText></w:r>"
      "</w:del><w:r><w:br/><w:t>&#20025;&#x4E39;&amp;</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>格1</w:t>"
      "</w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>";
  EXPECT_EQ(docx_xml_to_text(xml), "甲\t乙 \n丹丹&\n格1\n\t\t");
}

TEST(TextExtractTest, NotADocxIsAnError) {
  EXPECT_FALSE(extract_docx_text("PK\x03\x04 broken"));
  EXPECT_FALSE(extract_docx_text(sample::xlsx()));
  EXPECT_EQ(extract_text("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "junk"), "");
}

TEST(TextExtractTest, TextFilesAreTheirOwnTextAndImagesHaveNone) {
  EXPECT_EQ(extract_text("text/csv; charset=utf-8", "序号,名称\n"), "序号,名称\n");
  EXPECT_EQ(extract_text("image/png", sample::png()), "");
}

}  // namespace
}  // namespace gk::storage
