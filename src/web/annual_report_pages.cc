#include "web/annual_report_pages.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "core/utf8.h"
#include "foi/outcome.h"
#include "http/content_disposition.h"
#include "http/form.h"
#include "report/render.h"
#include "report/report_json.h"
#include "web/account_pages.h"
#include "web/document_views.h"
#include "web/multipart.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Permission;
using accounts::Principal;
using report::ReportStage;

constexpr int kCasesPerPage = 50;
constexpr std::string_view kStatisticsHeader =
    "department,year,licensing_decisions,penalties,enforcement_measures,fees_10k_yuan";

Error reports_not_wired() { return Error::unavailable("annual report service is not configured"); }
Error statistics_not_wired() { return Error::unavailable("statistics service is not configured"); }

std::optional<int64_t> to_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int> year_value(std::string_view s) {
  auto v = to_int(s);
  if (!v || s.size() != 4 || *v < 2000 || *v > 9999) return std::nullopt;
  return static_cast<int>(*v);
}

// ?year=Y, or last year (the report season is the first months of the next year).
Result<int> year_of(const http::Request& req, Date today) {
  const std::string y = req.query_param("year").value_or("");
  if (y.empty()) return today.year() - 1;
  auto v = year_value(y);
  if (!v) return fail(Error::invalid_field("year", "年份应为 2000–9999 的四位数字"));
  return *v;
}

// A year select: this year and the five before it, plus the chosen one when it is older.
View year_options(int chosen, Date today) {
  View list{View::type::list};
  std::vector<int> years;
  for (int y = today.year(); y >= today.year() - 5; --y) years.push_back(y);
  if (std::find(years.begin(), years.end(), chosen) == years.end()) years.push_back(chosen);
  std::sort(years.rbegin(), years.rend());
  for (int y : years) {
    View o;
    o.set("year", std::to_string(y));
    o.set("selected", y == chosen);
    list.push_back(o);
  }
  return list;
}

Result<std::vector<accounts::Department>> all_departments(WebContext& ctx) {
  return ctx.accounts.list_departments(nullptr);
}

std::optional<accounts::Department> department_by_id(const std::vector<accounts::Department>& all,
                                                     DepartmentId id) {
  for (const auto& d : all)
    if (d.id == id) return d;
  return std::nullopt;
}

// The organ and year of a /admin/annual-reports/{year}/{code}… URL.
struct Target {
  accounts::Department dept;
  int year = 0;
  std::string base;  // "/admin/annual-reports/<year>/<code>"
};

Result<Target> target_of(WebContext& ctx, const http::Request& req, std::string_view code) {
  auto year = year_value(req.param("year"));
  if (!year) return fail(Error::not_found("没有该年度的年度报告"));
  GK_TRY_ASSIGN(depts, all_departments(ctx));
  for (auto& d : depts) {
    if (d.code == code) {
      Target t{std::move(d), *year, ""};
      t.base = fmt::format("/admin/annual-reports/{}/{}", t.year, http::url_encode(t.dept.code));
      return t;
    }
  }
  return fail(Error::not_found("没有找到该单位"));
}

std::string instant_text(const std::optional<Instant>& t) {
  return t ? t->to_local_display() : std::string();
}

// Days left in words, never by colour alone: 已逾期N天 / 今日截止 / 剩余N天 / 已发布.
struct Due {
  std::string text;
  std::string kind;  // overdue | soon | ok | done
};
Due due_of(const report::ReportStatus& s) {
  if (s.stage == ReportStage::kPublished) return {"已发布", "done"};
  if (s.overdue) return {fmt::format("已逾期{}天", -s.days_left), "overdue"};
  if (s.days_left == 0) return {"今日截止", "soon"};
  if (s.days_left <= 7) return {fmt::format("剩余{}天", s.days_left), "soon"};
  return {fmt::format("剩余{}天", s.days_left), "ok"};
}

View status_view(const report::ReportStatus& s) {
  View v;
  v.set("stage", std::string(report::report_stage_key(s.stage)));
  v.set("stage_label", std::string(report::report_stage_label(s.stage)));
  v.set("deadline", s.deadline.to_string());
  const Due due = due_of(s);
  v.set("due_text", due.text);
  v.set("due_kind", due.kind);
  v.set("overdue", due.kind == "overdue");
  // Sections test presence: an empty string would still count as set.
  if (s.submitted_at) v.set("submitted_at", instant_text(s.submitted_at));
  if (s.published_at) v.set("published_at", instant_text(s.published_at));
  if (s.document) v.set("document_id", std::to_string(s.document->value));
  v.set("department_name", s.department.name);
  v.set("department_code", s.department.code);
  v.set("url", fmt::format("/admin/annual-reports/{}/{}", s.year, http::url_encode(s.department.code)));
  return v;
}

