// parse_statistics_xlsx / parse_statistics_file: workbooks written by libxlsxwriter (shared strings,
// rich text, numbers) and by hand (Excel's "120.0" / "1.2E2" number text, inline strings, sparse
// rows, prefixed names, a second sheet first in the zip), and the inputs that are not workbooks.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "report/statistics.h"

namespace gk::report {
namespace {

constexpr const char* kHeaderFields[] = {
    "department", "year", "licensing_decisions", "penalties", "enforcement_measures", "fees_10k_yuan"};

std::vector<accounts::Department> departments() {
  std::vector<accounts::Department> out;
  int64_t id = 1;
  for (auto [code, name] : {std::pair{"sfb", "东阳市人民政府办公室"}, std::pair{"czj", "东阳市财政局"}}) {
    accounts::Department d;
    d.id = DepartmentId(id++);
    d.code = code;
    d.name = name;
    out.push_back(d);
  }
  return out;
}

class TempFile {
 public:
  TempFile() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("gk-stat-xlsx-" + std::to_string(rd()) + ".xlsx");
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::filesystem::path path_;
};

// A zip of the given entries (name → content), deflated.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  TempFile f;
  int err = 0;
  zip_t* za = zip_open(f.path().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(za, nullptr);
  if (!za) return {};
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(za), 0);
  return f.read();
}

constexpr const char* kWorkbookXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="统计" sheetId="1" r:id="rId7"/><sheet name="说明" sheetId="2" r:id="rId8"/></sheets>)"
    R"(</workbook>)";
constexpr const char* kRelsXml =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>)"
    R"(</Relationships>)";

