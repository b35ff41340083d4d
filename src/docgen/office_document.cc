#include "docgen/office_document.h"

#include <algorithm>
#include <type_traits>

#include <fmt/format.h>

#include "core/utf8.h"

namespace gk::docgen {

Paragraph paragraph(std::string text, Align align, bool first_line_indent) {
  return paragraph(std::vector<Run>{Run{std::move(text), false}}, align, first_line_indent);
}

Paragraph paragraph(std::vector<Run> runs, Align align, bool first_line_indent) {
  Paragraph p;
  p.runs = std::move(runs);
  p.align = align;
  p.first_line_indent = first_line_indent;
  return p;
}

TableCell cell(std::string text, int row_span, int col_span) {
  TableCell c;
  c.text = std::move(text);
  c.row_span = row_span;
  c.col_span = col_span;
  return c;
}

TableCell number_cell(long long value) {
  TableCell c;
  c.text = fmt::format("{}", value);
  c.align = Align::kRight;
  return c;
}

namespace {

// "123", "-4", "1,234.50", "12.5%", "３"? — ASCII only: full-width digits are left as text.
bool looks_numeric(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  if (s[0] == '-' || s[0] == '+') i = 1;
  bool digit = false;
  for (; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      digit = true;
    } else if (ch == ',' || ch == '.') {
      continue;
    } else if (ch == '%' && i + 1 == s.size()) {
      continue;
    } else {
      return false;
    }
  }
  return digit;
}

}  // namespace

Align effective_align(const TableCell& c, bool header_row) {
  if (c.align) return *c.align;
  if (header_row) return Align::kCentre;
  return looks_numeric(c.text) ? Align::kRight : Align::kLeft;
}

Result<TableGrid> resolve_grid(const Table& table) {
  TableGrid g;
  g.rows = static_cast<int>(table.rows.size());
  if (g.rows == 0) return fail(Error::invalid_field("rows", "table has no rows"));
  // Columns: the widths when given, else the widest row's extent (computed while placing).
  int cols = static_cast<int>(table.column_widths.size());
  if (cols == 0) {
    // First pass over row 0 plus spans is not enough when later rows are wider; place into a
    // growing occupancy map and take the maximum extent.
    std::vector<std::vector<bool>> occ(g.rows);
    for (int r = 0; r < g.rows; ++r) {
      int c = 0;
      for (const auto& cell : table.rows[r]) {
        while (c < static_cast<int>(occ[r].size()) && occ[r][c]) ++c;
        for (int rr = r; rr < std::min(g.rows, r + std::max(1, cell.row_span)); ++rr) {
          if (static_cast<int>(occ[rr].size()) < c + std::max(1, cell.col_span))
            occ[rr].resize(c + std::max(1, cell.col_span), false);
          for (int cc = c; cc < c + std::max(1, cell.col_span); ++cc) occ[rr][cc] = true;
        }
        c += std::max(1, cell.col_span);
      }
    }
    for (const auto& row : occ) cols = std::max(cols, static_cast<int>(row.size()));
  }
  if (cols == 0) return fail(Error::invalid_field("rows", "table has no cells"));
  g.cols = cols;
  g.owner.assign(static_cast<size_t>(g.rows) * cols, -1);

  for (int r = 0; r < g.rows; ++r) {
    int c = 0;
    for (size_t k = 0; k < table.rows[r].size(); ++k) {
      const TableCell& cell = table.rows[r][k];
      const std::string field = fmt::format("rows[{}][{}]", r, k);
      if (cell.row_span < 1 || cell.col_span < 1)
        return fail(Error::invalid_field(field, "row_span and col_span must be at least 1"));
      while (c < cols && g.owner[r * cols + c] >= 0) ++c;
      if (c + cell.col_span > cols)
        return fail(
            Error::invalid_field(field, fmt::format("row {} has more cells than the {} columns", r, cols)));
      if (r + cell.row_span > g.rows)
        return fail(
            Error::invalid_field(field, fmt::format("row span {} runs past the last row", cell.row_span)));
      const int index = static_cast<int>(g.cells.size());
      for (int rr = r; rr < r + cell.row_span; ++rr)
        for (int cc = c; cc < c + cell.col_span; ++cc) {
          int& o = g.owner[rr * cols + cc];
          if (o >= 0)
            return fail(
                Error::invalid_field(field, fmt::format("spans overlap at row {}, column {}", rr, cc)));
          o = index;
        }
      g.cells.push_back(PlacedCell{r, c, cell.row_span, cell.col_span, &cell});
      c += cell.col_span;
    }
    for (int cc = 0; cc < cols; ++cc)
      if (g.owner[r * cols + cc] < 0)
        return fail(Error::invalid_field(fmt::format("rows[{}]", r),
                                         fmt::format("row {} leaves column {} uncovered", r, cc)));
  }
  return g;
}