// The figures of one cell (for "link only non-zero cells").
std::optional<int64_t> cell_value(const report::AnnualReport& r, std::string_view row,
                                  std::string_view column) {
  if (auto it = r.applications.find(row); it != r.applications.end()) {
    for (size_t i = 0; i < report::kApplicationColumns.size(); ++i)
      if (report::kApplicationColumns[i] == column) return it->second[i];
    return std::nullopt;
  }
  if (row == "normative_documents" || row == "rules") {
    const report::IssuedCounts& c = row == "rules" ? r.proactive.rules : r.proactive.normative_documents;
    if (column == "issued") return c.issued;
    if (column == "repealed") return c.repealed;
    if (column == "in_force") return c.in_force;
    return std::nullopt;
  }
  const report::RemedyCounts* g = row == "reconsideration"     ? &r.reconsideration
                                  : row == "litigation_direct" ? &r.litigation_direct
                                  : row == "litigation_after_reconsideration"
                                      ? &r.litigation_after_reconsideration
                                      : nullptr;
  if (!g) return std::nullopt;
  if (column == "upheld") return g->upheld;
  if (column == "corrected") return g->corrected;
  if (column == "other") return g->other;
  if (column == "pending") return g->pending;
  if (column == "total") return g->total;
  return std::nullopt;
}

std::string cells_url(const Target& t, std::string_view row, std::string_view column) {
  return fmt::format("{}/cells?row={}&column={}", t.base, http::url_encode(row), http::url_encode(column));
}

// The official layout as an embeddable fragment: drill-down links on every non-zero cell of
// sections 二 (normative documents), 三 and 四, styled by the site's stylesheet.
Result<std::string> official_html(const report::AnnualReport& r, const Target& t) {
  report::HtmlOptions o;
  o.full_page = false;
  o.show_check_errors = false;  // the page shows them itself, above the form
  o.link = [&r, &t](std::string_view row, std::string_view column) -> std::string {
    auto v = cell_value(r, row, column);
    return v && *v != 0 ? cells_url(t, row, column) : std::string();
  };
  return report::render(r, "html", o);
}

// Key figures against the previous year.
View comparison_view(const report::AnnualReport& cur, const report::AnnualReport& prev) {
  auto total_of = [](const report::AnnualReport& r, std::string_view row) -> int64_t {
    auto it = r.applications.find(row);
    return it == r.applications.end() ? 0 : it->second.back();
  };
  auto remedies = [](const report::AnnualReport& r) {
    return r.reconsideration.total + r.litigation_direct.total + r.litigation_after_reconsideration.total;
  };
  struct Item {
    const char* label;
    int64_t now, before;
  };
  const Item items[] = {
      {"新收政府信息公开申请", total_of(cur, "new_this_year"), total_of(prev, "new_this_year")},
      {"办结政府信息公开申请", total_of(cur, "total_handled"), total_of(prev, "total_handled")},
      {"行政复议、行政诉讼", remedies(cur), remedies(prev)},
  };
  View list{View::type::list};
  for (const auto& i : items) {
    View v;
    v.set("label", i.label);
    v.set("now", std::to_string(i.now));
    v.set("before", std::to_string(i.before));
    const int64_t d = i.now - i.before;
    std::string change = d == 0 ? "持平" : fmt::format("{}{}件", d > 0 ? "增加" : "减少", d > 0 ? d : -d);
    if (d != 0 && i.before > 0)
      change += fmt::format("（{:+.1f}%）", 100.0 * static_cast<double>(d) / i.before);
    v.set("change", change);
    list.push_back(v);
  }
  View out;
  out.set("items", list);
  out.set("previous_year", std::to_string(prev.year));
  return out;
}

// A form that came back with an error: which one, what was typed, the error.
struct Failed {
  std::string form;  // text | submit | reopen | publish
  const Form* fields = nullptr;
  const Error* error = nullptr;
};

std::string error_message(const Error& e) {
  if (e.code() == ErrorCode::kConflict) return "已被他人修改，请刷新后重试。";
  return e.message();
}

std::string_view done_message(std::string_view key) {
  if (key == "text") return "文字部分已保存。";
  if (key == "submit") return "年度报告已报送。";
  if (key == "reopen") return "已退回修改，年度报告回到草稿状态。";
  return "";
}

bool may(const Principal& p, Permission perm, DepartmentId dept) {
  return static_cast<bool>(accounts::authorize(&p, perm, dept));
}

// Who may start publication: the document library lets an editor of the organ (or an admin)
// create and submit a document.
bool may_publish(const Principal& p, DepartmentId dept) {
  return p.kind == Principal::Kind::kSystem || p.has_role(accounts::Role::kAdmin) ||
         (p.has_role(accounts::Role::kEditor) && p.department == dept);
}

