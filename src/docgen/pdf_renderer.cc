#include "docgen/pdf_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

namespace gk::docgen {
namespace {

constexpr const char* kSerifFamily = "Noto Serif CJK SC";
constexpr const char* kSansFamily = "Noto Sans CJK SC";
constexpr double kFooterFontPt = 10.5;
constexpr double kFooterGapMm = 7;  // GB/T 9704-2012 §7.5: 页码 7 mm below the type area
constexpr double kRuleWidthPt = 0.6;
constexpr double kCellPadXPt = 3.5;
constexpr double kCellPadYPt = 2.5;
constexpr double kTableLineSpacing = 1.45;
constexpr double kTitleLineSpacing = 1.5;

struct UnrefLayout {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

// One laid-out line of a Pango layout: where its origin sits relative to the layout's left edge,
// and its logical ascent and height.
struct LineGeom {
  double x = 0, ascent = 0, height = 0;
};

// A paragraph-like piece of text laid out at a fixed baseline pitch.
struct TextBlock {
  LayoutPtr layout;
  std::vector<LineGeom> lines;
  double pitch = 0;
  double width = 0;  // logical width of the widest line
  double height() const { return pitch * static_cast<double>(lines.size()); }
  // Baseline of line i when the block's slot for that line starts at `top`.
  double baseline(size_t i, double top) const {
    return top + (pitch - lines[i].height) / 2 + lines[i].ascent;
  }
};

struct DrawLine {
  LayoutPtr layout;
  int index = 0;
  double x = 0, baseline = 0;
  double slot_top = 0, slot_bottom = 0;  // the line's slot on the page, for moving it
};

struct Rule {
  double x0, y0, x1, y1;
};

struct Page {
  std::vector<DrawLine> lines;
  std::vector<Rule> rules;
};

PangoAlignment pango_align(Align a) {
  switch (a) {
    case Align::kCentre:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kLeft:
    case Align::kJustify:
      return PANGO_ALIGN_LEFT;
  }
  return PANGO_ALIGN_LEFT;
}

class Layouter {
 public:
  Layouter(const OfficeDocument& doc, PangoContext* ctx) : doc_(doc), ctx_(ctx) {
    page_w_ = page_width_pt(doc.page);
    page_h_ = page_height_pt(doc.page);
    left_ = doc.page.margin_left_mm * kPointsPerMm;
    right_ = page_w_ - doc.page.margin_right_mm * kPointsPerMm;
    top_ = doc.page.margin_top_mm * kPointsPerMm;
    bottom_ = page_h_ - doc.page.margin_bottom_mm * kPointsPerMm;
    body_pitch_ = doc.body_font_size_pt * doc.line_spacing;
  }

  std::vector<Page> run() {
    new_page();
    if (!doc_.title.empty()) {
      TextBlock t = text({Run{doc_.title, true}}, Face::kSerif, doc_.title_font_size_pt, right_ - left_,
                         Align::kCentre, 0, doc_.title_font_size_pt * kTitleLineSpacing);
      place_lines(t, left_);
      if (doc_.doc_number.empty()) y_ += body_pitch_ * 0.5;
    }
    if (!doc_.doc_number.empty()) {
      TextBlock n = text({Run{doc_.doc_number, false}}, Face::kSerif, doc_.body_font_size_pt, right_ - left_,
                         Align::kCentre, 0, body_pitch_);
      place_lines(n, left_);
    }
    if (!doc_.title.empty() || !doc_.doc_number.empty()) y_ += body_pitch_ * 0.5;

    for (size_t i = 0; i < doc_.blocks.size(); ++i) {
      std::visit(
          [&](const auto& b) {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, Heading>) {
              place_heading(b);
            } else if constexpr (std::is_same_v<T, Paragraph>) {
              place_paragraph(b);
            } else if constexpr (std::is_same_v<T, Table>) {
              place_table(b);
            } else if constexpr (std::is_same_v<T, Spacer>) {
              // Overflowing space is dropped: the next block starts the new page at its top.
              y_ = std::min(y_ + b.height_pt, bottom_ + 0.02);
              gap_since_text_ += b.height_pt;
            } else if constexpr (std::is_same_v<T, PageBreak>) {
              new_page();
            } else {
              place_signature(b);
            }
          },
          doc_.blocks[i]);
    }
    if (doc_.page_numbers) place_footers();
    return std::move(pages_);
  }

