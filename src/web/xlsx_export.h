// Spreadsheet export of the document library: GET /documents.xlsx takes the same filters as the list
// page and /documents.csv (web::query_from) and answers an Office Open XML workbook with one sheet,
// 政府文件: the CSV's columns (索引号, 标题, 文号, 发布机构, 成文日期, 发布日期, 施行日期, 有效性, 链接),
// a bold frozen header row with an autofilter, set column widths, the three dates as real Excel
// dates (yyyy-mm-dd), and the link column as clickable absolute hyperlinks.
//
// At most kMaxXlsxRows documents are exported (like the CSV). When the filter matches more, the sheet
// ends with a note giving the total and asking for a narrower filter, and the response carries
// X-Export-Truncated: true. Text cells are written as strings, never formulas, so a title starting
// with "=" cannot run in the reader's spreadsheet.
//
// libxlsxwriter 1.1.4 (Debian 12) writes to a file only, so the workbook goes to a private temp file
// (mkstemp, mode 0600) that is read back and removed before the response is returned.
// Thread-safe: each call has its own workbook and file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "documents/document_service.h"
#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

inline constexpr int kMaxXlsxRows = 10'000;
inline constexpr std::string_view kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

http::Response portal_documents_xlsx(WebContext& ctx, http::Request& req);

// The workbook bytes for `items` (at most kMaxXlsxRows are written). `total` is how many documents
// matched; when it exceeds the rows written, the truncation note is added. `base_url` prefixes the
// document links; `site_title` goes into the document properties. Internal on I/O or library errors.
[[nodiscard]] Result<std::string> documents_workbook(const std::vector<documents::DocumentListItem>& items,
                                                     int64_t total, const std::string& base_url,
                                                     const std::string& site_title);

}  // namespace gk::web