View text_section(std::string_view key, std::string_view label, const std::string& value,
                  const std::string& drafted, const Failed& failed) {
  View v;
  v.set("key", std::string(key));
  v.set("label", std::string(label));
  v.set("value", value);
  v.set("drafted", drafted);
  if (failed.form == "text" && failed.error) {
    for (const auto& f : failed.error->fields())
      if (f.field == key) v.set("error", f.message);
  }
  return v;
}

http::Response report_page(WebContext& ctx, const http::Request& req, const Principal& p, const Target& t,
                           const Failed& failed, std::string flash, std::string flash_kind) {
  auto rv = ctx.annual_reports->get(p, t.dept.id, t.year);
  if (!rv) return error_page(ctx, req, rv.error());
  const report::AnnualReport& r = rv->report;
  const report::ReportStatus& s = rv->status;
  auto html = official_html(r, t);
  if (!html) return error_page(ctx, req, html.error());
  const std::string csrf = visitor_of(req).csrf_token;

  View view;
  view.set("year", std::to_string(t.year));
  view.set("department_name", r.department_name.empty() ? t.dept.name : r.department_name);
  view.set("base", t.base);
  view.set("csrf", csrf);
  view.set("status", status_view(s));
  view.set("report_html", *html);
  view.set("city_wide", may(p, Permission::kOverseeAnnualReports, t.dept.id) && p.is_city_wide());
  view.set("overview_url", fmt::format("/admin/annual-reports?year={}", t.year));

  View errors{View::type::list};
  for (const auto& e : r.check_errors) errors.push_back(View(e));
  view.set("has_check_errors", !r.check_errors.empty());
  view.set("check_errors", errors);

  // The text sections: what was typed (a failed save), the system draft (?use_draft=1) or the
  // text in use.
  const bool draft_stage = s.stage == ReportStage::kNotStarted || s.stage == ReportStage::kDraft;
  const bool can_edit = draft_stage && may(p, Permission::kEditAnnualReport, t.dept.id);
  const bool use_draft = req.query_param("use_draft").value_or("") == "1";
  const bool typed = failed.form == "text" && failed.fields;
  auto value = [&](std::string_view key, const std::string& current, const std::string& drafted) {
    if (typed) return failed.fields->get(key);
    return use_draft ? drafted : current;
  };
  View sections{View::type::list};
  sections.push_back(text_section("overview", "一、总体情况",
                                  value("overview", r.overview, rv->drafted.overview), rv->drafted.overview,
                                  failed));
  sections.push_back(text_section("problems", "五、存在的主要问题及改进情况",
                                  value("problems", r.problems, rv->drafted.problems), rv->drafted.problems,
                                  failed));
  sections.push_back(text_section("other_matters", "六、其他需要报告的事项",
                                  value("other_matters", r.other_matters, rv->drafted.other_matters),
                                  rv->drafted.other_matters, failed));
  view.set("sections", sections);
  view.set("can_edit", can_edit);
  view.set("use_draft", use_draft);
  view.set("text_frozen", !draft_stage);
  view.set("version", typed ? failed.fields->get("version") : std::to_string(s.version));
  if (failed.error) {
    View fe;
    fe.set("message", error_message(*failed.error));
    view.set(failed.form + "_error", fe);
  }

  if (rv->previous) {
    view.set("comparison", comparison_view(r, *rv->previous));
    view.set("has_comparison", true);
  }

  // Actions by stage and permission (the service decides in the end).
  const bool submitted = s.stage == ReportStage::kSubmitted;
  view.set("can_submit",
           s.stage == ReportStage::kDraft && may(p, Permission::kSubmitAnnualReport, t.dept.id));
  view.set("submit_blocked", !r.check_errors.empty());
  view.set("needs_save", s.stage == ReportStage::kNotStarted);
  view.set("can_reopen", submitted && !s.document &&
                             (may(p, Permission::kOverseeAnnualReports, t.dept.id) ||
                              may(p, Permission::kSubmitAnnualReport, t.dept.id)));
  view.set("can_publish", submitted && may_publish(p, t.dept.id));
  view.set("reason", failed.form == "reopen" && failed.fields ? failed.fields->get("reason") : "");
  if (s.document) view.set("document_id", std::to_string(s.document->value));

  View downloads{View::type::list};
  for (auto [ext, label] : {std::pair{"pdf", "PDF"}, std::pair{"docx", "Word（DOCX）"},
                            std::pair{"xlsx", "Excel（XLSX）"}, std::pair{"json", "JSON 数据"}}) {
    View d;
    d.set("href", fmt::format("/admin/annual-reports/{}/{}.{}", t.year, http::url_encode(t.dept.code), ext));
    d.set("label", label);
    d.set("ext", ext);
    downloads.push_back(d);
  }
  view.set("downloads", downloads);

  View reminders{View::type::list};
  if (auto list = ctx.annual_reports->reminders(p, 20, t.dept.id)) {
    for (const auto& rem : *list) {
      View i;
      i.set("message", rem.message);
      i.set("at", rem.created_at.local_date().to_string());
      i.set("overdue", rem.threshold == "overdue");
      reminders.push_back(i);
    }
  }
  view.set("has_reminders", !reminders.list_value().empty());
  view.set("reminders", reminders);

  PageOptions opts = admin_page(fmt::format("{}{}年政府信息公开工作年度报告", t.dept.name, t.year),
                                failed.error ? http_status_for(failed.error->code()) : 200);
  opts.flash = std::move(flash);
  opts.flash_kind = std::move(flash_kind);
  return render_page(ctx, req, "admin_annual_report", view, opts);
}