// A header row of inline strings, then `rows` (already <row> elements), in a sheet whose elements
// carry the "x:" prefix, as the .NET Open XML SDK writes them.
std::string sheet_xml(const std::string& rows) {
  std::string header = R"(<x:row r="1">)";
  const char* cols = "ABCDEF";
  for (int i = 0; i < 6; ++i) {
    header += std::string(R"(<x:c r=")") + cols[i] + R"(1" t="inlineStr"><x:is><x:t>)" + kHeaderFields[i] +
              "</x:t></x:is></x:c>";
  }
  header += "</x:row>";
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
         header + rows + "</x:sheetData></x:worksheet>";
}

// A hand-written workbook whose first sheet (rId7) is xl/worksheets/data.xml; sheet1.xml, second in
// tab order, holds a decoy that must not be read.
std::string handmade_workbook(const std::string& rows) {
  return zip_of(
      {{"[Content_Types].xml", "<Types/>"},
       {"xl/workbook.xml", kWorkbookXml},
       {"xl/_rels/workbook.xml.rels", kRelsXml},
       {"xl/worksheets/sheet1.xml",
        sheet_xml(R"(<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>decoy</x:t></x:is></x:c></x:row>)")},
       {"xl/worksheets/data.xml", sheet_xml(rows)}});
}

std::string describe(const Error& e) { return e.to_string(); }

TEST(StatisticsXlsxTest, ReadsAWorkbookOfLibxlsxwriterWithSharedStringsAndNumbers) {
  TempFile f;
  lxw_workbook* wb = workbook_new(f.path().c_str());
  ASSERT_NE(wb, nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "统计");
  for (int c = 0; c < 6; ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), kHeaderFields[c], nullptr);
  // Row 2: numbers as numeric cells, the department by code.
  worksheet_write_string(ws, 1, 0, "czj", nullptr);
  worksheet_write_number(ws, 1, 1, 2025, nullptr);
  worksheet_write_number(ws, 1, 2, 120, nullptr);
  worksheet_write_number(ws, 1, 3, 45, nullptr);
  worksheet_write_number(ws, 1, 4, 3, nullptr);
  worksheet_write_number(ws, 1, 5, 12.5, nullptr);
  // Row 3: the department by its Chinese name, as rich text (two runs); numbers as text cells.
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_rich_string_tuple run1 = {bold, const_cast<char*>("东阳市")};
  lxw_rich_string_tuple run2 = {nullptr, const_cast<char*>("人民政府办公室")};
  lxw_rich_string_tuple* runs[] = {&run1, &run2, nullptr};
  worksheet_write_rich_string(ws, 2, 0, runs, nullptr);
  const char* texts[] = {"2025", "7", "0", "0", "0.0125"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c + 1), texts[c], nullptr);
  // Row 5 (row 4 left empty): an unknown department, reported under its worksheet row number.
  worksheet_write_string(ws, 4, 0, "nosuch", nullptr);
  for (int c = 1; c < 6; ++c) worksheet_write_number(ws, 4, static_cast<lxw_col_t>(c), 1, nullptr);
  // Row 6: a negative count; row 7: a fee with 5 decimals.
  worksheet_write_string(ws, 5, 0, "czj", nullptr);
  worksheet_write_number(ws, 5, 1, 2024, nullptr);
  worksheet_write_number(ws, 5, 2, -1, nullptr);
  for (int c = 3; c < 6; ++c) worksheet_write_number(ws, 5, static_cast<lxw_col_t>(c), 1, nullptr);
  worksheet_write_string(ws, 6, 0, "czj", nullptr);
  for (int c = 1; c < 5; ++c)
    worksheet_write_number(ws, 6, static_cast<lxw_col_t>(c), c == 1 ? 2023 : 1, nullptr);
  worksheet_write_number(ws, 6, 5, 1.23456, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto parsed = parse_statistics_xlsx(f.read(), departments());
  ASSERT_TRUE(parsed) << describe(parsed.error());
  ASSERT_EQ(parsed->rows.size(), 2u);
  const StatisticsRow& czj = parsed->rows[0];
  EXPECT_EQ(czj.department, DepartmentId(2));
  EXPECT_EQ(czj.year, 2025);
  EXPECT_EQ(czj.licensing_decisions, 120);
  EXPECT_EQ(czj.penalties, 45);
  EXPECT_EQ(czj.enforcement_measures, 3);
  EXPECT_EQ(czj.fees_yuan, 125000);  // 12.5 万元
  const StatisticsRow& sfb = parsed->rows[1];
  EXPECT_EQ(sfb.department, DepartmentId(1));
  EXPECT_EQ(sfb.licensing_decisions, 7);
  EXPECT_EQ(sfb.fees_yuan, 125);

  ASSERT_EQ(parsed->rejected.size(), 3u);
  EXPECT_EQ(parsed->rejected[0], (std::pair<int, std::string>{5, "未知单位“nosuch”"}));
  EXPECT_EQ(parsed->rejected[1], (std::pair<int, std::string>{6, "数量应为非负整数"}));
  EXPECT_EQ(parsed->rejected[2].first, 7);
  EXPECT_TRUE(parsed->rejected[2].second.starts_with("fees_10k_yuan")) << parsed->rejected[2].second;
}

