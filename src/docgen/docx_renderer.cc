#include "docgen/docx_renderer.h"

#include <zip.h>

#include <cmath>
#include <ctime>
#include <memory>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

namespace gk::docgen {
namespace {

// WordprocessingML measures in twentieths of a point (twips) and font sizes in half-points.
int twips(double pt) { return static_cast<int>(std::lround(pt * 20)); }
int twips_mm(double mm) { return twips(mm * kPointsPerMm); }
int half_points(double pt) { return static_cast<int>(std::lround(pt * 2)); }

constexpr const char* kSerifEastAsia = "宋体";
constexpr const char* kSansEastAsia = "黑体";
constexpr const char* kSerifLatin = "Times New Roman";
constexpr const char* kSansLatin = "Arial";
constexpr double kTableLineSpacing = 1.45;  // as the PDF renderer
constexpr double kFooterFontPt = 10.5;

const char* jc(Align a) {
  switch (a) {
    case Align::kLeft:
      return "left";
    case Align::kCentre:
      return "center";
    case Align::kRight:
      return "right";
    case Align::kJustify:
      return "both";
  }
  return "both";
}

std::string fonts(Face face) {
  const char* latin = face == Face::kSans ? kSansLatin : kSerifLatin;
  const char* east = face == Face::kSans ? kSansEastAsia : kSerifEastAsia;
  return fmt::format(R"(<w:rFonts w:ascii="{0}" w:hAnsi="{0}" w:eastAsia="{1}" w:cs="{0}"/>)", latin, east);
}

// Run properties: face, bold, size.
std::string rpr(Face face, bool bold, double size_pt) {
  std::string s = "<w:rPr>" + fonts(face);
  if (bold) s += "<w:b/><w:bCs/>";
  s += fmt::format(R"(<w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>)", half_points(size_pt));
  return s;
}

// One w:r per line/tab segment of `text`: '\n' → w:br, '\t' → w:tab.
std::string runs_xml(std::string_view text, const std::string& props) {
  std::string out;
  size_t start = 0;
  auto flush = [&](size_t end) {
    if (end > start)
      out += "<w:r>" + props + R"(<w:t xml:space="preserve">)" + xml_escape(text.substr(start, end - start)) +
             "</w:t></w:r>";
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\t') {
      flush(i);
      out += "<w:r>" + props + (text[i] == '\n' ? "<w:br/>" : "<w:tab/>") + "</w:r>";
      start = i + 1;
    }
  }
  flush(text.size());
  return out;
}

std::string spacing_exact(double pitch_pt) {
  return fmt::format(R"(<w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/>)",
                     twips(pitch_pt));
}

// Date as W3CDTF for core.xml and as a DOS time for zip entries.
const Date& doc_date(const Metadata& m) {
  static const Date kDefault = *Date::from_ymd(2000, 1, 1);
  return m.created ? *m.created : kDefault;
}

class DocumentWriter {
 public:
  explicit DocumentWriter(const OfficeDocument& doc) : doc_(doc) {
    const double page_w = page_width_pt(doc.page);
    content_w_ = twips(page_w) - twips_mm(doc.page.margin_left_mm) - twips_mm(doc.page.margin_right_mm);
    body_pitch_ = doc.body_font_size_pt * doc.line_spacing;
  }

  std::string run() {
    std::string& o = out_;
    o += R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
         R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>)";
    if (!doc_.title.empty()) {
      // CT_PPr is a sequence: pStyle, keepNext, spacing, ind, jc — Word rejects other orders.
      o += "<w:p><w:pPr><w:pStyle w:val=\"Title\"/>" + spacing_exact(doc_.title_font_size_pt * 1.5) +
           "<w:jc w:val=\"center\"/></w:pPr>" +
           runs_xml(doc_.title, rpr(Face::kSerif, true, doc_.title_font_size_pt)) + "</w:p>";
    }
    if (!doc_.doc_number.empty()) {
      o += "<w:p><w:pPr>" + spacing_exact(body_pitch_) + "<w:jc w:val=\"center\"/></w:pPr>" +
           runs_xml(doc_.doc_number, rpr(Face::kSerif, false, doc_.body_font_size_pt)) + "</w:p>";
    }
    if (!doc_.title.empty() || !doc_.doc_number.empty()) empty_paragraph(body_pitch_ * 0.5);