http::Response download(WebContext& ctx, const http::Request& req, const Principal& p, const Target& t,
                        std::string_view format) {
  const bool json = format == "json";
  auto r = ctx.annual_reports->report(p, t.dept.id, t.year, /*drill_down=*/json);
  if (!r) return error_page(ctx, req, r.error());
  std::string bytes;
  if (json) {
    bytes = report::to_json(*r, {.text = true, .drill_down = true});
  } else {
    auto rendered = report::render(*r, format);
    if (!rendered) return error_page(ctx, req, rendered.error());
    bytes = std::move(*rendered);
  }
  const std::string organ = r->department_name.empty() ? t.dept.name : r->department_name;
  const std::string name = fmt::format("{}{}年政府信息公开工作年度报告.{}", organ, t.year, format);
  http::Response res = http::Response::text(std::move(bytes));
  res.headers.set("Content-Type", json ? std::string("application/json; charset=utf-8")
                                       : std::string(report::render_content_type(format)));
  res.headers.set("Content-Disposition",
                  http::attachment_disposition(name, fmt::format("annual-report-{}-{}.{}", t.year, t.dept.code, format)));
  res.headers.set("Cache-Control", "private, no-store");
  return res;
}

// Errors an officer can fix on the report page.
bool shown_inline(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kConflict:
    case ErrorCode::kFailedPrecondition:
      return true;
    default:
      return false;
  }
}

// What every POST handler starts with.
struct Posted {
  Principal principal;
  Target target;
  Form form;
};

Result<Posted> posted(WebContext& ctx, const http::Request& req) {
  if (!ctx.annual_reports) return fail(reports_not_wired());
  GK_TRY_ASSIGN(p, require_staff(req));
  GK_TRY_ASSIGN(t, target_of(ctx, req, req.param("code")));
  GK_TRY_ASSIGN(form, read_form(req));
  return Posted{std::move(p), std::move(t), std::move(form)};
}

Result<int> version_of(const Form& f) {
  auto v = to_int(f.get("version"));
  if (!v || *v < 0) return fail(Error::invalid_field("version", "缺少版本号，请刷新页面后重试"));
  return static_cast<int>(*v);
}

// After a POST: back to the report page with a notice, or the page again with the error.
http::Response after(WebContext& ctx, const http::Request& req, const Posted& in, std::string_view form,
                     const Status& st) {
  if (st) return http::Response::redirect(fmt::format("{}?done={}", in.target.base, form));
  if (!shown_inline(st.error())) return error_page(ctx, req, st.error());
  return report_page(ctx, req, in.principal, in.target, {std::string(form), &in.form, &st.error()},
                     error_message(st.error()), "error");
}

View statistics_rows(WebContext& ctx, const Principal& p, const std::vector<accounts::Department>& depts,
                     int year, Status& st) {
  auto fees = [](int64_t yuan) {
    std::string s = fmt::format("{:.4f}", static_cast<double>(yuan) / 10000.0);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
  };
  auto row = [&](const std::string& name, const report::StatisticsRow& t) {
    View v;
    v.set("department", name);
    v.set("licensing_decisions", std::to_string(t.licensing_decisions));
    v.set("penalties", std::to_string(t.penalties));
    v.set("enforcement_measures", std::to_string(t.enforcement_measures));
    v.set("fees", fees(t.fees_yuan));
    return v;
  };
  View list{View::type::list};
  for (const auto& d : depts) {
    if (!p.is_city_wide() && d.id != p.department) continue;
    auto t = ctx.statistics->totals(year, d.id);
    if (!t) {
      st = fail(t.error());
      return list;
    }
    list.push_back(row(d.name, *t));
  }
  if (p.is_city_wide()) {
    auto t = ctx.statistics->totals(year, std::nullopt);
    if (!t) {
      st = fail(t.error());
      return list;
    }
    View total = row("全市合计", *t);
    total.set("total", true);
    list.push_back(total);
  }
  return list;
}