TEST(StatisticsXlsxTest, ConvertsExcelNumberTextExactly) {
  // Excel may write integers as "120.0" or "1.2E2"; 12.5 stays 12.5 and 0.0125 (1.25E-2) is 125 yuan.
  auto parsed = parse_statistics_xlsx(
      handmade_workbook(
          R"(<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c>)"
          R"(<x:c r="B2" t="n"><x:v>2.025E3</x:v></x:c><x:c r="C2"><x:v>120.0</x:v></x:c>)"
          R"(<x:c r="D2"><x:v>1.2E2</x:v></x:c><x:c r="E2"><x:v>3</x:v></x:c><x:c r="F2"><x:v>12.50</x:v></x:c></x:row>)"
          R"(<x:row r="3"><x:c r="A3" t="str"><x:f>"s"&amp;"fb"</x:f><x:v>sfb</x:v></x:c>)"
          R"(<x:c r="B3"><x:v>2025</x:v></x:c><x:c r="C3"><x:v>0</x:v></x:c>)"
          R"(<x:c r="D3"><x:v>1E+1</x:v></x:c><x:c r="E3"><x:v>0</x:v></x:c><x:c r="F3"><x:v>1.25E-2</x:v></x:c></x:row>)"
          R"(<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c>)"
          R"(<x:c r="B4"><x:v>2024</x:v></x:c><x:c r="C4"><x:v>12.5</x:v></x:c>)"
          R"(<x:c r="D4"><x:v>0</x:v></x:c><x:c r="E4"><x:v>0</x:v></x:c><x:c r="F4"><x:v>0.30000000000000004</x:v></x:c></x:row>)"),
      departments());
  ASSERT_TRUE(parsed) << describe(parsed.error());
  ASSERT_EQ(parsed->rows.size(), 2u);
  EXPECT_EQ(parsed->rows[0].year, 2025);
  EXPECT_EQ(parsed->rows[0].licensing_decisions, 120);
  EXPECT_EQ(parsed->rows[0].penalties, 120);
  EXPECT_EQ(parsed->rows[0].fees_yuan, 125000);
  EXPECT_EQ(parsed->rows[1].department, DepartmentId(1));
  EXPECT_EQ(parsed->rows[1].penalties, 10);
  EXPECT_EQ(parsed->rows[1].fees_yuan, 125);
  // A count of 12.5 is not an integer, and floating-point noise in a fee is not rounded away.
  ASSERT_EQ(parsed->rejected.size(), 1u);
  EXPECT_EQ(parsed->rejected[0], (std::pair<int, std::string>{4, "数量应为非负整数"}));
}

TEST(StatisticsXlsxTest, PlacesCellsByReferenceInSparseRows) {
  auto parsed = parse_statistics_xlsx(
      handmade_workbook(
          // Row 3 (row 2 absent): B3 missing, so the year is empty; trailing styled blank cells ignored.
          R"(<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c>)"
          R"(<x:c r="C3"><x:v>1</x:v></x:c><x:c r="D3"><x:v>1</x:v></x:c><x:c r="E3"><x:v>1</x:v></x:c>)"
          R"(<x:c r="F3"><x:v>1</x:v></x:c><x:c r="H3" s="1"/></x:row>)"
          // A row of only blank cells is skipped like a blank CSV line.
          R"(<x:row r="4"><x:c r="A4" s="1"/><x:c r="B4" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c></x:row>)"
          // Rows and cells without r= follow the previous one; a seventh column is one too many.
          R"(<x:row><x:c t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c><x:c><x:v>2023</x:v></x:c>)"
          R"(<x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>)"
          R"(<x:row r="9"><x:c r="A9" t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c><x:c r="B9"><x:v>2022</x:v></x:c>)"
          R"(<x:c r="F9"><x:v>0</x:v></x:c><x:c r="G9"><x:v>9</x:v></x:c></x:row>)"),
      departments());
  ASSERT_TRUE(parsed) << describe(parsed.error());
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].year, 2023);
  EXPECT_EQ(parsed->rows[0].penalties, 2);
  EXPECT_EQ(parsed->rows[0].fees_yuan, 40000);
  ASSERT_EQ(parsed->rejected.size(), 2u);
  EXPECT_EQ(parsed->rejected[0], (std::pair<int, std::string>{3, "year: 年度应在 2000 至 9999 之间"}));
  EXPECT_EQ(parsed->rejected[1], (std::pair<int, std::string>{9, "应有 6 列"}));
}

