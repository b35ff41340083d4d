// Renders a hand-built report whose every cell holds a distinct number and checks that each output
// format carries the official labels with the numbers in the right places.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "docgen/test_files.h"
#include "report/render.h"
#include "report/render_document.h"
#include "report/render_html.h"

namespace gk::report {
namespace {

namespace fs = std::filesystem;
using namespace docgen::testing_files;

// Row i (0-based, official order), column c: (i + 1) * 100 + c + 1 — 101 … 2507, all distinct.
int64_t app_value(size_t i, size_t c) { return static_cast<int64_t>((i + 1) * 100 + c + 1); }

AnnualReport sample_report() {
  AnnualReport r;
  r.year = 2023;
  r.department_code = "CZJ";
  r.department_name = "东阳市财政局";
  r.proactive.rules = {61, 62, 63};
  r.proactive.normative_documents = {64, 65, 66};
  r.proactive.licensing_decisions = 71;
  r.proactive.penalties = 72;
  r.proactive.enforcement_measures = 73;
  r.proactive.fees_10k_yuan = 12.5;
  for (size_t i = 0; i < kApplicationRows.size(); ++i) {
    Row row;
    for (size_t c = 0; c < 7; ++c) row[c] = app_value(i, c);
    r.applications[std::string(kApplicationRows[i])] = row;
  }
  r.reconsideration = {31, 32, 33, 34, 35};
  r.litigation_direct = {41, 42, 43, 44, 45};
  r.litigation_after_reconsideration = {51, 52, 53, 54, 55};
  r.fees_yuan = 300;
  r.overview =
      "2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n\n全年受理政府信息公开申请56件。";
  r.problems = "一是公开内容不够全面。";
  r.other_matters = "本年度收取信息处理费300元。";
  return r;
}

std::string render_ok(const AnnualReport& r, std::string_view format, const HtmlOptions& html = {}) {
  auto out = render(r, format, html);
  EXPECT_TRUE(out.has_value()) << format << ": " << (out ? "" : out.error().to_string());
  return out ? *out : std::string();
}

// The texts of the `n` <td> cells that follow `from` in `html`, tags inside them removed.
std::vector<std::string> next_cells(const std::string& html, size_t from, int n) {
  std::vector<std::string> out;
  size_t at = from;
  for (int i = 0; i < n; ++i) {
    at = html.find("<td", at);
    if (at == std::string::npos) break;
    const size_t open_end = html.find('>', at);
    const size_t close = html.find("</td>", open_end);
    std::string inner = html.substr(open_end + 1, close - open_end - 1);
    std::string text;
    bool in_tag = false;
    for (char c : inner) {
      if (c == '<')
        in_tag = true;
      else if (c == '>')
        in_tag = false;
      else if (!in_tag)
        text += c;
    }
    out.push_back(text);
    at = close;
  }
  return out;
}

const std::vector<std::string_view> kSpotLabels = {"本年新收政府信息公开申请数量",
                                                   "上年结转政府信息公开申请数量",
                                                   "本年度办理结果",
                                                   "予以公开",
                                                   "不予公开",
                                                   "属于国家秘密",
                                                   "无法提供",
                                                   "不予处理",
                                                   "其他处理",
                                                   "结转下年度继续办理",
                                                   "申请人情况",
                                                   "自然人",
                                                   "法人或其他组织",
                                                   "商业企业",
                                                   "科研机构",
                                                   "社会公益组织",
                                                   "法律服务机构",
                                                   "行政复议",
                                                   "行政诉讼",
                                                   "未经复议直接起诉",
                                                   "复议后起诉",
                                                   "结果维持",
                                                   "尚未审结",
                                                   "行政规范性文件",
                                                   "本年制发件数",
                                                   "行政事业性收费"};

TEST(RenderHtmlTest, EveryApplicationsRowHoldsItsSevenNumbersInOrder) {
  const std::string html = render_ok(sample_report(), "html");
  size_t group_at = 0;
  for (size_t i = 0; i < kApplicationRows.size(); ++i) {
    const std::string_view key = kApplicationRows[i];
    // Leaf labels repeat across groups ("3.其他" …): search from the group's label.
    const std::string_view group = application_row_group(key);
    if (!group.empty()) {
      const size_t g = html.find(std::string(group) + "</th>");
      ASSERT_NE(g, std::string::npos) << group;
      group_at = g;
    }
    const std::string label = ">" + std::string(application_row_caption(key)) + "</th>";
    const size_t at = html.find(label, group.empty() ? 0 : group_at);
    ASSERT_NE(at, std::string::npos) << key;
    const auto cells = next_cells(html, at, 7);
    ASSERT_EQ(cells.size(), 7u) << key;
    for (size_t c = 0; c < 7; ++c)
      EXPECT_EQ(cells[c], std::to_string(app_value(i, c))) << key << " column " << c;
  }
}

TEST(RenderHtmlTest, OfficialHeadingsHeaderAndCornerNote) {
  const std::string html = render_ok(sample_report(), "html");
  EXPECT_NE(html.find("<h1>东阳市财政局2023年政府信息公开工作年度报告</h1>"), std::string::npos);
  for (const char* h :
       {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"})
    EXPECT_NE(html.find(std::string("<h2>") + h + "</h2>"), std::string::npos) << h;
  EXPECT_NE(
      html.find("<th rowspan=\"3\" "
                "colspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"),
      std::string::npos);
  EXPECT_NE(html.find("<th scope=\"colgroup\" colspan=\"7\">申请人情况</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\" rowspan=\"2\">自然人</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"rowgroup\" rowspan=\"22\">三、本年度办理结果</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"rowgroup\" rowspan=\"8\">（三）不予公开</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"rowgroup\" rowspan=\"3\">（六）其他处理</th>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\" colspan=\"2\">（七）总计</th>"), std::string::npos);
  EXPECT_EQ(count(html, "<table>"), 6u);
  EXPECT_EQ(count(html, "<caption>"), 6u);
  for (auto l : kSpotLabels) EXPECT_NE(html.find(l), std::string::npos) << l;
  // Text sections: one <p> per non-blank line.
  EXPECT_NE(html.find("<p>全年受理政府信息公开申请56件。</p>"), std::string::npos);
}

TEST(RenderHtmlTest, RemediesAndProactiveNumbersInTheirCells) {
  const std::string html = render_ok(sample_report(), "html");
  const size_t at = html.find("复议后起诉");
  const auto remedies = next_cells(html, at, 15);
  const std::vector<std::string> want = {"31", "32", "33", "34", "35", "41", "42", "43",
                                         "44", "45", "51", "52", "53", "54", "55"};
  EXPECT_EQ(remedies, want);
  EXPECT_EQ(next_cells(html, html.find(">规章</th>"), 3), (std::vector<std::string>{"61", "62", "63"}));
  EXPECT_EQ(next_cells(html, html.find(">行政强制</th>"), 1), (std::vector<std::string>{"73"}));
  EXPECT_EQ(next_cells(html, html.find(">行政事业性收费</th>"), 1), (std::vector<std::string>{"12.5"}));
  EXPECT_NE(html.find("data-row=\"litigation_direct\" data-col=\"pending\">44</td>"), std::string::npos);
}

TEST(RenderHtmlTest, NumberCellsLinkToDrillDownAndTextIsEscaped) {
  AnnualReport r = sample_report();
  r.department_name = "<b>A&B</b>";
  r.check_errors = {"第一项加第二项之和不等于第三项加第四项之和（自然人）"};
  HtmlOptions options;
  options.link = [](std::string_view row, std::string_view column) {
    if (row == "new_this_year" && column == "total") return std::string();  // no link for this one
    return "/admin/report/cases?row=" + std::string(row) + "&col=" + std::string(column);
  };
  const std::string html = render_ok(r, "html", options);
  EXPECT_EQ(html.find("<b>A&B</b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;A&amp;B&lt;/b&gt;2023年政府信息公开工作年度报告"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/admin/report/cases?row=disclosed&amp;col=natural_person\">301</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"/admin/report/cases?row=reconsideration&amp;col=total\">35</a>"),
            std::string::npos);
  EXPECT_NE(html.find("data-col=\"total\">107</td>"), std::string::npos);  // the unlinked cell
  EXPECT_NE(html.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(html.find("不等于第三项加第四项之和（自然人）"), std::string::npos);
  // 7 × 25 applications + 15 remedies + 6 + 1 + 2 + 1 section 二 cells, all but one linked.
  EXPECT_EQ(count(html, "<a href="), 175u + 15 + 10 - 1);
}

TEST(RenderHtmlTest, FragmentHasNoPageChrome) {
  HtmlOptions options;
  options.full_page = false;
  const std::string html = render_ok(sample_report(), "html", options);
  EXPECT_EQ(html.find("<!DOCTYPE"), std::string::npos);
  EXPECT_EQ(html.find("<body>"), std::string::npos);
  EXPECT_NE(html.find("<article class=\"gk-annual-report\">"), std::string::npos);
}

TEST(RenderTest, RejectsUnknownFormatAndIncompleteReport) {
  auto bad = render(sample_report(), "odt");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  AnnualReport r = sample_report();
  r.applications.erase("other_fee_unpaid");
  for (auto f : {"html", "pdf", "docx", "xlsx"}) {
    auto out = render(r, f);
    ASSERT_FALSE(out.has_value()) << f;
    EXPECT_EQ(out.error().code(), ErrorCode::kInvalidArgument) << f;
  }
  EXPECT_EQ(render_content_type("pdf"), "application/pdf");
  EXPECT_EQ(render_content_type("odt"), "");
}

TEST(RenderTest, JsonGoesToTheCliContract) {
  const std::string json = render_ok(sample_report(), "json");
  EXPECT_TRUE(json.starts_with("{\"year\":2023")) << json.substr(0, 80);
}

TEST(RenderDocumentTest, LayoutHasSixSectionsAndValidTables) {
  auto doc = report_document(sample_report());
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->title, "东阳市财政局\n2023年政府信息公开工作年度报告");  // broken after the organ
  EXPECT_TRUE(docgen::validate(*doc).has_value());
  int tables = 0, headings = 0;
  for (const auto& b : doc->blocks) {
    tables += std::holds_alternative<docgen::Table>(b) ? 1 : 0;
    headings += std::holds_alternative<docgen::Heading>(b) ? 1 : 0;
  }
  EXPECT_EQ(tables, 6);
  EXPECT_EQ(headings, 6);
}

TEST(RenderPdfTest, TextHoldsLabelsAndNumbers) {
  const std::string pdf = render_ok(sample_report(), "pdf");
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  if (const char* dir = std::getenv("GK_RENDER_OUT"))  // for looking at it: pdftoppm -png …
    std::ofstream(fs::path(dir) / "annual-report.pdf", std::ios::binary) << pdf;
  TempFile f(pdf, ".pdf");
  const std::string text = squeeze(run("pdftotext -enc UTF-8 " + f.path + " - 2>&1"));
  for (auto l : {"东阳市财政局2023年政府信息公开工作年度报告", "本年新收政府信息公开申请数量",
                 "结转下年度继续办理", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项",
                 "第二十条第（一）项", "未经复议直接起诉"})
    EXPECT_NE(text.find(l), std::string::npos) << l;
  for (auto n : {"101", "107", "1304", "2507", "12.5", "55"}) EXPECT_NE(text.find(n), std::string::npos) << n;
}

// A page of pdftoppm's grey output (P5 PGM): width, height and one byte per pixel.
struct GreyPage {
  int width = 0, height = 0;
  std::string pixels;
};

GreyPage read_pgm(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string magic;
  GreyPage page;
  int maxval = 0;
  in >> magic >> page.width >> page.height >> maxval;
  in.get();  // the single whitespace before the raster
  page.pixels.resize(static_cast<size_t>(page.width) * static_cast<size_t>(page.height));
  in.read(page.pixels.data(), static_cast<std::streamsize>(page.pixels.size()));
  EXPECT_EQ(magic, "P5") << file;
  EXPECT_EQ(maxval, 255) << file;
  return page;
}

// Rows of pixels dark along at least `fraction` of the page width: the rules of a table.
int ruled_lines(const GreyPage& p, double fraction) {
  int lines = 0;
  for (int y = 0; y < p.height; ++y) {
    int dark = 0;
    for (int x = 0; x < p.width; ++x)
      dark += static_cast<unsigned char>(p.pixels[static_cast<size_t>(y) * p.width + x]) < 128 ? 1 : 0;
    lines += dark >= fraction * p.width ? 1 : 0;
  }
  return lines;
}

// The "Done when" of issue 6: rendered with pdftoppm, the PDF shows the tables (ruled lines across
// the page) with Chinese text drawn from embedded CJK fonts (not boxes or missing glyphs: pdftotext
// reads the labels back, and pdffonts lists only embedded fonts).
TEST(RenderPdfTest, PdftoppmShowsRuledTablesDrawnWithEmbeddedCjkFonts) {
  const std::string pdf = render_ok(sample_report(), "pdf");
  TempFile f(pdf, ".pdf");
  const std::string fonts = run("pdffonts " + f.path);
  EXPECT_NE(fonts.find("CJK"), std::string::npos) << fonts;
  std::istringstream font_lines(fonts);
  int listed = 0;
  for (std::string line; std::getline(font_lines, line);) {
    if (line.starts_with("name") || line.starts_with("---") || line.empty()) continue;
    ++listed;
    EXPECT_NE(line.find(" yes "), std::string::npos) << "font not embedded: " << line;
  }
  EXPECT_GT(listed, 0);
  const fs::path prefix = fs::path(f.path).replace_extension("");
  run("pdftoppm -r 60 -gray " + f.path + " " + prefix.string());
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(prefix.parent_path()))
    if (e.path().filename().string().starts_with(prefix.filename().string() + "-") && e.path().extension() == ".pgm")
      pages.push_back(e.path());
  ASSERT_GE(pages.size(), 2u) << "A4 pages of the six sections";
  int table_pages = 0, most_lines = 0;
  for (const auto& file : pages) {
    const GreyPage page = read_pgm(file);
    fs::remove(file);
    EXPECT_NEAR(page.width * 297.0 / 210.0, page.height, 3.0) << "A4 portrait";
    size_t ink = 0;
    for (char px : page.pixels) ink += static_cast<unsigned char>(px) < 128 ? 1 : 0;
    const double share = static_cast<double>(ink) / static_cast<double>(page.pixels.size());
    EXPECT_GT(share, 0.003) << file << ": a page without text";
    EXPECT_LT(share, 0.5) << file << ": a page drawn black";
    const int lines = ruled_lines(page, 0.6);
    table_pages += lines >= 5 ? 1 : 0;
    most_lines = std::max(most_lines, lines);
  }
  EXPECT_GE(table_pages, 1);
  // The applications table alone has a rule under each of its header rows and 25 rows.
  EXPECT_GE(most_lines, 20);
}

TEST(RenderDocxTest, RealTablesWithLabels) {
  const std::string docx = render_ok(sample_report(), "docx");
  if (const char* dir = std::getenv("GK_RENDER_OUT"))
    std::ofstream(fs::path(dir) / "annual-report.docx", std::ios::binary) << docx;
  auto parts = unzip(docx);
  ASSERT_TRUE(parts.contains("word/document.xml"));
  const std::string& xml = parts["word/document.xml"];
  EXPECT_EQ(count(xml, "<w:tbl>"), 6u);
  for (size_t i = 0; i < kApplicationRows.size(); ++i)
    EXPECT_NE(xml.find(std::string(application_row_caption(kApplicationRows[i]))), std::string::npos)
        << kApplicationRows[i];
  for (auto l : kSpotLabels) EXPECT_NE(xml.find(l), std::string::npos) << l;
  EXPECT_NE(xml.find(">2507<"), std::string::npos);
  EXPECT_NE(xml.find("w:gridSpan w:val=\"7\""), std::string::npos);
}

TEST(RenderXlsxTest, ThreeSheetsWithLabelsAndNumbers) {
  const std::string xlsx = render_ok(sample_report(), "xlsx");
  if (const char* dir = std::getenv("GK_RENDER_OUT"))
    std::ofstream(fs::path(dir) / "annual-report.xlsx", std::ios::binary) << xlsx;
  auto parts = unzip(xlsx);
  ASSERT_TRUE(parts.contains("xl/workbook.xml"));
  const std::string& wb = parts["xl/workbook.xml"];
  for (auto s : {"主动公开", "依申请公开", "复议诉讼"}) EXPECT_NE(wb.find(s), std::string::npos) << s;
  ASSERT_TRUE(parts.contains("xl/worksheets/sheet1.xml"));
  ASSERT_TRUE(parts.contains("xl/worksheets/sheet2.xml"));
  ASSERT_TRUE(parts.contains("xl/worksheets/sheet3.xml"));
  EXPECT_FALSE(parts.contains("xl/worksheets/sheet4.xml"));
  const std::string& strings = parts["xl/sharedStrings.xml"];
  for (size_t i = 0; i < kApplicationRows.size(); ++i)
    EXPECT_NE(strings.find(std::string(application_row_caption(kApplicationRows[i]))), std::string::npos)
        << kApplicationRows[i];
  for (auto l : kSpotLabels) EXPECT_NE(strings.find(l), std::string::npos) << l;
  // Numbers are numbers (<v> of a cell without t="s"), in the sheet of their table.
  const std::string& apps = parts["xl/worksheets/sheet2.xml"];
  for (size_t i = 0; i < kApplicationRows.size(); ++i)
    for (size_t c = 0; c < 7; ++c)
      EXPECT_NE(apps.find("<v>" + std::to_string(app_value(i, c)) + "</v>"), std::string::npos)
          << i << "," << c;
  EXPECT_NE(parts["xl/worksheets/sheet1.xml"].find("<v>12.5</v>"), std::string::npos);
  EXPECT_NE(parts["xl/worksheets/sheet3.xml"].find("<v>55</v>"), std::string::npos);
  EXPECT_NE(apps.find("<mergeCell ref="), std::string::npos);
  EXPECT_NE(parts["xl/worksheets/sheet3.xml"].find("<mergeCell ref="), std::string::npos);
}

}  // namespace
}  // namespace gk::report
