#include "web/foi_reading_room_pages.h"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "core/utf8.h"
#include "web/account_pages.h"
#include "web/document_views.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Permission;
using accounts::Principal;

Error room_not_wired() { return Error::unavailable("reading room service is not configured"); }
Error conversions_not_wired() { return Error::unavailable("conversion service is not configured"); }

std::optional<int64_t> positive_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// Department names by id, read once per page.
std::map<int64_t, std::string> department_names(WebContext& ctx) {
  std::map<int64_t, std::string> out;
  if (auto list = ctx.accounts.list_departments(nullptr)) {
    for (const auto& d : *list) out[d.id.value] = d.name;
  }
  return out;
}

std::string name_of(const std::map<int64_t, std::string>& names, DepartmentId id) {
  auto it = names.find(id.value);
  return it == names.end() ? std::string() : it->second;
}

std::string outcome_label(foi::Outcome o) { return std::string(foi::info(o).label); }

// The released text as paragraphs: one per non-blank line (the template escapes each).
View paragraphs(std::string_view text) {
  View list{View::type::list};
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string line = trim(text.substr(0, nl));
    if (!line.empty()) {
      View p;
      p.set("text", line);
      list.push_back(p);
    }
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return list;
}

View entry_row(const foi::ReadingRoomEntry& e, const std::map<int64_t, std::string>& names) {
  View r;
  r.set("id", std::to_string(e.id.value));
  r.set("title", e.title);
  r.set("department", name_of(names, e.department));
  r.set("outcome", outcome_label(e.outcome));
  r.set("replied_on", e.replied_on.to_string());
  r.set("published_on", e.published_at.local_date().to_string());
  return r;
}

// Errors an officer can fix on the page.
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

// What was typed on a failed form, and the error.
struct Typed {
  const Form* form = nullptr;
  const Error* error = nullptr;
  bool withdraw = false;  // the error belongs to the withdraw form
};

http::Response room_form_page(WebContext& ctx, http::Request& req, const Principal& p, FoiCaseId id,
                              const Typed& typed, std::string flash) {
  auto f = ctx.reading_room->form(p, id);
  if (!f) return error_page(ctx, req, f.error());
  const auto names = department_names(ctx);
  const std::string csrf = visitor_of(req).csrf_token;
  View view;
  view.set("case_id", std::to_string(f->case_id.value));
  view.set("tracking_number", f->tracking_number);
  view.set("department", name_of(names, f->department));
  if (f->outcome) view.set("outcome", outcome_label(*f->outcome));
  if (f->replied_on) view.set("replied_on", f->replied_on->to_string());
  view.set("csrf", csrf);
  const bool may_handle =
      static_cast<bool>(accounts::authorize(&p, Permission::kHandleFoiCase, f->department));
  if (f->live) {
    View live = entry_row(*f->live, names);
    live.set("version", std::to_string(f->live->version));
    live.set("masked_count", std::to_string(f->live->masked_count));
    live.set("published_by", f->live->published_by);
    live.set("published_at", f->live->published_at.to_local_display());
    live.set("may_withdraw", may_handle);
    live.set("csrf", csrf);
    if (typed.withdraw) {
      if (typed.form) live.set("reason", typed.form->get("reason"));
      if (typed.error) put_errors(live, *typed.error);
    }
    view.set("live", live);
  } else if (f->publishable && may_handle) {
    View form;
    form.set("case_id", std::to_string(f->case_id.value));
    form.set("csrf", csrf);
    const bool mine = !typed.withdraw && typed.form;
    form.set("title", mine ? typed.form->get("title") : f->suggested_title);
    form.set("body", mine ? typed.form->get("body") : std::string());
    if (!typed.withdraw && typed.error) put_errors(form, *typed.error);
    view.set("form", form);
  } else if (!f->publishable) {
    view.set("not_publishable", true);
  }
  if (typed.error && typed.withdraw && !f->live) view.set("error", typed.error->message());
  auto opts = admin_page("发布到依申请公开阅览室 " + f->tracking_number,
                         typed.error ? http_status_for(typed.error->code()) : 200);
  if (!flash.empty()) {
    opts.flash = std::move(flash);
  } else if (typed.error) {
    opts.flash = typed.error->message();
    opts.flash_kind = "error";
  }
  return render_page(ctx, req, "foi_admin_reading_room", view, opts);
}

std::string_view done_message(std::string_view key) {
  if (key == "published") return "已发布到依申请公开阅览室，申请人的个人信息已隐去。";
  if (key == "withdrawn") return "已从依申请公开阅览室撤回。";
  return "";
}

