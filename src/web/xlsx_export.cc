#include "web/xlsx_export.h"

#include <cstdlib>
#include <optional>

#include <fmt/format.h>
#include "docgen/xlsx_workbook.h"
#include "http/content_disposition.h"
#include "web/document_pages.h"
#include "web/feeds.h"
#include "web/pages.h"

namespace gk::web {
namespace {

constexpr int kQueryPageSize = 100;  // DocumentService::list_public's cap
constexpr char kSheetName[] = "政府文件";

struct ColumnSpec {
  const char* heading;
  double width;  // Excel character units; a CJK character takes about two
};
constexpr ColumnSpec kColumns[] = {{"索引号", 26},   {"标题", 60},     {"文号", 24},
                                   {"发布机构", 30}, {"成文日期", 12}, {"发布日期", 12},
                                   {"施行日期", 12}, {"有效性", 10},   {"链接", 44}};
constexpr lxw_col_t kColumnCount = sizeof(kColumns) / sizeof(kColumns[0]);

void write_date(docgen::XlsxErrors& w, lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::optional<Date>& d,
                lxw_format* fmt) {
  if (!d) return;
  if (d->year() < 1900) {  // before Excel's epoch: keep the text rather than a wrong serial number
    w.check(worksheet_write_string(ws, row, col, d->to_string().c_str(), nullptr));
    return;
  }
  lxw_datetime dt{d->year(), d->month(), d->day(), 0, 0, 0.0};
  w.check(worksheet_write_datetime(ws, row, col, &dt, fmt));
}

}  // namespace

Result<std::string> documents_workbook(const std::vector<documents::DocumentListItem>& items, int64_t total,
                                       const std::string& base_url, const std::string& site_title) {
  const docgen::XlsxProperties props{"政府文件", site_title, "", "由政府信息公开平台导出"};
  return docgen::build_xlsx(props, [&](lxw_workbook* wb, docgen::XlsxErrors& w) -> Status {
    lxw_worksheet* ws = workbook_add_worksheet(wb, kSheetName);
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xD9E1F2);
    format_set_bottom(header, LXW_BORDER_THIN);
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    format_set_align(date, LXW_ALIGN_LEFT);
    lxw_format* link = workbook_add_format(wb);
    format_set_font_color(link, LXW_COLOR_BLUE);
    format_set_underline(link, LXW_UNDERLINE_SINGLE);
    lxw_format* note = workbook_add_format(wb);
    format_set_italic(note);
    format_set_font_color(note, LXW_COLOR_RED);

    if (!ws) return fail(Error::internal("xlsx: cannot add the worksheet"));
    for (lxw_col_t c = 0; c < kColumnCount; ++c) {
      w.check(worksheet_set_column(ws, c, c, kColumns[c].width, nullptr));
      w.check(worksheet_write_string(ws, 0, c, kColumns[c].heading, header));
    }
    worksheet_freeze_panes(ws, 1, 0);

    const size_t rows = std::min(items.size(), static_cast<size_t>(kMaxXlsxRows));
    for (size_t i = 0; i < rows; ++i) {
      const auto& d = items[i].document;
      const lxw_row_t r = static_cast<lxw_row_t>(i + 1);
      std::string issuers;
      for (const auto& s : d.issuers) issuers += (issuers.empty() ? "" : "、") + s;
      // worksheet_write_string stores text as text: a leading "=" is never a formula.
      w.check(worksheet_write_string(ws, r, 0, d.index_number.c_str(), nullptr));
      w.check(worksheet_write_string(ws, r, 1, d.title.c_str(), nullptr));
      if (d.doc_number) w.check(worksheet_write_string(ws, r, 2, d.doc_number->c_str(), nullptr));
      if (!issuers.empty()) w.check(worksheet_write_string(ws, r, 3, issuers.c_str(), nullptr));
      write_date(w, ws, r, 4, d.written_on, date);
      write_date(w, ws, r, 5, d.published_at ? std::optional<Date>(d.published_at->local_date()) : std::nullopt,
                 date);
      write_date(w, ws, r, 6, d.effective_on, date);
      w.check(worksheet_write_string(
          ws, r, 7, std::string(documents::validity_label(items[i].validity.status)).c_str(), nullptr));
      const std::string url = fmt::format("{}/documents/{}", base_url, d.id.value);
      w.check(worksheet_write_url(ws, r, 8, url.c_str(), link));
    }
    w.check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows), kColumnCount - 1));
    if (total > static_cast<int64_t>(rows)) {
      const std::string text =
          fmt::format("仅导出前 {} 条，共 {} 条符合条件；请缩小筛选范围后分批导出。", rows, total);
      w.check(worksheet_write_string(ws, static_cast<lxw_row_t>(rows + 2), 0, text.c_str(), note));
    }
    return ok();
  });
}

http::Response portal_documents_xlsx(WebContext& ctx, http::Request& req) {
  auto q = query_from(ctx, req);
  if (!q) return error_page(ctx, req, q.error());
  q->per_page = kQueryPageSize;
  std::vector<documents::DocumentListItem> items;
  int64_t total = 0;
  for (q->page = 1; items.size() < static_cast<size_t>(kMaxXlsxRows); ++q->page) {
    auto page = ctx.documents.list_public(*q);
    if (!page) return error_page(ctx, req, page.error());
    total = page->total;
    for (auto& item : page->items) {
      if (items.size() == static_cast<size_t>(kMaxXlsxRows)) break;
      items.push_back(std::move(item));
    }
    if (page->items.size() < static_cast<size_t>(kQueryPageSize) ||
        static_cast<int64_t>(q->page) * kQueryPageSize >= total) {
      break;
    }
  }
  auto bytes = documents_workbook(items, total, public_base_url(req), ctx.site_title);
  if (!bytes) return error_page(ctx, req, bytes.error());

  const std::string day = ctx.clock.today().to_string();
  http::Response res = http::Response::text(std::move(*bytes));
  res.headers.set("Content-Type", std::string(kXlsxContentType));
  // ASCII fallback for old clients, the Chinese name for the rest (RFC 6266 §4.3, RFC 5987).
  res.headers.set("Content-Disposition",
                  http::attachment_disposition("政府文件-" + day + ".xlsx", "documents-" + day + ".xlsx"));
  res.headers.set("Cache-Control", "no-store");
  if (total > static_cast<int64_t>(items.size())) res.headers.set("X-Export-Truncated", "true");
  return res;
}

}  // namespace gk::web