    for (const Block& block : doc_.blocks) {
      std::visit(
          [&](const auto& b) {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, Heading>) {
              heading(b);
            } else if constexpr (std::is_same_v<T, Paragraph>) {
              paragraph_xml(b);
            } else if constexpr (std::is_same_v<T, Table>) {
              table(b);
            } else if constexpr (std::is_same_v<T, Spacer>) {
              if (b.height_pt >= 1) empty_paragraph(b.height_pt);
            } else if constexpr (std::is_same_v<T, PageBreak>) {
              o += R"(<w:p><w:r><w:br w:type="page"/></w:r></w:p>)";
            } else {
              signature(b);
            }
          },
          block);
    }
    // Word requires a paragraph between a final table and the section properties.
    if (!doc_.blocks.empty() && std::holds_alternative<Table>(doc_.blocks.back())) empty_paragraph(1);

    const PageSetup& p = doc_.page;
    const bool landscape = p.orientation == Orientation::kLandscape;
    o += "<w:sectPr>";
    if (doc_.page_numbers) o += R"(<w:footerReference w:type="default" r:id="rIdFooter1"/>)";
    o += fmt::format(R"(<w:pgSz w:w="{}" w:h="{}"{}/>)", twips(page_width_pt(p)), twips(page_height_pt(p)),
                     landscape ? R"( w:orient="landscape")" : "");
    // The footer's baseline sits about 7 mm below the type area (GB/T 9704-2012 §7.5).
    const double footer_mm = std::max(5.0, p.margin_bottom_mm - 7.0 - kFooterFontPt / kPointsPerMm * 1.2);
    o += fmt::format(
        R"(<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/>)",
        twips_mm(p.margin_top_mm), twips_mm(p.margin_right_mm), twips_mm(p.margin_bottom_mm),
        twips_mm(p.margin_left_mm), twips_mm(footer_mm));
    o += "</w:sectPr></w:body></w:document>";
    return std::move(out_);
  }

 private:
  void empty_paragraph(double height_pt) {
    out_ += "<w:p><w:pPr>" + spacing_exact(height_pt) + "</w:pPr></w:p>";
  }

  void heading(const Heading& h) {
    const double size = doc_.body_font_size_pt;
    const Face face = h.level == 1 ? Face::kSans : Face::kSerif;
    out_ += fmt::format(R"(<w:p><w:pPr><w:pStyle w:val="Heading{}"/><w:keepNext/>)", h.level);
    out_ += spacing_exact(body_pitch_);
    if (h.indent) out_ += fmt::format(R"(<w:ind w:firstLineChars="200" w:firstLine="{}"/>)", twips(2 * size));
    out_ += R"(<w:jc w:val="left"/></w:pPr>)";
    out_ += runs_xml(h.text, rpr(face, h.level != 1, size));
    out_ += "</w:p>";
  }

  void paragraph_xml(const Paragraph& p) {
    const double size = p.font_size_pt > 0 ? p.font_size_pt : doc_.body_font_size_pt;
    out_ += "<w:p><w:pPr>" + spacing_exact(size * doc_.line_spacing);
    if (p.first_line_indent)
      out_ += fmt::format(R"(<w:ind w:firstLineChars="200" w:firstLine="{}"/>)", twips(2 * size));
    out_ += fmt::format(R"(<w:jc w:val="{}"/></w:pPr>)", jc(p.align));
    for (const Run& r : p.runs) out_ += runs_xml(r.text, rpr(p.face, r.bold, size));
    out_ += "</w:p>";
  }

  void signature(const Signature& s) {
    // GB/T 9704-2012 §7.3.5.1: the date 右空四字, the organ's name centred over it. Word has no
    // "centre over that line", so the name's right indent is computed from character widths.
    const double size = doc_.body_font_size_pt;
    const double date_right = 4 * size;
    const double date_w = text_width(s.date, size);
    auto indent_for = [&](std::string_view t) {
      const double w = text_width(t, size);
      return std::max(0.0, date_right + (date_w - w) / 2);
    };
    auto line = [&](std::string_view t, double right_indent) {
      out_ += "<w:p><w:pPr><w:keepNext/>" + spacing_exact(body_pitch_) +
              fmt::format(R"(<w:ind w:right="{}"/><w:jc w:val="right"/></w:pPr>)", twips(right_indent)) +
              runs_xml(t, rpr(Face::kSerif, false, size)) + "</w:p>";
    };
    if (!s.seal_note.empty()) line(s.seal_note, indent_for(s.seal_note));
    line(s.organ, indent_for(s.organ));
    line(s.date, date_right);
  }

  // Approximate advance: CJK and other wide characters one em, ASCII half an em.
  static double text_width(std::string_view t, double size) {
    double w = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(t[i]);
      if (c < 0x80)
        w += 0.5;
      else if ((c & 0xC0) != 0x80)
        w += 1.0;
    }
    return w * size;
  }

  void table(const Table& t) {
    auto grid_or = resolve_grid(t);
    if (!grid_or) return;  // validate() has already rejected it
    const TableGrid& g = *grid_or;
    const double size = t.font_size_pt > 0 ? t.font_size_pt : doc_.table_font_size_pt;

    std::vector<double> weights = t.column_widths;
    if (weights.empty()) weights.assign(g.cols, 1.0);
    double sum = 0;
    for (double w : weights) sum += w;
    std::vector<int> widths(g.cols);
    int used = 0;
    for (int c = 0; c < g.cols; ++c) {
      widths[c] =
          c + 1 == g.cols ? content_w_ - used : static_cast<int>(std::lround(content_w_ * weights[c] / sum));
      used += widths[c];
    }

    std::string& o = out_;
    o += "<w:tbl><w:tblPr>";
    o += fmt::format(R"(<w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/>)", content_w_);
    o += "<w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
      o += fmt::format(R"(<w:{} w:val="single" w:sz="4" w:space="0" w:color="000000"/>)", side);
    o += "</w:tblBorders>";
    o += R"(<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="70" w:type="dxa"/>)"
         R"(<w:right w:w="70" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>)";
    o += "<w:tblGrid>";
    for (int w : widths) o += fmt::format(R"(<w:gridCol w:w="{}"/>)", w);
    o += "</w:tblGrid>";

    const std::string props_plain = rpr(Face::kSerif, false, size);
    const std::string props_bold = rpr(Face::kSerif, true, size);
    for (int r = 0; r < g.rows; ++r) {
      const bool header = r < t.header_rows;
      o += "<w:tr><w:trPr><w:cantSplit/>";
      if (header) o += "<w:tblHeader/>";
      o += "</w:trPr>";
      for (int c = 0; c < g.cols;) {
        const PlacedCell& pc = g.at(r, c);
        int w = 0;
        for (int k = pc.col; k < pc.col + pc.col_span; ++k) w += widths[k];
        o += fmt::format(R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>)", w);
        if (pc.col_span > 1) o += fmt::format(R"(<w:gridSpan w:val="{}"/>)", pc.col_span);
        if (pc.row_span > 1) o += pc.row == r ? R"(<w:vMerge w:val="restart"/>)" : "<w:vMerge/>";
        o += R"(<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>)" + spacing_exact(size * kTableLineSpacing);
        o += fmt::format(R"(<w:jc w:val="{}"/></w:pPr>)", jc(effective_align(*pc.cell, header)));
        if (pc.row == r) o += runs_xml(pc.cell->text, pc.cell->bold ? props_bold : props_plain);
        o += "</w:p></w:tc>";
        c = pc.col + pc.col_span;
      }
      o += "</w:tr>";
    }
    o += "</w:tbl>";
  }

  const OfficeDocument& doc_;
  int content_w_ = 0;
  double body_pitch_ = 0;
  std::string out_;
};