TEST(StatisticsXlsxTest, SharedStringsKeepRichRunsAndDropPhoneticGuides) {
  const std::string shared =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">)"
      R"(<si><r><rPr><b/></rPr><t>东阳市</t></r><r><t xml:space="preserve">财政局</t></r><rPh sb="0" eb="1"><t>ドン</t></rPh></si>)"
      R"(<si><t>2025</t></si></sst>)";
  const std::string rows =
      R"(<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c>)"
      R"(<x:c r="C2"><x:v>1</x:v></x:c><x:c r="D2"><x:v>2</x:v></x:c><x:c r="E2"><x:v>3</x:v></x:c>)"
      R"(<x:c r="F2"><x:v>4</x:v></x:c></x:row>)";
  auto parsed = parse_statistics_xlsx(zip_of({{"xl/workbook.xml", kWorkbookXml},
                                              {"xl/_rels/workbook.xml.rels", kRelsXml},
                                              {"xl/sharedStrings.xml", shared},
                                              {"xl/worksheets/data.xml", sheet_xml(rows)}}),
                                      departments());
  ASSERT_TRUE(parsed) << describe(parsed.error());
  ASSERT_EQ(parsed->rows.size(), 1u) << (parsed->rejected.empty() ? "" : parsed->rejected[0].second);
  EXPECT_EQ(parsed->rows[0].department, DepartmentId(2));
  EXPECT_EQ(parsed->rows[0].year, 2025);

  // An index past the end of the table is a broken file, not an empty cell.
  auto broken = parse_statistics_xlsx(
      zip_of({{"xl/workbook.xml", kWorkbookXml},
              {"xl/_rels/workbook.xml.rels", kRelsXml},
              {"xl/sharedStrings.xml", shared},
              {"xl/worksheets/data.xml",
               sheet_xml(R"(<x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c></x:row>)")}}),
      departments());
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code(), ErrorCode::kInvalidArgument);
}

TEST(StatisticsXlsxTest, WithoutRelationshipsTheFirstSheetIsSheet1) {
  auto parsed = parse_statistics_xlsx(
      zip_of(
          {{"xl/workbook.xml", "<workbook/>"},
           {"xl/worksheets/sheet1.xml",
            sheet_xml(
                R"(<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c>)"
                R"(<x:c r="B2"><x:v>2023</x:v></x:c><x:c r="C2"><x:v>1</x:v></x:c><x:c r="D2"><x:v>1</x:v></x:c>)"
                R"(<x:c r="E2"><x:v>1</x:v></x:c><x:c r="F2"><x:v>1</x:v></x:c></x:row>)")}}),
      departments());
  ASSERT_TRUE(parsed) << describe(parsed.error());
  EXPECT_EQ(parsed->rows.size(), 1u);
}

