// 政府信息公开工作年度报告 (条例 Arts. 49–50) in the back office and on the portal. Every handler
// parses, calls one AnnualReportService / StatisticsService method (ctx.annual_reports,
// ctx.statistics; 503 while the one it needs is missing) and renders; permission checks stay in the
// services, the pages only leave out buttons the principal could not use.
//
//   GET  /admin/annual-reports?year=Y            公开办 (kOverseeAnnualReports): every organ's stage,
//                                                deadline, days left / overdue (in words beside the
//                                                colour), submission and publication times, a
//                                                summary with a progress bar and the reminders;
//                                                department staff are redirected to their own report.
//                                                Y defaults to last year.
//   GET  /admin/annual-reports/{year}/{code}     the report in the official layout (render_html) with
//                                                every non-zero cell linked to its drill-down, the
//                                                status line, failed cross-checks, the text form
//                                                (?use_draft=1 fills it with the system draft), the
//                                                comparison with the previous year, the actions the
//                                                principal may take and the downloads
//   GET  /admin/annual-reports/{year}/{code}.{pdf|docx|xlsx|json}
//                                                the report as a file named "<organ><Y>年政府信息公开
//                                                工作年度报告.<ext>" (RFC 5987 filename*); JSON with
//                                                text and drill-down cells (report_json.h)
//   GET  /admin/annual-reports/{year}/{code}/cells?row=R&column=C[&page=N]
//                                                the cases counted in one cell, 50 a page; a case the
//                                                principal may not see is listed as "（无权查看）"
//   POST /admin/annual-reports/{year}/{code}/text      save_text (version)
//   POST /admin/annual-reports/{year}/{code}/submit    submit (报送)
//   POST /admin/annual-reports/{year}/{code}/reopen    reopen (退回修改, reason required)
//   POST /admin/annual-reports/{year}/{code}/publish   publish → redirect to the new document
//   GET  /admin/annual-reports/statistics?year=Y       the section 二 statistics: upload form with
//                                                      the template header, and the year's totals
//   POST /admin/annual-reports/statistics              multipart upload (CSV or XLSX): rows written,
//                                                      lines rejected with their reasons
//   GET  /annual-reports[?year=Y]                      portal: the published reports (the documents
//                                                      of every organ's 政府信息公开年报 column) by year
//
// Errors an officer can fix (input, a stale version, a step out of order) come back on the report
// page next to the form; everything else goes through error_page.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

http::Response admin_annual_reports(WebContext& ctx, http::Request& req);
// Also serves the downloads: a {code} ending in .pdf, .docx, .xlsx or .json (the router cannot put
// a parameter inside a segment).
http::Response admin_annual_report(WebContext& ctx, http::Request& req);
http::Response admin_annual_report_cells(WebContext& ctx, http::Request& req);
http::Response admin_annual_report_text(WebContext& ctx, http::Request& req);
http::Response admin_annual_report_submit(WebContext& ctx, http::Request& req);
http::Response admin_annual_report_reopen(WebContext& ctx, http::Request& req);
http::Response admin_annual_report_publish(WebContext& ctx, http::Request& req);
http::Response admin_annual_report_statistics(WebContext& ctx, http::Request& req);
http::Response admin_annual_report_statistics_upload(WebContext& ctx, http::Request& req);
http::Response portal_annual_reports(WebContext& ctx, http::Request& req);

}  // namespace gk::web