std::string styles_xml(const OfficeDocument& doc) {
  std::string s =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:docDefaults><w:rPrDefault><w:rPr>)" +
      fonts(Face::kSerif) +
      fmt::format(R"(<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>)", half_points(doc.body_font_size_pt)) +
      R"(<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>)"
      R"(<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>)"
      R"(</w:docDefaults>)"
      R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>)"
      R"(<w:pPr><w:jc w:val="both"/></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>)"
      R"(<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/>)" +
      fmt::format(R"(<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>)", half_points(doc.title_font_size_pt)) +
      "</w:rPr></w:style>";
  for (int level = 1; level <= 3; ++level) {
    s += fmt::format(R"(<w:style w:type="paragraph" w:styleId="Heading{0}"><w:name w:val="heading {0}"/>)"
                     R"(<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>)"
                     R"(<w:outlineLvl w:val="{1}"/></w:pPr><w:rPr>{2}{3}</w:rPr></w:style>)",
                     level, level - 1, fonts(level == 1 ? Face::kSans : Face::kSerif),
                     level == 1 ? "" : "<w:b/>");
  }
  s += R"(<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>)"
       R"(<w:pPr><w:jc w:val="center"/></w:pPr></w:style>)"
       R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>)"
       R"(<w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>)"
       R"(</w:tblCellMar></w:tblPr></w:style></w:styles>)";
  return s;
}

