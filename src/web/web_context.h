// WebContext: what the portal and back-office handlers may use — domain services and the view
// renderer, never storage. Built once by the composition root (src/app) and outliving the server.
#pragma once

#include <functional>
#include <string>

#include "accounts/accounts_service.h"
#include "accounts/audit_log_service.h"
#include "calendar/calendar_service.h"
#include "documents/document_service.h"
#include "documents/cleanup_service.h"
#include "documents/document_reports.h"
#include "documents/budget_service.h"
#include "documents/guide_service.h"
#include "documents/plan_service.h"
#include "documents/topic_service.h"
#include "foi/conversion_service.h"
#include "foi/foi_service.h"
#include "foi/reading_room_service.h"
#include "report/annual_report_service.h"
#include "report/statistics.h"
#include "core/date.h"
#include "search/search_service.h"
#include "search/vocabulary.h"
#include "web/view_renderer.h"

namespace gk::web {

struct WebContext {
  accounts::AccountsService& accounts;
  accounts::AuditLogService& audit_log;
  calendar::CalendarService& calendar;
  documents::DocumentService& documents;
  const ViewRenderer& views;
  const Clock& clock;
  std::string server_secret;            // signs CSRF tokens; shared by all nodes (settings table)
  std::function<Status()> readiness;    // database reachable and migrations current
  std::string static_dir;               // <web_dir>/static
  std::string site_title = "东阳市人民政府";
  // Plans, budgets, service guides and topic columns (set after construction by the composition
  // root; pages that need one answer 503 while it is missing, the home page just leaves topics out).
  documents::PlanService* plans = nullptr;
  documents::BudgetService* budgets = nullptr;
  documents::GuideService* guides = nullptr;
  documents::TopicService* topics = nullptr;
  // Back-office reports (Art. 26 timeliness, expiring normative documents) and cleanup campaigns
  // (规范性文件清理); set after construction by the composition root. Their pages answer 503 while
  // one is missing; the back-office home leaves the expiry count out.
  documents::DocumentReports* reports = nullptr;
  documents::CleanupService* cleanup = nullptr;
  // Site-wide search (一网可查) and its vocabulary (检索词库); set by the composition root. /search,
  // /api/v1/search* and /admin/search answer 503 while one they need is missing.
  search::SearchService* search = nullptr;
  search::VocabularyService* vocabulary = nullptr;
  // 依申请公开 (FOI requests): intake, tracking and the back-office handling pages; set by the
  // composition root. Their pages answer 503 while it is missing.
  foi::FoiService* foi = nullptr;
  // The reading room (依申请公开阅览室) and conversions to proactive disclosure (条例第四十四条); set
  // by the composition root. Their pages answer 503 while the one they need is missing.
  foi::ReadingRoomService* reading_room = nullptr;
  foi::ConversionService* conversions = nullptr;
  // The statutory annual report (年度报告, 条例 Arts. 49–50) and the department statistics behind its
  // section 二; set by the composition root. Their pages answer 503 while the one they need is missing.
  report::AnnualReportService* annual_reports = nullptr;
  report::StatisticsService* statistics = nullptr;
};

}  // namespace gk::web
