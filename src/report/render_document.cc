#include "report/render_document.h"

#include <array>
#include <cmath>

#include <fmt/format.h>

namespace gk::report {
namespace {

using docgen::cell;
using docgen::Table;
using docgen::TableCell;

// §3.3 rows in the order of the official table. `top` is set for the rows whose label spans all three
// label columns (一、二、四), `mid` for those spanning the two columns right of 三、本年度办理结果
// （（一）（二）（七）), and `group` + `leaf` for the numbered sub-rows of （三）…（六）.
struct ApplicationRowLayout {
  std::string_view key;
  std::string_view group;  // "（三）不予公开" … for leaf rows
  std::string_view label;  // the row's own label
  int span;  // label columns the own label spans: 3 (一二四), 2 (（一）（二）（七）), 1 (leaf)
};

constexpr std::string_view kHandled = "三、本年度办理结果";
constexpr std::string_view kWithheld = "（三）不予公开";
constexpr std::string_view kUnable = "（四）无法提供";
constexpr std::string_view kNotProcessed = "（五）不予处理";
constexpr std::string_view kOther = "（六）其他处理";

constexpr std::array<ApplicationRowLayout, 25> kApplicationLayout = {{
    {"new_this_year", "", "一、本年新收政府信息公开申请数量", 3},
    {"carried_over", "", "二、上年结转政府信息公开申请数量", 3},
    {"disclosed", "", "（一）予以公开", 2},
    {"partially_disclosed", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2},
    {"withheld_state_secret", kWithheld, "1.属于国家秘密", 1},
    {"withheld_prohibited_by_law", kWithheld, "2.其他法律行政法规禁止公开", 1},
    {"withheld_security_stability", kWithheld, "3.危及“三安全一稳定”", 1},
    {"withheld_third_party_rights", kWithheld, "4.保护第三方合法权益", 1},
    {"withheld_internal_affairs", kWithheld, "5.属于三类内部事务信息", 1},
    {"withheld_process_information", kWithheld, "6.属于四类过程性信息", 1},
    {"withheld_law_enforcement_files", kWithheld, "7.属于行政执法案卷", 1},
    {"withheld_administrative_query", kWithheld, "8.属于行政查询事项", 1},
    {"unable_not_held", kUnable, "1.本机关不掌握相关政府信息", 1},
    {"unable_needs_creation", kUnable, "2.没有现成信息需要另行制作", 1},
    {"unable_unclear_after_clarification", kUnable, "3.补正后申请内容仍不明确", 1},
    {"not_processed_petition_complaint", kNotProcessed, "1.信访举报投诉类申请", 1},
    {"not_processed_repeat", kNotProcessed, "2.重复申请", 1},
    {"not_processed_publication", kNotProcessed, "3.要求提供公开出版物", 1},
    {"not_processed_excessive", kNotProcessed, "4.无正当理由大量反复申请", 1},
    {"not_processed_confirm_or_reissue", kNotProcessed, "5.要求行政机关确认或重新出具已获取信息", 1},
    {"other_no_clarification", kOther, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1},
    {"other_fee_unpaid", kOther, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     1},
    {"other_other", kOther, "3.其他", 1},
    {"total_handled", "", "（七）总计", 2},
    {"carried_forward", "", "四、结转下年度继续办理", 3},
}};
static_assert(kApplicationLayout.size() == kApplicationRows.size());

constexpr std::array<std::string_view, 7> kApplicationColumnCaptions = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};

constexpr std::string_view kCornerNote =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const ApplicationRowLayout* find_row(std::string_view key) {
  for (const auto& r : kApplicationLayout)
    if (r.key == key) return &r;
  return nullptr;
}

// Appends a row and its parallel value list.
struct TableBuilder {
  LayoutTable out;
  std::vector<TableCell> row;
  std::vector<std::optional<CellValue>> values;