 private:
  PangoFontDescription* font(Face face, bool bold, double size_pt) {
    PangoFontDescription* d = pango_font_description_new();
    pango_font_description_set_family(d, face == Face::kSans ? kSansFamily : kSerifFamily);
    pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Absolute size: one Pango device unit is one PDF point whatever the context's resolution.
    pango_font_description_set_absolute_size(d, size_pt * PANGO_SCALE);
    return d;
  }

  // Lays out runs in a box `width` wide (width <= 0: no wrapping).
  TextBlock text(const std::vector<Run>& runs, Face face, double size_pt, double width, Align align,
                 double indent, double pitch) {
    TextBlock b;
    b.pitch = pitch;
    b.layout = LayoutPtr(pango_layout_new(ctx_), UnrefLayout{});
    PangoLayout* l = b.layout.get();
    std::string all;
    PangoAttrList* attrs = pango_attr_list_new();
    for (const Run& r : runs) {
      const size_t start = all.size();
      all += r.text;
      if (r.bold && all.size() > start) {
        PangoAttribute* a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = static_cast<guint>(start);
        a->end_index = static_cast<guint>(all.size());
        pango_attr_list_insert(attrs, a);
      }
    }
    PangoFontDescription* d = font(face, false, size_pt);
    pango_layout_set_font_description(l, d);
    pango_font_description_free(d);
    pango_layout_set_text(l, all.data(), static_cast<int>(all.size()));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    if (width > 0) {
      pango_layout_set_width(l, pango_units_from_double(width));
      pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, pango_align(align));
    pango_layout_set_justify(l, align == Align::kJustify);
    if (indent > 0) pango_layout_set_indent(l, pango_units_from_double(indent));

    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double baseline = pango_units_to_double(pango_layout_iter_get_baseline(it));
      LineGeom g;
      g.x = pango_units_to_double(logical.x);
      g.ascent = baseline - pango_units_to_double(logical.y);
      g.height = pango_units_to_double(logical.height);
      b.width = std::max(b.width, pango_units_to_double(logical.x + logical.width));
      b.lines.push_back(g);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return b;
  }

  void new_page() {
    pages_.emplace_back();
    y_ = top_;
    tail_lines_ = 0;
  }
  bool page_has_content() const { return y_ > top_ + 0.01; }

  // Starts a new page unless `height` more points fit (or the page is still empty).
  void ensure(double height) {
    if (y_ + height > bottom_ + 0.01 && page_has_content()) new_page();
  }

  // Places every line of `t` from the cursor on, breaking pages between lines.
  void place_lines(const TextBlock& t, double x_left) {
    for (size_t i = 0; i < t.lines.size(); ++i) {
      ensure(t.pitch);
      pages_.back().lines.push_back(DrawLine{t.layout, static_cast<int>(i), x_left + t.lines[i].x,
                                             t.baseline(i, y_), y_, y_ + t.pitch});
      y_ += t.pitch;
      ++tail_lines_;
    }
    gap_since_text_ = 0;
  }

  void place_heading(const Heading& h) {
    const double size = doc_.body_font_size_pt;
    const Face face = h.level == 1 ? Face::kSans : Face::kSerif;
    TextBlock t = text({Run{h.text, h.level != 1}}, face, size, right_ - left_, Align::kLeft,
                       h.indent ? 2 * size : 0, body_pitch_);
    ensure(t.height() + body_pitch_);  // keep with the next block's first line
    place_lines(t, left_);
  }

  void place_paragraph(const Paragraph& p) {
    const double size = p.font_size_pt > 0 ? p.font_size_pt : doc_.body_font_size_pt;
    TextBlock t = text(p.runs, p.face, size, right_ - left_, p.align, p.first_line_indent ? 2 * size : 0,
                       size * doc_.line_spacing);
    place_lines(t, left_);
  }