struct UploadResult {
  int written = 0;
  std::vector<std::pair<int, std::string>> rejected;
  const Error* error = nullptr;
  bool done = false;
};

http::Response statistics_page(WebContext& ctx, const http::Request& req, const Principal& p, int year,
                               const UploadResult& result) {
  auto depts = ctx.accounts.list_departments(&p);
  if (!depts) return error_page(ctx, req, depts.error());
  Status st = ok();
  View rows = statistics_rows(ctx, p, *depts, year, st);
  if (!st) return error_page(ctx, req, st.error());
  View view;
  view.set("year", std::to_string(year));
  view.set("years", year_options(year, ctx.clock.today()));
  view.set("header", std::string(kStatisticsHeader));
  view.set("csrf", visitor_of(req).csrf_token);
  view.set("rows", rows);
  view.set("scope", p.is_city_wide() ? std::string("全市") : p.department_name);
  view.set("can_upload", may(p, Permission::kUploadReportStatistics, p.department));
  view.set("overview_url", fmt::format("/admin/annual-reports?year={}", year));
  if (result.done || result.error) {
    View r;
    r.set("written", std::to_string(result.written));
    r.set("ok", result.error == nullptr);
    if (result.error) r.set("error", result.error->message());
    View rejected{View::type::list};
    for (const auto& [line, reason] : result.rejected) {
      View i;
      i.set("line", std::to_string(line));
      i.set("reason", reason);
      rejected.push_back(i);
    }
    r.set("has_rejected", !result.rejected.empty());
    r.set("rejected", rejected);
    view.set("result", r);
  }
  PageOptions opts =
      admin_page("年度报告统计数据", result.error ? http_status_for(result.error->code()) : 200);
  if (result.done && !result.error) {
    opts.flash = result.rejected.empty() ? fmt::format("已写入 {} 行统计数据。", result.written)
                                         : fmt::format("已写入 {} 行，{} 行未导入（原因见下）。",
                                                       result.written, result.rejected.size());
    opts.flash_kind = result.rejected.empty() ? "ok" : "warning";
  } else if (result.error) {
    opts.flash = result.error->message();
    opts.flash_kind = "error";
  }
  return render_page(ctx, req, "admin_annual_report_statistics", view, opts);
}

// The report year a published report's document stands for: "<organ>YYYY年政府信息公开工作年度报告",
// else the year before its publication.
int report_year_of(const documents::Document& d) {
  static const std::regex kTitleYear("(\\d{4})年(?:度)?政府信息公开工作年度报告");
  std::smatch m;
  if (std::regex_search(d.title, m, kTitleYear)) return std::stoi(m[1].str());
  return d.published_at ? d.published_at->local_date().year() - 1 : 0;
}

}  // namespace