double page_width_pt(const PageSetup& page) {
  return (page.orientation == Orientation::kPortrait ? 210.0 : 297.0) * kPointsPerMm;
}

double page_height_pt(const PageSetup& page) {
  return (page.orientation == Orientation::kPortrait ? 297.0 : 210.0) * kPointsPerMm;
}

namespace {

Status check_text(std::string_view text, const std::string& field) {
  if (!is_valid_utf8(text)) return fail(Error::invalid_field(field, "text is not valid UTF-8"));
  return ok();
}

}  // namespace

Status validate(const OfficeDocument& doc) {
  const PageSetup& p = doc.page;
  for (double m : {p.margin_top_mm, p.margin_bottom_mm, p.margin_left_mm, p.margin_right_mm})
    if (!(m >= 5 && m <= 80))
      return fail(Error::invalid_field("page", "margins must be between 5 and 80 mm"));
  for (double s : {doc.title_font_size_pt, doc.body_font_size_pt, doc.table_font_size_pt})
    if (!(s >= 5 && s <= 72)) return fail(Error::invalid_field("font_size", "font sizes must be 5–72 pt"));
  if (!(doc.line_spacing >= 1.0 && doc.line_spacing <= 3.0))
    return fail(Error::invalid_field("line_spacing", "line spacing must be 1.0–3.0"));
  GK_TRY_STATUS(check_text(doc.title, "title"));
  GK_TRY_STATUS(check_text(doc.doc_number, "doc_number"));
  GK_TRY_STATUS(check_text(doc.metadata.author, "metadata.author"));
  GK_TRY_STATUS(check_text(doc.metadata.subject, "metadata.subject"));
  GK_TRY_STATUS(check_text(doc.metadata.keywords, "metadata.keywords"));

  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const std::string base = fmt::format("blocks[{}]", i);
    Status st = std::visit(
        [&](const auto& b) -> Status {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, Heading>) {
            if (b.level < 1 || b.level > 3)
              return fail(Error::invalid_field(base + ".level", "heading level must be 1–3"));
            return check_text(b.text, base + ".text");
          } else if constexpr (std::is_same_v<T, Paragraph>) {
            if (b.font_size_pt != 0 && !(b.font_size_pt >= 5 && b.font_size_pt <= 72))
              return fail(Error::invalid_field(base + ".font_size_pt", "font size must be 5–72 pt"));
            for (size_t k = 0; k < b.runs.size(); ++k)
              GK_TRY_STATUS(check_text(b.runs[k].text, fmt::format("{}.runs[{}]", base, k)));
            return ok();
          } else if constexpr (std::is_same_v<T, Table>) {
            auto grid = resolve_grid(b);
            if (!grid) {
              const auto& e = grid.error();
              const std::string f = e.fields().empty() ? base : base + "." + e.fields().front().field;
              return fail(Error::invalid_field(f, e.message()));
            }
            if (b.header_rows < 0 || b.header_rows > grid->rows)
              return fail(Error::invalid_field(base + ".header_rows", "header_rows out of range"));
            for (double w : b.column_widths)
              if (!(w > 0))
                return fail(Error::invalid_field(base + ".column_widths", "column widths must be positive"));
            if (b.font_size_pt != 0 && !(b.font_size_pt >= 5 && b.font_size_pt <= 72))
              return fail(Error::invalid_field(base + ".font_size_pt", "font size must be 5–72 pt"));
            for (size_t r = 0; r < b.rows.size(); ++r)
              for (size_t c = 0; c < b.rows[r].size(); ++c)
                GK_TRY_STATUS(check_text(b.rows[r][c].text, fmt::format("{}.rows[{}][{}]", base, r, c)));
            return ok();
          } else if constexpr (std::is_same_v<T, Spacer>) {
            if (!(b.height_pt >= 0 && b.height_pt <= 800))
              return fail(Error::invalid_field(base + ".height_pt", "spacer height must be 0–800 pt"));
            return ok();
          } else if constexpr (std::is_same_v<T, PageBreak>) {
            return ok();
          } else {
            GK_TRY_STATUS(check_text(b.organ, base + ".organ"));
            GK_TRY_STATUS(check_text(b.date, base + ".date"));
            return check_text(b.seal_note, base + ".seal_note");
          }
        },
        doc.blocks[i]);
    if (!st) return st;
  }
  return ok();
}

}  // namespace gk::docgen