  void place_signature(const Signature& s) {
    const double size = doc_.body_font_size_pt;
    TextBlock date = text({Run{s.date, false}}, Face::kSerif, size, 0, Align::kLeft, 0, body_pitch_);
    TextBlock organ = text({Run{s.organ, false}}, Face::kSerif, size, 0, Align::kLeft, 0, body_pitch_);
    const bool seal = !s.seal_note.empty();
    TextBlock note = text({Run{s.seal_note, false}}, Face::kSerif, size, 0, Align::kLeft, 0, body_pitch_);
    const double need = body_pitch_ * (seal ? 3 : 2);
    if (y_ + need > bottom_ + 0.01 && page_has_content()) {
      // GB/T 9704-2012 §7.3.5.4 spirit: no page with a signature and no text. Carry the last two
      // lines of the preceding text over with the signature (when the page keeps some of its own).
      Page& old = pages_.back();
      const size_t carry = std::min<size_t>(2, tail_lines_);
      std::vector<DrawLine> moved;
      if (carry > 0 && old.lines.size() > carry) {
        moved.assign(old.lines.end() - static_cast<std::ptrdiff_t>(carry), old.lines.end());
        old.lines.resize(old.lines.size() - carry);
      }
      const double gap = std::min(gap_since_text_, 2 * body_pitch_);
      new_page();
      if (!moved.empty()) {
        const double shift = top_ - moved.front().slot_top;
        for (DrawLine& l : moved) {
          l.baseline += shift;
          l.slot_top += shift;
          l.slot_bottom += shift;
          pages_.back().lines.push_back(l);
        }
        y_ = moved.back().slot_bottom + gap;
      }
    }
    // GB/T 9704-2012 §7.3.5.1: the date 右空四字; the organ's name centred over the date.
    const double date_right = right_ - 4 * size;
    const double date_x = std::max(left_, date_right - date.width);
    const double centre = date_x + date.width / 2;
    auto centred_x = [&](const TextBlock& t) {
      return std::clamp(centre - t.width / 2, left_, std::max(left_, right_ - t.width));
    };
    if (seal) {
      pages_.back().lines.push_back(DrawLine{note.layout, 0, centred_x(note), note.baseline(0, y_)});
      y_ += body_pitch_;
    }
    pages_.back().lines.push_back(DrawLine{organ.layout, 0, centred_x(organ), organ.baseline(0, y_)});
    y_ += body_pitch_;
    pages_.back().lines.push_back(DrawLine{date.layout, 0, date_x, date.baseline(0, y_)});
    y_ += body_pitch_;
    tail_lines_ = 0;
  }