std::string footer_xml() {
  const std::string props = rpr(Face::kSerif, false, kFooterFontPt);
  auto field = [&](const char* name) {
    return "<w:r>" + props + R"(<w:fldChar w:fldCharType="begin"/></w:r><w:r>)" + props +
           fmt::format(R"(<w:instrText xml:space="preserve"> {} </w:instrText></w:r><w:r>)", name) + props +
           R"(<w:fldChar w:fldCharType="separate"/></w:r><w:r>)" + props + R"(<w:t>1</w:t></w:r><w:r>)" +
           props + R"(<w:fldChar w:fldCharType="end"/></w:r>)";
  };
  auto text = [&](const char* t) {
    return "<w:r>" + props + R"(<w:t xml:space="preserve">)" + t + "</w:t></w:r>";
  };
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n" +
         R"(<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
         R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
         R"(<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>)" +
         text("第 ") + field("PAGE") + text(" 页 共 ") + field("NUMPAGES") + text(" 页") + "</w:p></w:ftr>";
}

constexpr const char* kSettingsXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>)"
    R"(<w:characterSpacingControl w:val="compressPunctuation"/>)"
    R"(<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>)"
    R"(</w:settings>)";

std::string content_types_xml(bool footer) {
  std::string s =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
      R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
      R"(<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>)";
  if (footer)
    s +=
        R"(<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>)";
  s +=
      R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
      R"(<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>)"
      R"(</Types>)";
  return s;
}

constexpr const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>)"
    R"(</Relationships>)";

std::string document_rels_xml(bool footer) {
  std::string s =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
      R"(<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>)";
  if (footer)
    s +=
        R"(<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>)";
  return s + "</Relationships>";
}