http::Response conversions_page(WebContext& ctx, http::Request& req, const Principal& p, const Form* typed,
                                const Error* error) {
  auto groups = ctx.conversions->suggestions(p, std::nullopt);
  if (!groups) return error_page(ctx, req, groups.error());
  auto done = ctx.conversions->conversions(p, std::nullopt);
  if (!done) return error_page(ctx, req, done.error());
  const auto names = department_names(ctx);
  const std::string csrf = visitor_of(req).csrf_token;
  // A failed conversion keeps the officer's choice of cases on its group's form.
  std::vector<std::string> chosen;
  if (typed) chosen = typed->all("case_ids[]");
  auto was_chosen = [&](FoiCaseId id) {
    return std::find(chosen.begin(), chosen.end(), std::to_string(id.value)) != chosen.end();
  };
  View list{View::type::list};
  int n = 0;
  for (const auto& g : *groups) {
    View gv;
    gv.set("n", std::to_string(++n));
    gv.set("title", g.title);
    gv.set("department", name_of(names, g.department));
    gv.set("count", std::to_string(g.cases.size()));
    if (g.released) gv.set("released", std::to_string(g.released->value));
    const bool group_typed =
        typed && std::any_of(g.cases.begin(), g.cases.end(),
                             [&](const foi::SuggestedCase& c) { return was_chosen(c.id); });
    View cases{View::type::list};
    for (const auto& c : g.cases) {
      View cv;
      cv.set("id", std::to_string(c.id.value));
      cv.set("tracking_number", c.tracking_number);
      cv.set("received_on", c.received_on.to_string());
      cv.set("outcome", c.outcome ? outcome_label(*c.outcome) : std::string("办理中"));
      cv.set("text", c.text);
      cv.set("score", fmt::format("{:.0f}%", c.score * 100));
      cv.set("checked", group_typed ? was_chosen(c.id) : true);
      cv.set("n", std::to_string(n));
      cases.push_back(cv);
    }
    gv.set("cases", cases);
    gv.set("may_convert",
           static_cast<bool>(accounts::authorize(&p, Permission::kHandleFoiCase, g.department)));
    gv.set("csrf", csrf);
    if (group_typed && error) gv.set("error", error->message());
    list.push_back(gv);
  }
  View past{View::type::list};
  for (const auto& c : *done) {
    View cv;
    cv.set("id", std::to_string(c.id.value));
    cv.set("title", c.title);
    cv.set("department", name_of(names, c.department));
    cv.set("document", std::to_string(c.document.value));
    cv.set("created_at", c.created_at.to_local_display());
    cv.set("created_by", c.created_by);
    View cases{View::type::list};
    for (FoiCaseId id : c.cases) {
      View i;
      i.set("id", std::to_string(id.value));
      cases.push_back(i);
    }
    cv.set("cases", cases);
    cv.set("case_count", std::to_string(c.cases.size()));
    past.push_back(cv);
  }
  View view;
  view.set("groups", list);
  view.set("has_groups", !groups->empty());
  view.set("conversions", past);
  view.set("has_conversions", !done->empty());
  view.set("min_requests", std::to_string(ctx.conversions->policy().min_requests));
  view.set("threshold", fmt::format("{:.0f}%", ctx.conversions->policy().threshold * 100));
  view.set("window_days", std::to_string(ctx.conversions->policy().window_days));
  auto opts = admin_page("依申请公开转主动公开", error ? http_status_for(error->code()) : 200);
  if (error) {
    opts.flash = error->message();
    opts.flash_kind = "error";
  }
  return render_page(ctx, req, "foi_admin_conversions", view, opts);
}

}  // namespace

http::Response portal_reading_room(WebContext& ctx, http::Request& req) {
  if (!ctx.reading_room) return error_page(ctx, req, room_not_wired());
  int page = 1;
  if (auto raw = req.query_param("page"); raw && !raw->empty()) {
    auto v = positive_int(*raw);
    if (!v || *v > 100000) return error_page(ctx, req, Error::invalid_field("page", "页码应为正整数"));
    page = static_cast<int>(*v);
  }
  auto list = ctx.reading_room->list_public(page, kReadingRoomPerPage);
  if (!list) return error_page(ctx, req, list.error());
  const auto names = department_names(ctx);
  View rows{View::type::list};
  for (const auto& e : list->items) rows.push_back(entry_row(e, names));
  View view;
  view.set("items", rows);
  view.set("has_items", !list->items.empty());
  view.set("total", std::to_string(list->total));
  view.set("pager_html", render_pager(ctx, "/foi/reading-room", list->page, list->per_page, list->total));
  PageOptions opts;
  opts.title = "依申请公开阅览室";
  return render_page(ctx, req, "foi_reading_room", view, opts);
}