  void place_table(const Table& table) {
    auto grid_or = resolve_grid(table);
    if (!grid_or) return;  // validate() has already rejected it
    const TableGrid& g = *grid_or;
    const double size = table.font_size_pt > 0 ? table.font_size_pt : doc_.table_font_size_pt;
    const double pitch = size * kTableLineSpacing;
    const double total_w = right_ - left_;

    std::vector<double> weights = table.column_widths;
    if (weights.empty()) weights.assign(g.cols, 1.0);
    double sum = 0;
    for (double w : weights) sum += w;
    std::vector<double> col_x(g.cols + 1, left_);
    for (int c = 0; c < g.cols; ++c) col_x[c + 1] = col_x[c] + total_w * weights[c] / sum;
    col_x[g.cols] = right_;

    std::vector<TextBlock> blocks;
    blocks.reserve(g.cells.size());
    std::vector<double> row_h(g.rows, pitch + 2 * kCellPadYPt);
    for (const PlacedCell& pc : g.cells) {
      const double w = col_x[pc.col + pc.col_span] - col_x[pc.col] - 2 * kCellPadXPt;
      const bool header = pc.row < table.header_rows;
      blocks.push_back(text({Run{pc.cell->text, pc.cell->bold}}, Face::kSerif, size, std::max(w, size),
                            effective_align(*pc.cell, header), 0, pitch));
      if (pc.row_span == 1) row_h[pc.row] = std::max(row_h[pc.row], blocks.back().height() + 2 * kCellPadYPt);
    }
    // Row-spanning cells: grow the last spanned row by whatever they still lack, shortest spans first.
    std::vector<size_t> spanning;
    for (size_t i = 0; i < g.cells.size(); ++i)
      if (g.cells[i].row_span > 1) spanning.push_back(i);
    std::stable_sort(spanning.begin(), spanning.end(),
                     [&](size_t a, size_t b) { return g.cells[a].row_span < g.cells[b].row_span; });
    for (size_t i : spanning) {
      const PlacedCell& pc = g.cells[i];
      double have = 0;
      for (int r = pc.row; r < pc.row + pc.row_span; ++r) have += row_h[r];
      const double need = blocks[i].height() + 2 * kCellPadYPt;
      if (need > have) row_h[pc.row + pc.row_span - 1] += need - have;
    }

    // Bands: runs of rows joined by row spans (of at most `max_span` rows); a band is kept on one
    // page when it can be. The header rows (and anything spanning out of them) form the first band.
    auto make_bands = [&](int begin, int end_row, int max_span) {
      std::vector<std::pair<int, int>> out;
      for (int r = begin; r < end_row;) {
        int end = r == 0 && table.header_rows > 0 ? table.header_rows : r + 1;
        for (bool grew = true; grew;) {
          grew = false;
          for (const PlacedCell& pc : g.cells)
            if (pc.row_span <= max_span && pc.row >= r && pc.row < end && pc.row + pc.row_span > end) {
              end = std::min(end_row, pc.row + pc.row_span);
              grew = true;
            }
        }
        out.emplace_back(r, end);
        r = end;
      }
      return out;
    };
    const std::vector<std::pair<int, int>> bands = make_bands(0, g.rows, g.rows);
    auto band_height = [&](std::pair<int, int> b) {
      double h = 0;
      for (int r = b.first; r < b.second; ++r) h += row_h[r];
      return h;
    };

    const bool has_header = table.header_rows > 0;
    const int header_end = has_header ? bands.front().second : 0;
    const double header_h = has_header ? band_height(bands.front()) : 0;
    const size_t first_body = has_header ? 1 : 0;

    // Pagination: each body row gets a page and a top. A band that fits stays whole; one that does
    // not moves to a new page, unless it is long (more than kKeepRows rows) or taller than a page,
    // in which case it breaks between rows and its row-spanning cells continue on the next page.
    constexpr int kKeepRows = 5;
    struct RowPos {
      size_t page = 0;
      double y = 0;
    };
    std::vector<RowPos> pos(g.rows);
    std::vector<RowPos> header_at;  // where the header rows are drawn
    const double page_body = bottom_ - top_;
    auto start_page = [&]() {
      new_page();
      if (has_header) {
        header_at.push_back({pages_.size() - 1, y_});
        y_ += header_h;
      }
    };
    auto splittable = [&](std::pair<int, int> band) {
      return band.second - band.first > kKeepRows || band_height(band) > page_body - header_h;
    };
    double first = header_h;
    if (bands.size() > first_body)
      first +=
          splittable(bands[first_body]) ? row_h[bands[first_body].first] : band_height(bands[first_body]);
    ensure(first);
    if (has_header) {
      header_at.push_back({pages_.size() - 1, y_});
      y_ += header_h;
    }
    bool body_on_page = false;
    auto may_break = [&] { return body_on_page || (!has_header && page_has_content()); };
    auto place_rows = [&](int r0, int r1, bool split) {
      for (int r = r0; r < r1; ++r) {
        if (split && y_ + row_h[r] > bottom_ + 0.01 && may_break()) {
          start_page();
          body_on_page = false;
        }
        pos[r] = {pages_.size() - 1, y_};
        y_ += row_h[r];
        body_on_page = true;
      }
    };
    // Places a band whole when it fits here, else on a new page, else (long or taller than a page)
    // by its smaller sub-bands — the groups of rows joined by short spans — and finally row by row.
    auto place_band = [&](std::pair<int, int> band, bool outer, auto& self) -> void {
      if (y_ + band_height(band) <= bottom_ + 0.01) return place_rows(band.first, band.second, false);
      if (!splittable(band)) {
        if (may_break()) {
          start_page();
          body_on_page = false;
        }
        return place_rows(band.first, band.second, false);
      }
      if (!outer) return place_rows(band.first, band.second, true);
      for (const auto& sub : make_bands(band.first, band.second, kKeepRows)) self(sub, false, self);
    };
    for (size_t b = first_body; b < bands.size(); ++b) place_band(bands[b], true, place_band);

    auto rect = [&](Page& page, double x0, double y0, double x1, double y1) {
      page.rules.push_back({x0, y0, x1, y0});
      page.rules.push_back({x0, y1, x1, y1});
      page.rules.push_back({x0, y0, x0, y1});
      page.rules.push_back({x1, y0, x1, y1});
    };
    auto draw_text = [&](Page& page, const TextBlock& t, double x0, double y0, double y1) {
      double top = y0 + (y1 - y0 - t.height()) / 2;  // vertically centred
      for (size_t k = 0; k < t.lines.size(); ++k) {
        page.lines.push_back(
            DrawLine{t.layout, static_cast<int>(k), x0 + kCellPadXPt + t.lines[k].x, t.baseline(k, top)});
        top += t.pitch;
      }
    };
    for (size_t i = 0; i < g.cells.size(); ++i) {
      const PlacedCell& pc = g.cells[i];
      const double x0 = col_x[pc.col], x1 = col_x[pc.col + pc.col_span];
      if (pc.row < header_end) {
        for (const RowPos& at : header_at) {
          double y0 = at.y;
          for (int r = 0; r < pc.row; ++r) y0 += row_h[r];
          double y1 = y0;
          for (int r = pc.row; r < pc.row + pc.row_span; ++r) y1 += row_h[r];
          rect(pages_[at.page], x0, y0, x1, y1);
          draw_text(pages_[at.page], blocks[i], x0, y0, y1);
        }
        continue;
      }
      // One segment per page the cell's rows fall on; the text goes in the tallest segment.
      struct Segment {
        size_t page;
        double y0, y1;
      };
      std::vector<Segment> segs;
      for (int r = pc.row; r < pc.row + pc.row_span; ++r) {
        if (segs.empty() || segs.back().page != pos[r].page)
          segs.push_back({pos[r].page, pos[r].y, pos[r].y});
        segs.back().y1 = pos[r].y + row_h[r];
      }
      size_t tallest = 0;
      for (size_t k = 0; k < segs.size(); ++k) {
        rect(pages_[segs[k].page], x0, segs[k].y0, x1, segs[k].y1);
        if (segs[k].y1 - segs[k].y0 > segs[tallest].y1 - segs[tallest].y0) tallest = k;
      }
      draw_text(pages_[segs[tallest].page], blocks[i], x0, segs[tallest].y0, segs[tallest].y1);
    }
    tail_lines_ = 0;
    y_ += body_pitch_ * 0.5;
  }

