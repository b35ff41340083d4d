#include "web/routes.h"

#include "http/static_files.h"
#include "web/account_pages.h"
#include "web/admin_document_pages.h"
#include "web/admin_library_pages.h"
#include "web/admin_pages.h"
#include "web/admin_search_pages.h"
#include "web/annual_report_pages.h"
#include "web/attachment_pages.h"
#include "web/cleanup_pages.h"
#include "web/report_pages.h"
#include "web/api_documents.h"
#include "web/api_report_statistics.h"
#include "web/api_search.h"
#include "web/document_pages.h"
#include "web/feeds.h"
#include "web/foi_admin_pages.h"
#include "web/foi_pages.h"
#include "web/foi_reading_room_pages.h"
#include "web/library_pages.h"
#include "web/pages.h"
#include "web/portal_pages.h"
#include "web/search_pages.h"
#include "web/sitemap.h"
#include "web/visitor.h"
#include "web/xlsx_export.h"

namespace gk::web {
namespace {

http::Handler bind(WebContext& ctx, http::Response (*fn)(WebContext&, http::Request&)) {
  return [&ctx, fn](http::Request& req) { return fn(ctx, req); };
}

}  // namespace

Status mount_routes(http::Router& router, WebContext& ctx, http::Metrics& metrics) {
  router.use([&ctx](http::Request& req, const http::Handler& next) { return visitor_middleware(ctx, req, next); });
  router.set_not_found([&ctx](http::Request& req) {
    return error_page(ctx, req, Error::not_found("您访问的页面不存在或已被移除。"));
  });

  // Probes and metrics: no session, no templates.
  router.get("/healthz", [](http::Request&) { return http::Response::text("ok\n"); }, {.name = "healthz"});
  router.get("/readyz", [&ctx](http::Request&) {
    Status st = ctx.readiness();
    if (!st) return http::Response::text("not ready: " + st.error().message() + "\n", 503);
    return http::Response::text("ready\n");
  }, {.name = "readyz"});
  router.get("/metrics", metrics.handler(), {.name = "metrics"});

  http::StaticFilesOptions so;
  so.root = ctx.static_dir;
  auto statics = http::StaticFiles::open(so);
  if (!statics) return fail(Error::failed_precondition("static files: " + statics.error().message()));
  (*statics)->mount(router, "static");

  // Portal.
  router.get("/", bind(ctx, portal_home), {.name = "portal.home"});
  router.get("/departments", bind(ctx, portal_departments), {.name = "portal.departments"});
  router.get("/departments/{code}", bind(ctx, portal_department), {.name = "portal.department"});
  router.get("/calendar", bind(ctx, portal_calendar), {.name = "portal.calendar"});
  router.get("/documents", bind(ctx, portal_documents), {.name = "portal.documents"});
  router.get("/documents.csv", bind(ctx, portal_documents_csv), {.name = "portal.documents_csv"});
  router.get("/documents/{id}", bind(ctx, portal_document), {.name = "portal.document"});
  router.get("/documents/{id}/print", bind(ctx, portal_document_print), {.name = "portal.document_print"});
  router.get("/documents/{id}/attachments/{aid}", bind(ctx, portal_attachment_download),
             {.name = "portal.attachment"});
  router.get("/normative", bind(ctx, portal_normative), {.name = "portal.normative"});
  router.get("/departments/{code}/disclosure", bind(ctx, portal_disclosure), {.name = "portal.disclosure"});
  router.post("/prefs/large-font", bind(ctx, set_large_font), {.name = "prefs.large_font", .body_limit = 4096});
  // Plans, budgets and final accounts, service guides, topic columns (library_pages.h).
  router.get("/plans", bind(ctx, portal_plans), {.name = "portal.plans"});
  router.get("/budgets", bind(ctx, portal_budgets), {.name = "portal.budgets"});
  router.get("/departments/{code}/budgets", bind(ctx, portal_department_budgets), {.name = "portal.department_budgets"});
  router.get("/guides", bind(ctx, portal_guides), {.name = "portal.guides"});
  router.get("/topics", bind(ctx, portal_topics), {.name = "portal.topics"});
  router.get("/topics/{key}", bind(ctx, portal_topic), {.name = "portal.topic"});
  // Site-wide search (一网可查).
  router.get("/search", bind(ctx, portal_search), {.name = "portal.search"});

  // Machine-readable surfaces: spreadsheet export, Atom feeds, sitemaps, JSON API.
  router.get("/documents.xlsx", bind(ctx, portal_documents_xlsx), {.name = "portal.documents_xlsx"});
  router.get("/feeds/documents.atom", bind(ctx, feed_documents), {.name = "feeds.documents"});
  router.get("/feeds/departments/{file}", bind(ctx, feed_department), {.name = "feeds.department"});
  router.get("/sitemap.xml", bind(ctx, sitemap), {.name = "sitemap"});
  for (int n = 1; n <= kSitemapMaxParts; ++n) {  // "{n}" cannot sit inside a segment: one literal route per part
    router.get("/sitemap-" + std::to_string(n) + ".xml",
               [&ctx, n](http::Request& req) { return sitemap_part(ctx, req, n); }, {.name = "sitemap.part"});
  }
  router.get("/api/v1/documents", bind(ctx, api_documents), {.name = "api.documents"});
  router.get("/api/v1/documents/{id}", bind(ctx, api_document), {.name = "api.document"});
  router.get("/api/v1/search", bind(ctx, api_search), {.name = "api.search"});
  router.get("/api/v1/search/suggest", bind(ctx, api_search_suggest), {.name = "api.search_suggest"});
  // Departments push section 二 statistics of the annual report (HTTP Basic; api_report_statistics.h).
  router.post("/api/v1/report-statistics", bind(ctx, api_report_statistics),
              {.name = "api.report_statistics", .body_limit = 2 * 1024 * 1024});
  router.get("/api/{rest...}", bind(ctx, api_not_found), {.name = "api.not_found"});

  // Accounts.
  router.get("/login", bind(ctx, staff_login_form), {.name = "account.login_form"});
  router.post("/login", bind(ctx, staff_login), {.name = "account.login", .body_limit = 8192});
  router.post("/logout", bind(ctx, logout), {.name = "account.logout", .body_limit = 4096});
  router.get("/account/login", bind(ctx, public_login_form), {.name = "account.public_login_form"});
  router.post("/account/login", bind(ctx, public_login), {.name = "account.public_login", .body_limit = 8192});
  router.get("/account/register", bind(ctx, register_form), {.name = "account.register_form"});
  router.post("/account/register", bind(ctx, register_account), {.name = "account.register", .body_limit = 8192});
  router.get("/account/password", bind(ctx, password_form), {.name = "account.password_form"});
  router.post("/account/password", bind(ctx, change_password), {.name = "account.password", .body_limit = 8192});

  // Back office.
  router.get("/admin", bind(ctx, admin_home), {.name = "admin.home"});
  router.get("/admin/users", bind(ctx, admin_users), {.name = "admin.users"});
  router.get("/admin/users.csv", bind(ctx, admin_users_csv), {.name = "admin.users_csv"});
  router.get("/admin/users/new", bind(ctx, admin_user_form), {.name = "admin.user_form"});
  router.post("/admin/users/new", bind(ctx, admin_user_create), {.name = "admin.user_create", .body_limit = 16384});
  router.get("/admin/documents", bind(ctx, admin_documents), {.name = "admin.documents"});
  router.get("/admin/documents/new", bind(ctx, admin_document_new), {.name = "admin.document_new"});
  router.post("/admin/documents/new", bind(ctx, admin_document_create),
              {.name = "admin.document_create", .body_limit = 6 * 1024 * 1024});
  router.get("/admin/documents/{id}", bind(ctx, admin_document), {.name = "admin.document"});
  router.get("/admin/documents/{id}/edit", bind(ctx, admin_document_edit), {.name = "admin.document_edit"});
  router.post("/admin/documents/{id}/edit", bind(ctx, admin_document_update),
              {.name = "admin.document_update", .body_limit = 6 * 1024 * 1024});
  router.post("/admin/documents/{id}/action", bind(ctx, admin_document_action),
              {.name = "admin.document_action", .body_limit = 16384});
  router.post("/admin/documents/{id}/publish", bind(ctx, admin_document_publish),
              {.name = "admin.document_publish", .body_limit = 4096});
  router.get("/admin/documents/{id}/diff", bind(ctx, admin_document_diff), {.name = "admin.document_diff"});
  // Attachments: the body limit sits above the service's 50 MiB so the service reports an oversize
  // file as a field error; larger bodies get 413 from the transport.
  router.post("/admin/documents/{id}/attachments", bind(ctx, admin_attachment_upload),
              {.name = "admin.attachment_upload", .body_limit = 55 * 1024 * 1024});
  router.post("/admin/documents/{id}/attachments/{aid}/delete", bind(ctx, admin_attachment_delete),
              {.name = "admin.attachment_delete", .body_limit = 4096});
  router.get("/admin/documents/{id}/attachments/{aid}", bind(ctx, admin_attachment_download),
             {.name = "admin.attachment"});
  router.get("/admin/documents/{id}/facts", bind(ctx, admin_document_facts), {.name = "admin.document_facts"});
  router.post("/admin/documents/{id}/plan", bind(ctx, admin_document_plan),
              {.name = "admin.document_plan", .body_limit = 16384});
  router.post("/admin/documents/{id}/budget", bind(ctx, admin_document_budget),
              {.name = "admin.document_budget", .body_limit = 16384});
  router.post("/admin/documents/{id}/guide", bind(ctx, admin_document_guide),
              {.name = "admin.document_guide", .body_limit = 256 * 1024});
  router.get("/admin/topics", bind(ctx, admin_topics), {.name = "admin.topics"});
  router.post("/admin/topics", bind(ctx, admin_topic_create), {.name = "admin.topic_create", .body_limit = 16384});
  router.post("/admin/topics/{id}/feature", bind(ctx, admin_topic_feature),
              {.name = "admin.topic_feature", .body_limit = 4096});
  router.get("/admin/audit", bind(ctx, admin_audit), {.name = "admin.audit"});
  router.get("/admin/calendar", bind(ctx, admin_calendar), {.name = "admin.calendar"});
  router.post("/admin/calendar", bind(ctx, admin_calendar_import),
              {.name = "admin.calendar_import", .body_limit = 512 * 1024});

  // Search vocabulary (检索词库) and index state.
  router.get("/admin/search", bind(ctx, admin_search), {.name = "admin.search"});
  router.post("/admin/search/words", bind(ctx, admin_search_add_word), {.name = "admin.search_word", .body_limit = 8192});
  router.post("/admin/search/synonyms", bind(ctx, admin_search_add_synonyms),
              {.name = "admin.search_synonyms", .body_limit = 8192});
  router.post("/admin/search/entries/{id}/delete", bind(ctx, admin_search_remove),
              {.name = "admin.search_remove", .body_limit = 4096});

  // Reports (条例 Art. 26 timeliness, expiring normative documents) and cleanup campaigns (清理).
  router.get("/admin/reports", bind(ctx, admin_reports), {.name = "admin.reports"});
  router.get("/admin/reports/timeliness", bind(ctx, admin_timeliness), {.name = "admin.reports_timeliness"});
  router.get("/admin/reports/timeliness.csv", bind(ctx, admin_timeliness_csv),
             {.name = "admin.reports_timeliness_csv"});
  router.get("/admin/reports/expiring", bind(ctx, admin_expiring), {.name = "admin.reports_expiring"});
  router.get("/admin/cleanup", bind(ctx, admin_cleanup_list), {.name = "admin.cleanup_list"});
  router.post("/admin/cleanup", bind(ctx, admin_cleanup_create), {.name = "admin.cleanup_create", .body_limit = 8192});
  router.get("/admin/cleanup/{id}", bind(ctx, admin_cleanup), {.name = "admin.cleanup"});
  router.post("/admin/cleanup/{id}/decide", bind(ctx, admin_cleanup_decide),
              {.name = "admin.cleanup_decide", .body_limit = 16384});
  router.post("/admin/cleanup/{id}/publish", bind(ctx, admin_cleanup_publish),
              {.name = "admin.cleanup_publish", .body_limit = 4096});
  router.get("/cleanup/{id}", bind(ctx, portal_cleanup), {.name = "portal.cleanup"});

  // 依申请公开 (FOI requests): portal intake and tracking, the applicant's cases, the back office.
  router.get("/foi/apply", bind(ctx, portal_foi_apply_form), {.name = "portal.foi_apply_form"});
  router.post("/foi/apply", bind(ctx, portal_foi_apply), {.name = "portal.foi_apply", .body_limit = 64 * 1024});
  router.get("/foi/track", bind(ctx, portal_foi_track_form), {.name = "portal.foi_track_form"});
  router.post("/foi/track", bind(ctx, portal_foi_track), {.name = "portal.foi_track", .body_limit = 4096});
  router.post("/foi/track/letter", bind(ctx, portal_foi_track_letter), {.name = "portal.foi_letter", .body_limit = 4096});
  router.get("/account/foi", bind(ctx, account_foi_cases), {.name = "account.foi_cases"});
  router.get("/account/foi/{id}", bind(ctx, account_foi_case), {.name = "account.foi_case"});
  router.get("/account/foi/{id}/letter.pdf", bind(ctx, account_foi_letter_pdf), {.name = "account.foi_letter_pdf"});
  router.get("/account/foi/{id}/letter.docx", bind(ctx, account_foi_letter_docx), {.name = "account.foi_letter_docx"});
  router.get("/admin/foi", bind(ctx, admin_foi_queue), {.name = "admin.foi_queue"});
  router.get("/admin/foi/new", bind(ctx, admin_foi_new_form), {.name = "admin.foi_new_form"});
  router.post("/admin/foi/new", bind(ctx, admin_foi_register), {.name = "admin.foi_register", .body_limit = 64 * 1024});
  router.get("/admin/foi/calendar.ics", bind(ctx, admin_foi_calendar), {.name = "admin.foi_calendar"});
  router.get("/admin/foi/{id}", bind(ctx, admin_foi_case), {.name = "admin.foi_case"});
  router.post("/admin/foi/{id}/events", bind(ctx, admin_foi_event), {.name = "admin.foi_event", .body_limit = 64 * 1024});
  router.post("/admin/foi/{id}/remedies", bind(ctx, admin_foi_remedy_add),
              {.name = "admin.foi_remedy_add", .body_limit = 32 * 1024});
  router.post("/admin/foi/{id}/remedies/{rid}", bind(ctx, admin_foi_remedy_update),
              {.name = "admin.foi_remedy_update", .body_limit = 32 * 1024});
  router.get("/admin/foi/{id}/letter.pdf", bind(ctx, admin_foi_letter_pdf), {.name = "admin.foi_letter_pdf"});
  router.get("/admin/foi/{id}/letter.docx", bind(ctx, admin_foi_letter_docx), {.name = "admin.foi_letter_docx"});
  // The reading room (依申请公开阅览室) and conversions to proactive disclosure (条例第四十四条).
  router.get("/foi/reading-room", bind(ctx, portal_reading_room), {.name = "portal.reading_room"});
  router.get("/foi/reading-room/{id}", bind(ctx, portal_reading_room_entry), {.name = "portal.reading_room_entry"});
  router.get("/admin/foi/{id}/reading-room", bind(ctx, admin_reading_room_form), {.name = "admin.reading_room_form"});
  router.post("/admin/foi/{id}/reading-room", bind(ctx, admin_reading_room_publish),
              {.name = "admin.reading_room_publish", .body_limit = 512 * 1024});
  router.post("/admin/foi/reading-room/{id}/withdraw", bind(ctx, admin_reading_room_withdraw),
              {.name = "admin.reading_room_withdraw", .body_limit = 8192});
  router.get("/admin/foi/conversions", bind(ctx, admin_foi_conversions), {.name = "admin.foi_conversions"});
  router.post("/admin/foi/conversions", bind(ctx, admin_foi_convert), {.name = "admin.foi_convert", .body_limit = 64 * 1024});

  // 政府信息公开工作年度报告 (条例 Arts. 49–50): the city-wide status, each organ's report with its
  // drill-down, text, 报送 / 退回 / 发布 and downloads, the section 二 statistics, the public list.
  router.get("/annual-reports", bind(ctx, portal_annual_reports), {.name = "portal.annual_reports"});
  router.get("/admin/annual-reports", bind(ctx, admin_annual_reports), {.name = "admin.annual_reports"});
  router.get("/admin/annual-reports/statistics", bind(ctx, admin_annual_report_statistics),
             {.name = "admin.annual_report_statistics"});
  router.post("/admin/annual-reports/statistics", bind(ctx, admin_annual_report_statistics_upload),
              {.name = "admin.annual_report_statistics_upload", .body_limit = 6 * 1024 * 1024});
  // {code} is also "<code>.pdf|docx|xlsx|json" (a parameter cannot sit inside a segment).
  router.get("/admin/annual-reports/{year}/{code}", bind(ctx, admin_annual_report), {.name = "admin.annual_report"});
  router.get("/admin/annual-reports/{year}/{code}/cells", bind(ctx, admin_annual_report_cells),
             {.name = "admin.annual_report_cells"});
  // Three sections of up to 20,000 characters each, URL-encoded (9 bytes per Chinese character),
  // must reach the service, which answers with the form and the text kept, not the transport (413).
  router.post("/admin/annual-reports/{year}/{code}/text", bind(ctx, admin_annual_report_text),
              {.name = "admin.annual_report_text", .body_limit = 640 * 1024});
  router.post("/admin/annual-reports/{year}/{code}/submit", bind(ctx, admin_annual_report_submit),
              {.name = "admin.annual_report_submit", .body_limit = 4096});
  router.post("/admin/annual-reports/{year}/{code}/reopen", bind(ctx, admin_annual_report_reopen),
              {.name = "admin.annual_report_reopen", .body_limit = 16384});
  router.post("/admin/annual-reports/{year}/{code}/publish", bind(ctx, admin_annual_report_publish),
              {.name = "admin.annual_report_publish", .body_limit = 4096});
  return ok();
}

}  // namespace gk::web
