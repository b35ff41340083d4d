// Sample documents for docgen tests: a reply letter, and the two tables of the statutory annual
// report whose shapes the renderers must handle (国办公开办函〔2021〕30号, regulations.md §3.3–3.4):
// the 25-row applications table under a two-level applicant header, and the 15-column
// reconsideration/litigation table under a three-level header. Test-only; header-only.
#pragma once

#include <string>
#include <vector>

#include "docgen/office_document.h"

namespace gk::docgen::testing_docs {

inline std::vector<TableCell> numbers(int seed, int n) {
  std::vector<TableCell> out;
  for (int i = 0; i < n; ++i) out.push_back(number_cell((seed * 7 + i * 3) % 23));
  return out;
}

inline void append(std::vector<TableCell>& row, std::vector<TableCell> more) {
  for (auto& c : more) row.push_back(std::move(c));
}

// 三、收到和处理政府信息公开申请情况: 3 label columns + 7 applicant columns; 3 header rows + 25 rows.
inline Table applications_table() {
  Table t;
  t.column_widths = {1.0, 1.4, 4.4, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1};
  t.header_rows = 3;
  t.rows.push_back({cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
                    cell("申请人情况", 1, 7)});
  t.rows.push_back({cell("自然人", 2), cell("法人或其他组织", 1, 5), cell("总计", 2)});
  t.rows.push_back(
      {cell("商业企业"), cell("科研机构"), cell("社会公益组织"), cell("法律服务机构"), cell("其他")});
  int seed = 1;
  auto row3 = [&](std::string label) {
    std::vector<TableCell> r{cell(std::move(label), 1, 3)};
    append(r, numbers(seed++, 7));
    t.rows.push_back(std::move(r));
  };
  row3("一、本年新收政府信息公开申请数量");
  row3("二、上年结转政府信息公开申请数量");
  {
    std::vector<TableCell> r{cell("三、本年度办理结果", 22), cell("（一）予以公开", 1, 2)};
    append(r, numbers(seed++, 7));
    t.rows.push_back(std::move(r));
  }
  {
    std::vector<TableCell> r{cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2)};
    append(r, numbers(seed++, 7));
    t.rows.push_back(std::move(r));
  }
  auto group = [&](std::string label, std::vector<std::string> items) {
    for (size_t i = 0; i < items.size(); ++i) {
      std::vector<TableCell> r;
      if (i == 0) r.push_back(cell(label, static_cast<int>(items.size())));
      r.push_back(cell(items[i]));
      append(r, numbers(seed++, 7));
      t.rows.push_back(std::move(r));
    }
  };
  group("（三）不予公开",
        {"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
         "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"});
  group("（四）无法提供",
        {"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"});
  group("（五）不予处理", {"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                           "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"});
  group("（六）其他处理",
        {"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"});
  {
    std::vector<TableCell> r{cell("（七）总计", 1, 2)};
    append(r, numbers(seed++, 7));
    t.rows.push_back(std::move(r));
  }
  row3("四、结转下年度继续办理");
  return t;
}

// 四、政府信息公开行政复议、行政诉讼情况: 15 columns, a three-level header and one data row.
inline Table remedies_table() {
  Table t;
  t.header_rows = 3;
  t.rows.push_back({cell("行政复议", 2, 5), cell("行政诉讼", 1, 10)});
  t.rows.push_back({cell("未经复议直接起诉", 1, 5), cell("复议后起诉", 1, 5)});
  std::vector<TableCell> labels;
  for (int g = 0; g < 3; ++g)
    for (const char* l : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}) labels.push_back(cell(l));
  t.rows.push_back(std::move(labels));
  std::vector<TableCell> data;
  for (int i = 0; i < 15; ++i) data.push_back(number_cell(i == 14 ? 0 : i % 4));
  t.rows.push_back(std::move(data));
  return t;
}

inline OfficeDocument letter() {
  OfficeDocument d;
  d.title = "政府信息公开申请答复书";
  d.doc_number = "东财依复〔2024〕12号";
  d.metadata.author = "东阳市财政局";
  d.metadata.created = Date::from_ymd(2024, 6, 3);
  d.blocks.push_back(paragraph("张三：", Align::kLeft, false));
  d.blocks.push_back(
      paragraph("本机关于2024年5月6日收到您提出的政府信息公开申请，申请获取“东阳市2023年度财政预算执行情况"
                "和其他财政收支的审计工作报告”的政府信息。经审查，该信息属于可以公开的政府信息。"));
  d.blocks.push_back(paragraph(
      std::vector<Run>{{"根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，", false},
                       {"本机关决定予以公开", true},
                       {"，现以电子数据形式向您提供，详见附件。Tom & Jerry <测试> “引号” 'apos'。", false}}));
  d.blocks.push_back(Spacer{28});
  d.blocks.push_back(Signature{"东阳市财政局", "2024年6月3日", "（盖章）"});
  return d;
}

inline OfficeDocument annual_report() {
  OfficeDocument d;
  d.title = "东阳市财政局2023年政府信息公开工作年度报告";
  d.metadata.author = "东阳市财政局";
  d.metadata.created = Date::from_ymd(2024, 1, 20);
  d.blocks.push_back(Heading{1, "一、总体情况"});
  d.blocks.push_back(paragraph(
      "2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
      "全年主动公开政府信息1,234条，受理政府信息公开申请56件。"));
  d.blocks.push_back(Heading{1, "三、收到和处理政府信息公开申请情况"});
  d.blocks.push_back(applications_table());
  d.blocks.push_back(Heading{1, "四、政府信息公开行政复议、行政诉讼情况"});
  d.blocks.push_back(remedies_table());
  d.blocks.push_back(Heading{2, "（一）其他事项"});
  d.blocks.push_back(paragraph("本年度收取信息处理费0元。"));
  return d;
}

// A document long enough to need several pages: `paragraphs` paragraphs and a table of `rows` rows
// with one header row.
inline OfficeDocument long_document(int paragraphs, int rows) {
  OfficeDocument d;
  d.title = "长文档分页测试";
  for (int i = 0; i < paragraphs; ++i)
    d.blocks.push_back(
        paragraph("第" + std::to_string(i + 1) +
                  "段：政府信息公开工作坚持以公开为常态、不公开为例外，遵循公正、公平、合法、便民的原则。"
                  "行政机关应当及时、准确地公开政府信息。"));
  Table t;
  t.header_rows = 1;
  t.column_widths = {1, 4, 1.5};
  t.rows.push_back({cell("序号"), cell("表头名称栏"), cell("数量")});
  for (int r = 0; r < rows; ++r)
    t.rows.push_back(
        {cell(std::to_string(r + 1)), cell("第" + std::to_string(r + 1) + "行内容"), number_cell(r * 3)});
  d.blocks.push_back(t);
  return d;
}

}  // namespace gk::docgen::testing_docs