TEST(StatisticsXlsxTest, RejectsAWrongHeader) {
  TempFile f;
  lxw_workbook* wb = workbook_new(f.path().c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_write_string(ws, 0, 0, "单位", nullptr);
  worksheet_write_string(ws, 0, 1, "年度", nullptr);
  worksheet_write_string(ws, 1, 0, "czj", nullptr);
  worksheet_write_number(ws, 1, 1, 2023, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto parsed = parse_statistics_xlsx(f.read(), departments());
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(parsed.error().message().starts_with("表头应为 department,year,")) << parsed.error().message();

  // An empty worksheet has no header either.
  TempFile g;
  lxw_workbook* empty = workbook_new(g.path().c_str());
  workbook_add_worksheet(empty, nullptr);
  ASSERT_EQ(workbook_close(empty), LXW_NO_ERROR);
  auto none = parse_statistics_xlsx(g.read(), departments());
  ASSERT_FALSE(none);
  EXPECT_TRUE(none.error().message().starts_with("表头应为")) << none.error().message();
}

void expect_not_xlsx(const Result<ParsedStatistics>& r) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(r.error().message().starts_with("不是有效的 XLSX 文件")) << r.error().message();
}

TEST(StatisticsXlsxTest, RejectsWhatIsNotAWorkbook) {
  // A zip that is not a spreadsheet (a .docx, say).
  expect_not_xlsx(parse_statistics_xlsx(zip_of({{"word/document.xml", "<document/>"}}), departments()));
  // Not a zip at all, an empty input, a truncated zip.
  expect_not_xlsx(parse_statistics_xlsx("department,year\n", departments()));
  expect_not_xlsx(parse_statistics_xlsx("", departments()));
  const std::string good = handmade_workbook("");
  expect_not_xlsx(parse_statistics_xlsx(good.substr(0, good.size() / 2), departments()));
  // A zip whose parts are corrupt: a byte of compressed data flipped.
  std::string flipped =
      zip_of({{"xl/workbook.xml", kWorkbookXml}, {"xl/worksheets/sheet1.xml", sheet_xml("")}});
  const size_t at = flipped.find("xl/worksheets/sheet1.xml") + 30;
  flipped[at] = static_cast<char>(flipped[at] ^ 0x55);
  expect_not_xlsx(parse_statistics_xlsx(flipped, departments()));
  // Malformed XML in the sheet; a workbook without its sheet.
  expect_not_xlsx(parse_statistics_xlsx(
      zip_of({{"xl/workbook.xml", kWorkbookXml}, {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>"}}),
      departments()));
  expect_not_xlsx(parse_statistics_xlsx(zip_of({{"xl/workbook.xml", kWorkbookXml}}), departments()));
}

TEST(StatisticsXlsxTest, RefusesDtdsAndPartsThatInflatePastTheLimit) {
  // Entity expansion ("billion laughs") needs a DTD; OOXML never has one.
  const std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>)"
      R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)";
  expect_not_xlsx(parse_statistics_xlsx(
      zip_of({{"xl/workbook.xml", kWorkbookXml}, {"xl/worksheets/sheet1.xml", laughs}}), departments()));

  // 21 MB of whitespace deflates to a few tens of KB; reading stops at 20 MB.
  std::string bomb =
      "<worksheet><sheetData>" + std::string(21 * 1024 * 1024, ' ') + "</sheetData></worksheet>";
  const std::string zipped = zip_of({{"xl/workbook.xml", kWorkbookXml}, {"xl/worksheets/sheet1.xml", bomb}});
  EXPECT_LT(zipped.size(), 200u * 1024);
  auto r = parse_statistics_xlsx(zipped, departments());
  expect_not_xlsx(r);
  EXPECT_NE(r.error().message().find("超过 20 MB"), std::string::npos) << r.error().message();
}

// The peak resident set of this process so far, in bytes (Linux reports ru_maxrss in KiB).
int64_t peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<int64_t>(u.ru_maxrss) * 1024;
}

std::string inline_cell(const std::string& ref, const std::string& text) {
  return R"(<x:c r=")" + ref + R"(" t="inlineStr"><x:is><x:t>)" + text + "</x:t></x:is></x:c>";
}

// A valid data row r: czj, 2023, 1, 2, 3, 4 (cells without r=, so it is short).
std::string valid_row(int r) {
  return "<x:row r=\"" + std::to_string(r) +
         R"("><x:c t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c><x:c><x:v>2023</x:v></x:c>)"
         R"(<x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>)";
}

TEST(StatisticsXlsxTest, CellsOutAtColumnXfdDoNotGrowTheRowAndRejectIt) {
  // The reviewer's workbook: thousands of rows each holding one cell in the last column Excel has.
  // Placing each by its reference used to make every row 16,384 fields (2 GB for 4,000 rows).
  constexpr int kRows = 4000;
  std::string rows;
  for (int r = 2; r < 2 + kRows; ++r)
    rows +=
        "<x:row r=\"" + std::to_string(r) + "\">" + inline_cell("XFD" + std::to_string(r), "x") + "</x:row>";
  const std::string bytes = handmade_workbook(rows);
  EXPECT_LT(bytes.size(), 200u * 1024);
  const int64_t before = peak_rss_bytes();
  auto parsed = parse_statistics_xlsx(bytes, departments());
  const int64_t growth = peak_rss_bytes() - before;
  ASSERT_TRUE(parsed) << describe(parsed.error());
  EXPECT_TRUE(parsed->rows.empty());
  ASSERT_EQ(parsed->rejected.size(), static_cast<size_t>(kRows));
  for (int i = 0; i < kRows; ++i)
    ASSERT_EQ(parsed->rejected[static_cast<size_t>(i)], (std::pair<int, std::string>{i + 2, "应有 6 列"}));
  EXPECT_LT(growth, 200 * 1024 * 1024) << "peak RSS grew by " << growth << " bytes";

  // A valid row with something far to the right is rejected the same way (nothing is silently
  // dropped); a blank (styled) cell out there is a trailing blank like any other and ignored.
  auto mixed = parse_statistics_xlsx(
      handmade_workbook(valid_row(2).substr(0, valid_row(2).size() - 8) + inline_cell("XFD2", "9") +
                        "</x:row>" + valid_row(3).substr(0, valid_row(3).size() - 8) +
                        R"(<x:c r="I3"><x:v>5</x:v></x:c></x:row>)" +
                        valid_row(4).substr(0, valid_row(4).size() - 8) + R"(<x:c r="XFD4" s="1"/>)" +
                        inline_cell("XFC4", " ") + "</x:row>"),
      departments());
  ASSERT_TRUE(mixed) << describe(mixed.error());
  ASSERT_EQ(mixed->rows.size(), 1u);
  EXPECT_EQ(mixed->rows[0].fees_yuan, 40000);
  const std::vector<std::pair<int, std::string>> expected = {{2, "应有 6 列"}, {3, "应有 6 列"}};
  EXPECT_EQ(mixed->rejected, expected);

  // In the header row it is a wrong header.
  auto header = parse_statistics_xlsx(
      zip_of(
          {{"xl/workbook.xml", "<workbook/>"},
           {"xl/worksheets/sheet1.xml",
            std::string(R"(<worksheet><sheetData><row r="1">)") +
                R"(<c r="A1" t="inlineStr"><is><t>department</t></is></c><c r="B1" t="inlineStr"><is><t>year</t></is></c>)"
                R"(<c r="C1" t="inlineStr"><is><t>licensing_decisions</t></is></c><c r="D1" t="inlineStr"><is><t>penalties</t></is></c>)"
                R"(<c r="E1" t="inlineStr"><is><t>enforcement_measures</t></is></c><c r="F1" t="inlineStr"><is><t>fees_10k_yuan</t></is></c>)"
                R"(<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>)"}}),
      departments());
  ASSERT_FALSE(header);
  EXPECT_TRUE(header.error().message().starts_with("表头应为")) << header.error().message();
}