http::Response portal_reading_room_entry(WebContext& ctx, http::Request& req) {
  if (!ctx.reading_room) return error_page(ctx, req, room_not_wired());
  auto id = positive_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("该信息不存在或已撤回"));
  auto e = ctx.reading_room->get_public(foi::ReadingRoomEntryId(*id));
  if (!e) return error_page(ctx, req, e.error());
  View view = entry_row(*e, department_names(ctx));
  view.set("paragraphs", paragraphs(e->body));
  view.set("masked", e->masked_count > 0);
  PageOptions opts;
  opts.title = e->title;
  return render_page(ctx, req, "foi_reading_room_entry", view, opts);
}

http::Response admin_reading_room_form(WebContext& ctx, http::Request& req) {
  if (!ctx.reading_room) return error_page(ctx, req, room_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = positive_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("案件不存在"));
  std::string flash;
  if (auto done = req.query_param("done")) flash = std::string(done_message(*done));
  return room_form_page(ctx, req, *p, FoiCaseId(*id), {}, std::move(flash));
}

http::Response admin_reading_room_publish(WebContext& ctx, http::Request& req) {
  if (!ctx.reading_room) return error_page(ctx, req, room_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = positive_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("案件不存在"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  auto entry = ctx.reading_room->publish(*p, FoiCaseId(*id), {form->get("title"), form->get("body")},
                                         request_context(req));
  if (!entry) {
    if (!shown_inline(entry.error())) return error_page(ctx, req, entry.error());
    return room_form_page(ctx, req, *p, FoiCaseId(*id), {&*form, &entry.error(), false}, "");
  }
  return http::Response::redirect(fmt::format("/admin/foi/{}/reading-room?done=published", *id));
}

http::Response admin_reading_room_withdraw(WebContext& ctx, http::Request& req) {
  if (!ctx.reading_room) return error_page(ctx, req, room_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto id = positive_int(req.param("id"));
  if (!id) return error_page(ctx, req, Error::not_found("该信息不存在"));
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  const foi::ReadingRoomEntryId entry_id(*id);
  // The live entry names its case, the page to come back to; a withdrawn or missing entry leaves
  // the service to say which.
  auto live = ctx.reading_room->get_public(entry_id);
  auto version = positive_int(form->get("version"));
  Status st = version ? ctx.reading_room->withdraw(*p, entry_id, static_cast<int>(*version),
                                                   form->get("reason"), request_context(req))
                      : Status(fail(Error::invalid_field("version", "缺少版本号，请刷新页面后重试")));
  if (!st) {
    if (!live || !shown_inline(st.error())) return error_page(ctx, req, st.error());
    return room_form_page(ctx, req, *p, live->case_id, {&*form, &st.error(), true}, "");
  }
  if (!live) return http::Response::redirect("/admin/foi");
  return http::Response::redirect(
      fmt::format("/admin/foi/{}/reading-room?done=withdrawn", live->case_id.value));
}

http::Response admin_foi_conversions(WebContext& ctx, http::Request& req) {
  if (!ctx.conversions) return error_page(ctx, req, conversions_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  return conversions_page(ctx, req, *p, nullptr, nullptr);
}

http::Response admin_foi_convert(WebContext& ctx, http::Request& req) {
  if (!ctx.conversions) return error_page(ctx, req, conversions_not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  std::vector<FoiCaseId> ids;
  for (const auto& raw : form->all("case_ids[]")) {
    auto v = positive_int(trim(raw));
    if (!v) {
      const Error e = Error::invalid_field("cases", "所选申请有误，请刷新页面后重试");
      return conversions_page(ctx, req, *p, &*form, &e);
    }
    ids.push_back(FoiCaseId(*v));
  }
  auto result = ctx.conversions->convert(*p, ids, request_context(req));
  if (!result) {
    if (!shown_inline(result.error())) return error_page(ctx, req, result.error());
    return conversions_page(ctx, req, *p, &*form, &result.error());
  }
  return http::Response::redirect(fmt::format("/admin/documents/{}", result->document.value));
}

}  // namespace gk::web
