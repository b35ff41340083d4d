// OfficeDocument: a small, renderer-neutral model of a Chinese official document (公文-style letter or
// report) that render_pdf (pdf_renderer.h) and render_docx (docx_renderer.h) turn into bytes.
//
// The model knows only what FOI reply letters and the statutory annual report need: A4 page setup, a
// centred title (小标宋-like), an optional 文号 line, headings, paragraphs of runs (bold or not) with a
// two-character first-line indent, ruled tables with row/column spans and repeated header rows,
// spacers, page breaks, a signature block (organ name centred over the date, the date 右空四字 as
// GB/T 9704-2012 §7.3.5 lays out) and "第 X 页 共 Y 页" page numbers.
//
// Invariants checked by validate(): all text is well-formed UTF-8; tables form a complete rectangular
// grid (every position covered by exactly one cell); heading levels are 1..3; the page keeps a
// printable area. Both renderers call validate() first and return its InvalidArgument unchanged.
// Plain value types; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace gk::docgen {

enum class Orientation { kPortrait, kLandscape };

// A4 (210 × 297 mm). Default margins are GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm, and a
// 156 × 225 mm type area (版心), which leaves 26 mm on the right and 35 mm at the bottom.
struct PageSetup {
  Orientation orientation = Orientation::kPortrait;
  double margin_top_mm = 37;
  double margin_bottom_mm = 35;
  double margin_left_mm = 28;
  double margin_right_mm = 26;
};

enum class Align { kLeft, kCentre, kRight, kJustify };

// Typeface roles. PDF: Noto Serif CJK SC (宋体-like) and Noto Sans CJK SC (黑体-like).
// DOCX: 宋体 / 黑体 for East Asian text, Times New Roman / Arial for Latin.
enum class Face { kSerif, kSans };

struct Run {
  std::string text;  // may contain '\n' (line break) and '\t'
  bool bold = false;
};

struct Heading {
  int level = 1;  // 1: 黑体-like (Sans); 2 and 3: Serif bold. Kept with the next block.
  std::string text;
  bool indent = true;  // first-line indent of two characters, as 公文 headings "一、……" use
};

struct Paragraph {
  std::vector<Run> runs;
  Align align = Align::kJustify;
  bool first_line_indent = true;  // two characters (2 × font size)
  Face face = Face::kSerif;
  double font_size_pt = 0;  // 0: the document's body size
};

struct TableCell {
  std::string text;  // may contain '\n'
  int row_span = 1;
  int col_span = 1;
  // Unset: header rows are centred; text that looks like a number (digits, with an optional sign,
  // separators, decimal point or %) is right-aligned; anything else is left-aligned.
  std::optional<Align> align;
  bool bold = false;
};

// A ruled table filling the type area's width. Rows list only the cells that *start* in them, as in
// HTML: a position covered by a row span from above is skipped. The first `header_rows` rows are
// repeated at the top of every page the table continues on. Rows (and groups of rows joined by row
// spans) are never split across pages.
struct Table {
  std::vector<std::vector<TableCell>> rows;
  std::vector<double> column_widths;  // relative weights, one per grid column; empty: equal widths
  int header_rows = 0;
  double font_size_pt = 0;  // 0: the document's table size
};

struct Spacer {
  double height_pt = 0;
};

struct PageBreak {};

// Signature block (落款): the organ's name centred over the date; the date's right edge four
// characters in from the right margin (GB/T 9704-2012 §7.3.5.1). `seal_note` (e.g. "（盖章）") is
// printed on the line above the name, where the seal goes; empty for none.
struct Signature {
  std::string organ;
  std::string date;  // already formatted, e.g. "2024年6月3日"
  std::string seal_note;
};

using Block = std::variant<Heading, Paragraph, Table, Spacer, PageBreak, Signature>;

struct Metadata {
  std::string author;  // usually the organ
  std::string subject;
  std::string keywords;
  // Written as the PDF CreationDate/ModDate and DOCX dcterms:created/modified. The renderers never
  // read the clock: unset means 2000-01-01, so equal documents give byte-identical files.
  std::optional<Date> created;
};

struct OfficeDocument {
  PageSetup page;
  std::string title;       // centred, Serif Bold; empty: none
  std::string doc_number;  // 文号, centred under the title; empty: none
  std::vector<Block> blocks;
  Metadata metadata;
  bool page_numbers = true;          // footer "第 X 页 共 Y 页"
  double title_font_size_pt = 22;    // 二号
  double body_font_size_pt = 16;     // 三号
  double table_font_size_pt = 10.5;  // 五号
  double line_spacing = 1.75;        // baseline pitch as a multiple of the font size (16 pt → 28 pt)
};

// Builders for the common cases.
Paragraph paragraph(std::string text, Align align = Align::kJustify, bool first_line_indent = true);
Paragraph paragraph(std::vector<Run> runs, Align align = Align::kJustify, bool first_line_indent = true);
TableCell cell(std::string text, int row_span = 1, int col_span = 1);
TableCell number_cell(long long value);

// One grid position's owner after span resolution.
struct PlacedCell {
  int row = 0, col = 0, row_span = 1, col_span = 1;
  const TableCell* cell = nullptr;
};

// The rectangular grid a Table describes. `owner[r * cols + c]` indexes `cells`.
struct TableGrid {
  int rows = 0, cols = 0;
  std::vector<PlacedCell> cells;  // in row-major order of their top-left position
  std::vector<int> owner;
  const PlacedCell& at(int r, int c) const { return cells[owner[r * cols + c]]; }
};

// Resolves spans. InvalidArgument when spans overlap, run off the grid, or a row leaves positions
// uncovered; the message names the row. The grid's columns are column_widths.size() when given.
[[nodiscard]] Result<TableGrid> resolve_grid(const Table& table);

// The alignment a cell gets (see TableCell::align).
Align effective_align(const TableCell& cell, bool header_row);

// Checks the invariants listed at the top of this file. InvalidArgument with field names such as
// "blocks[3].rows[2]".
[[nodiscard]] Status validate(const OfficeDocument& doc);

// Page size in points (1/72 inch) for the orientation.
double page_width_pt(const PageSetup& page);
double page_height_pt(const PageSetup& page);
inline constexpr double kPointsPerMm = 72.0 / 25.4;

}  // namespace gk::docgen