TEST(StatisticsXlsxTest, RefusesMoreThanTenThousandDataRows) {
  // 10,000 data rows are fine, blank rows between them not counted.
  std::string rows;
  for (int r = 2; r < 2 + 10000; ++r) {
    rows += valid_row(r);
    if (r % 2 == 0) rows += "<x:row/>";
  }
  auto at_limit = parse_statistics_xlsx(handmade_workbook(rows), departments());
  ASSERT_TRUE(at_limit) << describe(at_limit.error());
  EXPECT_EQ(at_limit->rows.size(), 10000u);
  EXPECT_TRUE(at_limit->rejected.empty());

  // One more, even one that would be rejected anyway, and the whole file is refused.
  auto over = parse_statistics_xlsx(
      handmade_workbook(rows + "<x:row>" + inline_cell("A20000", "x") + "</x:row>"), departments());
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(over.error().message(), "行数过多（最多 10000 行）");
  ASSERT_EQ(over.error().fields().size(), 1u);
  EXPECT_EQ(over.error().fields()[0].field, "file");
}

TEST(StatisticsXlsxTest, RefusesACellLongerThan1000Bytes) {
  // 1,000 bytes is still a cell (this one names no department, so its row is rejected).
  const std::string longest(1000, 'a');
  auto fits = parse_statistics_xlsx(
      handmade_workbook("<x:row r=\"2\">" + inline_cell("A2", longest) + "</x:row>"), departments());
  ASSERT_TRUE(fits) << describe(fits.error());
  ASSERT_EQ(fits->rejected.size(), 1u);
  EXPECT_EQ(fits->rejected[0].first, 2);

  // 1,001 bytes, however it is split into runs, refuses the file and names the cell.
  auto too_long = parse_statistics_xlsx(
      handmade_workbook("<x:row r=\"7\"><x:c r=\"B7\" t=\"inlineStr\"><x:is><x:r><x:t>" + longest +
                        "</x:t></x:r><x:r><x:t>b</x:t></x:r></x:is></x:c></x:row>"),
      departments());
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_long.error().message(), "第 7 行的单元格 B7 内容过长（最多 1000 字节）");
  // A numeric cell's value, and a long cell out past column H, alike.
  auto long_number = parse_statistics_xlsx(handmade_workbook("<x:row r=\"3\"><x:c r=\"XFD3\"><x:v>" +
                                                             std::string(5000, '1') + "</x:v></x:c></x:row>"),
                                           departments());
  ASSERT_FALSE(long_number);
  EXPECT_EQ(long_number.error().message(), "第 3 行的单元格 XFD3 内容过长（最多 1000 字节）");

  // A shared string is too long only where a cell uses it.
  const std::string shared = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                             R"(<si><t>czj</t></si><si><t>)" +
                             std::string(100000, 'z') + "</t></si></sst>";
  auto sheet_with = [&](const std::string& a2) {
    return zip_of(
        {{"xl/workbook.xml", kWorkbookXml},
         {"xl/_rels/workbook.xml.rels", kRelsXml},
         {"xl/sharedStrings.xml", shared},
         {"xl/worksheets/data.xml",
          sheet_xml(
              R"(<x:row r="2"><x:c r="A2" t="s"><x:v>)" + a2 +
              R"(</x:v></x:c><x:c r="B2"><x:v>2023</x:v></x:c><x:c r="C2"><x:v>1</x:v></x:c>)"
              R"(<x:c r="D2"><x:v>1</x:v></x:c><x:c r="E2"><x:v>1</x:v></x:c><x:c r="F2"><x:v>1</x:v></x:c></x:row>)")}});
  };
  auto unused = parse_statistics_xlsx(sheet_with("0"), departments());
  ASSERT_TRUE(unused) << describe(unused.error());
  EXPECT_EQ(unused->rows.size(), 1u);
  auto used = parse_statistics_xlsx(sheet_with("1"), departments());
  ASSERT_FALSE(used);
  EXPECT_EQ(used.error().message(), "第 2 行的单元格 A2 内容过长（最多 1000 字节）");
}

