#include "docgen/office_document.h"

#include <gtest/gtest.h>

#include "docgen/test_documents.h"

namespace gk::docgen {
namespace {

TEST(TableGridTest, ResolvesApplicationsTableShape) {
  const Table t = testing_docs::applications_table();
  auto g = resolve_grid(t);
  ASSERT_TRUE(g.has_value()) << g.error().to_string();
  EXPECT_EQ(g->cols, 10);      // three label columns + 7 applicant columns
  EXPECT_EQ(g->rows, 3 + 25);  // three header rows + the 25 rows of §3.3
  // 申请人情况 spans the seven data columns; 法人或其他组织 the five organisation kinds.
  EXPECT_EQ(g->at(0, 3).cell->text, "申请人情况");
  EXPECT_EQ(g->at(0, 9).col_span, 7);
  EXPECT_EQ(g->at(1, 5).cell->text, "法人或其他组织");
  EXPECT_EQ(g->at(2, 3).cell->text, "自然人");  // covered by the row span from row 1
  EXPECT_EQ(g->at(2, 4).cell->text, "商业企业");
  EXPECT_EQ(g->at(2, 9).cell->text, "总计");
  // 三、本年度办理结果 runs down the (一)…(七) rows.
  EXPECT_EQ(g->at(5, 0).cell->text, "三、本年度办理结果");
  EXPECT_EQ(g->at(26, 0).cell->text, "三、本年度办理结果");
  EXPECT_EQ(g->at(27, 0).cell->text, "四、结转下年度继续办理");
}

TEST(TableGridTest, ResolvesRemediesTableShape) {
  const Table t = testing_docs::remedies_table();
  auto g = resolve_grid(t);
  ASSERT_TRUE(g.has_value()) << g.error().to_string();
  EXPECT_EQ(g->cols, 15);
  EXPECT_EQ(g->rows, 4);
  EXPECT_EQ(g->at(1, 4).cell->text, "行政复议");
  EXPECT_EQ(g->at(0, 14).cell->text, "行政诉讼");
  EXPECT_EQ(g->at(1, 9).cell->text, "未经复议直接起诉");
  EXPECT_EQ(g->at(1, 10).cell->text, "复议后起诉");
  EXPECT_EQ(g->at(2, 14).cell->text, "总计");
  EXPECT_EQ(g->at(3, 14).cell->text, "0");
}

TEST(TableGridTest, RejectsBrokenSpans) {
  struct Case {
    const char* name;
    Table table;
  };
  std::vector<Case> cases;
  {
    Table t;  // second row too short
    t.rows = {{cell("a"), cell("b")}, {cell("c")}};
    cases.push_back({"short row", t});
  }
  {
    Table t;  // row span past the end
    t.rows = {{cell("a", 3), cell("b")}, {cell("c")}};
    cases.push_back({"row span too long", t});
  }
  {
    Table t;  // column span over a row-spanned position
    t.column_widths = {1, 1, 1};
    t.rows = {{cell("a"), cell("b", 2), cell("c")}, {cell("d", 1, 2), cell("e")}};
    cases.push_back({"overlap", t});
  }
  {
    Table t;  // too many cells for the declared columns
    t.column_widths = {1, 1};
    t.rows = {{cell("a"), cell("b"), cell("c")}};
    cases.push_back({"too wide", t});
  }
  cases.push_back({"empty", Table{}});
  for (const auto& c : cases) {
    auto g = resolve_grid(c.table);
    ASSERT_FALSE(g.has_value()) << c.name;
    EXPECT_EQ(g.error().code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_FALSE(g.error().fields().empty()) << c.name;
  }
}

TEST(OfficeDocumentTest, NumericCellsAlignRightAndHeadersCentre) {
  EXPECT_EQ(effective_align(cell("1,234"), false), Align::kRight);
  EXPECT_EQ(effective_align(cell("-5"), false), Align::kRight);
  EXPECT_EQ(effective_align(cell("12.5%"), false), Align::kRight);
  EXPECT_EQ(effective_align(cell("自然人"), false), Align::kLeft);
  EXPECT_EQ(effective_align(cell("3"), true), Align::kCentre);
  EXPECT_EQ(effective_align(number_cell(7), true), Align::kRight);
}

TEST(OfficeDocumentTest, ValidateRejectsInvalidUtf8AndNamesTheField) {
  OfficeDocument doc;
  doc.blocks.push_back(paragraph("好"));
  doc.blocks.push_back(paragraph(std::string("bad \xC3\x28 byte")));
  auto st = validate(doc);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_FALSE(st.error().fields().empty());
  EXPECT_EQ(st.error().fields().front().field, "blocks[1].runs[0]");
}

TEST(OfficeDocumentTest, ValidateRejectsBadTableWithBlockPath) {
  OfficeDocument doc;
  Table t;
  t.rows = {{cell("a"), cell("b")}, {cell("c")}};
  doc.blocks.push_back(t);
  auto st = validate(doc);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().fields().front().field, "blocks[0].rows[1]");
}

TEST(OfficeDocumentTest, ValidateAcceptsTheSampleDocuments) {
  EXPECT_TRUE(validate(testing_docs::letter()).has_value());
  EXPECT_TRUE(validate(testing_docs::annual_report()).has_value());
}

}  // namespace
}  // namespace gk::docgen