  void label(std::string text, int row_span = 1, int col_span = 1) {
    row.push_back(cell(std::move(text), row_span, col_span));
    values.emplace_back();
  }
  void number(std::string_view row_key, std::string_view column, int64_t v) {
    row.push_back(docgen::number_cell(v));
    values.push_back(CellValue{std::string(row_key), std::string(column), static_cast<double>(v), true});
  }
  void amount(std::string_view row_key, std::string_view column, double v) {
    TableCell c = cell(format_amount(v));
    c.align = docgen::Align::kRight;
    row.push_back(std::move(c));
    values.push_back(CellValue{std::string(row_key), std::string(column), v, false});
  }
  void end_row() {
    out.table.rows.push_back(std::move(row));
    out.values.push_back(std::move(values));
    row.clear();
    values.clear();
  }
};

// §3.2: "第二十条第（X）项" over "信息内容 | <columns>", then one row per item.
LayoutTable proactive_issued_table(const Proactive& p) {
  TableBuilder b;
  b.out.caption = "第二十条第（一）项：规章和行政规范性文件";
  b.out.table.header_rows = 2;
  b.out.table.column_widths = {2.2, 1, 1, 1};
  b.label("第二十条第（一）项", 1, 4);
  b.end_row();
  for (const char* h : {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}) b.label(h);
  b.end_row();
  auto item = [&](const char* label, std::string_view key, const IssuedCounts& c) {
    b.label(label);
    b.number(key, "issued", c.issued);
    b.number(key, "repealed", c.repealed);
    b.number(key, "in_force", c.in_force);
    b.end_row();
  };
  item("规章", "rules", p.rules);
  item("行政规范性文件", "normative_documents", p.normative_documents);
  return std::move(b.out);
}

struct SingleItem {
  const char* label;
  std::string_view key;
  double value;
  bool integer;
};

LayoutTable proactive_single_table(std::string caption, const char* item, const char* column,
                                   std::vector<SingleItem> rows) {
  TableBuilder b;
  b.out.caption = std::move(caption);
  b.out.table.header_rows = 2;
  b.out.table.column_widths = {2.2, 3};
  b.label(item, 1, 2);
  b.end_row();
  b.label("信息内容");
  b.label(column);
  b.end_row();
  for (const auto& r : rows) {
    b.label(r.label);
    if (r.integer)
      b.number(r.key, "value", static_cast<int64_t>(r.value));
    else
      b.amount(r.key, "value", r.value);
    b.end_row();
  }
  return std::move(b.out);
}

Result<LayoutTable> applications_table(const AnnualReport& report) {
  TableBuilder b;
  b.out.caption = "收到和处理政府信息公开申请情况";
  Table& t = b.out.table;
  t.header_rows = 3;
  // 9 pt and a wide leaf-label column keep most labels on one line, so the table, whose 22-row
  // group under 三、本年度办理结果 may not be split, fits on one A4 page.
  t.font_size_pt = 9;
  t.column_widths = {0.9, 1.2, 5.4, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
  b.label(std::string(kCornerNote), 3, 3);
  b.label("申请人情况", 1, 7);
  b.end_row();
  b.label("自然人", 2);
  b.label("法人或其他组织", 1, 5);
  b.label("总计", 2);
  b.end_row();
  for (size_t c = 1; c <= 5; ++c) b.label(std::string(kApplicationColumnCaptions[c]));
  b.end_row();

  std::string_view open_group;
  for (const auto& r : kApplicationLayout) {
    auto it = report.applications.find(r.key);
    if (it == report.applications.end())
      return fail(Error::invalid_field("applications." + std::string(r.key), "年度报告缺少该行数据"));
    if (r.key == "disclosed") b.label(std::string(kHandled), 22);
    if (r.span == 1 && r.group != open_group) {
      int n = 0;
      for (const auto& o : kApplicationLayout) n += o.group == r.group ? 1 : 0;
      b.label(std::string(r.group), n);
    }
    open_group = r.group;
    b.label(std::string(r.label), 1, r.span);
    for (size_t c = 0; c < kApplicationColumns.size(); ++c)
      b.number(r.key, kApplicationColumns[c], it->second[c]);
    b.end_row();
  }
  return std::move(b.out);
}

LayoutTable remedies_table(const AnnualReport& report) {
  TableBuilder b;
  b.out.caption = "政府信息公开行政复议、行政诉讼情况";
  Table& t = b.out.table;
  t.header_rows = 3;
  t.font_size_pt = 9;
  b.label("行政复议", 2, 5);
  b.label("行政诉讼", 1, 10);
  b.end_row();
  b.label("未经复议直接起诉", 1, 5);
  b.label("复议后起诉", 1, 5);
  b.end_row();
  for (int g = 0; g < 3; ++g)
    for (const char* l : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}) b.label(l);
  b.end_row();
  auto group = [&](std::string_view key, const RemedyCounts& c) {
    b.number(key, "upheld", c.upheld);
    b.number(key, "corrected", c.corrected);
    b.number(key, "other", c.other);
    b.number(key, "pending", c.pending);
    b.number(key, "total", c.total);
  };
  group("reconsideration", report.reconsideration);
  group("litigation_direct", report.litigation_direct);
  group("litigation_after_reconsideration", report.litigation_after_reconsideration);
  b.end_row();
  return std::move(b.out);
}

// Splits a text section into paragraphs at line breaks, dropping blank lines.
std::vector<std::string> paragraphs_of(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r'))
      line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    if (!line.empty()) out.emplace_back(line);
    start = end + 1;
  }
  return out;
}