TEST(StatisticsXlsxTest, RefusesAnOversizedSharedStringTable) {
  std::string shared = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (int i = 0; i <= 100000; ++i) shared += "<si/>";
  shared += "</sst>";
  auto parsed = parse_statistics_xlsx(zip_of({{"xl/workbook.xml", kWorkbookXml},
                                              {"xl/_rels/workbook.xml.rels", kRelsXml},
                                              {"xl/sharedStrings.xml", shared},
                                              {"xl/worksheets/data.xml", sheet_xml("")}}),
                                      departments());
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(parsed.error().message().starts_with("工作簿的共享字符串过多（最多 100000 个）"))
      << parsed.error().message();
}

TEST(StatisticsXlsxTest, ParseFileTellsCsvFromXlsxByContent) {
  const std::string csv =
      "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\n"
      "czj,2023,120,45,3,12.5\n";
  auto from_csv = parse_statistics_file(csv, departments());
  ASSERT_TRUE(from_csv) << describe(from_csv.error());
  ASSERT_EQ(from_csv->rows.size(), 1u);
  EXPECT_EQ(from_csv->rows[0].fees_yuan, 125000);

  auto from_xlsx = parse_statistics_file(
      handmade_workbook(
          R"(<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>czj</x:t></x:is></x:c>)"
          R"(<x:c r="B2"><x:v>2023</x:v></x:c><x:c r="C2"><x:v>120</x:v></x:c><x:c r="D2"><x:v>45</x:v></x:c>)"
          R"(<x:c r="E2"><x:v>3</x:v></x:c><x:c r="F2"><x:v>12.5</x:v></x:c></x:row>)"),
      departments());
  ASSERT_TRUE(from_xlsx) << describe(from_xlsx.error());
  ASSERT_EQ(from_xlsx->rows.size(), 1u);
  EXPECT_EQ(from_xlsx->rows[0].licensing_decisions, from_csv->rows[0].licensing_decisions);
  EXPECT_EQ(from_xlsx->rows[0].fees_yuan, from_csv->rows[0].fees_yuan);

  // A zip goes to the XLSX reader even when it is not a workbook; an .xls gets its own message.
  expect_not_xlsx(parse_statistics_file(zip_of({{"a.csv", csv}}), departments()));
  auto xls =
      parse_statistics_file(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest", departments());
  ASSERT_FALSE(xls);
  EXPECT_NE(xls.error().message().find(".xls"), std::string::npos);
  // Anything else is read as CSV, with the CSV's header error.
  auto junk = parse_statistics_file("hello", departments());
  ASSERT_FALSE(junk);
  EXPECT_TRUE(junk.error().message().starts_with("表头应为")) << junk.error().message();
}

// The CSV parser after the refactor onto parse_statistics_lines: what it accepted and rejected before.
TEST(StatisticsCsvTest, RowsAndRejectionsAreUnchanged) {
  auto parsed = parse_statistics_csv(
      "\xEF\xBB\xBF"
      "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\r\n"
      "\r\n"
      "czj,2023,120,45,3,12.5\r\n"
      "czj,2023,1,2,3\r\n"
      "czj,2023,1,2,3,4,\r\n"
      ",,,,,\r\n"
      "czj,1999,1,1,1,1\r\n"
      "czj,2023,1,1,1,+1\r\n"
      " 东阳市人民政府办公室 ,2023,7,0,0,0.0125",
      departments());
  ASSERT_TRUE(parsed) << describe(parsed.error());
  ASSERT_EQ(parsed->rows.size(), 2u);
  EXPECT_EQ(parsed->rows[1].department, DepartmentId(1));
  EXPECT_EQ(parsed->rows[1].fees_yuan, 125);
  const std::vector<std::pair<int, std::string>> expected = {
      {4, "应有 6 列"},
      {5, "应有 6 列"},
      {6, "未知单位“”"},
      {7, "year: 年度应在 2000 至 9999 之间"},
      {8, "fees_10k_yuan: 收费金额应为非负数，最多 4 位小数（单位：万元）"}};
  EXPECT_EQ(parsed->rejected, expected);
  EXPECT_FALSE(parse_statistics_csv("", departments()));
  EXPECT_FALSE(parse_statistics_csv("czj,2023,1,1,1,1\n", departments()));
}

// The CSV keeps as little as the XLSX reader: a line of a million commas is one rejected row, not a
// million strings; too many rows or an over-long field refuse the file.
TEST(StatisticsCsvTest, SizeBoundsHoldForCsvToo) {
  const std::string header = "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan\n";
  auto commas = parse_statistics_csv(header + "czj,2023" + std::string(1'000'000, ',') + "\n", departments());
  ASSERT_TRUE(commas) << describe(commas.error());
  EXPECT_TRUE(commas->rows.empty());
  ASSERT_EQ(commas->rejected.size(), 1u);
  EXPECT_EQ(commas->rejected[0], (std::pair<int, std::string>{2, "应有 6 列"}));

  std::string many = header;
  for (size_t i = 0; i < kMaxStatisticsRows; ++i) many += "czj,2023,1,1,1,1\n\n";
  auto at_limit = parse_statistics_csv(many, departments());
  ASSERT_TRUE(at_limit) << describe(at_limit.error());
  EXPECT_EQ(at_limit->rows.size(), kMaxStatisticsRows);
  auto over = parse_statistics_csv(many + "czj,2023,1,1,1,1\n", departments());
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(over.error().message(), "行数过多（最多 10000 行）");

  auto long_field =
      parse_statistics_csv(header + std::string(kMaxStatisticsFieldBytes + 1, 'x') + ",2023,1,1,1,1\n", departments());
  ASSERT_FALSE(long_field);
  EXPECT_EQ(long_field.error().message(), "第 2 行内容过长（每项最多 1000 字节）");
}

TEST(StatisticsCsvTest, ValidateRowIsTheSharedRule) {
  auto row = validate_statistics_row({"czj", "2023", "1", "2", "3", "0.5"}, departments());
  ASSERT_TRUE(row) << describe(row.error());
  EXPECT_EQ(row->fees_yuan, 5000);
  auto bad = validate_statistics_row({"czj", "2023", "1.5", "2", "3", "0.5"}, departments());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "数量应为非负整数");
  EXPECT_EQ(validate_statistics_row({"czj"}, departments()).error().message(), "应有 6 列");
}

}  // namespace
}  // namespace gk::report