std::string core_xml(const OfficeDocument& doc) {
  const std::string when = doc_date(doc.metadata).to_string() + "T00:00:00Z";
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n" +
         R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
         R"(xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" )"
         R"(xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)" +
         "<dc:title>" + xml_escape(doc.title) + "</dc:title><dc:subject>" + xml_escape(doc.metadata.subject) +
         "</dc:subject><dc:creator>" + xml_escape(doc.metadata.author) + "</dc:creator><cp:keywords>" +
         xml_escape(doc.metadata.keywords) + "</cp:keywords><dc:language>zh-CN</dc:language>" +
         R"(<dcterms:created xsi:type="dcterms:W3CDTF">)" + when + "</dcterms:created>" +
         R"(<dcterms:modified xsi:type="dcterms:W3CDTF">)" + when + "</dcterms:modified></cp:coreProperties>";
}

constexpr const char* kAppXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">)"
    R"(<Application>gongkai</Application></Properties>)";

struct ZipSourceDeleter {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

Error zip_error(std::string_view what, zip_error_t* e) {
  return Error::internal(fmt::format("libzip {}: {}", what, zip_error_strerror(e)));
}

}  // namespace



Result<std::string> render_docx(const OfficeDocument& doc) {
  GK_TRY_STATUS(validate(doc));

  const bool footer = doc.page_numbers;
  struct Part {
    const char* name;
    std::string data;
  };
  std::vector<Part> parts;
  parts.push_back({"[Content_Types].xml", content_types_xml(footer)});
  parts.push_back({"_rels/.rels", kPackageRels});
  parts.push_back({"word/document.xml", DocumentWriter(doc).run()});
  parts.push_back({"word/_rels/document.xml.rels", document_rels_xml(footer)});
  parts.push_back({"word/styles.xml", styles_xml(doc)});
  parts.push_back({"word/settings.xml", kSettingsXml});
  if (footer) parts.push_back({"word/footer1.xml", footer_xml()});
  parts.push_back({"docProps/core.xml", core_xml(doc)});
  parts.push_back({"docProps/app.xml", kAppXml});

  // Entry times from the document, not the clock (zip stores local DOS time; 1980 is its epoch).
  const Date& d = doc_date(doc.metadata);
  std::tm tm{};
  tm.tm_year = std::max(d.year(), 1980) - 1900;
  tm.tm_mon = d.month() - 1;
  tm.tm_mday = d.day();
  tm.tm_hour = 12;
  tm.tm_isdst = -1;
  const time_t mtime = std::mktime(&tm);

  zip_error_t err;
  zip_error_init(&err);
  std::unique_ptr<zip_source_t, ZipSourceDeleter> buffer(zip_source_buffer_create(nullptr, 0, 0, &err));
  if (!buffer) return fail(zip_error("buffer", &err));
  zip_t* za = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &err);
  if (za == nullptr) return fail(zip_error("open", &err));
  zip_source_keep(buffer.get());  // the archive releases its reference on close; we still read it

  for (const Part& p : parts) {
    zip_source_t* src = zip_source_buffer(za, p.data.data(), p.data.size(), 0);
    if (src == nullptr) {
      zip_discard(za);
      return fail(Error::internal("libzip: cannot create a source"));
    }
    const zip_int64_t idx = zip_file_add(za, p.name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(src);
      const std::string msg = zip_strerror(za);
      zip_discard(za);
      return fail(Error::internal("libzip add: " + msg));
    }
    zip_file_set_mtime(za, static_cast<zip_uint64_t>(idx), mtime, 0);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 6);
  }
  if (zip_close(za) != 0) {
    const std::string msg = zip_strerror(za);
    zip_discard(za);
    return fail(Error::internal("libzip close: " + msg));
  }

  zip_source_t* b = buffer.get();
  if (zip_source_open(b) != 0) return fail(zip_error("reopen", zip_source_error(b)));
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(b, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
    zip_source_close(b);
    return fail(Error::internal("libzip: cannot size the archive"));
  }
  std::string out(static_cast<size_t>(st.size), '\0');
  const zip_int64_t n = zip_source_read(b, out.data(), st.size);
  zip_source_close(b);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
    return fail(Error::internal("libzip: short read of the archive"));
  return out;
}

}  // namespace gk::docgen