  void place_footers() {
    const int total = static_cast<int>(pages_.size());
    for (int i = 0; i < total; ++i) {
      TextBlock f = text({Run{fmt::format("第 {} 页 共 {} 页", i + 1, total), false}}, Face::kSerif,
                         kFooterFontPt, 0, Align::kLeft, 0, kFooterFontPt * 1.5);
      const double x = (page_w_ - f.width) / 2;
      const double top = bottom_ + kFooterGapMm * kPointsPerMm;
      pages_[i].lines.push_back(DrawLine{f.layout, 0, x + f.lines[0].x, top + f.lines[0].ascent});
    }
  }

  const OfficeDocument& doc_;
  PangoContext* ctx_;
  double page_w_ = 0, page_h_ = 0, left_ = 0, right_ = 0, top_ = 0, bottom_ = 0, body_pitch_ = 0;
  double y_ = 0;
  size_t tail_lines_ = 0;      // text lines at the end of the current page, from the latest text
  double gap_since_text_ = 0;  // spacer height placed after the latest text
  std::vector<Page> pages_;
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct ContextDeleter {
  void operator()(PangoContext* c) const { g_object_unref(c); }
};

std::string pdf_date(const Metadata& m) {
  const Date d = m.created.value_or(*Date::from_ymd(2000, 1, 1));
  return d.to_string() + "T00:00:00+08:00";  // China Standard Time
}

}  // namespace

Result<std::string> render_pdf(const OfficeDocument& doc) {
  GK_TRY_STATUS(validate(doc));
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(cairo_pdf_surface_create_for_stream(
      append_to_string, &out, page_width_pt(doc.page), page_height_pt(doc.page)));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return fail(Error::internal(
        fmt::format("cairo: {}", cairo_status_to_string(cairo_surface_status(surface.get())))));

  const std::string date = pdf_date(doc.metadata);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, doc.metadata.author.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, doc.metadata.subject.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_KEYWORDS, doc.metadata.keywords.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "gongkai");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());

  std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
  std::unique_ptr<PangoContext, ContextDeleter> ctx(pango_cairo_create_context(cr.get()));
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(ctx.get(), FALSE);
  pango_context_set_language(ctx.get(), pango_language_from_string("zh-cn"));

  std::vector<Page> pages = Layouter(doc, ctx.get()).run();

  cairo_t* c = cr.get();
  for (const Page& page : pages) {
    cairo_set_source_rgb(c, 0, 0, 0);
    if (!page.rules.empty()) {
      cairo_set_line_width(c, kRuleWidthPt);
      cairo_set_line_cap(c, CAIRO_LINE_CAP_SQUARE);
      for (const Rule& r : page.rules) {
        cairo_move_to(c, r.x0, r.y0);
        cairo_line_to(c, r.x1, r.y1);
      }
      cairo_stroke(c);
    }
    for (const DrawLine& l : page.lines) {
      PangoLayoutLine* line = pango_layout_get_line_readonly(l.layout.get(), l.index);
      if (line == nullptr) continue;
      cairo_move_to(c, l.x, l.baseline);
      pango_cairo_show_layout_line(c, line);
    }
    cairo_show_page(c);
  }
  pages.clear();
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return fail(Error::internal(
        fmt::format("cairo: {}", cairo_status_to_string(cairo_surface_status(surface.get())))));
  surface.reset();
  return out;
}

}  // namespace gk::docgen