// Code points in valid UTF-8 (continuation bytes are not counted).
size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string format_yuan(double value) {
  std::string s = fmt::format("{:.2f}", value);
  if (s.ends_with(".00")) s.resize(s.size() - 3);
  return s;
}

}  // namespace

std::string_view application_row_caption(std::string_view key) {
  const auto* r = find_row(key);
  return r ? r->label : std::string_view{};
}

std::string_view application_row_group(std::string_view key) {
  const auto* r = find_row(key);
  return r ? r->group : std::string_view{};
}

std::string_view application_column_caption(std::string_view key) {
  for (size_t c = 0; c < kApplicationColumns.size(); ++c)
    if (kApplicationColumns[c] == key) return kApplicationColumnCaptions[c];
  return {};
}

std::string report_title(const AnnualReport& report) {
  return fmt::format("{}{}年政府信息公开工作年度报告", report.department_name, report.year);
}

Result<ReportLayout> report_layout(const AnnualReport& report) {
  ReportLayout layout;
  layout.title = report_title(report);

  LayoutSection overview{"一、总体情况", paragraphs_of(report.overview), {}};

  const Proactive& p = report.proactive;
  LayoutSection proactive{"二、主动公开政府信息情况", {}, {}};
  proactive.tables.push_back(proactive_issued_table(p));
  proactive.tables.push_back(proactive_single_table(
      "第二十条第（五）项：行政许可", "第二十条第（五）项", "本年处理决定数量",
      {{"行政许可", "licensing_decisions", static_cast<double>(p.licensing_decisions), true}}));
  proactive.tables.push_back(proactive_single_table(
      "第二十条第（六）项：行政处罚和行政强制", "第二十条第（六）项", "本年处理决定数量",
      {{"行政处罚", "penalties", static_cast<double>(p.penalties), true},
       {"行政强制", "enforcement_measures", static_cast<double>(p.enforcement_measures), true}}));
  proactive.tables.push_back(proactive_single_table(
      "第二十条第（八）项：行政事业性收费", "第二十条第（八）项", "本年收费金额（单位：万元）",
      {{"行政事业性收费", "fees_10k_yuan", p.fees_10k_yuan, false}}));

  LayoutSection applications{"三、收到和处理政府信息公开申请情况", {}, {}};
  GK_TRY_ASSIGN(table, applications_table(report));
  applications.tables.push_back(std::move(table));

  LayoutSection remedies{"四、政府信息公开行政复议、行政诉讼情况", {}, {}};
  remedies.tables.push_back(remedies_table(report));

  LayoutSection problems{"五、存在的主要问题及改进情况", paragraphs_of(report.problems), {}};

  LayoutSection other{"六、其他需要报告的事项", paragraphs_of(report.other_matters), {}};
  if (other.paragraphs.empty())
    other.paragraphs.push_back(fmt::format("本年度收取信息处理费{}元。", format_yuan(report.fees_yuan)));

  layout.sections = {std::move(overview), std::move(proactive), std::move(applications),
                     std::move(remedies), std::move(problems),  std::move(other)};
  return layout;
}

Result<docgen::OfficeDocument> report_document(const AnnualReport& report) {
  GK_TRY_ASSIGN(layout, report_layout(report));
  docgen::OfficeDocument doc;
  // A 22 pt title holds 20 characters a line: longer ones break after the organ's name, as printed
  // reports do, rather than in the middle of a word.
  doc.title = layout.title;
  if (!report.department_name.empty() && utf8_length(doc.title) > 20)
    doc.title = report.department_name + "\n" + doc.title.substr(report.department_name.size());
  doc.metadata.author = report.department_name;
  doc.metadata.subject = "政府信息公开工作年度报告";
  doc.metadata.keywords = fmt::format("政府信息公开,年度报告,{}", report.year);
  for (auto& section : layout.sections) {
    doc.blocks.push_back(docgen::Heading{1, section.heading});
    for (auto& text : section.paragraphs) doc.blocks.push_back(docgen::paragraph(std::move(text)));
    for (auto& t : section.tables) {
      doc.blocks.push_back(std::move(t.table));
      doc.blocks.push_back(docgen::Spacer{8});
    }
  }
  return doc;
}

}  // namespace gk::report