http::Response admin_annual_reports(WebContext& ctx, http::Request& req) {
  if (!ctx.annual_reports) return error_page(ctx, req, reports_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto year = year_of(req, ctx.clock.today());
  if (!year) return error_page(ctx, req, year.error());
  if (!accounts::authorize(&*p, Permission::kOverseeAnnualReports)) {
    // Department staff work on their own organ's report.
    auto depts = all_departments(ctx);
    if (!depts) return error_page(ctx, req, depts.error());
    auto own = department_by_id(*depts, p->department);
    if (!own) return error_page(ctx, req, Error::not_found("没有找到本单位"));
    return http::Response::redirect(
        fmt::format("/admin/annual-reports/{}/{}", *year, http::url_encode(own->code)));
  }
  auto rows = ctx.annual_reports->overview(*p, *year);
  if (!rows) return error_page(ctx, req, rows.error());
  View list{View::type::list};
  int published = 0, submitted = 0, overdue = 0;
  std::map<int64_t, std::string> names;
  for (const auto& s : *rows) {
    list.push_back(status_view(s));
    names[s.department.id.value] = s.department.name;
    published += s.stage == ReportStage::kPublished;
    submitted += s.submitted_at.has_value() || s.stage == ReportStage::kSubmitted ||
                 s.stage == ReportStage::kInReview || s.stage == ReportStage::kPublished;
    overdue += s.overdue;
  }
  const int n = static_cast<int>(rows->size());
  View view;
  view.set("year", std::to_string(*year));
  view.set("years", year_options(*year, ctx.clock.today()));
  view.set("rows", list);
  view.set("has_rows", n > 0);
  view.set("total", std::to_string(n));
  view.set("published", std::to_string(published));
  view.set("submitted", std::to_string(submitted));
  view.set("overdue", std::to_string(overdue));
  view.set("has_overdue", overdue > 0);
  view.set("percent", std::to_string(n > 0 ? published * 100 / n : 0));
  view.set("statistics", ctx.statistics != nullptr);
  View reminders{View::type::list};
  if (auto list_r = ctx.annual_reports->reminders(*p, 20)) {
    for (const auto& rem : *list_r) {
      View i;
      i.set("message", rem.message);
      i.set("department", names.contains(rem.department.value) ? names[rem.department.value] : std::string());
      i.set("at", rem.created_at.local_date().to_string());
      i.set("overdue", rem.threshold == "overdue");
      reminders.push_back(i);
    }
  }
  view.set("has_reminders", !reminders.list_value().empty());
  view.set("reminder_count", std::to_string(reminders.list_value().size()));
  view.set("reminders", reminders);
  return render_page(ctx, req, "admin_annual_reports", view, admin_page("政府信息公开工作年度报告"));
}

http::Response admin_annual_report(WebContext& ctx, http::Request& req) {
  if (!ctx.annual_reports) return error_page(ctx, req, reports_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  std::string_view code = req.param("code");
  std::string_view format;
  if (auto dot = code.rfind('.'); dot != std::string_view::npos) {
    format = code.substr(dot + 1);
    code = code.substr(0, dot);
    if (format != "pdf" && format != "docx" && format != "xlsx" && format != "json")
      return error_page(ctx, req, Error::not_found("不支持的下载格式"));
  }
  auto t = target_of(ctx, req, code);
  if (!t) return error_page(ctx, req, t.error());
  if (!format.empty()) return download(ctx, req, *p, *t, format);
  std::string flash;
  if (auto done = req.query_param("done")) flash = std::string(done_message(*done));
  return report_page(ctx, req, *p, *t, {}, flash, "ok");
}

http::Response admin_annual_report_cells(WebContext& ctx, http::Request& req) {
  if (!ctx.annual_reports) return error_page(ctx, req, reports_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto t = target_of(ctx, req, req.param("code"));
  if (!t) return error_page(ctx, req, t.error());
  const std::string row = req.query_param("row").value_or("");
  const std::string column = req.query_param("column").value_or("");
  auto ids = ctx.annual_reports->cell_ids(*p, t->dept.id, t->year, row, column);
  if (!ids) return error_page(ctx, req, ids.error());

  // Section 三 cells count cases; section 四 cells count remedies and lead to the cases behind them;
  // section 二's normative-document cells lead to the documents.
  const auto remedy_kind = foi::parse_remedy_kind(row);
  const bool documents = row == "normative_documents" || row == "rules";
  std::string row_label, column_label;
  if (documents) {
    row_label = row == "rules" ? "规章" : "行政规范性文件";
    column_label = column == "issued" ? "本年制发件数" : column == "repealed" ? "本年废止件数" : "现行有效件数";
  } else if (remedy_kind) {
    row_label = std::string(foi::remedy_kind_label(*remedy_kind));
    if (auto o = foi::parse_remedy_outcome(column))
      column_label = std::string(foi::remedy_outcome_label(*o));
    else
      column_label = "总计";
  } else {
    row_label = std::string(report::application_row_label(row));
    column_label = std::string(report::application_column_label(column));
  }

  const int64_t total = static_cast<int64_t>(ids->size());
  const int pages = std::max<int>(1, static_cast<int>((total + kCasesPerPage - 1) / kCasesPerPage));
  const int page = static_cast<int>(
      std::clamp<int64_t>(to_int(req.query_param("page").value_or("1")).value_or(1), 1, pages));
  const RequestContext rc = request_context(req);
  View items{View::type::list};
  for (int64_t i = static_cast<int64_t>(page - 1) * kCasesPerPage;
       i < std::min<int64_t>(total, page * kCasesPerPage); ++i) {
    const int64_t id = (*ids)[static_cast<size_t>(i)];
    View item;
    item.set("id", std::to_string(id));
    if (documents) {
      auto dv = ctx.documents.get(*p, DocumentId(id));
      if (!dv) {
        const auto code = dv.error().code();
        if (code != ErrorCode::kPermissionDenied && code != ErrorCode::kNotFound)
          return error_page(ctx, req, dv.error());
        item.set("hidden", true);
      } else {
        const documents::Document& d = dv->document;
        item.set("title", d.title);
        item.set("doc_number", d.doc_number.value_or("—"));
        if (d.published_at) item.set("published_on", d.published_at->local_date().to_string());
        item.set("validity", std::string(documents::validity_label(dv->validity.status)));
        item.set("doc_href", fmt::format("/admin/documents/{}", id));
      }
      items.push_back(item);
      continue;
    }
    if (!ctx.foi) {
      item.set("bare", true);
      items.push_back(item);
      continue;
    }
    auto cv = ctx.foi->get(*p, FoiCaseId(id), rc);
    if (!cv) {
      const auto code = cv.error().code();
      if (code != ErrorCode::kPermissionDenied && code != ErrorCode::kNotFound)
        return error_page(ctx, req, cv.error());
      item.set("hidden", true);
      items.push_back(item);
      continue;
    }
    const foi::FoiCase& c = cv->foi_case;
    item.set("tracking_number", c.tracking_number);
    item.set("title", c.sought.title.empty() ? c.sought.description : c.sought.title);
    item.set("received_on", c.received_on.to_string());
    item.set("state", std::string(foi::case_state_label(c.state)));
    if (c.outcome) item.set("outcome", std::string(foi::info(*c.outcome).label));
    if (c.closed_on) item.set("closed_on", c.closed_on->to_string());
    item.set("href", fmt::format("/admin/foi/{}", id));
    items.push_back(item);
  }
  View view;
  view.set("year", std::to_string(t->year));
  view.set("department_name", t->dept.name);
  view.set("report_url", t->base);
  view.set("row_label", row_label);
  view.set("column_label", column_label);
  view.set("count", std::to_string(total));
  view.set("remedies", remedy_kind.has_value());
  view.set("documents", documents);
  view.set("items", items);
  view.set("has_items", total > 0);
  view.set("pager_html", render_pager(ctx, cells_url(*t, row, column), page, kCasesPerPage, total));
  return render_page(ctx, req, "admin_annual_report_cells", view,
                     admin_page(fmt::format("{} · {}", row_label, column_label)));
}

http::Response admin_annual_report_text(WebContext& ctx, http::Request& req) {
  auto in = posted(ctx, req);
  if (!in) return error_page(ctx, req, in.error());
  Status st = [&]() -> Status {
    GK_TRY_ASSIGN(version, version_of(in->form));
    report::ReportText text{in->form.get("overview"), in->form.get("problems"),
                            in->form.get("other_matters")};
    return ctx.annual_reports->save_text(in->principal, in->target.dept.id, in->target.year, version, text,
                                         request_context(req));
  }();
  return after(ctx, req, *in, "text", st);
}

http::Response admin_annual_report_submit(WebContext& ctx, http::Request& req) {
  auto in = posted(ctx, req);
  if (!in) return error_page(ctx, req, in.error());
  Status st = [&]() -> Status {
    GK_TRY_ASSIGN(version, version_of(in->form));
    return ctx.annual_reports->submit(in->principal, in->target.dept.id, in->target.year, version,
                                      request_context(req));
  }();
  return after(ctx, req, *in, "submit", st);
}

http::Response admin_annual_report_reopen(WebContext& ctx, http::Request& req) {
  auto in = posted(ctx, req);
  if (!in) return error_page(ctx, req, in.error());
  Status st = [&]() -> Status {
    GK_TRY_ASSIGN(version, version_of(in->form));
    const std::string reason = trim(in->form.get("reason"));
    if (reason.empty()) return fail(Error::invalid_field("reason", "请说明退回修改的理由"));
    return ctx.annual_reports->reopen(in->principal, in->target.dept.id, in->target.year, version, reason,
                                      request_context(req));
  }();
  return after(ctx, req, *in, "reopen", st);
}

http::Response admin_annual_report_publish(WebContext& ctx, http::Request& req) {
  auto in = posted(ctx, req);
  if (!in) return error_page(ctx, req, in.error());
  auto doc =
      ctx.annual_reports->publish(in->principal, in->target.dept.id, in->target.year, request_context(req));
  if (doc) return http::Response::redirect(fmt::format("/admin/documents/{}", doc->value));
  return after(ctx, req, *in, "publish", fail(doc.error()));
}

http::Response admin_annual_report_statistics(WebContext& ctx, http::Request& req) {
  if (!ctx.statistics) return error_page(ctx, req, statistics_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto year = year_of(req, ctx.clock.today());
  if (!year) return error_page(ctx, req, year.error());
  return statistics_page(ctx, req, *p, *year, {});
}

http::Response admin_annual_report_statistics_upload(WebContext& ctx, http::Request& req) {
  if (!ctx.statistics) return error_page(ctx, req, statistics_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  // Before the form or the file is parsed: staff who may not upload statistics get the page with the
  // 403 message, and no parser runs over what they sent.
  if (Status may = ctx.statistics->check_may_upload(*p); !may) {
    const Error denied = may.error();
    UploadResult refused;
    refused.error = &denied;
    return statistics_page(ctx, req, *p, ctx.clock.today().year() - 1, refused);
  }
  const std::string content_type(req.headers.get("Content-Type").value_or(""));
  auto parts = parse_multipart(content_type, req.body);
  if (!parts) return error_page(ctx, req, parts.error());
  int year = ctx.clock.today().year() - 1;
  if (auto y = multipart_field(*parts, "year"); y && year_value(*y)) year = *year_value(*y);
  UploadResult result;
  Error failure = Error::invalid_field("file", "请选择要上传的 CSV 或 XLSX 文件");
  const MultipartPart* file = nullptr;
  for (const auto& part : *parts)
    if (part.name == "file" && part.file_name && !part.file_name->empty()) file = &part;
  if (!file || file->data.empty()) {
    result.error = &failure;
    return statistics_page(ctx, req, *p, year, result);
  }
  auto depts = ctx.accounts.list_departments(&*p);
  if (!depts) return error_page(ctx, req, depts.error());
  auto parsed = report::parse_statistics_file(file->data, *depts);
  if (!parsed) {
    if (parsed.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, parsed.error());
    failure = parsed.error();
    result.error = &failure;
    return statistics_page(ctx, req, *p, year, result);
  }
  result.rejected = parsed->rejected;
  result.done = true;
  if (!parsed->rows.empty()) {
    auto written = ctx.statistics->upload(*p, parsed->rows, request_context(req));
    if (!written) {
      const auto code = written.error().code();
      if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kPermissionDenied &&
          code != ErrorCode::kFailedPrecondition)
        return error_page(ctx, req, written.error());
      failure = written.error();
      result.error = &failure;
      result.done = false;
      return statistics_page(ctx, req, *p, year, result);
    }
    result.written = *written;
    year = parsed->rows.front().year;
  }
  return statistics_page(ctx, req, *p, year, result);
}

http::Response portal_annual_reports(WebContext& ctx, http::Request& req) {
  std::optional<int> only;
  if (auto y = req.query_param("year"); y && !y->empty()) {
    only = year_value(*y);
    if (!only) return error_page(ctx, req, Error::invalid_field("year", "年份应为四位数字"));
  }
  auto columns = ctx.documents.columns(std::nullopt);
  if (!columns) return error_page(ctx, req, columns.error());
  auto depts = all_departments(ctx);
  if (!depts) return error_page(ctx, req, depts.error());
  std::map<int64_t, std::pair<int, std::string>> order;  // department id → (sort order, name)
  for (const auto& d : *depts) order[d.id.value] = {d.sort_order, d.name};

  struct Entry {
    int year;
    int sort;
    std::string department;
    documents::Document doc;
  };
  std::vector<Entry> entries;
  // Every organ has its own 政府信息公开年报 column: one listing per column.
  for (const auto& c : *columns) {
    if (c.key != "annual_report" || !c.department) continue;
    documents::DocumentQuery q;
    q.department = c.department;
    q.column = c.id;
    q.per_page = 100;
    for (q.page = 1;; ++q.page) {
      auto page = ctx.documents.list_public(q);
      if (!page) return error_page(ctx, req, page.error());
      for (auto& item : page->items) {
        const int y = report_year_of(item.document);
        if (only && y != *only) continue;
        auto o = order.find(c.department->value);
        entries.push_back({y, o == order.end() ? 0 : o->second.first,
                           !item.department_name.empty() ? item.department_name
                           : o != order.end()            ? o->second.second
                                                         : std::string(),
                           std::move(item.document)});
      }
      if (static_cast<int64_t>(q.page) * q.per_page >= page->total || page->items.empty()) break;
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.year != b.year) return a.year > b.year;
    if (a.sort != b.sort) return a.sort < b.sort;
    return a.department < b.department;
  });
  View years{View::type::list};
  for (size_t i = 0; i < entries.size();) {
    View y;
    y.set("year", std::to_string(entries[i].year));
    View items{View::type::list};
    const int year = entries[i].year;
    for (; i < entries.size() && entries[i].year == year; ++i) {
      View item;
      item.set("id", std::to_string(entries[i].doc.id.value));
      item.set("title", entries[i].doc.title);
      item.set("department", entries[i].department);
      item.set("published_on", published_on(entries[i].doc));
      items.push_back(item);
    }
    y.set("items", items);
    y.set("count", std::to_string(items.list_value().size()));
    years.push_back(y);
  }
  View view;
  view.set("years", years);
  view.set("has_reports", !entries.empty());
  if (only) view.set("only_year", std::to_string(*only));
  PageOptions opts;
  opts.title = "政府信息公开工作年度报告";
  return render_page(ctx, req, "annual_reports", view, opts);
}

}  // namespace gk::web
