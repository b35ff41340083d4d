#include "report/render_xlsx.h"

#include <vector>

#include "docgen/xlsx_workbook.h"
#include "report/render_document.h"

namespace gk::report {
namespace {

struct Formats {
  lxw_format* title;
  lxw_format* caption;
  lxw_format* header;
  lxw_format* label;
  lxw_format* integer;
  lxw_format* decimal;
};

// Writes one layout table with its top-left corner at (row, 0); returns the first row below it.
lxw_row_t write_table(docgen::XlsxErrors& w, lxw_worksheet* ws, const Formats& f, const LayoutTable& lt, lxw_row_t top) {
  w.check(worksheet_write_string(ws, top, 0, lt.caption.c_str(), f.caption));
  ++top;
  auto grid = docgen::resolve_grid(lt.table);
  if (!grid) {  // report_layout builds complete grids; a failure here is a bug
    w.check(LXW_ERROR_PARAMETER_VALIDATION);
    return top;
  }
  // Map each placed cell back to its source row/index to find its value.
  for (size_t r = 0; r < lt.table.rows.size(); ++r) {
    for (size_t i = 0; i < lt.table.rows[r].size(); ++i) {
      const docgen::TableCell* src = &lt.table.rows[r][i];
      const docgen::PlacedCell* placed = nullptr;
      for (const auto& p : grid->cells)
        if (p.cell == src) placed = &p;
      if (!placed) continue;
      const auto r1 = static_cast<lxw_row_t>(top + placed->row);
      const auto c1 = static_cast<lxw_col_t>(placed->col);
      const auto r2 = static_cast<lxw_row_t>(r1 + placed->row_span - 1);
      const auto c2 = static_cast<lxw_col_t>(c1 + placed->col_span - 1);
      const auto& value = lt.values[r][i];
      const bool header = static_cast<int>(r) < lt.table.header_rows;
      lxw_format* fmt = header ? f.header : f.label;
      if (value) {
        w.check(worksheet_write_number(ws, r1, c1, value->value, value->integer ? f.integer : f.decimal));
      } else if (r1 != r2 || c1 != c2) {
        w.check(worksheet_merge_range(ws, r1, c1, r2, c2, src->text.c_str(), fmt));
      } else {
        w.check(worksheet_write_string(ws, r1, c1, src->text.c_str(), fmt));
      }
    }
  }
  return static_cast<lxw_row_t>(top + grid->rows + 1);
}

}  // namespace

Result<std::string> render_xlsx(const AnnualReport& report) {
  GK_TRY_ASSIGN(layout, report_layout(report));
  const docgen::XlsxProperties props{layout.title, report.department_name, "政府信息公开工作年度报告", ""};
  return docgen::build_xlsx(props, [&](lxw_workbook* wb, docgen::XlsxErrors& w) -> Status {
    auto bordered = [&] {
      lxw_format* fm = workbook_add_format(wb);
      format_set_border(fm, LXW_BORDER_THIN);
      format_set_align(fm, LXW_ALIGN_VERTICAL_CENTER);
      format_set_text_wrap(fm);
      return fm;
    };
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    f.caption = workbook_add_format(wb);
    format_set_bold(f.caption);
    f.header = bordered();
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_bold(f.header);
    f.label = bordered();
    format_set_align(f.label, LXW_ALIGN_LEFT);
    f.integer = bordered();
    format_set_num_format(f.integer, "0");
    f.decimal = bordered();
    format_set_num_format(f.decimal, "0.00##");

    // Sections 二, 三, 四 of the layout.
    struct Sheet {
      const char* name;
      size_t section;
      std::vector<double> widths;  // Excel character units per column
    };
    const Sheet sheets[] = {
        {"主动公开", 1, {24, 16, 16, 16}},
        {"依申请公开", 2, {8, 12, 64, 10, 10, 10, 12, 12, 10, 10}},
        {"复议诉讼", 3, {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}},
    };
    for (const auto& s : sheets) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, s.name);
      if (!ws) return fail(Error::internal(std::string("xlsx: cannot add the worksheet ") + s.name));
      for (size_t c = 0; c < s.widths.size(); ++c)
        w.check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), s.widths[c],
                                     nullptr));
      const LayoutSection& section = layout.sections[s.section];
      w.check(worksheet_write_string(ws, 0, 0, layout.title.c_str(), f.title));
      w.check(worksheet_write_string(ws, 1, 0, section.heading.c_str(), f.caption));
      lxw_row_t row = 3;
      for (const auto& t : section.tables) row = write_table(w, ws, f, t, row);
    }
    return ok();
  });
}

}  // namespace gk::report
